#pragma once

// Inputs of the inference (serving) model: the serving layout, number formats, workload and the
// engine's named efficiencies. Every default is sourced in docs/inference.md.

#include "models/planner/collectives.h"
#include "models/scenario/precision.h"

#include <string>

namespace scalescope::models {

/// Block-scaled 4-bit formats carry one scale per block of values.
enum class BlockScale {
    None,  ///< per-tensor or per-channel scales (negligible storage)
    Nvfp4, ///< one FP8 (E4M3) scale per 16 values: +1/16 byte per value
    Mxfp4, ///< one E8M0 scale per 32 values (OCP MX): +1/32 byte per value
};

/// How weights or the KV cache are stored.
struct NumberFormat {
    Precision precision = Precision::Bf16;
    BlockScale blockScale = BlockScale::None;
    bool operator==(const NumberFormat &) const = default;
};

/// Storage per value [B]: the element width plus the block scale's share.
[[nodiscard]] double storageBytesPerValue(const NumberFormat &format);

/// One model instance (replica): `tp` x `pp` GPUs. Routed experts are spread over `ep` ranks of
/// the TP group (each expert split over tp/ep GPUs). With `attentionDataParallel` the attention
/// runs data-parallel over the tp GPUs (each holds whole attention weights and 1/tp of the
/// sequences) and the MoE layers exchange tokens by all-to-all (DeepSeek-style "DEP").
struct ServingLayout {
    int tp = 1;
    int pp = 1;
    int ep = 1;
    bool attentionDataParallel = false;
    [[nodiscard]] int gpus() const { return tp * pp; }
    bool operator==(const ServingLayout &) const = default;
};

/// The GPU an instance runs on, in SI units (see inferenceHardware in inference_hardware.h).
struct InferenceHardware {
    std::string gpuId;
    double hbmBytes = 0.0;          ///< usable capacity per GPU [B]
    double hbmBytesPerSecond = 0.0; ///< datasheet bandwidth [B/s]
    double bf16FlopsPerSecond = 0.0;
    double fp8FlopsPerSecond = 0.0;
    double fp4FlopsPerSecond = 0.0; ///< 0 = no FP4 tensor cores
    FabricRates fabric;
    double powerWatts = 0.0; ///< per GPU while serving (default: TDP)

    /// Dense peak of the GEMMs for weights in `precision` [FLOP/s]: FP4 and FP8 weights use
    /// their own tensor-core rate, everything else the BF16 rate.
    [[nodiscard]] double gemmFlopsPerSecond(Precision precision) const;
};

/// Measured on one H100 SXM in plain PyTorch with CUDA graphs (docs/inference.md, "Engine
/// efficiencies"): Llama-3-8B-shaped decode at batch 1 streams weights + KV at 1,870 GB/s,
/// i.e. 1870 / 3350 of the datasheet bandwidth (62 % of the measured copy bandwidth).
inline constexpr double kMeasuredDecodeHbmEfficiency = 1870.0 / 3350.0;
/// Same source: prefill of a 1,024-token prompt at 508 TFLOP/s of the 989.5 TFLOP/s datasheet
/// dense BF16 peak.
inline constexpr double kMeasuredPrefillComputeEfficiency = 508.0 / 989.5;

/// The serving engine's named efficiencies and memory policy.
struct EngineSettings {
    double hbmEfficiency = kMeasuredDecodeHbmEfficiency;          ///< of datasheet bandwidth
    double computeEfficiency = kMeasuredPrefillComputeEfficiency; ///< of dense peak
    /// Share of the memory left after weights and workspace that the engine keeps free
    /// (TensorRT-LLM kv_cache_free_gpu_mem_fraction 0.90 leaves 0.10).
    double reservedFraction = 0.10;
    /// Activations and the CUDA context [B]: 3 GiB is an assumption, not a measurement, and is
    /// named as one in docs/inference.md ("What fits").
    double workspaceBytes = 3.0 * 1024.0 * 1024.0 * 1024.0;
    double stepOverheadSeconds = 0.0; ///< per decode step (scheduler) [s]
    int maxConcurrency = 0;           ///< engine's largest batch; 0 = limited by memory only
    bool embeddingsBf16 = true;       ///< embedding and LM head kept in BF16 (FP8/FP4 checkpoints)
    double activationBytes = 2.0;     ///< bytes per activation value sent between GPUs
    bool operator==(const EngineSettings &) const = default;
};

/// Everything that defines one serving configuration except the concurrency sweep.
struct ServingSettings {
    ServingLayout layout;
    NumberFormat weights;
    NumberFormat kvCache;
    double inputTokens = 1024.0;  ///< prompt length (ISL)
    double outputTokens = 1024.0; ///< generated tokens (OSL)
    int concurrency = 1;          ///< sequences in flight per instance
    double contextLimit = 0.0;    ///< the model's context window; 0 = the model's seq_len
    EngineSettings engine;
    bool operator==(const ServingSettings &) const = default;
};

} // namespace scalescope::models
