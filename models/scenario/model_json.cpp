#include "models/scenario/model_json.h"

#include "models/core/input_error.h"
#include "models/planner/model_arithmetic.h"

#include <climits>

namespace scalescope::models {

std::vector<std::string> withModelFields(std::vector<std::string> leading) {
    for (const char *name : {"name",
                             "layers",
                             "hidden",
                             "heads",
                             "kv_heads",
                             "head_dim",
                             "ffn",
                             "vocab",
                             "seq_len",
                             "gated_mlp",
                             "tied_embeddings",
                             "position_embedding",
                             "norm",
                             "linear_biases",
                             "moe",
                             "mla",
                             "published_parameters",
                             "published_active_parameters",
                             "source",
                             "notes"})
        leading.emplace_back(name);
    return leading;
}

namespace {

/// An optional whole number that must fit an int.
void readInt(const JsonObject &object, const char *key, long long minimum, int &target) {
    const auto value = object.optionalInteger(key, minimum);
    if (!value)
        return;
    if (*value > INT_MAX)
        object.fail(key, "too large (at most " + std::to_string(INT_MAX) + ")");
    target = static_cast<int>(*value);
}

void readBool(const JsonObject &object, const char *key, bool &target) {
    if (const auto value = object.optionalBool(key))
        target = *value;
}

void readMoe(const JsonObject &object, MoeShape &moe) {
    object.rejectUnknownFields(
        {"experts", "top_k", "expert_ffn", "shared_experts", "dense_layers"});
    readInt(object, "experts", 0, moe.experts);
    readInt(object, "top_k", 0, moe.topK);
    readInt(object, "expert_ffn", 0, moe.expertFfn);
    readInt(object, "shared_experts", 0, moe.sharedExperts);
    readInt(object, "dense_layers", 0, moe.denseLayers);
}

void readMla(const JsonObject &object, MlaShape &mla) {
    object.rejectUnknownFields(
        {"q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"});
    readInt(object, "q_lora_rank", 0, mla.qLoraRank);
    readInt(object, "kv_lora_rank", 0, mla.kvLoraRank);
    readInt(object, "qk_nope_head_dim", 0, mla.qkNopeHeadDim);
    readInt(object, "qk_rope_head_dim", 0, mla.qkRopeHeadDim);
    readInt(object, "v_head_dim", 0, mla.vHeadDim);
}

} // namespace

void readModelStructure(const JsonObject &object, ModelShape &shape) {
    readInt(object, "layers", 1, shape.layers);
    readInt(object, "hidden", 1, shape.hidden);
    readInt(object, "heads", 1, shape.heads);
    readInt(object, "kv_heads", 1, shape.kvHeads);
    readInt(object, "head_dim", 0, shape.headDim);
    readInt(object, "ffn", 0, shape.ffn);
    readInt(object, "vocab", 1, shape.vocab);
    readInt(object, "seq_len", 1, shape.seqLen);
    readBool(object, "gated_mlp", shape.gatedMlp);
    readBool(object, "tied_embeddings", shape.tiedEmbeddings);
    readBool(object, "linear_biases", shape.linearBiases);
    if (object.has("position_embedding")) {
        const std::string value =
            object.choiceOr("position_embedding", {"rotary", "learned", "relative"}, "rotary");
        shape.positionEmbedding = value == "learned"    ? PositionEmbedding::Learned
                                  : value == "relative" ? PositionEmbedding::Relative
                                                        : PositionEmbedding::Rotary;
    }
    if (object.has("norm")) {
        const std::string value = object.choiceOr("norm", {"rmsnorm", "layernorm"}, "rmsnorm");
        shape.norm = value == "layernorm" ? NormKind::LayerNorm : NormKind::RmsNorm;
    }
    if (const auto moe = object.optionalObject("moe"))
        readMoe(*moe, shape.moe);
    if (const auto mla = object.optionalObject("mla"))
        readMla(*mla, shape.mla);
}

void readModelMetadata(const JsonObject &object, ModelShape &shape) {
    if (object.has("name"))
        shape.name = object.requiredString("name");
    shape.source = object.stringOr("source", shape.source);
    shape.notes = object.stringOr("notes", shape.notes);
    if (const auto total = object.optionalPositive("published_parameters"))
        shape.publishedParameters = *total;
    if (const auto active = object.optionalPositive("published_active_parameters"))
        shape.publishedActiveParameters = *active;
}

void requireValidShape(const ModelShape &shape, const std::string &file,
                       const std::string &pointer) {
    if (const auto problem = checkModelShape(shape))
        throw InputError(file, pointer + "/" + problem->field, problem->reason);
}

const char *positionEmbeddingName(PositionEmbedding value) {
    switch (value) {
    case PositionEmbedding::Learned:
        return "learned";
    case PositionEmbedding::Relative:
        return "relative";
    case PositionEmbedding::Rotary:
        break;
    }
    return "rotary";
}

const char *normName(NormKind value) {
    return value == NormKind::LayerNorm ? "layernorm" : "rmsnorm";
}

nlohmann::ordered_json modelStructureToJson(const ModelShape &shape) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["layers"] = shape.layers;
    out["hidden"] = shape.hidden;
    out["heads"] = shape.heads;
    out["kv_heads"] = shape.kvHeads;
    if (shape.headDim > 0)
        out["head_dim"] = shape.headDim;
    out["ffn"] = shape.ffn;
    out["vocab"] = shape.vocab;
    out["seq_len"] = shape.seqLen;
    out["gated_mlp"] = shape.gatedMlp;
    out["tied_embeddings"] = shape.tiedEmbeddings;
    out["position_embedding"] = positionEmbeddingName(shape.positionEmbedding);
    out["norm"] = normName(shape.norm);
    out["linear_biases"] = shape.linearBiases;
    const MoeShape &moe = shape.moe;
    if (moe != MoeShape{})
        out["moe"] = {{"experts", moe.experts},
                      {"top_k", moe.topK},
                      {"expert_ffn", moe.expertFfn},
                      {"shared_experts", moe.sharedExperts},
                      {"dense_layers", moe.denseLayers}};
    const MlaShape &mla = shape.mla;
    if (mla != MlaShape{})
        out["mla"] = {{"q_lora_rank", mla.qLoraRank},
                      {"kv_lora_rank", mla.kvLoraRank},
                      {"qk_nope_head_dim", mla.qkNopeHeadDim},
                      {"qk_rope_head_dim", mla.qkRopeHeadDim},
                      {"v_head_dim", mla.vHeadDim}};
    return out;
}

nlohmann::ordered_json modelMetadataToJson(const ModelShape &shape) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (!shape.name.empty())
        out["name"] = shape.name;
    if (shape.publishedParameters > 0.0)
        out["published_parameters"] = shape.publishedParameters;
    if (shape.publishedActiveParameters > 0.0)
        out["published_active_parameters"] = shape.publishedActiveParameters;
    if (!shape.source.empty())
        out["source"] = shape.source;
    if (!shape.notes.empty())
        out["notes"] = shape.notes;
    return out;
}

} // namespace scalescope::models
