#include "models/scenario/model_presets.h"

#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/scenario/model_json.h"

#include <algorithm>
#include <filesystem>

namespace scalescope::models {

namespace {

bool isPresetId(const std::string &id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    });
}

std::vector<std::string> jsonFilesIn(const std::string &directory) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw InputError(directory, "", "model preset directory does not exist");
    std::vector<std::string> files;
    for (const auto &entry : fs::directory_iterator(directory, error))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path().string());
    if (error)
        throw InputError(directory, "", "cannot list directory: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

const ModelShape *ModelPresets::find(const std::string &id) const {
    for (const auto &model : models)
        if (model.id == id)
            return &model;
    return nullptr;
}

ModelShape readModelPreset(const nlohmann::json &document, const std::string &file) {
    const JsonObject root = documentRoot(document, file, "model");
    root.rejectUnknownFields(withModelFields({"schema_version", "kind", "id"}));
    ModelShape shape;
    shape.id = root.requiredString("id");
    if (!isPresetId(shape.id))
        root.fail("id", "\"" + shape.id + "\" may use only lowercase letters, digits, '.' and '-'");
    shape.name = root.requiredString("name");
    for (const char *key : {"layers", "hidden", "heads", "vocab", "seq_len"})
        (void)root.requiredInteger(key, 1);
    readModelStructure(root, shape);
    if (!root.has("kv_heads"))
        shape.kvHeads = shape.heads;
    readModelMetadata(root, shape);
    shape.source = root.requiredString("source");
    requireValidShape(shape, file, "");
    return shape;
}

ModelShape loadModelPresetFile(const std::string &path) {
    return readModelPreset(readJsonFile(path), path);
}

ModelPresets loadModelPresets(const std::vector<std::string> &directories) {
    ModelPresets presets;
    for (const auto &directory : directories) {
        std::vector<std::string> idsHere;
        for (const auto &file : jsonFilesIn(directory)) {
            ModelShape model = loadModelPresetFile(file);
            if (std::find(idsHere.begin(), idsHere.end(), model.id) != idsHere.end())
                throw InputError(file, "/id",
                                 "duplicate preset id \"" + model.id + "\" in " + directory);
            idsHere.push_back(model.id);
            const auto it = std::find_if(presets.models.begin(), presets.models.end(),
                                         [&](const ModelShape &m) { return m.id == model.id; });
            if (it == presets.models.end()) {
                presets.models.push_back(std::move(model));
                presets.files.push_back(file);
            } else {
                const auto index = static_cast<std::size_t>(it - presets.models.begin());
                *it = std::move(model);
                presets.files[index] = file;
            }
        }
    }
    return presets;
}

nlohmann::ordered_json modelPresetToJson(const ModelShape &model) {
    nlohmann::ordered_json out = {{"schema_version", 1}, {"kind", "model"}, {"id", model.id}};
    out.update(modelMetadataToJson(model));
    out.update(modelStructureToJson(model));
    return out;
}

} // namespace scalescope::models
