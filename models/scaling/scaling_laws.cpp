#include "models/scaling/scaling_laws.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace scalescope::models {

namespace {

// The laws' preconditions are contracts of the caller (the scenario and the fit pass counted,
// positive values): a violation is a bug, std::logic_error. An unknown published-law id is
// too: ids come from publishedChinchillaLaws(), never from a user's file.

void requireCounting(ParameterCount parameters, ParameterCounting expected, const char *law) {
    if (parameters.counting != expected)
        throw std::logic_error(std::string(law) + " counts " + toString(expected) +
                               " parameters, got a " + toString(parameters.counting) + " count");
}

void requirePositive(double value, const char *what) {
    if (!(value > 0.0) || !std::isfinite(value))
        throw std::logic_error(std::string(what) + " must be finite and > 0");
}

ChinchillaLaw makeLaw(std::string id, std::string name, double E, double A, double B, double alpha,
                      double beta) {
    ChinchillaLaw law;
    law.id = std::move(id);
    law.name = std::move(name);
    law.E = E;
    law.A = A;
    law.B = B;
    law.alpha = alpha;
    law.beta = beta;
    law.parameterCounting = ParameterCounting::Total;
    return law;
}

} // namespace

std::string toString(ParameterCounting counting) {
    return counting == ParameterCounting::Total ? "total" : "non-embedding";
}

double trainingFlop(double parameters, double tokens) {
    return 6.0 * parameters * tokens;
}

double tokensForCompute(double computeFlop, double parameters) {
    return computeFlop / (6.0 * parameters);
}

double ChinchillaLaw::loss(ParameterCount parameters, double tokens) const {
    requireCounting(parameters, parameterCounting, "this Chinchilla-form law");
    // [2] eq. 2
    return E + A / std::pow(parameters.count, alpha) + B / std::pow(tokens, beta);
}

ComputeOptimalExponents ChinchillaLaw::computeOptimalExponents() const {
    // [2] eq. 4: minimising E + A/N^α + B/D^β on 6ND = C gives αA/N^α = βB/D^β.
    ComputeOptimalExponents result;
    result.G = std::pow(alpha * A / (beta * B), 1.0 / (alpha + beta));
    result.a = beta / (alpha + beta);
    result.b = alpha / (alpha + beta);
    return result;
}

LossPoint ChinchillaLaw::computeOptimal(double computeFlop) const {
    requirePositive(computeFlop, "compute budget");
    const auto k = computeOptimalExponents();
    LossPoint point;
    point.computeFlop = computeFlop;
    point.parameters = {k.G * std::pow(computeFlop / 6.0, k.a), parameterCounting};
    point.tokens = std::pow(computeFlop / 6.0, k.b) / k.G;
    point.loss = loss(point.parameters, point.tokens);
    return point;
}

std::vector<LossPoint> ChinchillaLaw::isoFlopCurve(double computeFlop, double minParameters,
                                                   double maxParameters, int points) const {
    requirePositive(computeFlop, "compute budget");
    requirePositive(minParameters, "smallest model size");
    if (!(maxParameters > minParameters) || points < 2)
        throw std::logic_error("an IsoFLOP curve needs max > min parameters and >= 2 points");
    std::vector<LossPoint> curve;
    curve.reserve(static_cast<std::size_t>(points));
    const double logMin = std::log(minParameters);
    const double step = (std::log(maxParameters) - logMin) / (points - 1);
    for (int i = 0; i < points; ++i) {
        LossPoint point;
        point.computeFlop = computeFlop;
        point.parameters = {std::exp(logMin + step * i), parameterCounting};
        point.tokens = tokensForCompute(computeFlop, point.parameters.count);
        point.loss = loss(point.parameters, point.tokens);
        curve.push_back(point);
    }
    return curve;
}

ChinchillaLaw hoffmannRoundedLaw() {
    return makeLaw("chinchilla-hoffmann-rounded", "Hoffmann et al. 2022, eq. 10 as printed", 1.69,
                   406.4, 410.7, 0.34, 0.28);
}

ChinchillaLaw hoffmannUnroundedLaw() {
    // Unrounded values from the paper's TeX source, stored as logs (Epoch's `true_params`).
    return makeLaw("chinchilla-hoffmann", "Hoffmann et al. 2022 (unrounded)", std::exp(0.5267228),
                   std::exp(6.0073404), std::exp(6.0179186), 0.33917084, 0.2849083);
}

ChinchillaLaw epochLikelihoodLaw() {
    return makeLaw("chinchilla-epoch", "Epoch AI replication 2024 (Huber likelihood)", 1.81686,
                   482.006, 2085.434, 0.34781, 0.36585);
}

