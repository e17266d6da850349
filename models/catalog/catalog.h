#pragma once

#include "models/scenario/precision.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

// The hardware catalog: data/catalog/{accelerators,cpus,systems,interconnects}.json (field names
// carry human units: hbm_gb, bf16_dense_tflops, nic_gbps, ...), converted once to SI by the
// loader. A numeric field that is 0 (or a string that is empty) was absent from the file: not
// published, not applicable or not supported. Nothing is filled in by guessing.

/// Sustained-efficiency calibration of one accelerator (JSON: the accelerator's "efficiency"
/// object). The constants of the efficiency model; models/planner/efficiency_model.h says what
/// each one means and how it is used.
struct EfficiencyCalibration {
    std::string family;                             ///< "Hopper", "Ampere", "Blackwell"
    int streamingMultiprocessors = 0;               ///< streaming_multiprocessors
    double boostGemmFraction = 0.0;                 ///< boost_gemm_fraction
    double sustainedGemmFraction = 0.0;             ///< sustained_gemm_fraction (bf16)
    double sustainedGemmFractionLowPrecision = 0.0; ///< sustained_gemm_fraction_low_precision
    double epilogueK = 0.0;                         ///< epilogue_k [elements]
    double attentionMaxFraction = 0.0;              ///< attention_max_fraction
    double attentionSequenceHalf = 0.0;             ///< attention_sequence_half [tokens]
    double attentionHeadDimHalf = 0.0;              ///< attention_head_dim_half
    double hbmFraction = 0.0;                       ///< hbm_fraction
    bool measured = false; ///< false: constants borrowed from another accelerator
    std::string source;    ///< where the values come from
    bool operator==(const EfficiencyCalibration &) const = default;
};

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
    std::vector<std::string> unsupportedPrecisions; ///< e.g. {"FP8", "FP4", "FP64-tensor"}
    bool datasheetQuotesSparse = false;             ///< headline figures are 2:4-sparse
    std::string sparsityNote;                       ///< the datasheet's convention in words
    std::string memoryType;                         ///< "HBM3"
    double hbmBytes = 0.0;                          ///< capacity [B] (JSON: hbm_gb, decimal)
    double hbmBytesPerSecond = 0.0;                 ///< bandwidth [B/s] (JSON: hbm_bw_tb_s)
    double l2Bytes = 0.0;                           ///< [B] (JSON: l2_cache_mb, decimal MB)
    std::string scaleUpLink;                        ///< "NVLink 4 (18 links)"
    std::string scaleUpInterconnectId; ///< interconnect id, e.g. "nvlink4"; may be empty
    /// Per GPU, both directions added [B/s] (JSON: scale_up_gb_s_bidir). For PCIe-only cards
    /// the PCIe x16 host link.
    double scaleUpBytesPerSecondBidirectional = 0.0;
    int maxScaleUpDomain = 0; ///< GPUs in one scale-up domain; 0 = none / unpublished
    int pcieGen = 0;
    double tdpWatts = 0.0;
    double transistorsBillion = 0.0;
    std::string processNode;
    std::string sourceUrl; ///< one or more URLs separated by " ; "
    std::string notes;
    /// The efficiency model's constants for this accelerator; absent when uncalibrated.
    std::optional<EfficiencyCalibration> efficiency;

    /// Dense peak for `precision` [FLOP/s]; 0 when unsupported or unpublished. Int8 returns
    /// OP/s; Fp32 returns the non-tensor FP32 rate.
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
    double maxMemoryBytes = 0.0;       ///< [B] (JSON: max_memory_gb)
    double memoryBytesPerSecond = 0.0; ///< peak per socket / module [B/s] (JSON: memory_bw_gb_s)
    std::string chipToChipLink;
    double chipToChipBytesPerSecondBidirectional = 0.0; ///< (JSON: chip_to_chip_gb_s_bidir)
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

/// "server", "rack", "superpod", "reference" (the JSON spelling).
[[nodiscard]] std::string systemKindName(SystemKind kind);

