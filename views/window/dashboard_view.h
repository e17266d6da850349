#pragma once

#include <QWidget>

#include <vector>

namespace scalescope::views {

class ResultChartView;
struct ViewContext;

/// The linked overview: memory, step time, time & cost vs GPUs and the scaling law in a grid.
class DashboardView : public QWidget {
    Q_OBJECT
public:
    DashboardView(const ViewContext &context, QWidget *parent = nullptr);

    [[nodiscard]] const std::vector<ResultChartView *> &charts() const { return m_charts; }

private:
    std::vector<ResultChartView *> m_charts;
};

} // namespace scalescope::views
