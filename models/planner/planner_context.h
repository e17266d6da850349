#pragma once

// The compact, precomputed description the training planner evaluates layouts against: one
// `PlannerContext` per (model, hardware, batch, recipe, options), built once, then
// `evaluateLayout(context, parallelism)` per parallel layout: a pure function with no heap
// allocation, fast enough for the parallelism search (see tests/bench/bench_planner.cpp).

#include "models/catalog/catalog.h"
#include "models/planner/collectives.h"
#include "models/planner/efficiency_model.h"
#include "models/planner/model_arithmetic.h"
#include "models/planner/optimizer_recipe.h"
#include "models/planner/rank_layout.h"
#include "models/scenario/scenario.h"

#include <array>
#include <string>
#include <vector>

namespace scalescope::models {

/// How a GEMM's weight is split by tensor parallelism.
enum class TpSplit { Columns, Rows, Replicated };

/// One weight GEMM of a layer: [tokens x k] x [k x n] before the TP split.
struct GemmShape {
    double n = 0.0;
    double k = 0.0;
    TpSplit split = TpSplit::Columns;
    bool lowPrecision = true; ///< runs at the training precision (else BF16: routers, logits)
    bool operator==(const GemmShape &) const = default;
};

/// The weight GEMMs of one layer kind (dense or MoE), without routed experts.
struct LayerGemms {
    std::array<GemmShape, 8> gemms{};
    int count = 0;
    bool operator==(const LayerGemms &) const = default;
};

/// The fabric and power of the hardware a scenario runs on, resolved from the catalog.
struct HardwareContext {
    std::string gpuId;
    std::string systemId;
    std::string gpuName;
    GpuRates rates;
    ComputeProfile profile;
    FabricRates fabric;
    int gpusPerNode = 8;
    double hbmBytes = 0.0; ///< usable HBM: the datasheet's "GB" read as GiB (nvidia-smi total)
    double gpuTdpWatts = 0.0;
    double nodeOverheadWattsPerGpu = 0.0; ///< (system power - GPU TDPs) / GPUs; 0 = unknown
    std::string scaleUpName;              ///< "NVLink 4 (18 links)"
    std::string scaleOutName;             ///< "InfiniBand NDR"
    std::string gpuSource;                ///< source_url of the accelerator
    std::string systemSource;
    std::string scaleUpSource;
    std::string scaleOutSource;
    std::vector<std::string> warnings; ///< assumptions made while resolving
};

/// The HBM one GPU can use [B], the single reading every view shows: the datasheet's "GB" read
/// as GiB (capacity = hbm_gb x 2^30 B), as nvidia-smi reports it (reason in planner_context.cpp).
[[nodiscard]] double usableMemoryBytes(const AcceleratorSpec &accelerator);
/// How every view writes a usable-memory size: binary units, 3 significant digits ("80 GiB", "141
/// GiB").
[[nodiscard]] std::string usableMemoryText(double bytes);

/// Resolves `choice` against `catalog`. Returns false with `field` and `reason` set when an
/// id is unknown or the hardware cannot train (no HBM, no peak for the precision).
[[nodiscard]] bool resolveHardware(const HardwareChoice &choice, const Catalog &catalog,
                                   Precision precision, HardwareContext &hardware,
                                   std::string &field, std::string &reason);

/// Everything evaluateLayout needs, precomputed once. Plain data.
struct PlannerContext {
    // Model
    ModelArithmetic arithmetic;
    double hidden = 0.0;
    double heads = 0.0;
    double kvHeads = 0.0;    ///< K/V heads as stored (g; a for MLA after up-projection)
    double queryWidth = 0.0; ///< a * d_qk
    double kvWidth = 0.0;    ///< g * d_h (K and V width per token)
    double headDim = 0.0;    ///< d_qk
    double ffn = 0.0;        ///< dense FFN width
    double vocab = 0.0;
    double sequence = 0.0; ///< training sequence length s
    bool gatedMlp = false;
    bool rotary = true;
    bool dropout = true; ///< GPT-style models with linear biases train with dropout
    bool moe = false;
    double experts = 0.0;
    double topK = 0.0;
    double expertFfn = 0.0;
    double sharedExperts = 0.0;
    LayerGemms denseGemms;
    LayerGemms moeGemms; ///< attention + router + shared experts
    GemmShape expertFc1; ///< one routed expert's FC1 (n = f_e or 2 f_e gated)
    GemmShape expertFc2; ///< one routed expert's FC2

    // Batch and run
    double globalBatchTokens = 0.0;
    double totalTokens = 0.0;
    int numGpus = 0;

    // Hardware
    GpuRates rates;
    FabricRates fabric;
    double hbmBytes = 0.0;
    double gpuTdpWatts = 0.0;
    double nodeOverheadWattsPerGpu = 0.0;
    double mfuPeakFlopsPerSecond = 0.0; ///< the MFU/HFU denominator

