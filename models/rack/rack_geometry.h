#pragma once

// Rack diagram geometry: the physical hierarchy pod -> scalable units -> racks -> nodes/trays
// -> GPUs, CPUs, NVSwitch chips, NICs, plus switch trays, power shelves and the compute fabric's
// leaf/spine/core switches, laid out as rectangles in abstract layout units. Everything comes
// from the catalog's composition fields (no per-product drawing code); the views only paint it.
//
// References
// [1] Shared hardware reference README, section 2b (GB200/GB300 NVL72 tray order, 18 compute
//     trays x (4 GPUs + 2 Grace), 9 switch trays x 2 NVLink5 chips) and 2c (SuperPOD SU sizes).
// [2] NVIDIA DGX SuperPOD H100 RA, "Network fabrics": rail-optimized compute fabric, GPU i of
//     every node on rail i (its own leaf per SU).
// [3] fat_tree.h for the switch counts.

#include "models/catalog/catalog.h"
#include "models/planner/fat_tree.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// Axis-aligned rectangle in layout units: 1 unit = the height of one rack unit (1U), x grows
/// to the right, y grows downwards (screen convention).
struct LayoutRect {
    double x = 0.0;
    double y = 0.0;
    double width = 0.0;
    double height = 0.0;
    [[nodiscard]] double right() const { return x + width; }
    [[nodiscard]] double bottom() const { return y + height; }
    [[nodiscard]] double centerX() const { return x + width / 2.0; }
    [[nodiscard]] double centerY() const { return y + height / 2.0; }
    /// Half-open containment: [x, x + width) x [y, y + height).
    [[nodiscard]] bool contains(double px, double py) const {
        return px >= x && px < x + width && py >= y && py < y + height;
    }
    /// Smallest rectangle holding both (an empty rectangle is ignored).
    [[nodiscard]] LayoutRect united(const LayoutRect &other) const;
    bool operator==(const LayoutRect &) const = default;
};

/// What a drawn box is.
enum class RackItemKind {
    Pod,          ///< everything (one per geometry, item 0)
    ScalableUnit, ///< a SuperPOD SU: racks plus their leaves
    NvlinkDomain, ///< outline of an NVLink domain that spans several nodes or racks
    Rack,         ///< one physical rack
    ComputeNode,  ///< a server (DGX) or a compute tray (NVL72)
    SwitchTray,   ///< an NVLink switch tray (rack-scale systems)
    PowerShelf,   ///< rack layout slot "power"
    Management,   ///< rack layout slot "management" (ToR / out-of-band switches)
    OtherSlot,    ///< rack layout slots "network", "empty" and unknown kinds
    Gpu,          ///< one accelerator
    Cpu,          ///< one host CPU or Grace
    NvSwitchChip, ///< one NVSwitch / NVLink switch chip
    Nic,          ///< one compute-fabric NIC port (rail)
    LeafSwitch,   ///< compute fabric tier 1
    SpineSwitch,  ///< compute fabric tier 2
    CoreSwitch,   ///< compute fabric tier 3
};

/// Lower-case English name of a kind ("compute node", "leaf switch").
[[nodiscard]] std::string rackItemKindName(RackItemKind kind);

/// One box of the diagram. Children always come after their parent in RackGeometry::items.
struct RackItem {
    RackItemKind kind = RackItemKind::Pod;
    int ordinal = 0; ///< index among the items of the same kind (GPU 0..N-1, rack 0..R-1)
    int parent = -1; ///< index in RackGeometry::items; -1 for the pod
    LayoutRect rect;
    std::string label;  ///< short text: "GPU 17", "Tray 3", "Leaf 5", "Power"
    int gpu = -1;       ///< global GPU index (Gpu items)
    int node = -1;      ///< global node / tray index (items inside a node, and the node)
    int rack = -1;      ///< rack index (everything inside a rack, and the rack)
    int su = -1;        ///< scalable unit (racks, nodes, GPUs, NICs, leaves, SU pod spines)
    int rail = -1;      ///< fabric rail (NICs and leaves)
    bool active = true; ///< false: built because racks are whole, but beyond the GPU count
    bool operator==(const RackItem &) const = default;
};

/// A bundle of parallel cables between two items (NIC -> leaf, leaf -> spine, spine -> core).
struct FabricLink {
    int from = -1; ///< item index (the lower tier: NIC, leaf or spine)
    int to = -1;   ///< item index (leaf, spine or core)
    int tier = 1;  ///< 1 = NIC-leaf, 2 = leaf-spine, 3 = spine-core
    int cables = 1;
    int rail = -1; ///< rail of the NIC or leaf at the lower end
    bool operator==(const FabricLink &) const = default;
};

