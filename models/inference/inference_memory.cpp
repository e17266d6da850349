#include "models/inference/inference_memory.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace scalescope::models {

namespace {

[[noreturn]] void fail(const std::string &field, const std::string &reason) {
    throw InputError("", field, reason);
}

std::string number(double value) {
    std::string text = std::to_string(value);
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
    }
    return text;
}

void checkFormat(const NumberFormat &format, const InferenceHardware &hardware,
                 const std::string &field) {
    const Precision p = format.precision;
    if (p != Precision::Bf16 && p != Precision::Fp8 && p != Precision::Fp4)
        fail(field,
             "serving stores " + std::string(precisionName(p)) + " values: use bf16, fp8 or fp4");
    if (format.blockScale != BlockScale::None && p != Precision::Fp4)
        fail(field,
             "NVFP4/MXFP4 block scales apply to fp4 only, not " + std::string(precisionName(p)));
    if (p == Precision::Fp4 && hardware.fp4FlopsPerSecond <= 0.0)
        fail(field, hardware.gpuId + " has no FP4 tensor cores in the catalog");
    if (p == Precision::Fp8 && hardware.fp8FlopsPerSecond <= 0.0)
        fail(field, hardware.gpuId + " has no FP8 tensor cores in the catalog");
}

void checkFraction(double value, const std::string &field, bool allowZero) {
    const bool ok =
        std::isfinite(value) && value <= 1.0 && (allowZero ? value >= 0.0 : value > 0.0);
    if (!ok)
        fail(field, "must be in " + std::string(allowZero ? "[0, 1]" : "(0, 1]") + ", got " +
                        number(value));
}

void checkLayout(const ModelShape &model, const ServingLayout &layout) {
    if (layout.tp < 1)
        fail("/inference/tp", "must be at least 1");
    if (layout.pp < 1)
        fail("/inference/pp", "must be at least 1");
    if (layout.ep < 1)
        fail("/inference/ep", "must be at least 1");
    if (layout.pp > model.layers)
        fail("/inference/pp", std::to_string(layout.pp) + " pipeline stages exceed the " +
                                  std::to_string(model.layers) + " layers");
    if (!layout.attentionDataParallel) {
        if (model.heads % layout.tp != 0)
            fail("/inference/tp", "tp " + std::to_string(layout.tp) + " does not divide the " +
                                      std::to_string(model.heads) + " attention heads");
        if (!model.mla.enabled())
            static_cast<void>(kvHeadsPerGpu(model.kvHeads, layout.tp));
    }
    if (layout.ep > 1) {
        if (!model.isMoe())
            fail("/inference/ep", "expert parallelism needs a mixture-of-experts model");
        if (model.moe.experts % layout.ep != 0)
            fail("/inference/ep", "ep " + std::to_string(layout.ep) + " does not divide the " +
                                      std::to_string(model.moe.experts) + " experts");
        if (layout.tp % layout.ep != 0)
            fail("/inference/ep", "ep " + std::to_string(layout.ep) + " must divide tp " +
                                      std::to_string(layout.tp) +
                                      " (experts are spread over the TP group)");
    }
}

} // namespace

double storageBytesPerValue(const NumberFormat &format) {
    const double element = bytesPerElement(format.precision);
    switch (format.blockScale) {
    case BlockScale::None:
        return element;
    case BlockScale::Nvfp4:
        return element + 1.0 / 16.0; // one 1-byte E4M3 scale per 16 values
    case BlockScale::Mxfp4:
        return element + 1.0 / 32.0; // one 1-byte E8M0 scale per 32 values
    }
    return element;
}

double InferenceHardware::gemmFlopsPerSecond(Precision precision) const {
    if (precision == Precision::Fp4)
        return fp4FlopsPerSecond;
    if (precision == Precision::Fp8)
        return fp8FlopsPerSecond;
    return bf16FlopsPerSecond;
}

