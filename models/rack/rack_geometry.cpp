#include "models/rack/rack_geometry.h"

#include "models/core/input_error.h"
#include "models/rack/rack_placement.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

constexpr int kMaxGpus = 1 << 20;

const std::string kScenarioFile = "scenario";

int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
}

std::string catalogField(const SystemSpec &system, const std::string &field) {
    return "/systems/" + system.id + "/" + field;
}

/// One slot of the rack after resolving the catalog layout.
struct Slot {
    RackItemKind kind = RackItemKind::OtherSlot;
    int units = 1;
};

RackItemKind slotKind(const std::string &kind) {
    if (kind == "compute")
        return RackItemKind::ComputeNode;
    if (kind == "switch")
        return RackItemKind::SwitchTray;
    if (kind == "power")
        return RackItemKind::PowerShelf;
    if (kind == "management")
        return RackItemKind::Management;
    return RackItemKind::OtherSlot;
}

/// Everything the layout needs, resolved from the catalog entries once.
struct Plan {
    const SystemSpec *system = nullptr; // the scenario's system
    const SystemSpec *node = nullptr;   // the system whose nodes are drawn
    const SystemSpec *fabric = nullptr; // the SuperPOD spec sizing the fabric, or null
    std::vector<Slot> slots;            // one rack, top to bottom
    int racksPerInstance = 1;           // NVL36x2: 2
    bool nodesAreTrays = false;
};

Plan resolvePlan(const SystemSpec &system, const SystemSpec *nodeSystem,
                 const SystemSpec *fabricSystem) {
    Plan plan;
    plan.system = &system;
    if (system.kind == SystemKind::Superpod) {
        if (!nodeSystem)
            throw InputError("catalog", catalogField(system, "node_system"),
                             "SuperPOD '" + system.id + "' needs its node system '" +
                                 system.nodeSystemId + "' in the catalog");
        plan.node = nodeSystem;
        plan.fabric = &system;
    } else {
        plan.node = &system;
        plan.fabric = fabricSystem;
    }
    return plan;
}

