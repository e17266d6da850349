#include "models/scaling/isoflop_fit.h"

#include "models/core/input_error.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace scalescope::models {

namespace {

/// Least-squares parabola y = c2·x² + c1·x + c0, solved on centred x for conditioning.
void fitParabola(const std::vector<double> &x, const std::vector<double> &y, double &c0, double &c1,
                 double &c2) {
    const auto n = static_cast<Eigen::Index>(x.size());
    double mean = 0.0;
    for (double v : x)
        mean += v;
    mean /= static_cast<double>(x.size());
    Eigen::MatrixXd design(n, 3);
    Eigen::VectorXd target(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double u = x[static_cast<std::size_t>(i)] - mean;
        design(i, 0) = 1.0;
        design(i, 1) = u;
        design(i, 2) = u * u;
        target[i] = y[static_cast<std::size_t>(i)];
    }
    const Eigen::Vector3d k = design.colPivHouseholderQr().solve(target);
    // y = k0 + k1 (x − m) + k2 (x − m)² expanded in powers of x.
    c2 = k[2];
    c1 = k[1] - 2.0 * k[2] * mean;
    c0 = k[0] - k[1] * mean + k[2] * mean * mean;
}

} // namespace

IsoFlopFit fitIsoFlopProfiles(const ScalingDataset &dataset, const IsoFlopOptions &options) {
    std::vector<ScalingPoint> points = dataset.points;
    for (auto &point : points)
        if (!(point.computeFlop > 0.0))
            point.computeFlop = trainingFlop(point.parameters, point.tokens);
    std::sort(points.begin(), points.end(), [](const ScalingPoint &p, const ScalingPoint &q) {
        return p.computeFlop < q.computeFlop;
    });

    IsoFlopFit fit;
    std::size_t begin = 0;
    while (begin < points.size()) {
        std::size_t end = begin;
        const double first = points[begin].computeFlop;
        while (end < points.size() &&
               points[end].computeFlop <= first * (1.0 + options.budgetTolerance))
            ++end;
        IsoFlopBudget budget;
        budget.points = static_cast<int>(end - begin);
        std::vector<double> logN, loss;
        double logC = 0.0;
        for (std::size_t i = begin; i < end; ++i) {
            logN.push_back(std::log(points[i].parameters));
            loss.push_back(points[i].loss);
            logC += std::log(points[i].computeFlop);
        }
        budget.computeFlop = std::exp(logC / static_cast<double>(end - begin));
        const auto [minLogN, maxLogN] = std::minmax_element(logN.begin(), logN.end());
        if (budget.points < std::max(options.minimumPointsPerBudget, 3)) {
            budget.rejection = "only " + std::to_string(budget.points) + " runs";
        } else if (!(*maxLogN > *minLogN)) {
            budget.rejection = "every run has the same model size";
        } else {
            fitParabola(logN, loss, budget.c0, budget.c1, budget.c2);
            const double vertex = -budget.c1 / (2.0 * budget.c2);
            if (!(budget.c2 > 0.0)) {
                budget.rejection = "the parabola opens downwards (no minimum)";
            } else if (!(vertex > *minLogN && vertex < *maxLogN)) {
                budget.rejection = "the minimum lies outside the sampled model sizes";
            } else {
                budget.accepted = true;
                budget.optimalParameters = std::exp(vertex);
                budget.optimalTokens =
                    tokensForCompute(budget.computeFlop, budget.optimalParameters);
                budget.optimalLoss = budget.c0 + budget.c1 * vertex + budget.c2 * vertex * vertex;
            }
        }
        if (!budget.accepted) {
            std::ostringstream text;
            text << "budget " << budget.computeFlop << " FLOP left out: " << budget.rejection;
            fit.warnings.push_back(text.str());
        }
        fit.budgets.push_back(budget);
        begin = end;
    }

    std::vector<double> compute, optimalN, optimalD;
    for (const auto &budget : fit.budgets)
        if (budget.accepted) {
            compute.push_back(budget.computeFlop);
            optimalN.push_back(budget.optimalParameters);
            optimalD.push_back(budget.optimalTokens);
        }
    if (compute.size() < 2 || compute.front() == compute.back())
        throw InputError(dataset.source, dataset.lossField,
                         "IsoFLOP analysis needs at least 2 compute budgets with an interior "
                         "loss minimum, found " +
                             std::to_string(compute.size()));
    fit.optimalParameters = fitPowerLawLogLog(compute, optimalN, &fit.parameterRegression);
    fit.optimalTokens = fitPowerLawLogLog(compute, optimalD, &fit.tokenRegression);
    return fit;
}

} // namespace scalescope::models
