// evaluateLayout: the per-layout hot path of the training planner (see planner_context.h).
//
// Step time per global batch (one optimizer step), on the slowest pipeline stage:
//   step = m t_max + (p - 1)/v t_avg + pp_comm + dp_exposed + optimizer
// with m = B/(b d) micro-batches, t_i the time of stage i for one micro-batch (forward,
// backward and recomputation of its layers, exposed TP/EP/CP collectives, plus the embedding on
// the first and the output layer + loss on the last stage), the 1F1B bubble (p - 1) t and the
// interleaved bubble (p - 1)/v t [1][2].
//
// References
//   [1] Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
//       Megatron-LM", SC21: 1F1B and interleaved schedules, bubble (p-1)/m and (p-1)/(v m),
//       scatter/gather of pipeline messages over the TP ranks (sec. 4.1).
//   [2] Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models",
//       MLSys 2023: TP all-reduces (2 forward + 2 backward per layer), sequence parallelism as
//       all-gather + reduce-scatter of the same volume, the extra all-gather in backward, and
//       selective recomputation of the attention core.
//   [3] Rajbhandari et al., "ZeRO", SC'20: stage-3 traffic = 1.5x data parallelism (parameter
//       all-gather in forward and backward + gradient reduce-scatter).
//   [4] Megatron-Core DistributedDataParallel: gradient buckets of max(40M, 1M x dp) elements
//       reduced while backward runs; only the last bucket is exposed.
//   [5] Dao, "FlashAttention-2": backward = 2.5x forward FLOPs (the scores are recomputed).
//   [6] Liu et al., "Ring Attention", arXiv:2310.01889: K/V blocks circulate the CP ring while
//       the block attention computes; NVIDIA Transformer Engine context parallelism.

#include "models/planner/layer_times.h"
#include "models/planner/memory_model.h"
#include "models/planner/planner_context.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace scalescope::models {

namespace {

GroupSpan dataContextSpan(const Parallelism &p, const RankOrder &order, int domain) {
    // Gradients are reduced over DP x CP (CP ranks hold the same weights).
    Parallelism merged = p;
    if (p.cp > 1) {
        const int cpStride = groupStride(CommGroup::Context, p, order);
        const int dpStride = groupStride(CommGroup::Data, p, order);
        GroupSpan span;
        span.size = p.dp * p.cp;
        span.stride = std::min(cpStride, dpStride);
        span.membersPerDomain =
            span.stride >= domain ? 1 : std::min(span.size, std::max(1, domain / span.stride));
        span.domains = (span.size + span.membersPerDomain - 1) / span.membersPerDomain;
        return span;
    }
    return groupSpan(CommGroup::Data, merged, order, domain);
}

GroupSpan expertDataSpan(const Parallelism &p, const RankOrder &order, int domain) {
    GroupSpan span;
    span.size = std::max(1, p.dp * p.cp / std::max(1, p.ep));
    span.stride = groupStride(CommGroup::Data, p, order) * std::max(1, p.ep);
    span.membersPerDomain =
        span.stride >= domain ? 1 : std::min(span.size, std::max(1, domain / span.stride));
    span.domains = (span.size + span.membersPerDomain - 1) / span.membersPerDomain;
    return span;
}

/// Routed-expert parameters of one MoE layer (all experts).
double expertParametersPerLayer(const PlannerContext &ctx) {
    if (!ctx.moe)
        return 0.0;
    return ctx.experts * (ctx.gatedMlp ? 3.0 : 2.0) * ctx.hidden * ctx.expertFfn;
}

struct StageShare {
    int layers = 0;
    int denseLayers = 0;
    int moeLayers = 0;
    double denseParameters = 0.0;  ///< per GPU, not expert weights
    double expertParameters = 0.0; ///< per GPU, routed experts
};

StageShare stageShare(const PlannerContext &ctx, const Parallelism &par, int stage) {
    const ModelArithmetic &model = ctx.arithmetic;
    StageShare share;
    const PipelineStage info = pipelineStage(model, par.pp, stage);
    share.layers = info.layerCount;
    share.denseLayers = info.denseLayers;
    share.moeLayers = info.moeLayers;
    const double experts = info.moeLayers * expertParametersPerLayer(ctx);
    const double t = par.tp;
    share.denseParameters = (info.parameters - experts) / t;
    share.expertParameters = experts / (t * std::max(1, par.ep));
    return share;
}

ActivationShape activationShape(const PlannerContext &ctx, const Parallelism &par, bool moeLayer) {
    ActivationShape shape;
    shape.sequence = ctx.sequence / par.cp;
    shape.keySequence = ctx.sequence;
    shape.microBatch = par.microBatch;
    shape.hidden = ctx.hidden;
    shape.queryWidth = ctx.queryWidth;
    shape.kvWidth = ctx.kvWidth * std::max(1.0, par.tp / ctx.kvHeads);
    shape.heads = ctx.heads;
    shape.ffnWidth = moeLayer ? (ctx.topK + ctx.sharedExperts) * ctx.expertFfn : ctx.ffn;
    shape.routedCopies = moeLayer ? ctx.topK : 0.0;
    shape.gatedMlp = ctx.gatedMlp;
    shape.tensorParallel = par.tp;
    shape.sequenceParallel = par.sequenceParallel && par.tp > 1;
    shape.fusedAttention = ctx.options.attentionKernel == AttentionKernel::Fused;
    shape.recompute = par.recompute;
    shape.dropoutMasks = ctx.dropout;
    shape.gemmInputBytes = ctx.lowPrecisionGemms ? bytesPerElement(ctx.precision) : 2.0;
    return shape;
}

int communicatorCount(const Parallelism &par) {
    int count = 0;
    for (const int size : {par.tp, par.cp, par.dp, par.pp, par.ep})
        count += size > 1 ? 1 : 0;
    return count;
}

} // namespace

