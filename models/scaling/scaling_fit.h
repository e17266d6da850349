#pragma once

// Fitting L(N, D) = E + A/N^α + B/D^β to training runs, exactly as Epoch AI replicated it.
//
// References:
//   [1] J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556,
//       App. D.2: Huber loss (δ = 1e-3) on log loss against log-sum-exp of the model, L-BFGS
//       from a grid of initialisations α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
//       a, b ∈ {0, 5, …, 25} (4,500 starts), the best objective wins.
//   [2] T. Besiroglu, E. Erdil, M. Barnett, J. You, "Chinchilla Scaling: A replication
//       attempt", arXiv:2404.10102, and notebook data_analysis.ipynb (epoch-research/
//       analyzing-chinchilla @ 9225883): the Huber sum (not mean) over the 240 points left after
//       dropping the 5 highest losses ("replicate exactly" cell → E3), and the Huber-likelihood
//       estimate with a free scale s = e^σ, BFGS from Hoffmann's unrounded values (→ E2).
//   [3] docs/reference/FITS.md: anchors E2, E3, gradients and tolerances.
//   [4] P. J. Huber, "Robust Statistics", Wiley 1981, ch. 7.8: M-estimates of non-linear
//       regression by iteratively reweighted least squares (weights ψ(r)/r).
//   [5] N. Muennighoff et al., "Scaling Data-Constrained Language Models", arXiv:2305.16264,
//       App. B and notebook utils/parametric_fit.ipynb (huggingface/datablations @ 1370131),
//       cell "FIT CHINCHILLA C4 ISOFLOP DOTS": the same Huber sum with α = β as one parameter,
//       torch L-BFGS from a, b ∈ linspace(0, 25, 5), e ∈ linspace(−1, 1, 4),
//       α ∈ linspace(0, 2, 4) (400 starts), on 54 points read off Chinchilla's C4 IsoFLOP
//       curves → a = 6.255414, b = 7.3049974, e = 0.6254804, α = β = 0.3526596 (FITS.md M1).

#include "models/core/parallel_for.h"
#include "models/scaling/chinchilla_objective.h"
#include "models/scaling/lbfgs_minimizer.h"
#include "models/scaling/scaling_dataset.h"
#include "models/scaling/scaling_laws.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace scalescope::models {

/// θ = (a, b, e, α, β) of a law: a = log A, b = log B, e = log E.
[[nodiscard]] Eigen::VectorXd chinchillaTheta(const ChinchillaLaw &law);
/// The law with A = e^a, B = e^b, E = e^e from θ = (a, b, e, α, β).
[[nodiscard]] ChinchillaLaw chinchillaLawFromTheta(const Eigen::VectorXd &theta,
                                                   ParameterCounting counting,
                                                   const std::string &id = "fit",
                                                   const std::string &name = "fitted");

/// The Chinchilla objective over a dataset's points: log N, log D, log L with per-point weights
/// (empty = 1 each).
[[nodiscard]] ChinchillaObjective
chinchillaObjective(const ScalingDataset &dataset, double huberDelta = 1e-3,
                    HuberReduction reduction = HuberReduction::Sum,
                    KernelPath kernel = KernelPath::Fastest);

/// Options of the grid fit; the defaults are Hoffmann's and Epoch's [1][2].
struct ChinchillaFitOptions {
    double huberDelta = 1e-3;
    HuberReduction reduction = HuberReduction::Sum;
    std::vector<double> aStarts{0.0, 5.0, 10.0, 15.0, 20.0, 25.0};
    std::vector<double> bStarts{0.0, 5.0, 10.0, 15.0, 20.0, 25.0};
    std::vector<double> eStarts{-1.0, -0.5, 0.0, 0.5, 1.0};
    std::vector<double> alphaStarts{0.0, 0.5, 1.0, 1.5, 2.0};
    std::vector<double> betaStarts{0.0, 0.5, 1.0, 1.5, 2.0};
    /// α = β as one parameter (Muennighoff's C4 fit [5]); betaStarts are then ignored.
    bool tieExponents = false;
    MinimizerSettings minimizer;
    KernelPath kernel = KernelPath::Fastest;
    ParallelControl parallel; ///< threads, progress (starts done / total) and cancellation
};

