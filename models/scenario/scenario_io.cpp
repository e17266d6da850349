#include "models/scenario/scenario_io.h"

#include "models/core/atomic_file.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"
#include "models/planner/optimizer_recipe.h"
#include "models/planner/rank_layout.h"
#include "models/scenario/model_json.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>

namespace scalescope::models {

namespace {

const std::vector<std::string> kTrainingPrecisions = {"fp32", "tf32", "bf16", "fp16", "fp8", "fp4"};
const std::vector<std::string> kInferencePrecisions = {"fp32", "bf16", "fp16", "fp8",
                                                       "fp6",  "fp4",  "int8"};

int readInt(const JsonObject &object, const char *key, long long minimum, int fallback) {
    const auto value = object.optionalInteger(key, minimum);
    if (!value)
        return fallback;
    if (*value > INT_MAX)
        object.fail(key, "too large (at most " + std::to_string(INT_MAX) + ")");
    return static_cast<int>(*value);
}

Precision readPrecision(const JsonObject &object, const std::vector<std::string> &allowed,
                        Precision fallback) {
    if (!object.has("precision"))
        return fallback;
    return *parsePrecision(object.choiceOr("precision", allowed, "bf16"));
}

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
    block.rejectUnknownFields({"system", "gpu", "num_gpus"});
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
    hardware.numGpus = readInt(block, "num_gpus", 1, 0);
    return hardware;
}

Parallelism readParallelism(const JsonObject &block, int numGpus) {
    block.rejectUnknownFields({"tp", "pp", "dp", "cp", "ep", "vpp", "zero_stage",
                               "sequence_parallel", "recompute", "micro_batch"});
    Parallelism p;
    p.tp = readInt(block, "tp", 1, p.tp);
    p.pp = readInt(block, "pp", 1, p.pp);
    p.cp = readInt(block, "cp", 1, p.cp);
    const long long modelParallel = 1LL * p.tp * p.pp * p.cp;
    const int derivedDp = numGpus % modelParallel == 0 ? int(numGpus / modelParallel) : 1;
    p.dp = readInt(block, "dp", 1, derivedDp);
    p.ep = readInt(block, "ep", 1, p.ep);
    p.vpp = readInt(block, "vpp", 1, p.vpp);
    p.zeroStage = readInt(block, "zero_stage", 0, p.zeroStage);
    if (p.zeroStage > 3)
        block.fail("zero_stage", "must be 0, 1, 2 or 3, found " + std::to_string(p.zeroStage));
    p.sequenceParallel = block.boolOr("sequence_parallel", p.sequenceParallel);
    p.recompute = *parseEnum<Recompute>(
        block.choiceOr("recompute", enumNameList<Recompute>(), enumString(Recompute::None)));
    p.microBatch = readInt(block, "micro_batch", 1, p.microBatch);
    return p;
}

TrainingSettings readTraining(const JsonObject &block) {
    block.rejectUnknownFields(
        {"global_batch_tokens", "precision", "optimizer", "optimizer_recipe", "total_tokens"});
    TrainingSettings t;
    t.globalBatchTokens =
        block.optionalPositive("global_batch_tokens").value_or(t.globalBatchTokens);
    t.precision = readPrecision(block, kTrainingPrecisions, t.precision);
    t.optimizer = block.choiceOr("optimizer", {"adam", "adamw", "sgd"}, t.optimizer);
    t.optimizerRecipe = block.choiceOr("optimizer_recipe", optimizerRecipes(), t.optimizerRecipe);
    t.totalTokens = block.optionalPositive("total_tokens").value_or(t.totalTokens);
    return t;
}

/// The optional "planner" block: software-stack options (models/planner/planner_options.h).
PlannerOptions readPlanner(const JsonObject &block) {
    block.rejectUnknownFields({"rank_order", "attention_kernel", "tp_comm_overlap",
                               "overlap_grad_reduce", "overlap_param_gather", "attention_flops",
                               "mfu_basis", "goodput"});
    PlannerOptions o;
    if (block.has("rank_order")) {
        const std::string name = block.requiredString("rank_order");
        const auto order = parseRankOrder(name);
        if (!order)
            block.fail("rank_order", "\"" + name +
                                         "\" is not a rank order (tp first, then cp, dp and pp in "
                                         "any order, ep optional right before dp, e.g. "
                                         "\"tp-cp-ep-dp-pp\" or \"tp-cp-pp-dp\")");
        o.rankOrder = *order;
    }
    o.attentionKernel = *parseEnum<AttentionKernel>(block.choiceOr(
        "attention_kernel", enumNameList<AttentionKernel>(), enumString(o.attentionKernel)));
    o.tpCommOverlap = block.boolOr("tp_comm_overlap", o.tpCommOverlap);
    o.overlapGradReduce = block.boolOr("overlap_grad_reduce", o.overlapGradReduce);
    o.overlapParamGather = block.boolOr("overlap_param_gather", o.overlapParamGather);
    o.flopCounting = *parseEnum<AttentionFlops>(block.choiceOr(
        "attention_flops", enumNameList<AttentionFlops>(), enumString(o.flopCounting)));
    o.mfuOnBf16Peak = block.choiceOr("mfu_basis", {"training", "bf16"}, "training") == "bf16";
    o.goodput = block.numberOr("goodput", o.goodput);
    if (!(o.goodput > 0.0 && o.goodput <= 1.0)) {
        std::ostringstream found;
        found << o.goodput;
        block.fail("goodput", "must be in (0, 1] (the fraction of wall time that trains), found " +
                                  found.str());
    }
    return o;
}

InferenceSettings readInference(const JsonObject &block) {
    block.rejectUnknownFields(
        {"batch", "objective", "input_len", "output_len", "precision", "ttl_ms", "ttft_ms"});
    InferenceSettings s;
    s.batch = readInt(block, "batch", 1, s.batch);
    s.maxThroughput = block.has("objective") &&
                      block.choiceOr("objective", {"max_throughput"}, "") == "max_throughput";
    s.inputLen = readInt(block, "input_len", 1, s.inputLen);
    s.outputLen = readInt(block, "output_len", 1, s.outputLen);
    s.precision = readPrecision(block, kInferencePrecisions, s.precision);
    if (const auto ttl = block.optionalPositive("ttl_ms"))
        s.ttlSeconds = *ttl / 1000.0;
    if (const auto ttft = block.optionalPositive("ttft_ms"))
        s.ttftSeconds = *ttft / 1000.0;
    return s;
}

Economics readEconomics(const JsonObject &block) {
    block.rejectUnknownFields({"usd_per_gpu_hour", "pue"});
    Economics e;
    e.usdPerGpuHour = block.numberOr("usd_per_gpu_hour", e.usdPerGpuHour);
    if (e.usdPerGpuHour < 0.0)
        block.fail("usd_per_gpu_hour", "must be >= 0");
    e.pue = block.numberOr("pue", e.pue);
    if (e.pue < 1.0)
        block.fail("pue", "must be >= 1 (facility power / IT power)");
    return e;
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
    static const nlohmann::json kEmpty = nlohmann::json::object();
    const auto parallelism = object.optionalObject("parallelism");
    s.parallelism = readParallelism(
        parallelism ? *parallelism
                    : JsonObject(kEmpty, object.file(), object.pointerOf("parallelism")),
        s.hardware.numGpus);
    if (const auto training = object.optionalObject("training"))
        s.training = readTraining(*training);
    if (const auto inference = object.optionalObject("inference"))
        s.inference = readInference(*inference);
    if (const auto economics = object.optionalObject("economics"))
        s.economics = readEconomics(*economics);
    if (const auto planner = object.optionalObject("planner"))
        s.planner = readPlanner(*planner);
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
    root.rejectUnknownFields({"schema_version", "kind", "name", "notes", "scenarios"});
    workspace.name = root.stringOr("name", "");
    workspace.notes = root.stringOr("notes", "");
    for (const JsonObject &scenario : root.objectArray("scenarios"))
        workspace.scenarios.push_back(readScenario(scenario, presets, catalog));
    if (workspace.scenarios.empty())
        root.fail("scenarios", "a workspace needs at least one scenario");
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

/// Whole numbers as JSON integers (4194304, not 4194304.0).
nlohmann::ordered_json number(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15)
        return static_cast<long long>(value);
    return value;
}

/// The members of the "planner" block that differ from the defaults (empty when none do).
nlohmann::ordered_json plannerToJson(const PlannerOptions &o) {
    const PlannerOptions defaults;
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (o.rankOrder != defaults.rankOrder)
        out["rank_order"] = rankOrderName(o.rankOrder);
    if (o.attentionKernel != defaults.attentionKernel)
        out["attention_kernel"] = enumString(o.attentionKernel);
    if (o.tpCommOverlap != defaults.tpCommOverlap)
        out["tp_comm_overlap"] = o.tpCommOverlap;
    if (o.overlapGradReduce != defaults.overlapGradReduce)
        out["overlap_grad_reduce"] = o.overlapGradReduce;
    if (o.overlapParamGather != defaults.overlapParamGather)
        out["overlap_param_gather"] = o.overlapParamGather;
    if (o.flopCounting != defaults.flopCounting)
        out["attention_flops"] = enumString(o.flopCounting);
    if (o.mfuOnBf16Peak != defaults.mfuOnBf16Peak)
        out["mfu_basis"] = o.mfuOnBf16Peak ? "bf16" : "training";
    if (o.goodput != defaults.goodput)
        out["goodput"] = number(o.goodput);
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
    hardware["num_gpus"] = h.numGpus;
    out["hardware"] = hardware;

    const Parallelism &p = scenario.parallelism;
    out["parallelism"] = {{"tp", p.tp},
                          {"pp", p.pp},
                          {"dp", p.dp},
                          {"cp", p.cp},
                          {"ep", p.ep},
                          {"vpp", p.vpp},
                          {"zero_stage", p.zeroStage},
                          {"sequence_parallel", p.sequenceParallel},
                          {"recompute", enumString(p.recompute)},
                          {"micro_batch", p.microBatch}};

    const TrainingSettings &t = scenario.training;
    if (scenario.mode == Mode::Training || t != TrainingSettings{})
        out["training"] = {{"global_batch_tokens", number(t.globalBatchTokens)},
                           {"precision", std::string(precisionName(t.precision))},
                           {"optimizer", t.optimizer},
                           {"optimizer_recipe", t.optimizerRecipe},
                           {"total_tokens", number(t.totalTokens)}};

    const InferenceSettings &i = scenario.inference;
    if (scenario.mode == Mode::Inference || i != InferenceSettings{}) {
        nlohmann::ordered_json inference;
        inference["batch"] = i.batch;
        if (i.maxThroughput)
            inference["objective"] = "max_throughput";
        inference["input_len"] = i.inputLen;
        inference["output_len"] = i.outputLen;
        inference["precision"] = std::string(precisionName(i.precision));
        if (i.ttlSeconds > 0.0)
            inference["ttl_ms"] = number(i.ttlSeconds * 1000.0);
        if (i.ttftSeconds > 0.0)
            inference["ttft_ms"] = number(i.ttftSeconds * 1000.0);
        out["inference"] = inference;
    }
    out["economics"] = {{"usd_per_gpu_hour", number(scenario.economics.usdPerGpuHour)},
                        {"pue", number(scenario.economics.pue)}};
    if (const nlohmann::ordered_json planner = plannerToJson(scenario.planner); !planner.empty())
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
    return out;
}

void saveScenarioFile(const std::string &path, const Workspace &workspace,
                      const ModelPresets &presets) {
    writeFileAtomically(path, jsonText(workspaceToJson(workspace, presets)) + "\n");
}

} // namespace scalescope::models
