#include "app/document/scenario_fields.h"

#include "models/core/json_reader.h"
#include "models/scenario/field_table.h"
#include "models/scenario/scenario_io.h"

#include <algorithm>
#include <cmath>

namespace scalescope::app {

namespace {

using models::Scenario;

/// The scenario name: any non-blank text, trimmed. (The plain fields bind through the models
/// field table, models/scenario/field_table.h.)
bool setName(Scenario &s, const QVariant &v) {
    if (v.toString().trimmed().isEmpty())
        return false;
    s.name = v.toString().trimmed().toStdString();
    return true;
}

/// A plain field's value in SI units as a QVariant (a double, a bool or a choice name).
QVariant toVariant(const models::FieldValue &value) {
    if (const auto *n = std::get_if<long long>(&value))
        return static_cast<double>(*n);
    if (const auto *x = std::get_if<double>(&value))
        return *x;
    if (const auto *b = std::get_if<bool>(&value))
        return *b;
    return QString::fromStdString(std::get<std::string>(value));
}

/// `v` converted to `field`'s type (whole numbers rounded).
models::FieldValue fromVariant(const models::ScenarioField &field, const QVariant &v) {
    switch (field.type) {
    case models::FieldType::Integer:
        return static_cast<long long>(std::llround(v.toDouble()));
    case models::FieldType::Number:
        return v.toDouble();
    case models::FieldType::Boolean:
        return v.toBool();
    case models::FieldType::Choice:
        break;
    }
    return v.toString().toStdString();
}

bool isNumeric(FieldKind kind) {
    return kind == FieldKind::Integer || kind == FieldKind::Number;
}

int layoutProduct(const models::Parallelism &p) {
    return p.tp * p.pp * p.cp;
}

/// GPUs = TP·PP·CP·DP: the GPU count is the knob people drag, DP follows it.
void keepLayoutConsistent(Scenario &scenario, const QString &key) {
    auto &p = scenario.parallelism;
    const int product = layoutProduct(p);
    if (product <= 0)
        return;
    if (key == "/parallelism/dp") {
        if (p.dp > 0)
            scenario.hardware.numGpus = product * p.dp;
        return;
    }
    if (key == "/hardware/num_gpus" || key == "/parallelism/tp" || key == "/parallelism/pp" ||
        key == "/parallelism/cp") {
        // When it does not divide, DP stays and the planner names the mismatch inline.
        if (scenario.hardware.numGpus % product == 0)
            p.dp = scenario.hardware.numGpus / product;
    }
}

const models::ModelShape *findPreset(const FieldContext &context, const std::string &id) {
    return context.presets == nullptr ? nullptr : context.presets->find(id);
}

} // namespace

QString hardwareValue(const models::HardwareChoice &hardware) {
    if (!hardware.systemId.empty())
        return QString::fromStdString(hardware.systemId);
    return "gpu:" + QString::fromStdString(hardware.gpuId);
}

QVariant fieldValue(const models::Scenario &scenario, const FieldSpec &field) {
    if (field.kind == FieldKind::ModelPreset)
        return QString::fromStdString(scenario.modelPreset);
    if (field.kind == FieldKind::HardwareSystem)
        return hardwareValue(scenario.hardware);
    if (field.key == "/name")
        return QString::fromStdString(scenario.name);
    const auto *plain = models::findScenarioField(field.key.toStdString());
    if (plain == nullptr)
        return {};
    const QVariant si = toVariant(plain->get(scenario));
    if (isNumeric(field.kind))
        return si.toDouble() / field.displayScale;
    return si;
}

bool setFieldValue(models::Scenario &scenario, const FieldSpec &field, const QVariant &displayValue,
                   const FieldContext &context) {
    if (field.kind == FieldKind::ModelPreset) {
        const auto *preset = findPreset(context, displayValue.toString().toStdString());
        if (preset == nullptr)
            return false;
        scenario.modelPreset = preset->id;
        scenario.model = *preset;
        return true;
    }
    if (field.kind == FieldKind::HardwareSystem) {
        const QString value = displayValue.toString();
        if (context.catalog == nullptr)
            return false;
        if (value.startsWith("gpu:")) {
            const std::string gpu = value.mid(4).toStdString();
            if (context.catalog->findAccelerator(gpu) == nullptr)
                return false;
            scenario.hardware.systemId.clear();
            scenario.hardware.gpuId = gpu;
            return true;
        }
        const auto &systems = context.catalog->systems;
        const auto system =
            std::find_if(systems.begin(), systems.end(),
                         [&](const models::SystemSpec &s) { return s.id == value.toStdString(); });
        if (system == systems.end())
            return false;
        scenario.hardware.systemId = system->id;
        scenario.hardware.gpuId = system->gpuId;
        return true;
    }
    if (field.key == "/name")
        return setName(scenario, displayValue);
    const auto *plain = models::findScenarioField(field.key.toStdString());
    if (plain == nullptr)
        return false;
    Scenario next = scenario;
    QVariant si = displayValue;
    if (isNumeric(field.kind)) {
        const double value = displayValue.toDouble();
        if (!std::isfinite(value))
            return false;
        si = value * field.displayScale;
    }
    if (!plain->set(next, fromVariant(*plain, si)))
        return false;
    keepLayoutConsistent(next, field.key);
    if (field.key.startsWith("/model/"))
        next = asSaved(next, context);
    scenario = std::move(next);
    return true;
}

models::Scenario asSaved(const models::Scenario &scenario, const FieldContext &context) {
    if (context.presets == nullptr || context.catalog == nullptr)
        return scenario;
    // The file format owns what "a preset with overrides" means; going through it keeps the
    // document and the saved file identical instead of restating that rule here.
    try {
        const nlohmann::json json =
            nlohmann::json::parse(models::scenarioToJson(scenario, *context.presets).dump());
        const models::JsonObject object(json, "", "");
        models::Scenario saved = scenario;
        const models::Scenario read =
            models::readScenario(object, *context.presets, *context.catalog);
        saved.model = read.model;
        saved.modelPreset = read.modelPreset;
        return saved;
    } catch (const std::exception &) {
        return scenario;
    }
}

models::Scenario defaultScenario(const FieldMetadata &metadata, const FieldContext &context) {
    models::Scenario scenario;
    for (const FieldSpec *field : metadata.fields())
        if (field->kind == FieldKind::ModelPreset && field->defaultValue.isValid())
            setFieldValue(scenario, *field, field->defaultValue, context);
    for (const FieldSpec *field : metadata.fields())
        if (field->kind != FieldKind::ModelPreset && field->defaultValue.isValid())
            setFieldValue(scenario, *field, field->defaultValue, context);
    return scenario;
}

} // namespace scalescope::app