void resolveRack(Plan &plan, RackGeometry &g) {
    const SystemSpec &node = *plan.node;
    g.gpusPerNode = node.gpusPerNode > 0 ? node.gpusPerNode : node.gpuCount;
    if (g.gpusPerNode <= 0)
        throw InputError("catalog", catalogField(node, "gpus_per_node"),
                         "must be > 0 to draw racks of '" + node.id + "'");
    g.cpusPerNode = std::max(0, node.cpusPerNode);
    g.nicsPerNode = static_cast<int>(std::lround(node.nicsPerGpu * g.gpusPerNode));
    g.nvlinkDomainGpus = std::max(1, node.nvlinkDomainGpus);
    const int nodesPerInstance = std::max(1, node.gpuCount / g.gpusPerNode);
    plan.nodesAreTrays = node.kind == SystemKind::Rack;

    int layoutComputeSlots = 0;
    if (plan.nodesAreTrays && !node.rackLayout.empty()) {
        for (const RackSlot &slot : node.rackLayout) {
            if (slot.rackUnits <= 0)
                throw InputError("catalog", catalogField(node, "rack_layout"),
                                 "every slot needs rack_units > 0");
            plan.slots.push_back({slotKind(slot.kind), slot.rackUnits});
            layoutComputeSlots += slot.kind == "compute" ? 1 : 0;
        }
        if (layoutComputeSlots == 0)
            throw InputError("catalog", catalogField(node, "rack_layout"), "has no compute slot");
        if (node.nodesPerRack > 0 && node.nodesPerRack != layoutComputeSlots)
            throw InputError("catalog", catalogField(node, "rack_layout"),
                             "has " + std::to_string(layoutComputeSlots) +
                                 " compute slots but nodes_per_rack is " +
                                 std::to_string(node.nodesPerRack));
        g.nodesPerRack = layoutComputeSlots;
    } else {
        // Servers (or trays without a published layout): nodes_per_rack of them per rack, from
        // the node system or the SuperPOD built from it.
        int perRack = node.nodesPerRack;
        if (!plan.nodesAreTrays && plan.fabric && plan.fabric->nodesPerRack > 0)
            perRack = plan.fabric->nodesPerRack;
        // Unknown server height: drawn as a schematic 4U box.
        const int nodeUnits = plan.nodesAreTrays ? 1 : (node.rackUnits > 0 ? node.rackUnits : 4);
        // Without a published layout the slot order is schematic (switch trays mid-rack).
        g.rackCompositionPublished = perRack > 0 && !plan.nodesAreTrays && node.rackUnits > 0;
        if (perRack <= 0) {
            // Unpublished: group the nodes for drawing only, as many as fit a 42U rack and,
            // with scalable units, a divisor of the SU so racks never straddle two SUs.
            perRack = std::max(1, 42 / nodeUnits);
            if (plan.fabric) {
                const int suGpus = plan.fabric->suGpus > 0
                                       ? plan.fabric->suGpus
                                       : plan.fabric->suNodes * std::max(1, node.gpuCount);
                const int nodesPerSu = std::max(1, suGpus / g.gpusPerNode);
                while (perRack > 1 && nodesPerSu % perRack != 0)
                    --perRack;
            }
        }
        g.nodesPerRack = perRack;
        const int racksPerInstance = node.racksPerSystem > 0
                                         ? node.racksPerSystem
                                         : std::max(1, nodesPerInstance / g.nodesPerRack);
        const int switchTrays = plan.nodesAreTrays ? node.nvswitchTrays / racksPerInstance : 0;
        const int firstHalf = g.nodesPerRack - g.nodesPerRack / 2;
        for (int i = 0; i < g.nodesPerRack; ++i) {
            if (i == firstHalf)
                for (int t = 0; t < switchTrays; ++t)
                    plan.slots.push_back({RackItemKind::SwitchTray, 1});
            plan.slots.push_back({RackItemKind::ComputeNode, nodeUnits});
        }
    }
    // Racks one instance spans (NVL36x2: 2); schematic groupings never force whole instances.
    if (node.racksPerSystem > 0)
        plan.racksPerInstance = node.racksPerSystem;
    else if (g.rackCompositionPublished || !node.rackLayout.empty())
        plan.racksPerInstance = std::max(1, nodesPerInstance / g.nodesPerRack);
    else
        plan.racksPerInstance = 1;

    if (node.nvswitchTrays > 0) {
        g.switchChipsPerTray = node.nvswitchChips / node.nvswitchTrays;
    } else {
        g.switchChipsPerNode = node.nvswitchChips / nodesPerInstance;
    }
}

RackItem makeItem(RackItemKind kind, int ordinal, int parent, const LayoutRect &rect,
                  std::string label) {
    RackItem item;
    item.kind = kind;
    item.ordinal = ordinal;
    item.parent = parent;
    item.rect = rect;
    item.label = std::move(label);
    return item;
}

int addItem(RackGeometry &g, RackItem item) {
    g.items.push_back(std::move(item));
    return static_cast<int>(g.items.size()) - 1;
}

} // namespace

namespace {

/// Items of one rack: slots top to bottom, and the parts of every node and switch tray.
struct RackEmitter {
    RackGeometry &g;
    const Plan &plan;
    int numGpus = 0;
    int node = 0, switchTray = 0, power = 0, management = 0, other = 0, cpu = 0, chip = 0;

    RackItem part(RackItemKind kind, int ordinal, int parent, const LayoutRect &rect,
                  std::string label, const RackItem &owner) const {
        RackItem item = makeItem(kind, ordinal, parent, rect, std::move(label));
        item.node = owner.node;
        item.rack = owner.rack;
        item.su = owner.su;
        item.active = owner.active;
        return item;
    }

