#pragma once

// Where things go on the rack diagram: positions of racks, scalable units and fabric switches
// on the pod, and of GPUs, CPUs, switch chips and NICs inside one node. Pure arithmetic on
// counts; rack_geometry.cpp turns the rectangles into items.

#include "models/rack/rack_geometry.h"

#include <vector>

namespace scalescope::models {

/// Layout constants in layout units (1 unit = 1U).
namespace rack_layout {
inline constexpr double kRackWidth = 12.0; ///< outer rack width (a 19-inch rack is ~11 U wide)
inline constexpr double kRackFrame = 0.5;  ///< side and bottom frame
inline constexpr double kRackHeader = 2.0; ///< label band above the first slot
inline constexpr double kRackGap = 2.0;    ///< between neighbouring racks
inline constexpr double kSuGap = 8.0;      ///< between scalable units side by side
inline constexpr double kSwitchHeight = 2.0;
inline constexpr double kTierGap = 12.0; ///< vertical room for cables between two tiers
inline constexpr double kMaxSwitchWidth = 7.0;
} // namespace rack_layout

/// The counts that decide the pod layout.
struct PodShape {
    int racks = 0;
    double rackHeight = 0.0;  ///< outer height of one rack
    int racksPerInstance = 1; ///< racks that must stay side by side (NVL36x2: 2)
    int racksPerSu = 0;       ///< 0 = no scalable units / fabric
    int scalableUnits = 0;
    int fabricTiers = 0;
    int leafSwitchesPerSu = 0;
    int spinesPerSu = 0; ///< three tiers only
    int spineSwitches = 0;
    int coreSwitches = 0;
    bool operator==(const PodShape &) const = default;
};

/// Rectangles of the pod's big pieces.
struct PodPlacement {
    std::vector<LayoutRect> racks;
    std::vector<LayoutRect> scalableUnits;
    std::vector<std::vector<LayoutRect>> leaves;    ///< per SU
    std::vector<std::vector<LayoutRect>> podSpines; ///< per SU (three tiers)
    std::vector<LayoutRect> spines;                 ///< shared spine row (two tiers)
    std::vector<LayoutRect> cores;                  ///< core row (three tiers)
    bool operator==(const PodPlacement &) const = default;
};

/// With a fabric, SUs sit in up to two rows facing each other across the middle tier (the
/// spines for two tiers, the cores for three), each SU's leaves between its racks and the
/// middle, so every cable runs vertically through one gap. Without a fabric, racks form a grid
/// close to 16:9 in which a multi-rack instance never wraps.
[[nodiscard]] PodPlacement placePod(const PodShape &shape);

/// Parts of one node.
struct NodeParts {
    std::vector<LayoutRect> gpus, cpus, chips, nics;
    bool operator==(const NodeParts &) const = default;
};

/// Lays out a node's parts inside `rect`. Under 3U (trays): one row in which each CPU leads
/// its share of GPUs (GB200 superchips read as CPU, GPU, GPU), then switch chips, and NICs
/// close the row. Taller
/// (servers): GPUs on top like an HGX baseboard, switch chips below, CPUs and NICs at the bottom.
[[nodiscard]] NodeParts layoutNodeParts(const LayoutRect &rect, int gpus, int cpus, int chips,
                                        int nics);

/// `count` boxes of height kSwitchHeight spread evenly over [x0, x0 + width) at height y.
[[nodiscard]] std::vector<LayoutRect> switchRow(double x0, double width, double y, int count);

} // namespace scalescope::models
