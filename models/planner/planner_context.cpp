#include "models/planner/planner_context.h"

#include "models/core/format.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

// Defaults when the catalog has no measurement (interconnects.json achievable_fraction):
// ring all-reduce bus bandwidth on 8x H100/H200 NVLink4 is 365-370 GB/s of 450 GB/s per
// direction (0.81), 680 of 900 on B200 (0.76); NDR InfiniBand reaches 46-48 of 50 GB/s per
// NIC (0.92-0.96). Shared reference hardware/README.md section 3g.
constexpr double defaultScaleUpFraction = 0.80;
constexpr double defaultScaleOutFraction = 0.92;
// Per-step latencies of NCCL's ring/tree algorithms when the catalog has none.
constexpr double defaultScaleUpLatency = 2.0e-6;
constexpr double defaultScaleOutLatency = 5.0e-6;

std::string number(double value) {
    const double rounded = std::round(value);
    if (std::abs(value - rounded) < 1e-9 && std::abs(value) < 1e15)
        return std::to_string(static_cast<long long>(rounded));
    return std::to_string(value);
}

std::string precisionLabel(Precision precision) {
    return std::string(precisionName(precision));
}

double peakOf(const AcceleratorSpec &accelerator, Precision precision) {
    return gpuRates(accelerator, precision).peakFlopsPerSecond;
}

LinkRates linkFrom(const InterconnectSpec *link, double bytesPerSecond, double fraction,
                   double latency) {
    LinkRates rates;
    rates.bytesPerSecond = bytesPerSecond;
    rates.achievableFraction =
        link != nullptr && link->achievableFraction > 0.0 ? link->achievableFraction : fraction;
    rates.latencySeconds =
        link != nullptr && link->latencySeconds > 0.0 ? link->latencySeconds : latency;
    return rates;
}

/// Scale-up domain and link: the system's NVLink domain and interconnect over the GPU's own,
/// with the node's power overhead per GPU. Returns the domain as the catalog gives it.
int resolveScaleUp(const Catalog &catalog, const AcceleratorSpec &gpu, const SystemSpec *system,
                   HardwareContext &hardware) {
    std::string scaleUpId = gpu.scaleUpInterconnectId;
    int domain = gpu.maxScaleUpDomain;
    hardware.gpusPerNode = std::max(1, gpu.maxScaleUpDomain);
    if (system != nullptr) {
        if (!system->scaleUpInterconnectId.empty())
            scaleUpId = system->scaleUpInterconnectId;
        if (system->nvlinkDomainGpus > 0)
            domain = system->nvlinkDomainGpus;
        hardware.gpusPerNode =
            system->gpusPerNode > 0 ? system->gpusPerNode : std::max(1, system->gpuCount);
        if (system->powerWatts > 0.0 && system->gpuCount > 0)
            hardware.nodeOverheadWattsPerGpu =
                std::max(0.0, system->powerWatts / system->gpuCount - gpu.tdpWatts);
    }
    const InterconnectSpec *scaleUp =
        scaleUpId.empty() ? nullptr : catalog.findInterconnect(scaleUpId);
    double scaleUpBidirectional = gpu.scaleUpBytesPerSecondBidirectional;
    if (scaleUp != nullptr && scaleUp->perDeviceBytesPerSecondBidirectional > 0.0)
        scaleUpBidirectional = scaleUp->perDeviceBytesPerSecondBidirectional;
    hardware.fabric.scaleUpDomainGpus = std::max(1, domain);
    hardware.fabric.scaleUp = linkFrom(scaleUp, scaleUpBidirectional / 2.0, defaultScaleUpFraction,
                                       defaultScaleUpLatency);
    hardware.scaleUpName = scaleUp != nullptr ? scaleUp->name : gpu.scaleUpLink;
    hardware.scaleUpSource = scaleUp != nullptr ? scaleUp->sourceUrl : gpu.sourceUrl;
    return domain;
}