    void emitNode(RackItem item) {
        item.ordinal = node;
        item.node = node;
        item.label = (plan.nodesAreTrays ? "Tray " : "Node ") + std::to_string(node + 1);
        item.active = node * g.gpusPerNode < numGpus;
        const int index = addItem(g, item);
        g.nodeItems.push_back(index);
        const NodeParts parts = layoutNodeParts(item.rect, g.gpusPerNode, g.cpusPerNode,
                                                g.switchChipsPerNode, g.nicsPerNode);
        for (int i = 0; i < g.gpusPerNode; ++i) {
            const int gpu = node * g.gpusPerNode + i;
            RackItem gi = part(RackItemKind::Gpu, gpu, index, parts.gpus[static_cast<size_t>(i)],
                               "GPU " + std::to_string(gpu), item);
            gi.gpu = gpu;
            gi.rail = g.railOfGpu(gpu);
            gi.active = gpu < numGpus;
            g.gpuItems.push_back(addItem(g, gi));
        }
        for (const LayoutRect &r : parts.cpus) {
            addItem(g, part(RackItemKind::Cpu, cpu, index, r, "CPU " + std::to_string(cpu), item));
            ++cpu;
        }
        for (const LayoutRect &r : parts.chips) {
            addItem(g, part(RackItemKind::NvSwitchChip, chip, index, r,
                            "NVSwitch " + std::to_string(chip), item));
            ++chip;
        }
        for (int p = 0; p < g.nicsPerNode; ++p) {
            RackItem ni =
                part(RackItemKind::Nic, node * g.nicsPerNode + p, index,
                     parts.nics[static_cast<size_t>(p)], "NIC rail " + std::to_string(p), item);
            ni.rail = p;
            g.nicItems.push_back(addItem(g, ni));
        }
        ++node;
    }

    void emitSwitchTray(RackItem item) {
        item.ordinal = switchTray;
        item.label = "NVLink switch tray " + std::to_string(switchTray + 1);
        const int index = addItem(g, item);
        const int chips = g.switchChipsPerTray;
        const LayoutRect &r = item.rect;
        const double gap = 0.3;
        const double w = std::min(2.8, r.width / std::max(1, chips) - gap);
        const double total = chips * w + (chips - 1) * gap;
        for (int c = 0; c < chips; ++c) {
            addItem(g,
                    part(RackItemKind::NvSwitchChip, chip, index,
                         {r.centerX() - total / 2 + c * (w + gap), r.y + 0.14, w, r.height - 0.28},
                         "NVSwitch " + std::to_string(chip), item));
            ++chip;
        }
        ++switchTray;
    }

