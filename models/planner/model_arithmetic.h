#pragma once

// Parameter and FLOP arithmetic of a decoder-only transformer, computed once per model into a
// compact `ModelArithmetic`, then evaluated by inline functions (the planner and the search call
// them millions of times).
//
// References
//  [1] D. Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
//      Megatron-LM", SC21, arXiv:2104.04473, sec. 5.1 (parameter count
//      P = 12·l·h²·(1 + 13/(12h) + (V+s)/(12·l·h))) and eq. 3 (iteration FLOPs with full
//      recomputation F = 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))).
//  [2] V. Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models",
//      MLSys 2023, arXiv:2205.05198, App. A: model FLOPs 72·B·s·l·h²·(1 + s/(6h) + v/(12·h·l)).
//  [3] Megatron-LM r0.8.0, megatron/training/training.py, num_floating_point_operations():
//      12·B·s·L·h²·[(1 + g/a + s/h)·(q/h) + (f/h)·k·(3/2 if SwiGLU) + V/(2·L·h)].
//  [4] Megatron-Bridge / NeMo 25.x flop_utils.transformer_flops: the same terms with the
//      attention score and attention-over-values matmuls halved for causal masking.
//  [5] DeepSeek-AI, "DeepSeek-V3 Technical Report", arXiv:2412.19437, sec. 2.1 (MLA: low-rank
//      query and joint key/value compression; DeepSeekMoE with shared experts).
//  [6] J. Rae et al., "Scaling Language Models: Methods, Analysis & Insights from Training
//      Gopher", arXiv:2112.11446, and Z. Dai et al., "Transformer-XL", arXiv:1901.02860 (relative
//      position encoding: a per-layer projection W_R of the sinusoidal position embeddings).
//  [7] A. Chowdhery et al., "PaLM", arXiv:2204.02311, App. B (MFU uses 6·N + 12·L·H·Q·T,
//      attention counted without causal halving).

#include "models/scenario/model_shape.h"
#include "models/scenario/scenario.h"

#include <optional>
#include <string>

namespace scalescope::models {

// AttentionFlops (the counting conventions of the sources) is in models/planner/planner_options.h.

/// Parameters of one transformer layer of one kind (dense or MoE) [params].
struct LayerParameters {
    double attention = 0.0; ///< projections, their biases, MLA latent norms, relative-position W_R
    double mlp = 0.0;       ///< dense MLP; MoE: routed experts + shared experts + router
    double mlpActive = 0.0; ///< used per token: dense MLP, or top-k routed + shared + router
    double norms = 0.0;     ///< the two pre-norms (attention and MLP)
    /// Matrix weights used per token (no biases, no norms): 2 FLOPs each per token forward.
    double matmulWeightsActive = 0.0;

    [[nodiscard]] double total() const { return attention + mlp + norms; }
    [[nodiscard]] double active() const { return attention + mlpActive + norms; }
    bool operator==(const LayerParameters &) const = default;
};

/// Everything the planner needs from a model shape, precomputed once (`computeModelArithmetic`).
/// Plain data; every per-evaluation function below is inline and allocation-free.
struct ModelArithmetic {
    int layers = 0;
    int denseLayers = 0; ///< layers with a dense MLP (all of them for a dense model); first ones
    int moeLayers = 0;   ///< layers with a routed MoE MLP, after the dense ones
    int hidden = 0;
    int vocab = 0;
    double seqLen = 0.0; ///< training sequence length [tokens]
    bool tiedEmbeddings = false;

    LayerParameters denseLayer; ///< one dense layer
    LayerParameters moeLayer;   ///< one MoE layer (all zero for a dense model)

    double inputEmbeddingParameters = 0.0;    ///< V·h
    double outputLayerParameters = 0.0;       ///< V·h when untied, 0 when tied
    double positionEmbeddingParameters = 0.0; ///< s·h for learned absolute positions, else 0
    double finalNormParameters = 0.0;         ///< the norm before the output layer

    double totalParameters = 0.0;  ///< everything, each tensor once
    double activeParameters = 0.0; ///< used per token (MoE: top-k routed + shared experts)

    /// Forward FLOPs per token per attended key for one layer: 2·a·(d_qk + d_v).
    double attentionCoreFlopsPerKey = 0.0;
    /// Forward FLOPs per token of the output layer (logits): 2·h·V.
    double logitFlopsPerToken = 0.0;