StageMemory stageMemory(const PlannerContext &ctx, const Parallelism &par, int stage) {
    const StageShare share = stageShare(ctx, par, stage);
    const int shards = par.dp * par.cp;
    const int expertShards = std::max(1, shards / std::max(1, par.ep));
    const ModelStateBytes dense =
        modelStateBytes(ctx.recipe, share.denseParameters, par.zeroStage, shards);
    const ModelStateBytes expert =
        modelStateBytes(ctx.recipe, share.expertParameters, par.zeroStage, expertShards);
    StageMemory memory;
    memory.weightsBytes = dense.weightsBytes + expert.weightsBytes;
    memory.gradientsBytes = dense.gradientsBytes + expert.gradientsBytes;
    memory.optimizerBytes = dense.optimizerBytes + expert.optimizerBytes;
    if (par.zeroStage >= 3 && share.layers > 0) {
        // Two layers gathered at a time (the current one and the prefetched next one).
        const double perLayer = (share.denseParameters + share.expertParameters) / share.layers;
        memory.weightsBytes += 2.0 * perLayer * ctx.recipe.weightBytesPerParameter;
    }

    const double sequences = ctx.globalBatchTokens / ctx.sequence;
    const int microBatches =
        std::max(1, static_cast<int>(std::llround(sequences / (par.microBatch * par.dp))));
    const double inFlight = inFlightMicroBatches(stage, par.pp, par.vpp, microBatches);
    const ActivationShape denseShape = activationShape(ctx, par, false);
    const ActivationShape moeShape = activationShape(ctx, par, true);
    double activations = inFlight * (share.denseLayers * activationBytesPerLayer(denseShape) +
                                     share.moeLayers * activationBytesPerLayer(moeShape));
    if (par.recompute == Recompute::Full)
        activations += share.moeLayers > 0 ? recomputeWorkingSetBytes(moeShape)
                                           : recomputeWorkingSetBytes(denseShape);
    if (stage == par.pp - 1)
        activations += logitsBytes(ctx.sequence / par.cp, par.microBatch, ctx.hidden, ctx.vocab,
                                   par.tp, par.sequenceParallel && par.tp > 1);
    memory.activationsBytes = activations;
    const double tensors = memory.weightsBytes + memory.gradientsBytes + memory.optimizerBytes +
                           memory.activationsBytes;
    memory.otherBytes = frameworkOverheadBytes(tensors, communicatorCount(par));
    return memory;
}

