#pragma once

// Scenario and workspace files (docs/file-formats.md, "Scenario file"): reading with
// validation of everything that belongs to the file, and writing the same format back.
//
// Defaults for absent members: mode "training"; parallelism tp = pp = cp = ep = vpp = 1,
// dp = num_gpus / (tp × pp × cp) when that divides (else 1), zero_stage 0,
// sequence_parallel false, recompute "none", micro_batch 1; training global_batch_tokens
// 4,194,304, precision "bf16", optimizer "adam", optimizer_recipe "megatron", total_tokens 1e12;
// inference batch 1, input_len 1024, output_len 256, precision "bf16", no latency targets;
// economics usd_per_gpu_hour 2.5, pue 1.2. (The values of the structs in
// models/scenario/scenario.h.)

#include "models/catalog/catalog.h"
#include "models/core/json_reader.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace scalescope::models {

/// Names `training.optimizer_recipe` accepts: the ids of the planner's recipe table
/// (`optimizerRecipeTable()` in models/planner/optimizer_recipe.h, which defines the bytes per
/// parameter of each), in its order.
[[nodiscard]] const std::vector<std::string> &optimizerRecipes();

/// Reads one scenario object at `object` (its pointer names every error). Checks types and
/// ranges (num_gpus ≥ 1, tp/pp/dp/cp/ep/vpp/micro_batch ≥ 1, zero_stage 0-3, recompute
/// none/selective/full, precision and optimizer names, pue ≥ 1), the model preset id and the
/// catalog ids (hardware.system, hardware.gpu), the model shape (checkModelShape) and rejects
/// unknown fields. Layout divisibility and the planner's other checks are left to
/// validateScenario (models/planner/validate_scenario.h).
[[nodiscard]] Scenario readScenario(const JsonObject &object, const ModelPresets &presets,
                                    const Catalog &catalog);

/// Reads a parsed scenario file: kind "workspace" (a `scenarios` array) or kind "scenario"
/// (one scenario at the top level, returned as a one-element workspace).
[[nodiscard]] Workspace readScenarioDocument(const nlohmann::json &document,
                                             const std::string &file, const ModelPresets &presets,
                                             const Catalog &catalog);

/// readJsonFile + readScenarioDocument.
[[nodiscard]] Workspace loadScenarioFile(const std::string &path, const ModelPresets &presets,
                                         const Catalog &catalog);

/// One scenario object as written in a workspace's `scenarios` array. The model is written as
/// its preset id plus only the fields that differ from the preset; a custom model in full.
[[nodiscard]] nlohmann::ordered_json scenarioToJson(const Scenario &scenario,
                                                    const ModelPresets &presets);

/// A kind "workspace" document (schema_version 1).
[[nodiscard]] nlohmann::ordered_json workspaceToJson(const Workspace &workspace,
                                                     const ModelPresets &presets);

/// Writes workspaceToJson to `path` (indented, UTF-8) through writeFileAtomically: on any
/// failure the old file is intact and InputError carries the OS reason.
void saveScenarioFile(const std::string &path, const Workspace &workspace,
                      const ModelPresets &presets);

} // namespace scalescope::models
