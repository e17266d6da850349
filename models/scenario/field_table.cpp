#include "models/scenario/field_table.h"

#include "models/scenario/model_json.h"
#include "models/scenario/scenario_io.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>
#include <sstream>

namespace scalescope::models {

namespace {

constexpr double kNoMaximum = std::numeric_limits<double>::infinity();

FieldRange atLeast(double minimum) {
    return {minimum, kNoMaximum, false};
}

FieldRange between(double minimum, double maximum) {
    return {minimum, maximum, false};
}

/// (0, ∞): any positive number.
FieldRange positive() {
    return {0.0, kNoMaximum, true};
}

template <typename Ref>
ScenarioField integer(std::string_view pointer, Ref ref, FieldRange valid, FieldRange editor,
                      std::string_view outOfRange = {}) {
    ScenarioField f;
    f.pointer = pointer;
    f.type = FieldType::Integer;
    f.valid = valid;
    f.editor = editor;
    f.outOfRange = outOfRange;
    f.get = [ref](const Scenario &s) { return FieldValue(static_cast<long long>(ref(s))); };
    f.set = [ref](Scenario &s, const FieldValue &v) {
        ref(s) = static_cast<int>(std::get<long long>(v));
        return true;
    };
    return f;
}

template <typename Ref>
ScenarioField number(std::string_view pointer, Ref ref, FieldRange valid, FieldRange editor,
                     std::string_view outOfRange = {}) {
    ScenarioField f;
    f.pointer = pointer;
    f.type = FieldType::Number;
    f.valid = valid;
    f.editor = editor;
    f.outOfRange = outOfRange;
    f.get = [ref](const Scenario &s) { return FieldValue(static_cast<double>(ref(s))); };
    f.set = [ref](Scenario &s, const FieldValue &v) {
        ref(s) = std::get<double>(v);
        return true;
    };
    return f;
}

template <typename Ref> ScenarioField flag(std::string_view pointer, Ref ref) {
    ScenarioField f;
    f.pointer = pointer;
    f.type = FieldType::Boolean;
    f.get = [ref](const Scenario &s) { return FieldValue(static_cast<bool>(ref(s))); };
    f.set = [ref](Scenario &s, const FieldValue &v) {
        ref(s) = std::get<bool>(v);
        return true;
    };
    return f;
}

/// A choice: `choices` in file order, `name(member)` and `parse(name)` (nullopt if unknown).
template <typename Ref, typename Name, typename Parse>
ScenarioField choice(std::string_view pointer, Ref ref, std::vector<std::string> choices, Name name,
                     Parse parse) {
    ScenarioField f;
    f.pointer = pointer;
    f.type = FieldType::Choice;
    f.choices = std::move(choices);
    f.get = [ref, name](const Scenario &s) { return FieldValue(std::string(name(ref(s)))); };
    f.set = [ref, parse, names = f.choices](Scenario &s, const FieldValue &v) {
        const std::string &text = std::get<std::string>(v);
        if (std::find(names.begin(), names.end(), text) == names.end())
            return false;
        const auto value = parse(text);
        if (!value)
            return false;
        ref(s) = *value;
        return true;
    };
    return f;
}

/// An enum spelled through its name table (models/core/enum_names.h).
template <typename E, typename Ref> ScenarioField enumChoice(std::string_view pointer, Ref ref) {
    return choice(
        pointer, ref, enumNameList<E>(), [](E value) { return enumName(value); },
        [](const std::string &text) { return parseEnum<E>(text); });
}

/// A member that is itself a name (the optimizer, the optimizer recipe).
template <typename Ref>
ScenarioField nameChoice(std::string_view pointer, Ref ref, std::vector<std::string> choices) {
    return choice(
        pointer, ref, std::move(choices), [](const std::string &value) { return value; },
        [](const std::string &text) { return std::optional<std::string>(text); });
}

template <typename Ref>
ScenarioField precisionChoice(std::string_view pointer, Ref ref, std::vector<std::string> names) {
    return choice(
        pointer, ref, std::move(names), [](Precision p) { return precisionName(p); },
        [](const std::string &text) { return parsePrecision(text); });
}

std::optional<PositionEmbedding> parsePositionEmbedding(const std::string &text) {
    for (auto kind :
         {PositionEmbedding::Rotary, PositionEmbedding::Learned, PositionEmbedding::Relative})
        if (text == positionEmbeddingName(kind))
            return kind;
    return std::nullopt;
}

std::optional<NormKind> parseNorm(const std::string &text) {
    for (auto kind : {NormKind::RmsNorm, NormKind::LayerNorm})
        if (text == normName(kind))
            return kind;
    return std::nullopt;
}

ScenarioField written(ScenarioField field, WriteWhen when, double fileScale = 1.0) {
    field.write = when;
    field.fileScale = fileScale;
    return field;
}

// A reference to one member of a scenario, const or not.
#define MEMBER(path)                                                                               \
    [](auto &s) -> auto & {                                                                        \
        return s.path;                                                                             \
    }

std::vector<ScenarioField> modelFields() {
    const FieldRange any = atLeast(0.0);
    return {
        integer("/model/layers", MEMBER(model.layers), atLeast(1), between(1, 512)),
        integer("/model/hidden", MEMBER(model.hidden), atLeast(1), between(64, 65536)),
        integer("/model/heads", MEMBER(model.heads), atLeast(1), between(1, 1024)),
        integer("/model/kv_heads", MEMBER(model.kvHeads), atLeast(1), between(1, 1024)),
        written(integer("/model/head_dim", MEMBER(model.headDim), any, between(0, 1024)),
                WriteWhen::Positive),
        integer("/model/ffn", MEMBER(model.ffn), any, between(64, 262144)),
        integer("/model/vocab", MEMBER(model.vocab), atLeast(1), between(256, 1048576)),
        integer("/model/seq_len", MEMBER(model.seqLen), atLeast(1), between(128, 1048576)),
        flag("/model/gated_mlp", MEMBER(model.gatedMlp)),
        flag("/model/tied_embeddings", MEMBER(model.tiedEmbeddings)),
        choice(
            "/model/position_embedding", MEMBER(model.positionEmbedding),
            {"rotary", "learned", "relative"},
            [](PositionEmbedding p) { return positionEmbeddingName(p); }, parsePositionEmbedding),
        choice(
            "/model/norm", MEMBER(model.norm), {"rmsnorm", "layernorm"},
            [](NormKind n) { return normName(n); }, parseNorm),
        flag("/model/linear_biases", MEMBER(model.linearBiases)),
        integer("/model/moe/experts", MEMBER(model.moe.experts), any, between(0, 4096)),
        integer("/model/moe/top_k", MEMBER(model.moe.topK), any, between(0, 64)),
        integer("/model/moe/expert_ffn", MEMBER(model.moe.expertFfn), any, between(0, 262144)),
        integer("/model/moe/shared_experts", MEMBER(model.moe.sharedExperts), any, between(0, 64)),
        integer("/model/moe/dense_layers", MEMBER(model.moe.denseLayers), any, between(0, 512)),
        integer("/model/mla/q_lora_rank", MEMBER(model.mla.qLoraRank), any, between(0, 65536)),
        integer("/model/mla/kv_lora_rank", MEMBER(model.mla.kvLoraRank), any, between(0, 65536)),
        integer("/model/mla/qk_nope_head_dim", MEMBER(model.mla.qkNopeHeadDim), any,
                between(0, 1024)),
        integer("/model/mla/qk_rope_head_dim", MEMBER(model.mla.qkRopeHeadDim), any,
                between(0, 1024)),
        integer("/model/mla/v_head_dim", MEMBER(model.mla.vHeadDim), any, between(0, 1024)),
    };
}

std::vector<ScenarioField> layoutFields() {
    return {
        integer("/hardware/num_gpus", MEMBER(hardware.numGpus), atLeast(1), between(1, 131072)),
        integer("/parallelism/tp", MEMBER(parallelism.tp), atLeast(1), between(1, 64)),
        integer("/parallelism/pp", MEMBER(parallelism.pp), atLeast(1), between(1, 256)),
        integer("/parallelism/dp", MEMBER(parallelism.dp), atLeast(1), between(1, 131072)),
        integer("/parallelism/cp", MEMBER(parallelism.cp), atLeast(1), between(1, 64)),
        integer("/parallelism/ep", MEMBER(parallelism.ep), atLeast(1), between(1, 1024)),
        integer("/parallelism/vpp", MEMBER(parallelism.vpp), atLeast(1), between(1, 32)),
        integer("/parallelism/zero_stage", MEMBER(parallelism.zeroStage), between(0, 3),
                between(0, 3), "must be 0, 1, 2 or 3, found {found}"),
        flag("/parallelism/sequence_parallel", MEMBER(parallelism.sequenceParallel)),
        enumChoice<Recompute>("/parallelism/recompute", MEMBER(parallelism.recompute)),
        integer("/parallelism/micro_batch", MEMBER(parallelism.microBatch), atLeast(1),
                between(1, 256)),
    };
}

std::vector<ScenarioField> workloadFields() {
    const double mi = 1048576.0;
    return {
        number("/training/global_batch_tokens", MEMBER(training.globalBatchTokens), positive(),
               between(0.0625 * mi, 1024 * mi)),
        precisionChoice("/training/precision", MEMBER(training.precision),
                        {"fp32", "tf32", "bf16", "fp16", "fp8", "fp4"}),
        nameChoice("/training/optimizer", MEMBER(training.optimizer), {"adam", "adamw", "sgd"}),
        nameChoice("/training/optimizer_recipe", MEMBER(training.optimizerRecipe),
                   optimizerRecipes()),
        number("/training/total_tokens", MEMBER(training.totalTokens), positive(),
               between(1.0e9, 1.0e15)),
        integer("/inference/batch", MEMBER(inference.batch), atLeast(1), between(1, 4096)),
        // Absent: a fixed batch; "max_throughput": the largest batch that fits.
        written(choice(
                    "/inference/objective", MEMBER(inference.maxThroughput), {"max_throughput"},
                    [](bool max) { return max ? "max_throughput" : ""; },
                    [](const std::string &text) {
                        return std::optional<bool>(text == "max_throughput");
                    }),
                WriteWhen::NotDefault),
        integer("/inference/input_len", MEMBER(inference.inputLen), atLeast(1),
                between(1, 1048576)),
        integer("/inference/output_len", MEMBER(inference.outputLen), atLeast(1),
                between(1, 1048576)),
        precisionChoice("/inference/precision", MEMBER(inference.precision),
                        {"fp32", "bf16", "fp16", "fp8", "fp6", "fp4", "int8"}),
        written(number("/inference/ttl_ms", MEMBER(inference.ttlSeconds), positive(),
                       between(0.001, 10.0)),
                WriteWhen::Positive, 1000.0),
        written(number("/inference/ttft_ms", MEMBER(inference.ttftSeconds), positive(),
                       between(0.001, 60.0)),
                WriteWhen::Positive, 1000.0),
        number("/economics/usd_per_gpu_hour", MEMBER(economics.usdPerGpuHour), atLeast(0),
               between(0, 100), "must be >= 0"),
        number("/economics/pue", MEMBER(economics.pue), atLeast(1), between(1, 3),
               "must be >= 1 (facility power / IT power)"),
    };
}

/// The optional "planner" block writes only what differs from the defaults.
std::vector<ScenarioField> plannerFields() {
    std::vector<ScenarioField> fields = {
        enumChoice<AttentionKernel>("/planner/attention_kernel", MEMBER(planner.attentionKernel)),
        flag("/planner/tp_comm_overlap", MEMBER(planner.tpCommOverlap)),
        flag("/planner/overlap_grad_reduce", MEMBER(planner.overlapGradReduce)),
        flag("/planner/overlap_param_gather", MEMBER(planner.overlapParamGather)),
        enumChoice<AttentionFlops>("/planner/attention_flops", MEMBER(planner.flopCounting)),
        choice(
            "/planner/mfu_basis", MEMBER(planner.mfuOnBf16Peak), {"training", "bf16"},
            [](bool bf16) { return bf16 ? "bf16" : "training"; },
            [](const std::string &text) { return std::optional<bool>(text == "bf16"); }),
        number("/planner/goodput", MEMBER(planner.goodput), {0.0, 1.0, true}, between(0.5, 1.0),
               "must be in (0, 1] (the fraction of wall time that trains), found {found}"),
    };
    for (ScenarioField &field : fields)
        field.write = WriteWhen::NotDefault;
    return fields;
}

#undef MEMBER

std::string formatted(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

void failRange(const JsonObject &object, const ScenarioField &field, const std::string &key,
               const std::string &found) {
    std::string reason(field.outOfRange);
    if (const auto at = reason.find("{found}"); at != std::string::npos)
        reason.replace(at, 7, found);
    object.fail(key, reason);
}

void readField(const JsonObject &object, const ScenarioField &field, Scenario &scenario) {
    const std::string key(field.name());
    FieldValue value;
    switch (field.type) {
    case FieldType::Integer: {
        const long long n =
            *object.optionalInteger(key, static_cast<long long>(field.valid.minimum));
        if (n > INT_MAX)
            object.fail(key, "too large (at most " + std::to_string(INT_MAX) + ")");
        if (!field.valid.contains(static_cast<double>(n)))
            failRange(object, field, key, std::to_string(n));
        value = n;
        break;
    }
    case FieldType::Number: {
        const FieldRange &valid = field.valid;
        const double n = field.needsOutOfRangeText() ? *object.optionalNumber(key)
                                                     : *object.optionalPositive(key);
        if (!valid.contains(n))
            failRange(object, field, key, formatted(n));
        value = n / field.fileScale;
        break;
    }
    case FieldType::Boolean:
        value = *object.optionalBool(key);
        break;
    case FieldType::Choice:
        value = object.choiceOr(key, field.choices, field.choices.front());
        break;
    }
    field.set(scenario, value);
}

nlohmann::ordered_json toJson(const ScenarioField &field, const FieldValue &value) {
    switch (field.type) {
    case FieldType::Integer:
        return std::get<long long>(value);
    case FieldType::Number:
        return jsonNumber(std::get<double>(value) * field.fileScale);
    case FieldType::Boolean:
        return std::get<bool>(value);
    case FieldType::Choice:
        break;
    }
    return std::get<std::string>(value);
}

bool isPositive(const FieldValue &value) {
    if (const auto *n = std::get_if<long long>(&value))
        return *n > 0;
    if (const auto *x = std::get_if<double>(&value))
        return *x > 0.0;
    return true;
}

} // namespace

bool ScenarioField::needsOutOfRangeText() const {
    if (type == FieldType::Integer)
        return !std::isinf(valid.maximum);
    if (type == FieldType::Number)
        return !(valid.exclusiveMinimum && valid.minimum == 0.0 && std::isinf(valid.maximum));
    return false;
}

std::string_view ScenarioField::block() const {
    return pointer.substr(0, pointer.rfind('/'));
}

std::string_view ScenarioField::name() const {
    return pointer.substr(pointer.rfind('/') + 1);
}

const std::vector<ScenarioField> &scenarioFields() {
    static const std::vector<ScenarioField> table = [] {
        std::vector<ScenarioField> all;
        for (auto part : {modelFields(), layoutFields(), workloadFields(), plannerFields()})
            for (ScenarioField &field : part)
                all.push_back(std::move(field));
        return all;
    }();
    return table;
}

const ScenarioField *findScenarioField(std::string_view pointer) {
    for (const ScenarioField &field : scenarioFields())
        if (field.pointer == pointer)
            return &field;
    return nullptr;
}

std::vector<std::string> scenarioFieldNames(std::string_view block) {
    std::vector<std::string> names;
    for (const ScenarioField &field : scenarioFields())
        if (field.block() == block)
            names.emplace_back(field.name());
    return names;
}

void readScenarioFields(const JsonObject &object, std::string_view block, Scenario &scenario) {
    for (const ScenarioField &field : scenarioFields())
        if (field.block() == block && object.has(std::string(field.name())))
            readField(object, field, scenario);
}

void writeScenarioFields(const Scenario &scenario, std::string_view block,
                         nlohmann::ordered_json &out) {
    static const Scenario defaults;
    for (const ScenarioField &field : scenarioFields()) {
        if (field.block() != block)
            continue;
        const FieldValue value = field.get(scenario);
        if (field.write == WriteWhen::Positive && !isPositive(value))
            continue;
        if (field.write == WriteWhen::NotDefault && value == field.get(defaults))
            continue;
        out[std::string(field.name())] = toJson(field, value);
    }
}

nlohmann::ordered_json jsonNumber(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15)
        return static_cast<long long>(value);
    return value;
}

} // namespace scalescope::models
