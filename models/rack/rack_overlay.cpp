#include "models/rack/rack_overlay.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace scalescope::models {

namespace {

const std::string kScenarioFile = "scenario";

using Key = std::tuple<int, int, int, int>;

/// Ranks with equal keys form one communication group of `kind` (EP folded into DP).
Key groupKey(const RankPlacement &p, GroupKind kind) {
    switch (kind) {
    case GroupKind::Tensor:
        return {p.cp, p.dp, p.pp, 0};
    case GroupKind::Context:
        return {p.tp, p.dp, p.pp, 0};
    case GroupKind::Expert:
        return {p.tp, p.cp, p.expertDp, p.pp};
    case GroupKind::Data:
        return {p.tp, p.cp, p.pp, 0};
    case GroupKind::Pipeline:
        return {p.tp, p.cp, p.dp, 0};
    }
    return {};
}

/// Domains, nodes, slowest link and highest fabric tier of one group [1].
void describeGroup(const RackGeometry &g, RackGroup &group) {
    std::set<int> domains, nodes;
    for (int gpu : group.gpus) {
        domains.insert(g.domainOfGpu(gpu));
        nodes.insert(g.nodeOfGpu(gpu));
    }
    group.nvlinkDomains = static_cast<int>(domains.size());
    group.nodes = static_cast<int>(nodes.size());
    group.linkClass = LinkClass::SameGpu;
    const int first = group.gpus.front();
    for (int gpu : group.gpus) {
        const LinkClass c = linkClass(g, first, gpu);
        if (static_cast<int>(c) > static_cast<int>(group.linkClass))
            group.linkClass = c;
    }
    // Equal leaf sets are transitive, so comparing every node with the first one decides
    // whether the whole group stays under one leaf per rail.
    group.fabricTier = 0;
    if (group.linkClass != LinkClass::ScaleOut)
        return;
    group.fabricTier = 1;
    if (!g.hasFabric)
        return;
    std::set<int> sus;
    for (int gpu : group.gpus) {
        sus.insert(g.suOfGpu(gpu));
        group.fabricTier = std::max(group.fabricTier, fabricTierBetween(g, first, gpu));
    }
    if (g.fabric.tiers == 3 && sus.size() > 1)
        group.fabricTier = 3;
}

} // namespace

std::string groupKindShortName(GroupKind kind) {
    switch (kind) {
    case GroupKind::Tensor:
        return "TP";
    case GroupKind::Context:
        return "CP";
    case GroupKind::Expert:
        return "EP";
    case GroupKind::Data:
        return "DP";
    case GroupKind::Pipeline:
        return "PP";
    }
    return "?";
}

int RankPlacement::coordinate(GroupKind kind) const {
    switch (kind) {
    case GroupKind::Tensor:
        return tp;
    case GroupKind::Context:
        return cp;
    case GroupKind::Expert:
        return ep;
    case GroupKind::Data:
        return dp;
    case GroupKind::Pipeline:
        return pp;
    }
    return 0;
}

int ParallelOverlay::colourClass(int gpu, GroupKind kind) const {
    if (gpu < 0 || gpu >= static_cast<int>(rankOfGpu.size()) ||
        rankOfGpu[static_cast<size_t>(gpu)] < 0)
        return -1;
    if (kind == GroupKind::Data || kind == GroupKind::Pipeline)
        return placementOfGpu[static_cast<size_t>(gpu)].coordinate(kind);
    return groupOfGpu[static_cast<size_t>(kind)][static_cast<size_t>(gpu)];
}

int ParallelOverlay::colourClasses(GroupKind kind) const {
    if (kind == GroupKind::Data || kind == GroupKind::Pipeline) {
        // Replicas (stages) = size of a DP (PP) communication group.
        const auto &g = groups[static_cast<size_t>(kind)];
        return g.empty() ? 0 : static_cast<int>(g.front().gpus.size());
    }
    return static_cast<int>(groups[static_cast<size_t>(kind)].size());
}

