#pragma once

// The scaling-law section of a planned training scenario (plan --json "scaling").
//
// References:
//   [1] Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt" (arXiv:2404.10102):
//       the Huber-likelihood estimate used as the default law (docs/reference/FITS.md row E2).
//   [2] models/scaling/scaling_link.h: C = GPUs × training seconds × achieved model FLOP/s.

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

#include <optional>

namespace scalescope::models {

/// The compute budget the planned run spends, the compute-optimal N and D for it, the loss
/// there, the loss of the scenario's own model and tokens, and the optimal loss with twice the
/// cluster, under Epoch's Chinchilla fit [1]. MoE models are placed by their active parameters
/// (the law was fitted on dense models; `warning` says so). Empty when the result has no
/// positive throughput or training time.
[[nodiscard]] std::optional<ScalingLink> scenarioScaling(const Scenario &scenario,
                                                         const ScenarioResult &result,
                                                         std::string *warning = nullptr);

} // namespace scalescope::models
