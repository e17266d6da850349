#pragma once

// L-BFGS with SciPy L-BFGS-B's default stopping rules, on top of LBFGSpp.
//
// References:
//   [1] J. Nocedal, S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006, ch. 7.2
//       (limited-memory BFGS) and 3.1 (Wolfe conditions).
//   [2] Y. Qiu, LBFGSpp (github.com/yixuan/LBFGSpp), the L-BFGS implementation used here.
//   [3] SciPy 1.10 scipy.optimize.minimize(method="L-BFGS-B") defaults, which Epoch AI's fits
//       use: maxcor m = 10, ftol = factr·eps = 2.22e-9 on the relative reduction
//       (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1), gtol = 1e-5 on the gradient, maxiter 15000,
//       maxls 20; after a failed line search the memory is reset once before giving up.

#include <Eigen/Core>

#include <functional>
#include <string>

namespace scalescope::models {

/// Stopping rules; the defaults are SciPy L-BFGS-B's [3].
struct MinimizerSettings {
    int memory = 10;                 ///< correction pairs kept (SciPy maxcor)
    double gradientTolerance = 1e-5; ///< stop when ‖g‖₂ ≤ this (SciPy: ‖g‖∞ ≤ gtol)
    /// SciPy L-BFGS-B ftol = factr·eps; 0 disables the test (SciPy BFGS stops on ‖g‖ only)
    double relativeReductionTolerance = 2.220446049250313e-9;
    int maxIterations = 15000;
    int maxLineSearch = 20;
    int maxRestarts = 20; ///< memory resets after failed line searches that had made progress
    bool operator==(const MinimizerSettings &) const = default;
};

/// Why a minimisation stopped.
enum class Termination {
    GradientTolerance,  ///< ‖g‖ small: converged
    RelativeReduction,  ///< the objective stopped decreasing (SciPy's usual "success" reason)
    MaxIterations,      ///< iteration limit reached
    LineSearchFailure,  ///< no step decreased the objective, even after resetting the memory
    NonFiniteObjective, ///< the start point's objective or gradient is not finite
};

/// A one-line description, e.g. "relative reduction of the objective below ftol".
[[nodiscard]] std::string toString(Termination termination);
/// GradientTolerance and RelativeReduction count as converged (SciPy's success flag).
[[nodiscard]] bool isConverged(Termination termination);

/// The outcome of one minimisation.
struct MinimizeResult {
    Eigen::VectorXd x;         ///< best point found
    double objective = 0.0;    ///< f(x)
    Eigen::VectorXd gradient;  ///< ∇f(x)
    double gradientNorm = 0.0; ///< ‖∇f(x)‖₂
    int iterations = 0;        ///< L-BFGS iterations, all restarts included
    int evaluations = 0;       ///< objective + gradient evaluations
    int restarts = 0;          ///< memory resets after failed line searches
    Termination termination = Termination::NonFiniteObjective;
    [[nodiscard]] bool converged() const { return isConverged(termination); }
};

/// f(x, gradient) → objective, writing the gradient.
using ObjectiveFunction = std::function<double(const Eigen::VectorXd &, Eigen::VectorXd &)>;

/// Minimises f from `start` with L-BFGS (LBFGSpp, backtracking line search on the Wolfe
/// conditions). Non-finite objective values count as +∞, so line searches back off from them.
[[nodiscard]] MinimizeResult minimizeLbfgs(const ObjectiveFunction &f, const Eigen::VectorXd &start,
                                           const MinimizerSettings &settings = {});

} // namespace scalescope::models
