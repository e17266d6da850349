#pragma once

// The inner loop of the Chinchilla Huber objective, shared by a portable scalar version and an
// AVX2 version. Internal to models/ (used by ChinchillaObjective); no Eigen here so the AVX2
// translation unit shares no inline template code with the rest of the library.
//
// References:
//   [1] P. J. Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35(1),
//       1964: ρ_δ(z) = z²/2 for |z| ≤ δ, δ(|z| − δ/2) otherwise; ψ_δ(z) = clamp(z, −δ, δ).
//   [2] exp and log of the AVX2 version: see models/scaling/huber_kernel_avx2.cpp (Cody-Waite +
//   Taylor
//       for exp, fdlibm's e_log.c for log).

#include <cstddef>

namespace scalescope::models::detail {

/// Point data in log space, padded to a multiple of 4 entries with zero-weight copies of the
/// last point (so padding can never overflow where real points do not).
struct HuberKernelInput {
    const double *logParameters = nullptr;
    const double *logTokens = nullptr;
    const double *logLosses = nullptr;
    const double *weights = nullptr;
    std::size_t paddedSize = 0;
};

/// θ = (a, b, e, α, β) rearranged for the loop: t1 = (a − e) − α·log N, t2 = (b − e) − β·log D,
/// p = e + log(1 + e^t1 + e^t2) = log(A/N^α + B/D^β + E). Valid while t1, t2 < ~700.
struct HuberKernelParameters {
    double parameterOffset = 0.0; ///< a − e
    double alpha = 0.0;
    double tokenOffset = 0.0; ///< b − e
    double beta = 0.0;
    double e = 0.0;
    double huberDelta = 1e-3;
    double inverseScale = 1.0; ///< residuals are divided by the scale s (likelihood fit)
};

/// Weighted sums over points, with r = log L − p, z = r/s, ψ = ψ_δ(z), S = 1 + e^t1 + e^t2:
/// loss = Σ w ρ_δ(z); c = w ψ / S;
/// sumParameterTerm = Σ c e^t1, sumTokenTerm = Σ c e^t2, sumIrreducibleTerm = Σ c,
/// sumParameterTermLogN = Σ c e^t1 log N, sumTokenTermLogD = Σ c e^t2 log D,
/// sumPsiZ = Σ w ψ z. The gradient of the loss follows as ∂/∂a = −sumParameterTerm/s, etc.
struct HuberKernelSums {
    double loss = 0.0;
    double sumParameterTerm = 0.0;
    double sumTokenTerm = 0.0;
    double sumIrreducibleTerm = 0.0;
    double sumParameterTermLogN = 0.0;
    double sumTokenTermLogD = 0.0;
    double sumPsiZ = 0.0;
};

/// Portable version: a plain loop with std::exp and std::log.
[[nodiscard]] HuberKernelSums huberKernelScalar(const HuberKernelInput &input,
                                                const HuberKernelParameters &parameters);

/// True when this build has the AVX2 version and the CPU runs it (AVX2 + FMA).
[[nodiscard]] bool huberKernelAvx2Available();

/// AVX2 + FMA version with inline exp and log [2]; call only when huberKernelAvx2Available().
[[nodiscard]] HuberKernelSums huberKernelAvx2(const HuberKernelInput &input,
                                              const HuberKernelParameters &parameters);

/// The AVX2 version's own exp and log applied to x[0..size) (for tests; x > 0 finite normal for
/// the log, |x| ≤ 700 for exp). std::exp / std::log where the AVX2 version is not compiled.
void vectorExpLogAvx2(const double *x, std::size_t size, double *exponentials, double *logarithms);

} // namespace scalescope::models::detail
