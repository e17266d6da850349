#include "models/scaling/chinchilla_objective.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace scalescope::models {

namespace {

/// Above this exponent e^t overflows doubles (e^709.78 ≈ 1.8e308); keep a margin.
constexpr double largestSafeExponent = 700.0;

std::vector<double> padded(const std::vector<double> &values, std::size_t size) {
    std::vector<double> result(values);
    result.resize(size, values.empty() ? 0.0 : values.back());
    return result;
}

} // namespace

ChinchillaObjective::ChinchillaObjective(const std::vector<double> &logParameters,
                                         const std::vector<double> &logTokens,
                                         const std::vector<double> &logLosses,
                                         const std::vector<double> &weights, double huberDelta,
                                         HuberReduction reduction, KernelPath path)
    : m_size(logParameters.size())
    , m_delta(huberDelta)
    , m_reduction(reduction) {
    // Contracts of the caller (the fit checks the user's points first): std::logic_error.
    if (logTokens.size() != m_size || logLosses.size() != m_size ||
        (!weights.empty() && weights.size() != m_size))
        throw std::logic_error("ChinchillaObjective: arrays of different lengths");
    if (m_size == 0)
        throw std::logic_error("ChinchillaObjective: no points");
    if (!(huberDelta > 0.0))
        throw std::logic_error("ChinchillaObjective: Huber delta must be > 0");
    // Pad to a multiple of 4 with zero-weight copies of the last point.
    const std::size_t paddedSize = (m_size + 3) / 4 * 4;
    m_logN = padded(logParameters, paddedSize);
    m_logD = padded(logTokens, paddedSize);
    m_logL = padded(logLosses, paddedSize);
    m_weights = weights.empty() ? std::vector<double>(m_size, 1.0) : weights;
    m_weights.resize(paddedSize, 0.0);
    for (std::size_t i = 0; i < m_size; ++i)
        m_totalWeight += m_weights[i];
    const auto [minN, maxN] = std::minmax_element(logParameters.begin(), logParameters.end());
    const auto [minD, maxD] = std::minmax_element(logTokens.begin(), logTokens.end());
    m_minLogN = *minN;
    m_maxLogN = *maxN;
    m_minLogD = *minD;
    m_maxLogD = *maxD;
    m_avx2 = path != KernelPath::Scalar && detail::huberKernelAvx2Available();
}

detail::HuberKernelSums ChinchillaObjective::sums(const Eigen::VectorXd &theta,
                                                  double scale) const {
    const double a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
    // The largest exponents over all points, from the extremes of log N and log D (O(1)).
    const double maxT1 = (a - e) - alpha * (alpha >= 0.0 ? m_minLogN : m_maxLogN);
    const double maxT2 = (b - e) - beta * (beta >= 0.0 ? m_minLogD : m_maxLogD);
    if (!(maxT1 < largestSafeExponent && maxT2 < largestSafeExponent))
        return shiftedSums(theta, 1.0 / scale);
    const detail::HuberKernelInput input{m_logN.data(), m_logD.data(), m_logL.data(),
                                         m_weights.data(), m_logN.size()};
    const detail::HuberKernelParameters parameters{a - e, alpha,   b - e,      beta,
                                                   e,     m_delta, 1.0 / scale};
    return m_avx2 ? detail::huberKernelAvx2(input, parameters)
                  : detail::huberKernelScalar(input, parameters);
}

detail::HuberKernelSums ChinchillaObjective::shiftedSums(const Eigen::VectorXd &theta,
                                                         double inverseScale) const {
    // log(e^t1 + e^t2 + e^e) evaluated as m + log(e^(t1−m) + e^(t2−m) + e^(e−m)), m the largest.
    const double a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
    detail::HuberKernelSums sums;
    for (std::size_t i = 0; i < m_size; ++i) {
        const double t1 = a - alpha * m_logN[i];
        const double t2 = b - beta * m_logD[i];
        const double m = std::max({t1, t2, e});
        const double u1 = std::exp(t1 - m), u2 = std::exp(t2 - m), u3 = std::exp(e - m);
        const double s = u1 + u2 + u3;
        const double r = m_logL[i] - m - std::log(s);
        const double z = r * inverseScale;
        const double psi = std::clamp(z, -m_delta, m_delta);
        const double w = m_weights[i];
        sums.loss += w * psi * (z - 0.5 * psi);
        const double c = w * psi / s;
        sums.sumParameterTerm += c * u1;
        sums.sumTokenTerm += c * u2;
        sums.sumIrreducibleTerm += c * u3;
        sums.sumParameterTermLogN += c * u1 * m_logN[i];
        sums.sumTokenTermLogD += c * u2 * m_logD[i];
        sums.sumPsiZ += w * psi * z;
    }
    return sums;
}

double ChinchillaObjective::operator()(const Eigen::VectorXd &theta,
                                       Eigen::VectorXd &gradient) const {
    const auto s = sums(theta, 1.0);
    const double factor = m_reduction == HuberReduction::Mean ? 1.0 / m_totalWeight : 1.0;
    gradient.resize(5);
    // r = log L − p, so ∂ρ(r)/∂θ = −ψ ∂p/∂θ with ∂p/∂a = w₁, ∂p/∂α = −w₁ log N, ... [3].
    gradient[0] = -s.sumParameterTerm * factor;
    gradient[1] = -s.sumTokenTerm * factor;
    gradient[2] = -s.sumIrreducibleTerm * factor;
    gradient[3] = s.sumParameterTermLogN * factor;
    gradient[4] = s.sumTokenTermLogD * factor;
    return s.loss * factor;
}

std::vector<double> ChinchillaObjective::residuals(const Eigen::VectorXd &theta) const {
    const double a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
    std::vector<double> result(m_size);
    for (std::size_t i = 0; i < m_size; ++i) {
        const double t1 = a - alpha * m_logN[i];
        const double t2 = b - beta * m_logD[i];
        const double m = std::max({t1, t2, e});
        result[i] = m_logL[i] - m - std::log(std::exp(t1 - m) + std::exp(t2 - m) + std::exp(e - m));
    }
    return result;
}

void ChinchillaObjective::residualsAndJacobian(const Eigen::VectorXd &theta,
                                               Eigen::VectorXd &residuals,
                                               Eigen::MatrixXd &jacobian) const {
    const double a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
    const auto n = static_cast<Eigen::Index>(m_size);
    residuals.resize(n);
    jacobian.resize(n, 5);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const double t1 = a - alpha * m_logN[k];
        const double t2 = b - beta * m_logD[k];
        const double m = std::max({t1, t2, e});
        const double u1 = std::exp(t1 - m), u2 = std::exp(t2 - m), u3 = std::exp(e - m);
        const double s = u1 + u2 + u3;
        residuals[i] = m_logL[k] - m - std::log(s);
        // ∂r/∂θ = −∂p/∂θ with the softmax weights w_j = u_j / s [3].
        jacobian(i, 0) = -u1 / s;
        jacobian(i, 1) = -u2 / s;
        jacobian(i, 2) = -u3 / s;
        jacobian(i, 3) = u1 / s * m_logN[k];
        jacobian(i, 4) = u2 / s * m_logD[k];
    }
}

double huberLogNormaliser(double huberDelta) {
    // Φ̄(δ) = erfc(δ/√2)/2.
    const double survival = 0.5 * std::erfc(huberDelta / std::numbers::sqrt2);
    const double z = std::sqrt(2.0 * std::numbers::pi) * (1.0 - 2.0 * survival) +
                     2.0 * std::exp(-0.5 * huberDelta * huberDelta) / huberDelta;
    return std::log(z);
}

} // namespace scalescope::models
