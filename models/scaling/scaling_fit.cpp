#include "models/scaling/scaling_fit.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace scalescope::models {

Eigen::VectorXd chinchillaTheta(const ChinchillaLaw &law) {
    Eigen::VectorXd theta(5);
    theta << std::log(law.A), std::log(law.B), std::log(law.E), law.alpha, law.beta;
    return theta;
}

ChinchillaLaw chinchillaLawFromTheta(const Eigen::VectorXd &theta, ParameterCounting counting,
                                     const std::string &id, const std::string &name) {
    ChinchillaLaw law;
    law.id = id;
    law.name = name;
    law.A = std::exp(theta[0]);
    law.B = std::exp(theta[1]);
    law.E = std::exp(theta[2]);
    law.alpha = theta[3];
    law.beta = theta[4];
    law.parameterCounting = counting;
    return law;
}

ChinchillaObjective chinchillaObjective(const ScalingDataset &dataset, double huberDelta,
                                        HuberReduction reduction, KernelPath kernel) {
    std::vector<double> logN, logD, logL;
    logN.reserve(dataset.points.size());
    logD.reserve(dataset.points.size());
    logL.reserve(dataset.points.size());
    for (const auto &point : dataset.points) {
        logN.push_back(std::log(point.parameters));
        logD.push_back(std::log(point.tokens));
        logL.push_back(std::log(point.loss));
    }
    return ChinchillaObjective(logN, logD, logL, {}, huberDelta, reduction, kernel);
}

ChinchillaFitOptions muennighoffGridOptions() {
    ChinchillaFitOptions options;
    options.tieExponents = true;
    options.aStarts = {0.0, 6.25, 12.5, 18.75, 25.0};
    options.bStarts = options.aStarts;
    options.eStarts = {-1.0, -1.0 / 3.0, 1.0 / 3.0, 1.0};
    options.alphaStarts = {0.0, 2.0 / 3.0, 4.0 / 3.0, 2.0};
    options.betaStarts = options.alphaStarts;
    return options;
}

MinimizeResult fitChinchillaFrom(const ChinchillaObjective &objective, const Eigen::VectorXd &start,
                                 const MinimizerSettings &settings, bool tieExponents) {
    if (!tieExponents)
        return minimizeLbfgs(
            [&objective](const Eigen::VectorXd &x, Eigen::VectorXd &gradient) {
                return objective(x, gradient);
            },
            start, settings);
    // θ = (a, b, e, α, α): ∂f/∂α_shared = ∂f/∂α + ∂f/∂β.
    Eigen::VectorXd theta(5), fullGradient(5);
    auto result = minimizeLbfgs(
        [&](const Eigen::VectorXd &x, Eigen::VectorXd &gradient) {
            theta << x[0], x[1], x[2], x[3], x[3];
            const double value = objective(theta, fullGradient);
            gradient.resize(4);
            gradient << fullGradient[0], fullGradient[1], fullGradient[2],
                fullGradient[3] + fullGradient[4];
            return value;
        },
        start.head(4), settings);
    const Eigen::VectorXd reduced = result.x;
    result.x.resize(5);
    result.x << reduced, reduced[3];
    return result;
}

ChinchillaFit fitChinchillaGrid(const ScalingDataset &dataset,
                                const ChinchillaFitOptions &options) {
    requireEnoughPoints(dataset, options.tieExponents ? 4 : 5,
                        options.tieExponents ? "Chinchilla law with α = β" : "Chinchilla");
    requireDistinctValues(dataset, ScalingVariable::Parameters, "Chinchilla");
    requireDistinctValues(dataset, ScalingVariable::Tokens, "Chinchilla");
    const auto objective =
        chinchillaObjective(dataset, options.huberDelta, options.reduction, options.kernel);

    std::vector<Eigen::VectorXd> starts;
    const std::vector<double> tiedBeta{0.0}; // one pass; β = α below
    for (double alpha : options.alphaStarts)
        for (double betaStart : options.tieExponents ? tiedBeta : options.betaStarts)
            for (double e : options.eStarts)
                for (double a : options.aStarts)
                    for (double b : options.bStarts) {
                        const double beta = options.tieExponents ? alpha : betaStart;
                        Eigen::VectorXd start(5);
                        start << a, b, e, alpha, beta;
                        starts.push_back(start);
                    }
    const int count = static_cast<int>(starts.size());
    std::vector<MinimizeResult> runs(starts.size());
    std::vector<char> ran(starts.size(), 0);
    const int finished = parallelFor(
        count,
        [&](int index) {
            runs[static_cast<std::size_t>(index)] =
                fitChinchillaFrom(objective, starts[static_cast<std::size_t>(index)],
                                  options.minimizer, options.tieExponents);
            ran[static_cast<std::size_t>(index)] = 1;
        },
        options.parallel);

    ChinchillaFit fit;
    fit.starts = count;
    fit.startsFinished = finished;
    fit.pointsUsed = dataset.points.size();
    fit.cancelled = finished < count;
    // Lowest objective among converged runs (ties: lowest start index, so the answer does not
    // depend on the thread count); fall back to all runs when none converged.
    int bestIndex = -1;
    for (int pass = 0; pass < 2 && bestIndex < 0; ++pass) {
        double bestObjective = std::numeric_limits<double>::infinity();
        for (int i = 0; i < count; ++i) {
            const auto &run = runs[static_cast<std::size_t>(i)];
            if (!ran[static_cast<std::size_t>(i)] || (pass == 0 && !run.converged()))
                continue;
            if (run.objective < bestObjective) {
                bestObjective = run.objective;
                bestIndex = i;
            }
        }
    }
    for (int i = 0; i < count; ++i) {
        const auto &run = runs[static_cast<std::size_t>(i)];
        if (!ran[static_cast<std::size_t>(i)])
            continue;
        fit.totalEvaluations += run.evaluations;
        if (run.converged())
            ++fit.startsConverged;
    }
    if (bestIndex < 0) {
        fit.warnings.push_back("no start finished: the fit was cancelled before any run ended");
        return fit;
    }
    const auto &best = runs[static_cast<std::size_t>(bestIndex)];
    fit.best = best;
    fit.theta = best.x;
    fit.objective = best.objective;
    fit.bestStart = starts[static_cast<std::size_t>(bestIndex)];
    fit.law = chinchillaLawFromTheta(best.x, dataset.parameterCounting);
    if (fit.startsConverged == 0)
        fit.warnings.push_back("no L-BFGS run reported convergence; the best objective is shown "
                               "but may not be a minimum");
    if (fit.cancelled)
        fit.warnings.push_back("cancelled after " + std::to_string(finished) + " of " +
                               std::to_string(count) + " starts");
    if (fit.law.alpha <= 0.0 || fit.law.beta <= 0.0) {
        std::ostringstream text;
        text << "fitted exponents α = " << fit.law.alpha << ", β = " << fit.law.beta
             << " are not both positive: the data do not show loss falling with N and D";
        fit.warnings.push_back(text.str());
    }
    return fit;
}

} // namespace scalescope::models
