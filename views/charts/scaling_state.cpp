#include "views/charts/scaling_state.h"

#include "models/scaling/scaling_bootstrap.h"

#include <cmath>

namespace scalescope::views {

FrontierBand frontierBand(const std::vector<models::ChinchillaLaw> &refits, double minCompute,
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
        band.lower.push_back(models::percentile(losses, 2.5));
        band.upper.push_back(models::percentile(losses, 97.5));
    }
    return band;
}

void ScalingState::setFit(const models::ChinchillaLaw &law,
                          const std::vector<models::ChinchillaLaw> &refits, const QString &source) {
    m_law = law;
    m_source = source;
    m_band = frontierBand(refits, 1e15, 1e30, 61);
    emit changed();
}

void ScalingState::clear() {
    m_law.reset();
    m_band = {};
    m_source.clear();
    emit changed();
}

} // namespace scalescope::views
