#pragma once

// Hoffmann et al.'s Approach 2: IsoFLOP profiles.
//
// References:
//   [1] J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556,
//       section 3.2: for each of several fixed budgets, vary the model size, fit a parabola to
//       the final loss against log N, take its minimum as N*(C); then fit N* ∝ C^a and
//       D* ∝ C^b (Table 2: a = 0.49, b = 0.51).
//   [2] Llama Team, "The Llama 3 Herd of Models", arXiv:2407.21783, section 3.2.1: the same
//       procedure with a second-degree polynomial per budget.
//   [3] T. Porian et al., arXiv:2406.19146: IsoFLOP optima regressed by OLS of log N* on log C.
//   [4] Open-Athena, "Problems with Chinchilla Approach 2": a budget whose parabola has no
//       minimum inside the sampled sizes extrapolates; such budgets must be rejected.

#include "models/scaling/power_law_fit.h"
#include "models/scaling/scaling_dataset.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// Options of the IsoFLOP analysis.
struct IsoFlopOptions {
    /// Runs whose compute is within this relative distance of a budget's smallest run belong to
    /// that budget.
    double budgetTolerance = 0.05;
    int minimumPointsPerBudget = 3;
    bool operator==(const IsoFlopOptions &) const = default;
};

/// One budget's profile: L ≈ c2·x² + c1·x + c0 with x = ln N.
struct IsoFlopBudget {
    double computeFlop = 0.0; ///< geometric mean of the budget's runs' compute
    int points = 0;
    double c0 = 0.0, c1 = 0.0, c2 = 0.0;
    bool accepted = false;
    std::string rejection;          ///< why the budget was left out, when it was
    double optimalParameters = 0.0; ///< N* = exp(−c1/(2·c2))
    double optimalTokens = 0.0;     ///< D* = C/(6·N*)
    double optimalLoss = 0.0;       ///< the parabola's minimum
    bool operator==(const IsoFlopBudget &) const = default;
};

/// Approach 2's result: per-budget optima and the power laws through them.
struct IsoFlopFit {
    std::vector<IsoFlopBudget> budgets;
    PowerLaw optimalParameters;    ///< N*(C) = k·C^a
    PowerLaw optimalTokens;        ///< D*(C) = k·C^b
    LinearFit parameterRegression; ///< log N* on log C (slope a with its standard error)
    LinearFit tokenRegression;     ///< log D* on log C
    std::vector<std::string> warnings;
};

/// Groups runs by budget (compute C, or 6ND when the file has none), fits a parabola per budget,
/// keeps budgets whose parabola is convex with its minimum strictly inside the sampled sizes [4]
/// and regresses log N* and log D* on log C [1][3]. Throws InputError when fewer than 2 budgets
/// qualify.
[[nodiscard]] IsoFlopFit fitIsoFlopProfiles(const ScalingDataset &dataset,
                                            const IsoFlopOptions &options = {});

} // namespace scalescope::models