/// The whole diagram for one system and GPU count.
struct RackGeometry {
    std::string systemId;       ///< the scenario's system ("superpod-h100", "gb200-nvl72")
    std::string systemName;     ///< its display name
    std::string nodeSystemId;   ///< the system whose nodes are drawn (== systemId unless SuperPOD)
    std::string fabricSystemId; ///< the SuperPOD spec that sized the fabric; empty = none
    std::string gpuId;
    std::string cpuId;
    int requestedGpus = 0; ///< the scenario's GPU count (active GPUs)
    int gpus = 0;          ///< GPUs built (whole nodes and racks)
    int gpusPerNode = 0;
    int cpusPerNode = 0;
    int nicsPerNode = 0; ///< compute-fabric NIC ports per node = rails
    int switchChipsPerNode = 0;
    int switchChipsPerTray = 0; ///< 0 when the catalog does not publish it
    int nodesPerRack = 0;
    /// false: the catalog gives no rack layout (tray systems) or no servers per rack, so the
    /// racks are schematic: nodes grouped for drawing (as many as fit 42U, dividing the
    /// scalable unit when unknown) and the painter marks them as such.
    bool rackCompositionPublished = true;
    int nodes = 0;
    int racks = 0;
    int nvlinkDomainGpus = 1; ///< 1 = no scale-up fabric (PCIe only)
    int nodesPerSu = 0;       ///< 0 = no scalable units
    int scalableUnits = 0;
    bool hasFabric = false; ///< a compute fabric is drawn (more than one NVLink domain)
    FatTreeSize fabric;
    std::vector<RackItem> items;
    std::vector<int> gpuItems;  ///< item index of GPU g
    std::vector<int> nodeItems; ///< item index of node n
    std::vector<int> rackItems;
    std::vector<int> nicItems;  ///< item index of NIC (node * nicsPerNode + port)
    std::vector<int> leafItems; ///< item index of leaf l
    std::vector<int> spineItems;
    std::vector<int> coreItems;
    std::vector<int> leafOfNic; ///< leaf ordinal each NIC is cabled to
    std::vector<FabricLink> links;
    LayoutRect bounds; ///< of the pod

    [[nodiscard]] int count(RackItemKind kind) const;
    [[nodiscard]] int nodeOfGpu(int gpu) const { return gpu / gpusPerNode; }
    [[nodiscard]] int rackOfGpu(int gpu) const { return nodeOfGpu(gpu) / nodesPerRack; }
    [[nodiscard]] int domainOfGpu(int gpu) const { return gpu / nvlinkDomainGpus; }
    /// Rail of a GPU: its node-local NIC port = floor(local index * nicsPerNode / gpusPerNode);
    /// -1 without NICs.
    [[nodiscard]] int railOfGpu(int gpu) const;
    /// Leaf switch ordinal a GPU's NIC is cabled to; -1 without a fabric.
    [[nodiscard]] int leafOfGpu(int gpu) const;
    [[nodiscard]] int suOfGpu(int gpu) const {
        return nodesPerSu > 0 ? nodeOfGpu(gpu) / nodesPerSu : 0;
    }
    bool operator==(const RackGeometry &) const = default;
};

/// Builds the diagram of `numGpus` GPUs of `system` [1]. `nodeSystem` is the node a SuperPOD is
/// built from (required for SuperPOD specs, ignored otherwise). `fabricSystem` is a SuperPOD
/// spec whose scalable units and switches size the compute fabric of a plain server or rack
/// system; with none, the fabric is drawn only for SuperPOD specs. Nodes are whole (GPUs past
/// `numGpus` are built with active = false); rack-scale systems (NVL72, NVL36x2) are built
/// as whole racks, server racks keep unused slots empty. Throws InputError for zero
/// GPUs, a system without GPUs per node, or a rack layout that disagrees with nodes per rack.
[[nodiscard]] RackGeometry buildRackGeometry(const SystemSpec &system, int numGpus,
                                             const SystemSpec *nodeSystem = nullptr,
                                             const SystemSpec *fabricSystem = nullptr);

/// Same, resolving ids in the catalog: a SuperPOD's node system, and for a server or rack
/// system spanning several NVLink domains the SuperPOD built from it (if the catalog has one).
[[nodiscard]] RackGeometry buildRackGeometry(const Catalog &catalog, const std::string &systemId,
                                             int numGpus);

/// Index of the innermost item containing the point (a GPU before its node before its rack),
/// or -1. Outlines (pod, SU, NVLink domain) are returned only when nothing inside them is hit.
[[nodiscard]] int hitTest(const RackGeometry &geometry, double x, double y);

/// GPU index under the point, or -1.
[[nodiscard]] int gpuAt(const RackGeometry &geometry, double x, double y);

/// How two GPUs talk.
enum class LinkClass {
    SameGpu,  ///< a == b
    NvLink,   ///< same NVLink domain (NVSwitch or NVLink Switch fabric)
    Pcie,     ///< same node, no NVLink between them (PCIe-only cards)
    ScaleOut, ///< InfiniBand / Ethernet compute fabric (rails)
};

/// English name: "same GPU", "NVLink", "PCIe", "scale-out".
[[nodiscard]] std::string linkClassName(LinkClass linkClass);

/// The link class between GPUs `a` and `b`: NVLink when both sit in the same NVLink domain
/// (domain = floor(gpu / nvlinkDomainGpus)), PCIe inside one node without NVLink, otherwise
/// the scale-out fabric.
[[nodiscard]] LinkClass linkClass(const RackGeometry &geometry, int a, int b);

/// Highest fabric tier the traffic between `a` and `b` climbs on a rail-optimized fat tree
/// [2]: 0 = none (same NVLink domain or node); 1 = one leaf, when the two nodes' NICs share a
/// leaf on every rail (NCCL's PXN first moves cross-rail traffic over NVLink to the GPU on the
/// destination's rail); 3 = core, on a 3-tier fabric between SUs; else 2 = spine. Without a
/// drawn fabric every scale-out pair reports 1.
[[nodiscard]] int fabricTierBetween(const RackGeometry &geometry, int a, int b);

} // namespace scalescope::models