ChinchillaLaw epochGridLaw() {
    return makeLaw("chinchilla-epoch-grid", "Epoch AI replication 2024 (grid + L-BFGS)", 1.817236,
                   477.842, 2143.864, 0.347313, 0.367183);
}

ChinchillaLaw muennighoffC4Law() {
    return makeLaw("muennighoff-c4", "Muennighoff et al. 2023, C4", std::exp(0.6254804),
                   std::exp(6.255414), std::exp(7.3049974), 0.3526596, 0.3526596);
}

std::vector<ChinchillaLaw> publishedChinchillaLaws() {
    return {hoffmannRoundedLaw(), hoffmannUnroundedLaw(), epochLikelihoodLaw(), epochGridLaw(),
            muennighoffC4Law()};
}

ChinchillaLaw publishedChinchillaLaw(const std::string &id) {
    for (auto &law : publishedChinchillaLaws())
        if (law.id == id)
            return law;
    std::string known;
    for (const auto &law : publishedChinchillaLaws())
        known += (known.empty() ? "" : ", ") + law.id;
    throw std::logic_error("unknown scaling law \"" + id + "\" (known: " + known + ")");
}

double DataConstrainedLaw::effectiveTokens(double tokens, double uniqueTokens) const {
    // [4]: R_D = max(D/U − 1, 0), D' = U + U·R_D*·(1 − e^(−R_D/R_D*)).
    const double repetitions = std::max(tokens / uniqueTokens - 1.0, 0.0);
    return uniqueTokens +
           uniqueTokens * repeatedTokenDecay * (1.0 - std::exp(-repetitions / repeatedTokenDecay));
}

double DataConstrainedLaw::effectiveParameters(double parameters, double uniqueTokens) const {
    // [4]: N_opt(U) = G·(G·U)^(β/α) inverts D_opt(C) = G⁻¹(C/6)^b for the model size;
    // U_N = min(N, N_opt(U)), R_N = max(N/U_N − 1, 0), N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)).
    const double G = base.computeOptimalExponents().G;
    const double optimalForUnique = G * std::pow(G * uniqueTokens, base.beta / base.alpha);
    const double usable = std::min(parameters, optimalForUnique);
    const double excess = std::max(parameters / usable - 1.0, 0.0);
    return usable +
           usable * excessParameterDecay * (1.0 - std::exp(-excess / excessParameterDecay));
}

double DataConstrainedLaw::loss(ParameterCount parameters, double tokens,
                                double uniqueTokens) const {
    requireCounting(parameters, base.parameterCounting, "the data-constrained law");
    if (uniqueTokens > tokens)
        throw std::logic_error("unique tokens cannot exceed training tokens");
    const double n = effectiveParameters(parameters.count, uniqueTokens);
    const double d = effectiveTokens(tokens, uniqueTokens);
    return base.E + base.A / std::pow(n, base.alpha) + base.B / std::pow(d, base.beta);
}

DataConstrainedLaw muennighoffDataConstrainedLaw() {
    DataConstrainedLaw law;
    law.base = muennighoffC4Law();
    law.repeatedTokenDecay = 15.387756;
    law.excessParameterDecay = 5.309743;
    return law;
}

double kaplanLossFromParameters(ParameterCount parameters, const KaplanConstants &constants) {
    requireCounting(parameters, ParameterCounting::NonEmbedding, "Kaplan's L(N)");
    return std::pow(constants.criticalParameters / parameters.count, constants.alphaN);
}

double kaplanLossFromTokens(double tokens, const KaplanConstants &constants) {
    return std::pow(constants.criticalTokens / tokens, constants.alphaD);
}

double kaplanLossFromCompute(double computeFlop, const KaplanConstants &constants) {
    const double pfDays = computeFlop / flopPerPetaflopDay;
    return std::pow(constants.criticalComputePfDays / pfDays, constants.alphaCMin);
}

double kaplanLoss(ParameterCount parameters, double tokens, const KaplanConstants &constants) {
    requireCounting(parameters, ParameterCounting::NonEmbedding, "Kaplan's L(N, D)");
    // [1] eq. 1.5
    const double parameterTerm = std::pow(constants.jointCriticalParameters / parameters.count,
                                          constants.jointAlphaN / constants.jointAlphaD);
    return std::pow(parameterTerm + constants.jointCriticalTokens / tokens, constants.jointAlphaD);
}

ParameterCount kaplanOptimalParameters(double computeFlop, const KaplanConstants &constants) {
    const double pfDays = computeFlop / flopPerPetaflopDay;
    return nonEmbeddingParameters(constants.optimalParametersCoefficient *
                                  std::pow(pfDays, constants.optimalParametersExponent));
}

} // namespace scalescope::models