/// Scale-out network: the system's compute fabric, else one assumed 400 Gb/s NIC per GPU; a
/// card without a scale-up link sends every collective over it.
void resolveScaleOut(const Catalog &catalog, const HardwareChoice &choice,
                     const AcceleratorSpec &gpu, const SystemSpec *system, int domain,
                     HardwareContext &hardware) {
    const InterconnectSpec *scaleOut = nullptr;
    double scaleOutBytes = 0.0;
    if (system != nullptr) {
        if (!system->scaleOutInterconnectId.empty())
            scaleOut = catalog.findInterconnect(system->scaleOutInterconnectId);
        scaleOutBytes = system->scaleOutBytesPerSecondPerGpu;
        if (scaleOutBytes <= 0.0 && scaleOut != nullptr && scaleOut->portBitsPerSecond > 0.0)
            scaleOutBytes = scaleOut->portBitsPerSecond / 8.0 * std::max(1.0, system->nicsPerGpu);
    }
    if (scaleOutBytes <= 0.0) {
        // No system (or one without a compute fabric): assume one 400 Gb/s NIC per GPU.
        scaleOut = catalog.findInterconnect("ib-ndr");
        scaleOutBytes = 400e9 / 8.0;
        if (choice.numGpus > std::max(1, domain))
            hardware.warnings.push_back("no scale-out network in the catalog for this hardware: "
                                        "assumed one 400 Gb/s InfiniBand NDR NIC per GPU");
    }
    hardware.fabric.scaleOut =
        linkFrom(scaleOut, scaleOutBytes, defaultScaleOutFraction, defaultScaleOutLatency);
    hardware.scaleOutName = scaleOut != nullptr ? scaleOut->name : "400 Gb/s per GPU (assumed)";
    hardware.scaleOutSource = scaleOut != nullptr ? scaleOut->sourceUrl : std::string();
    if (hardware.fabric.scaleUp.bytesPerSecond <= 0.0) {
        // PCIe-only cards: GPU-to-GPU traffic crosses the host link.
        hardware.fabric.scaleUp = hardware.fabric.scaleOut;
        hardware.fabric.scaleUpDomainGpus = 1;
        hardware.warnings.push_back(gpu.id + " has no scale-up link: every collective uses the "
                                             "scale-out network");
    }
}

} // namespace

// Usable HBM: datasheets quote HBM capacity in "GB" that are binary (stacks of 16 or 24 GiB):
// an "80 GB" A100/H100 reports 81,920 / 81,559 MiB in nvidia-smi, a "141 GB" H200 143,771 MiB
// (docs/reference/H200-measured.md). The catalog stores hbm_gb x 1e9, so the number
// is converted back to GiB: capacity = hbm_gb x 2^30 B.
double usableMemoryBytes(const AcceleratorSpec &accelerator) {
    // hbm_gb, then whole GiB: exact for the integer "GB" of every datasheet.
    return accelerator.hbmBytes / 1e9 * 1073741824.0;
}

std::string usableMemoryText(double bytes) {
    return formatBytesBinary(bytes);
}

bool resolveHardware(const HardwareChoice &choice, const Catalog &catalog, Precision precision,
                     HardwareContext &hardware, std::string &field, std::string &reason) {
    hardware = HardwareContext{};
    const SystemSpec *system = nullptr;
    if (!choice.systemId.empty()) {
        system = catalog.findSystem(choice.systemId);
        if (system == nullptr) {
            field = "/hardware/system";
            reason = "unknown system id \"" + choice.systemId + "\"";
            return false;
        }
        hardware.systemId = system->id;
        hardware.systemSource = system->sourceUrl;
        if (!system->nodeSystemId.empty()) {
            // A SuperPOD: the node system defines the per-node fabric.
            if (const SystemSpec *node = catalog.findSystem(system->nodeSystemId))
                system = node;
        }
    }
    std::string gpuId = choice.gpuId;
    if (gpuId.empty() && system != nullptr)
        gpuId = system->gpuId;
    if (gpuId.empty()) {
        field = "/hardware";
        reason = "neither a system nor a gpu is given";
        return false;
    }
    const AcceleratorSpec *gpu = catalog.findAccelerator(gpuId);
    if (gpu == nullptr) {
        field = choice.gpuId.empty() ? "/hardware/system" : "/hardware/gpu";
        reason = "unknown accelerator id \"" + gpuId + "\"";
        return false;
    }
    if (gpu->hbmBytes <= 0.0) {
        field = "/hardware/gpu";
        reason = gpu->id + " has no HBM capacity in the catalog";
        return false;
    }
    if (peakOf(*gpu, precision) <= 0.0 || gpu->bf16FlopsPerSecond <= 0.0) {
        field = "/training/precision";
        reason = gpu->id + " has no dense " + precisionLabel(precision) + " peak in the catalog";
        return false;
    }
    hardware.gpuId = gpu->id;
    hardware.gpuName = gpu->name;
    hardware.gpuSource = gpu->sourceUrl;
    hardware.profile = computeProfile(*gpu);
    hardware.rates = gpuRates(*gpu, precision);
    hardware.hbmBytes = usableMemoryBytes(*gpu);
    hardware.gpuTdpWatts = gpu->tdpWatts;
    if (!hardware.profile.measured)
        hardware.warnings.push_back(hardware.profile.basis);

    const int domain = resolveScaleUp(catalog, *gpu, system, hardware);
    resolveScaleOut(catalog, choice, *gpu, system, domain, hardware);
    return true;
}

