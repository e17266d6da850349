#pragma once

// What the rack diagram overlays on the hardware: which tensor/context/expert/data/pipeline
// group each GPU belongs to, whether a group leaves its NVLink domain, which link class and
// fabric tier its collective crosses, the traffic per step on each link class and on every
// fabric cable, and memory fill per GPU. The rank -> GPU mapping is injected (the planner
// owns the rank order), so the diagram and the time model use the same placement.
//
// References
// [1] Shared hardware reference README 3f: rail-optimized fat trees; NCCL's PXN moves
//     cross-rail traffic onto NVLink first, so two nodes whose NICs share a leaf on every rail
//     talk through that leaf.
// [2] NCCL ring algorithm (nccl-tests PERFORMANCE.md): a ring collective runs at the speed of
//     its slowest hop, so a group spanning NVLink domains runs at the scale-out rate.

#include "models/rack/rack_geometry.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace scalescope::models {

/// The parallel dimensions.
enum class GroupKind { Tensor = 0, Context = 1, Expert = 2, Data = 3, Pipeline = 4 };
inline constexpr int kGroupKinds = 5;

/// "TP", "CP", "EP", "DP", "PP".
[[nodiscard]] std::string groupKindShortName(GroupKind kind);

/// One rank's coordinates in the parallel layout and the GPU it runs on. Expert parallelism is
/// folded into data parallelism (Megatron-Core "parallel folding"): ep = dp mod EP and
/// expertDp = dp / EP, so the world is tp x cp x dp x pp ranks.
struct RankPlacement {
    int tp = 0;
    int cp = 0;
    int ep = 0;       ///< position inside the expert-parallel group
    int dp = 0;       ///< data-parallel index
    int expertDp = 0; ///< expert-data-parallel index
    int pp = 0;
    int gpu = -1; ///< global GPU index in the geometry
    [[nodiscard]] int coordinate(GroupKind kind) const;
    bool operator==(const RankPlacement &) const = default;
};

/// The planner's rank order as a function: global rank -> placement.
using RankMapper = std::function<RankPlacement(int rank)>;

/// The ranks of one collective: TP, CP, DP and PP groups are the ranks that differ only in
/// that coordinate; an EP group is the ranks with equal tp, cp, expertDp and pp.
struct RackGroup {
    std::vector<int> gpus;                    ///< in rank order
    int nvlinkDomains = 0;                    ///< distinct NVLink domains among the members
    int nodes = 0;                            ///< distinct nodes
    LinkClass linkClass = LinkClass::SameGpu; ///< slowest link between two members
    int fabricTier = 0; ///< highest fabric tier its traffic climbs (0 = none) [1]
    [[nodiscard]] bool spillsNvlinkDomain() const { return nvlinkDomains > 1; }
    bool operator==(const RackGroup &) const = default;
};

/// Group membership of every GPU (index = GPU; rank -1 = idle GPU).
struct ParallelOverlay {
    int worldSize = 0;
    std::vector<int> rankOfGpu;
    std::vector<RankPlacement> placementOfGpu;
    /// groupOfGpu[kind][gpu] = index into groups[kind]; -1 for idle GPUs.
    std::array<std::vector<int>, kGroupKinds> groupOfGpu;
    std::array<std::vector<RackGroup>, kGroupKinds> groups;

    /// The colour class a view paints for `kind`: the communication group for TP, CP and EP,
    /// the replica (dp coordinate) for DP and the stage (pp coordinate) for PP; -1 when idle.
    [[nodiscard]] int colourClass(int gpu, GroupKind kind) const;
    /// Number of colour classes of `kind` (groups, replicas or stages).
    [[nodiscard]] int colourClasses(GroupKind kind) const;
    /// Groups of `kind` whose members span more than one NVLink domain.
    [[nodiscard]] int spillingGroups(GroupKind kind) const;
    bool operator==(const ParallelOverlay &) const = default;
};

/// Places `worldSize` ranks with `mapper` and derives every group [1]. Throws InputError when
/// the world does not fit the GPUs built, a rank maps outside them, or two ranks share a GPU.
[[nodiscard]] ParallelOverlay buildParallelOverlay(const RackGeometry &geometry, int worldSize,
                                                   const RankMapper &mapper);

/// Bytes one GPU sends per optimizer step in each kind's collectives, from the planner.
struct StepTraffic {
    std::array<double, kGroupKinds> bytesPerGpu{}; ///< indexed by GroupKind [B]
    bool operator==(const StepTraffic &) const = default;
};

/// Per-GPU, per-direction bandwidth of each link class [B/s] (catalog values, optionally
/// scaled by the achievable-vs-peak factors).
struct LinkBandwidths {
    double nvlinkBytesPerSecond = 0.0;
    double pcieBytesPerSecond = 0.0;
    double scaleOutBytesPerSecond = 0.0;
    bool operator==(const LinkBandwidths &) const = default;
};

/// Load on one link class: the busiest GPU's bytes and the time they take.
struct LinkClassLoad {
    LinkClass linkClass = LinkClass::NvLink;
    double bytesPerGpu = 0.0; ///< max over GPUs [B per step]
    double seconds = 0.0;     ///< bytesPerGpu / bandwidth [s per step]
    double bandwidth = 0.0;   ///< per GPU per direction [B/s]
    bool operator==(const LinkClassLoad &) const = default;
};

/// Traffic per step on each link class and on every fabric cable bundle.
struct TrafficOverlay {
    std::vector<LinkClassLoad> classes; ///< NVLink, PCIe, scale-out (those carrying traffic)
    int bottleneckClass = -1;           ///< index into `classes` with the largest time; -1 none
    std::vector<double> linkBytes;      ///< per geometry.links entry, per cable [B per step]
    std::vector<double> linkSeconds;    ///< linkBytes / per-cable bandwidth [s per step]
    int bottleneckLink = -1;            ///< geometry.links index with the largest time
    std::array<double, 4> tierBytes{};  ///< total bytes entering tier 1 (leaf), 2, 3 per step
    /// Per GPU: NVLink (or PCIe) bytes / that class's bandwidth [s per step].
    std::vector<double> scaleUpSeconds;
    /// Largest time of any class or cable [s per step]: the common scale of the picture.
    double busiestSeconds = 0.0;
    bool operator==(const TrafficOverlay &) const = default;
};

/// Routes each GPU's per-kind bytes over its group's link class [2]: NVLink or PCIe inside a
/// domain or node, else the scale-out NIC of its rail; a group whose fabric tier is >= 2 also
/// loads its leaf's uplinks, spread evenly over the spines (adaptive routing), and tier 3
/// the spine uplinks over the cores. Per-cable bandwidth = scaleOutBytesPerSecond x GPUs per
/// node / NICs per node. Bandwidths of zero leave that class's time at 0.
[[nodiscard]] TrafficOverlay buildTrafficOverlay(const RackGeometry &geometry,
                                                 const ParallelOverlay &overlay,
                                                 const StepTraffic &traffic,
                                                 const LinkBandwidths &bandwidths);

/// HBM fill per GPU = stage bytes of its pipeline stage / hbmBytes (0 for idle GPUs).
/// Throws InputError when hbmBytes <= 0 or a stage has no entry.
[[nodiscard]] std::vector<double> memoryFillPerGpu(const ParallelOverlay &overlay,
                                                   const std::vector<double> &stageBytes,
                                                   double hbmBytes);

} // namespace scalescope::models
