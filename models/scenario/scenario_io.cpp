#include "models/scenario/scenario_io.h"

#include "models/scenario/scaling_fit_json.h"

#include "models/core/atomic_file.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"
#include "models/planner/optimizer_recipe.h"
#include "models/planner/rank_layout.h"
#include "models/scenario/field_table.h"
#include "models/scenario/model_json.h"

namespace scalescope::models {

namespace {

/// Same shape, ignoring the descriptive fields.
bool sameStructure(const ModelShape &a, const ModelShape &b) {
    ModelShape copy = a;
    copy.id = b.id;
    copy.name = b.name;
    copy.publishedParameters = b.publishedParameters;
    copy.publishedActiveParameters = b.publishedActiveParameters;
    copy.source = b.source;
    copy.notes = b.notes;
    return copy == b;
}

/// What a `model` block with these structural fields and no descriptive ones resolves to: the
/// preset itself, or (when the structure differs) an unnamed variant of it.
ModelShape derivedModel(const ModelShape *preset, const ModelShape &structure) {
    if (!preset) {
        ModelShape custom = structure;
        custom.id.clear();
        custom.name = "Custom model";
        custom.publishedParameters = custom.publishedActiveParameters = 0.0;
        custom.source.clear();
        custom.notes.clear();
        return custom;
    }
    if (sameStructure(structure, *preset))
        return *preset;
    ModelShape variant = structure;
    variant.id.clear();
    variant.name = preset->name + " (modified)";
    variant.publishedParameters = variant.publishedActiveParameters = 0.0;
    variant.source = preset->source;
    variant.notes = preset->notes;
    return variant;
}

ModelShape readModel(const JsonObject &block, const ModelPresets &presets, std::string &presetId) {
    block.rejectUnknownFields(withModelFields({"preset"}));
    const ModelShape *preset = nullptr;
    presetId.clear();
    if (block.has("preset")) {
        presetId = block.requiredString("preset");
        preset = presets.find(presetId);
        if (!preset)
            block.fail("preset", "unknown model preset \"" + presetId + "\"");
    }
    ModelShape shape = preset ? *preset : ModelShape{};
    if (!preset) {
        for (const char *key : {"layers", "hidden", "heads", "vocab", "seq_len"})
            if (!block.has(key))
                block.fail(key, "required without a preset");
    }
    readModelStructure(block, shape);
    if (!preset && !block.has("kv_heads"))
        shape.kvHeads = shape.heads;
    shape = derivedModel(preset, shape);
    readModelMetadata(block, shape);
    requireValidShape(shape, block.file(), block.pointer());
    return shape;
}

/// The GPU of a system; a SuperPOD names it through its node system.
std::string systemGpu(const Catalog &catalog, const SystemSpec &system) {
    if (!system.gpuId.empty() || system.nodeSystemId.empty())
        return system.gpuId;
    const SystemSpec *node = catalog.findSystem(system.nodeSystemId);
    return node ? node->gpuId : std::string();
}

HardwareChoice readHardware(const JsonObject &block, const Catalog &catalog) {
    std::vector<std::string> known = {"system", "gpu"};
    for (const std::string &name : scenarioFieldNames("/hardware"))
        known.push_back(name);
    block.rejectUnknownFields(known);
    HardwareChoice hardware;
    if (!block.has("system") && !block.has("gpu"))
        block.fail("system", "required: a catalog system id (or gpu for a bare accelerator)");
    if (block.has("system")) {
        hardware.systemId = block.requiredString("system");
        const SystemSpec *system = catalog.findSystem(hardware.systemId);
        if (!system)
            block.fail("system", "unknown system \"" + hardware.systemId + "\"");
        hardware.gpuId = systemGpu(catalog, *system);
        if (hardware.gpuId.empty())
            block.fail("system", "system \"" + hardware.systemId + "\" has no GPU");
    }
    if (block.has("gpu")) {
        const std::string gpu = block.requiredString("gpu");
        if (!catalog.findAccelerator(gpu))
            block.fail("gpu", "unknown accelerator \"" + gpu + "\"");
        if (!hardware.gpuId.empty() && gpu != hardware.gpuId)
            block.fail("gpu", "\"" + gpu + "\" is not the GPU of system \"" + hardware.systemId +
                                  "\" (\"" + hardware.gpuId + "\")");
        hardware.gpuId = gpu;
    }
    if (!block.has("num_gpus"))
        block.fail("num_gpus", "required whole number is missing");
    Scenario carrier;
    readScenarioFields(block, "/hardware", carrier);
    hardware.numGpus = carrier.hardware.numGpus;
    return hardware;
}

/// The plain fields of `name` (field_table.h): a missing block keeps the defaults.
void readBlock(const JsonObject &object, const std::string &name, Scenario &scenario) {
    const auto block = object.optionalObject(name);
    if (!block)
        return;
    block->rejectUnknownFields(scenarioFieldNames("/" + name));
    readScenarioFields(*block, "/" + name, scenario);
}

/// The parallel layout; DP defaults to what the GPU count leaves after TP · PP · CP.
void readParallelism(const JsonObject &object, Scenario &scenario) {
    readBlock(object, "parallelism", scenario);
    Parallelism &p = scenario.parallelism;
    const auto block = object.optionalObject("parallelism");
    if (block && block->has("dp"))
        return;
    const long long modelParallel = 1LL * p.tp * p.pp * p.cp;
    const int numGpus = scenario.hardware.numGpus;
    p.dp = numGpus % modelParallel == 0 ? int(numGpus / modelParallel) : 1;
}

/// The optional "planner" block: software-stack options (models/planner/planner_options.h).
void readPlanner(const JsonObject &object, Scenario &scenario) {
    const auto block = object.optionalObject("planner");
    if (!block)
        return;
    std::vector<std::string> known = {"rank_order"};
    for (const std::string &name : scenarioFieldNames("/planner"))
        known.push_back(name);
    block->rejectUnknownFields(known);
    if (block->has("rank_order")) {
        const std::string name = block->requiredString("rank_order");
        const auto order = parseRankOrder(name);
        if (!order)
            block->fail("rank_order", "\"" + name +
                                          "\" is not a rank order (tp first, then cp, dp and pp "
                                          "in any order, ep optional right before dp, e.g. "
                                          "\"tp-cp-ep-dp-pp\" or \"tp-cp-pp-dp\")");
        scenario.planner.rankOrder = *order;
    }
    readScenarioFields(*block, "/planner", scenario);
}

} // namespace

const std::vector<std::string> &optimizerRecipes() {
    // One source of truth: the planner's recipe table.
    static const std::vector<std::string> recipes = [] {
        std::vector<std::string> ids;
        for (const OptimizerRecipe &recipe : optimizerRecipeTable())
            ids.push_back(recipe.id);
        return ids;
    }();
    return recipes;
}

Scenario readScenario(const JsonObject &object, const ModelPresets &presets,
                      const Catalog &catalog) {
    object.rejectUnknownFields({"schema_version", "kind", "name", "mode", "notes", "model",
                                "hardware", "parallelism", "training", "inference", "economics",
                                "planner"});
    Scenario s;
    s.name = object.requiredString("name");
    s.mode =
        *parseEnum<Mode>(object.choiceOr("mode", enumNameList<Mode>(), enumString(Mode::Training)));
    s.notes = object.stringOr("notes", "");
    s.model = readModel(object.requiredObject("model"), presets, s.modelPreset);
    s.hardware = readHardware(object.requiredObject("hardware"), catalog);
    readParallelism(object, s);
    readBlock(object, "training", s);
    readBlock(object, "inference", s);
    readBlock(object, "economics", s);
    readPlanner(object, s);
    return s;
}

Workspace readScenarioDocument(const nlohmann::json &document, const std::string &file,
                               const ModelPresets &presets, const Catalog &catalog) {
    const JsonObject root = documentRoot(document, file, "");
    const std::string kind = root.requiredString("kind");
    Workspace workspace;
    if (kind == "scenario") {
        workspace.scenarios.push_back(readScenario(root, presets, catalog));
        return workspace;
    }
    if (kind != "workspace")
        root.fail("kind", "expected \"scenario\" or \"workspace\", found \"" + kind + "\"");
    root.rejectUnknownFields(
        {"schema_version", "kind", "name", "notes", "scenarios", "scaling_fit"});
    workspace.name = root.stringOr("name", "");
    workspace.notes = root.stringOr("notes", "");
    for (const JsonObject &scenario : root.objectArray("scenarios"))
        workspace.scenarios.push_back(readScenario(scenario, presets, catalog));
    if (workspace.scenarios.empty())
        root.fail("scenarios", "a workspace needs at least one scenario");
    if (const auto fit = root.optionalObject("scaling_fit"))
        workspace.scalingFit = readUserScalingFit(*fit);
    return workspace;
}

Workspace loadScenarioFile(const std::string &path, const ModelPresets &presets,
                           const Catalog &catalog) {
    return readScenarioDocument(readJsonFile(path), path, presets, catalog);
}

namespace {

nlohmann::ordered_json modelToJson(const Scenario &scenario, const ModelPresets &presets) {
    const ModelShape &model = scenario.model;
    const ModelShape *preset =
        scenario.modelPreset.empty() ? nullptr : presets.find(scenario.modelPreset);
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (!scenario.modelPreset.empty())
        out["preset"] = scenario.modelPreset;
    const nlohmann::ordered_json structure = modelStructureToJson(model);
    if (preset) {
        const nlohmann::ordered_json base = modelStructureToJson(*preset);
        for (const auto &item : structure.items())
            if (!base.contains(item.key()) || base[item.key()] != item.value())
                out[item.key()] = item.value();
        // Members the preset has and the model dropped: write them as explicit zeros.
        if (base.contains("moe") && !structure.contains("moe"))
            out["moe"] = {{"experts", 0},
                          {"top_k", 0},
                          {"expert_ffn", 0},
                          {"shared_experts", 0},
                          {"dense_layers", 0}};
        if (base.contains("mla") && !structure.contains("mla"))
            out["mla"] = {{"q_lora_rank", 0},
                          {"kv_lora_rank", 0},
                          {"qk_nope_head_dim", 0},
                          {"qk_rope_head_dim", 0},
                          {"v_head_dim", 0}};
        if (base.contains("head_dim") && !structure.contains("head_dim"))
            out["head_dim"] = 0;
    } else {
        out.update(structure);
    }
    // Descriptive fields only where they differ from what the loader derives.
    const ModelShape derived = derivedModel(preset, model);
    const nlohmann::ordered_json mine = modelMetadataToJson(model);
    const nlohmann::ordered_json theirs = modelMetadataToJson(derived);
    for (const auto &item : mine.items())
        if (!theirs.contains(item.key()) || theirs[item.key()] != item.value())
            out[item.key()] = item.value();
    return out;
}

/// The members of the "planner" block that differ from the defaults (empty when none do).
nlohmann::ordered_json plannerToJson(const Scenario &scenario) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (scenario.planner.rankOrder != PlannerOptions{}.rankOrder)
        out["rank_order"] = rankOrderName(scenario.planner.rankOrder);
    writeScenarioFields(scenario, "/planner", out);
    return out;
}

/// Block `name`'s plain fields (field_table.h).
nlohmann::ordered_json blockToJson(const Scenario &scenario, const std::string &name) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    writeScenarioFields(scenario, "/" + name, out);
    return out;
}

} // namespace

