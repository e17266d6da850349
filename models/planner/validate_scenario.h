#pragma once

// The one input check of a scenario before the planner, the search or the rack view evaluate
// it (docs/ARCHITECTURE.md, "Error policy"). Problems are input problems: a field of the scenario
// and a reason; the CLI reports the first as InputError (exit 2), the GUI shows each under its
// knob.
//
// Checks, in order (the planner reports the first):
//  1. mode is training (these planners are training-only);
//  2. the model shape (checkModelShape, models/planner/model_arithmetic.h);
//  3. hardware.num_gpus ≥ 1;
//  4. training.global_batch_tokens positive and finite, total_tokens non-negative and finite;
//  5. the optimizer recipe is known (models/planner/optimizer_recipe.h);
//  6. the parallel degrees and micro_batch ≥ 1, zero_stage 0..3, then the layout rules of
//     models/scenario/scenario_validation.h (only with a valid model shape and GPU count);
//  7. the hardware resolves against the catalog (resolveHardware).
// The search chooses the layout and the GPU count itself: with `layout` off, 3 and 6 are
// skipped and only the batch's whole-sequence rule of 6 is checked.

#include "models/planner/optimizer_recipe.h"
#include "models/planner/planner_context.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"
#include "models/scenario/scenario_validation.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

struct ScenarioCheckOptions {
    /// Check the scenario's own parallel layout and GPU count (the planner, the racks). The
    /// search turns it off: it picks layouts and checks its GPU counts itself.
    bool layout = true;
    /// The reason given for a non-training scenario.
    std::string trainingOnly = "the training planner evaluates training scenarios only";
};

/// The problems of a scenario and, where they resolved, the pieces the planner builds on.
struct ScenarioCheck {
    std::vector<ScenarioProblem> problems;   ///< in the order above; empty: valid
    std::optional<OptimizerRecipe> recipe;   ///< set when the recipe is known
    std::optional<HardwareContext> hardware; ///< set when the hardware resolved
    [[nodiscard]] bool valid() const { return problems.empty(); }
};

[[nodiscard]] ScenarioCheck checkScenario(const Scenario &scenario, const Catalog &catalog,
                                          const ScenarioCheckOptions &options = {});

/// The input problems of `scenario` (checkScenario's list).
[[nodiscard]] std::vector<ScenarioProblem>
validateScenario(const Scenario &scenario, const Catalog &catalog,
                 const ScenarioCheckOptions &options = {});

/// checkScenario, throwing InputError(file, scenarioPointer + field, reason) for the first
/// problem. `scenarioPointer` is the scenario's JSON pointer ("/scenarios/1", or "" for a kind
/// "scenario" file).
ScenarioCheck requireValidScenario(const Scenario &scenario, const Catalog &catalog,
                                   const std::string &file, const std::string &scenarioPointer,
                                   const ScenarioCheckOptions &options = {});

} // namespace scalescope::models
