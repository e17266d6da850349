#pragma once

// Compares the serving model with published runs: data/validation/inference-runs.csv and
// moe-inference-runs.csv (columns in data/validation/INFERENCE.md). Each usable row is modelled
// from its own facts (model, GPU, GPUs, TP/PP/EP, precision, input/output length, benchmark
// kind) with one set of engine settings for every row; nothing is fitted per row.

#include "models/catalog/catalog.h"
#include "models/core/csv_table.h"
#include "models/inference/inference_settings.h"
#include "models/scenario/model_presets.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// One compared (or skipped) row.
struct InferenceValidationRow {
    std::string id;
    std::string skipReason; ///< empty when compared
    std::string presetId;
    ServingLayout layout;
    int concurrency = 0;
    double measuredTokensPerSecondPerGpu = 0.0; ///< output tokens/s per GPU as published
    double predictedTokensPerSecondPerGpu = 0.0;
    double predictedTpotSeconds = 0.0;
    double predictedTtftSeconds = 0.0;
    /// predicted / measured - 1
    [[nodiscard]] double relativeError() const {
        return predictedTokensPerSecondPerGpu / measuredTokensPerSecondPerGpu - 1.0;
    }
    [[nodiscard]] bool compared() const { return skipReason.empty(); }
};

struct InferenceValidationReport {
    std::vector<InferenceValidationRow> rows; ///< in file order, skipped ones included
    int compared = 0;
    double medianAbsoluteError = 0.0; ///< of the compared rows
};

/// Models every row of `table` (the inference-runs.csv header). Rows are skipped, with the
/// reason, when the model has no preset, the preset's shape disagrees with the row, the input
/// length, or the layout is unknown, speculative decoding is on, only decode GPUs are counted,
/// or the serving layout does not fit. MLPerf Offline and trtllm-bench rows take the
/// concurrency with the most tokens/s per GPU that fits; MLPerf Server rows the best point
/// with mean TPOT and TTFT under the row's p99 limits (TPOT <= 200 ms, TTFT <= 2 s).
[[nodiscard]] InferenceValidationReport validateInferenceRuns(const CsvTable &table,
                                                              const Catalog &catalog,
                                                              const ModelPresets &presets,
                                                              const EngineSettings &engine);

} // namespace scalescope::models
