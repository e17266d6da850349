#include "app/document/workspace_file.h"

#include "app/data/app_data.h"
#include "models/core/atomic_file.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/core/json_text.h"
#include "models/scenario/scenario_io.h"

namespace scalescope::app {

namespace {

constexpr const char *kFitMember = "scaling_fit";

std::vector<double> numberArray(const models::JsonObject &object, const std::string &key) {
    const nlohmann::json &value = object.json().at(key);
    if (!value.is_array())
        object.fail(key, "expected an array of numbers");
    std::vector<double> out;
    for (const auto &item : value) {
        if (!item.is_number())
            object.fail(key, "expected an array of numbers");
        out.push_back(item.get<double>());
    }
    return out;
}

models::FrontierBand readBand(const models::JsonObject &object) {
    object.rejectUnknownFields({"compute_flop", "lower", "upper"});
    for (const char *key : {"compute_flop", "lower", "upper"})
        if (!object.has(key))
            object.fail(key, "missing");
    models::FrontierBand band{numberArray(object, "compute_flop"), numberArray(object, "lower"),
                              numberArray(object, "upper")};
    if (band.lower.size() != band.computeFlop.size())
        object.fail("lower", "needs one number per compute_flop entry");
    if (band.upper.size() != band.computeFlop.size())
        object.fail("upper", "needs one number per compute_flop entry");
    return band;
}

models::UserScalingFit readFit(const models::JsonObject &object) {
    object.rejectUnknownFields({"source", "law", "band"});
    models::UserScalingFit fit;
    fit.source = object.stringOr("source", "");
    const models::JsonObject law = object.requiredObject("law");
    law.rejectUnknownFields({"id", "name", "E", "A", "B", "alpha", "beta", "parameter_counting"});
    fit.law.id = law.stringOr("id", "fit");
    fit.law.name = law.stringOr("name", "");
    fit.law.E = law.requiredNumber("E");
    fit.law.A = law.requiredPositive("A");
    fit.law.B = law.requiredPositive("B");
    fit.law.alpha = law.requiredPositive("alpha");
    fit.law.beta = law.requiredPositive("beta");
    fit.law.parameterCounting =
        law.choiceOr("parameter_counting", {"total", "non-embedding"}, "total") == "total"
            ? models::ParameterCounting::Total
            : models::ParameterCounting::NonEmbedding;
    if (const auto band = object.optionalObject("band"))
        fit.band = readBand(*band);
    return fit;
}

nlohmann::ordered_json fitToJson(const models::UserScalingFit &fit) {
    const models::ChinchillaLaw &law = fit.law;
    nlohmann::ordered_json out;
    out["source"] = fit.source;
    out["law"] = {
        {"id", law.id},     {"name", law.name},
        {"E", law.E},       {"A", law.A},
        {"B", law.B},       {"alpha", law.alpha},
        {"beta", law.beta}, {"parameter_counting", models::toString(law.parameterCounting)}};
    if (!fit.band.empty())
        out["band"] = {{"compute_flop", fit.band.computeFlop},
                       {"lower", fit.band.lower},
                       {"upper", fit.band.upper}};
    return out;
}

} // namespace

models::Workspace readWorkspaceDocument(const nlohmann::json &document, const std::string &file,
                                        const models::ModelPresets &presets,
                                        const models::Catalog &catalog) {
    if (!document.is_object() || !document.contains(kFitMember))
        return models::readScenarioDocument(document, file, presets, catalog);
    const models::JsonObject root(document, file, "");
    models::UserScalingFit fit = readFit(root.requiredObject(kFitMember));
    nlohmann::json scenarios = document;
    scenarios.erase(kFitMember);
    models::Workspace workspace = models::readScenarioDocument(scenarios, file, presets, catalog);
    workspace.scalingFit = std::move(fit);
    return workspace;
}

models::Workspace readWorkspaceFile(const QString &path, const AppData &data) {
    const std::string file = path.toStdString();
    return readWorkspaceDocument(models::readJsonFile(file), file, data.presets, data.catalog);
}

void writeWorkspaceFile(const QString &path, const models::Workspace &workspace,
                        const AppData &data) {
    nlohmann::ordered_json document = models::workspaceToJson(workspace, data.presets);
    if (workspace.scalingFit)
        document[kFitMember] = fitToJson(*workspace.scalingFit);
    // Temp file, checked writes, fsync, rename (models/core/atomic_file.h): the file it
    // replaces survives any failure, and the error carries the OS reason.
    models::writeFileAtomically(path.toStdString(), models::jsonText(document) + "\n");
}

} // namespace scalescope::app