    void emitRack(int rack, int su, int parent, const LayoutRect &rect) {
        RackItem rackItem =
            makeItem(RackItemKind::Rack, rack, parent, rect, "Rack " + std::to_string(rack + 1));
        rackItem.rack = rack;
        rackItem.su = su;
        rackItem.active = rack * g.nodesPerRack * g.gpusPerNode < numGpus;
        const int rackIndex = addItem(g, rackItem);
        g.rackItems.push_back(rackIndex);
        double y = rect.y + rack_layout::kRackHeader;
        for (const Slot &slot : plan.slots) {
            const LayoutRect slotRect{rect.x + rack_layout::kRackFrame, y,
                                      rect.width - 2 * rack_layout::kRackFrame,
                                      static_cast<double>(slot.units)};
            y += slot.units;
            const bool unused = slot.kind == RackItemKind::ComputeNode && node >= g.nodes;
            const RackItemKind kind = unused ? RackItemKind::OtherSlot : slot.kind;
            RackItem item = part(kind, 0, rackIndex, slotRect, {}, rackItem);
            switch (kind) {
            case RackItemKind::ComputeNode:
                emitNode(item);
                break;
            case RackItemKind::SwitchTray:
                emitSwitchTray(item);
                break;
            case RackItemKind::PowerShelf:
                item.ordinal = power++;
                item.label = "Power shelf";
                addItem(g, item);
                break;
            case RackItemKind::Management:
                item.ordinal = management++;
                item.label = "Management";
                addItem(g, item);
                break;
            default:
                item.ordinal = other++;
                item.label = unused ? "Empty" : "Slot";
                item.active = item.active && !unused;
                addItem(g, item);
                break;
            }
        }
    }
};

/// Outlines of NVLink domains wider than one node: around whole racks (NVL72, NVL36x2) or
/// around the nodes of a domain that shares a rack with others.
void emitDomains(RackGeometry &g, int numGpus) {
    const int nodesPerDomain = std::max(1, g.nvlinkDomainGpus / g.gpusPerNode);
    if (nodesPerDomain <= 1)
        return;
    const int domains = ceilDiv(g.gpus, g.nvlinkDomainGpus);
    for (int d = 0; d < domains; ++d) {
        LayoutRect rect;
        const int firstNode = d * nodesPerDomain;
        const int lastNode = std::min(g.nodes, firstNode + nodesPerDomain) - 1;
        const bool wholeRacks = nodesPerDomain >= g.nodesPerRack;
        for (int n = firstNode; n <= lastNode; ++n) {
            const int item = wholeRacks ? g.rackItems[static_cast<size_t>(n / g.nodesPerRack)]
                                        : g.nodeItems[static_cast<size_t>(n)];
            rect = rect.united(g.items[static_cast<size_t>(item)].rect);
        }
        const double pad = wholeRacks ? 0.6 : 0.2;
        rect = {rect.x - pad, rect.y - pad, rect.width + 2 * pad, rect.height + 2 * pad};
        RackItem item = makeItem(RackItemKind::NvlinkDomain, d, 0, rect,
                                 "NVLink domain " + std::to_string(d + 1));
        item.active = d * g.nvlinkDomainGpus < numGpus;
        addItem(g, item);
    }
}

/// Leaf, spine and core switches and the cables of the rail-optimized fat tree [2][3].
void emitFabric(RackGeometry &g, const PodPlacement &placed, const std::vector<int> &suItems) {
    const FatTreeSize &f = g.fabric;
    for (int su = 0; su < g.scalableUnits; ++su) {
        const size_t s = static_cast<size_t>(su);
        for (int l = 0; l < f.leafSwitchesPerSu; ++l) {
            const int leaf = su * f.leafSwitchesPerSu + l;
            RackItem li = makeItem(RackItemKind::LeafSwitch, leaf, suItems[s],
                                   placed.leaves[s][static_cast<size_t>(l)],
                                   "Leaf " + std::to_string(leaf + 1));
            li.su = su;
            li.rail = std::min(g.nicsPerNode - 1, l * f.leafDownlinks / g.nodesPerSu);
            g.leafItems.push_back(addItem(g, li));
        }
        for (int p = 0; p < f.spinesPerSu; ++p) {
            const int spine = su * f.spinesPerSu + p;
            RackItem si = makeItem(RackItemKind::SpineSwitch, spine, suItems[s],
                                   placed.podSpines[s][static_cast<size_t>(p)],
                                   "Spine " + std::to_string(spine + 1));
            si.su = su;
            g.spineItems.push_back(addItem(g, si));
        }
    }
    for (size_t s = 0; s < placed.spines.size(); ++s)
        g.spineItems.push_back(
            addItem(g, makeItem(RackItemKind::SpineSwitch, static_cast<int>(s), 0, placed.spines[s],
                                "Spine " + std::to_string(s + 1))));
    for (size_t c = 0; c < placed.cores.size(); ++c)
        g.coreItems.push_back(
            addItem(g, makeItem(RackItemKind::CoreSwitch, static_cast<int>(c), 0, placed.cores[c],
                                "Core " + std::to_string(c + 1))));

    // NIC -> leaf: within an SU, rail p's endpoints (node order) fill the leaves in order, so
    // with one leaf per rail (DGX SuperPOD) GPU i of every node lands on leaf i [2].
    g.leafOfNic.resize(g.nicItems.size());
    for (int n = 0; n < g.nodes; ++n) {
        const int su = n / g.nodesPerSu;
        for (int p = 0; p < g.nicsPerNode; ++p) {
            const int position = p * g.nodesPerSu + n % g.nodesPerSu;
            const int leaf = su * f.leafSwitchesPerSu + position / f.leafDownlinks;
            const size_t nic = static_cast<size_t>(n * g.nicsPerNode + p);
            g.leafOfNic[nic] = leaf;
            g.links.push_back({g.nicItems[nic], g.leafItems[static_cast<size_t>(leaf)], 1, 1, p});
        }
    }
    for (int leaf = 0; leaf < f.leafSwitches; ++leaf) {
        const int item = g.leafItems[static_cast<size_t>(leaf)];
        const int first = f.tiers == 3 ? (leaf / f.leafSwitchesPerSu) * f.spinesPerSu : 0;
        const int count = f.tiers == 3 ? f.spinesPerSu : f.spineSwitches;
        for (int s = first; s < first + count; ++s)
            g.links.push_back({item, g.spineItems[static_cast<size_t>(s)], 2, f.linksPerLeafSpine,
                               g.items[static_cast<size_t>(item)].rail});
    }
    if (f.tiers == 3)
        for (int s = 0; s < f.spineSwitches; ++s) {
            const int group = s % f.spinesPerSu;
            for (int c = 0; c < f.coreSwitchesPerGroup; ++c)
                g.links.push_back(
                    {g.spineItems[static_cast<size_t>(s)],
                     g.coreItems[static_cast<size_t>(group * f.coreSwitchesPerGroup + c)], 3,
                     f.linksPerSpineCore, -1});
        }
}

} // namespace

