#include "models/scaling/scaling_fit.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>

// The Huber-likelihood estimate; references are those of scaling_fit.h.

namespace scalescope::models {

namespace {

/// Σ w_i ρ_c(r_i), Huber's loss with threshold c on the residuals.
double huberSum(const ChinchillaObjective &objective, const Eigen::VectorXd &residuals,
                double threshold) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < residuals.size(); ++i) {
        const double r = residuals[i];
        const double psi = std::clamp(r, -threshold, threshold);
        sum += objective.weight(static_cast<std::size_t>(i)) * psi * (r - 0.5 * psi);
    }
    return sum;
}

/// The scale s minimising the NLL at fixed residuals: the root of
/// g(σ) = Σ w ψ_δ(r e^−σ) r e^−σ − Σw, which decreases in σ (bisection on σ = log s).
double profileScale(const ChinchillaObjective &objective, const Eigen::VectorXd &residuals,
                    double huberDelta, double currentScale) {
    const double target = objective.totalWeight();
    auto excess = [&](double sigma) {
        const double inverse = std::exp(-sigma);
        double sum = 0.0;
        for (Eigen::Index i = 0; i < residuals.size(); ++i) {
            const double z = residuals[i] * inverse;
            sum += objective.weight(static_cast<std::size_t>(i)) *
                   std::clamp(z, -huberDelta, huberDelta) * z;
        }
        return sum - target;
    };
    double low = std::log(currentScale) - 60.0, high = std::log(currentScale) + 60.0;
    if (excess(low) <= 0.0) // residuals all (nearly) zero: no finite optimum below
        return std::exp(low);
    for (int step = 0; step < 200 && high - low > 1e-14 * std::max(1.0, std::abs(low)); ++step) {
        const double middle = 0.5 * (low + high);
        (excess(middle) > 0.0 ? low : high) = middle;
    }
    return std::exp(0.5 * (low + high));
}

} // namespace

ChinchillaLikelihoodFit fitChinchillaLikelihood(const ScalingDataset &dataset,
                                                const ChinchillaLaw &start, double huberDelta,
                                                const MinimizerSettings &settings) {
    requireEnoughPoints(dataset, 6, "Chinchilla Huber-likelihood");
    const auto objective = chinchillaObjective(dataset, huberDelta, HuberReduction::Sum);
    const double n = objective.totalWeight();

    Eigen::VectorXd theta = chinchillaTheta(start);
    double scale = 1.0;
    Eigen::VectorXd residuals;
    Eigen::MatrixXd jacobian;
    MinimizeResult details;
    details.termination = Termination::MaxIterations;
    for (int outer = 0; outer < 100 && details.iterations < settings.maxIterations; ++outer) {
        // Iteratively reweighted Gauss-Newton on Σ ρ_c(r_i), c = δ·s [4]: weights
        // v_i = ψ_c(r_i)/r_i, step from (Jᵀ V J) Δ = −Jᵀ V r, halved until the sum decreases.
        const double threshold = huberDelta * scale;
        while (details.iterations < settings.maxIterations) {
            objective.residualsAndJacobian(theta, residuals, jacobian);
            ++details.evaluations;
            const double current = huberSum(objective, residuals, threshold);
            Eigen::VectorXd v(residuals.size());
            for (Eigen::Index i = 0; i < residuals.size(); ++i) {
                const double r = std::abs(residuals[i]);
                v[i] = objective.weight(static_cast<std::size_t>(i)) *
                       (r <= threshold ? 1.0 : threshold / r);
            }
            Eigen::MatrixXd normal = jacobian.transpose() * v.asDiagonal() * jacobian;
            normal.diagonal().array() += 1e-12 * normal.diagonal().maxCoeff();
            const Eigen::VectorXd rhs = jacobian.transpose() * v.cwiseProduct(residuals);
            const Eigen::VectorXd step = -normal.ldlt().solve(rhs);
            bool decreased = false;
            double reduction = 0.0;
            Eigen::VectorXd trialResiduals;
            Eigen::MatrixXd trialJacobian;
            for (double t = 1.0; t > 1e-12; t *= 0.5) {
                const Eigen::VectorXd trial = theta + t * step;
                objective.residualsAndJacobian(trial, trialResiduals, trialJacobian);
                ++details.evaluations;
                const double value = huberSum(objective, trialResiduals, threshold);
                if (value < current) {
                    theta = trial;
                    reduction = (current - value) / current;
                    decreased = true;
                    break;
                }
            }
            if (!decreased)
                break; // no decrease along the Gauss-Newton direction: at the kink optimum
            ++details.iterations;
            if (reduction <= 1e-15)
                break;
        }
        objective.residualsAndJacobian(theta, residuals, jacobian);
        const double nextScale = profileScale(objective, residuals, huberDelta, scale);
        const bool settled = std::abs(std::log(nextScale / scale)) < 1e-12;
        scale = nextScale;
        if (settled) {
            details.termination = Termination::RelativeReduction;
            break;
        }
    }

    ChinchillaLikelihoodFit fit;
    fit.theta.resize(6);
    fit.theta << theta, std::log(scale);
    fit.scale = scale;
    const auto sums = objective.sums(theta, scale);
    fit.logLikelihood = -(sums.loss + n * huberLogNormaliser(huberDelta) + n * std::log(scale));
    details.x = fit.theta;
    details.objective = -fit.logLikelihood;
    details.gradient.resize(6);
    details.gradient << -sums.sumParameterTerm / scale, -sums.sumTokenTerm / scale,
        -sums.sumIrreducibleTerm / scale, sums.sumParameterTermLogN / scale,
        sums.sumTokenTermLogD / scale, n - sums.sumPsiZ;
    details.gradientNorm = details.gradient.norm();
    fit.details = details;
    fit.pointsUsed = dataset.points.size();
    fit.law = chinchillaLawFromTheta(theta, dataset.parameterCounting, "fit",
                                     "fitted (Huber likelihood)");
    if (!details.converged())
        fit.warnings.push_back("likelihood fit stopped: " + toString(details.termination));
    return fit;
}

} // namespace scalescope::models
