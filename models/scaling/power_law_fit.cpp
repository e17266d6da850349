#include "models/scaling/power_law_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace scalescope::models {

// Every throw here is std::logic_error: a contract of the caller. Callers that fit a user's
// data check it first and report InputError with file and column (requireEnoughPoints,
// requireDistinctValues in models/scaling/scaling_dataset.h; growthTrend; fitIsoFlops).

LinearFit fitLinear(const std::vector<double> &x, const std::vector<double> &y) {
    if (x.size() != y.size() || x.size() < 2)
        throw std::logic_error("fitLinear: need at least 2 (x, y) pairs of equal length");
    const auto n = static_cast<double>(x.size());
    double meanX = 0.0, meanY = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        meanX += x[i];
        meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxx = 0.0, sxy = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxx += (x[i] - meanX) * (x[i] - meanX);
        sxy += (x[i] - meanX) * (y[i] - meanY);
        syy += (y[i] - meanY) * (y[i] - meanY);
    }
    if (!(sxx > 0.0))
        throw std::logic_error("fitLinear: all x values are equal");
    LinearFit fit;
    fit.points = x.size();
    fit.slope = sxy / sxx;
    fit.intercept = meanY - fit.slope * meanX;
    const double residualSquares = std::max(syy - fit.slope * sxy, 0.0);
    fit.rSquared = syy > 0.0 ? 1.0 - residualSquares / syy : 1.0;
    if (x.size() > 2)
        fit.slopeStandardError = std::sqrt(residualSquares / (n - 2.0) / sxx);
    return fit;
}

double PowerLaw::operator()(double x) const {
    return irreducible + coefficient * std::pow(x, exponent);
}

double PowerLaw::criticalScale() const {
    return std::pow(coefficient, -1.0 / exponent);
}

namespace {

std::vector<double> logsOf(const std::vector<double> &values, const char *what) {
    std::vector<double> logs;
    logs.reserve(values.size());
    for (double v : values) {
        if (!(v > 0.0) || !std::isfinite(v))
            throw std::logic_error(std::string(what) + " must be finite and > 0");
        logs.push_back(std::log(v));
    }
    return logs;
}

} // namespace

PowerLaw fitPowerLawLogLog(const std::vector<double> &x, const std::vector<double> &y,
                           LinearFit *details) {
    const auto fit = fitLinear(logsOf(x, "x"), logsOf(y, "y"));
    if (details)
        *details = fit;
    PowerLaw law;
    law.coefficient = std::exp(fit.intercept);
    law.exponent = fit.slope;
    return law;
}

PowerLawFit fitLossPowerLaw(const std::vector<double> &x, const std::vector<double> &loss,
                            const PowerLawFitOptions &options) {
    if (x.size() != loss.size())
        throw std::logic_error("fitLossPowerLaw: x and loss differ in length");
    const auto lx = logsOf(x, "x");
    const auto ll = logsOf(loss, "loss");
    const double delta = options.huberDelta;
    const bool withE = options.irreducible;

    // θ = (c, α[, e]); log L̂ = c − α log x, or LSE(c − α log x, e) with E.
    auto objective = [&](const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) {
        const double c = theta[0], alpha = theta[1];
        const double e = withE ? theta[2] : 0.0;
        gradient.setZero(theta.size());
        double sum = 0.0;
        for (std::size_t i = 0; i < lx.size(); ++i) {
            const double t = c - alpha * lx[i];
            double p = t, w1 = 1.0, w2 = 0.0;
            if (withE) {
                const double m = std::max(t, e);
                const double u1 = std::exp(t - m), u2 = std::exp(e - m);
                p = m + std::log(u1 + u2);
                w1 = u1 / (u1 + u2);
                w2 = u2 / (u1 + u2);
            }
            const double r = ll[i] - p;
            const double psi = std::clamp(r, -delta, delta);
            sum += psi * (r - 0.5 * psi);
            gradient[0] -= psi * w1;
            gradient[1] += psi * w1 * lx[i];
            if (withE)
                gradient[2] -= psi * w2;
        }
        return sum;
    };

    std::vector<Eigen::VectorXd> starts;
    if (withE) {
        for (double alpha : {0.0, 0.5, 1.0, 1.5, 2.0})
            for (double e : {-1.0, -0.5, 0.0, 0.5, 1.0})
                for (double c : {0.0, 5.0, 10.0, 15.0, 20.0, 25.0}) {
                    Eigen::VectorXd start(3);
                    start << c, alpha, e;
                    starts.push_back(start);
                }
    } else {
        const auto ols = fitLinear(lx, ll);
        Eigen::VectorXd start(2);
        start << ols.intercept, -ols.slope;
        starts.push_back(start);
    }

    PowerLawFit fit;
    fit.pointsUsed = x.size();
    fit.starts = static_cast<int>(starts.size());
    double bestObjective = std::numeric_limits<double>::infinity();
    bool bestConverged = false;
    for (const auto &start : starts) {
        auto run = minimizeLbfgs(objective, start, options.minimizer);
        const bool better = (run.converged() && !bestConverged) ||
                            (run.converged() == bestConverged && run.objective < bestObjective);
        if (better) {
            bestObjective = run.objective;
            bestConverged = run.converged();
            fit.best = std::move(run);
        }
    }
    fit.objective = fit.best.objective;
    fit.law.coefficient = std::exp(fit.best.x[0]);
    fit.law.exponent = -fit.best.x[1];
    fit.law.irreducible = withE ? std::exp(fit.best.x[2]) : 0.0;
    if (!bestConverged)
        fit.warnings.push_back("no L-BFGS run reported convergence (" +
                               toString(fit.best.termination) + ")");
    return fit;
}

} // namespace scalescope::models
