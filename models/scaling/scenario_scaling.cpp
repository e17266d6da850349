#include "models/scaling/scenario_scaling.h"

#include "models/scaling/scaling_link.h"

#include <cmath>

namespace scalescope::models {

std::optional<ScalingLink> scenarioScaling(const Scenario &scenario, const ScenarioResult &result,
                                           std::string *warning) {
    const double gpus = scenario.hardware.numGpus;
    const double parameters = scenario.model.isMoe() ? result.activeParameters : result.parameters;
    const bool usable = result.valid && gpus > 0 && result.trainingSeconds > 0.0 &&
                        std::isfinite(result.trainingSeconds) &&
                        result.modelFlopsPerSecondPerGpu > 0.0 && parameters > 0.0 &&
                        scenario.training.totalTokens > 0.0;
    if (!usable)
        return std::nullopt;
    ScalingLinkInputs inputs;
    inputs.gpuCount = gpus;
    inputs.trainingSeconds = result.trainingSeconds;
    inputs.achievedFlopsPerGpu = result.modelFlopsPerSecondPerGpu;
    inputs.parameters = totalParameters(parameters);
    inputs.tokens = scenario.training.totalTokens;
    if (warning && scenario.model.isMoe())
        *warning = "scaling: the Chinchilla law was fitted on dense models; this MoE model is "
                   "placed by its active parameters";
    // `usable` above is scalingLink's precondition, so a throw from it would be a bug.
    return scalingLink(inputs, epochLikelihoodLaw());
}

} // namespace scalescope::models
