#pragma once

// Sizing of a rail-optimized, non-blocking InfiniBand/Ethernet fat tree the way NVIDIA's DGX
// SuperPOD reference architectures size their compute fabric, in scalable units (SU).
//
// References
// [1] NVIDIA DGX SuperPOD H100 RA, "Network fabrics": 1-4 SU, 8 leaf per SU, spines 4/8/16/16.
//     https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/
//     latest/network-fabrics.html
// [2] NVIDIA DGX SuperPOD B200 RA: 2 tiers up to 8 SU (64 leaf / 32 spine), core tier from 16 SU
//     (128 leaf / 128 spine / 64 core). https://docs.nvidia.com/dgx-superpod/
//     reference-architecture-scalable-infrastructure-b200/latest/dgx-superpod-architecture.html
// [3] NVIDIA DGX SuperPOD B300 XDR RA (144-port Quantum-X800): 1/2/4/8/18 SU with
//     8/16/32/64/144 leaf and 4/8/18/36/72 spine. https://docs.nvidia.com/dgx-superpod/
//     reference-architecture/scalable-infrastructure-b300-xdr/latest/dgx-superpod-architecture.html
// [4] Leiserson, "Fat-trees", IEEE Trans. Computers 1985; with radix k a non-blocking 2-level
//     tree holds k^2/2 endpoints and a 3-level tree k^3/4 (tests/data/reference/hardware/README.md,
//     3f).

namespace scalescope::models {

/// What one scalable unit puts on the compute fabric, and the switch that builds it.
struct FatTreeRequest {
    int endpointsPerSu = 0;    ///< compute NIC ports in one SU (GPUs x NICs per GPU)
    int scalableUnits = 0;     ///< SUs to connect (>= 1)
    int switchRadix = 0;       ///< ports per switch, even (64 for Quantum-2 QM9700)
    int leafSwitchesPerSu = 0; ///< from the catalog; 0 = derive from the radix
    bool operator==(const FatTreeRequest &) const = default;
};

/// Switch counts of the fabric. Every leaf gives half its ports to endpoints and half to
/// the tier above (non-blocking).
struct FatTreeSize {
    int tiers = 0; ///< 2 = leaf/spine, 3 = leaf/spine/core
    int endpoints = 0;
    int scalableUnits = 0;
    int leafSwitchesPerSu = 0;
    int leafSwitches = 0;
    int spineSwitches = 0;
    int coreSwitches = 0;
    int leafDownlinks = 0;        ///< endpoint ports used per leaf (at most radix/2)
    int leafUplinks = 0;          ///< radix/2
    int linksPerLeafSpine = 0;    ///< parallel cables between one leaf and one spine it reaches
    int spinesPerSu = 0;          ///< 3 tiers: spines in each SU's pod (= its leaves); else 0
    int linksPerSpineCore = 0;    ///< 3 tiers: cables between a spine and each core it reaches
    int coreSwitchesPerGroup = 0; ///< 3 tiers: cores reached by spine j of every SU
    bool operator==(const FatTreeSize &) const = default;
};

/// Sizes the fabric [1-4]. With k = radix and h = k/2:
///   leaves per SU = leafSwitchesPerSu, or ceil(endpointsPerSu / h) when not given
///   tiers         = 2 if endpoints <= k^2/2 and the spines below exist, else 3   [4]
///   2 tiers: spines = smallest divisor s of h with s >= ceil(leaves * h / k), so that every
///            leaf sends the same number (h / s) of cables to every spine. This reproduces
///            all published tables: [1] 3 SU -> 12 needed, 16 built; [3] 4 SU -> 16 needed,
///            18 built (72 uplinks / 18 = 4 each), 8 SU -> 36.
///   3 tiers: each SU is a pod whose spines equal its leaves (h down, h up); spine j of every
///            SU reaches core group j; cores = spines * h / k = spines / 2            [2]
/// Throws InputError when the request is not positive or exceeds k^3/4 endpoints.
[[nodiscard]] FatTreeSize sizeFatTree(const FatTreeRequest &request);

} // namespace scalescope::models