nlohmann::ordered_json scenarioToJson(const Scenario &scenario, const ModelPresets &presets) {
    nlohmann::ordered_json out;
    out["name"] = scenario.name;
    out["mode"] = enumString(scenario.mode);
    if (!scenario.notes.empty())
        out["notes"] = scenario.notes;
    out["model"] = modelToJson(scenario, presets);

    const HardwareChoice &h = scenario.hardware;
    nlohmann::ordered_json hardware;
    if (!h.systemId.empty())
        hardware["system"] = h.systemId;
    else
        hardware["gpu"] = h.gpuId;
    writeScenarioFields(scenario, "/hardware", hardware);
    out["hardware"] = hardware;
    out["parallelism"] = blockToJson(scenario, "parallelism");
    if (scenario.mode == Mode::Training || scenario.training != TrainingSettings{})
        out["training"] = blockToJson(scenario, "training");
    if (scenario.mode == Mode::Inference || scenario.inference != InferenceSettings{})
        out["inference"] = blockToJson(scenario, "inference");
    out["economics"] = blockToJson(scenario, "economics");
    if (const nlohmann::ordered_json planner = plannerToJson(scenario); !planner.empty())
        out["planner"] = planner;
    return out;
}

nlohmann::ordered_json workspaceToJson(const Workspace &workspace, const ModelPresets &presets) {
    nlohmann::ordered_json out = {{"schema_version", 1}, {"kind", "workspace"}};
    if (!workspace.name.empty())
        out["name"] = workspace.name;
    if (!workspace.notes.empty())
        out["notes"] = workspace.notes;
    nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
    for (const Scenario &scenario : workspace.scenarios)
        scenarios.push_back(scenarioToJson(scenario, presets));
    out["scenarios"] = scenarios;
    if (workspace.scalingFit)
        out["scaling_fit"] = userScalingFitToJson(*workspace.scalingFit);
    return out;
}

void saveScenarioFile(const std::string &path, const Workspace &workspace,
                      const ModelPresets &presets) {
    writeFileAtomically(path, jsonText(workspaceToJson(workspace, presets)) + "\n");
}

} // namespace scalescope::models