/// One tray or shelf position in a rack, top to bottom (NVL72: switch, compute, power, ...).
/// JSON writes runs as `{ "kind": "compute", "count": 10, "rack_units": 1, "label": ... }`;
/// the loader expands each run into `count` slots.
struct RackSlot {
    std::string kind; ///< "compute", "switch", "power", "management", "network", "empty"
    int rackUnits = 1;
    std::string label; ///< "compute tray (2 superchips)"
    bool operator==(const RackSlot &) const = default;
};

/// One documented size of a SuperPOD reference architecture (one row of its RA table).
struct SuperpodSize {
    int scalableUnits = 0;
    int nodes = 0;         ///< servers (or racks for NVL72 pods)
    int gpus = 0;          ///< from the RA; derived as nodes x GPUs per node when not printed
    int leafSwitches = 0;  ///< 0 = not documented
    int spineSwitches = 0; ///< 0 = not documented
    int coreSwitches = 0;  ///< 0 = two-tier
    bool operator==(const SuperpodSize &) const = default;
};

/// One system from data/catalog/systems.json: composition as data, so rack diagrams and the
/// communication model never hard-code a product.
struct SystemSpec {
    std::string id; ///< "dgx-h100", "gb200-nvl72", "superpod-h100"
    std::string name;
    std::string vendor;
    int year = 0;
    SystemKind kind = SystemKind::Server;
    std::string gpuId;                ///< accelerator id; empty for CPU-only designs
    std::string gpuModel;             ///< the reference's wording, e.g. "8x B200 (180 GB ...)"
    int gpuCount = 0;                 ///< GPUs in one instance of this system (8, 72, ...)
    int gpusPerNode = 0;              ///< GPUs per server or compute tray
    std::string cpuId;                ///< CPU id from cpus.json; may be empty
    std::string cpuModel;             ///< the reference's wording (kept when cpuId is empty)
    int cpuCount = 0;                 ///< CPUs in one instance
    int cpusPerNode = 0;              ///< CPUs per server or compute tray
    int cpuCoresTotal = 0;            ///< in one instance
    int nodesPerRack = 0;             ///< servers or compute trays per rack
    int racksPerSystem = 0;           ///< racks one instance spans (NVL36x2: 2); 0 = n/a
    double gpuMemoryTotalBytes = 0.0; ///< all GPUs of one instance [B]
    double gpuMemoryTotalBytesPerSecond = 0.0; ///< all GPUs of one instance [B/s]
    double systemMemoryBytes = 0.0;            ///< host (CPU) memory of one instance [B]
    int nvlinkDomainGpus = 0;          ///< GPUs reachable over the scale-up fabric; 0 = PCIe only
    int nvswitchChips = 0;             ///< in one instance
    int nvswitchTrays = 0;             ///< rack systems only (all racks of one instance)
    std::string nvswitchGeneration;    ///< "NVSwitch gen3 (NVLink 4)"
    std::string scaleUpInterconnectId; ///< e.g. "nvlink4"
    double scaleUpAggregateBytesPerSecondBidirectional = 0.0; ///< all GPUs of one instance
    std::string scaleOutInterconnectId; ///< e.g. "ib-ndr"; the per-GPU compute fabric link
    std::string nicId;                  ///< e.g. "connectx-7"
    double nicsPerGpu = 0.0;            ///< compute-fabric NICs per GPU
    double nicBitsPerSecond = 0.0;      ///< one NIC, per direction [bit/s] (JSON: nic_gbps)
    /// nicsPerGpu x nicBitsPerSecond / 8, per direction [B/s]; 0 when either is unknown.
    double scaleOutBytesPerSecondPerGpu = 0.0;
    std::string scaleOutNics;         ///< the reference's wording
    std::string storageNics;          ///< the reference's wording
    double powerWatts = 0.0;          ///< one instance, all components [W]; 0 = unpublished
    double powerPerRackWatts = 0.0;   ///< SuperPOD RAs: per rack of nodes [W]
    double powerPerSuWatts = 0.0;     ///< SuperPOD RAs: per scalable unit [W]
    int rackUnits = 0;                ///< height of one instance (servers) or the rack (racks)
    std::string formFactor;           ///< the reference's wording
    std::vector<RackSlot> rackLayout; ///< one rack, top to bottom; empty when unpublished
    std::string rackLayoutNote;       ///< where the order comes from and what is assumed
    std::string headlineAiPflops;     ///< vendor headline as printed ("1440 / 720")
    std::string headlinePrecision;    ///< what the headline counts (sparse, FP4, ...)
    // Superpod fields: built from `nodeSystemId` in scalable units.
    std::string nodeSystemId;
    int suNodes = 0; ///< servers (or racks for NVL72 pods) per scalable unit
    int suGpus = 0;
    int suComputeTrays = 0;      ///< NVL72 pods: compute trays per scalable unit
    std::string computeFabric;   ///< the reference's wording
    std::string fabricSwitchId;  ///< interconnect id of the fabric switch, e.g. "quantum-2"
    int fabricTiers = 0;         ///< 2 = leaf/spine, 3 = leaf/spine/core; 0 = not documented
    std::string fabricTiersNote; ///< the reference's wording
    int switchRadix = 0;         ///< ports per fabric switch
    int leafSwitchesPerSu = 0;
    int spineSwitchesPerSu = 0;      ///< 0 when given per pod instead (see `sizes`)
    std::string scaleNote;           ///< largest documented configuration in words
    int maxNodes = 0;                ///< largest documented configuration (nodes or racks)
    int maxGpus = 0;                 ///< largest documented configuration; 0 = not printed
    std::vector<SuperpodSize> sizes; ///< the RA's size table, smallest first
    std::string sourceUrl;
    std::string notes;
    bool operator==(const SystemSpec &) const = default;
};

