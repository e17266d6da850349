#include "models/inference/inference_time.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

/// A group of `size` consecutive ranks over scale-up domains of `domain` GPUs.
GroupSpan consecutiveSpan(int size, int domain) {
    GroupSpan span;
    span.size = size;
    span.stride = 1;
    span.membersPerDomain = std::min(size, domain);
    span.domains = (size + domain - 1) / domain;
    return span;
}

/// Time of one stage for a micro-batch: roofline plus its collectives.
ServingStep stageStep(const InferenceContext &context, const StageFootprint &stage,
                      double decodeTokens, double contextTokens, double prefillTokens,
                      double prefillContext) {
    const ServingSettings &settings = context.settings;
    const EngineSettings &engine = settings.engine;
    const double tokens = decodeTokens + prefillTokens;
    ServingStep out;
    const double distinct = expectedDistinctExperts(context.experts, context.topK, tokens);
    out.weightBytes = stage.weightBytes - stage.routedExpertBytes - stage.gatheredBytes +
                      stage.moeLayers * distinct * stage.expertBytesPerExpert;
    out.kvBytes = decodeTokens * contextTokens * stage.kvBytesPerToken;
    const double bandwidth = context.hardware.hbmBytesPerSecond * engine.hbmEfficiency;
    const double weightSeconds = out.weightBytes / bandwidth;
    const double kvSeconds = out.kvBytes / bandwidth;
    const double gemm = tokens * stage.gemmFlopsPerToken + decodeTokens * stage.logitFlopsPerToken;
    const double attention = stage.decodeAttentionFlopsPerKey * decodeTokens * contextTokens +
                             stage.attentionFlopsPerKey * prefillTokens * prefillContext;
    out.flops = gemm + attention;
    const double gemmSeconds = gemm / (context.gemmPeak * engine.computeEfficiency);
    const double attentionSeconds =
        attention / (context.hardware.bf16FlopsPerSecond * engine.computeEfficiency);
    out.memorySeconds = weightSeconds + kvSeconds;
    out.computeSeconds = gemmSeconds + attentionSeconds;
    // The weight GEMMs and the attention kernels run one after the other, each bound by its
    // own bytes or FLOPs (a roofline per kernel class, not one for the whole step).
    const double kernels =
        std::max(weightSeconds, gemmSeconds) + std::max(kvSeconds, attentionSeconds);

    const FabricRates &fabric = context.hardware.fabric;
    const double message = tokens * context.hidden * engine.activationBytes;
    const int denseLayers = stage.layers - stage.moeLayers;
    if (settings.layout.attentionDataParallel) {
        // Tokens stay on their rank: dense MLPs gather and scatter the batch (one all-reduce's
        // volume); MoE layers dispatch k copies of each rank's tokens and combine them back.
        const double perRank = message / settings.layout.tp * context.topK;
        out.communicationSeconds =
            denseLayers *
                collectiveSeconds(Collective::AllReduce, message, context.tensorSpan, fabric) +
            2.0 * stage.moeLayers *
                collectiveSeconds(Collective::AllToAll, perRank, context.tensorSpan, fabric);
    } else {
        // Megatron TP: one all-reduce after attention and one after the MLP, per layer.
        out.communicationSeconds =
            2.0 * stage.layers *
            collectiveSeconds(Collective::AllReduce, message, context.tensorSpan, fabric);
    }
    if (settings.layout.pp > 1)
        out.communicationSeconds +=
            collectiveSeconds(Collective::PointToPoint, message, context.pipelineHop, fabric);
    out.totalSeconds = kernels + out.communicationSeconds;
    return out;
}

void accumulate(ServingStep &sum, const ServingStep &part, double times) {
    sum.weightBytes = std::max(sum.weightBytes, part.weightBytes);
    sum.kvBytes = std::max(sum.kvBytes, part.kvBytes);
    sum.flops = std::max(sum.flops, part.flops);
    sum.memorySeconds += times * part.memorySeconds;
    sum.computeSeconds += times * part.computeSeconds;
    sum.communicationSeconds += times * part.communicationSeconds;
    sum.totalSeconds += times * part.totalSeconds;
}

} // namespace

