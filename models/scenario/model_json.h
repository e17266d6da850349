#pragma once

// JSON form of a model shape, shared by preset files (data/models/*.json) and the `model` block
// of scenario files. Field names follow docs/file-formats.md, "Scenario file".

#include "models/core/json_reader.h"
#include "models/scenario/model_shape.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace scalescope::models {

/// The members of a model block, in documented order, shared by preset files (after
/// schema_version, kind, id) and a scenario's `model` block (after preset).
[[nodiscard]] std::vector<std::string> withModelFields(std::vector<std::string> leading);

/// Overwrites the structural fields of `shape` that `object` names (layers, hidden, heads,
/// kv_heads, head_dim, ffn, vocab, seq_len, gated_mlp, tied_embeddings, position_embedding,
/// norm, linear_biases, and the members of `moe` and `mla`); absent fields keep their value,
/// so the same function reads a full preset and a scenario's overrides of one. Checks types,
/// whole numbers and ranges, but not the shape as a whole (see `requireValidShape`).
void readModelStructure(const JsonObject &object, ModelShape &shape);

/// Overwrites the descriptive fields `object` names: name, source, notes,
/// published_parameters, published_active_parameters.
void readModelMetadata(const JsonObject &object, ModelShape &shape);

/// Throws InputError(file, pointer/field, reason) when `checkModelShape` finds a problem;
/// `pointer` is the JSON pointer of the model object ("" for a preset file).
void requireValidShape(const ModelShape &shape, const std::string &file,
                       const std::string &pointer);

/// The structural fields of `shape` as JSON (moe and mla only when used, head_dim only when
/// set explicitly).
[[nodiscard]] nlohmann::ordered_json modelStructureToJson(const ModelShape &shape);

/// The descriptive fields of `shape` that are set (non-empty, non-zero).
[[nodiscard]] nlohmann::ordered_json modelMetadataToJson(const ModelShape &shape);

/// JSON names of the enums: "rotary" / "learned" / "relative", "rmsnorm" / "layernorm".
[[nodiscard]] const char *positionEmbeddingName(PositionEmbedding value);
[[nodiscard]] const char *normName(NormKind value);

} // namespace scalescope::models
