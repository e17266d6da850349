#include "models/scenario/model_json.h"

#include "models/core/input_error.h"
#include "models/planner/model_arithmetic.h"
#include "models/scenario/field_table.h"

namespace scalescope::models {

std::vector<std::string> withModelFields(std::vector<std::string> leading) {
    leading.emplace_back("name");
    for (const std::string &name : scenarioFieldNames("/model"))
        leading.push_back(name);
    for (const char *name :
         {"moe", "mla", "published_parameters", "published_active_parameters", "source", "notes"})
        leading.emplace_back(name);
    return leading;
}

void readModelStructure(const JsonObject &object, ModelShape &shape) {
    // The field table (field_table.h) addresses scenario members: carry the shape in one.
    Scenario carrier;
    carrier.model = std::move(shape);
    readScenarioFields(object, "/model", carrier);
    for (const char *part : {"moe", "mla"})
        if (const auto block = object.optionalObject(part)) {
            const std::string pointer = std::string("/model/") + part;
            block->rejectUnknownFields(scenarioFieldNames(pointer));
            readScenarioFields(*block, pointer, carrier);
        }
    shape = std::move(carrier.model);
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
    Scenario carrier;
    carrier.model = shape;
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    writeScenarioFields(carrier, "/model", out);
    if (shape.moe != MoeShape{}) {
        out["moe"] = nlohmann::ordered_json::object();
        writeScenarioFields(carrier, "/model/moe", out["moe"]);
    }
    if (shape.mla != MlaShape{}) {
        out["mla"] = nlohmann::ordered_json::object();
        writeScenarioFields(carrier, "/model/mla", out["mla"]);
    }
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
