#include "models/scaling/scaling_frontier.h"

#include "models/scaling/scaling_bootstrap.h"

#include <cmath>
#include <limits>

namespace scalescope::models {

FrontierBand frontierBand(const std::vector<ChinchillaLaw> &refits, double minCompute,
                          double maxCompute, int points) {
    FrontierBand band;
    if (refits.size() < 2 || points < 2 || !(minCompute > 0.0) || !(maxCompute > minCompute))
        return band;
    const double step = std::log10(maxCompute / minCompute) / (points - 1);
    std::vector<double> losses;
    for (int i = 0; i < points; ++i) {
        const double compute = minCompute * std::pow(10.0, step * i);
        losses.clear();
        // A degenerate refit (an exponent at 0) has no finite optimum: it has no say.
        for (const auto &refit : refits) {
            const double loss = refit.computeOptimal(compute).loss;
            if (std::isfinite(loss))
                losses.push_back(loss);
        }
        if (losses.size() < 2)
            continue;
        band.computeFlop.push_back(compute);
        band.lower.push_back(percentile(losses, 2.5));
        band.upper.push_back(percentile(losses, 97.5));
    }
    return band;
}

UserScalingFit makeUserScalingFit(const ChinchillaLaw &law,
                                  const std::vector<ChinchillaLaw> &refits,
                                  const std::string &source) {
    return {law, source, frontierBand(refits, 1e15, 1e30, 61)};
}

ScalingFrontiers sampleScalingFrontiers(const std::optional<ChinchillaLaw> &fit) {
    const int points =
        static_cast<int>(std::lround((kFrontierLast - kFrontierFirst) / kFrontierStep)) + 1;
    const ChinchillaLaw epoch = epochLikelihoodLaw();
    const ChinchillaLaw hoffmann = hoffmannRoundedLaw();
    auto finite = [](double loss) {
        return std::isfinite(loss) ? loss : std::numeric_limits<double>::quiet_NaN();
    };
    ScalingFrontiers out;
    for (int i = 0; i < points; ++i) {
        const double x = kFrontierFirst + kFrontierStep * i;
        const double compute = std::pow(10.0, x);
        out.log10Compute.push_back(x);
        out.epoch.push_back(finite(epoch.computeOptimal(compute).loss));
        out.hoffmann.push_back(finite(hoffmann.computeOptimal(compute).loss));
        out.kaplan.push_back(finite(kaplanLossFromCompute(compute)));
        if (fit)
            out.fit.push_back(finite(fit->computeOptimal(compute).loss));
    }
    return out;
}

} // namespace scalescope::models
