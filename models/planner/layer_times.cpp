// layerTimes: one layer's compute and exposed collectives for one micro-batch, the inner term
// t_i of the step time in step_time.cpp.
//
// References
//   [2] Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models",
//       MLSys 2023: TP all-reduces (2 forward + 2 backward per layer), sequence parallelism as
//       all-gather + reduce-scatter of the same volume, the extra all-gather in backward, and
//       selective recomputation of the attention core.
//   [5] Dao, "FlashAttention-2": backward = 2.5x forward FLOPs (the scores are recomputed).
//   [6] Liu et al., "Ring Attention", arXiv:2310.01889: K/V blocks circulate the CP ring while
//       the block attention computes; NVIDIA Transformer Engine context parallelism.

#include "models/planner/layer_times.h"

#include <algorithm>

namespace scalescope::models {

namespace {

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

/// Forward and backward seconds of one piece of a layer (summed in place, so the order of the
/// additions is that of the formula).
struct ForwardBackward {
    double forward = 0.0;
    double backward = 0.0;
};

/// Weight GEMMs of one layer, with the routed experts of an MoE layer.
ForwardBackward layerGemms(const PlannerContext &ctx, const StepLayout &lay, bool moeLayer) {
    ForwardBackward gemm;
    const LayerGemms &gemms = moeLayer ? ctx.moeGemms : ctx.denseGemms;
    for (int i = 0; i < gemms.count; ++i)
        weightGemm(ctx.rates, lay.tokens, gemms.gemms[static_cast<std::size_t>(i)], lay.t, 1.0,
                   gemm.forward, gemm.backward);
    if (moeLayer) {
        // Balanced routing: each of the E/ep local experts gets ep T k / E token rows.
        const double localExperts = ctx.experts / lay.e;
        const double rows = lay.e * lay.tokens * ctx.topK / ctx.experts;
        weightGemm(ctx.rates, rows, ctx.expertFc1, lay.t, localExperts, gemm.forward,
                   gemm.backward);
        weightGemm(ctx.rates, rows, ctx.expertFc2, lay.t, localExperts, gemm.forward,
                   gemm.backward);
    }
    return gemm;
}

/// Attention core: heads on this GPU attend over the whole sequence s.
ForwardBackward attentionCore(const PlannerContext &ctx, const StepLayout &lay, bool fused) {
    const GpuRates &rates = ctx.rates;
    const double t = lay.t;
    const double T = lay.tokens;
    const double s = ctx.sequence;
    ForwardBackward attention;
    if (fused) {
        // Causal kernels skip the masked half of the scores [5].
        const double flops = T * 0.5 * s * ctx.arithmetic.attentionCoreFlopsPerKey / t;
        attention.forward = fusedAttentionSeconds(rates, flops, s, ctx.headDim);
        attention.backward = 2.5 * attention.forward;
        return attention;
    }
    // Batched GEMMs per (sequence, head) over the full s x s scores, then the fused
    // scale-mask-softmax and dropout streaming 9 (forward) and 11 (backward) bytes per score.
    const double headsHere = ctx.heads / t;
    const double valueDim =
        ctx.arithmetic.attentionCoreFlopsPerKey / (2.0 * ctx.heads) - ctx.headDim;
    const double count = lay.b * headsHere;
    const double rows = T / lay.b; // queries of one sequence on this GPU
    attention.forward = gemmSeconds(rates, rows, s, ctx.headDim, false, count) +
                        gemmSeconds(rates, rows, valueDim, s, false, count);
    attention.backward = gemmSeconds(rates, rows, ctx.headDim, s, false, count) +
                         gemmSeconds(rates, s, ctx.headDim, rows, false, count) +
                         gemmSeconds(rates, rows, s, valueDim, false, count) +
                         gemmSeconds(rates, s, valueDim, rows, false, count);
    const double scores = count * rows * s;
    attention.forward += memoryBoundSeconds(rates, 9.0 * scores);
    attention.backward += memoryBoundSeconds(rates, 11.0 * scores);
    return attention;
}

/// Element-wise, memory-bound work per token (bytes): two norms (4h each), two
/// bias-dropout-residual adds (7h each), the activation (4 or 6 bytes per FFN element),
/// rotary embedding of Q and K, MoE permutation, FP8 casts of the GEMM inputs (3 bytes).
double elementwiseForward(const PlannerContext &ctx, const StepLayout &lay, bool moeLayer,
                          bool sp) {
    const double t = lay.t;
    const double h = ctx.hidden;
    const double x = sp ? 1.0 / t : 1.0;
    const double ffnWidth = moeLayer ? (ctx.topK + ctx.sharedExperts) * ctx.expertFfn : ctx.ffn;
    const double gatedBytes = ctx.gatedMlp ? 6.0 : 4.0;
    double perToken = 22.0 * h * x + gatedBytes * ffnWidth / t;
    if (ctx.rotary)
        perToken += 4.0 * (ctx.queryWidth + ctx.kvWidth) / t;
    if (moeLayer)
        perToken += 8.0 * ctx.topK * h;
    if (ctx.lowPrecisionGemms)
        perToken += 3.0 * (2.0 * h + ctx.queryWidth / t + ffnWidth / t);
    return memoryBoundSeconds(ctx.rates, perToken * lay.tokens);
}

/// Expert all-to-alls: dispatch and combine, forward and backward, T k h bf16 values.
double expertCommSeconds(const PlannerContext &ctx, const StepLayout &lay, Recompute recompute,
                         bool sp) {
    const double message =
        lay.tokens * ctx.topK * ctx.hidden * bf16Bytes * (sp ? 1.0 / lay.t : 1.0);
    const double count = 4.0 + (recompute == Recompute::Full ? 2.0 : 0.0);
    return count * collectiveSeconds(Collective::AllToAll, message, lay.expert, ctx.fabric);
}

/// Context parallelism: K and V blocks circulate the ring (c - 1 steps) while the block
/// attention computes; backward moves K, V and their gradients [6]. Returns the exposed part.
double contextCommSeconds(const PlannerContext &ctx, const StepLayout &lay, Recompute recompute,
                          const ForwardBackward &attention) {
    const double kvHere = ctx.kvWidth / std::min(lay.t, ctx.kvHeads);
    const double step = collectiveSeconds(
        Collective::PointToPoint, 2.0 * lay.tokens * kvHere * bf16Bytes, lay.context, ctx.fabric);
    const double forwardRing = (lay.c - 1.0) * step;
    double exposed = std::max(0.0, forwardRing - attention.forward) +
                     std::max(0.0, 2.0 * forwardRing - attention.backward);
    if (recompute == Recompute::Full)
        exposed += std::max(0.0, forwardRing - attention.forward);
    return exposed;
}

} // namespace

/// One layer kind for one micro-batch on one GPU: compute, then the exposed TP, EP and CP
/// collectives.
LayerTimes layerTimes(const PlannerContext &ctx, const Parallelism &par, const StepLayout &lay,
                      bool moeLayer) {
    const double t = lay.t;
    const bool sp = par.sequenceParallel && t > 1.0;
    const bool fused = ctx.options.attentionKernel == AttentionKernel::Fused;
    const Recompute recompute = par.recompute;
    const ForwardBackward gemm = layerGemms(ctx, lay, moeLayer);
    const ForwardBackward attention = attentionCore(ctx, lay, fused);
    const double elementForward = elementwiseForward(ctx, lay, moeLayer, sp);
    const double elementBackward = 2.0 * elementForward;

    // Tensor-parallel collectives: 2 forward + 2 backward all-reduce equivalents of T h
    // bf16 values; SP re-gathers the two column-parallel inputs in backward (+1); full
    // recomputation replays the forward's 2 [2].
    LayerTimes times;
    const double tpMessage = lay.tokens * ctx.hidden * bf16Bytes;
    const double allReduce =
        collectiveSeconds(Collective::AllReduce, tpMessage, lay.tensor, ctx.fabric);
    double tpCount = 4.0 + (sp ? 1.0 : 0.0) + (recompute == Recompute::Full ? 2.0 : 0.0);
    double tpComm = tpCount * allReduce;

    double forwardCompute = gemm.forward + attention.forward + elementForward;
    double gemmTotal = gemm.forward + gemm.backward;
    double attentionTotal = attention.forward + attention.backward;
    double elementTotal = elementForward + elementBackward;
    if (recompute == Recompute::Full) {
        gemmTotal += gemm.forward;
        attentionTotal += attention.forward;
        elementTotal += elementForward;
    } else if (recompute == Recompute::Selective && !fused) {
        attentionTotal += attention.forward;
    }
    if (ctx.options.tpCommOverlap && t > 1.0)
        tpComm = std::max(tpComm / t, tpComm - gemmTotal);

    times.gemmSeconds = gemmTotal;
    times.attentionSeconds = attentionTotal;
    times.elementwiseSeconds = elementTotal;
    times.tpCommSeconds = tpComm;
    times.epCommSeconds =
        moeLayer && lay.e > 1.0 ? expertCommSeconds(ctx, lay, recompute, sp) : 0.0;
    times.cpCommSeconds = lay.c > 1.0 ? contextCommSeconds(ctx, lay, recompute, attention) : 0.0;
    times.forwardSeconds = forwardCompute + tpComm * 2.0 / std::max(tpCount, 1.0);
    return times;
}

/// Output layer (bf16 GEMM over V/t columns) and vocab-parallel cross-entropy (24 bytes per
/// logit: bf16 -> fp32 copy, max, sum of exponentials, softmax, gradient), plus the final
/// all-gather/all-reduce of the hidden state.
double logitsSeconds(const PlannerContext &ctx, const StepLayout &lay) {
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
double embeddingSeconds(const PlannerContext &ctx, const StepLayout &lay) {
    return collectiveSeconds(Collective::AllReduce, lay.tokens * ctx.hidden * bf16Bytes, lay.tensor,
                             ctx.fabric) +
           memoryBoundSeconds(ctx.rates, 4.0 * lay.tokens * ctx.hidden);
}

} // namespace scalescope::models
