#pragma once

#include "models/precision.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// One accelerator from data/catalog/accelerators.json. SI units only; 0 means "not
/// published / not supported" (see `unsupportedPrecisions` to tell which).
struct AcceleratorSpec {
    std::string id;           ///< catalog key, e.g. "h100-sxm"
    std::string name;         ///< "H100 SXM5 80GB"
    std::string vendor;       ///< "NVIDIA"
    std::string architecture; ///< "Hopper (GH100)"
    std::string formFactor;   ///< "SXM5"
    int launchYear = 0;
    // Dense (no 2:4 sparsity) peaks [FLOP/s or OP/s]  (JSON: *_tflops, *_tops, dense)
    double fp64FlopsPerSecond = 0.0;
    double fp64TensorFlopsPerSecond = 0.0;
    double fp32FlopsPerSecond = 0.0;
    double tf32FlopsPerSecond = 0.0;
    double bf16FlopsPerSecond = 0.0; ///< BF16/FP16 tensor core (FP16 on V100)
    double fp8FlopsPerSecond = 0.0;
    double fp6FlopsPerSecond = 0.0;
    double fp4FlopsPerSecond = 0.0;
    double int8OpsPerSecond = 0.0;
    std::vector<std::string> unsupportedPrecisions; ///< e.g. {"FP8", "FP4"}
    bool datasheetQuotesSparse = false;             ///< headline figures are 2:4-sparse
    std::string sparsityNote;                       ///< the datasheet's convention in words
    std::string memoryType;                         ///< "HBM3"
    double hbmBytes = 0.0;                          ///< capacity [B] (JSON: memory_gb, decimal)
    double hbmBytesPerSecond = 0.0;                 ///< bandwidth [B/s] (JSON: memory_bw_tb_s)
    double l2Bytes = 0.0;                           ///< [B] (JSON: l2_cache_mb, decimal MB)
    std::string scaleUpLink;                        ///< "NVLink 4 (18 links)"
    std::string scaleUpInterconnectId; ///< interconnect id, e.g. "nvlink4"; may be empty
    double scaleUpBytesPerSecondBidirectional = 0.0; ///< per GPU, both directions [B/s]
    int maxScaleUpDomain = 0;                        ///< GPUs in one scale-up domain; 0 = none
    int pcieGen = 0;
    double tdpWatts = 0.0;
    double transistorsBillion = 0.0;
    std::string processNode;
    std::string sourceUrl; ///< one or more URLs separated by " ; "
    std::string notes;

    /// Dense peak for `precision` [FLOP/s]; 0 when unsupported. Int8 returns OP/s.
    [[nodiscard]] double denseFlopsPerSecond(Precision precision) const;
    bool operator==(const AcceleratorSpec &) const = default;
};

/// One CPU from data/catalog/cpus.json.
struct CpuSpec {
    std::string id; ///< "grace"
    std::string name;
    std::string vendor;
    std::string architecture;
    int year = 0;
    int cores = 0;
    std::string memoryType;
    double maxMemoryBytes = 0.0;
    double memoryBytesPerSecond = 0.0; ///< peak per socket / module [B/s]
    std::string chipToChipLink;
    double chipToChipBytesPerSecondBidirectional = 0.0;
    double tdpWatts = 0.0;
    std::string sourceUrl;
    std::string notes;
    bool operator==(const CpuSpec &) const = default;
};

/// What a systems.json entry describes.
enum class SystemKind {
    Server,    ///< an 8-GPU DGX/HGX/OAM node or a small MGX server
    Rack,      ///< a rack-scale NVLink system (NVL72, NVL36x2, DGX GH200)
    Superpod,  ///< a scalable-unit reference architecture built from another system
    Reference, ///< an MGX reference design
};

/// One tray or shelf position in a rack, top to bottom (NVL72: switch, compute, power, ...).
struct RackSlot {
    std::string kind; ///< "compute", "switch", "power", "management", "network", "empty"
    int rackUnits = 1;
    bool operator==(const RackSlot &) const = default;
};

