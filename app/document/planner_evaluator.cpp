#include "app/data/app_data.h"

#include "models/planner/planner.h"

namespace scalescope::app {

Evaluator plannerEvaluator(std::shared_ptr<const AppData> data) {
    return [data = std::move(data)](const models::Scenario &scenario) {
        return models::evaluate(scenario, data->catalog);
    };
}

} // namespace scalescope::app
