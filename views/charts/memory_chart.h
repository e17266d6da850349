#pragma once

#include "views/charts/result_chart_view.h"
#include "views/style/theme.h"

#include <array>

class QBarCategoryAxis;
class QBarSet;
class QCategoryAxis;
class QLineSeries;
class QStackedBarSeries;

namespace scalescope::views {

/// Memory per GPU: one stacked bar per pipeline stage (terms in fixed colours) against the HBM
/// capacity; in compare mode the most loaded GPU of A and B side by side.
class MemoryChart : public ResultChartView {
    Q_OBJECT
public:
    explicit MemoryChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// The plotted value of `term` in bar `bar` [GiB] (tests read what the chart shows).
    [[nodiscard]] double plottedGib(MemoryTerm term, int bar) const;
    [[nodiscard]] int barCount() const;
    /// The HBM capacity line(s) [GiB], one per shown scenario.
    [[nodiscard]] std::vector<double> hbmLinesGib() const;

    /// Most bars drawn per scenario; deeper pipelines are sampled evenly (first and last kept).
    static constexpr int kMaxStages = 32;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    void showBarTooltip(bool hovering, int index, MemoryTerm term);

    QStackedBarSeries *m_bars;
    std::array<QBarSet *, kMemoryTermCount> m_sets{};
    QBarCategoryAxis *m_categoryAxis;
    QCategoryAxis *m_valueAxis;
    std::vector<QLineSeries *> m_hbmLines; ///< reused; the first m_hbmShown are visible
    int m_hbmShown = 0;
    /// Which scenario (index into the last `shown`) and stage each bar shows.
    std::vector<std::pair<int, int>> m_barOrigin;
    std::vector<ShownScenario> m_shown;
};

} // namespace scalescope::views
