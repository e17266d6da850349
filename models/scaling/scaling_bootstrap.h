#pragma once

// Bootstrap confidence intervals for a fitted Chinchilla law.
//
// References:
//   [1] B. Efron, R. J. Tibshirani, "An Introduction to the Bootstrap", Chapman & Hall 1993,
//       ch. 6 (bootstrap standard errors) and 13.3 (percentile intervals).
//   [2] T. Besiroglu et al., "Chinchilla Scaling: A replication attempt", arXiv:2404.10102,
//       and notebook data_analysis.ipynb: 4,000 resamples of the 240 points with replacement
//       after np.random.seed(42), each refit by BFGS on the plain Huber sum started from
//       Hoffmann's unrounded values; SEs are the standard deviations of the refits
//       (untransformed A, B, E), 95 % intervals their 2.5/97.5 percentiles.
//   [3] NumPy 1.24 legacy RandomState: MT19937 seeded by init_genrand(seed); randint/choice
//       draw 32-bit words masked to the smallest covering power of two and reject values
//       beyond the range (numpy/random/src/distributions/distributions.c,
//       buffered_bounded_masked_uint32).
//   [4] J. Hoffmann et al., arXiv:2203.15556, Table 2: the Approach-3 interval for a,
//       (0.454, 0.455), which Epoch show is implausibly narrow for ~400 runs.
//   [5] G. A. F. Seber, C. J. Wild, "Nonlinear Regression", Wiley 1989, section 2.1:
//       Cov(θ̂) ≈ s²(JᵀJ)⁻¹; delta method for a = β/(α+β).

#include "models/scaling/scaling_fit.h"

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace scalescope::models {

/// The bounded integers of NumPy's legacy RandomState [3], so a seed gives the same resamples
/// as `np.random.seed(seed); np.random.choice(n, n)` in Python.
class NumpyLegacyRandom {
public:
    explicit NumpyLegacyRandom(std::uint32_t seed);
    /// A uniform integer in [0, bound) (bound ≥ 1), as np.random.randint(0, bound).
    [[nodiscard]] std::uint32_t below(std::uint32_t bound);

private:
    std::mt19937 m_engine;
};

/// SciPy BFGS's stopping rule [2]: gradient norm ≤ 1e-5, no objective-decrease test.
[[nodiscard]] MinimizerSettings bfgsLikeSettings();

/// Options of the bootstrap; the defaults follow Epoch [2] except where each refit starts.
struct BootstrapOptions {
    int resamples = 4000;
    std::uint32_t seed = 42;
    /// Where each refit starts. Empty: the estimate being bootstrapped (a warm start, which
    /// works for any data set). Epoch start every refit from Hoffmann's unrounded values:
    /// pass hoffmannUnroundedLaw() to do exactly that.
    std::optional<ChinchillaLaw> start;
    double huberDelta = 1e-3;
    HuberReduction reduction = HuberReduction::Sum;
    /// Refit with α = β as one parameter (for an estimate from a tied fit, e.g. Muennighoff's).
    bool tieExponents = false;
    /// Epoch refit with SciPy's BFGS, which stops on the gradient norm (gtol 1e-5) only; with
    /// L-BFGS-B's relative-reduction test instead, refits started away from the optimum stop
    /// after a few iterations and the intervals collapse. So that test is off by default.
    MinimizerSettings minimizer = bfgsLikeSettings();
    KernelPath kernel = KernelPath::Fastest;
    double confidenceLevel = 0.95;
    ParallelControl parallel; ///< threads, progress (refits done / total), cancellation
};

/// A parameter with its bootstrap standard error and percentile interval [1].
struct ParameterInterval {
    double estimate = 0.0;
    double standardError = 0.0; ///< standard deviation of the refits (NumPy's std, ddof 0)
    double lower = 0.0;
    double upper = 0.0;
    bool operator==(const ParameterInterval &) const = default;
};

/// The bootstrap distribution and the intervals drawn from it.
struct BootstrapResult {
    int requested = 0;
    int completed = 0; ///< refits done (fewer than requested when cancelled)
    int converged = 0; ///< refits whose L-BFGS reported success
    bool cancelled = false;
    double confidenceLevel = 0.95;
    ParameterInterval E, A, B, alpha, beta;
    ParameterInterval a;                ///< compute-optimal N_opt ∝ C^a, a = β/(α+β)
    ParameterInterval b;                ///< D_opt ∝ C^b, b = α/(α+β)
    std::vector<ChinchillaLaw> samples; ///< one law per completed refit, in resample order
    double medianIterations = 0.0;
    /// Least-squares (Gauss-Newton) standard errors of α, β and a at the estimate with a robust
    /// residual scale (1.4826 × median |r|): the width the data alone imply [5]. Bootstrap SEs
    /// of a Huber fit are not expected to fall far below them (on Epoch's data they are 2-3×
    /// larger, as the residuals are heavy-tailed).
    double asymptoticAlphaSE = 0.0, asymptoticBetaSE = 0.0, asymptoticASE = 0.0;
    std::vector<std::string> warnings; ///< e.g. implausibly narrow intervals
};

/// Resamples the points with replacement `options.resamples` times (NumPy-compatible draws,
/// generated up front so results do not depend on the thread count), refits each resample with
/// L-BFGS from one start and summarises the refits [1][2]. `estimate` is the full-data fit.
/// Warns when the bootstrap SE of α, β or a is below a quarter of its least-squares asymptotic
/// SE, or when the refits hardly moved from their start (the symptoms behind Hoffmann's
/// (0.454, 0.455) [4]).
[[nodiscard]] BootstrapResult bootstrapChinchilla(const ScalingDataset &dataset,
                                                  const ChinchillaLaw &estimate,
                                                  const BootstrapOptions &options = {});

/// The q-th percentile (0 ≤ q ≤ 100) with linear interpolation between order statistics, as
/// NumPy's default: position q/100·(n−1).
[[nodiscard]] double percentile(std::vector<double> values, double q);

} // namespace scalescope::models
