#pragma once

// The link from a planned cluster to the loss it can buy.
//
// References:
//   [1] J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556:
//       C ≈ 6ND (section 3.2) and the compute-optimal allocation of eq. 4.
//   [2] Budget from the cluster: C = GPUs × training seconds × achieved model FLOP/s per GPU
//       (achieved = MFU × peak), the compute the run actually spends on the model.

#include "models/scaling/scaling_laws.h"
#include "models/scenario/scenario_result.h"

namespace scalescope::models {

/// What the planner knows about a training scenario.
struct ScalingLinkInputs {
    double gpuCount = 0.0;
    double trainingSeconds = 0.0;
    double achievedFlopsPerGpu = 0.0; ///< model FLOP/s each GPU delivers (MFU × peak)
    ParameterCount parameters;        ///< the scenario's model, in the law's counting
    double tokens = 0.0;              ///< the scenario's training tokens
    bool operator==(const ScalingLinkInputs &) const = default;
};

/// C = GPUs × seconds × achieved FLOP/s [FLOP] [2].
[[nodiscard]] double clusterComputeFlop(double gpuCount, double trainingSeconds,
                                        double achievedFlopsPerGpu);

/// The scaling view of a scenario under `law`: the budget C [2]; the compute-optimal N and D
/// for C and the loss there [1]; the loss of the scenario's own N and D; and the optimal loss
/// with 2C ("what does twice the cluster buy"). Throws std::logic_error for a non-positive
/// or non-finite input, or a parameter count made with another convention than the law's.
[[nodiscard]] ScalingLink scalingLink(const ScalingLinkInputs &inputs, const ChinchillaLaw &law);

} // namespace scalescope::models