int ParallelOverlay::spillingGroups(GroupKind kind) const {
    const auto &g = groups[static_cast<size_t>(kind)];
    return static_cast<int>(std::count_if(
        g.begin(), g.end(), [](const RackGroup &c) { return c.spillsNvlinkDomain(); }));
}

ParallelOverlay buildParallelOverlay(const RackGeometry &geometry, int worldSize,
                                     const RankMapper &mapper) {
    if (worldSize <= 0)
        throw InputError(kScenarioFile, "/parallelism", "the layout has no ranks");
    if (worldSize > geometry.gpus)
        throw InputError(kScenarioFile, "/hardware/num_gpus",
                         "the parallel layout needs " + std::to_string(worldSize) +
                             " GPUs but only " + std::to_string(geometry.gpus) + " are built");
    ParallelOverlay overlay;
    overlay.worldSize = worldSize;
    const size_t gpus = static_cast<size_t>(geometry.gpus);
    overlay.rankOfGpu.assign(gpus, -1);
    overlay.placementOfGpu.assign(gpus, RankPlacement{});
    for (auto &v : overlay.groupOfGpu)
        v.assign(gpus, -1);

    std::vector<RankPlacement> placements(static_cast<size_t>(worldSize));
    for (int rank = 0; rank < worldSize; ++rank) {
        const RankPlacement p = mapper(rank);
        if (p.gpu < 0 || p.gpu >= geometry.gpus)
            throw InputError(kScenarioFile, "/parallelism",
                             "rank " + std::to_string(rank) + " maps to GPU " +
                                 std::to_string(p.gpu) + ", outside the " +
                                 std::to_string(geometry.gpus) + " GPUs built");
        if (overlay.rankOfGpu[static_cast<size_t>(p.gpu)] >= 0)
            throw InputError(
                kScenarioFile, "/parallelism",
                "ranks " + std::to_string(overlay.rankOfGpu[static_cast<size_t>(p.gpu)]) + " and " +
                    std::to_string(rank) + " both map to GPU " + std::to_string(p.gpu));
        overlay.rankOfGpu[static_cast<size_t>(p.gpu)] = rank;
        overlay.placementOfGpu[static_cast<size_t>(p.gpu)] = p;
        placements[static_cast<size_t>(rank)] = p;
    }

    for (int k = 0; k < kGroupKinds; ++k) {
        const GroupKind kind = static_cast<GroupKind>(k);
        std::map<Key, int> ids;
        auto &groups = overlay.groups[static_cast<size_t>(k)];
        for (const RankPlacement &p : placements) {
            const auto [it, inserted] =
                ids.try_emplace(groupKey(p, kind), static_cast<int>(groups.size()));
            if (inserted)
                groups.emplace_back();
            groups[static_cast<size_t>(it->second)].gpus.push_back(p.gpu);
            overlay.groupOfGpu[static_cast<size_t>(k)][static_cast<size_t>(p.gpu)] = it->second;
        }
        for (RackGroup &group : groups)
            describeGroup(geometry, group);
    }
    return overlay;
}

