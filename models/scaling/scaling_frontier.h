#pragma once

// Compute-optimal frontiers L_opt(C) sampled for the scaling-law chart, and the user's own
// fit with its bootstrap band. The document holds the fit (app/document/scenario_document.h)
// and samples the frontiers when it changes; the chart only draws the samples.

#include "models/scaling/scaling_laws.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

/// The 95% band of the compute-optimal loss L_opt(C) over bootstrap refits of a law.
struct FrontierBand {
    std::vector<double> computeFlop; ///< log-spaced grid
    std::vector<double> lower;       ///< 2.5th percentile of L_opt at each C
    std::vector<double> upper;       ///< 97.5th percentile
    [[nodiscard]] bool empty() const { return computeFlop.empty(); }
    bool operator==(const FrontierBand &) const = default;
};

/// The 2.5/97.5 percentile band of L_opt(C) over `refits` at `points` log-spaced budgets in
/// [minCompute, maxCompute]. A refit with no finite optimum at a budget has no say there; a
/// budget with fewer than two finite refits is left out. Empty for < 2 refits or < 2 points.
[[nodiscard]] FrontierBand frontierBand(const std::vector<ChinchillaLaw> &refits, double minCompute,
                                        double maxCompute, int points);

/// The user's Chinchilla fit as the workspace keeps it (saved with it, undoable).
struct UserScalingFit {
    ChinchillaLaw law;
    std::string source; ///< where the fitted points came from ("..._runs.csv")
    FrontierBand band;  ///< empty without bootstrap
    bool operator==(const UserScalingFit &) const = default;
};

/// The fit and its band over the budgets the chart shows: C in [1e15, 1e30] FLOP, 61 points.
[[nodiscard]] UserScalingFit makeUserScalingFit(const ChinchillaLaw &law,
                                                const std::vector<ChinchillaLaw> &refits,
                                                const std::string &source);

/// L_opt(C) of the published laws and the user's fit on one grid of log10 C.
struct ScalingFrontiers {
    std::vector<double> log10Compute; ///< kFrontierFirst, + kFrontierStep, ... kFrontierLast
    std::vector<double> epoch;        ///< epochLikelihoodLaw().computeOptimal(C).loss
    std::vector<double> hoffmann;     ///< hoffmannRoundedLaw(), as printed
    std::vector<double> kaplan;       ///< kaplanLossFromCompute(C) (WebText2 tokens)
    std::vector<double> fit;          ///< the user's law; empty without a fit
};

inline constexpr double kFrontierFirst = 12.0; ///< log10 C of the first sample
inline constexpr double kFrontierLast = 32.0;  ///< log10 C of the last sample
inline constexpr double kFrontierStep = 0.1;   ///< samples per decade: 10

/// Samples every frontier at log10 C = kFrontierFirst + i kFrontierStep (201 points). A loss
/// that is not finite is stored as NaN (the chart leaves it out).
[[nodiscard]] ScalingFrontiers sampleScalingFrontiers(const std::optional<ChinchillaLaw> &fit);

} // namespace scalescope::models
