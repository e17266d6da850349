#include "app/document/scenario_fields.h"

#include "models/core/json_reader.h"
#include "models/scenario/model_json.h"
#include "models/scenario/scenario_io.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <functional>

namespace scalescope::app {

namespace {

using models::Scenario;

/// Reads and writes one scenario member in SI units (strings for choices).
struct Binding {
    std::function<QVariant(const Scenario &)> get;
    std::function<bool(Scenario &, const QVariant &)> set;
};

template <typename T> Binding intBinding(T Scenario::*outer, int T::*member) {
    return {[=](const Scenario &s) { return QVariant((s.*outer).*member); },
            [=](Scenario &s, const QVariant &v) {
                (s.*outer).*member = static_cast<int>(std::lround(v.toDouble()));
                return true;
            }};
}

template <typename T> Binding doubleBinding(T Scenario::*outer, double T::*member) {
    return {[=](const Scenario &s) { return QVariant((s.*outer).*member); },
            [=](Scenario &s, const QVariant &v) {
                (s.*outer).*member = v.toDouble();
                return true;
            }};
}

template <typename T> Binding boolBinding(T Scenario::*outer, bool T::*member) {
    return {[=](const Scenario &s) { return QVariant((s.*outer).*member); },
            [=](Scenario &s, const QVariant &v) {
                (s.*outer).*member = v.toBool();
                return true;
            }};
}

/// An enum spelled through its name table (models/core/enum_names.h); unknown names are refused.
template <typename T, typename E> Binding enumBinding(T Scenario::*outer, E T::*member) {
    return {[=](const Scenario &s) {
                return QVariant(QString::fromStdString(models::enumString((s.*outer).*member)));
            },
            [=](Scenario &s, const QVariant &v) {
                const auto value = models::parseEnum<E>(v.toString().toStdString());
                if (!value)
                    return false;
                (s.*outer).*member = *value;
                return true;
            }};
}

Binding moeBinding(int models::MoeShape::*member) {
    return {[=](const Scenario &s) { return QVariant(s.model.moe.*member); },
            [=](Scenario &s, const QVariant &v) {
                s.model.moe.*member = static_cast<int>(std::lround(v.toDouble()));
                return true;
            }};
}

Binding mlaBinding(int models::MlaShape::*member) {
    return {[=](const Scenario &s) { return QVariant(s.model.mla.*member); },
            [=](Scenario &s, const QVariant &v) {
                s.model.mla.*member = static_cast<int>(std::lround(v.toDouble()));
                return true;
            }};
}

/// The scenario name: any non-blank text, trimmed.
Binding nameBinding() {
    return {[](const Scenario &s) { return QVariant(QString::fromStdString(s.name)); },
            [](Scenario &s, const QVariant &v) {
                if (v.toString().trimmed().isEmpty())
                    return false;
                s.name = v.toString().trimmed().toStdString();
                return true;
            }};
}

/// Rotary, learned or relative position embedding, by name.
Binding positionEmbeddingBinding() {
    return {[](const Scenario &s) {
                return QVariant(QString(models::positionEmbeddingName(s.model.positionEmbedding)));
            },
            [](Scenario &s, const QVariant &v) {
                for (auto kind :
                     {models::PositionEmbedding::Rotary, models::PositionEmbedding::Learned,
                      models::PositionEmbedding::Relative})
                    if (v.toString() == models::positionEmbeddingName(kind)) {
                        s.model.positionEmbedding = kind;
                        return true;
                    }
                return false;
            }};
}

/// RMSNorm or LayerNorm, by name.
Binding normBinding() {
    return {[](const Scenario &s) { return QVariant(QString(models::normName(s.model.norm))); },
            [](Scenario &s, const QVariant &v) {
                for (auto kind : {models::NormKind::RmsNorm, models::NormKind::LayerNorm})
                    if (v.toString() == models::normName(kind)) {
                        s.model.norm = kind;
                        return true;
                    }
                return false;
            }};
}

/// The optimizer recipe id; empty is refused.
Binding optimizerRecipeBinding() {
    return {[](const Scenario &s) {
                return QVariant(QString::fromStdString(s.training.optimizerRecipe));
            },
            [](Scenario &s, const QVariant &v) {
                s.training.optimizerRecipe = v.toString().toStdString();
                return !s.training.optimizerRecipe.empty();
            }};
}

const QHash<QString, Binding> &bindings() {
    using models::ModelShape;
    using models::Parallelism;
    static const QHash<QString, Binding> table = {
        {"/name", nameBinding()},
        {"/model/layers", intBinding(&Scenario::model, &ModelShape::layers)},
        {"/model/hidden", intBinding(&Scenario::model, &ModelShape::hidden)},
        {"/model/heads", intBinding(&Scenario::model, &ModelShape::heads)},
        {"/model/kv_heads", intBinding(&Scenario::model, &ModelShape::kvHeads)},
        {"/model/head_dim", intBinding(&Scenario::model, &ModelShape::headDim)},
        {"/model/ffn", intBinding(&Scenario::model, &ModelShape::ffn)},
        {"/model/vocab", intBinding(&Scenario::model, &ModelShape::vocab)},
        {"/model/seq_len", intBinding(&Scenario::model, &ModelShape::seqLen)},
        {"/model/gated_mlp", boolBinding(&Scenario::model, &ModelShape::gatedMlp)},
        {"/model/tied_embeddings", boolBinding(&Scenario::model, &ModelShape::tiedEmbeddings)},
        {"/model/position_embedding", positionEmbeddingBinding()},
        {"/model/norm", normBinding()},
        {"/model/linear_biases", boolBinding(&Scenario::model, &ModelShape::linearBiases)},
        {"/model/moe/experts", moeBinding(&models::MoeShape::experts)},
        {"/model/moe/top_k", moeBinding(&models::MoeShape::topK)},
        {"/model/moe/expert_ffn", moeBinding(&models::MoeShape::expertFfn)},
        {"/model/moe/shared_experts", moeBinding(&models::MoeShape::sharedExperts)},
        {"/model/moe/dense_layers", moeBinding(&models::MoeShape::denseLayers)},
        {"/model/mla/q_lora_rank", mlaBinding(&models::MlaShape::qLoraRank)},
        {"/model/mla/kv_lora_rank", mlaBinding(&models::MlaShape::kvLoraRank)},
        {"/model/mla/qk_nope_head_dim", mlaBinding(&models::MlaShape::qkNopeHeadDim)},
        {"/model/mla/qk_rope_head_dim", mlaBinding(&models::MlaShape::qkRopeHeadDim)},
        {"/model/mla/v_head_dim", mlaBinding(&models::MlaShape::vHeadDim)},
        {"/hardware/num_gpus", intBinding(&Scenario::hardware, &models::HardwareChoice::numGpus)},
        {"/parallelism/tp", intBinding(&Scenario::parallelism, &Parallelism::tp)},
        {"/parallelism/pp", intBinding(&Scenario::parallelism, &Parallelism::pp)},
        {"/parallelism/dp", intBinding(&Scenario::parallelism, &Parallelism::dp)},
        {"/parallelism/cp", intBinding(&Scenario::parallelism, &Parallelism::cp)},
        {"/parallelism/ep", intBinding(&Scenario::parallelism, &Parallelism::ep)},
        {"/parallelism/vpp", intBinding(&Scenario::parallelism, &Parallelism::vpp)},
        {"/parallelism/zero_stage", intBinding(&Scenario::parallelism, &Parallelism::zeroStage)},
        {"/parallelism/sequence_parallel",
         boolBinding(&Scenario::parallelism, &Parallelism::sequenceParallel)},
        {"/parallelism/micro_batch", intBinding(&Scenario::parallelism, &Parallelism::microBatch)},
        {"/parallelism/recompute", enumBinding(&Scenario::parallelism, &Parallelism::recompute)},
        {"/training/global_batch_tokens",
         doubleBinding(&Scenario::training, &models::TrainingSettings::globalBatchTokens)},
        {"/training/total_tokens",
         doubleBinding(&Scenario::training, &models::TrainingSettings::totalTokens)},
        {"/training/precision",
         enumBinding(&Scenario::training, &models::TrainingSettings::precision)},
        {"/training/optimizer_recipe", optimizerRecipeBinding()},
        {"/economics/usd_per_gpu_hour",
         doubleBinding(&Scenario::economics, &models::Economics::usdPerGpuHour)},
        {"/economics/pue", doubleBinding(&Scenario::economics, &models::Economics::pue)},
    };
    return table;
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
    const auto it = bindings().find(field.key);
    if (it == bindings().end())
        return {};
    const QVariant si = it->get(scenario);
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
    const auto it = bindings().find(field.key);
    if (it == bindings().end())
        return false;
    Scenario next = scenario;
    QVariant si = displayValue;
    if (isNumeric(field.kind)) {
        const double value = displayValue.toDouble();
        if (!std::isfinite(value))
            return false;
        si = value * field.displayScale;
    }
    if (!it->set(next, si))
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
