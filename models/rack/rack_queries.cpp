// Queries on a built rack geometry: names, hit-testing, link classes and fabric tiers, and the
// small RackGeometry / LayoutRect helpers. See rack_geometry.h for the rules and references.

#include "models/rack/rack_geometry.h"

#include <algorithm>

namespace scalescope::models {

LayoutRect LayoutRect::united(const LayoutRect &o) const {
    if (width <= 0 && height <= 0)
        return o;
    if (o.width <= 0 && o.height <= 0)
        return *this;
    const double l = std::min(x, o.x), t = std::min(y, o.y);
    const double r = std::max(right(), o.right()), b = std::max(bottom(), o.bottom());
    return {l, t, r - l, b - t};
}

std::string rackItemKindName(RackItemKind kind) {
    switch (kind) {
    case RackItemKind::Pod:
        return "pod";
    case RackItemKind::ScalableUnit:
        return "scalable unit";
    case RackItemKind::NvlinkDomain:
        return "NVLink domain";
    case RackItemKind::Rack:
        return "rack";
    case RackItemKind::ComputeNode:
        return "compute node";
    case RackItemKind::SwitchTray:
        return "NVLink switch tray";
    case RackItemKind::PowerShelf:
        return "power shelf";
    case RackItemKind::Management:
        return "management switch";
    case RackItemKind::OtherSlot:
        return "slot";
    case RackItemKind::Gpu:
        return "GPU";
    case RackItemKind::Cpu:
        return "CPU";
    case RackItemKind::NvSwitchChip:
        return "NVSwitch chip";
    case RackItemKind::Nic:
        return "NIC";
    case RackItemKind::LeafSwitch:
        return "leaf switch";
    case RackItemKind::SpineSwitch:
        return "spine switch";
    case RackItemKind::CoreSwitch:
        return "core switch";
    }
    return "item";
}

int RackGeometry::count(RackItemKind kind) const {
    return static_cast<int>(std::count_if(items.begin(), items.end(),
                                          [kind](const RackItem &i) { return i.kind == kind; }));
}

int RackGeometry::railOfGpu(int gpu) const {
    if (nicsPerNode <= 0)
        return -1;
    return (gpu % gpusPerNode) * nicsPerNode / gpusPerNode;
}

int RackGeometry::leafOfGpu(int gpu) const {
    if (!hasFabric || nicsPerNode <= 0)
        return -1;
    return leafOfNic[static_cast<size_t>(nodeOfGpu(gpu) * nicsPerNode + railOfGpu(gpu))];
}

int hitTest(const RackGeometry &geometry, double x, double y) {
    int outline = -1;
    for (int i = static_cast<int>(geometry.items.size()) - 1; i >= 0; --i) {
        const RackItem &item = geometry.items[static_cast<size_t>(i)];
        if (!item.rect.contains(x, y))
            continue;
        const bool isOutline = item.kind == RackItemKind::Pod ||
                               item.kind == RackItemKind::ScalableUnit ||
                               item.kind == RackItemKind::NvlinkDomain;
        if (!isOutline)
            return i;
        if (outline < 0)
            outline = i;
    }
    return outline;
}

int gpuAt(const RackGeometry &geometry, double x, double y) {
    const int index = hitTest(geometry, x, y);
    if (index < 0)
        return -1;
    const RackItem &item = geometry.items[static_cast<size_t>(index)];
    return item.kind == RackItemKind::Gpu ? item.gpu : -1;
}

std::string linkClassName(LinkClass linkClass) {
    switch (linkClass) {
    case LinkClass::SameGpu:
        return "same GPU";
    case LinkClass::NvLink:
        return "NVLink";
    case LinkClass::Pcie:
        return "PCIe";
    case LinkClass::ScaleOut:
        return "scale-out";
    }
    return "link";
}

LinkClass linkClass(const RackGeometry &geometry, int a, int b) {
    if (a == b)
        return LinkClass::SameGpu;
    if (geometry.nvlinkDomainGpus > 1 && geometry.domainOfGpu(a) == geometry.domainOfGpu(b))
        return LinkClass::NvLink;
    if (geometry.nodeOfGpu(a) == geometry.nodeOfGpu(b))
        return LinkClass::Pcie;
    return LinkClass::ScaleOut;
}

int fabricTierBetween(const RackGeometry &geometry, int a, int b) {
    if (linkClass(geometry, a, b) != LinkClass::ScaleOut)
        return 0;
    if (!geometry.hasFabric)
        return 1;
    const int nodeA = geometry.nodeOfGpu(a);
    const int nodeB = geometry.nodeOfGpu(b);
    bool sameLeaves = true;
    for (int p = 0; p < geometry.nicsPerNode && sameLeaves; ++p)
        sameLeaves = geometry.leafOfNic[static_cast<size_t>(nodeA * geometry.nicsPerNode + p)] ==
                     geometry.leafOfNic[static_cast<size_t>(nodeB * geometry.nicsPerNode + p)];
    if (sameLeaves)
        return 1;
    if (geometry.fabric.tiers == 3 && geometry.suOfGpu(a) != geometry.suOfGpu(b))
        return 3;
    return 2;
}

} // namespace scalescope::models
