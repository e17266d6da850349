#pragma once

// How a training-planner result is reported: the `plan --json` object of docs/file-formats.md and
// the human-readable table of `scalescope plan`.

#include "models/scenario/scenario_result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace scalescope::app {

/// One element of `plan --json`'s "results" array (SI units in the field names: bytes, s,
/// tokens/s; TFLOP/s, days and MWh where the name says so), with every explanation.
[[nodiscard]] nlohmann::ordered_json planResultJson(const models::ScenarioResult &result);

/// The result as text: memory by term, step time by term, throughput and the whole run.
[[nodiscard]] std::string renderPlanText(const models::ScenarioResult &result);

} // namespace scalescope::app