    /// V·h (input) + V·h (output, when untied) + s·h (learned positions).
    [[nodiscard]] double embeddingParameters() const {
        return inputEmbeddingParameters + outputLayerParameters + positionEmbeddingParameters;
    }
    /// Total minus embeddings: Kaplan et al.'s N.
    [[nodiscard]] double nonEmbeddingParameters() const {
        return totalParameters - embeddingParameters();
    }

    /// Forward FLOPs of the attention core of one layer for one token attending to
    /// `contextTokens` keys: 2·a·(d_qk + d_v)·s, halved for `Causal`.
    [[nodiscard]] double attentionCoreForwardFlops(AttentionFlops convention,
                                                   double contextTokens) const {
        const double keys =
            convention == AttentionFlops::Causal ? 0.5 * contextTokens : contextTokens;
        return attentionCoreFlopsPerKey * keys;
    }

    /// Forward FLOPs per token of all transformer layers (no logits), for sequences of
    /// `sequenceTokens`: Σ_layers (2·matmul weights used + attention core).
    [[nodiscard]] double layersForwardFlopsPerToken(AttentionFlops convention,
                                                    double sequenceTokens) const {
        return 2.0 * (denseLayers * denseLayer.matmulWeightsActive +
                      moeLayers * moeLayer.matmulWeightsActive) +
               layers * attentionCoreForwardFlops(convention, sequenceTokens);
    }

    /// Forward FLOPs per token including the logits (embedding lookup, norms, softmax and
    /// activations are not counted, as in [1]-[4]).
    [[nodiscard]] double forwardFlopsPerToken(AttentionFlops convention,
                                              double sequenceTokens) const {
        return layersForwardFlopsPerToken(convention, sequenceTokens) + logitFlopsPerToken;
    }
    [[nodiscard]] double forwardFlopsPerToken(AttentionFlops convention) const {
        return forwardFlopsPerToken(convention, seqLen);
    }

    /// Backward = 2 × forward (gradients with respect to inputs and to weights).
    [[nodiscard]] double backwardFlopsPerToken(AttentionFlops convention,
                                               double sequenceTokens) const {
        return 2.0 * forwardFlopsPerToken(convention, sequenceTokens);
    }

    /// Model FLOPs per trained token (MFU basis, no recomputation): 3 × forward.
    [[nodiscard]] double modelFlopsPerToken(AttentionFlops convention,
                                            double sequenceTokens) const {
        return 3.0 * forwardFlopsPerToken(convention, sequenceTokens);
    }
    [[nodiscard]] double modelFlopsPerToken(AttentionFlops convention) const {
        return modelFlopsPerToken(convention, seqLen);
    }

    /// FLOPs the GPU executes per trained token (HFU basis):
    ///  - None: 3 × forward;
    ///  - Selective: + one more forward of every layer's attention core (Q·Kᵀ, softmax, ·V);
    ///  - Full: + one more forward of every transformer layer (4 × forward for the layers);
    ///    the output layer is outside the checkpointed layers and is not recomputed, which is
    ///    why Narayanan's eq. 3 has V/(16·l·h) rather than V/(12·l·h) [1].
    [[nodiscard]] double hardwareFlopsPerToken(AttentionFlops convention, Recompute recompute,
                                               double sequenceTokens) const {
        const double model = modelFlopsPerToken(convention, sequenceTokens);
        switch (recompute) {
        case Recompute::None:
            return model;
        case Recompute::Selective:
            return model + layers * attentionCoreForwardFlops(convention, sequenceTokens);
        case Recompute::Full:
            return model + layersForwardFlopsPerToken(convention, sequenceTokens);
        }
        return model;
    }
    [[nodiscard]] double hardwareFlopsPerToken(AttentionFlops convention,
                                               Recompute recompute) const {
        return hardwareFlopsPerToken(convention, recompute, seqLen);
    }