void checkServingSettings(const ModelShape &model, const InferenceHardware &hardware,
                          const ServingSettings &settings) {
    if (hardware.hbmBytes <= 0.0 || hardware.hbmBytesPerSecond <= 0.0 ||
        hardware.bf16FlopsPerSecond <= 0.0)
        fail("/hardware/gpu", hardware.gpuId + " lacks HBM capacity, bandwidth or a BF16 peak");
    if (settings.concurrency < 1)
        fail("/inference/concurrency",
             "must be at least 1, got " + std::to_string(settings.concurrency));
    if (!(settings.inputTokens >= 1.0) || !std::isfinite(settings.inputTokens))
        fail("/inference/input_tokens", "must be at least 1");
    if (!(settings.outputTokens >= 1.0) || !std::isfinite(settings.outputTokens))
        fail("/inference/output_tokens", "must be at least 1");
    const double limit = settings.contextLimit > 0.0 ? settings.contextLimit : model.seqLen;
    if (settings.inputTokens + settings.outputTokens > limit)
        fail("/inference/input_tokens",
             "input + output tokens (" + number(settings.inputTokens + settings.outputTokens) +
                 ") exceed the model's context limit of " + number(limit));
    checkLayout(model, settings.layout);
    checkFormat(settings.weights, hardware, "/inference/weight_precision");
    checkFormat(settings.kvCache, hardware, "/inference/kv_cache_precision");
    const EngineSettings &engine = settings.engine;
    checkFraction(engine.hbmEfficiency, "/inference/engine/hbm_efficiency", false);
    checkFraction(engine.computeEfficiency, "/inference/engine/compute_efficiency", false);
    checkFraction(engine.reservedFraction, "/inference/engine/reserved_fraction", true);
    if (!(engine.workspaceBytes >= 0.0))
        fail("/inference/engine/workspace_gb", "must not be negative");
    if (!(engine.stepOverheadSeconds >= 0.0))
        fail("/inference/engine/step_overhead_ms", "must not be negative");
    if (engine.maxConcurrency < 0)
        fail("/inference/engine/max_concurrency", "must not be negative");
}

double kvBytesPerToken(const ModelShape &model, const NumberFormat &kvFormat) {
    const double bytes = storageBytesPerValue(kvFormat);
    if (model.mla.enabled())
        return model.layers * double(model.mla.kvLoraRank + model.mla.qkRopeHeadDim) * bytes;
    return 2.0 * model.layers * double(model.kvHeads) * model.effectiveHeadDim() * bytes;
}

int kvHeadsPerGpu(int kvHeads, int tp) {
    if (kvHeads < 1 || tp < 1)
        fail("/inference/tp", "needs at least one KV head and tp >= 1");
    if (kvHeads % tp == 0)
        return kvHeads / tp;
    if (tp % kvHeads == 0)
        return 1; // each KV head replicated on tp / kv_heads GPUs
    fail("/inference/tp", "tp " + std::to_string(tp) + " and the " + std::to_string(kvHeads) +
                              " KV heads must divide one another");
}

double routedExpertParameters(const ModelShape &model) {
    if (!model.isMoe())
        return 0.0;
    return (model.gatedMlp ? 3.0 : 2.0) * double(model.hidden) * model.moe.expertFfn;
}

