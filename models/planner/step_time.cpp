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

#include "models/planner/memory_model.h"
#include "models/planner/planner_context.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace scalescope::models {

namespace {

constexpr double bf16Bytes = 2.0;

/// The layout's degrees as doubles plus the group spans, computed once per evaluation.
struct Layout {
    double t = 1, c = 1, d = 1, p = 1, v = 1, b = 1, e = 1;
    double tokens = 0; ///< rows of every GEMM: b s / c
    int m = 1;
    GroupSpan tensor, context, expert, data, expertData, pipeline;
};

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

/// Forward and backward seconds of one weight GEMM after the TP split.
void weightGemm(const GpuRates &rates, double rows, const GemmShape &gemm, double t, double count,
                double &forward, double &backward) {
    const double n = gemm.split == TpSplit::Columns ? gemm.n / t : gemm.n;
    const double k = gemm.split == TpSplit::Rows ? gemm.k / t : gemm.k;
    forward += gemmSeconds(rates, rows, n, k, gemm.lowPrecision, count);
    // dgrad: [rows x n] x [n x k]; wgrad: [k x rows] x [rows x n].
    backward += gemmSeconds(rates, rows, k, n, gemm.lowPrecision, count) +
                gemmSeconds(rates, k, n, rows, gemm.lowPrecision, count);
}

/// One layer kind for one micro-batch on one GPU.
LayerTimes layerTimes(const PlannerContext &ctx, const Parallelism &par, const Layout &lay,
                      bool moeLayer) {
    const GpuRates &rates = ctx.rates;
    const double t = lay.t;
    const double T = lay.tokens;
    const double h = ctx.hidden;
    const bool sp = par.sequenceParallel && t > 1.0;
    const double x = sp ? 1.0 / t : 1.0;
    const bool fused = ctx.options.attentionKernel == AttentionKernel::Fused;
    const Recompute recompute = par.recompute;

    // Weight GEMMs.
    double gemmForward = 0.0;
    double gemmBackward = 0.0;
    const LayerGemms &gemms = moeLayer ? ctx.moeGemms : ctx.denseGemms;
    for (int i = 0; i < gemms.count; ++i)
        weightGemm(rates, T, gemms.gemms[static_cast<std::size_t>(i)], t, 1.0, gemmForward,
                   gemmBackward);
    double ffnWidth = ctx.ffn;
    if (moeLayer) {
        // Balanced routing: each of the E/ep local experts gets ep T k / E token rows.
        const double localExperts = ctx.experts / lay.e;
        const double rows = lay.e * T * ctx.topK / ctx.experts;
        weightGemm(rates, rows, ctx.expertFc1, t, localExperts, gemmForward, gemmBackward);
        weightGemm(rates, rows, ctx.expertFc2, t, localExperts, gemmForward, gemmBackward);
        ffnWidth = (ctx.topK + ctx.sharedExperts) * ctx.expertFfn;
    }

    // Attention core: heads on this GPU attend over the whole sequence s.
    const double s = ctx.sequence;
    double attentionForward = 0.0;
    double attentionBackward = 0.0;
    const double headsHere = ctx.heads / t;
    const double valueDim =
        ctx.arithmetic.attentionCoreFlopsPerKey / (2.0 * ctx.heads) - ctx.headDim;
    if (fused) {
        // Causal kernels skip the masked half of the scores [5].
        const double flops = T * 0.5 * s * ctx.arithmetic.attentionCoreFlopsPerKey / t;
        attentionForward = fusedAttentionSeconds(rates, flops, s, ctx.headDim);
        attentionBackward = 2.5 * attentionForward;
    } else {
        // Batched GEMMs per (sequence, head) over the full s x s scores, then the fused
        // scale-mask-softmax and dropout streaming 9 (forward) and 11 (backward) bytes per score.
        const double count = lay.b * headsHere;
        const double rows = T / lay.b; // queries of one sequence on this GPU
        attentionForward = gemmSeconds(rates, rows, s, ctx.headDim, false, count) +
                           gemmSeconds(rates, rows, valueDim, s, false, count);
        attentionBackward = gemmSeconds(rates, rows, ctx.headDim, s, false, count) +
                            gemmSeconds(rates, s, ctx.headDim, rows, false, count) +
                            gemmSeconds(rates, rows, s, valueDim, false, count) +
                            gemmSeconds(rates, s, valueDim, rows, false, count);
        const double scores = count * rows * s;
        attentionForward += memoryBoundSeconds(rates, 9.0 * scores);
        attentionBackward += memoryBoundSeconds(rates, 11.0 * scores);
    }

    // Element-wise, memory-bound work per token (bytes): two norms (4h each), two
    // bias-dropout-residual adds (7h each), the activation (4 or 6 bytes per FFN element),
    // rotary embedding of Q and K, MoE permutation, FP8 casts of the GEMM inputs (3 bytes).
    const double gatedBytes = ctx.gatedMlp ? 6.0 : 4.0;
    double perToken = 22.0 * h * x + gatedBytes * ffnWidth / t;
    if (ctx.rotary)
        perToken += 4.0 * (ctx.queryWidth + ctx.kvWidth) / t;
    if (moeLayer)
        perToken += 8.0 * ctx.topK * h;
    if (ctx.lowPrecisionGemms)
        perToken += 3.0 * (2.0 * h + ctx.queryWidth / t + ffnWidth / t);
    const double elementForward = memoryBoundSeconds(rates, perToken * T);
    const double elementBackward = 2.0 * elementForward;

    // Tensor-parallel collectives: 2 forward + 2 backward all-reduce equivalents of T h
    // bf16 values; SP re-gathers the two column-parallel inputs in backward (+1); full
    // recomputation replays the forward's 2 [2].
    LayerTimes times;
    const double tpMessage = T * h * bf16Bytes;
    const double allReduce =
        collectiveSeconds(Collective::AllReduce, tpMessage, lay.tensor, ctx.fabric);
    double tpCount = 4.0 + (sp ? 1.0 : 0.0) + (recompute == Recompute::Full ? 2.0 : 0.0);
    double tpComm = tpCount * allReduce;

    double forwardCompute = gemmForward + attentionForward + elementForward;
    double gemmTotal = gemmForward + gemmBackward;
    double attentionTotal = attentionForward + attentionBackward;
    double elementTotal = elementForward + elementBackward;
    if (recompute == Recompute::Full) {
        gemmTotal += gemmForward;
        attentionTotal += attentionForward;
        elementTotal += elementForward;
    } else if (recompute == Recompute::Selective && !fused) {
        attentionTotal += attentionForward;
    }
    if (ctx.options.tpCommOverlap && t > 1.0)
        tpComm = std::max(tpComm / t, tpComm - gemmTotal);

    // Expert all-to-alls: dispatch and combine, forward and backward, T k h bf16 values.
    double epComm = 0.0;
    if (moeLayer && lay.e > 1.0) {
        const double message = T * ctx.topK * h * bf16Bytes * (sp ? 1.0 / t : 1.0);
        const double count = 4.0 + (recompute == Recompute::Full ? 2.0 : 0.0);
        epComm = count * collectiveSeconds(Collective::AllToAll, message, lay.expert, ctx.fabric);
    }

    // Context parallelism: K and V blocks circulate the ring (c - 1 steps) while the block
    // attention computes; backward moves K, V and their gradients [6].
    double cpComm = 0.0;
    if (lay.c > 1.0) {
        const double kvHere = ctx.kvWidth / std::min(t, ctx.kvHeads);
        const double step = collectiveSeconds(
            Collective::PointToPoint, 2.0 * T * kvHere * bf16Bytes, lay.context, ctx.fabric);
        const double forwardRing = (lay.c - 1.0) * step;
        cpComm = std::max(0.0, forwardRing - attentionForward) +
                 std::max(0.0, 2.0 * forwardRing - attentionBackward);
        if (recompute == Recompute::Full)
            cpComm += std::max(0.0, forwardRing - attentionForward);
    }

    times.gemmSeconds = gemmTotal;
    times.attentionSeconds = attentionTotal;
    times.elementwiseSeconds = elementTotal;
    times.tpCommSeconds = tpComm;
    times.epCommSeconds = epComm;
    times.cpCommSeconds = cpComm;
    times.forwardSeconds = forwardCompute + tpComm * 2.0 / std::max(tpCount, 1.0);
    return times;
}

/// Output layer (bf16 GEMM over V/t columns) and vocab-parallel cross-entropy (24 bytes per
/// logit: bf16 -> fp32 copy, max, sum of exponentials, softmax, gradient), plus the final
/// all-gather/all-reduce of the hidden state.
double logitsSeconds(const PlannerContext &ctx, const Layout &lay) {
    GemmShape output{ctx.vocab, ctx.hidden, TpSplit::Columns, false};
    double forward = 0.0;
    double backward = 0.0;
    weightGemm(ctx.rates, lay.tokens, output, lay.t, 1.0, forward, backward);
    const double loss = memoryBoundSeconds(ctx.rates, 24.0 * lay.tokens * ctx.vocab / lay.t);
    const double comm = collectiveSeconds(
        Collective::AllReduce, lay.tokens * ctx.hidden * bf16Bytes, lay.tensor, ctx.fabric);
    return forward + backward + loss + comm;
}

/// Embedding lookup: the TP all-reduce (or reduce-scatter with SP) of its output.
double embeddingSeconds(const PlannerContext &ctx, const Layout &lay) {
    return collectiveSeconds(Collective::AllReduce, lay.tokens * ctx.hidden * bf16Bytes, lay.tensor,
                             ctx.fabric) +
           memoryBoundSeconds(ctx.rates, 4.0 * lay.tokens * ctx.hidden);
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

LayoutMetrics evaluateLayout(const PlannerContext &ctx, const Parallelism &par) {
    LayoutMetrics out;
    out.issue = checkLayout(ctx, par);
    if (out.issue != LayoutIssue::None)
        return out;

    const RankOrder &order = ctx.options.rankOrder;
    const int domain = ctx.fabric.scaleUpDomainGpus;
    Layout lay;
    lay.t = par.tp;
    lay.c = par.cp;
    lay.d = par.dp;
    lay.p = par.pp;
    lay.v = par.vpp;
    lay.b = par.microBatch;
    lay.e = par.ep;
    lay.tokens = par.microBatch * ctx.sequence / par.cp;
    const double sequences = std::round(ctx.globalBatchTokens / ctx.sequence);
    lay.m = static_cast<int>(std::llround(sequences / (par.microBatch * par.dp)));
    lay.tensor = groupSpan(CommGroup::Tensor, par, order, domain);
    lay.context = groupSpan(CommGroup::Context, par, order, domain);
    lay.expert = groupSpan(CommGroup::Expert, par, order, domain);
    lay.data = dataContextSpan(par, order, domain);
    lay.expertData = expertDataSpan(par, order, domain);
    lay.pipeline = groupSpan(CommGroup::Pipeline, par, order, domain);
    out.microBatches = lay.m;

    // Layer and stage times for one micro-batch.
    out.denseLayer = layerTimes(ctx, par, lay, false);
    if (ctx.moe)
        out.moeLayer = layerTimes(ctx, par, lay, true);
    out.logitsSeconds = logitsSeconds(ctx, lay);
    const double embedding = embeddingSeconds(ctx, lay);
    out.embeddingSeconds = embedding;

    // Stage times and memory only differ between a few stages: stage 0 (embedding, most
    // micro-batches in flight), stage 1 and stage r + 1 (first stages with the larger and the
    // smaller layer count after the split of stageLayerCount), the stage holding the first MoE
    // layer and the next one, and the last stage (output layer). Within each group the
    // in-flight count only decreases, so these candidates hold both maxima.
    const int layersTotal = ctx.arithmetic.layers;
    const int remainder = layersTotal % par.pp;
    int firstMoeStage = 0;
    while (firstMoeStage + 1 < par.pp &&
           stageFirstLayer(layersTotal, par.pp, firstMoeStage + 1) <= ctx.arithmetic.denseLayers)
        ++firstMoeStage;
    const int candidates[] = {0, 1, remainder + 1, firstMoeStage, firstMoeStage + 1, par.pp - 1};
    double slowest = -1.0;
    double stage0Forward = 0.0;
    double stage0Total = 0.0;
    LayerTimes bottleneck; // per micro-batch sums of the slowest stage
    double bottleneckExtra = 0.0;
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
            extra += embedding;
        if (i == par.pp - 1)
            extra += out.logitsSeconds;
        const double stageTime =
            dense * out.denseLayer.totalSeconds() + moe * out.moeLayer.totalSeconds() + extra;
        if (i == 0) {
            stage0Total = stageTime;
            stage0Forward =
                dense * out.denseLayer.forwardSeconds + moe * out.moeLayer.forwardSeconds;
        }
        if (stageTime > slowest) {
            slowest = stageTime;
            out.bottleneckStage = i;
            bottleneck.gemmSeconds =
                dense * out.denseLayer.gemmSeconds + moe * out.moeLayer.gemmSeconds;
            bottleneck.attentionSeconds =
                dense * out.denseLayer.attentionSeconds + moe * out.moeLayer.attentionSeconds;
            bottleneck.elementwiseSeconds =
                dense * out.denseLayer.elementwiseSeconds + moe * out.moeLayer.elementwiseSeconds;
            bottleneck.tpCommSeconds =
                dense * out.denseLayer.tpCommSeconds + moe * out.moeLayer.tpCommSeconds;
            bottleneck.epCommSeconds = moe * out.moeLayer.epCommSeconds;
            bottleneck.cpCommSeconds =
                dense * out.denseLayer.cpCommSeconds + moe * out.moeLayer.cpCommSeconds;
            bottleneckExtra = extra;
        }
        const StageMemory memory = stageMemory(ctx, par, i);
        if (memory.totalBytes() > worstMemory) {
            worstMemory = memory.totalBytes();
            out.mostLoadedStage = i;
            out.weightsBytes = memory.weightsBytes;
            out.gradientsBytes = memory.gradientsBytes;
            out.optimizerBytes = memory.optimizerBytes;
            out.activationsBytes = memory.activationsBytes;
            out.otherBytes = memory.otherBytes;
        }
    }
    // The sum over all stages in closed form: every layer once, plus embedding and output.
    const double sum = ctx.arithmetic.denseLayers * out.denseLayer.totalSeconds() +
                       ctx.arithmetic.moeLayers * out.moeLayer.totalSeconds() + embedding +
                       out.logitsSeconds;
    const double m = lay.m;
    const double average = sum / par.pp;
    out.computeSeconds = m * (bottleneck.computeSeconds() + bottleneckExtra);
    out.tpCommSeconds = m * bottleneck.tpCommSeconds;
    out.epCommSeconds = m * bottleneck.epCommSeconds;
    out.cpCommSeconds = m * bottleneck.cpCommSeconds;
    out.bubbleSeconds = (lay.p - 1.0) / lay.v * average;

    // Pipeline point-to-point: one activation forward and one gradient backward per
    // micro-batch and chunk, T h / t bf16 values (scatter/gather over the TP ranks) [1].
    if (par.pp > 1) {
        const double message = lay.tokens * ctx.hidden * bf16Bytes / lay.t;
        const double hop =
            collectiveSeconds(Collective::PointToPoint, message, lay.pipeline, ctx.fabric);
        out.ppCommSeconds = 2.0 * hop * (lay.v * m + lay.p - 1.0);
    }

    // Data parallelism on the first stage (it finishes its last backward last).
    const StageShare share0 = stageShare(ctx, par, 0);
    const OptimizerRecipe &recipe = ctx.recipe;
    const double gradientBytes = recipe.gradientCommBytesPerParameter;
    const double parameterBytes = recipe.parameterCommBytesPerParameter;
    const double denseGrad = share0.denseParameters * gradientBytes;
    const double expertGrad = share0.expertParameters * gradientBytes;
    const double bucket = std::max(40e6, 1e6 * par.dp) * gradientBytes;
    double dpExposed = 0.0;
    if (par.zeroStage >= 3) {
        // FSDP / ZeRO-3 gather and reduce one layer at a time: each layer pays the ring
        // latency of its own collective.
        const double units = std::max(1, share0.layers);
        const double gather =
            units * (collectiveSeconds(Collective::AllGather,
                                       share0.denseParameters * parameterBytes / units, lay.data,
                                       ctx.fabric) +
                     collectiveSeconds(Collective::AllGather,
                                       share0.expertParameters * parameterBytes / units,
                                       lay.expertData, ctx.fabric));
        const double scatter =
            units *
            (collectiveSeconds(Collective::ReduceScatter, denseGrad / units, lay.data, ctx.fabric) +
             collectiveSeconds(Collective::ReduceScatter, expertGrad / units, lay.expertData,
                               ctx.fabric));
        // Forward and backward gather the weights, and so does a fully recomputed forward.
        const double gathers = par.recompute == Recompute::Full ? 3.0 : 2.0;
        const double perMicroBatch = gathers * gather + scatter;
        const double firstLayer = share0.layers > 0 ? gather / share0.layers : 0.0;
        dpExposed = m * (std::max(0.0, perMicroBatch - stage0Total) + firstLayer);
    } else {
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
        const double lastBucket = collectiveSeconds(
            reduce, std::min(bucket, denseGrad + expertGrad), lay.data, ctx.fabric);
        if (ctx.options.overlapGradReduce && reduceTime > 0.0)
            dpExposed += std::max(0.0, reduceTime - (stage0Total - stage0Forward)) + lastBucket;
        else
            dpExposed += reduceTime;
        if (gatherTime > 0.0) {
            const double gatherBucket = collectiveSeconds(
                Collective::AllGather,
                std::min(bucket / gradientBytes * parameterBytes,
                         (share0.denseParameters + share0.expertParameters) * parameterBytes),
                lay.data, ctx.fabric);
            if (ctx.options.overlapParamGather)
                dpExposed += std::max(0.0, gatherTime - stage0Forward) + gatherBucket;
            else
                dpExposed += gatherTime;
        }
    }
    out.dpCommSeconds = dpExposed;

    // Optimizer step: memory-bound over the parameters this GPU updates.
    const double shards = static_cast<double>(par.zeroStage >= 1 ? par.dp * par.cp : 1);
    const double expertShards =
        par.zeroStage >= 1 ? std::max(1.0, shards / std::max(1, par.ep)) : 1.0;
    const double updated = share0.denseParameters / shards + share0.expertParameters / expertShards;
    out.optimizerSeconds =
        memoryBoundSeconds(ctx.rates, updated * recipe.optimizerTrafficBytesPerParameter);

    out.stepSeconds = out.computeSeconds + out.tpCommSeconds + out.epCommSeconds +
                      out.cpCommSeconds + out.bubbleSeconds + out.ppCommSeconds +
                      out.dpCommSeconds + out.optimizerSeconds;
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
    out.fits = out.memoryBytes() <= ctx.hbmBytes;
    return out;
}

} // namespace scalescope::models
