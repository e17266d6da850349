#include "app/document/field_metadata.h"

#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/scenario/field_table.h"

#include <algorithm>
#include <cmath>

namespace scalescope::app {

namespace {

FieldKind parseKind(const models::JsonObject &object) {
    const std::string kind = object.choiceOr(
        "kind", {"integer", "number", "boolean", "choice", "text", "model-preset", "hardware"},
        "integer");
    if (kind == "number")
        return FieldKind::Number;
    if (kind == "boolean")
        return FieldKind::Boolean;
    if (kind == "choice")
        return FieldKind::Choice;
    if (kind == "text")
        return FieldKind::Text;
    if (kind == "model-preset")
        return FieldKind::ModelPreset;
    if (kind == "hardware")
        return FieldKind::HardwareSystem;
    return FieldKind::Integer;
}

/// Named step families: the values people actually pick for discrete knobs.
std::vector<double> generatedSteps(const std::string &family, double minimum, double maximum) {
    std::vector<double> steps;
    // Start at the smallest power of two within range and double.
    for (double p = 1.0; p <= maximum; p *= 2.0) {
        if (p >= minimum)
            steps.push_back(p);
        // 3·2^k: 3, 6, 12, 24, 48, ... (GPU counts like 24,576 and 3 DP groups).
        if (family == "powers-of-two-and-three" && p * 1.5 >= minimum && p * 1.5 <= maximum &&
            p >= 2.0)
            steps.push_back(p * 1.5);
    }
    std::sort(steps.begin(), steps.end());
    return steps;
}

std::vector<double> parseSteps(const models::JsonObject &field, double minimum, double maximum) {
    if (!field.has("steps"))
        return {};
    const auto &value = field.json().at("steps");
    if (value.is_string()) {
        const std::string family =
            field.choiceOr("steps", {"powers-of-two", "powers-of-two-and-three"}, "");
        auto steps = generatedSteps(family, minimum, maximum);
        if (steps.empty())
            field.fail("steps", "no step of this family lies in the field's range");
        return steps;
    }
    if (!value.is_array() || value.empty())
        field.fail("steps", "expected a step family name or a non-empty array of numbers");
    std::vector<double> steps;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_number() || !std::isfinite(value[i].get<double>()))
            throw models::InputError(field.file(),
                                     field.pointerOf("steps") + "/" + std::to_string(i),
                                     "expected a finite number");
        steps.push_back(value[i].get<double>());
    }
    if (!std::is_sorted(steps.begin(), steps.end()) ||
        std::adjacent_find(steps.begin(), steps.end()) != steps.end())
        field.fail("steps", "values must be strictly increasing");
    return steps;
}

std::vector<FieldOption> parseOptions(const models::JsonObject &field) {
    std::vector<FieldOption> options;
    for (const auto &option : field.objectArray("options")) {
        options.push_back({QString::fromStdString(option.requiredString("value")),
                           QString::fromStdString(option.requiredString("label"))});
    }
    if (options.empty())
        field.fail("options", "a choice field needs at least one option");
    return options;
}

QVariant parseDefault(const models::JsonObject &field, FieldKind kind) {
    if (!field.has("default"))
        return {};
    switch (kind) {
    case FieldKind::Boolean:
        return field.optionalBool("default").value_or(false);
    case FieldKind::Integer:
    case FieldKind::Number:
        return field.requiredNumber("default");
    default:
        return QString::fromStdString(field.requiredString("default"));
    }
}

/// The kind a plain field of this type takes in the panel.
FieldKind kindOf(models::FieldType type) {
    switch (type) {
    case models::FieldType::Integer:
        return FieldKind::Integer;
    case models::FieldType::Number:
        return FieldKind::Number;
    case models::FieldType::Boolean:
        return FieldKind::Boolean;
    case models::FieldType::Choice:
        break;
    }
    return FieldKind::Choice;
}

/// The key of a field the app binds by hand (scenario_fields.cpp) for `kind`, or empty.
QString specialKey(FieldKind kind) {
    switch (kind) {
    case FieldKind::Text:
        return "/name";
    case FieldKind::ModelPreset:
        return "/model/preset";
    case FieldKind::HardwareSystem:
        return "/hardware/system";
    default:
        return {};
    }
}

/// Checks the entry against the models field table (models/scenario/field_table.h) and takes
/// its range from there: ranges live in that table only.
void bindToTable(const models::JsonObject &object, FieldSpec &field) {
    for (const char *key : {"min", "max"})
        if (object.has(key))
            object.fail(key, "ranges are not set here: they live in the scenario field table "
                             "(models/scenario/field_table.cpp)");
    if (const QString special = specialKey(field.kind); !special.isEmpty()) {
        if (field.key != special)
            object.fail("key", "a field of this kind has the key " + special.toStdString());
        return;
    }
    const auto *plain = models::findScenarioField(field.key.toStdString());
    if (plain == nullptr)
        object.fail("key", "not a field of the scenario field table "
                           "(models/scenario/field_table.cpp)");
    if (kindOf(plain->type) != field.kind)
        object.fail("kind", "does not match the scenario field's type");
    if (field.kind != FieldKind::Integer && field.kind != FieldKind::Number)
        return;
    if (std::isinf(plain->editor.maximum))
        object.fail("key", "the scenario field table gives this field no panel range");
    field.minimum = plain->editor.minimum / field.displayScale;
    field.maximum = plain->editor.maximum / field.displayScale;
}