StageFootprint stageFootprint(const ModelShape &model, const ModelArithmetic &arithmetic,
                              const ServingSettings &settings, int stage) {
    const ServingLayout &layout = settings.layout;
    const PipelineStage part = pipelineStage(arithmetic, layout.pp, stage);
    const double tp = layout.tp;
    const double bytes = storageBytesPerValue(settings.weights);
    const double embeddingBytes = settings.engine.embeddingsBf16 ? 2.0 : bytes;

    const double layerParameters = part.parameters - part.embeddingParameters;
    const double attention = part.denseLayers * arithmetic.denseLayer.attention +
                             part.moeLayers * arithmetic.moeLayer.attention;
    const double expert = routedExpertParameters(model);
    const double routed = part.moeLayers * double(model.moe.experts) * expert;
    const double rest = layerParameters - attention - routed;
    const double attentionHeld = layout.attentionDataParallel ? attention : attention / tp;

    StageFootprint out;
    out.layers = part.layerCount;
    out.moeLayers = part.moeLayers;
    out.routedExpertBytes = routed / tp * bytes;
    out.weightBytes = (attentionHeld + rest / tp) * bytes + out.routedExpertBytes +
                      part.embeddingParameters / tp * embeddingBytes;
    out.expertBytesPerExpert = expert / tp * bytes;
    const bool tableIsLmHead = model.tiedEmbeddings && part.holdsOutputLayer;
    if (part.holdsInputEmbedding && !tableIsLmHead)
        out.gatheredBytes =
            (arithmetic.inputEmbeddingParameters + arithmetic.positionEmbeddingParameters) / tp *
            embeddingBytes;

    const double kvBytes = storageBytesPerValue(settings.kvCache);
    double kvPerLayer = 0.0;
    if (model.mla.enabled()) {
        const double latent = double(model.mla.kvLoraRank + model.mla.qkRopeHeadDim) * kvBytes;
        kvPerLayer = layout.attentionDataParallel ? latent / tp : latent; // else replicated
    } else if (layout.attentionDataParallel) {
        kvPerLayer = 2.0 * model.kvHeads * double(model.effectiveHeadDim()) * kvBytes / tp;
    } else {
        kvPerLayer = 2.0 * kvHeadsPerGpu(model.kvHeads, layout.tp) *
                     double(model.effectiveHeadDim()) * kvBytes;
    }
    out.kvBytesPerToken = part.layerCount * kvPerLayer;

    out.gemmFlopsPerToken = 2.0 *
                            (part.denseLayers * arithmetic.denseLayer.matmulWeightsActive +
                             part.moeLayers * arithmetic.moeLayer.matmulWeightsActive) /
                            tp;
    out.attentionFlopsPerKey = part.layerCount * arithmetic.attentionCoreFlopsPerKey / tp;
    out.decodeAttentionFlopsPerKey = out.attentionFlopsPerKey;
    if (model.mla.enabled())
        out.decodeAttentionFlopsPerKey = part.layerCount * 2.0 * model.heads *
                                         (2.0 * model.mla.kvLoraRank + model.mla.qkRopeHeadDim) /
                                         tp;
    out.logitFlopsPerToken = part.holdsOutputLayer ? arithmetic.logitFlopsPerToken / tp : 0.0;
    return out;
}

InferenceMemory inferenceMemory(const ModelShape &model, const InferenceHardware &hardware,
                                const ServingSettings &settings) {
    checkServingSettings(model, hardware, settings);
    const ModelArithmetic arithmetic = computeModelArithmetic(model);
    InferenceMemory best;
    best.maxContextTokens = std::numeric_limits<double>::infinity();
    for (int stage = 0; stage < settings.layout.pp; ++stage) {
        const StageFootprint part = stageFootprint(model, arithmetic, settings, stage);
        InferenceMemory memory;
        memory.capacityBytes = hardware.hbmBytes;
        memory.weightBytes = part.weightBytes;
        memory.workspaceBytes = settings.engine.workspaceBytes;
        const double free = memory.capacityBytes - memory.weightBytes - memory.workspaceBytes;
        memory.reservedBytes = std::max(0.0, free) * settings.engine.reservedFraction;
        memory.kvBudgetBytes = free - memory.reservedBytes;
        memory.kvBytesPerToken = part.kvBytesPerToken;
        memory.maxContextTokens = std::max(0.0, memory.kvBudgetBytes) / part.kvBytesPerToken;
        if (stage == 0 || memory.maxContextTokens < best.maxContextTokens)
            best = memory;
    }
    best.weightsFit = best.kvBudgetBytes > 0.0;
    best.tokensPerSequence = settings.inputTokens + 0.5 * settings.outputTokens;
    const double sequences = std::floor(best.maxContextTokens / best.tokensPerSequence);
    best.maxConcurrency = static_cast<int>(std::min(sequences, 1e9));
    if (settings.engine.maxConcurrency > 0)
        best.maxConcurrency = std::min(best.maxConcurrency, settings.engine.maxConcurrency);
    best.kvBytesUsed = settings.concurrency * best.tokensPerSequence * best.kvBytesPerToken;
    best.fits = best.weightsFit && settings.concurrency <= best.maxConcurrency;
    return best;
}

} // namespace scalescope::models
