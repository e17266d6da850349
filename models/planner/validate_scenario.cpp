#include "models/planner/validate_scenario.h"

#include "models/core/input_error.h"

#include <cmath>

namespace scalescope::models {

namespace {

/// False when the global batch is unusable (the batch's layout rules are then skipped).
bool checkTraining(const TrainingSettings &training, std::vector<ScenarioProblem> &problems) {
    const bool batch =
        training.globalBatchTokens > 0.0 && std::isfinite(training.globalBatchTokens);
    if (!batch)
        problems.push_back({"/training/global_batch_tokens", "must be a positive number"});
    if (!(training.totalTokens >= 0.0) || !std::isfinite(training.totalTokens))
        problems.push_back({"/training/total_tokens", "must be a non-negative number"});
    return batch;
}

std::optional<OptimizerRecipe> checkRecipe(const TrainingSettings &training,
                                           std::vector<ScenarioProblem> &problems) {
    auto recipe = findOptimizerRecipe(training.optimizerRecipe);
    if (!recipe) {
        std::string known;
        for (const auto &r : optimizerRecipeTable())
            known += (known.empty() ? "" : ", ") + r.id;
        problems.push_back(
            {"/training/optimizer_recipe",
             "unknown recipe \"" + training.optimizerRecipe + "\" (known: " + known + ")"});
    }
    return recipe;
}

/// Degrees and ZeRO stage first: the layout rules divide by them.
void checkLayout(const Scenario &scenario, bool batch, std::vector<ScenarioProblem> &problems) {
    const Parallelism &p = scenario.parallelism;
    if (p.tp < 1 || p.pp < 1 || p.dp < 1 || p.cp < 1 || p.ep < 1 || p.vpp < 1 || p.microBatch < 1) {
        problems.push_back(
            {"/parallelism", "tp, pp, dp, cp, ep, vpp and micro_batch must all be at least 1"});
        return;
    }
    if (p.zeroStage < 0 || p.zeroStage > 3)
        problems.push_back({"/parallelism/zero_stage",
                            "must be 0, 1, 2 or 3 (got " + std::to_string(p.zeroStage) + ")"});
    for (const LayoutProblem &problem : layoutProblems(scenario))
        if (batch || problem.field != "training/global_batch_tokens")
            problems.push_back({"/" + problem.field, problem.reason});
}

} // namespace

ScenarioCheck checkScenario(const Scenario &scenario, const Catalog &catalog,
                            const ScenarioCheckOptions &options) {
    ScenarioCheck check;
    auto &problems = check.problems;
    if (scenario.mode != Mode::Training)
        problems.push_back({"/mode", options.trainingOnly});
    const auto shape = checkModelShape(scenario.model);
    if (shape)
        problems.push_back({"/model/" + shape->field, shape->reason});
    const bool gpusKnown = !options.layout || scenario.hardware.numGpus >= 1;
    if (!gpusKnown)
        problems.push_back(
            {"/hardware/num_gpus",
             "must be at least 1 (got " + std::to_string(scenario.hardware.numGpus) + ")"});
    const TrainingSettings &training = scenario.training;
    const bool batch = checkTraining(training, problems);
    check.recipe = checkRecipe(training, problems);
    if (!shape && gpusKnown) {
        if (options.layout) {
            checkLayout(scenario, batch, problems);
        } else if (batch && scenario.mode == Mode::Training &&
                   firstViolatedLayoutRule(scenario.model, Parallelism{}, 1, Mode::Training,
                                           training.globalBatchTokens) ==
                       LayoutRule::BatchWholeSequences) {
            // The search's layouts all share the batch; a layout of 1 GPU checks it alone.
            const auto problem = describeLayoutProblem(LayoutRule::BatchWholeSequences, scenario);
            problems.push_back({"/" + problem.field, problem.reason});
        }
    }
    HardwareContext hardware;
    std::string field;
    std::string reason;
    if (resolveHardware(scenario.hardware, catalog, training.precision, hardware, field, reason))
        check.hardware = std::move(hardware);
    else
        problems.push_back({field, reason});
    return check;
}

std::vector<ScenarioProblem> validateScenario(const Scenario &scenario, const Catalog &catalog,
                                              const ScenarioCheckOptions &options) {
    return checkScenario(scenario, catalog, options).problems;
}

ScenarioCheck requireValidScenario(const Scenario &scenario, const Catalog &catalog,
                                   const std::string &file, const std::string &scenarioPointer,
                                   const ScenarioCheckOptions &options) {
    ScenarioCheck check = checkScenario(scenario, catalog, options);
    if (!check.valid())
        throw InputError(file, scenarioPointer + check.problems.front().field,
                         check.problems.front().reason);
    return check;
}

} // namespace scalescope::models
