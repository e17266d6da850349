#include "app/data/app_data.h"

#include "models/core/input_error.h"
#include "models/planner/gpu_sweep.h"
#include "models/planner/planner.h"
#include "models/rack/rack_traffic.h"

namespace scalescope::app {

Evaluator plannerEvaluator(std::shared_ptr<const AppData> data) {
    return [data = std::move(data)](const models::Scenario &scenario) {
        models::ScenarioResult result = models::evaluate(scenario, data->catalog);
        if (!result.valid)
            return result;
        // 13 whole-scenario evaluations, about 0.16 ms per edit (bench_planner,
        // BM_GpuCountSweep*): cheap enough to be part of every evaluation rather than a
        // background job.
        result.gpuSweep = models::gpuCountSweep(scenario, [&](const models::Scenario &variant) {
            return models::evaluate(variant, data->catalog);
        });
        // The rack view draws this job: the planner's rank order, traffic and effective
        // bandwidths, so the picture and the step time charge the same links.
        try {
            result.rackJob = std::make_shared<const models::RackJob>(
                models::plannerRackJob(scenario, data->catalog, scenario.planner));
        } catch (const models::InputError &error) {
            result.rackError = error.field() + ": " + error.reason();
        }
        return result;
    };
}

} // namespace scalescope::app
