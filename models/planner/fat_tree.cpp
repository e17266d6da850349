#include "models/planner/fat_tree.h"

#include "models/core/input_error.h"

#include <string>

namespace scalescope::models {

namespace {

int ceilDiv(long long a, long long b) {
    return static_cast<int>((a + b - 1) / b);
}

/// Smallest divisor of `ports` that is >= `needed`; 0 when there is none (needed > ports).
int smallestDivisorAtLeast(int ports, int needed) {
    for (int s = std::max(1, needed); s <= ports; ++s)
        if (ports % s == 0)
            return s;
    return 0;
}

} // namespace

FatTreeSize sizeFatTree(const FatTreeRequest &request) {
    const std::string file = "fabric";
    if (request.switchRadix < 2 || request.switchRadix % 2 != 0)
        throw InputError(file, "/switch_radix",
                         "must be an even number >= 2, got " + std::to_string(request.switchRadix));
    if (request.endpointsPerSu <= 0)
        throw InputError(file, "/endpoints_per_su", "must be > 0");
    if (request.scalableUnits <= 0)
        throw InputError(file, "/scalable_units", "must be > 0");
    if (request.leafSwitchesPerSu < 0)
        throw InputError(file, "/leaf_switches_per_su", "must be >= 0");

    const long long k = request.switchRadix;
    const int half = request.switchRadix / 2;
    FatTreeSize size;
    size.scalableUnits = request.scalableUnits;
    size.endpoints = request.endpointsPerSu * request.scalableUnits;
    size.leafSwitchesPerSu = request.leafSwitchesPerSu > 0 ? request.leafSwitchesPerSu
                                                           : ceilDiv(request.endpointsPerSu, half);
    size.leafDownlinks = ceilDiv(request.endpointsPerSu, size.leafSwitchesPerSu);
    if (size.leafDownlinks > half)
        throw InputError(file, "/leaf_switches_per_su",
                         std::to_string(size.leafSwitchesPerSu) + " leaves cannot take " +
                             std::to_string(request.endpointsPerSu) + " endpoints with half of " +
                             std::to_string(k) + " ports each");
    size.leafSwitches = size.leafSwitchesPerSu * request.scalableUnits;
    size.leafUplinks = half;

    const long long twoLevelLimit = k * k / 2;
    const long long threeLevelLimit = k * k * k / 4;
    if (size.endpoints > threeLevelLimit)
        throw InputError(file, "/scalable_units",
                         std::to_string(size.endpoints) + " endpoints exceed the " +
                             std::to_string(threeLevelLimit) +
                             " of a 3-level fat tree with radix " + std::to_string(k));

    const int neededSpines = ceilDiv(static_cast<long long>(size.leafSwitches) * half, k);
    const int spines = smallestDivisorAtLeast(half, neededSpines);
    if (size.endpoints <= twoLevelLimit && spines > 0) {
        size.tiers = 2;
        size.spineSwitches = spines;
        size.linksPerLeafSpine = half / spines;
        return size;
    }

    // Three tiers: one leaf/spine pod per SU, its spines reaching the core.
    size.tiers = 3;
    size.spinesPerSu = size.leafSwitchesPerSu;
    size.spineSwitches = size.spinesPerSu * request.scalableUnits;
    size.linksPerLeafSpine = std::max(1, half / size.spinesPerSu);
    const int neededPerGroup = ceilDiv(static_cast<long long>(request.scalableUnits) * half, k);
    size.coreSwitchesPerGroup = smallestDivisorAtLeast(half, neededPerGroup);
    if (size.coreSwitchesPerGroup == 0)
        size.coreSwitchesPerGroup = neededPerGroup;
    size.coreSwitches = size.coreSwitchesPerGroup * size.spinesPerSu;
    size.linksPerSpineCore = std::max(1, half / size.coreSwitchesPerGroup);
    return size;
}

} // namespace scalescope::models
