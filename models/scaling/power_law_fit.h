#pragma once

// Single-variable power laws: y = k·x^p by least squares in log-log space, and
// L(x) = E + k·x^(−α) (with or without the irreducible term E) by the Huber fit on log loss.
//
// References:
//   [1] J. Kaplan et al., arXiv:2001.08361, eq. 1.1-1.3: L(X) = (X_c/X)^α_X, i.e. k = X_c^α.
//   [2] T. Porian et al., "Resolving Discrepancies in Compute-Optimal Scaling of Language
//       Models", arXiv:2406.19146: N* = n_coef·C^a by ordinary least squares of log N* on log C
//       (github.com/formll/resolving-scaling-law-discrepancies, porian_fits.csv), and
//       L*(C) = E + A·C^(−α) for the loss at the optimum.
//   [3] N. R. Draper, H. Smith, "Applied Regression Analysis", 3rd ed., Wiley 1998, ch. 1:
//       ordinary least squares, the slope's standard error s/√Sxx and R².
//   [4] J. Hoffmann et al., arXiv:2203.15556, App. D.2: the Huber-on-log-loss objective with an
//       initialisation grid, used here with one input variable.

#include "models/scaling/lbfgs_minimizer.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// y = intercept + slope·x fitted by ordinary least squares [3].
struct LinearFit {
    double slope = 0.0;
    double intercept = 0.0;
    double slopeStandardError = 0.0; ///< s/√Sxx with s² = RSS/(n−2); 0 for n = 2
    double rSquared = 0.0;
    std::size_t points = 0;
    bool operator==(const LinearFit &) const = default;
};

/// OLS of y on x; throws std::logic_error with fewer than 2 points or constant x.
[[nodiscard]] LinearFit fitLinear(const std::vector<double> &x, const std::vector<double> &y);

/// y = irreducible + coefficient·x^exponent.
struct PowerLaw {
    double coefficient = 0.0;
    double exponent = 0.0;
    double irreducible = 0.0;
    bool operator==(const PowerLaw &) const = default;

    [[nodiscard]] double operator()(double x) const;
    /// Kaplan's scale X_c of L = (X_c/X)^α with α = −exponent: X_c = coefficient^(1/α) [1].
    [[nodiscard]] double criticalScale() const;
};

/// y = k·x^p by OLS of log y on log x (Porian's N*(C) regression [2]); positive inputs only.
[[nodiscard]] PowerLaw fitPowerLawLogLog(const std::vector<double> &x, const std::vector<double> &y,
                                         LinearFit *details = nullptr);

/// Options of the Huber fit of a single-variable loss law.
struct PowerLawFitOptions {
    bool irreducible = false; ///< fit L = E + k·x^(−α) instead of L = k·x^(−α)
    double huberDelta = 1e-3;
    MinimizerSettings minimizer;
    bool operator==(const PowerLawFitOptions &) const = default;
};

/// A fitted single-variable loss law with its diagnostics.
struct PowerLawFit {
    PowerLaw law;           ///< exponent = −α
    double objective = 0.0; ///< Σ Huber_δ on log loss
    std::size_t pointsUsed = 0;
    int starts = 0;
    MinimizeResult best; ///< termination, gradient norm, iterations of the winning run
    std::vector<std::string> warnings;
};

/// Fits L(x) = [E +] exp(c)·x^(−α) by minimising Σ Huber_δ(log L_i − log L̂(x_i)) [4]:
/// without E from the OLS solution in log-log space; with E by L-BFGS from every start of the
/// grid c ∈ {0, 5, …, 25}, α ∈ {0, 0.5, …, 2}, e = log E ∈ {−1, −0.5, …, 1}, best objective
/// among converged runs. Throws std::logic_error when x and loss differ in length or hold
/// non-positive values; callers check the point count against the parameter count.
[[nodiscard]] PowerLawFit fitLossPowerLaw(const std::vector<double> &x,
                                          const std::vector<double> &loss,
                                          const PowerLawFitOptions &options = {});

} // namespace scalescope::models