namespace {

/// The layout's degrees, micro-batch count and group spans.
StepLayout makeLayout(const PlannerContext &ctx, const Parallelism &par, double sequences) {
    const RankOrder &order = ctx.options.rankOrder;
    const int domain = ctx.fabric.scaleUpDomainGpus;
    StepLayout lay;
    lay.t = par.tp;
    lay.c = par.cp;
    lay.d = par.dp;
    lay.p = par.pp;
    lay.v = par.vpp;
    lay.b = par.microBatch;
    lay.e = par.ep;
    lay.tokens = par.microBatch * ctx.sequence / par.cp;
    lay.m = static_cast<int>(std::llround(sequences / (par.microBatch * par.dp)));
    lay.tensor = groupSpan(CommGroup::Tensor, par, order, domain);
    lay.context = groupSpan(CommGroup::Context, par, order, domain);
    lay.expert = groupSpan(CommGroup::Expert, par, order, domain);
    lay.data = dataContextSpan(par, order, domain);
    lay.expertData = expertDataSpan(par, order, domain);
    lay.pipeline = groupSpan(CommGroup::Pipeline, par, order, domain);
    return lay;
}

/// What the stage scan finds for one micro-batch: the slowest stage's per-term sums and its
/// embedding/output extra, and stage 0's forward and total (the windows DP traffic hides in).
struct StageScan {
    LayerTimes bottleneck;
    double bottleneckExtra = 0.0;
    double stage0Forward = 0.0;
    double stage0Total = 0.0;
};

/// The per-micro-batch sums of `dense` dense and `moe` MoE layers, term by term.
LayerTimes stageSums(const LayoutMetrics &out, int dense, int moe) {
    LayerTimes sum;
    sum.gemmSeconds = dense * out.denseLayer.gemmSeconds + moe * out.moeLayer.gemmSeconds;
    sum.attentionSeconds =
        dense * out.denseLayer.attentionSeconds + moe * out.moeLayer.attentionSeconds;
    sum.elementwiseSeconds =
        dense * out.denseLayer.elementwiseSeconds + moe * out.moeLayer.elementwiseSeconds;
    sum.tpCommSeconds = dense * out.denseLayer.tpCommSeconds + moe * out.moeLayer.tpCommSeconds;
    sum.epCommSeconds = moe * out.moeLayer.epCommSeconds;
    sum.cpCommSeconds = dense * out.denseLayer.cpCommSeconds + moe * out.moeLayer.cpCommSeconds;
    return sum;
}

/// Keeps `memory` in `out` when it is the largest so far.
void keepMostLoaded(LayoutMetrics &out, const StageMemory &memory, int stage, double &worst) {
    if (!(memory.totalBytes() > worst))
        return;
    worst = memory.totalBytes();
    out.mostLoadedStage = stage;
    out.weightsBytes = memory.weightsBytes;
    out.gradientsBytes = memory.gradientsBytes;
    out.optimizerBytes = memory.optimizerBytes;
    out.activationsBytes = memory.activationsBytes;
    out.otherBytes = memory.otherBytes;
}

/// Stage times and memory only differ between a few stages: stage 0 (embedding, most
/// micro-batches in flight), stage 1 and stage r + 1 (first stages with the larger and the
/// smaller layer count after the split of stageLayerCount), the stage holding the first MoE
/// layer and the next one, and the last stage (output layer). Within each group the
/// in-flight count only decreases, so these candidates hold both maxima. Fills the slowest
/// and the most loaded stage of `out` (whose layer, embedding and logits times are set).
StageScan scanStages(const PlannerContext &ctx, const Parallelism &par, LayoutMetrics &out) {
    const int layersTotal = ctx.arithmetic.layers;
    const int remainder = layersTotal % par.pp;
    int firstMoeStage = 0;
    while (firstMoeStage + 1 < par.pp &&
           stageFirstLayer(layersTotal, par.pp, firstMoeStage + 1) <= ctx.arithmetic.denseLayers)
        ++firstMoeStage;
    const int candidates[] = {0, 1, remainder + 1, firstMoeStage, firstMoeStage + 1, par.pp - 1};
    StageScan scan;
    double slowest = -1.0;
    double worstMemory = -1.0;
    for (std::size_t c = 0; c < std::size(candidates); ++c) {
        const int i = candidates[c];
        bool seen = i < 0 || i >= par.pp;
        for (std::size_t d = 0; d < c && !seen; ++d)
            seen = candidates[d] == i;
        if (seen)
            continue;
        const int layers = stageLayerCount(layersTotal, par.pp, i);
        const int first = stageFirstLayer(layersTotal, par.pp, i);
        const int dense = std::clamp(ctx.arithmetic.denseLayers - first, 0, layers);
        const int moe = layers - dense;
        double extra = 0.0;
        if (i == 0)
            extra += out.embeddingSeconds;
        if (i == par.pp - 1)
            extra += out.logitsSeconds;
        const double stageTime =
            dense * out.denseLayer.totalSeconds() + moe * out.moeLayer.totalSeconds() + extra;
        if (i == 0) {
            scan.stage0Total = stageTime;
            scan.stage0Forward =
                dense * out.denseLayer.forwardSeconds + moe * out.moeLayer.forwardSeconds;
        }
        if (stageTime > slowest) {
            slowest = stageTime;
            out.bottleneckStage = i;
            scan.bottleneck = stageSums(out, dense, moe);
            scan.bottleneckExtra = extra;
        }
        keepMostLoaded(out, stageMemory(ctx, par, i), i, worstMemory);
    }
    return scan;
}

/// Pipeline point-to-point: one activation forward and one gradient backward per
/// micro-batch and chunk, T h / t bf16 values (scatter/gather over the TP ranks) [1].
double pipelineCommSeconds(const PlannerContext &ctx, const StepLayout &lay) {
    const double message = lay.tokens * ctx.hidden * bf16Bytes / lay.t;
    const double hop =
        collectiveSeconds(Collective::PointToPoint, message, lay.pipeline, ctx.fabric);
    const double m = lay.m;
    return 2.0 * hop * (lay.v * m + lay.p - 1.0);
}

/// FSDP / ZeRO-3 gather and reduce one layer at a time: each layer pays the ring latency of
/// its own collective; the exposed part per step on stage 0.
double zero3ExposedSeconds(const PlannerContext &ctx, const Parallelism &par, const StepLayout &lay,
                           const StageShare &share0, double stage0Total) {
    const double parameterBytes = ctx.recipe.parameterCommBytesPerParameter;
    const double denseGrad = share0.denseParameters * ctx.recipe.gradientCommBytesPerParameter;
    const double expertGrad = share0.expertParameters * ctx.recipe.gradientCommBytesPerParameter;
    const double units = std::max(1, share0.layers);
    const double gather =
        units *
        (collectiveSeconds(Collective::AllGather, share0.denseParameters * parameterBytes / units,
                           lay.data, ctx.fabric) +
         collectiveSeconds(Collective::AllGather, share0.expertParameters * parameterBytes / units,
                           lay.expertData, ctx.fabric));
    const double scatter = units * (collectiveSeconds(Collective::ReduceScatter, denseGrad / units,
                                                      lay.data, ctx.fabric) +
                                    collectiveSeconds(Collective::ReduceScatter, expertGrad / units,
                                                      lay.expertData, ctx.fabric));
    // Forward and backward gather the weights, and so does a fully recomputed forward.
    const double gathers = par.recompute == Recompute::Full ? 3.0 : 2.0;
    const double perMicroBatch = gathers * gather + scatter;
    const double firstLayer = share0.layers > 0 ? gather / share0.layers : 0.0;
    const double m = lay.m;
    return m * (std::max(0.0, perMicroBatch - stage0Total) + firstLayer);
}

/// ZeRO 0-2: gradients reduced in buckets while backward runs [4], ZeRO 1-2 parameters
/// gathered while the next forward runs; only what the overlap windows cannot hide is exposed.
double bucketedExposedSeconds(const PlannerContext &ctx, const Parallelism &par,
                              const StepLayout &lay, const StageShare &share0,
                              const StageScan &scan) {
    const double gradientBytes = ctx.recipe.gradientCommBytesPerParameter;
    const double parameterBytes = ctx.recipe.parameterCommBytesPerParameter;
    const double denseGrad = share0.denseParameters * gradientBytes;
    const double expertGrad = share0.expertParameters * gradientBytes;
    const double bucket = std::max(40e6, 1e6 * par.dp) * gradientBytes;
    double dpExposed = 0.0;
    const Collective reduce =
        par.zeroStage == 0 ? Collective::AllReduce : Collective::ReduceScatter;
    const double reduceTime = collectiveSeconds(reduce, denseGrad, lay.data, ctx.fabric) +
                              collectiveSeconds(reduce, expertGrad, lay.expertData, ctx.fabric);
    double gatherTime = 0.0;
    if (par.zeroStage >= 1)
        gatherTime =
            collectiveSeconds(Collective::AllGather, share0.denseParameters * parameterBytes,
                              lay.data, ctx.fabric) +
            collectiveSeconds(Collective::AllGather, share0.expertParameters * parameterBytes,
                              lay.expertData, ctx.fabric);
    const double lastBucket =
        collectiveSeconds(reduce, std::min(bucket, denseGrad + expertGrad), lay.data, ctx.fabric);
    if (ctx.options.overlapGradReduce && reduceTime > 0.0)
        dpExposed +=
            std::max(0.0, reduceTime - (scan.stage0Total - scan.stage0Forward)) + lastBucket;
    else
        dpExposed += reduceTime;
    if (gatherTime > 0.0) {
        const double gatherBucket = collectiveSeconds(
            Collective::AllGather,
            std::min(bucket / gradientBytes * parameterBytes,
                     (share0.denseParameters + share0.expertParameters) * parameterBytes),
            lay.data, ctx.fabric);
        if (ctx.options.overlapParamGather)
            dpExposed += std::max(0.0, gatherTime - scan.stage0Forward) + gatherBucket;
        else
            dpExposed += gatherTime;
    }
    return dpExposed;
}

/// Optimizer step: memory-bound over the parameters this GPU updates.
double optimizerStepSeconds(const PlannerContext &ctx, const Parallelism &par,
                            const StageShare &share0) {
    const double shards = static_cast<double>(par.zeroStage >= 1 ? par.dp * par.cp : 1);
    const double expertShards =
        par.zeroStage >= 1 ? std::max(1.0, shards / std::max(1, par.ep)) : 1.0;
    const double updated = share0.denseParameters / shards + share0.expertParameters / expertShards;
    return memoryBoundSeconds(ctx.rates, updated * ctx.recipe.optimizerTrafficBytesPerParameter);
}

/// Tokens per second, model FLOP/s per GPU, MFU and HFU from the step time.
void fillThroughput(const PlannerContext &ctx, const Parallelism &par, double sequences,
                    LayoutMetrics &out) {
    out.tokensPerSecond = sequences * ctx.sequence / out.stepSeconds;
    const double gpus = ctx.numGpus;
    const double modelFlops =
        ctx.arithmetic.modelFlopsPerToken(ctx.options.flopCounting, ctx.sequence);
    const double hardwareFlops =
        ctx.arithmetic.hardwareFlopsPerToken(ctx.options.flopCounting, par.recompute, ctx.sequence);
    out.modelFlopsPerSecondPerGpu = modelFlops * out.tokensPerSecond / gpus;
    if (ctx.mfuPeakFlopsPerSecond > 0.0) {
        out.mfu = out.modelFlopsPerSecondPerGpu / ctx.mfuPeakFlopsPerSecond;
        out.hfu = hardwareFlops * out.tokensPerSecond / gpus / ctx.mfuPeakFlopsPerSecond;
    }
}

} // namespace

