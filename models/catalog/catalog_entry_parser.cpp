#include "models/catalog/catalog_entry_parser.h"

#include "models/core/format.h"
#include "models/core/input_error.h"

#include <algorithm>
#include <optional>
#include <set>

namespace scalescope::models {

namespace {

// Unit factors from the file's human units to SI.
constexpr double kTera = 1.0e12; // TFLOP/s, TOP/s, TB/s
constexpr double kGiga = 1.0e9;  // GB, GB/s, Gb/s
constexpr double kMega = 1.0e6;  // MB
constexpr double kKilo = 1.0e3;  // kW
constexpr double kMicro = 1.0e-6;

/// Largest count accepted in a whole-number field (keeps the int conversion safe).
constexpr long long kMaxCount = 100'000'000;

const std::string kFieldNamesHint = "see README \"Hardware catalog\" for the field names";

/// Optional positive number times `factor`; 0 when absent.
double scaled(const JsonObject &item, const std::string &key, double factor) {
    const auto value = item.optionalPositive(key);
    return value ? *value * factor : 0.0;
}

/// Optional whole number >= minimum; 0 when absent.
int count(const JsonObject &item, const std::string &key, long long minimum = 1) {
    const auto value = item.optionalInteger(key, minimum);
    if (!value)
        return 0;
    if (*value > kMaxCount)
        item.fail(key, "must be <= " + std::to_string(kMaxCount));
    return static_cast<int>(*value);
}

int requiredCount(const JsonObject &item, const std::string &key, long long minimum) {
    if (!item.has(key))
        item.fail(key, "required whole number is missing");
    return count(item, key, minimum);
}

int year(const JsonObject &item, const std::string &key) {
    const auto value = item.optionalInteger(key, 1950);
    if (value && *value > 2100)
        item.fail(key, "must be a year <= 2100, found " + std::to_string(*value));
    return value ? static_cast<int>(*value) : 0;
}

/// A string member restricted to `allowed` (required when `required`).
std::string choice(const JsonObject &item, const std::string &key,
                   const std::vector<std::string> &allowed, bool required) {
    if (required)
        (void)item.requiredString(key);
    return item.choiceOr(key, allowed, "");
}

std::string joined(const std::vector<std::string> &values) {
    std::string out;
    for (const auto &value : values)
        out += (out.empty() ? "" : ", ") + value;
    return out;
}

const std::vector<std::string> kPrecisionTokens = {"FP64", "FP64-tensor", "FP32",       "TF32",
                                                   "BF16", "FP16",        "FP8",        "FP6",
                                                   "FP4",  "INT8",        "INT8-tensor"};

const std::set<std::string> kAcceleratorFields = {"id",
                                                  "name",
                                                  "vendor",
                                                  "architecture",
                                                  "launch_year",
                                                  "form_factor",
                                                  "fp64_tflops",
                                                  "fp64_tensor_tflops",
                                                  "fp32_tflops",
                                                  "tf32_dense_tflops",
                                                  "bf16_dense_tflops",
                                                  "fp8_dense_tflops",
                                                  "fp6_dense_tflops",
                                                  "fp4_dense_tflops",
                                                  "int8_dense_tops",
                                                  "datasheet_quotes_sparse",
                                                  "sparsity_note",
                                                  "unsupported_precisions",
                                                  "memory_type",
                                                  "hbm_gb",
                                                  "hbm_bw_tb_s",
                                                  "l2_cache_mb",
                                                  "scale_up_link",
                                                  "scale_up_interconnect_id",
                                                  "scale_up_gb_s_bidir",
                                                  "max_scale_up_domain",
                                                  "pcie_gen",
                                                  "tdp_w",
                                                  "transistors_billion",
                                                  "process_node",
                                                  "source_url",
                                                  "notes",
                                                  "efficiency"};

const std::set<std::string> kCpuFields = {"id",
                                          "name",
                                          "vendor",
                                          "architecture",
                                          "year",
                                          "cores",
                                          "memory_type",
                                          "max_memory_gb",
                                          "memory_bw_gb_s",
                                          "chip_to_chip_link",
                                          "chip_to_chip_gb_s_bidir",
                                          "tdp_w",
                                          "source_url",
                                          "notes"};

const std::set<std::string> kInterconnectFields = {"id",
                                                   "name",
                                                   "category",
                                                   "vendor",
                                                   "generation",
                                                   "year",
                                                   "used_in",
                                                   "signaling",
                                                   "per_link_gb_s_bidir",
                                                   "links_per_device",
                                                   "per_device_gb_s_bidir",
                                                   "port_gbps_per_direction",
                                                   "switch_ports",
                                                   "switch_aggregate_gb_s_bidir",
                                                   "max_domain",
                                                   "fat_tree_2tier_endpoints",
                                                   "fat_tree_3tier_endpoints",
                                                   "in_network_compute",
                                                   "latency_us",
                                                   "busbw_low_gb_s",
                                                   "busbw_high_gb_s",
                                                   "measured_interconnect_id",
                                                   "achievable_fraction",
                                                   "source_url",
                                                   "notes"};

const std::set<std::string> kSystemFields = {"id",
                                             "name",
                                             "vendor",
                                             "year",
                                             "kind",
                                             "gpu_id",
                                             "gpu_model",
                                             "gpu_count",
                                             "gpus_per_node",
                                             "cpu_id",
                                             "cpu_model",
                                             "cpu_count",
                                             "cpus_per_node",
                                             "cpu_cores_total",
                                             "nodes_per_rack",
                                             "racks_per_system",
                                             "gpu_memory_total_gb",
                                             "gpu_memory_bw_total_tb_s",
                                             "system_memory_gb",
                                             "nvlink_domain_gpus",
                                             "nvswitch_chips",
                                             "nvswitch_trays",
                                             "nvswitch_generation",
                                             "scale_up_interconnect_id",
                                             "scale_up_aggregate_tb_s_bidir",
                                             "scale_out_interconnect_id",
                                             "nic_id",
                                             "nics_per_gpu",
                                             "nic_gbps",
                                             "scale_out_nics",
                                             "storage_nics",
                                             "power_kw",
                                             "power_per_rack_kw",
                                             "power_per_su_kw",
                                             "rack_units",
                                             "form_factor",
                                             "rack_layout",
                                             "rack_layout_note",
                                             "headline_ai_pflops",
                                             "headline_precision",
                                             "node_system_id",
                                             "su_nodes",
                                             "su_compute_trays",
                                             "su_gpus",
                                             "compute_fabric",
                                             "fabric_switch_id",
                                             "switch_radix",
                                             "fabric_tiers",
                                             "fabric_tiers_note",
                                             "leaf_switches_per_su",
                                             "spine_switches_per_su",
                                             "max_documented_scale",
                                             "max_nodes",
                                             "max_gpus",
                                             "sizes",
                                             "source_url",
                                             "notes"};

const std::vector<std::string> kSystemKinds = {"server", "rack", "superpod", "reference"};
const std::vector<std::string> kSlotKinds = {"compute",    "switch",  "power",
                                             "management", "network", "empty"};

std::vector<RackSlot> parseRackLayout(const JsonObject &item) {
    std::vector<RackSlot> slots;
    if (!item.has("rack_layout"))
        return slots;
    for (const auto &run : item.objectArray("rack_layout")) {
        run.rejectUnknownFields({"kind", "count", "rack_units", "label"}, kFieldNamesHint);
        RackSlot slot;
        slot.kind = choice(run, "kind", kSlotKinds, true);
        slot.rackUnits = run.has("rack_units") ? count(run, "rack_units") : 1;
        slot.label = run.stringOr("label", "");
        const int repeat = run.has("count") ? count(run, "count") : 1;
        if (repeat > 1000)
            run.fail("count", "must be <= 1000");
        slots.insert(slots.end(), static_cast<std::size_t>(repeat), slot);
    }
    return slots;
}

std::vector<SuperpodSize> parseSizes(const JsonObject &item) {
    std::vector<SuperpodSize> sizes;
    if (!item.has("sizes"))
        return sizes;
    for (const auto &row : item.objectArray("sizes")) {
        row.rejectUnknownFields(
            {"scalable_units", "nodes", "gpus", "leaf_switches", "spine_switches", "core_switches"},
            kFieldNamesHint);
        SuperpodSize size;
        size.scalableUnits = requiredCount(row, "scalable_units", 1);
        size.nodes = requiredCount(row, "nodes", 1);
        size.gpus = count(row, "gpus");
        size.leafSwitches = count(row, "leaf_switches");
        size.spineSwitches = count(row, "spine_switches");
        size.coreSwitches = count(row, "core_switches");
        if (!sizes.empty() && size.scalableUnits <= sizes.back().scalableUnits)
            row.fail("scalable_units", "sizes must be listed smallest first");
        sizes.push_back(size);
    }
    return sizes;
}

/// GPUs, CPUs, trays and layout must add up where the file gives all the factors.
void checkComposition(const JsonObject &item, const SystemSpec &s) {
    const auto text = [](long long n) { return std::to_string(n); };
    if (s.kind == SystemKind::Rack && s.gpusPerNode > 0 && s.nodesPerRack > 0) {
        const int racks = std::max(s.racksPerSystem, 1);
        const long long expected = 1LL * s.gpusPerNode * s.nodesPerRack * racks;
        if (expected != s.gpuCount)
            item.fail("gpu_count", text(s.gpuCount) + " GPUs do not match gpus_per_node " +
                                       text(s.gpusPerNode) + " x nodes_per_rack " +
                                       text(s.nodesPerRack) + " x racks_per_system " + text(racks) +
                                       " = " + text(expected));
    }
    if ((s.kind == SystemKind::Server || s.kind == SystemKind::Reference) && s.gpusPerNode > 0 &&
        s.gpusPerNode != s.gpuCount)
        item.fail("gpus_per_node", "must equal gpu_count " + text(s.gpuCount) +
                                       " for a server, found " + text(s.gpusPerNode));
    if (s.cpuCount > 0 && s.cpusPerNode > 0 && s.gpusPerNode > 0 && s.gpuCount > 0) {
        const long long nodes = s.gpuCount / s.gpusPerNode;
        if (1LL * nodes * s.cpusPerNode != s.cpuCount)
            item.fail("cpu_count", text(s.cpuCount) + " CPUs do not match cpus_per_node " +
                                       text(s.cpusPerNode) + " x " + text(nodes) + " nodes");
    }
    if (!s.rackLayout.empty()) {
        long long computeSlots = 0;
        long long switchSlots = 0;
        long long units = 0;
        for (const auto &slot : s.rackLayout) {
            computeSlots += slot.kind == "compute" ? 1 : 0;
            switchSlots += slot.kind == "switch" ? 1 : 0;
            units += slot.rackUnits;
        }
        if (s.nodesPerRack > 0 && computeSlots != s.nodesPerRack)
            item.fail("rack_layout", text(computeSlots) +
                                         " compute slots do not match nodes_per_rack " +
                                         text(s.nodesPerRack));
        const long long racks = std::max(s.racksPerSystem, 1);
        if (s.nvswitchTrays > 0 && switchSlots * racks != s.nvswitchTrays)
            item.fail("rack_layout", text(switchSlots) + " switch slots x " + text(racks) +
                                         " racks do not match nvswitch_trays " +
                                         text(s.nvswitchTrays));
        if (s.rackUnits > 0 && units > s.rackUnits)
            item.fail("rack_layout", "slots take " + text(units) + " RU, more than rack_units " +
                                         text(s.rackUnits));
    }
}

const std::vector<std::string> kInterconnectCategories = {
    "scale-up-link",  "scale-up-switch",  "chip-to-chip", "host-link",
    "scale-out-link", "scale-out-switch", "nic",          "dpu",
    "fat-tree",       "nccl-measurement"};

/// A fraction of a peak: 0 < value <= 1.
double fraction(const JsonObject &object, const std::string &key) {
    const double value = object.requiredPositive(key);
    if (value > 1.0)
        object.fail(key, "must be at most 1 (a fraction of the peak), found " +
                             formatSignificant(value, 4));
    return value;
}

EfficiencyCalibration parseEfficiency(const JsonObject &object) {
    object.rejectUnknownFields({"family", "streaming_multiprocessors", "boost_gemm_fraction",
                                "sustained_gemm_fraction", "sustained_gemm_fraction_low_precision",
                                "epilogue_k", "attention_max_fraction", "attention_sequence_half",
                                "attention_head_dim_half", "hbm_fraction", "measured", "source"},
                               kFieldNamesHint);
    EfficiencyCalibration e;
    e.family = object.requiredString("family");
    e.streamingMultiprocessors =
        static_cast<int>(object.requiredInteger("streaming_multiprocessors", 1));
    e.boostGemmFraction = fraction(object, "boost_gemm_fraction");
    e.sustainedGemmFraction = fraction(object, "sustained_gemm_fraction");
    e.sustainedGemmFractionLowPrecision = fraction(object, "sustained_gemm_fraction_low_precision");
    e.epilogueK = object.requiredPositive("epilogue_k");
    e.attentionMaxFraction = fraction(object, "attention_max_fraction");
    e.attentionSequenceHalf = object.requiredPositive("attention_sequence_half");
    e.attentionHeadDimHalf = object.requiredPositive("attention_head_dim_half");
    e.hbmFraction = fraction(object, "hbm_fraction");
    const auto measured = object.optionalBool("measured");
    if (!measured)
        object.fail("measured", "required: true when measured on this accelerator");
    e.measured = *measured;
    e.source = object.requiredString("source");
    return e;
}

} // namespace

std::string parseCatalogId(const JsonObject &item) {
    const std::string id = item.requiredString("id");
    const bool valid = std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    });
    if (!valid)
        item.fail("id", "\"" + id + "\" must use only lowercase letters, digits, '.', '-', '_'");
    return id;
}