/// One system from data/catalog/systems.json: composition as data, so rack diagrams and the
/// communication model never hard-code a product.
struct SystemSpec {
    std::string id; ///< "dgx-h100", "gb200-nvl72", "superpod-h100"
    std::string name;
    std::string vendor;
    int year = 0;
    SystemKind kind = SystemKind::Server;
    std::string gpuId;                  ///< accelerator id; empty for CPU-only designs
    int gpuCount = 0;                   ///< GPUs in one instance of this system (8, 72, ...)
    int gpusPerNode = 0;                ///< GPUs per server or compute tray
    std::string cpuId;                  ///< CPU id from cpus.json; may be empty
    int cpusPerNode = 0;                ///< CPUs per server or compute tray
    int nodesPerRack = 0;               ///< servers or compute trays per rack
    int nvlinkDomainGpus = 0;           ///< GPUs reachable over the scale-up fabric; 0 = PCIe only
    int nvswitchChips = 0;              ///< in one instance
    int nvswitchTrays = 0;              ///< rack systems only
    std::string scaleUpInterconnectId;  ///< e.g. "nvlink4"
    std::string scaleOutInterconnectId; ///< e.g. "ib-ndr"; the per-GPU compute NIC
    double nicsPerGpu = 0.0;            ///< compute-fabric NICs per GPU
    double scaleOutBytesPerSecondPerGpu = 0.0; ///< per direction [B/s] (JSON: nic_gbps per NIC)
    double systemMemoryBytes = 0.0;
    double powerWatts = 0.0; ///< one instance, all components [W]; 0 = unpublished
    int rackUnits = 0;
    std::vector<RackSlot> rackLayout; ///< top to bottom; empty when unpublished
    // Superpod fields: built from `nodeSystemId` in scalable units.
    std::string nodeSystemId;
    int suNodes = 0; ///< servers (or racks for NVL72 pods) per scalable unit
    int suGpus = 0;
    int fabricTiers = 0; ///< 2 = leaf/spine, 3 = leaf/spine/core
    int switchRadix = 0; ///< ports per fabric switch
    int leafSwitchesPerSu = 0;
    int spineSwitchesPerSu = 0; ///< 0 when given per pod instead
    std::string scaleNote;      ///< documented sizes in words
    std::string sourceUrl;
    std::string notes;
    bool operator==(const SystemSpec &) const = default;
};

/// One link, switch, NIC or measurement from data/catalog/interconnects.json.
struct InterconnectSpec {
    std::string id; ///< "nvlink4", "ib-ndr", "nccl-allreduce-h100-nvlink", ...
    std::string name;
    std::string category; ///< "scale-up link", "switch", "nic", "scale-out", "nccl", ...
    std::string generation;
    int year = 0;
    double perLinkBytesPerSecondBidirectional = 0.0;
    int linksPerDevice = 0;
    double perDeviceBytesPerSecondBidirectional = 0.0;
    double portBitsPerSecond = 0.0; ///< per direction [bit/s]
    int switchPorts = 0;
    double switchAggregateBytesPerSecondBidirectional = 0.0;
    double latencySeconds = 0.0; ///< 0 = unpublished
    /// NCCL bus bandwidth achievable / per-direction peak, from the measurements; 0 = unknown.
    double achievableFraction = 0.0;
    double busBwLowBytesPerSecond = 0.0;
    double busBwHighBytesPerSecond = 0.0;
    std::string usedIn;
    std::string sourceUrl;
    std::string notes;
    bool operator==(const InterconnectSpec &) const = default;
};

/// The merged hardware catalog: shipped data, then user directories overriding by id.
class Catalog {
public:
    std::vector<AcceleratorSpec> accelerators;
    std::vector<CpuSpec> cpus;
    std::vector<SystemSpec> systems;
    std::vector<InterconnectSpec> interconnects;

    /// nullptr when absent.
    [[nodiscard]] const AcceleratorSpec *findAccelerator(const std::string &id) const;
    [[nodiscard]] const CpuSpec *findCpu(const std::string &id) const;
    [[nodiscard]] const SystemSpec *findSystem(const std::string &id) const;
    [[nodiscard]] const InterconnectSpec *findInterconnect(const std::string &id) const;
};

/// Loads every catalog file (accelerators.json, cpus.json, systems.json, interconnects.json,
/// and any other *.json with a known `kind`) from each directory in order; entries in later
/// directories replace earlier ones with the same id. Validates everything and throws
/// InputError naming file, JSON pointer and reason.
[[nodiscard]] Catalog loadCatalog(const std::vector<std::string> &directories);

} // namespace scalescope::models
