#pragma once

// Turns one row of a published-runs table (data/validation/training-runs.csv; columns in
// data/validation/README.md) into what the planner evaluates: a model shape, hardware, a layout
// with the knobs the source left unstated marked free, the software era's options, and the
// row's own FLOP-counting convention. Rows that cannot be turned into a scenario get a reason.
//
// Only explicit columns are read: the source's numbers (layers, hidden, tp, ...; their leading
// number, the rest of such a cell is the source's annotation) and the normalised columns that
// scripts/normalise-runs.py derives once from the source's words (workload, system_id,
// accelerator_id, scaleout_gbps_per_gpu, arch_family and the layer flags, recompute_mode,
// seq_parallel_mode, vpp_mode, micro_batch_mode, zero_stage, dp_overlap, tp_overlap,
// attention_kernel, gemm_precision, fp8_recipe, optimizer_recipe, framework_norm,
// flop_convention). A normalised cell outside its vocabulary, or an id the catalog lacks, is an
// InputError naming the file, line, column and row id. Hardware is the catalog's: any system or
// accelerator in it can be validated. `free` knobs are chosen by the validation as the fastest
// combination that fits in memory (the authors tuned their runs). A missing FFN width of an
// `arch_family` gpt row is Megatron's default 4h.

#include "models/catalog/catalog.h"
#include "models/planner/planner_context.h"
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

/// Which published number a row is compared on (docs/file-formats.md: the first the row reports).
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

/// The normalised columns every runs table must carry (data/validation/README.md).
[[nodiscard]] const std::vector<std::string> &normalisedRunColumns();

/// Throws InputError(file, "line 1", ...) naming the first required column `table` lacks.
void requireRunColumns(const RunsTable &table);

/// Interprets data row `row` of `table` (see the rules above). Throws InputError for a bad
/// normalised cell or an unknown catalog id.
[[nodiscard]] RunSetupResult makeRunSetup(const RunsTable &table, std::size_t row,
                                          const Catalog &catalog);

/// Parses the leading number of a cell ("8 (one KV group per TP rank)" -> 8, "~7,000,000" ->
/// 7e6, "4M" -> 4e6); nullopt when the cell does not start with a number.
[[nodiscard]] std::optional<double> leadingNumber(const std::string &text);

/// FLOPs per iteration under `convention` for `sequences` sequences of the setup's model.
[[nodiscard]] double conventionFlopsPerStep(FlopConvention convention, const ModelShape &model,
                                            const ModelArithmetic &arithmetic, double sequences);

} // namespace scalescope::models
