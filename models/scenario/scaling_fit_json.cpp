#include "models/scenario/scaling_fit_json.h"

#include "models/core/input_error.h"

namespace scalescope::models {

namespace {

std::vector<double> numberArray(const JsonObject &object, const std::string &key) {
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

FrontierBand readBand(const JsonObject &object) {
    object.rejectUnknownFields({"compute_flop", "lower", "upper"});
    for (const char *key : {"compute_flop", "lower", "upper"})
        if (!object.has(key))
            object.fail(key, "missing");
    FrontierBand band{numberArray(object, "compute_flop"), numberArray(object, "lower"),
                      numberArray(object, "upper")};
    if (band.lower.size() != band.computeFlop.size())
        object.fail("lower", "needs one number per compute_flop entry");
    if (band.upper.size() != band.computeFlop.size())
        object.fail("upper", "needs one number per compute_flop entry");
    return band;
}

} // namespace

UserScalingFit readUserScalingFit(const JsonObject &object) {
    object.rejectUnknownFields({"source", "law", "band"});
    UserScalingFit fit;
    fit.source = object.stringOr("source", "");
    const JsonObject law = object.requiredObject("law");
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
            ? ParameterCounting::Total
            : ParameterCounting::NonEmbedding;
    if (const auto band = object.optionalObject("band"))
        fit.band = readBand(*band);
    return fit;
}

nlohmann::ordered_json userScalingFitToJson(const UserScalingFit &fit) {
    const ChinchillaLaw &law = fit.law;
    nlohmann::ordered_json out;
    out["source"] = fit.source;
    out["law"] = {{"id", law.id},     {"name", law.name},
                  {"E", law.E},       {"A", law.A},
                  {"B", law.B},       {"alpha", law.alpha},
                  {"beta", law.beta}, {"parameter_counting", toString(law.parameterCounting)}};
    if (!fit.band.empty())
        out["band"] = {{"compute_flop", fit.band.computeFlop},
                       {"lower", fit.band.lower},
                       {"upper", fit.band.upper}};
    return out;
}

} // namespace scalescope::models
