#pragma once

// Published neural scaling laws for language-model loss (nats per token).
//
// References:
//   [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361 (2020):
//       eq. 1.1-1.3 and Table 5 (single-variable laws), eq. 1.5 / Table 2 (joint L(N, D)),
//       Table 6 (compute-efficient allocation). N = non-embedding parameters, C in PF-days.
//   [2] J. Hoffmann et al., "Training Compute-Optimal Large Language Models", arXiv:2203.15556
//       (2022): eq. 2 (L = E + A/N^α + B/D^β), eq. 4 (compute-optimal N and D under C = 6ND),
//       eq. 10 / App. D.2 (fitted constants). N = total parameters including embeddings.
//   [3] T. Besiroglu, E. Erdil, M. Barnett, J. You, "Chinchilla Scaling: A replication attempt",
//       arXiv:2404.10102 (Epoch AI, 2024), and github.com/epoch-research/analyzing-chinchilla
//       (notebook data_analysis.ipynb at 9225883): the replicated constants.
//   [4] N. Muennighoff et al., "Scaling Data-Constrained Language Models", arXiv:2305.16264
//       (NeurIPS 2023), README of github.com/huggingface/datablations: the C4 fit and the
//       data-constrained law with effective data D' and effective parameters N'.

#include <string>
#include <vector>

namespace scalescope::models {

/// How a parameter count was counted. Chinchilla-style laws count every parameter [2];
/// Kaplan's laws count non-embedding parameters only [1]. The two differ by the embedding
/// matrices (2·vocab·d_model for untied embeddings), which matters most for small models.
enum class ParameterCounting { Total, NonEmbedding };

/// "total" or "non-embedding".
[[nodiscard]] std::string toString(ParameterCounting counting);

/// A parameter count that carries its counting convention, so a law counted one way cannot be
/// fed a count made the other way without the mismatch being caught.
struct ParameterCount {
    double count = 0.0;
    ParameterCounting counting = ParameterCounting::Total;
    bool operator==(const ParameterCount &) const = default;
};

/// N counted with every parameter (embeddings included).
[[nodiscard]] constexpr ParameterCount totalParameters(double count) {
    return {count, ParameterCounting::Total};
}
/// N counted without the embedding (and, in Kaplan's convention, unembedding) matrices.
[[nodiscard]] constexpr ParameterCount nonEmbeddingParameters(double count) {
    return {count, ParameterCounting::NonEmbedding};
}

/// Training compute of a dense transformer, C ≈ 6·N·D [FLOP] ([2] section 3.2).
[[nodiscard]] double trainingFlop(double parameters, double tokens);
/// Tokens implied by a budget and a model size, D = C / (6·N).
[[nodiscard]] double tokensForCompute(double computeFlop, double parameters);

/// Compute-optimal allocation constants of a Chinchilla law ([2] eq. 4):
/// G = (αA / (βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β);
/// N_opt(C) = G·(C/6)^a, D_opt(C) = G⁻¹·(C/6)^b.
struct ComputeOptimalExponents {
    double G = 0.0;
    double a = 0.0; ///< N_opt ∝ C^a
    double b = 0.0; ///< D_opt ∝ C^b
    bool operator==(const ComputeOptimalExponents &) const = default;
};

/// One point of a compute-optimal frontier or an IsoFLOP curve.
struct LossPoint {
    ParameterCount parameters;
    double tokens = 0.0;
    double computeFlop = 0.0;
    double loss = 0.0; ///< nats per token
    bool operator==(const LossPoint &) const = default;
};

/// The Chinchilla parametric law L(N, D) = E + A/N^α + B/D^β [2]. The field names are the
/// paper's symbols so the constants can be checked against it line by line.
struct ChinchillaLaw {
    std::string id;   ///< stable id, e.g. "chinchilla-epoch"
    std::string name; ///< label for people, e.g. "Epoch AI replication (2024)"
    double E = 0.0;   ///< irreducible loss [nats/token]
    double A = 0.0;
    double B = 0.0;
    double alpha = 0.0; ///< parameter exponent α
    double beta = 0.0;  ///< data exponent β
    ParameterCounting parameterCounting = ParameterCounting::Total;
    bool operator==(const ChinchillaLaw &) const = default;

