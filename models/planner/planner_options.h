#pragma once

// The training planner's options that describe the software stack rather than the model, the
// hardware or the layout: rank order, attention kernel, communication overlap, the FLOP
// convention of MFU/HFU and goodput. Plain data, included by models/scenario/scenario.h so a
// scenario file can carry them (its optional "planner" block, models/scenario/scenario_io.h).
// Defaults describe a current Megatron-Core/NeMo run.
//
// References
//   [1] NVIDIA Megatron-Core, megatron/core/parallel_state.py (RankGenerator, order
//       "tp-cp-ep-dp-pp").
//   [2] Narayanan et al., SC21, eq. 3 and Korthikanti et al., MLSys 2023, App. A (full attention
//       FLOPs); Megatron-Bridge / NeMo 25.x (causal, seq/2).

#include "models/core/enum_names.h"

#include <array>

namespace scalescope::models {

/// A parallel dimension that owns ranks (EP lives inside DP).
enum class ParallelDimension { Tensor, Context, Data, Pipeline };

/// Order of the rank dimensions, innermost first [1]. Tensor parallelism is always innermost:
/// its per-layer collectives are the most frequent and must stay on the fastest link.
/// Names and parsing: rankOrderName / parseRankOrder in models/planner/rank_layout.h.
struct RankOrder {
    std::array<ParallelDimension, 4> innermostFirst = {
        ParallelDimension::Tensor, ParallelDimension::Context, ParallelDimension::Data,
        ParallelDimension::Pipeline};
    bool operator==(const RankOrder &) const = default;
};

/// How the two s×s attention matmuls (scores Q·Kᵀ and probabilities·V) are counted.
///
/// Per token and layer, forward, with a context of `s` keys, `a` heads, query/key head dim
/// `d_qk` and value head dim `d_v`: Full = 2·s·a·(d_qk + d_v) FLOPs (for d = h/a: 4·s·h).
/// Conventions of the sources [2]:
///  - Full: Narayanan 2021 eq. 3, Korthikanti 2022 App. A, Megatron-LM r0.8.0, PaLM / Llama 3
///    MFU (12·L·H·Q·T for fwd + bwd).
///  - Causal: Megatron-Bridge / NeMo 25.x (seq/2), and what causal FlashAttention kernels
///    actually execute (they skip the masked upper triangle).
enum class AttentionFlops {
    Full,   ///< every query against every key of the sequence
    Causal, ///< half of Full: on average a query attends to s/2 keys
};

/// How the attention core runs.
enum class AttentionKernel {
    Fused,   ///< FlashAttention / cuDNN fused attention: no s^2 buffers, causal half executed
    Unfused, ///< 2021-22 Megatron: batched GEMMs + fused softmax + dropout, full s^2 executed
};

/// Names in a scenario's "planner" block ("attention_flops").
template <> struct EnumNames<AttentionFlops> {
    static constexpr std::array<EnumName<AttentionFlops>, 2> table{
        {{AttentionFlops::Full, "full"}, {AttentionFlops::Causal, "causal"}}};
};

/// Names in a scenario's "planner" block ("attention_kernel").
template <> struct EnumNames<AttentionKernel> {
    static constexpr std::array<EnumName<AttentionKernel>, 2> table{
        {{AttentionKernel::Fused, "fused"}, {AttentionKernel::Unfused, "unfused"}}};
};

/// The software stack's behaviour and the conventions the outputs are reported in.
struct PlannerOptions {
    RankOrder rankOrder; ///< default tp-cp-ep-dp-pp
    AttentionKernel attentionKernel = AttentionKernel::Fused;
    bool overlapGradReduce = true;  ///< DP reduce-scatter/all-reduce overlaps the last backward
    bool overlapParamGather = true; ///< distributed-optimizer all-gather overlaps the next forward
    bool tpCommOverlap = false;     ///< TP all-gather/reduce-scatter pipelined with the GEMMs
    AttentionFlops flopCounting = AttentionFlops::Full; ///< MFU/HFU attention convention
    bool mfuOnBf16Peak = false; ///< MFU against the BF16 peak instead of the training precision
    double goodput = 1.0;       ///< fraction of wall time that trains (restarts, checkpoints)
    bool operator==(const PlannerOptions &) const = default;
};

} // namespace scalescope::models