/// One link, switch, NIC or measurement from data/catalog/interconnects.json.
struct InterconnectSpec {
    std::string id; ///< "nvlink4", "ib-ndr", "nccl-allreduce-8x-h100", ...
    std::string name;
    std::string category; ///< "scale-up-link", "scale-up-switch", "chip-to-chip", "host-link",
                          ///< "scale-out-link", "scale-out-switch", "nic", "dpu", "fat-tree",
                          ///< "nccl-measurement"
    std::string vendor;
    std::string generation;
    int year = 0;
    std::string usedIn;
    std::string signaling;
    double perLinkBytesPerSecondBidirectional = 0.0; ///< (JSON: per_link_gb_s_bidir)
    int linksPerDevice = 0;
    double perDeviceBytesPerSecondBidirectional = 0.0; ///< (JSON: per_device_gb_s_bidir)
    double portBitsPerSecond = 0.0; ///< per direction [bit/s] (JSON: port_gbps_per_direction)
    int switchPorts = 0;
    double switchAggregateBytesPerSecondBidirectional = 0.0;
    std::string maxDomain;              ///< the reference's wording ("72 per NVL72 rack; 576 max")
    double fatTree2TierEndpoints = 0.0; ///< radix^2 / 2, as the reference tabulates
    double fatTree3TierEndpoints = 0.0; ///< radix^3 / 4
    std::string inNetworkCompute;
    double latencySeconds = 0.0; ///< 0 = unpublished (JSON: latency_us)
    /// NCCL bus bandwidth achievable / per-direction peak; 0 = unknown. Measurements: the low
    /// end (ring) of the range, or the file's explicit `achievable_fraction`. Links: the lowest
    /// low-end fraction of the measurements naming them in `measured_interconnect_id`.
    double achievableFraction = 0.0;
    /// Same, from the high end of the range (NVLS / in-switch reduction can exceed 1).
    double achievableFractionHigh = 0.0;
    double busBwLowBytesPerSecond = 0.0;  ///< (JSON: busbw_low_gb_s)
    double busBwHighBytesPerSecond = 0.0; ///< (JSON: busbw_high_gb_s)
    std::string measuredInterconnectId;   ///< measurements: the link whose peak they reach
    std::string sourceUrl;
    std::string notes;

    /// Peak bandwidth one way [B/s]: per-device bidirectional / 2 when published (vendors
    /// quote NVLink both directions added), else port speed / 8 (ports are quoted per
    /// direction); 0 when neither is known.
    [[nodiscard]] double peakBytesPerSecondPerDirection() const;
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
/// and any other *.json; each file's `kind` says what it holds) from each directory in order;
/// entries in later directories replace earlier ones with the same id (the whole entry).
/// Validates everything and throws InputError naming file, JSON pointer and reason.
[[nodiscard]] Catalog loadCatalog(const std::vector<std::string> &directories);

} // namespace scalescope::models
