#pragma once

// Where each rank of a parallel layout sits: its (tp, cp, ep, dp, pp) coordinates, its GPU
// within a node and its scale-up (NVLink) domain, and how each communication group spreads over
// scale-up domains. The time model and the rack diagram both use these functions, so the links
// a collective is charged for are exactly the links the diagram draws.
//
// Rank order (innermost first, i.e. neighbouring ranks differ in the first dimension):
//   default TP, CP, EP, DP, PP as in Megatron-LM's RankGenerator ("tp-cp-ep-dp-pp"):
//     rank = tp + t * (cp + c * (dp + d * pp))
//   Expert parallelism is folded into data parallelism ("parallel folding", Megatron-Core MoE):
//   an EP group is `ep` consecutive DP ranks, so ep = dp % ep and the expert-data-parallel
//   index is dp / ep. The other three dimensions may be permuted ("tp-dp-cp-pp", "tp-cp-pp-dp").
//   Ranks fill GPUs in order: GPU index = rank % gpusPerNode, node = rank / gpusPerNode,
//   scale-up domain = rank / scaleUpDomainGpus.
//
// References
//   [1] NVIDIA Megatron-Core, megatron/core/parallel_state.py (RankGenerator, order
//   "tp-cp-ep-dp-pp"). [2] Liu et al., "MoE Parallel Folding", arXiv:2504.14960 (EP folded over DP
//   x CP).

#include "models/scenario/scenario.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace scalescope::models {

// ParallelDimension and RankOrder are defined in models/planner/planner_options.h (via scenario.h).

/// "tp-cp-ep-dp-pp" style name (ep is printed just before dp).
[[nodiscard]] std::string rankOrderName(const RankOrder &order);
/// Parses names like "tp-cp-ep-dp-pp", "tp-cp-dp-pp", "tp-dp-cp-pp", "tp-cp-pp-dp"; "ep" is
/// optional but, when given, must come right before "dp". nullopt when not a valid order.
[[nodiscard]] std::optional<RankOrder> parseRankOrder(std::string_view name);

/// Coordinates of one rank.
struct RankCoordinates {
    int tp = 0;
    int cp = 0;
    int ep = 0;       ///< position inside the expert-parallel group (= dp % ep)
    int dp = 0;       ///< data-parallel index, 0 .. dp-1
    int expertDp = 0; ///< expert-data-parallel index (= dp / ep)
    int pp = 0;
    int node = 0;          ///< server or compute tray
    int gpuInNode = 0;     ///< GPU index inside the node
    int scaleUpDomain = 0; ///< NVLink domain (node for DGX/HGX, rack for NVL72)
    bool operator==(const RankCoordinates &) const = default;
};

/// Coordinates of `rank` (0 .. tp*cp*dp*pp - 1) under `order`; gpusPerNode and
/// scaleUpDomainGpus must be > 0.
[[nodiscard]] RankCoordinates rankCoordinates(int rank, const Parallelism &parallelism,
                                              const RankOrder &order, int gpusPerNode,
                                              int scaleUpDomainGpus);

/// The rank with the given coordinates (tp, cp, dp, pp; ep is implied by dp).
[[nodiscard]] int rankOf(int tp, int cp, int dp, int pp, const Parallelism &parallelism,
                         const RankOrder &order);

/// Which communication group.
enum class CommGroup { Tensor, Context, Expert, Data, Pipeline };

/// How one communication group spreads over scale-up domains. A group of `size` ranks whose
/// members are `stride` ranks apart puts `membersPerDomain` members in each of `domains`
/// scale-up domains; collectives run hierarchically (scale-up inside a domain, scale-out
/// between domains).
struct GroupSpan {
    int size = 1;
    int stride = 1;
    int membersPerDomain = 1;
    int domains = 1;
    [[nodiscard]] bool crossesScaleOut() const { return domains > 1; }
    bool operator==(const GroupSpan &) const = default;
};

/// Stride between neighbouring members of `group` under `order`.
[[nodiscard]] int groupStride(CommGroup group, const Parallelism &parallelism,
                              const RankOrder &order);

/// Span of `group`: members per scale-up domain q = min(n, D / stride) when stride < D (else
/// 1), domains k = ceil(n / q), for a domain of D GPUs.
[[nodiscard]] GroupSpan groupSpan(CommGroup group, const Parallelism &parallelism,
                                  const RankOrder &order, int scaleUpDomainGpus);

} // namespace scalescope::models