PlannerContext makePlannerContext(const ModelShape &model, const TrainingSettings &training,
                                  const Economics &economics, int numGpus,
                                  const HardwareContext &hardware, const OptimizerRecipe &recipe,
                                  const PlannerOptions &options) {
    PlannerContext context;
    context.arithmetic = computeModelArithmetic(model);
    context.hidden = model.hidden;
    context.heads = model.heads;
    context.vocab = model.vocab;
    context.sequence = model.seqLen;
    context.ffn = model.ffn;
    context.gatedMlp = model.gatedMlp;
    context.rotary = model.positionEmbedding == PositionEmbedding::Rotary;
    // Dropout is part of the GPT-3 / Megatron GPT recipe (biased projections); bias-free
    // Llama-style models (Llama, Mixtral, Nemotron-4, DeepSeek) train without it.
    context.dropout = model.linearBiases;
    const double h = model.hidden;
    const double a = model.heads;
    const double gated = model.gatedMlp ? 2.0 : 1.0;
    const bool lowPrecision = bytesPerElement(training.precision) < 2.0;

    LayerGemms attention;
    auto add = [](LayerGemms &gemms, GemmShape shape) {
        if (shape.n > 0.0 && shape.k > 0.0 && gemms.count < static_cast<int>(gemms.gemms.size()))
            gemms.gemms[static_cast<std::size_t>(gemms.count++)] = shape;
    };
    if (model.mla.enabled()) {
        const MlaShape &mla = model.mla;
        const double qHead = double(mla.qkNopeHeadDim) + mla.qkRopeHeadDim;
        context.headDim = qHead;
        context.queryWidth = a * qHead;
        context.kvHeads = a;
        context.kvWidth = a * (qHead + mla.vHeadDim) / 2.0;
        if (mla.qLoraRank > 0) {
            add(attention, {double(mla.qLoraRank), h, TpSplit::Replicated, lowPrecision});
            add(attention, {a * qHead, double(mla.qLoraRank), TpSplit::Columns, lowPrecision});
        } else {
            add(attention, {a * qHead, h, TpSplit::Columns, lowPrecision});
        }
        add(attention,
            {double(mla.kvLoraRank) + mla.qkRopeHeadDim, h, TpSplit::Replicated, lowPrecision});
        add(attention, {a * (double(mla.qkNopeHeadDim) + mla.vHeadDim), double(mla.kvLoraRank),
                        TpSplit::Columns, lowPrecision});
        add(attention, {h, a * mla.vHeadDim, TpSplit::Rows, lowPrecision});
    } else {
        const double d = model.effectiveHeadDim();
        context.headDim = d;
        context.queryWidth = a * d;
        context.kvHeads = model.kvHeads;
        context.kvWidth = model.kvHeads * d;
        add(attention, {a * d + 2.0 * model.kvHeads * d, h, TpSplit::Columns, lowPrecision});
        add(attention, {h, a * d, TpSplit::Rows, lowPrecision});
    }
    context.denseGemms = attention;
    add(context.denseGemms, {gated * model.ffn, h, TpSplit::Columns, lowPrecision});
    add(context.denseGemms, {h, double(model.ffn), TpSplit::Rows, lowPrecision});

    if (model.isMoe()) {
        const MoeShape &moe = model.moe;
        context.moe = true;
        context.experts = moe.experts;
        context.topK = moe.topK;
        context.expertFfn = moe.expertFfn;
        context.sharedExperts = moe.sharedExperts;
        context.moeGemms = attention;
        add(context.moeGemms, {double(moe.experts), h, TpSplit::Replicated, false});
        if (moe.sharedExperts > 0) {
            const double shared = double(moe.sharedExperts) * moe.expertFfn;
            add(context.moeGemms, {gated * shared, h, TpSplit::Columns, lowPrecision});
            add(context.moeGemms, {h, shared, TpSplit::Rows, lowPrecision});
        }
        context.expertFc1 = {gated * moe.expertFfn, h, TpSplit::Columns, lowPrecision};
        context.expertFc2 = {h, double(moe.expertFfn), TpSplit::Rows, lowPrecision};
    }

    context.globalBatchTokens = training.globalBatchTokens;
    context.totalTokens = training.totalTokens;
    context.numGpus = numGpus;
    context.rates = hardware.rates;
    context.fabric = hardware.fabric;
    context.hbmBytes = hardware.hbmBytes;
    context.gpuTdpWatts = hardware.gpuTdpWatts;
    context.nodeOverheadWattsPerGpu = hardware.nodeOverheadWattsPerGpu;
    context.mfuPeakFlopsPerSecond = options.mfuOnBf16Peak ? hardware.rates.bf16PeakFlopsPerSecond
                                                          : hardware.rates.peakFlopsPerSecond;
    context.recipe = recipe;
    context.precision = training.precision;
    context.lowPrecisionGemms = lowPrecision;
    context.usdPerGpuHour = economics.usdPerGpuHour;
    context.pue = economics.pue;
    context.options = options;
    return context;
}

