#pragma once

// The GPU-count sweep of the "Time and cost vs GPU count" chart: the same job with its
// data-parallel size scaled by powers of two. Computed once per evaluation
// (app/document/planner_evaluator.cpp) and carried in ScenarioResult::gpuSweep.

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

#include <functional>
#include <vector>

namespace scalescope::models {

/// Down to 1/16 of the scenario's GPUs.
inline constexpr int kGpuSweepDown = 4;
/// Up to 256× (clusters grow more than they shrink).
inline constexpr int kGpuSweepUp = 8;
/// No variant beyond this many GPUs.
inline constexpr long long kGpuSweepMaxGpus = 1'000'000;

/// Evaluates `scenario` with dp' = dp × 2^k (k in [-kGpuSweepDown, kGpuSweepUp]; k < 0 only
/// when 2^-k divides dp) and num_gpus = dp' × tp × pp × cp; TP, PP, CP and the batch are kept.
/// Keeps, in increasing GPU count, the variants that are valid, fit in memory and train in a
/// positive time. An exception of `evaluate` drops that variant only.
[[nodiscard]] std::vector<GpuSweepPoint>
gpuCountSweep(const Scenario &scenario,
              const std::function<ScenarioResult(const Scenario &)> &evaluate);

} // namespace scalescope::models