    bool operator==(const ModelArithmetic &) const = default;
};

/// A structural problem of a model shape: `field` is the JSON member path relative to the model
/// object ("kv_heads", "moe/top_k"), so a loader can prefix its own JSON pointer.
struct ShapeProblem {
    std::string field;
    std::string reason;
    bool operator==(const ShapeProblem &) const = default;
};

/// The first structural problem of `shape`, if any: non-positive layers, hidden, heads,
/// kv_heads, vocab or seq_len; heads not divisible by kv_heads; hidden not divisible by heads
/// without an explicit head_dim; a dense layer without ffn; MoE with top_k outside 1..experts,
/// no expert_ffn or dense_layers outside 0..layers; MoE fields without experts; incomplete MLA.
[[nodiscard]] std::optional<ShapeProblem> checkModelShape(const ModelShape &shape);

/// Computes the arithmetic of `shape`. The shape must pass `checkModelShape`; otherwise throws
/// InputError (no file, field "model/<field>"); validateScenario and the loaders report the
/// problem with its file first, so callers that validated never see it.
///
/// Per layer, with h hidden, a heads, g KV heads, d head dim, f FFN, m = 3 (gated) or 2:
///  attention  = h·a·d (Q) + 2·h·g·d (K, V) + a·d·h (O)  [+ a·d + 2·g·d + h biases]
///  MLA [5]    = h·r_q + r_q·a·(d_nope + d_rope) (or h·a·(d_nope + d_rope) when r_q = 0)
///               + h·(r_kv + d_rope) + r_kv·a·(d_nope + d_v) + a·d_v·h + norms of r_q and r_kv
///  relative positions [6] = + h·a·d (W_R per layer; the u, v bias vectors are not counted)
///  dense MLP  = m·h·f  [+ (m−1)·f + h biases]
///  MoE MLP    = (E + S)·m·h·f_e + E·h (router); active = (k + S)·m·h·f_e + E·h
///  norms      = 2·h per layer (×2 for LayerNorm: gain and bias), + h for the final norm
///  embeddings = V·h input, + V·h output when untied, + s·h learned absolute positions.
[[nodiscard]] ModelArithmetic computeModelArithmetic(const ModelShape &shape);

/// One pipeline stage's share of the model.
struct PipelineStage {
    int firstLayer = 0; ///< index of the stage's first transformer layer
    int layerCount = 0;
    int denseLayers = 0; ///< of which dense (the model's first `denseLayers` layers)
    int moeLayers = 0;
    bool holdsInputEmbedding = false; ///< stage 0
    bool holdsOutputLayer = false;    ///< last stage (with the final norm)
    /// Word-embedding parameters held here: input table (+ learned positions) on the first
    /// stage, output layer on the last; with tied embeddings and pp > 1 the last stage keeps its
    /// own copy of the table for the output layer (Megatron), so stages sum to more than total.
    double embeddingParameters = 0.0;
    double parameters = 0.0;       ///< everything the stage holds
    double activeParameters = 0.0; ///< used per token on this stage
    bool operator==(const PipelineStage &) const = default;
};

/// Layers of stage `stage` (0-based) when `layers` are split over `pp` stages. Every stage gets
/// ⌊L/pp⌋ layers; the r = L mod pp remaining layers go one each to stages 1, 2, …, r. So the
/// first stage (input embedding, most in-flight activations under 1F1B) never gets an extra
/// layer and the last stage (output layer) gets one only when r = pp − 1. For Llama 3 405B
/// (126 layers, pp 16) this gives 7, 8 × 14, 7: the Llama 3 paper's "one layer fewer on the
/// first and the last stage". Throws std::logic_error (a bug) unless pp ≥ 1 and 0 ≤ stage < pp.
[[nodiscard]] int stageLayerCount(int layers, int pp, int stage);
/// Index of the first layer of `stage` under the split of `stageLayerCount`.
[[nodiscard]] int stageFirstLayer(int layers, int pp, int stage);

/// Stage `stage` of `pp`: layer range, dense/MoE split and parameters held.
[[nodiscard]] PipelineStage pipelineStage(const ModelArithmetic &model, int pp, int stage);

/// Forward FLOPs per token executed by one stage: its layers, plus the logits on the last.
[[nodiscard]] inline double stageForwardFlopsPerToken(const ModelArithmetic &model,
                                                      const PipelineStage &stage,
                                                      AttentionFlops convention,
                                                      double sequenceTokens) {
    return 2.0 * (stage.denseLayers * model.denseLayer.matmulWeightsActive +
                  stage.moeLayers * model.moeLayer.matmulWeightsActive) +
           stage.layerCount * model.attentionCoreForwardFlops(convention, sequenceTokens) +
           (stage.holdsOutputLayer ? model.logitFlopsPerToken : 0.0);
}

} // namespace scalescope::models