AcceleratorSpec parseAccelerator(const JsonObject &item) {
    item.rejectUnknownFields(kAcceleratorFields, kFieldNamesHint);
    AcceleratorSpec a;
    a.id = parseCatalogId(item);
    a.name = item.requiredString("name");
    a.vendor = item.requiredString("vendor");
    a.architecture = item.stringOr("architecture", "");
    a.formFactor = item.stringOr("form_factor", "");
    a.launchYear = year(item, "launch_year");
    a.fp64FlopsPerSecond = scaled(item, "fp64_tflops", kTera);
    a.fp64TensorFlopsPerSecond = scaled(item, "fp64_tensor_tflops", kTera);
    a.fp32FlopsPerSecond = scaled(item, "fp32_tflops", kTera);
    a.tf32FlopsPerSecond = scaled(item, "tf32_dense_tflops", kTera);
    a.bf16FlopsPerSecond = item.requiredPositive("bf16_dense_tflops") * kTera;
    a.fp8FlopsPerSecond = scaled(item, "fp8_dense_tflops", kTera);
    a.fp6FlopsPerSecond = scaled(item, "fp6_dense_tflops", kTera);
    a.fp4FlopsPerSecond = scaled(item, "fp4_dense_tflops", kTera);
    a.int8OpsPerSecond = scaled(item, "int8_dense_tops", kTera);
    a.datasheetQuotesSparse = item.boolOr("datasheet_quotes_sparse", false);
    a.sparsityNote = item.stringOr("sparsity_note", "");
    a.unsupportedPrecisions = item.stringArray("unsupported_precisions");
    for (std::size_t i = 0; i < a.unsupportedPrecisions.size(); ++i) {
        const auto &token = a.unsupportedPrecisions[i];
        if (std::find(kPrecisionTokens.begin(), kPrecisionTokens.end(), token) ==
            kPrecisionTokens.end())
            throw InputError(item.file(),
                             item.pointerOf("unsupported_precisions") + "/" + std::to_string(i),
                             "unknown precision \"" + token +
                                 "\" (expected one of: " + joined(kPrecisionTokens) + ")");
    }
    a.memoryType = item.stringOr("memory_type", "");
    a.hbmBytes = item.requiredPositive("hbm_gb") * kGiga;
    a.hbmBytesPerSecond = item.requiredPositive("hbm_bw_tb_s") * kTera;
    a.l2Bytes = scaled(item, "l2_cache_mb", kMega);
    a.scaleUpLink = item.stringOr("scale_up_link", "");
    a.scaleUpInterconnectId = item.stringOr("scale_up_interconnect_id", "");
    a.scaleUpBytesPerSecondBidirectional = scaled(item, "scale_up_gb_s_bidir", kGiga);
    a.maxScaleUpDomain = count(item, "max_scale_up_domain");
    a.pcieGen = count(item, "pcie_gen");
    a.tdpWatts = scaled(item, "tdp_w", 1.0);
    a.transistorsBillion = scaled(item, "transistors_billion", 1.0);
    a.processNode = item.stringOr("process_node", "");
    a.sourceUrl = item.requiredString("source_url");
    a.notes = item.stringOr("notes", "");
    if (const auto efficiency = item.optionalObject("efficiency"))
        a.efficiency = parseEfficiency(*efficiency);
    return a;
}