namespace {

/// Bytes each GPU sends per link class (index = LinkClass), and the scale-out bytes that climb
/// to fabric tier 2 and 3.
struct GpuTraffic {
    std::array<std::vector<double>, 4> classBytes;
    std::vector<double> tier2, tier3;
};

/// Sorts every group's traffic onto its link class; adds the scale-out bytes per tier to `out`.
GpuTraffic gpuTraffic(const ParallelOverlay &overlay, const StepTraffic &traffic,
                      TrafficOverlay &out) {
    const size_t gpus = overlay.rankOfGpu.size();
    GpuTraffic perGpu;
    for (auto &v : perGpu.classBytes)
        v.assign(gpus, 0.0);
    perGpu.tier2.assign(gpus, 0.0);
    perGpu.tier3.assign(gpus, 0.0);
    for (size_t gpu = 0; gpu < gpus; ++gpu) {
        if (overlay.rankOfGpu[gpu] < 0)
            continue;
        for (int k = 0; k < kGroupKinds; ++k) {
            const double bytes = traffic.bytesPerGpu[static_cast<size_t>(k)];
            if (!(bytes > 0.0))
                continue;
            const RackGroup &group = overlay.groups[static_cast<size_t>(k)][static_cast<size_t>(
                overlay.groupOfGpu[static_cast<size_t>(k)][gpu])];
            if (group.gpus.size() < 2)
                continue;
            perGpu.classBytes[static_cast<size_t>(group.linkClass)][gpu] += bytes;
            if (group.linkClass == LinkClass::ScaleOut) {
                out.tierBytes[1] += bytes;
                if (group.fabricTier >= 2) {
                    perGpu.tier2[gpu] += bytes;
                    out.tierBytes[2] += bytes;
                }
                if (group.fabricTier >= 3) {
                    perGpu.tier3[gpu] += bytes;
                    out.tierBytes[3] += bytes;
                }
            }
        }
    }
    return perGpu;
}

/// The busiest GPU of each link class, the bottleneck class and every GPU's scale-up seconds.
void fillClassLoads(const GpuTraffic &perGpu, const LinkBandwidths &bandwidths,
                    TrafficOverlay &out) {
    const auto &classBytes = perGpu.classBytes;
    const std::array<std::pair<LinkClass, double>, 3> classes{
        std::pair{LinkClass::NvLink, bandwidths.nvlinkBytesPerSecond},
        std::pair{LinkClass::Pcie, bandwidths.pcieBytesPerSecond},
        std::pair{LinkClass::ScaleOut, bandwidths.scaleOutBytesPerSecond}};
    for (const auto &[linkClass, bandwidth] : classes) {
        const auto &bytes = classBytes[static_cast<size_t>(linkClass)];
        const double busiest = bytes.empty() ? 0.0 : *std::max_element(bytes.begin(), bytes.end());
        if (!(busiest > 0.0))
            continue;
        LinkClassLoad load;
        load.linkClass = linkClass;
        load.bytesPerGpu = busiest;
        load.bandwidth = bandwidth;
        load.seconds = bandwidth > 0.0 ? busiest / bandwidth : 0.0;
        out.classes.push_back(load);
        if (out.bottleneckClass < 0 ||
            load.seconds > out.classes[static_cast<size_t>(out.bottleneckClass)].seconds)
            out.bottleneckClass = static_cast<int>(out.classes.size()) - 1;
    }

    const size_t gpus = perGpu.tier2.size();
    out.scaleUpSeconds.assign(gpus, 0.0);
    for (size_t gpu = 0; gpu < gpus; ++gpu) {
        const double nv = classBytes[static_cast<size_t>(LinkClass::NvLink)][gpu];
        const double pcie = classBytes[static_cast<size_t>(LinkClass::Pcie)][gpu];
        out.scaleUpSeconds[gpu] =
            (bandwidths.nvlinkBytesPerSecond > 0 ? nv / bandwidths.nvlinkBytesPerSecond : 0.0) +
            (bandwidths.pcieBytesPerSecond > 0 ? pcie / bandwidths.pcieBytesPerSecond : 0.0);
    }
    for (const LinkClassLoad &load : out.classes)
        out.busiestSeconds = std::max(out.busiestSeconds, load.seconds);
}

/// Bytes and seconds on every fabric cable: NIC cables carry their GPUs' scale-out bytes,
/// leaf and spine uplinks the bytes that climb to tier 2 and 3, shared over their cables.
void fillFabricLinks(const RackGeometry &geometry, const GpuTraffic &perGpu,
                     const LinkBandwidths &bandwidths, TrafficOverlay &out) {
    const FatTreeSize &f = geometry.fabric;
    const double perCable = bandwidths.scaleOutBytesPerSecond * geometry.gpusPerNode /
                            std::max(1, geometry.nicsPerNode);
    std::vector<double> nicBytes(geometry.nicItems.size(), 0.0);
    std::vector<double> leafUp(static_cast<size_t>(f.leafSwitches), 0.0);
    std::vector<double> podUp(static_cast<size_t>(geometry.scalableUnits), 0.0);
    for (size_t gpu = 0; gpu < perGpu.tier2.size(); ++gpu) {
        const double bytes = perGpu.classBytes[static_cast<size_t>(LinkClass::ScaleOut)][gpu];
        if (!(bytes > 0.0))
            continue;
        const int g = static_cast<int>(gpu);
        const int nic = geometry.nodeOfGpu(g) * geometry.nicsPerNode + geometry.railOfGpu(g);
        nicBytes[static_cast<size_t>(nic)] += bytes;
        leafUp[static_cast<size_t>(geometry.leafOfGpu(g))] += perGpu.tier2[gpu];
        podUp[static_cast<size_t>(geometry.suOfGpu(g))] += perGpu.tier3[gpu];
    }
    // Item index -> ordinal lookups for the cable ends.
    std::map<int, int> leafOrdinal, spineOrdinal;
    for (size_t i = 0; i < geometry.leafItems.size(); ++i)
        leafOrdinal[geometry.leafItems[i]] = static_cast<int>(i);
    for (size_t i = 0; i < geometry.spineItems.size(); ++i)
        spineOrdinal[geometry.spineItems[i]] = static_cast<int>(i);
    const int spinesPerLeaf = f.tiers == 3 ? f.spinesPerSu : f.spineSwitches;
    for (size_t l = 0; l < geometry.links.size(); ++l) {
        const FabricLink &link = geometry.links[l];
        double bytes = 0.0;
        if (link.tier == 1) {
            bytes = nicBytes[static_cast<size_t>(
                geometry.items[static_cast<size_t>(link.from)].ordinal)];
        } else if (link.tier == 2) {
            bytes = leafUp[static_cast<size_t>(leafOrdinal[link.from])] /
                    std::max(1, spinesPerLeaf) / std::max(1, link.cables);
        } else {
            const int spine = spineOrdinal[link.from];
            const int su = spine / std::max(1, f.spinesPerSu);
            bytes = podUp[static_cast<size_t>(su)] / std::max(1, f.spinesPerSu) /
                    std::max(1, f.coreSwitchesPerGroup) / std::max(1, link.cables);
        }
        out.linkBytes[l] = bytes;
        out.linkSeconds[l] = perCable > 0.0 ? bytes / perCable : 0.0;
        out.busiestSeconds = std::max(out.busiestSeconds, out.linkSeconds[l]);
        if (bytes > 0.0 &&
            (out.bottleneckLink < 0 ||
             out.linkSeconds[l] > out.linkSeconds[static_cast<size_t>(out.bottleneckLink)]))
            out.bottleneckLink = static_cast<int>(l);
    }
}

} // namespace