RackGeometry buildRackGeometry(const SystemSpec &system, int numGpus, const SystemSpec *nodeSystem,
                               const SystemSpec *fabricSystem) {
    if (numGpus <= 0)
        throw InputError(kScenarioFile, "/hardware/num_gpus", "must be > 0");
    if (numGpus > kMaxGpus)
        throw InputError(kScenarioFile, "/hardware/num_gpus",
                         "the rack diagram draws at most " + std::to_string(kMaxGpus) + " GPUs");
    Plan plan = resolvePlan(system, nodeSystem, fabricSystem);
    RackGeometry g;
    g.systemId = system.id;
    g.systemName = system.name;
    g.nodeSystemId = plan.node->id;
    g.gpuId = plan.node->gpuId;
    g.cpuId = plan.node->cpuId;
    g.requestedGpus = numGpus;
    resolveRack(plan, g);

    // Whole racks (and whole multi-rack instances such as NVL36x2).
    const int neededNodes = ceilDiv(numGpus, g.gpusPerNode);
    g.racks = ceilDiv(ceilDiv(neededNodes, g.nodesPerRack), plan.racksPerInstance) *
              plan.racksPerInstance;
    // Trays are part of their rack system; servers are bought one by one (empty slots stay).
    g.nodes = plan.nodesAreTrays ? g.racks * g.nodesPerRack : neededNodes;
    g.gpus = g.nodes * g.gpusPerNode;

    // Scalable units and the compute fabric, drawn when more than one NVLink domain is busy.
    PodShape shape;
    shape.racks = g.racks;
    shape.racksPerInstance = plan.racksPerInstance;
    for (const Slot &slot : plan.slots)
        shape.rackHeight += slot.units;
    shape.rackHeight += rack_layout::kRackHeader + rack_layout::kRackFrame;
    const SystemSpec *fabric = plan.fabric;
    const bool severalDomains = ceilDiv(numGpus, g.nvlinkDomainGpus) > 1;
    if (fabric && severalDomains && fabric->switchRadix > 0 && g.nicsPerNode > 0) {
        const int suGpus = fabric->suGpus > 0 ? fabric->suGpus
                                              : fabric->suNodes * std::max(1, plan.node->gpuCount);
        shape.racksPerSu = std::max(1, suGpus / g.gpusPerNode / g.nodesPerRack);
        g.nodesPerSu = shape.racksPerSu * g.nodesPerRack;
        g.scalableUnits = ceilDiv(g.racks, shape.racksPerSu);
        FatTreeRequest request;
        request.endpointsPerSu = g.nodesPerSu * g.nicsPerNode;
        request.scalableUnits = g.scalableUnits;
        request.switchRadix = fabric->switchRadix;
        request.leafSwitchesPerSu = fabric->leafSwitchesPerSu;
        g.fabric = sizeFatTree(request);
        g.hasFabric = true;
        g.fabricSystemId = fabric->id;
        shape.scalableUnits = g.scalableUnits;
        shape.fabricTiers = g.fabric.tiers;
        shape.leafSwitchesPerSu = g.fabric.leafSwitchesPerSu;
        shape.spinesPerSu = g.fabric.spinesPerSu;
        shape.spineSwitches = g.fabric.spineSwitches;
        shape.coreSwitches = g.fabric.coreSwitches;
    }
    const PodPlacement placed = placePod(shape);

    addItem(g, makeItem(RackItemKind::Pod, 0, -1, {},
                        g.systemName.empty() ? g.systemId : g.systemName));
    std::vector<int> suItems;
    for (size_t su = 0; su < placed.scalableUnits.size(); ++su) {
        RackItem item = makeItem(RackItemKind::ScalableUnit, static_cast<int>(su), 0,
                                 placed.scalableUnits[su], "SU " + std::to_string(su + 1));
        item.su = static_cast<int>(su);
        item.active = static_cast<int>(su) * g.nodesPerSu * g.gpusPerNode < numGpus;
        suItems.push_back(addItem(g, item));
    }
    RackEmitter emitter{g, plan, numGpus};
    for (int rack = 0; rack < g.racks; ++rack) {
        const int su = g.hasFabric ? rack / shape.racksPerSu : -1;
        emitter.emitRack(rack, su, su >= 0 ? suItems[static_cast<size_t>(su)] : 0,
                         placed.racks[static_cast<size_t>(rack)]);
    }
    emitDomains(g, numGpus);
    if (g.hasFabric)
        emitFabric(g, placed, suItems);

    LayoutRect bounds;
    for (size_t i = 1; i < g.items.size(); ++i)
        bounds = bounds.united(g.items[i].rect);
    g.items[0].rect = {bounds.x - 1.0, bounds.y - 1.0, bounds.width + 2.0, bounds.height + 2.0};
    g.bounds = g.items[0].rect;
    return g;
}

RackGeometry buildRackGeometry(const Catalog &catalog, const std::string &systemId, int numGpus) {
    const SystemSpec *system = catalog.findSystem(systemId);
    if (!system)
        throw InputError(kScenarioFile, "/hardware/system", "unknown system id '" + systemId + "'");
    if (system->kind == SystemKind::Superpod) {
        const SystemSpec *node = catalog.findSystem(system->nodeSystemId);
        if (!node)
            throw InputError("catalog", catalogField(*system, "node_system"),
                             "unknown system id '" + system->nodeSystemId + "'");
        return buildRackGeometry(*system, numGpus, node, nullptr);
    }
    const SystemSpec *fabric = nullptr;
    for (const SystemSpec &candidate : catalog.systems)
        if (candidate.kind == SystemKind::Superpod && candidate.nodeSystemId == systemId) {
            fabric = &candidate;
            break;
        }
    return buildRackGeometry(*system, numGpus, nullptr, fabric);
}

} // namespace scalescope::models