CpuSpec parseCpu(const JsonObject &item) {
    item.rejectUnknownFields(kCpuFields, kFieldNamesHint);
    CpuSpec c;
    c.id = parseCatalogId(item);
    c.name = item.requiredString("name");
    c.vendor = item.requiredString("vendor");
    c.architecture = item.stringOr("architecture", "");
    c.year = year(item, "year");
    c.cores = count(item, "cores");
    c.memoryType = item.stringOr("memory_type", "");
    c.maxMemoryBytes = scaled(item, "max_memory_gb", kGiga);
    c.memoryBytesPerSecond = scaled(item, "memory_bw_gb_s", kGiga);
    c.chipToChipLink = item.stringOr("chip_to_chip_link", "");
    c.chipToChipBytesPerSecondBidirectional = scaled(item, "chip_to_chip_gb_s_bidir", kGiga);
    c.tdpWatts = scaled(item, "tdp_w", 1.0);
    c.sourceUrl = item.requiredString("source_url");
    c.notes = item.stringOr("notes", "");
    return c;
}

SystemSpec parseSystem(const JsonObject &item) {
    item.rejectUnknownFields(kSystemFields, kFieldNamesHint);
    SystemSpec s;
    s.id = parseCatalogId(item);
    s.name = item.requiredString("name");
    s.vendor = item.requiredString("vendor");
    s.year = year(item, "year");
    const std::string kind = choice(item, "kind", kSystemKinds, true);
    s.kind = kind == "rack"        ? SystemKind::Rack
             : kind == "superpod"  ? SystemKind::Superpod
             : kind == "reference" ? SystemKind::Reference
                                   : SystemKind::Server;
    s.gpuId = item.stringOr("gpu_id", "");
    s.gpuModel = item.stringOr("gpu_model", "");
    s.gpuCount = s.kind == SystemKind::Superpod ? count(item, "gpu_count", 0)
                                                : requiredCount(item, "gpu_count", 0);
    if (s.gpuCount > 0 && s.gpuId.empty())
        item.fail("gpu_id", "required string is missing (gpu_count > 0)");
    s.gpusPerNode = count(item, "gpus_per_node");
    s.cpuId = item.stringOr("cpu_id", "");
    s.cpuModel = item.stringOr("cpu_model", "");
    s.cpuCount = count(item, "cpu_count");
    s.cpusPerNode = count(item, "cpus_per_node");
    s.cpuCoresTotal = count(item, "cpu_cores_total");
    s.nodesPerRack = count(item, "nodes_per_rack");
    s.racksPerSystem = count(item, "racks_per_system");
    s.gpuMemoryTotalBytes = scaled(item, "gpu_memory_total_gb", kGiga);
    s.gpuMemoryTotalBytesPerSecond = scaled(item, "gpu_memory_bw_total_tb_s", kTera);
    s.systemMemoryBytes = scaled(item, "system_memory_gb", kGiga);
    s.nvlinkDomainGpus = count(item, "nvlink_domain_gpus");
    s.nvswitchChips = count(item, "nvswitch_chips", 0);
    s.nvswitchTrays = count(item, "nvswitch_trays", 0);
    s.nvswitchGeneration = item.stringOr("nvswitch_generation", "");
    s.scaleUpInterconnectId = item.stringOr("scale_up_interconnect_id", "");
    s.scaleUpAggregateBytesPerSecondBidirectional =
        scaled(item, "scale_up_aggregate_tb_s_bidir", kTera);
    s.scaleOutInterconnectId = item.stringOr("scale_out_interconnect_id", "");
    s.nicId = item.stringOr("nic_id", "");
    s.nicsPerGpu = scaled(item, "nics_per_gpu", 1.0);
    s.nicBitsPerSecond = scaled(item, "nic_gbps", kGiga);
    // Per-GPU scale-out bandwidth one way: NICs per GPU x bits per second per NIC / 8.
    s.scaleOutBytesPerSecondPerGpu = s.nicsPerGpu * s.nicBitsPerSecond / 8.0;
    s.scaleOutNics = item.stringOr("scale_out_nics", "");
    s.storageNics = item.stringOr("storage_nics", "");
    s.powerWatts = scaled(item, "power_kw", kKilo);
    s.powerPerRackWatts = scaled(item, "power_per_rack_kw", kKilo);
    s.powerPerSuWatts = scaled(item, "power_per_su_kw", kKilo);
    s.rackUnits = count(item, "rack_units");
    s.formFactor = item.stringOr("form_factor", "");
    s.rackLayout = parseRackLayout(item);
    s.rackLayoutNote = item.stringOr("rack_layout_note", "");
    s.headlineAiPflops = item.stringOr("headline_ai_pflops", "");
    s.headlinePrecision = item.stringOr("headline_precision", "");
    if (s.kind == SystemKind::Superpod) {
        s.nodeSystemId = item.requiredString("node_system_id");
        s.suNodes = requiredCount(item, "su_nodes", 1);
        s.suGpus = requiredCount(item, "su_gpus", 1);
    } else if (item.has("node_system_id") || item.has("su_nodes") || item.has("sizes")) {
        item.fail(item.has("node_system_id") ? "node_system_id"
                  : item.has("su_nodes")     ? "su_nodes"
                                             : "sizes",
                  "only SuperPOD entries (kind \"superpod\") have scalable units");
    }
    s.suComputeTrays = count(item, "su_compute_trays");
    s.computeFabric = item.stringOr("compute_fabric", "");
    s.fabricSwitchId = item.stringOr("fabric_switch_id", "");
    s.switchRadix = count(item, "switch_radix", 2);
    s.fabricTiers = count(item, "fabric_tiers");
    if (s.fabricTiers > 4)
        item.fail("fabric_tiers", "must be 1 to 4");
    s.fabricTiersNote = item.stringOr("fabric_tiers_note", "");
    s.leafSwitchesPerSu = count(item, "leaf_switches_per_su");
    s.spineSwitchesPerSu = count(item, "spine_switches_per_su");
    s.scaleNote = item.stringOr("max_documented_scale", "");
    s.maxNodes = count(item, "max_nodes");
    s.maxGpus = count(item, "max_gpus");
    s.sizes = parseSizes(item);
    s.sourceUrl = item.requiredString("source_url");
    s.notes = item.stringOr("notes", "");
    checkComposition(item, s);
    return s;
}

