#pragma once

// The space of parallel layouts the parallelism search walks, and how it is counted.
//
// For G GPUs and a global batch of S sequences the space is the product of
//   tp, pp, cp  every factorisation G = tp x pp x cp x dp (divisors, in that order)
//   ep          divisors of dp x cp for a mixture-of-experts model (EP folds into DP x CP
//               [1]), else 1
//   vpp         divisors of L/pp when pp > 1 divides the L layers (each virtual stage holds
//               the same number of layers, as Megatron-LM's interleaved schedule requires [2]),
//               else 1
//   micro-batch divisors of S (optionally capped); b x dp must divide S [2]
//   ZeRO stage  0..3 when dp x cp > 1 (there is nothing to shard otherwise), else 0
//   recompute   none, selective, full
//   sequence parallel  on/off when tp > 1, else off (it only exists over a TP group)
// Knob values that describe the same run (ZeRO with one shard, sequence parallelism without
// TP) are not enumerated twice.
//
// Every layout of the space ends in exactly one class:
//   divisibility  the planner's checkLayout or the scenario-file rules of
//                 models/scenario/scenario_validation.h reject it (tp vs heads, KV heads, FFN
//                 width; pp beyond the layers; cp vs sequence; ep vs experts and ranks), so every
//                 layout the search returns can be written to a scenario file and planned
//   hardware      the TP group leaves the scale-up (NVLink) domain, unless allowed
//   batch         b x dp does not divide S, or an interleaved schedule (vpp > 1) whose
//                 micro-batch count m = S/(b dp) is not a multiple of pp [2]
//   pruned        skipped by a bound that proves it out of memory or dominated
//   evaluated     run through evaluateLayout (then it fits in memory or not)
//
// References
//   [1] Liu et al., "MoE Parallel Folding", arXiv:2504.14960; Megatron-Core parallel_state.py.
//   [2] Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using
//       Megatron-LM", SC21, sec. 2.2 (interleaved 1F1B: m a multiple of p, layers split evenly
//       over p v model chunks).

#include "models/planner/planner_context.h"
#include "models/scenario/model_shape.h"

#include <array>
#include <vector>

namespace scalescope::models {

/// Positive divisors of `n` up to INT_MAX in ascending order (empty for n < 1).
[[nodiscard]] std::vector<int> divisorsOf(long long n);

/// The recompute modes in the order the search walks them.
inline constexpr std::array<Recompute, 3> searchRecomputeModes = {
    Recompute::None, Recompute::Selective, Recompute::Full};

/// How a whole subspace under one (tp, pp, cp, ep) choice is classified before any evaluation.
enum class OuterClass {
    Searchable,   ///< some micro-batch can work: the search walks its inner knobs
    Divisibility, ///< rejected by checkLayout for a structural reason
    Hardware,     ///< the TP group crosses the scale-up domain
    Batch,        ///< dp does not divide the global batch sequences
};

/// One (tp, pp, cp, ep) choice for one GPU count: the unit of work of the search.
struct OuterLayout {
    int contextIndex = 0; ///< which GPU count (index into the search's contexts)
    int tp = 1, pp = 1, cp = 1, dp = 1, ep = 1;
    OuterClass kind = OuterClass::Searchable;
    std::vector<int> vpps;       ///< virtual-stage candidates, ascending, starting at 1
    std::vector<int> microBatch; ///< micro-batch candidates, ascending
    int zeroStages = 1;          ///< 1 (only 0) or 4 (0..3)
    int sequenceParallelChoices = 1;
    [[nodiscard]] long long size() const {
        return static_cast<long long>(vpps.size()) * static_cast<long long>(microBatch.size()) *
               zeroStages * sequenceParallelChoices *
               static_cast<long long>(searchRecomputeModes.size());
    }
    /// The layout with these degrees and the given inner knobs.
    [[nodiscard]] Parallelism layout(int vpp, int microBatchSize, int zeroStage,
                                     bool sequenceParallel, Recompute recompute) const;
    bool operator==(const OuterLayout &) const = default;
};

/// Limits on the space; defaults are the full space described at the top of this file.
struct SearchSpaceLimits {
    bool allowTpAcrossDomain = false; ///< let TP groups span scale-up domains
    int maxMicroBatch = 0;            ///< largest micro-batch tried; 0 = no limit
    bool operator==(const SearchSpaceLimits &) const = default;
};

/// Global batch in whole sequences: S = B_tokens / s, or 0 when it is not a positive integer.
[[nodiscard]] long long globalBatchSequences(const PlannerContext &context);

/// True when a layout of `outer` with micro-batch `microBatchSize` and `vpp` virtual stages
/// satisfies the batch rules above for `sequences` S.
[[nodiscard]] bool batchAllows(const OuterLayout &outer, long long sequences, int microBatchSize,
                               int vpp);

/// Every (tp, pp, cp, ep) choice of `context` (GPU count context.numGpus, built for `model`),
/// classified, with the inner candidates filled for every class so that size() counts the
/// subspace.
[[nodiscard]] std::vector<OuterLayout> enumerateOuterLayouts(const PlannerContext &context,
                                                             const ModelShape &model,
                                                             int contextIndex,
                                                             const SearchSpaceLimits &limits);

} // namespace scalescope::models