    // Recipe, economics, options
    OptimizerRecipe recipe;
    Precision precision = Precision::Bf16;
    bool lowPrecisionGemms = false;
    double usdPerGpuHour = 0.0;
    double pue = 1.0;
    PlannerOptions options;
};

/// Builds the context. Throws InputError when the model shape is invalid (callers
/// check `checkModelShape` first and report it with its field).
[[nodiscard]] PlannerContext
makePlannerContext(const ModelShape &model, const TrainingSettings &training,
                   const Economics &economics, int numGpus, const HardwareContext &hardware,
                   const OptimizerRecipe &recipe, const PlannerOptions &options);

/// Why a layout cannot run (the first problem found), with the scenario field at fault.
enum class LayoutIssue {
    None,
    NonPositiveDegree, ///< a parallel degree or the micro-batch is < 1
    ZeroStage,         ///< zero_stage outside 0..3
    GpuCount,          ///< tp * pp * dp * cp != GPUs
    TpHeads,           ///< tp does not divide the attention heads
    TpKvHeads,         ///< tp and the KV heads are not multiples of one another
    TpFfn,             ///< tp does not divide the FFN width
    PpLayers,          ///< more pipeline stages than layers
    VppLayers,         ///< pp * vpp exceeds the layers, or vpp > 1 without pp > 1
    CpSequence,        ///< cp does not divide the sequence length
    EpDense,           ///< ep > 1 on a dense model
    EpExperts,         ///< ep does not divide the experts
    EpData,            ///< ep does not divide dp (EP is folded into DP)
    BatchSequences,    ///< the global batch is not a whole number of sequences
    BatchDivisibility, ///< sequences not divisible by micro-batch x dp
};

/// JSON pointer of the scenario field an issue is about ("/parallelism/tp").
[[nodiscard]] std::string layoutIssueField(LayoutIssue issue);
/// Human reason, with the numbers ("tp 3 does not divide 64 attention heads").
[[nodiscard]] std::string layoutIssueReason(LayoutIssue issue, const PlannerContext &context,
                                            const Parallelism &parallelism);

/// The first problem of `parallelism` for `context`, or LayoutIssue::None. These are the
/// scenario loader's rules (models/scenario/scenario_validation.h) that the physics needs, minus
/// two that published runs break: layers need not be divisible by pp x vpp (uneven interleaved
/// chunks, e.g. NeMo's Llama 3 405B with pp 8 x vpp 8 on 126 layers) and the micro-batches need not
/// be a multiple of pp under interleaving. `evaluate` applies the full loader rules first.
[[nodiscard]] LayoutIssue checkLayout(const PlannerContext &context,
                                      const Parallelism &parallelism);

/// Per-micro-batch times of one layer kind on one GPU [s], for explanations and tests.
struct LayerTimes {
    double gemmSeconds = 0.0;        ///< weight GEMMs, forward + backward (+ recompute)
    double attentionSeconds = 0.0;   ///< attention core incl. softmax/dropout when unfused
    double elementwiseSeconds = 0.0; ///< norms, activations, dropout, residual adds, casts
    double tpCommSeconds = 0.0;      ///< exposed TP collectives
    double epCommSeconds = 0.0;      ///< expert all-to-alls
    double cpCommSeconds = 0.0;      ///< exposed ring exchange of K and V
    double forwardSeconds = 0.0;     ///< forward part of compute (overlap windows)
    [[nodiscard]] double computeSeconds() const {
        return gemmSeconds + attentionSeconds + elementwiseSeconds;
    }
    [[nodiscard]] double totalSeconds() const {
        return computeSeconds() + tpCommSeconds + epCommSeconds + cpCommSeconds;
    }
    bool operator==(const LayerTimes &) const = default;
};

/// Everything one layout evaluation produces; fixed size, no heap.
struct LayoutMetrics {
    LayoutIssue issue = LayoutIssue::None;
    int microBatches = 0;    ///< per pipeline per step: B / (b dp)
    int mostLoadedStage = 0; ///< the stage with the largest memory total
    int bottleneckStage = 0; ///< the slowest stage
    double weightsBytes = 0.0, gradientsBytes = 0.0, optimizerBytes = 0.0;
    double activationsBytes = 0.0, otherBytes = 0.0;
    double stepSeconds = 0.0;
    double computeSeconds = 0.0, tpCommSeconds = 0.0, cpCommSeconds = 0.0, epCommSeconds = 0.0;
    double dpCommSeconds = 0.0, ppCommSeconds = 0.0, bubbleSeconds = 0.0, optimizerSeconds = 0.0;
    double tokensPerSecond = 0.0;
    double modelFlopsPerSecondPerGpu = 0.0;
    double mfu = 0.0;
    double hfu = 0.0;
    bool fits = false;
    LayerTimes denseLayer;         ///< per micro-batch
    LayerTimes moeLayer;           ///< per micro-batch (zero for dense models)
    double logitsSeconds = 0.0;    ///< output layer + loss per micro-batch on the last stage
    double embeddingSeconds = 0.0; ///< embedding + its TP collective per micro-batch, stage 0
    [[nodiscard]] double memoryBytes() const {
        return weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + otherBytes;
    }
};

/// Evaluates one layout: memory of the most loaded GPU, step time and throughput. Pure; no
/// allocation; an invalid layout returns with `issue` set and nothing else filled.
[[nodiscard]] LayoutMetrics evaluateLayout(const PlannerContext &context,
                                           const Parallelism &parallelism);

/// Memory terms of one pipeline stage under `parallelism` (the layout must be valid).
struct StageMemory {
    double weightsBytes = 0.0, gradientsBytes = 0.0, optimizerBytes = 0.0;
    double activationsBytes = 0.0, otherBytes = 0.0;
    [[nodiscard]] double totalBytes() const {
        return weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + otherBytes;
    }
    bool operator==(const StageMemory &) const = default;
};
[[nodiscard]] StageMemory stageMemory(const PlannerContext &context, const Parallelism &parallelism,
                                      int stage);

} // namespace scalescope::models