std::string layoutIssueField(LayoutIssue issue) {
    switch (issue) {
    case LayoutIssue::None:
        return "";
    case LayoutIssue::NonPositiveDegree:
        return "/parallelism";
    case LayoutIssue::ZeroStage:
        return "/parallelism/zero_stage";
    case LayoutIssue::GpuCount:
        return "/hardware/num_gpus";
    case LayoutIssue::TpHeads:
    case LayoutIssue::TpKvHeads:
    case LayoutIssue::TpFfn:
        return "/parallelism/tp";
    case LayoutIssue::PpLayers:
        return "/parallelism/pp";
    case LayoutIssue::VppLayers:
        return "/parallelism/vpp";
    case LayoutIssue::CpSequence:
        return "/parallelism/cp";
    case LayoutIssue::EpDense:
    case LayoutIssue::EpExperts:
    case LayoutIssue::EpData:
        return "/parallelism/ep";
    case LayoutIssue::BatchSequences:
        return "/training/global_batch_tokens";
    case LayoutIssue::BatchDivisibility:
        return "/parallelism/micro_batch";
    }
    return "/parallelism";
}

std::string layoutIssueReason(LayoutIssue issue, const PlannerContext &context,
                              const Parallelism &p) {
    const ModelArithmetic &model = context.arithmetic;
    switch (issue) {
    case LayoutIssue::None:
        return "";
    case LayoutIssue::NonPositiveDegree:
        return "tp, pp, dp, cp, ep, vpp and micro_batch must all be at least 1";
    case LayoutIssue::ZeroStage:
        return "zero_stage must be 0, 1, 2 or 3 (got " + number(p.zeroStage) + ")";
    case LayoutIssue::GpuCount:
        return "tp x pp x dp x cp = " + number(p.tp) + " x " + number(p.pp) + " x " + number(p.dp) +
               " x " + number(p.cp) + " = " + number(double(p.tp) * p.pp * p.dp * p.cp) +
               " but the scenario has " + number(context.numGpus) + " GPUs";
    case LayoutIssue::TpHeads:
        return "tp " + number(p.tp) + " does not divide the " + number(context.heads) +
               " attention heads";
    case LayoutIssue::TpKvHeads:
        return "tp " + number(p.tp) + " and the " + number(context.kvHeads) +
               " KV heads must divide one another";
    case LayoutIssue::TpFfn:
        return "tp " + number(p.tp) + " does not divide the FFN width";
    case LayoutIssue::PpLayers:
        return "pp " + number(p.pp) + " exceeds the " + number(model.layers) + " layers";
    case LayoutIssue::VppLayers:
        return p.pp <= 1 ? "vpp > 1 (interleaving) needs pp > 1"
                         : "pp x vpp = " + number(double(p.pp) * p.vpp) + " exceeds the " +
                               number(model.layers) + " layers";
    case LayoutIssue::CpSequence:
        return "2 x cp = " + number(2.0 * p.cp) + " does not divide the sequence length " +
               number(context.sequence) + " (load-balanced causal chunks)";
    case LayoutIssue::EpDense:
        return "ep " + number(p.ep) + " > 1 needs a mixture-of-experts model";
    case LayoutIssue::EpExperts:
        return "ep " + number(p.ep) + " does not divide the " + number(context.experts) +
               " experts";
    case LayoutIssue::EpData:
        return "ep " + number(p.ep) + " does not divide dp x cp = " + number(p.dp) + " x " +
               number(p.cp) + " (expert parallelism is folded into data parallelism)";
    case LayoutIssue::BatchSequences:
        return "global batch " + number(context.globalBatchTokens) +
               " tokens is not a whole number of " + number(context.sequence) + "-token sequences";
    case LayoutIssue::BatchDivisibility: {
        const double sequences = context.globalBatchTokens / context.sequence;
        return number(sequences) + " sequences per step are not divisible by micro_batch x dp = " +
               number(p.microBatch) + " x " + number(p.dp);
    }
    }
    return "invalid layout";
}

