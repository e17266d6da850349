#pragma once

// Memory of LLM serving per GPU: weights under TP/PP/EP at a storage format, the KV cache per
// token (MHA/GQA/MQA or MLA's compressed latent), workspace and the engine's reserve, and how
// many tokens of context fit. Formulas and sources: docs/inference.md, "Memory".

#include "models/inference/inference_settings.h"
#include "models/planner/model_arithmetic.h"
#include "models/scenario/model_shape.h"

namespace scalescope::models {

/// Checks `settings` against `model` and `hardware`; throws InputError("", field, reason) with
/// the field as a JSON pointer ("/inference/concurrency", "/inference/tp", ...): non-positive
/// degrees, lengths or concurrency, ISL + OSL beyond the context limit, TP and KV heads that are
/// not multiples of one another, EP on a dense model or not dividing the experts or TP, a
/// block scale on a non-FP4 format, FP4 (weights or KV cache) on a GPU without FP4, and
/// efficiencies outside (0, 1].
void checkServingSettings(const ModelShape &model, const InferenceHardware &hardware,
                          const ServingSettings &settings);

/// KV-cache bytes per token of the whole model (all layers, all KV heads):
///  MHA/GQA/MQA: 2 (K and V) x layers x kv_heads x head_dim x bytes;
///  MLA: layers x (kv_lora_rank + qk_rope_head_dim) x bytes (the latent and the shared RoPE key).
[[nodiscard]] double kvBytesPerToken(const ModelShape &model, const NumberFormat &kvFormat);

/// KV heads one GPU stores: kv_heads / tp when tp divides them, 1 (replicated) when tp is a
/// multiple of kv_heads. Throws InputError on /inference/tp otherwise.
[[nodiscard]] int kvHeadsPerGpu(int kvHeads, int tp);

/// Parameters of one routed expert: (3 gated | 2) x hidden x expert_ffn; 0 for a dense model.
[[nodiscard]] double routedExpertParameters(const ModelShape &model);

/// One pipeline stage as seen by one GPU of it.
struct StageFootprint {
    int layers = 0;
    int moeLayers = 0;
    double weightBytes = 0.0;       ///< everything the GPU holds [B]
    double routedExpertBytes = 0.0; ///< of which routed experts [B]
    /// Of which the input embedding table: only the batch's rows are gathered, not streamed.
    double gatheredBytes = 0.0;
    /// KV bytes on this GPU per token held by the instance (TP: the GPU's heads of every
    /// sequence; attention-DP: the whole stage's KV of 1/tp of the sequences).
    double kvBytesPerToken = 0.0;
    double gemmFlopsPerToken = 0.0;    ///< this GPU's share of 2 x active matmul weights
    double attentionFlopsPerKey = 0.0; ///< this GPU's share of the attention core, per key
    /// Same for a decode token: MLA attends in the latent space with the up-projections
    /// absorbed, 2 a (2 r_kv + d_rope) per key and layer; other attention as in prefill.
    double decodeAttentionFlopsPerKey = 0.0;
    double logitFlopsPerToken = 0.0;   ///< LM head share (last stage only)
    double expertBytesPerExpert = 0.0; ///< one routed expert's bytes per MoE layer on a GPU
    bool operator==(const StageFootprint &) const = default;
};

/// Stage `stage` of `settings.layout.pp` for `model` (arithmetic from computeModelArithmetic).
[[nodiscard]] StageFootprint stageFootprint(const ModelShape &model,
                                            const ModelArithmetic &arithmetic,
                                            const ServingSettings &settings, int stage);

/// Memory of the fullest GPU of an instance.
struct InferenceMemory {
    double capacityBytes = 0.0;
    double weightBytes = 0.0;
    double workspaceBytes = 0.0;
    double reservedBytes = 0.0;
    double kvBudgetBytes = 0.0;     ///< what is left for the KV cache (may be negative)
    double kvBytesPerToken = 0.0;   ///< per GPU per token of the instance (fullest stage)
    double maxContextTokens = 0.0;  ///< tokens of KV cache the instance holds (all sequences)
    double tokensPerSequence = 0.0; ///< mean KV held per sequence in steady state: ISL + OSL/2
    double kvBytesUsed = 0.0;       ///< at the settings' concurrency
    int maxConcurrency = 0;         ///< sequences that fit (and the engine's cap)
    bool weightsFit = false;
    bool fits = false; ///< weights, workspace and the concurrency's KV fit
    /// Largest batch of sequences of `contextTokens` each that fits.
    [[nodiscard]] double maxBatchAt(double contextTokens) const {
        return contextTokens > 0.0
                   ? static_cast<double>(static_cast<long long>(maxContextTokens / contextTokens))
                   : 0.0;
    }
};

/// Memory per GPU (the fullest pipeline stage). Checks the settings first (InputError).
[[nodiscard]] InferenceMemory inferenceMemory(const ModelShape &model,
                                              const InferenceHardware &hardware,
                                              const ServingSettings &settings);

} // namespace scalescope::models