/// Every option of a choice must be a name the scenario field accepts.
void checkOptions(const models::JsonObject &object, const FieldSpec &field) {
    const auto *plain = models::findScenarioField(field.key.toStdString());
    for (std::size_t i = 0; i < field.options.size(); ++i)
        if (std::find(plain->choices.begin(), plain->choices.end(),
                      field.options[i].value.toStdString()) == plain->choices.end())
            throw models::InputError(
                object.file(), object.pointerOf("options") + "/" + std::to_string(i) + "/value",
                "not a value of the scenario field");
}

FieldSpec parseField(const models::JsonObject &object) {
    FieldSpec field;
    field.key = QString::fromStdString(object.requiredString("key"));
    if (!field.key.startsWith('/'))
        object.fail("key", "must be a JSON pointer into the scenario, e.g. /parallelism/tp");
    field.label = QString::fromStdString(object.requiredString("label"));
    field.unit = QString::fromStdString(object.stringOr("unit", ""));
    field.tooltip = QString::fromStdString(object.requiredString("tooltip"));
    field.kind = parseKind(object);
    field.displayScale = object.optionalPositive("display_scale").value_or(1.0);
    bindToTable(object, field);
    if (field.kind == FieldKind::Integer || field.kind == FieldKind::Number) {
        field.decimals = static_cast<int>(object.optionalInteger("decimals", 0).value_or(0));
        field.singleStep = object.optionalPositive("step").value_or(1.0);
        field.steps = parseSteps(object, field.minimum, field.maximum);
        field.slider = object.boolOr("slider", false);
        field.minimumText = QString::fromStdString(object.stringOr("minimum_text", ""));
    }
    if (field.kind == FieldKind::Choice) {
        field.options = parseOptions(object);
        checkOptions(object, field);
    }
    field.defaultValue = parseDefault(object, field.kind);
    if (field.defaultValue.isValid() &&
        (field.kind == FieldKind::Integer || field.kind == FieldKind::Number)) {
        const double value = field.defaultValue.toDouble();
        if (value < field.minimum || value > field.maximum)
            object.fail("default", "lies outside the field's range");
    }
    if (field.kind == FieldKind::Choice && field.defaultValue.isValid() &&
        std::none_of(field.options.begin(), field.options.end(), [&](const FieldOption &o) {
            return o.value == field.defaultValue.toString();
        }))
        object.fail("default", "is not one of the options");
    return field;
}

} // namespace

const FieldSpec *FieldMetadata::find(const QString &key) const {
    for (const auto &group : groups)
        for (const auto &field : group.fields)
            if (field.key == key)
                return &field;
    return nullptr;
}

std::vector<const FieldSpec *> FieldMetadata::fields() const {
    std::vector<const FieldSpec *> out;
    for (const auto &group : groups)
        for (const auto &field : group.fields)
            out.push_back(&field);
    return out;
}

FieldMetadata FieldMetadata::load(const QString &path) {
    const std::string file = path.toStdString();
    const nlohmann::json document = models::readJsonFile(file);
    const models::JsonObject root = models::documentRoot(document, file, "ui-fields");
    FieldMetadata metadata;
    for (const auto &groupObject : root.objectArray("groups")) {
        FieldGroup group;
        group.id = QString::fromStdString(groupObject.requiredString("id"));
        group.title = QString::fromStdString(groupObject.requiredString("title"));
        group.expanded = groupObject.boolOr("expanded", true);
        for (const auto &fieldObject : groupObject.objectArray("fields")) {
            FieldSpec field = parseField(fieldObject);
            if (metadata.find(field.key) != nullptr ||
                std::any_of(group.fields.begin(), group.fields.end(),
                            [&](const FieldSpec &f) { return f.key == field.key; }))
                fieldObject.fail("key", "appears twice");
            group.fields.push_back(std::move(field));
        }
        metadata.groups.push_back(std::move(group));
    }
    if (metadata.groups.empty())
        root.fail("groups", "needs at least one group");
    return metadata;
}

int nearestStepIndex(const FieldSpec &field, double value) {
    if (field.steps.empty())
        return 0;
    int best = 0;
    for (int i = 1; i < static_cast<int>(field.steps.size()); ++i)
        if (std::fabs(field.steps[i] - value) < std::fabs(field.steps[best] - value))
            best = i;
    return best;
}

double snapToStep(const FieldSpec &field, double value) {
    if (!field.steps.empty())
        return field.steps[nearestStepIndex(field, value)];
    const double clamped = std::clamp(value, field.minimum, field.maximum);
    if (field.kind == FieldKind::Integer)
        return std::round(clamped);
    return clamped;
}

} // namespace scalescope::app
