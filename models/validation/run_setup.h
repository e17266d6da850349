#pragma once

// Turns one row of the published-runs table (shared reference runs/training-runs.csv, README
// there) into what the planner evaluates: a model shape, hardware, a layout with the knobs the
// source left unstated marked free, the software era's options, and the row's own
// FLOP-counting convention. Rows that cannot be turned into a scenario get a reason.
//
// Interpretation rules (also in the README section "Training planner"):
//   - architecture: layers, hidden, heads, vocab, seq_len required; kv_heads defaults to heads;
//     a missing FFN of a GPT-style Megatron model is Megatron's default 4h; gated MLP, rotary
//     positions, untied embeddings for Llama/Mixtral/SmolLM; rotary, untied, squared-ReLU
//     (not gated) for Nemotron; learned positions, tied embeddings, biases for GPT-style models.
//   - hardware: A100 -> DGX A100 (40 GB parts on A100 40GB), H100 -> DGX H100, H200 -> DGX H200,
//     GB200 -> GB200 NVL72; the row's per-GPU scale-out rate overrides the system's when stated
//     ("200 Gb/s per GPU", "=50 Gb/s per GPU", "400 Gb/s per node").
//   - stated knobs are used as stated; micro-batch, recompute, sequence parallelism and the
//     interleaving depth when "interleaved (V not stated)" are free: the planner picks the
//     fastest combination that fits in memory (the authors tuned their runs).
//   - ZeRO: "ZeRO-3"/"FSDP" 3, FSDP that keeps parameters after forward 2, ZeRO-1 /
//     distributed optimizer / NeMo "DDP" (NeMo enables the distributed optimizer) 1, none 0.
//   - era: 2021-22 Megatron/DeepSpeed ran unfused attention without overlapping the DP
//     reduction; later Megatron-Core/NeMo/MLPerf runs use fused attention, overlapped DP
//     communication and (with TP) TP communication overlap.

#include "models/catalog/catalog.h"
#include "models/planner/planner_context.h"
#include "models/scenario/model_presets.h"
#include "models/validation/runs_table.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

/// The FLOP-counting rule a row's TFLOP/s uses (runs README section 3).
enum class FlopConvention {
    NarayananHardware, ///< 96 B s l h^2 (1 + s/6h + V/16lh) per iteration, incl. recompute
    KorthikantiModel,  ///< 72 B s l h^2 (1 + s/6h + V/12hl), model FLOPs
    MegatronFull,      ///< Megatron-LM r0.8.0 counter: model FLOPs, full attention
    NemoCausal,        ///< Megatron-Bridge / NeMo 25.x: model FLOPs, causal attention
    PalmModel,         ///< 6 N + 12 L H Q T (PaLM / Llama 3 MFU)
};

/// Which published number a row is compared on (CLI.md: the first the row reports).
enum class RunMetric { TflopsPerGpu, TokensPerSecondPerGpu, StepTime, GpuHours };

/// "tflops_per_gpu", "tokens_per_s_per_gpu", "step_time_s", "gpu_hours".
[[nodiscard]] std::string runMetricName(RunMetric metric);

/// One usable row, ready to evaluate.
struct RunSetup {
    std::string id;
    std::string source; ///< the row's `source` cell (paper or document)
    ModelShape model;
    HardwareContext hardware;
    int numGpus = 0;
    Parallelism parallelism; ///< stated knobs; free ones hold a starting value
    bool freeMicroBatch = false;
    bool freeRecompute = false;
    bool freeSequenceParallel = false;
    bool freeInterleaving = false;
    TrainingSettings training;
    OptimizerRecipe recipe;
    PlannerOptions options;
    RunMetric metric = RunMetric::StepTime;
    FlopConvention convention = FlopConvention::MegatronFull;
    double published = 0.0; ///< the compared number in SI (FLOP/s, tokens/s, s, GPU-hours)
    double tokensTrained = 0.0;
    std::vector<std::string> notes; ///< interpretations made for this row
};

/// Either a setup or the reason the row is skipped.
struct RunSetupResult {
    std::optional<RunSetup> setup;
    std::string skipReason;
};

/// Interprets data row `row` of `table` (see the rules above).
[[nodiscard]] RunSetupResult makeRunSetup(const RunsTable &table, std::size_t row,
                                          const Catalog &catalog, const ModelPresets &presets);

/// Parses the leading number of a cell ("8 (one KV group per TP rank)" -> 8, "~7,000,000" ->
/// 7e6, "4M" -> 4e6); nullopt when the cell does not start with a number.
[[nodiscard]] std::optional<double> leadingNumber(const std::string &text);

/// FLOPs per iteration under `convention` for `sequences` sequences of the setup's model.
[[nodiscard]] double conventionFlopsPerStep(FlopConvention convention, const ModelShape &model,
                                            const ModelArithmetic &arithmetic, double sequences);

} // namespace scalescope::models