TrafficOverlay buildTrafficOverlay(const RackGeometry &geometry, const ParallelOverlay &overlay,
                                   const StepTraffic &traffic, const LinkBandwidths &bandwidths) {
    TrafficOverlay out;
    const GpuTraffic perGpu = gpuTraffic(overlay, traffic, out);
    fillClassLoads(perGpu, bandwidths, out);
    out.linkBytes.assign(geometry.links.size(), 0.0);
    out.linkSeconds.assign(geometry.links.size(), 0.0);
    if (geometry.hasFabric)
        fillFabricLinks(geometry, perGpu, bandwidths, out);
    return out;
}

std::vector<double> memoryFillPerGpu(const ParallelOverlay &overlay,
                                     const std::vector<double> &stageBytes, double hbmBytes) {
    if (!(hbmBytes > 0.0))
        throw InputError(kScenarioFile, "/hardware/gpu", "HBM capacity must be > 0");
    std::vector<double> fill(overlay.rankOfGpu.size(), 0.0);
    for (size_t gpu = 0; gpu < fill.size(); ++gpu) {
        if (overlay.rankOfGpu[gpu] < 0)
            continue;
        const int stage = overlay.placementOfGpu[gpu].pp;
        if (stage < 0 || stage >= static_cast<int>(stageBytes.size()))
            throw InputError(kScenarioFile, "/parallelism/pp",
                             "no memory figure for pipeline stage " + std::to_string(stage));
        fill[gpu] = stageBytes[static_cast<size_t>(stage)] / hbmBytes;
    }
    return fill;
}

} // namespace scalescope::models
