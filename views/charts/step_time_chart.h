#pragma once

#include "views/charts/result_chart_view.h"
#include "views/style/theme.h"

#include <array>

class QBarCategoryAxis;
class QBarSet;
class QCategoryAxis;
class QHorizontalStackedBarSeries;

namespace scalescope::views {

/// Where one optimizer step's time goes (compute, exposed communication per parallel dimension,
/// pipeline bubble, optimizer), one horizontal bar per shown scenario, with MFU.
class StepTimeChart : public ResultChartView {
    Q_OBJECT
public:
    explicit StepTimeChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// The plotted seconds of `term` in bar `bar`.
    [[nodiscard]] double plottedSeconds(StepTerm term, int bar) const;
    [[nodiscard]] int barCount() const;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    void showBarTooltip(bool hovering, int index, StepTerm term);

    QHorizontalStackedBarSeries *m_bars;
    std::array<QBarSet *, kStepTermCount> m_sets{};
    QBarCategoryAxis *m_categoryAxis;
    QCategoryAxis *m_valueAxis;
    std::vector<ShownScenario> m_shown;
};

/// Seconds of one term in a step breakdown.
[[nodiscard]] double stepTermSeconds(const models::StepBreakdown &step, StepTerm term);

} // namespace scalescope::views
