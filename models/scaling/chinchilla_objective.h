#pragma once

// The objective Hoffmann et al. and Epoch AI minimise to fit L(N, D) = E + A/N^α + B/D^β.
//
// References:
//   [1] J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556,
//       App. D.2: minimise Σ_i Huber_δ(LSE(a − α log N_i, b − β log D_i, e) − log L_i),
//       δ = 1e-3, with A = e^a, B = e^b, E = e^e.
//   [2] T. Besiroglu et al., "Chinchilla Scaling: A replication attempt", arXiv:2404.10102,
//       section 3 and notebook data_analysis.ipynb: the same sum; the Huber-likelihood variant
//       NLL = Σ Huber_δ(r_i/s) + n·log Z(δ) + n·log s with a free scale s = e^σ.
//   [3] Analytic gradient (docs/reference/FITS.md §3): with w = softmax(t1, t2, e)
//       per point and ψ_i = clamp(r_i, −δ, δ): ∂/∂a = −Σψw₁, ∂/∂b = −Σψw₂, ∂/∂e = −Σψw₃,
//       ∂/∂α = Σψw₁ log N, ∂/∂β = Σψw₂ log D.

#include "models/scaling/huber_kernel.h"

#include <Eigen/Core>

#include <vector>

namespace scalescope::models {

/// Whether the Huber terms are summed (Epoch [2]) or averaged. Averaging makes the objective
/// n times smaller, so default L-BFGS tolerances stop it early: Epoch's diagnosis of the
/// Chinchilla fit. Kept to demonstrate exactly that.
enum class HuberReduction { Sum, Mean };

/// Which inner loop evaluates the objective.
enum class KernelPath {
    Fastest, ///< AVX2 when available, else scalar
    Scalar,  ///< portable loop
    Avx2,    ///< AVX2 + FMA with inline exp/log (falls back to scalar when unavailable)
};

/// The Chinchilla Huber objective over a fixed set of points with (optional) integer or real
/// weights — a bootstrap resample is the original points weighted by how often each was drawn.
/// The parameter vector is θ = (a, b, e, α, β) with A = e^a, B = e^b, E = e^e.
/// Stateless after construction: one instance may be evaluated from several threads.
class ChinchillaObjective {
public:
    /// `weights` empty means every point counts once.
    ChinchillaObjective(const std::vector<double> &logParameters,
                        const std::vector<double> &logTokens, const std::vector<double> &logLosses,
                        const std::vector<double> &weights = {}, double huberDelta = 1e-3,
                        HuberReduction reduction = HuberReduction::Sum,
                        KernelPath path = KernelPath::Fastest);

    /// Number of points (with non-zero weight or not) and the sum of their weights.
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] double totalWeight() const { return m_totalWeight; }
    [[nodiscard]] double huberDelta() const { return m_delta; }
    [[nodiscard]] HuberReduction reduction() const { return m_reduction; }
    /// True when evaluations run the AVX2 loop.
    [[nodiscard]] bool usesAvx2() const { return m_avx2; }

    /// Σ_i w_i Huber_δ(log L_i − LSE(a − α log N_i, b − β log D_i, e)) (divided by Σw for
    /// Mean) and its gradient [1][3]. θ has 5 entries; `gradient` is resized to 5.
    double operator()(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) const;

    /// The weighted sums of one evaluation with residuals divided by `scale` (1 for the plain
    /// objective); the Huber-likelihood fit builds on these.
    [[nodiscard]] detail::HuberKernelSums sums(const Eigen::VectorXd &theta, double scale) const;

    /// Residuals r_i = log L_i − log L̂_i at θ, one per point (padding excluded).
    [[nodiscard]] std::vector<double> residuals(const Eigen::VectorXd &theta) const;
    /// Residuals and their Jacobian ∂r_i/∂θ (n × 5), for Gauss-Newton steps.
    void residualsAndJacobian(const Eigen::VectorXd &theta, Eigen::VectorXd &residuals,
                              Eigen::MatrixXd &jacobian) const;
    /// Weight of point i (i < size()).
    [[nodiscard]] double weight(std::size_t i) const { return m_weights[i]; }

private:
    /// The overflow-safe loop (log-sum-exp shifted per point), used when some t exceeds ~700.
    [[nodiscard]] detail::HuberKernelSums shiftedSums(const Eigen::VectorXd &theta,
                                                      double inverseScale) const;

    std::vector<double> m_logN;
    std::vector<double> m_logD;
    std::vector<double> m_logL;
    std::vector<double> m_weights;
    std::size_t m_size = 0;
    double m_totalWeight = 0.0;
    double m_delta = 1e-3;
    HuberReduction m_reduction = HuberReduction::Sum;
    bool m_avx2 = false;
    double m_minLogN = 0.0, m_maxLogN = 0.0, m_minLogD = 0.0, m_maxLogD = 0.0;
};

/// log Z(δ) of the Huber density exp(−Huber_δ(z))/Z(δ) [2]:
/// Z(δ) = √(2π)·(1 − 2·Φ̄(δ)) + 2·exp(−δ²/2)/δ, Φ̄ the standard normal survival function.
[[nodiscard]] double huberLogNormaliser(double huberDelta);

} // namespace scalescope::models
