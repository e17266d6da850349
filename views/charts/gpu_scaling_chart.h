#pragma once

#include "models/scenario/scenario.h"
#include "views/charts/result_chart_view.h"

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

/// One point of a GPU-count sweep.
struct GpuSweepPoint {
    int gpus = 0;
    double trainingSeconds = 0.0;
    double costUsd = 0.0;
    bool operator==(const GpuSweepPoint &) const = default;
};

/// Training time and cost against GPU count: the scenario re-evaluated with its data-parallel
/// size scaled by powers of two (TP, PP, CP, batch fixed); infeasible counts (memory, batch
/// divisibility) are left out. The scenario's own count is marked.
class GpuScalingChart : public ResultChartView {
    Q_OBJECT
public:
    explicit GpuScalingChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// Sweeps DP by 2^k, k in [-kSweepDown, kSweepUp], keeping feasible points.
    [[nodiscard]] std::vector<GpuSweepPoint> sweep(const models::Scenario &scenario) const;
    /// The points drawn for shown scenario `slot` (tests).
    [[nodiscard]] const std::vector<GpuSweepPoint> &plotted(int slot) const;

    static constexpr int kSweepDown = 4; ///< down to 1/16 of the scenario's GPUs
    static constexpr int kSweepUp = 8;   ///< up to 256× (clusters grow more than they shrink)

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    /// The series of one shown scenario, created once and refilled on every refresh.
    struct Slot {
        QLineSeries *days = nullptr;
        QLineSeries *cost = nullptr;
        QScatterSeries *here = nullptr;
    };
    Slot &slot(int index);
    void showScenarioTooltip(int index, bool on);

    std::vector<Slot> m_slots;
    std::vector<std::shared_ptr<const models::ScenarioResult>> m_heldResults;
    QCategoryAxis *m_gpuAxis;
    QCategoryAxis *m_daysAxis;
    QCategoryAxis *m_costAxis;
    std::vector<std::vector<GpuSweepPoint>> m_plotted;
};

} // namespace scalescope::views
