#include "models/scaling/lbfgs_minimizer.h"

#include <LBFGS.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace scalescope::models {

namespace {

/// Wraps f for LBFGSpp: counts evaluations, maps non-finite values to +∞ and remembers the
/// best point seen (a failed line search leaves LBFGSpp's x at an arbitrary trial point).
class TrackedObjective {
public:
    explicit TrackedObjective(const ObjectiveFunction &f)
        : m_f(f) {}

    double operator()(const Eigen::VectorXd &x, Eigen::VectorXd &gradient) {
        ++evaluations;
        double value = m_f(x, gradient);
        if (!std::isfinite(value) || !gradient.allFinite()) {
            gradient.setZero(x.size());
            value = std::numeric_limits<double>::infinity();
        }
        if (value < bestObjective) {
            bestObjective = value;
            bestX = x;
            bestGradient = gradient;
            ++improvements;
        }
        return value;
    }

    int evaluations = 0;
    int improvements = 0;
    double bestObjective = std::numeric_limits<double>::infinity();
    Eigen::VectorXd bestX;
    Eigen::VectorXd bestGradient;

private:
    const ObjectiveFunction &m_f;
};

} // namespace

std::string toString(Termination termination) {
    switch (termination) {
    case Termination::GradientTolerance:
        return "gradient norm below tolerance";
    case Termination::RelativeReduction:
        return "relative reduction of the objective below ftol";
    case Termination::MaxIterations:
        return "iteration limit reached";
    case Termination::LineSearchFailure:
        return "line search failed (no decrease along the search direction)";
    case Termination::NonFiniteObjective:
        return "objective or gradient not finite at the start point";
    }
    return "unknown";
}

bool isConverged(Termination termination) {
    return termination == Termination::GradientTolerance ||
           termination == Termination::RelativeReduction;
}

MinimizeResult minimizeLbfgs(const ObjectiveFunction &f, const Eigen::VectorXd &start,
                             const MinimizerSettings &settings) {
    LBFGSpp::LBFGSParam<double> param;
    param.m = settings.memory;
    param.epsilon = settings.gradientTolerance;
    param.epsilon_rel = 0.0;
    // past = 0 switches LBFGSpp's objective-decrease test off (SciPy BFGS has none).
    param.past = settings.relativeReductionTolerance > 0.0 ? 1 : 0;
    param.delta = std::max(settings.relativeReductionTolerance, 0.0);
    param.max_linesearch = settings.maxLineSearch;
    param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_WOLFE;

    TrackedObjective tracked(f);
    MinimizeResult result;
    Eigen::VectorXd x = start;
    {
        Eigen::VectorXd gradient(start.size());
        if (!std::isfinite(tracked(x, gradient))) {
            result.x = start;
            result.objective = std::numeric_limits<double>::infinity();
            result.gradient = Eigen::VectorXd::Zero(start.size());
            result.evaluations = tracked.evaluations;
            result.termination = Termination::NonFiniteObjective;
            return result;
        }
    }
    for (;;) {
        const int remaining = settings.maxIterations - result.iterations;
        if (remaining <= 0) {
            result.termination = Termination::MaxIterations;
            break;
        }
        param.max_iterations = remaining;
        LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchBacktracking> solver(param);
        const int improvementsBefore = tracked.improvements;
        try {
            double fx = 0.0;
            const int iterations = solver.minimize(tracked, x, fx);
            result.iterations += iterations;
            if (tracked.bestGradient.norm() <= settings.gradientTolerance)
                result.termination = Termination::GradientTolerance;
            else if (iterations >= remaining)
                result.termination = Termination::MaxIterations;
            else
                result.termination = Termination::RelativeReduction;
            break;
        } catch (const std::exception &) {
            // SciPy's L-BFGS-B answers a failed line search by discarding the memory and
            // retrying from the last good point; a fresh start that fails again is final [3].
            const int progress = tracked.improvements - improvementsBefore;
            result.iterations += progress;
            if (progress == 0 || result.restarts >= settings.maxRestarts) {
                result.termination = Termination::LineSearchFailure;
                break;
            }
            ++result.restarts;
            x = tracked.bestX;
        }
    }
    result.x = tracked.bestX;
    result.objective = tracked.bestObjective;
    result.gradient = tracked.bestGradient;
    result.gradientNorm = tracked.bestGradient.norm();
    result.evaluations = tracked.evaluations;
    return result;
}

} // namespace scalescope::models