double expectedDistinctExperts(double experts, double topK, double tokens) {
    if (experts <= 0.0 || tokens <= 0.0)
        return 0.0;
    return experts * (1.0 - std::pow(1.0 - topK / experts, tokens));
}

double decodeCrossoverBatch(double peakFlopsPerSecond, double hbmBytesPerSecond,
                            double bytesPerParameter) {
    return peakFlopsPerSecond * bytesPerParameter / (2.0 * hbmBytesPerSecond);
}

InferenceContext makeInferenceContext(const ModelShape &model, const InferenceHardware &hardware,
                                      const ServingSettings &settings) {
    InferenceContext context;
    context.memory = inferenceMemory(model, hardware, settings); // checks the settings
    context.settings = settings;
    context.hardware = hardware;
    const ModelArithmetic arithmetic = computeModelArithmetic(model);
    for (int stage = 0; stage < settings.layout.pp; ++stage)
        context.stages.push_back(stageFootprint(model, arithmetic, settings, stage));
    context.experts = model.moe.experts;
    context.topK = model.moe.topK;
    context.hidden = model.hidden;
    context.gemmPeak = hardware.gemmFlopsPerSecond(settings.weights.precision);
    const int domain = std::max(1, hardware.fabric.scaleUpDomainGpus);
    context.tensorSpan = consecutiveSpan(settings.layout.tp, domain);
    context.pipelineHop = consecutiveSpan(2, settings.layout.gpus() > domain ? 1 : 2);
    return context;
}

ServingStep forwardStep(const InferenceContext &context, double decodeTokens, double contextTokens,
                        double prefillTokens, double prefillContext) {
    const double pp = context.settings.layout.pp;
    ServingStep sum;
    ServingStep slowest;
    for (const StageFootprint &stage : context.stages) {
        const ServingStep part = stageStep(context, stage, decodeTokens / pp, contextTokens,
                                           prefillTokens / pp, prefillContext);
        if (part.totalSeconds >= slowest.totalSeconds)
            slowest = part;
    }
    // pp micro-batches in flight: every stage runs each of them once per step.
    accumulate(sum, slowest, pp);
    sum.overheadSeconds = context.settings.engine.stepOverheadSeconds;
    sum.totalSeconds += sum.overheadSeconds;
    return sum;
}

ServingStep prefillAlone(const InferenceContext &context) {
    const double isl = context.settings.inputTokens;
    ServingStep sum;
    for (const StageFootprint &stage : context.stages)
        accumulate(sum, stageStep(context, stage, 0.0, 0.0, isl, 0.5 * isl), 1.0);
    sum.overheadSeconds = context.settings.engine.stepOverheadSeconds;
    sum.totalSeconds += sum.overheadSeconds;
    return sum;
}

InferencePoint evaluateInference(const InferenceContext &context, int concurrency) {
    const ServingSettings &settings = context.settings;
    InferencePoint point;
    point.concurrency = concurrency;
    point.fits = context.memory.weightsFit && concurrency >= 1 &&
                 concurrency <= context.memory.maxConcurrency;
    const double c = std::max(1, concurrency);
    const double isl = settings.inputTokens;
    const double osl = settings.outputTokens;
    // Each sequence's ISL prompt tokens are spread over its OSL steps (chunked prefill).
    point.prefillTokensPerStep = c * isl / osl;
    point.step = forwardStep(context, c, context.memory.tokensPerSequence,
                             point.prefillTokensPerStep, 0.5 * isl);
    point.prefill = prefillAlone(context);
    point.tpotSeconds = point.step.totalSeconds;
    point.ttftSeconds = point.prefill.totalSeconds + point.step.totalSeconds;
    point.tokensPerSecondPerUser = 1.0 / point.tpotSeconds;
    const double gpus = settings.layout.gpus();
    point.outputTokensPerSecondPerGpu = c / point.tpotSeconds / gpus;
    point.inputTokensPerSecondPerGpu = point.prefillTokensPerStep / point.tpotSeconds / gpus;
    point.kvBytesPerGpu = c * context.memory.tokensPerSequence * context.memory.kvBytesPerToken;
    return point;
}

} // namespace scalescope::models
