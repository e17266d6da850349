#include "models/rack/rack_placement.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

using namespace rack_layout;

namespace {
int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
}
} // namespace

std::vector<LayoutRect> switchRow(double x0, double width, double y, int count) {
    std::vector<LayoutRect> rects;
    if (count <= 0)
        return rects;
    const double pitch = width / count;
    const double w = std::min(kMaxSwitchWidth, pitch * 0.8);
    for (int i = 0; i < count; ++i)
        rects.push_back({x0 + pitch * i + (pitch - w) / 2, y, w, kSwitchHeight});
    return rects;
}

PodPlacement placePod(const PodShape &shape) {
    PodPlacement p;
    p.racks.resize(static_cast<size_t>(shape.racks));
    const double pitch = kRackWidth + kRackGap;
    const double rackHeight = shape.rackHeight;

    if (shape.racksPerSu <= 0 || shape.scalableUnits <= 0) {
        const int unit = std::max(1, shape.racksPerInstance);
        const double aspect = 1.8 * (rackHeight + 4.0) / pitch;
        int rows = std::max(1, static_cast<int>(std::ceil(std::sqrt(shape.racks / aspect))));
        int columns = ceilDiv(ceilDiv(shape.racks, rows), unit) * unit;
        for (int rack = 0; rack < shape.racks; ++rack)
            p.racks[static_cast<size_t>(rack)] = {(rack % columns) * pitch,
                                                  (rack / columns) * (rackHeight + 4.0), kRackWidth,
                                                  rackHeight};
        return p;
    }

    const int suRows = shape.scalableUnits >= 2 ? 2 : 1;
    const int suColumns = ceilDiv(shape.scalableUnits, suRows);
    const double suWidth = shape.racksPerSu * pitch - kRackGap;
    const bool threeTier = shape.fabricTiers == 3;
    const double leafOffset = rackHeight + kTierGap;
    const double blockHeight =
        leafOffset + kSwitchHeight + (threeTier ? kTierGap + kSwitchHeight : 0.0);
    const double middleY = blockHeight + kTierGap;
    const double bottomTop = middleY + kSwitchHeight + kTierGap;
    p.leaves.resize(static_cast<size_t>(shape.scalableUnits));
    p.podSpines.resize(static_cast<size_t>(shape.scalableUnits));
    for (int su = 0; su < shape.scalableUnits; ++su) {
        const int row = su / suColumns;
        const double x0 = (su % suColumns) * (suWidth + kSuGap);
        const double top = row == 0 ? 0.0 : bottomTop;
        // Row 0 runs racks, leaves, pod spines downwards; row 1 is its mirror image.
        const double rackY = row == 0 ? top : top + blockHeight - rackHeight;
        const double leafY = row == 0 ? top + leafOffset : rackY - kTierGap - kSwitchHeight;
        const double podSpineY =
            row == 0 ? leafY + kSwitchHeight + kTierGap : leafY - kTierGap - kSwitchHeight;
        for (int r = 0; r < shape.racksPerSu; ++r) {
            const int rack = su * shape.racksPerSu + r;
            if (rack < shape.racks)
                p.racks[static_cast<size_t>(rack)] = {x0 + r * pitch, rackY, kRackWidth,
                                                      rackHeight};
        }
        p.leaves[static_cast<size_t>(su)] = switchRow(x0, suWidth, leafY, shape.leafSwitchesPerSu);
        if (threeTier)
            p.podSpines[static_cast<size_t>(su)] =
                switchRow(x0, suWidth, podSpineY, shape.spinesPerSu);
        p.scalableUnits.push_back({x0 - 1.0, top - 1.0, suWidth + 2.0, blockHeight + 2.0});
    }
    const double totalWidth = suColumns * (suWidth + kSuGap) - kSuGap;
    if (threeTier)
        p.cores = switchRow(0.0, totalWidth, middleY, shape.coreSwitches);
    else
        p.spines = switchRow(0.0, totalWidth, suRows == 2 ? middleY : blockHeight + kTierGap,
                             shape.spineSwitches);
    return p;
}