    /// L(N, D) = E + A/N^α + B/D^β. Throws std::logic_error when N is counted with a
    /// different convention than the law.
    [[nodiscard]] double loss(ParameterCount parameters, double tokens) const;
    /// The compute-optimal allocation constants G, a, b (see ComputeOptimalExponents).
    [[nodiscard]] ComputeOptimalExponents computeOptimalExponents() const;
    /// N_opt, D_opt and L(N_opt, D_opt) for a budget C under C = 6ND. E does not move the
    /// optimum, only the loss there.
    [[nodiscard]] LossPoint computeOptimal(double computeFlop) const;
    /// An IsoFLOP curve: `points` model sizes log-spaced over [minParameters, maxParameters],
    /// each trained on D = C/(6N) tokens, with the law's loss.
    [[nodiscard]] std::vector<LossPoint> isoFlopCurve(double computeFlop, double minParameters,
                                                      double maxParameters, int points) const;
};

/// H1: Hoffmann et al. [2] eq. 10 as printed (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28).
[[nodiscard]] ChinchillaLaw hoffmannRoundedLaw();
/// H2: the same fit with the unrounded values of the paper's TeX source, as Epoch use them [3].
[[nodiscard]] ChinchillaLaw hoffmannUnroundedLaw();
/// E2: Epoch AI's Huber-likelihood estimate on 240 points digitised from Hoffmann's Fig. 4 [3].
[[nodiscard]] ChinchillaLaw epochLikelihoodLaw();
/// E3: Epoch AI's "replicate exactly" grid + L-BFGS fit of the same 240 points [3].
[[nodiscard]] ChinchillaLaw epochGridLaw();
/// M1: Muennighoff et al.'s C4 fit with α = β [4].
[[nodiscard]] ChinchillaLaw muennighoffC4Law();
/// Every published Chinchilla-form law above, in that order.
[[nodiscard]] std::vector<ChinchillaLaw> publishedChinchillaLaws();
/// The published law with this id; throws std::logic_error for an unknown id.
[[nodiscard]] ChinchillaLaw publishedChinchillaLaw(const std::string &id);

/// The data-constrained law of Muennighoff et al. [4]: with U unique tokens repeated to D,
/// R_D = max(D/U − 1, 0),  D' = U + U·R_D*·(1 − e^(−R_D/R_D*)),
/// U_N = min(N, N_opt(U)) where N_opt(U) = G·(G·U)^(β/α) is the size for which U tokens would be
/// compute-optimal, R_N = max(N/U_N − 1, 0),  N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)),
/// L = E + A/N'^α + B/D'^β.
struct DataConstrainedLaw {
    ChinchillaLaw base;
    double repeatedTokenDecay =
        0.0; ///< R_D*: repetitions after which repeated data is 1/e as useful
    double excessParameterDecay = 0.0; ///< R_N*: the same for parameters beyond N_opt(U)
    bool operator==(const DataConstrainedLaw &) const = default;

    /// D' [tokens]: unique tokens plus the decayed value of the repetitions.
    [[nodiscard]] double effectiveTokens(double tokens, double uniqueTokens) const;
    /// N' [parameters]: parameters up to N_opt(U) plus the decayed value of the excess.
    [[nodiscard]] double effectiveParameters(double parameters, double uniqueTokens) const;
    /// L(N, D, U); throws std::logic_error when U > D or the counting does not match.
    [[nodiscard]] double loss(ParameterCount parameters, double tokens, double uniqueTokens) const;
};

/// Muennighoff et al.'s C4 law with R_D* = 15.387756 and R_N* = 5.309743 [4].
[[nodiscard]] DataConstrainedLaw muennighoffDataConstrainedLaw();

/// One PF-day, the compute unit of Kaplan et al. [1]: 1e15 FLOP/s for 86,400 s = 8.64e19 FLOP.
inline constexpr double flopPerPetaflopDay = 8.64e19;

/// Kaplan et al.'s constants [1] (WebText2, BPE vocabulary 50257, context 1024). They are
/// tied to that tokenisation and non-embedding counting.
struct KaplanConstants {
    // Table 5, single-variable laws.
    double alphaN = 0.076;                ///< L(N) = (N_c/N)^α_N
    double criticalParameters = 8.8e13;   ///< N_c [non-embedding parameters]
    double alphaD = 0.095;                ///< L(D) = (D_c/D)^α_D
    double criticalTokens = 5.4e13;       ///< D_c [tokens]
    double alphaCMin = 0.050;             ///< L(C_min) = (C_c^min/C_min)^α_C^min
    double criticalComputePfDays = 3.1e8; ///< C_c^min [PF-days]
    // Table 2, the joint fit of eq. 1.5 (a different constant set).
    double jointAlphaN = 0.076;
    double jointAlphaD = 0.103;
    double jointCriticalParameters = 6.4e13;
    double jointCriticalTokens = 1.8e13;
    // Table 6, compute-efficient allocation N_opt = k·C_min^p with C_min in PF-days.
    double optimalParametersCoefficient = 1.3e9;
    double optimalParametersExponent = 0.73;
    bool operator==(const KaplanConstants &) const = default;
};

/// L(N) = (N_c/N)^α_N for a converged model of N non-embedding parameters [1] eq. 1.1.
/// Throws std::logic_error for a total-parameter count.
[[nodiscard]] double kaplanLossFromParameters(ParameterCount parameters,
                                              const KaplanConstants &constants = {});
/// L(D) = (D_c/D)^α_D for a large model trained with early stopping on D tokens [1] eq. 1.2.
[[nodiscard]] double kaplanLossFromTokens(double tokens, const KaplanConstants &constants = {});
/// L(C_min) = (C_c^min/C_min)^α_C^min with compute-efficient training [1] eq. 1.3; the budget
/// is given in FLOP and converted to PF-days here.
[[nodiscard]] double kaplanLossFromCompute(double computeFlop,
                                           const KaplanConstants &constants = {});
/// L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D [1] eq. 1.5 with the Table 2 constants.
[[nodiscard]] double kaplanLoss(ParameterCount parameters, double tokens,
                                const KaplanConstants &constants = {});
/// Kaplan's compute-efficient model size N_opt = 1.3e9 · C_min^0.73 (C_min in PF-days) [1]
/// Table 6, as a non-embedding count.
[[nodiscard]] ParameterCount kaplanOptimalParameters(double computeFlop,
                                                     const KaplanConstants &constants = {});

} // namespace scalescope::models
