#include "models/scaling/data_constrained_fit.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace scalescope::models {

namespace {

void requireUniqueTokens(const ScalingDataset &dataset) {
    if (dataset.points.size() < 2)
        throw InputError(dataset.source, dataset.lossField,
                         "the data-constrained fit needs at least 2 runs");
    for (const auto &point : dataset.points)
        if (!(point.uniqueTokens > 0.0))
            throw InputError(dataset.source,
                             point.line > 0 ? "line " + std::to_string(point.line) : "",
                             "the data-constrained fit needs the unique tokens of every run");
}

/// Effective quantity X' = U + U·R*·(1 − e^(−R/R*)) and its derivative by log R* [1].
void decayed(double unique, double repetitions, double decay, double &value, double &byLogDecay) {
    const double fade = std::exp(-repetitions / decay);
    value = unique + unique * decay * (1.0 - fade);
    // d/dR* [U R* (1 − e^(−R/R*))] = U [(1 − e^(−R/R*)) − (R/R*) e^(−R/R*)], times R* for log R*.
    byLogDecay = unique * decay * ((1.0 - fade) - repetitions / decay * fade);
}

} // namespace

double dataConstrainedObjective(const ScalingDataset &dataset, const DataConstrainedLaw &law,
                                double huberDelta) {
    requireUniqueTokens(dataset);
    double sum = 0.0;
    for (const auto &point : dataset.points) {
        const double predicted = law.loss({point.parameters, dataset.parameterCounting},
                                          point.tokens, point.uniqueTokens);
        const double r = std::log(point.loss) - std::log(predicted);
        const double psi = std::clamp(r, -huberDelta, huberDelta);
        sum += psi * (r - 0.5 * psi);
    }
    return sum;
}

DataConstrainedFit fitDataConstrainedDecays(const ScalingDataset &dataset,
                                            const ChinchillaLaw &base,
                                            const DataConstrainedFitOptions &options) {
    const double huberDelta = options.huberDelta;
    requireUniqueTokens(dataset);
    const double G = base.computeOptimalExponents().G;
    // Per run: U_D, R_D, U_N and R_N do not depend on the decay constants [1].
    struct Run {
        double logLoss, uniqueTokens, repeatedEpochs, usableParameters, excessParameters;
    };
    std::vector<Run> runs;
    for (const auto &point : dataset.points) {
        Run run{};
        run.logLoss = std::log(point.loss);
        run.uniqueTokens = point.uniqueTokens;
        run.repeatedEpochs = std::max(point.tokens / point.uniqueTokens - 1.0, 0.0);
        const double optimalForUnique =
            G * std::pow(G * point.uniqueTokens, base.beta / base.alpha);
        run.usableParameters = std::min(point.parameters, optimalForUnique);
        run.excessParameters = std::max(point.parameters / run.usableParameters - 1.0, 0.0);
        runs.push_back(run);
    }

    // θ = (log R_D*, log R_N*).
    auto objective = [&](const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) {
        const double tokenDecay = std::exp(theta[0]);
        const double parameterDecay = std::exp(theta[1]);
        gradient.setZero(2);
        double sum = 0.0;
        for (const auto &run : runs) {
            double tokens = 0.0, tokensByLog = 0.0, parameters = 0.0, parametersByLog = 0.0;
            decayed(run.uniqueTokens, run.repeatedEpochs, tokenDecay, tokens, tokensByLog);
            decayed(run.usableParameters, run.excessParameters, parameterDecay, parameters,
                    parametersByLog);
            const double parameterTerm = base.A / std::pow(parameters, base.alpha);
            const double tokenTerm = base.B / std::pow(tokens, base.beta);
            const double predicted = base.E + parameterTerm + tokenTerm;
            const double r = run.logLoss - std::log(predicted);
            const double psi = std::clamp(r, -huberDelta, huberDelta);
            sum += psi * (r - 0.5 * psi);
            // ∂r/∂θ = −∂ log L̂/∂θ; ∂(B/D'^β)/∂θ = −β·(B/D'^β)/D'·∂D'/∂θ.
            gradient[0] += psi * base.beta * tokenTerm / tokens * tokensByLog / predicted;
            gradient[1] +=
                psi * base.alpha * parameterTerm / parameters * parametersByLog / predicted;
        }
        // A held constant keeps a zero gradient, so L-BFGS never moves it.
        if (options.fixedRepeatedTokenDecay)
            gradient[0] = 0.0;
        if (options.fixedExcessParameterDecay)
            gradient[1] = 0.0;
        return sum;
    };

    DataConstrainedFit fit;
    fit.pointsUsed = dataset.points.size();
    fit.law.base = base;
    double bestObjective = std::numeric_limits<double>::infinity();
    bool bestConverged = false;
    const std::vector<double> startValues{0.1, 20.0 / 3.0, 40.0 / 3.0, 20.0};
    const auto tokenStarts = options.fixedRepeatedTokenDecay
                                 ? std::vector<double>{*options.fixedRepeatedTokenDecay}
                                 : startValues;
    const auto parameterStarts = options.fixedExcessParameterDecay
                                     ? std::vector<double>{*options.fixedExcessParameterDecay}
                                     : startValues;
    for (double tokenStart : tokenStarts)
        for (double parameterStart : parameterStarts) {
            Eigen::VectorXd start(2);
            start << std::log(tokenStart), std::log(parameterStart);
            auto run = minimizeLbfgs(objective, start, options.minimizer);
            ++fit.starts;
            const bool better = (run.converged() && !bestConverged) ||
                                (run.converged() == bestConverged && run.objective < bestObjective);
            if (better) {
                bestObjective = run.objective;
                bestConverged = run.converged();
                fit.best = std::move(run);
            }
        }
    fit.objective = fit.best.objective;
    fit.law.repeatedTokenDecay = std::exp(fit.best.x[0]);
    fit.law.excessParameterDecay = std::exp(fit.best.x[1]);
    if (!bestConverged)
        fit.warnings.push_back("no L-BFGS run reported convergence (" +
                               toString(fit.best.termination) + ")");
    return fit;
}

} // namespace scalescope::models
