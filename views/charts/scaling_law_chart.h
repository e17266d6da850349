#pragma once

#include "views/charts/result_chart_view.h"

#include <array>

class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

/// Loss against training compute: the compute-optimal frontier L_opt(C) of the published
/// Chinchilla fits (Epoch's replication, the default of the planner, and Hoffmann's printed
/// constants), Kaplan's L(C_min), the user's fit with its bootstrap band when there is one, and
/// each shown scenario: its loss at the budget its cluster spends, the optimum at that budget
/// and what twice the cluster would buy. The curves are the document's samples
/// (ScenarioDocument::scalingFrontiers, the fit's band from ScenarioDocument::scalingFit): this
/// chart picks the budgets it shows and draws them.
class ScalingLawChart : public ResultChartView {
    Q_OBJECT
public:
    explicit ScalingLawChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// Points of the named curve ("epoch", "hoffmann", "kaplan", "fit") as (log10 C, loss).
    [[nodiscard]] QList<QPointF> curvePoints(const QString &name) const;
    /// The "this run" markers as (log10 C, loss), one per shown scenario.
    [[nodiscard]] QList<QPointF> scenarioPoints() const;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;
    void changeEvent(QEvent *event) override;

private:
    void showRunTooltip(int slot, const QPointF &point, bool on);
    /// The published laws in the text colour (solid Epoch, dashed Hoffmann) and grey (dotted
    /// Kaplan): scenario colours stay reserved for the scenarios (docs/reference/UX.md, compare
    /// mode).
    void applyLawPens();

    std::vector<std::shared_ptr<const models::ScenarioResult>> m_shownResults;
    QCategoryAxis *m_computeAxis;
    QCategoryAxis *m_lossAxis;
    QLineSeries *m_epoch;
    QLineSeries *m_hoffmann;
    QLineSeries *m_kaplan;
    QLineSeries *m_fit;
    QLineSeries *m_bandLower;
    QLineSeries *m_bandUpper;
    QAreaSeries *m_band;
    std::array<QScatterSeries *, 2> m_runs{}; ///< "this run": one series per shown scenario
    QScatterSeries *m_optima;
    QScatterSeries *m_doubled;
};

} // namespace scalescope::views
