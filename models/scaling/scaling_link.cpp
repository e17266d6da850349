#include "models/scaling/scaling_link.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace scalescope::models {

namespace {
/// Contract of the caller (linkScenarioToScaling checks the planner's result first): a
/// violation is a bug, std::logic_error.
void requirePositive(double value, const char *what) {
    if (!(value > 0.0) || !std::isfinite(value))
        throw std::logic_error(std::string("scaling link: ") + what + " must be finite and > 0");
}
} // namespace

double clusterComputeFlop(double gpuCount, double trainingSeconds, double achievedFlopsPerGpu) {
    return gpuCount * trainingSeconds * achievedFlopsPerGpu;
}

ScalingLink scalingLink(const ScalingLinkInputs &inputs, const ChinchillaLaw &law) {
    requirePositive(inputs.gpuCount, "GPU count");
    requirePositive(inputs.trainingSeconds, "training time");
    requirePositive(inputs.achievedFlopsPerGpu, "achieved FLOP/s");
    requirePositive(inputs.parameters.count, "parameter count");
    requirePositive(inputs.tokens, "token count");
    ScalingLink link;
    link.law = law.id;
    link.computeBudgetFlop =
        clusterComputeFlop(inputs.gpuCount, inputs.trainingSeconds, inputs.achievedFlopsPerGpu);
    const auto optimal = law.computeOptimal(link.computeBudgetFlop);
    link.optimalParameters = optimal.parameters.count;
    link.optimalTokens = optimal.tokens;
    link.optimalLoss = optimal.loss;
    link.predictedLoss = law.loss(inputs.parameters, inputs.tokens);
    link.doubledClusterLoss = law.computeOptimal(2.0 * link.computeBudgetFlop).loss;
    return link;
}

} // namespace scalescope::models
