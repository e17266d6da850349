#pragma once

// The user's scaling-law fit in a workspace file: the optional top-level member "scaling_fit"
// (docs/file-formats.md, "The user's scaling-law fit"), read and written by scenario_io:
//   "scaling_fit": {"source": "runs.csv",
//                   "law": {"id", "name", "E", "A", "B", "alpha", "beta",
//                           "parameter_counting": "total" | "non-embedding"},
//                   "band": {"compute_flop": [...], "lower": [...], "upper": [...]}}
// ("band" optional; its three arrays have one number per budget).

#include "models/core/json_reader.h"
#include "models/scaling/scaling_frontier.h"

#include <nlohmann/json.hpp>

namespace scalescope::models {

/// Reads the "scaling_fit" object; throws InputError naming the JSON pointer at fault.
[[nodiscard]] UserScalingFit readUserScalingFit(const JsonObject &object);

/// The "scaling_fit" object of `fit`, as readUserScalingFit reads it back.
[[nodiscard]] nlohmann::ordered_json userScalingFitToJson(const UserScalingFit &fit);

} // namespace scalescope::models