/// Muennighoff et al.'s grid [5]: exponents tied, a, b ∈ {0, 6.25, …, 25},
/// e ∈ {−1, −1/3, 1/3, 1}, α = β ∈ {0, 2/3, 4/3, 2}: 400 starts.
[[nodiscard]] ChinchillaFitOptions muennighoffGridOptions();

/// The result of a fit of the Chinchilla law.
struct ChinchillaFit {
    ChinchillaLaw law;              ///< the estimate (id "fit")
    Eigen::VectorXd theta;          ///< (a, b, e, α, β)
    double objective = 0.0;         ///< Huber sum (or mean) at the estimate
    std::size_t pointsUsed = 0;     ///< points in the objective
    int starts = 0;                 ///< starts in the grid
    int startsFinished = 0;         ///< starts run (fewer when cancelled)
    int startsConverged = 0;        ///< starts whose L-BFGS reported success
    long long totalEvaluations = 0; ///< objective evaluations over all starts
    Eigen::VectorXd bestStart;      ///< the start that won
    MinimizeResult best;            ///< the winning run: termination, gradient norm, iterations
    bool cancelled = false;
    std::vector<std::string> warnings;
};

/// Epoch's E3 procedure [1][2]: L-BFGS from every start of the grid (in parallel), keep the
/// lowest objective among the runs that report success. Throws InputError when the dataset has
/// fewer than 5 points or a single model size or token count.
[[nodiscard]] ChinchillaFit fitChinchillaGrid(const ScalingDataset &dataset,
                                              const ChinchillaFitOptions &options = {});

/// One L-BFGS run of the Chinchilla objective from `start` (θ). With `tieExponents` the run
/// minimises over (a, b, e, α) with β = α (start[4] is ignored); the result's x is still the
/// full θ (β = α), its gradient and gradient norm are those of the four free coordinates.
[[nodiscard]] MinimizeResult fitChinchillaFrom(const ChinchillaObjective &objective,
                                               const Eigen::VectorXd &start,
                                               const MinimizerSettings &settings = {},
                                               bool tieExponents = false);

/// The Huber-likelihood estimate (Epoch's headline E2 [2]).
struct ChinchillaLikelihoodFit {
    ChinchillaLaw law;
    Eigen::VectorXd theta;      ///< (a, b, e, α, β, σ)
    double scale = 0.0;         ///< s = e^σ, the residual scale
    double logLikelihood = 0.0; ///< −NLL at the estimate
    std::size_t pointsUsed = 0;
    MinimizeResult details;
    std::vector<std::string> warnings;
};

/// Maximises the Huber likelihood [2]: NLL = Σ Huber_δ(r_i/s) + n·log Z(δ) + n·log s over
/// (a, b, e, α, β) and s = e^σ, starting from `start` with s = 1. At the optimum s ≈ 5e-6, so
/// |r_i/s| ≫ δ for almost every point: the objective is a least-absolute-deviation fit, non-smooth
/// where residuals cross zero, and quasi-Newton methods stall there (SciPy's BFGS ends with
/// "precision loss" in Epoch's notebook). It is therefore minimised by alternating Huber's
/// iteratively reweighted Gauss-Newton steps in θ at fixed s [4] with the exact 1-D minimisation
/// over s (Σ ψ_δ(z_i) z_i = n), each of which lowers the NLL, until s stops changing.
/// `settings.maxIterations` caps the Gauss-Newton steps.
[[nodiscard]] ChinchillaLikelihoodFit
fitChinchillaLikelihood(const ScalingDataset &dataset,
                        const ChinchillaLaw &start = hoffmannUnroundedLaw(),
                        double huberDelta = 1e-3, const MinimizerSettings &settings = {});

} // namespace scalescope::models