LayoutMetrics evaluateLayout(const PlannerContext &ctx, const Parallelism &par) {
    LayoutMetrics out;
    out.issue = checkLayout(ctx, par);
    if (out.issue != LayoutIssue::None)
        return out;
    const double sequences = std::round(ctx.globalBatchTokens / ctx.sequence);
    const StepLayout lay = makeLayout(ctx, par, sequences);
    out.microBatches = lay.m;

    // Layer and stage times for one micro-batch.
    out.denseLayer = layerTimes(ctx, par, lay, false);
    if (ctx.moe)
        out.moeLayer = layerTimes(ctx, par, lay, true);
    out.logitsSeconds = logitsSeconds(ctx, lay);
    out.embeddingSeconds = embeddingSeconds(ctx, lay);
    const StageScan scan = scanStages(ctx, par, out);

    // The sum over all stages in closed form: every layer once, plus embedding and output.
    const double sum = ctx.arithmetic.denseLayers * out.denseLayer.totalSeconds() +
                       ctx.arithmetic.moeLayers * out.moeLayer.totalSeconds() +
                       out.embeddingSeconds + out.logitsSeconds;
    const double m = lay.m;
    const double average = sum / par.pp;
    out.computeSeconds = m * (scan.bottleneck.computeSeconds() + scan.bottleneckExtra);
    out.tpCommSeconds = m * scan.bottleneck.tpCommSeconds;
    out.epCommSeconds = m * scan.bottleneck.epCommSeconds;
    out.cpCommSeconds = m * scan.bottleneck.cpCommSeconds;
    out.bubbleSeconds = (lay.p - 1.0) / lay.v * average;
    if (par.pp > 1)
        out.ppCommSeconds = pipelineCommSeconds(ctx, lay);

    // Data parallelism on the first stage (it finishes its last backward last).
    const StageShare share0 = stageShare(ctx, par, 0);
    out.dpCommSeconds = par.zeroStage >= 3
                            ? zero3ExposedSeconds(ctx, par, lay, share0, scan.stage0Total)
                            : bucketedExposedSeconds(ctx, par, lay, share0, scan);
    out.optimizerSeconds = optimizerStepSeconds(ctx, par, share0);

    out.stepSeconds = out.computeSeconds + out.tpCommSeconds + out.epCommSeconds +
                      out.cpCommSeconds + out.bubbleSeconds + out.ppCommSeconds +
                      out.dpCommSeconds + out.optimizerSeconds;
    fillThroughput(ctx, par, sequences, out);
    out.fits = out.memoryBytes() <= ctx.hbmBytes;
    return out;
}

} // namespace scalescope::models
