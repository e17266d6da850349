#pragma once

// Model presets: data/models/<id>.json (schema_version 1, kind "model"), one file per model,
// with the fields of models/scenario/model_json.h plus `id`, `name`, `source` (required) and
// optional `published_parameters`, `published_active_parameters`, `notes`.

#include "models/scenario/model_shape.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace scalescope::models {

/// Preset models by id, in load order.
struct ModelPresets {
    std::vector<ModelShape> models;
    /// File each model was read from (same order as `models`), for messages.
    std::vector<std::string> files;

    /// nullptr when absent.
    [[nodiscard]] const ModelShape *find(const std::string &id) const;
    bool operator==(const ModelPresets &) const = default;
};

/// Reads one preset document. Required: id (lowercase letters, digits, '.', '-'), name,
/// layers, hidden, heads, vocab, seq_len, source, and ffn unless every layer is MoE; kv_heads
/// defaults to heads, gated_mlp / tied_embeddings / linear_biases to false, position_embedding
/// to "rotary", norm to "rmsnorm". Unknown fields and structural problems (checkModelShape)
/// throw InputError naming `file` and the JSON pointer.
[[nodiscard]] ModelShape readModelPreset(const nlohmann::json &document, const std::string &file);

/// Reads one preset file (readJsonFile + readModelPreset).
[[nodiscard]] ModelShape loadModelPresetFile(const std::string &path);

/// Loads every *.json file of each directory in order (files sorted by name); a preset in a
/// later directory replaces the one with the same id from an earlier directory. The same id
/// twice in one directory, or a directory that does not exist, throws InputError.
[[nodiscard]] ModelPresets loadModelPresets(const std::vector<std::string> &directories);

/// The full preset document of `model` (what readModelPreset reads back unchanged).
[[nodiscard]] nlohmann::ordered_json modelPresetToJson(const ModelShape &model);

} // namespace scalescope::models
