#pragma once

// Communication volumes and times of the collectives a training step runs, on a two-level
// fabric: a scale-up domain (NVLink / NVSwitch, NVL72) and a scale-out network (InfiniBand or
// Ethernet rails, one NIC per GPU).
//
// References
//   [1] NVIDIA nccl-tests, doc/PERFORMANCE.md: bus bandwidth; an all-reduce moves
//       2(n-1)/n x M bytes per rank, reduce-scatter and all-gather (n-1)/n x M.
//   [2] Thakur, Rabenseifner, Gropp, "Optimization of Collective Communication Operations in
//       MPICH", IJHPCA 2005: ring and recursive algorithms, alpha-beta cost model.
//   [3] Jeaugey, "Massively Scale Your Deep Learning Training with NCCL 2.4" (NVIDIA blog,
//       2019): trees give log2(nodes) latency; hierarchical reduce-scatter inside the node,
//       all-reduce across nodes on every NIC in parallel, all-gather inside the node.

#include "models/planner/rank_layout.h"

namespace scalescope::models {

/// One level of the fabric as one GPU sees it.
struct LinkRates {
    double bytesPerSecond = 0.0;     ///< peak per GPU per direction [B/s]
    double achievableFraction = 1.0; ///< NCCL bus bandwidth / peak (measured)
    double latencySeconds = 0.0;     ///< per algorithm step [s]
    /// Bus bandwidth a large collective reaches [B/s].
    [[nodiscard]] double effectiveBytesPerSecond() const {
        return bytesPerSecond * achievableFraction;
    }
    bool operator==(const LinkRates &) const = default;
};

/// The two levels and the size of one scale-up domain.
struct FabricRates {
    LinkRates scaleUp;
    LinkRates scaleOut;
    int scaleUpDomainGpus = 8;
    bool operator==(const FabricRates &) const = default;
};

enum class Collective { AllReduce, ReduceScatter, AllGather, AllToAll, PointToPoint };

/// Bytes one rank sends for a collective over `ranks` ranks on an M-byte message [1]:
///   all-reduce 2(n-1)/n M; reduce-scatter and all-gather (n-1)/n M; all-to-all (n-1)/n M;
///   point-to-point M. (For RS/AG/A2A, M is the whole, unsharded buffer.)
[[nodiscard]] double collectiveBytesPerRank(Collective collective, double messageBytes, int ranks);

/// Wall time of a collective on an M-byte message over a group spread as `span` [2][3].
/// With q members in each of k scale-up domains, bandwidths Bu (scale-up) and Bo (scale-out
/// per GPU), latencies au, ao:
///   all-reduce      2(q-1)/q M/Bu + 2(k-1)/k (M/q)/Bo + 2(q-1) au + 2 ceil(log2 k) ao
///   reduce-scatter, all-gather: half of the all-reduce bandwidth terms, ring latency
///                   (n-1) a (a = ao when the ring leaves the domain, else au)
///   all-to-all      max((q-1)/n M/Bu, (n-q)/n M/Bo) + (n-1) latency steps
///   point-to-point  M/B of the slowest hop (scale-out when the group crosses domains)
/// A group of one rank costs nothing.
[[nodiscard]] double collectiveSeconds(Collective collective, double messageBytes,
                                       const GroupSpan &span, const FabricRates &fabric);

} // namespace scalescope::models
