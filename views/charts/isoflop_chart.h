#pragma once

#include "views/charts/result_chart_view.h"

#include <array>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

/// IsoFLOP curves: loss against model size at fixed training compute (D = C / 6N) under
/// Epoch's Chinchilla fit, for the current run's budget and the decades around it, each with
/// its optimum marked, and the run itself.
class IsoFlopChart : public ResultChartView {
    Q_OBJECT
public:
    explicit IsoFlopChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// The budgets drawn [FLOP], smallest first.
    [[nodiscard]] std::vector<double> budgets() const { return m_budgets; }
    /// Points of curve `index` as (log10 N, loss).
    [[nodiscard]] QList<QPointF> curvePoints(int index) const;
    /// The curve minima as (log10 N, loss).
    [[nodiscard]] QList<QPointF> optimaPoints() const;

    static constexpr int kCurves = 4;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    QCategoryAxis *m_parameterAxis;
    QCategoryAxis *m_lossAxis;
    std::array<QLineSeries *, kCurves> m_curves{};
    QScatterSeries *m_optima;
    QScatterSeries *m_run;
    std::vector<double> m_budgets;
};

} // namespace scalescope::views