NodeParts layoutNodeParts(const LayoutRect &r, int gpus, int cpus, int chips, int nics) {
    NodeParts parts;
    const double padX = 0.2;
    if (r.height < 3.0) {
        const double padY = std::min(0.14, r.height * 0.12);
        const double top = r.y + padY;
        const double height = r.height - 2 * padY;
        const int nicColumns = ceilDiv(nics, 2);
        const double nicPitch = 0.45;
        const double nicZone = nics > 0 ? nicColumns * nicPitch + 0.15 : 0.0;
        const double cpuWidth = 1.05;
        const double gap = 0.14;
        const double chipWidth = 0.6;
        const double chipZone = chips > 0 ? chips * (chipWidth + gap) : 0.0;
        const double usable = r.width - 2 * padX - nicZone - chipZone;
        const double gpuWidth =
            gpus > 0 ? (usable - cpus * (cpuWidth + gap) - gpus * gap) / gpus : 0.0;
        double x = r.x + padX;
        const int groups = std::max(1, cpus);
        for (int group = 0; group < groups; ++group) {
            if (group < cpus) {
                parts.cpus.push_back({x, top, cpuWidth, height});
                x += cpuWidth + gap;
            }
            for (int i = gpus * group / groups; i < gpus * (group + 1) / groups; ++i) {
                parts.gpus.push_back({x, top, gpuWidth, height});
                x += gpuWidth + gap;
            }
        }
        for (int i = 0; i < chips; ++i) {
            parts.chips.push_back({x, top, chipWidth, height});
            x += chipWidth + gap;
        }
        const double nicX = r.right() - padX - nicColumns * nicPitch;
        const double rows = nics > 1 ? 2.0 : 1.0;
        const double nicHeight = (height - (rows - 1) * 0.08) / rows;
        for (int i = 0; i < nics; ++i)
            parts.nics.push_back({nicX + (i / 2) * nicPitch, top + (i % 2) * (nicHeight + 0.08),
                                  nicPitch - 0.08, nicHeight});
        return parts;
    }
    const double padY = 0.3;
    const double inner = r.height - 2 * padY;
    const double gpuBand = chips > 0 ? inner * 0.5 : inner * 0.64;
    const double chipBand = chips > 0 ? inner * 0.16 : 0.0;
    const double bandGap = 0.25;
    const double hostBand = inner - gpuBand - chipBand - (chips > 0 ? 2 : 1) * bandGap;
    const int rows = gpus > 8 ? 2 : 1;
    const int perRow = ceilDiv(std::max(gpus, 1), rows);
    const double gap = 0.15;
    const double gpuWidth = (r.width - 2 * padX - (perRow - 1) * gap) / perRow;
    const double gpuHeight = (gpuBand - (rows - 1) * gap) / rows;
    for (int i = 0; i < gpus; ++i)
        parts.gpus.push_back({r.x + padX + (i % perRow) * (gpuWidth + gap),
                              r.y + padY + (i / perRow) * (gpuHeight + gap), gpuWidth, gpuHeight});
    double y = r.y + padY + gpuBand + bandGap;
    if (chips > 0) {
        const double chipWidth = std::min(2.2, (r.width - 2 * padX) / chips - gap);
        const double total = chips * chipWidth + (chips - 1) * gap;
        for (int i = 0; i < chips; ++i)
            parts.chips.push_back(
                {r.centerX() - total / 2 + i * (chipWidth + gap), y, chipWidth, chipBand});
        y += chipBand + bandGap;
    }
    const double cpuWidth = 2.0;
    for (int i = 0; i < cpus; ++i)
        parts.cpus.push_back({r.x + padX + i * (cpuWidth + gap), y, cpuWidth, hostBand});
    const double nicStart = r.x + padX + cpus * (cpuWidth + gap) + 0.3;
    const double nicWidth =
        nics > 0 ? std::min(0.8, (r.right() - padX - nicStart) / nics - 0.08) : 0.0;
    for (int i = 0; i < nics; ++i)
        parts.nics.push_back(
            {r.right() - padX - (nics - i) * (nicWidth + 0.08) + 0.08, y, nicWidth, hostBand});
    return parts;
}

} // namespace scalescope::models
