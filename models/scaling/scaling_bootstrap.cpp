#include "models/scaling/scaling_bootstrap.h"

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace scalescope::models {

NumpyLegacyRandom::NumpyLegacyRandom(std::uint32_t seed)
    : m_engine(seed) {} // std::mt19937's seeding is MT19937 init_genrand, as NumPy's [3]

std::uint32_t NumpyLegacyRandom::below(std::uint32_t bound) {
    if (bound == 0) // a bug of the caller (resampling an empty dataset is rejected earlier)
        throw std::logic_error("NumpyLegacyRandom::below: bound must be >= 1");
    const std::uint32_t range = bound - 1;
    if (range == 0)
        return 0; // NumPy returns the lower end without drawing
    std::uint32_t mask = range;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    std::uint32_t value = 0;
    do {
        value = static_cast<std::uint32_t>(m_engine()) & mask;
    } while (value > range);
    return value;
}

MinimizerSettings bfgsLikeSettings() {
    MinimizerSettings settings;
    settings.relativeReductionTolerance = 0.0;
    return settings;
}

double percentile(std::vector<double> values, double q) {
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double position = q / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + fraction * (values[above] - values[below]);
}

namespace {

ParameterInterval summarise(const std::vector<double> &values, double estimate, double level) {
    ParameterInterval interval;
    interval.estimate = estimate;
    if (values.empty())
        return interval;
    const double mean =
        std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double squares = 0.0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    interval.standardError = std::sqrt(squares / static_cast<double>(values.size()));
    const double tail = 50.0 * (1.0 - level);
    interval.lower = percentile(values, tail);
    interval.upper = percentile(values, 100.0 - tail);
    return interval;
}

/// Gauss-Newton standard errors of (α, β, a) at the estimate [5], with the residual scale
/// 1.4826·median|r| (robust to the outliers a Huber fit tolerates).
void asymptoticErrors(const ScalingDataset &dataset, const ChinchillaLaw &estimate,
                      BootstrapResult &result) {
    const auto objective = chinchillaObjective(dataset);
    Eigen::VectorXd residuals;
    Eigen::MatrixXd jacobian;
    objective.residualsAndJacobian(chinchillaTheta(estimate), residuals, jacobian);
    std::vector<double> absolute(static_cast<std::size_t>(residuals.size()));
    for (Eigen::Index i = 0; i < residuals.size(); ++i)
        absolute[static_cast<std::size_t>(i)] = std::abs(residuals[i]);
    const double scale = 1.4826 * percentile(absolute, 50.0);
    const Eigen::MatrixXd information = jacobian.transpose() * jacobian;
    Eigen::FullPivLU<Eigen::MatrixXd> lu(information);
    if (!lu.isInvertible() || !(scale > 0.0))
        return;
    const Eigen::MatrixXd covariance = scale * scale * lu.inverse();
    result.asymptoticAlphaSE = std::sqrt(covariance(3, 3));
    result.asymptoticBetaSE = std::sqrt(covariance(4, 4));
    const double sum = estimate.alpha + estimate.beta;
    Eigen::Vector2d gradient(-estimate.beta / (sum * sum), estimate.alpha / (sum * sum));
    result.asymptoticASE = std::sqrt(gradient.dot(covariance.block<2, 2>(3, 3) * gradient));
}

/// Every resample's refit from `start`; `done[i]` is 0 for those a cancel left out.
struct Refits {
    std::vector<MinimizeResult> fits;
    std::vector<char> done;
    int completed = 0;
};

Refits refitResamples(const ScalingDataset &dataset, const ChinchillaLaw &estimate,
                      const BootstrapOptions &options, int resamples) {
    const auto n = dataset.points.size();
    // Every resample's draws, in the order NumPy would make them [3].
    NumpyLegacyRandom random(options.seed);
    std::vector<std::uint32_t> draws(static_cast<std::size_t>(resamples) * n);
    for (auto &draw : draws)
        draw = random.below(static_cast<std::uint32_t>(n));

    std::vector<double> logN(n), logD(n), logL(n);
    for (std::size_t i = 0; i < n; ++i) {
        logN[i] = std::log(dataset.points[i].parameters);
        logD[i] = std::log(dataset.points[i].tokens);
        logL[i] = std::log(dataset.points[i].loss);
    }
    const Eigen::VectorXd start = chinchillaTheta(options.start ? *options.start : estimate);

    Refits refits;
    refits.fits.resize(static_cast<std::size_t>(resamples));
    refits.done.assign(static_cast<std::size_t>(resamples), 0);
    refits.completed = parallelFor(
        resamples,
        [&](int index) {
            // A resample is the original points weighted by how often each was drawn; only
            // points drawn at least once enter the objective (about 63 % of them).
            std::vector<double> counts(n, 0.0);
            const auto first = static_cast<std::size_t>(index) * n;
            for (std::size_t k = 0; k < n; ++k)
                counts[draws[first + k]] += 1.0;
            std::vector<double> rN, rD, rL, weights;
            for (std::size_t i = 0; i < n; ++i)
                if (counts[i] > 0.0) {
                    rN.push_back(logN[i]);
                    rD.push_back(logD[i]);
                    rL.push_back(logL[i]);
                    weights.push_back(counts[i]);
                }
            const ChinchillaObjective objective(rN, rD, rL, weights, options.huberDelta,
                                                options.reduction, options.kernel);
            refits.fits[static_cast<std::size_t>(index)] =
                fitChinchillaFrom(objective, start, options.minimizer, options.tieExponents);
            refits.done[static_cast<std::size_t>(index)] = 1;
        },
        options.parallel);
    return refits;
}

/// The refitted laws, their convergence count and the interval of every parameter.
void summariseRefits(const ScalingDataset &dataset, const ChinchillaLaw &estimate,
                     const Refits &refits, BootstrapResult &result) {
    std::vector<double> E, A, B, alpha, beta, a, b, iterations;
    for (std::size_t i = 0; i < refits.fits.size(); ++i) {
        if (!refits.done[i])
            continue;
        const auto &refit = refits.fits[i];
        if (refit.converged())
            ++result.converged;
        auto law = chinchillaLawFromTheta(refit.x, dataset.parameterCounting, "bootstrap",
                                          "bootstrap refit");
        E.push_back(law.E);
        A.push_back(law.A);
        B.push_back(law.B);
        alpha.push_back(law.alpha);
        beta.push_back(law.beta);
        a.push_back(law.beta / (law.alpha + law.beta));
        b.push_back(law.alpha / (law.alpha + law.beta));
        iterations.push_back(refit.iterations);
        result.samples.push_back(std::move(law));
    }
    const double level = result.confidenceLevel;
    const auto optimal = estimate.computeOptimalExponents();
    result.E = summarise(E, estimate.E, level);
    result.A = summarise(A, estimate.A, level);
    result.B = summarise(B, estimate.B, level);
    result.alpha = summarise(alpha, estimate.alpha, level);
    result.beta = summarise(beta, estimate.beta, level);
    result.a = summarise(a, optimal.a, level);
    result.b = summarise(b, optimal.b, level);
    result.medianIterations = percentile(iterations, 50.0);
}

/// Warnings for a cancelled run, unconverged refits, exponent intervals far narrower than
/// the residuals imply, and refits that hardly moved.
void addBootstrapWarnings(const ScalingDataset &dataset, const ChinchillaLaw &estimate,
                          bool tieExponents, BootstrapResult &result) {
    const int completed = result.completed;
    if (result.cancelled)
        result.warnings.push_back("cancelled after " + std::to_string(completed) + " of " +
                                  std::to_string(result.requested) + " resamples");
    if (completed > 0 && result.converged < completed * 9 / 10)
        result.warnings.push_back(std::to_string(completed - result.converged) + " of " +
                                  std::to_string(completed) + " refits did not report convergence");
    if (completed < 20)
        return;
    asymptoticErrors(dataset, estimate, result);
    const std::tuple<const char *, const ParameterInterval *, double> exponents[] = {
        {"alpha", &result.alpha, result.asymptoticAlphaSE},
        {"beta", &result.beta, result.asymptoticBetaSE},
        {"a", &result.a, result.asymptoticASE}};
    // Tied: β repeats α, and a = β/(α + β) = 1/2 by construction (its SE is 0 by design).
    const std::size_t checked = tieExponents ? 1 : 3;
    for (std::size_t i = 0; i < checked; ++i) {
        const auto &[name, interval, asymptotic] = exponents[i];
        if (interval->standardError < 0.25 * asymptotic) {
            std::ostringstream text;
            text << "implausibly narrow interval for " << name << ": (" << interval->lower << ", "
                 << interval->upper << "), bootstrap SE " << interval->standardError << " against "
                 << asymptotic
                 << " implied by the residuals; check that the refits converged "
                    "(Hoffmann's (0.454, 0.455) for a was such a case)";
            result.warnings.push_back(text.str());
        }
    }
    if (result.medianIterations <= 2.0)
        result.warnings.push_back(
            "the refits hardly moved from their start (median " +
            std::to_string(static_cast<int>(result.medianIterations)) +
            " iterations): the intervals reflect the optimizer's stopping rule, not the data");
}

} // namespace

BootstrapResult bootstrapChinchilla(const ScalingDataset &dataset, const ChinchillaLaw &estimate,
                                    const BootstrapOptions &options) {
    requireEnoughPoints(dataset, options.tieExponents ? 4 : 5,
                        options.tieExponents ? "Chinchilla law with α = β" : "Chinchilla");
    const int resamples = std::max(options.resamples, 0);
    const Refits refits = refitResamples(dataset, estimate, options, resamples);
    BootstrapResult result;
    result.requested = resamples;
    result.completed = refits.completed;
    result.cancelled = refits.completed < resamples;
    result.confidenceLevel = options.confidenceLevel;
    summariseRefits(dataset, estimate, refits, result);
    addBootstrapWarnings(dataset, estimate, options.tieExponents, result);
    return result;
}

} // namespace scalescope::models