LayoutIssue checkLayout(const PlannerContext &context, const Parallelism &p) {
    if (p.tp < 1 || p.pp < 1 || p.dp < 1 || p.cp < 1 || p.ep < 1 || p.vpp < 1 || p.microBatch < 1)
        return LayoutIssue::NonPositiveDegree;
    if (p.zeroStage < 0 || p.zeroStage > 3)
        return LayoutIssue::ZeroStage;
    if (static_cast<long long>(p.tp) * p.pp * p.dp * p.cp != context.numGpus)
        return LayoutIssue::GpuCount;
    const int heads = static_cast<int>(context.heads);
    const int kvHeads = static_cast<int>(context.kvHeads);
    if (heads % p.tp != 0)
        return LayoutIssue::TpHeads;
    if (kvHeads % p.tp != 0 && p.tp % kvHeads != 0)
        return LayoutIssue::TpKvHeads;
    if (std::fmod(context.ffn, p.tp) != 0.0 || std::fmod(context.expertFfn, p.tp) != 0.0)
        return LayoutIssue::TpFfn;
    const int layers = context.arithmetic.layers;
    if (p.pp > layers)
        return LayoutIssue::PpLayers;
    if (p.vpp > 1 && (p.pp <= 1 || static_cast<long long>(p.pp) * p.vpp > layers))
        return LayoutIssue::VppLayers;
    if (p.cp > 1 && std::fmod(context.sequence, 2.0 * p.cp) != 0.0)
        return LayoutIssue::CpSequence;
    if (p.ep > 1) {
        if (!context.moe)
            return LayoutIssue::EpDense;
        if (std::fmod(context.experts, p.ep) != 0.0)
            return LayoutIssue::EpExperts;
        if ((p.dp * p.cp) % p.ep != 0)
            return LayoutIssue::EpData;
    }
    const double sequences = context.globalBatchTokens / context.sequence;
    if (sequences < 1.0 || std::abs(sequences - std::round(sequences)) > 1e-6)
        return LayoutIssue::BatchSequences;
    const long long whole = std::llround(sequences);
    if (whole % (static_cast<long long>(p.microBatch) * p.dp) != 0)
        return LayoutIssue::BatchDivisibility;
    return LayoutIssue::None;
}

} // namespace scalescope::models
