#pragma once

// Fitting the decay constants of Muennighoff et al.'s data-constrained law.
//
// References:
//   [1] N. Muennighoff et al., "Scaling Data-Constrained Language Models", arXiv:2305.16264,
//       section 5 and github.com/huggingface/datablations utils/parametric_fit.ipynb: with the
//       C4 base law frozen, R_D* and R_N* are fitted to the runs with repeated data by minimising
//       Σ Huber_δ(log L_i − log L̂_i), δ = 1e-3, with L-BFGS from a 4 × 4 grid of starts; the
//       published values are R_D* = 15.387756, R_N* = 5.309743 (objective 0.0158259 on the 182
//       runs of the notebook's "outliers removed" data set).

#include "models/scaling/lbfgs_minimizer.h"
#include "models/scaling/scaling_dataset.h"
#include "models/scaling/scaling_laws.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

/// Σ_i Huber_δ(log L_i − log L(N_i, D_i, U_i)) of a data-constrained law over a dataset that
/// carries unique tokens.
[[nodiscard]] double dataConstrainedObjective(const ScalingDataset &dataset,
                                              const DataConstrainedLaw &law,
                                              double huberDelta = 1e-3);

/// The fitted decay constants with diagnostics.
struct DataConstrainedFit {
    DataConstrainedLaw law;
    double objective = 0.0;
    std::size_t pointsUsed = 0;
    int starts = 0;
    MinimizeResult best;
    std::vector<std::string> warnings;
};

/// Fits R_D* and R_N* with `base` frozen [1]. The constants are optimised as logarithms (so they
/// stay positive) from every pair of starts R* ∈ {0.1, 6.67, 13.3, 20} (the notebook's grid, with
/// its 0 replaced by 0.1 because the law divides by R*). Throws InputError for fewer than 2
/// points or when a point lacks unique tokens.
/// Constants given here are held at that value and only the other one is fitted.
struct DataConstrainedFitOptions {
    std::optional<double> fixedRepeatedTokenDecay;   ///< hold R_D* here
    std::optional<double> fixedExcessParameterDecay; ///< hold R_N* here
    double huberDelta = 1e-3;
    MinimizerSettings minimizer;
    bool operator==(const DataConstrainedFitOptions &) const = default;
};

/// The objective is nearly flat along a curved valley from (R_D*, R_N*) ≈ (15, 5.3) to
/// (≈ 100, ≈ 1.7) on the published runs, so the two constants are weakly identified jointly.
[[nodiscard]] DataConstrainedFit
fitDataConstrainedDecays(const ScalingDataset &dataset, const ChinchillaLaw &base,
                         const DataConstrainedFitOptions &options = {});

} // namespace scalescope::models