InterconnectSpec parseInterconnect(const JsonObject &item) {
    item.rejectUnknownFields(kInterconnectFields, kFieldNamesHint);
    InterconnectSpec s;
    s.id = parseCatalogId(item);
    s.name = item.requiredString("name");
    s.category = choice(item, "category", kInterconnectCategories, true);
    s.vendor = item.stringOr("vendor", "");
    s.generation = item.stringOr("generation", "");
    s.year = year(item, "year");
    s.usedIn = item.stringOr("used_in", "");
    s.signaling = item.stringOr("signaling", "");
    s.perLinkBytesPerSecondBidirectional = scaled(item, "per_link_gb_s_bidir", kGiga);
    s.linksPerDevice = count(item, "links_per_device");
    s.perDeviceBytesPerSecondBidirectional = scaled(item, "per_device_gb_s_bidir", kGiga);
    s.portBitsPerSecond = scaled(item, "port_gbps_per_direction", kGiga);
    s.switchPorts = count(item, "switch_ports");
    s.switchAggregateBytesPerSecondBidirectional =
        scaled(item, "switch_aggregate_gb_s_bidir", kGiga);
    s.maxDomain = item.stringOr("max_domain", "");
    s.fatTree2TierEndpoints = scaled(item, "fat_tree_2tier_endpoints", 1.0);
    s.fatTree3TierEndpoints = scaled(item, "fat_tree_3tier_endpoints", 1.0);
    s.inNetworkCompute = item.stringOr("in_network_compute", "");
    s.latencySeconds = scaled(item, "latency_us", kMicro);
    s.busBwLowBytesPerSecond = scaled(item, "busbw_low_gb_s", kGiga);
    s.busBwHighBytesPerSecond = scaled(item, "busbw_high_gb_s", kGiga);
    if (s.category == "nccl-measurement" && s.busBwLowBytesPerSecond == 0.0)
        item.fail("busbw_low_gb_s", "required number is missing (category nccl-measurement)");
    if (s.busBwHighBytesPerSecond > 0.0 && s.busBwHighBytesPerSecond < s.busBwLowBytesPerSecond)
        item.fail("busbw_high_gb_s", "must be >= busbw_low_gb_s");
    if (s.busBwHighBytesPerSecond == 0.0)
        s.busBwHighBytesPerSecond = s.busBwLowBytesPerSecond;
    s.measuredInterconnectId = item.stringOr("measured_interconnect_id", "");
    // An explicit fraction is kept as both ends; otherwise the loader derives them.
    s.achievableFraction = scaled(item, "achievable_fraction", 1.0);
    s.achievableFractionHigh = s.achievableFraction;
    s.sourceUrl = item.requiredString("source_url");
    s.notes = item.stringOr("notes", "");
    return s;
}

} // namespace scalescope::models
