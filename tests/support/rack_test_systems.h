#pragma once

// The shipped catalog for the rack tests, plus systems filled by hand from the shared hardware
// reference README (sections 2a-2c) for cases the shipped data cannot express (broken layouts,
// variants), and the default rank order written out by hand.

#include "models/catalog/catalog.h"
#include "models/rack/rack_overlay.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario.h"

#include <string>
#include <vector>

namespace scalescope::testing {

/// data/catalog as shipped.
inline models::Catalog shippedCatalog() {
    return models::loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
}

using models::RackSlot;
using models::SystemKind;
using models::SystemSpec;

/// A training scenario of a shipped model preset (data/models/<preset>.json) on `system`.
inline models::Scenario presetScenario(const std::string &name, const std::string &preset,
                                       const std::string &system, int gpus, int tp, int pp,
                                       int dp) {
    models::Scenario s;
    s.name = name;
    s.modelPreset = preset;
    s.model = models::loadModelPresetFile(std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/models/" +
                                          preset + ".json");
    s.hardware.systemId = system;
    s.hardware.numGpus = gpus;
    s.parallelism.tp = tp;
    s.parallelism.pp = pp;
    s.parallelism.dp = dp;
    s.parallelism.sequenceParallel = tp > 1;
    s.parallelism.zeroStage = 1;
    s.parallelism.recompute = models::Recompute::Selective;
    return s;
}

/// DGX H100: 8x H100 SXM5, 2x Xeon 8480C, 4 NVSwitch gen3 chips, 8x ConnectX-7 400G, 8U.
inline SystemSpec dgxH100() {
    SystemSpec s;
    s.id = "dgx-h100";
    s.name = "DGX H100";
    s.kind = SystemKind::Server;
    s.gpuId = "h100-sxm";
    s.gpuCount = 8;
    s.gpusPerNode = 8;
    s.cpuId = "xeon-8480c";
    s.cpusPerNode = 2;
    s.nodesPerRack = 0; // not in the reference: racks are grouped for drawing
    s.nvlinkDomainGpus = 8;
    s.nvswitchChips = 4;
    s.nicsPerGpu = 1.0;
    s.scaleOutBytesPerSecondPerGpu = 50e9; // NDR 400 Gb/s per direction
    s.rackUnits = 8;
    return s;
}

/// DGX B200: 8x B200, 2x Xeon 8570, 2 NVLink 5 switch chips, 8x ConnectX-7 400G, 10U.
inline SystemSpec dgxB200() {
    SystemSpec s = dgxH100();
    s.id = "dgx-b200";
    s.name = "DGX B200";
    s.gpuId = "b200";
    s.cpuId = "xeon-8570";
    s.nvswitchChips = 2;
    s.rackUnits = 10;
    return s;
}

/// GB200 NVL72 rack, top to bottom per the README 2b: management and power (top group),
/// 10 compute trays, 9 NVLink switch trays, 8 compute trays, power (bottom group).
inline SystemSpec gb200Nvl72() {
    SystemSpec s;
    s.id = "gb200-nvl72";
    s.name = "GB200 NVL72";
    s.kind = SystemKind::Rack;
    s.gpuId = "gb200";
    s.gpuCount = 72;
    s.gpusPerNode = 4;
    s.cpuId = "grace";
    s.cpusPerNode = 2;
    s.nodesPerRack = 18;
    s.nvlinkDomainGpus = 72;
    s.nvswitchChips = 18;
    s.nvswitchTrays = 9;
    s.nicsPerGpu = 1.0;
    s.scaleOutBytesPerSecondPerGpu = 50e9;
    s.rackUnits = 48;
    std::vector<RackSlot> layout;
    auto add = [&layout](const std::string &kind, int count) {
        for (int i = 0; i < count; ++i)
            layout.push_back({kind, 1, {}});
    };
    add("management", 2);
    add("power", 4);
    add("compute", 10);
    add("switch", 9);
    add("compute", 8);
    add("power", 4);
    s.rackLayout = layout;
    return s;
}

/// GB200 NVL36x2: two racks of 9x 2U compute trays + 9x 1U NVL36 switch trays; switch chips
/// per tray unverified (0).
inline SystemSpec gb200Nvl36x2() {
    SystemSpec s = gb200Nvl72();
    s.id = "gb200-nvl36x2";
    s.name = "GB200 NVL36x2";
    s.nodesPerRack = 9;
    s.nvswitchChips = 0;
    s.nvswitchTrays = 18;
    std::vector<RackSlot> layout;
    for (int i = 0; i < 9; ++i)
        layout.push_back({"compute", 2, {}});
    for (int i = 0; i < 9; ++i)
        layout.push_back({"switch", 1, {}});
    s.rackLayout = layout;
    return s;
}

/// MGX 2U x86 server with 4x L40 on PCIe (no NVLink).
inline SystemSpec mgxL40() {
    SystemSpec s;
    s.id = "mgx-2u-x86-l40";
    s.name = "MGX 2U x86 (4x L40)";
    s.kind = SystemKind::Reference;
    s.gpuId = "l40";
    s.gpuCount = 4;
    s.gpusPerNode = 4;
    s.cpusPerNode = 1;
    s.nodesPerRack = 8;
    s.nvlinkDomainGpus = 0;
    s.nicsPerGpu = 0.5;
    s.rackUnits = 2;
    return s;
}

/// DGX SuperPOD H100: SU = 32 nodes / 256 GPUs, Quantum-2 QM9700 (64 ports), 8 leaf per SU.
inline SystemSpec superpodH100() {
    SystemSpec s;
    s.id = "superpod-h100";
    s.name = "DGX SuperPOD H100";
    s.kind = SystemKind::Superpod;
    s.gpuId = "h100-sxm";
    s.nodeSystemId = "dgx-h100";
    s.suNodes = 32;
    s.suGpus = 256;
    s.fabricTiers = 2;
    s.switchRadix = 64;
    s.leafSwitchesPerSu = 8;
    s.spineSwitchesPerSu = 4;
    return s;
}

/// DGX SuperPOD GB200: SU = 8 NVL72 racks / 576 GPUs on 64-port NDR switches.
inline SystemSpec superpodGb200() {
    SystemSpec s;
    s.id = "superpod-gb200";
    s.name = "DGX SuperPOD GB200";
    s.kind = SystemKind::Superpod;
    s.gpuId = "gb200";
    s.nodeSystemId = "gb200-nvl72";
    s.suNodes = 8;
    s.suGpus = 576;
    s.switchRadix = 64;
    return s;
}

/// The default rank order written out by hand: TP innermost, then CP, DP, PP (EP folded into
/// DP: ep = dp mod EP), rank r on GPU r: a mixed-radix number with digits tp, cp, dp, pp.
inline models::RankMapper tpCpEpDpPpOrder(int tp, int cp, int ep, int dp) {
    return [=](int rank) {
        models::RankPlacement p;
        p.gpu = rank;
        p.tp = rank % tp;
        rank /= tp;
        p.cp = rank % cp;
        rank /= cp;
        p.dp = rank % dp;
        p.pp = rank / dp;
        p.ep = p.dp % ep;
        p.expertDp = p.dp / ep;
        return p;
    };
}

} // namespace scalescope::testing
