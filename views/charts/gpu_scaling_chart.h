#pragma once

#include "models/scenario/scenario_result.h"
#include "views/charts/result_chart_view.h"

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

using models::GpuSweepPoint;

/// Training time and cost against GPU count: the evaluated result's GPU-count sweep
/// (ScenarioResult::gpuSweep, models/planner/gpu_sweep.h: the data-parallel size scaled by
/// powers of two, infeasible counts left out). The scenario's own count is marked. Draws only.
class GpuScalingChart : public ResultChartView {
    Q_OBJECT
public:
    explicit GpuScalingChart(app::ScenarioDocument *document, QWidget *parent = nullptr);

    /// The points drawn for shown scenario `slot` (tests).
    [[nodiscard]] const std::vector<GpuSweepPoint> &plotted(int slot) const;

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
