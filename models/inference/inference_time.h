#pragma once

// Time of LLM serving: prefill (time to first token) and the decode step (time per output
// token) as a roofline of bytes streamed through HBM and FLOPs, plus tensor-parallel
// all-reduces, expert-parallel all-to-all, pipeline hops and a per-step overhead; continuous
// batching in steady state mixes each step's decode tokens with the prefill chunks of the
// sequences that replace finished ones. Formulas and sources: docs/inference.md, "Time".

#include "models/inference/inference_memory.h"
#include "models/planner/rank_layout.h"

#include <vector>

namespace scalescope::models {

/// Expected number of distinct experts that `tokens` tokens touch when each picks `topK` of
/// `experts` uniformly: E x (1 - (1 - k/E)^T). 0 for no tokens.
[[nodiscard]] double expectedDistinctExperts(double experts, double topK, double tokens);

/// Decode batch at which the FLOP time of a step equals its weight-streaming time for a dense
/// model (KV cache ignored): 2 N B / peak = N b / bandwidth, so B* = peak x b / (2 x bandwidth)
/// with b bytes per parameter.
[[nodiscard]] double decodeCrossoverBatch(double peakFlopsPerSecond, double hbmBytesPerSecond,
                                          double bytesPerParameter);

/// One step (or one prefill) split into its parts [s]; bytes and FLOPs per GPU.
struct ServingStep {
    double weightBytes = 0.0; ///< weights streamed on the slowest stage's GPU
    double kvBytes = 0.0;     ///< KV cache read
    double flops = 0.0;       ///< FLOPs executed
    double memorySeconds = 0.0;
    double computeSeconds = 0.0;
    double communicationSeconds = 0.0; ///< TP all-reduce / EP all-to-all / pipeline hops
    double overheadSeconds = 0.0;
    double totalSeconds = 0.0;
    /// total = max(weight bytes, GEMM FLOPs) + max(KV bytes, attention FLOPs) (each at its
    /// rate) + communication + overhead; memorySeconds and computeSeconds are the sums of the
    /// byte and FLOP times of both kernel classes.
    [[nodiscard]] bool memoryBound() const { return memorySeconds >= computeSeconds; }
};

/// The serving model for one (model, hardware, settings), precomputed once.
struct InferenceContext {
    ServingSettings settings;
    InferenceHardware hardware;
    std::vector<StageFootprint> stages;
    InferenceMemory memory;
    double experts = 0.0;
    double topK = 0.0;
    double hidden = 0.0;
    double gemmPeak = 0.0; ///< dense peak at the weight precision [FLOP/s]
    GroupSpan tensorSpan;  ///< the TP group over scale-up domains
    GroupSpan pipelineHop; ///< two neighbouring stages
};

/// Checks the settings (InputError) and precomputes.
[[nodiscard]] InferenceContext makeInferenceContext(const ModelShape &model,
                                                    const InferenceHardware &hardware,
                                                    const ServingSettings &settings);

/// One forward pass over the pipeline: `decodeTokens` sequences each reading `contextTokens`
/// of KV, plus `prefillTokens` prompt tokens whose attention spans `prefillContext` keys on
/// average. Tokens are split into pp micro-batches; the step is pp x the slowest stage.
[[nodiscard]] ServingStep forwardStep(const InferenceContext &context, double decodeTokens,
                                      double contextTokens, double prefillTokens,
                                      double prefillContext);

/// Prefill of one prompt of the settings' input length alone (no batching): all stages in
/// sequence, causal attention over ISL/2 keys on average.
[[nodiscard]] ServingStep prefillAlone(const InferenceContext &context);

/// Steady state of continuous batching at `concurrency` sequences per instance.
struct InferencePoint {
    int concurrency = 0;
    bool fits = false;
    double ttftSeconds = 0.0; ///< prefill alone + one running step
    double tpotSeconds = 0.0; ///< one mixed step
    double tokensPerSecondPerUser = 0.0;
    double outputTokensPerSecondPerGpu = 0.0;
    double inputTokensPerSecondPerGpu = 0.0;
    double prefillTokensPerStep = 0.0; ///< c x ISL / OSL
    double kvBytesPerGpu = 0.0;
    ServingStep step;
    ServingStep prefill;
};

/// Evaluates `concurrency` (>= 1) on a prepared context; no allocation.
[[nodiscard]] InferencePoint evaluateInference(const InferenceContext &context, int concurrency);

} // namespace scalescope::models
