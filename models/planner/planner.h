#pragma once

// The training planner's entry point: a scenario and the catalog in, a fully explained
// ScenarioResult out. Layout problems never throw: they come back as valid = false with the
// scenario field and the reason, so the GUI can show them inline and the CLI can exit 2.
//
// Whole-run quantities:
//   training time  = total tokens / tokens per second / goodput
//   GPU-hours      = GPUs x training time / 3600 s
//   energy         = GPUs x (P_gpu + P_node) x training time x PUE, with
//                    P_gpu = TDP x (0.93 busy + 0.30 (1 - busy)); busy = compute share of the step.
//                    0.93: a 700 W H200 draws 630-665 W in sustained training steps (shared
//                    docs/reference/H200-measured.md); 0.30 while waiting on communication or in
//                    the bubble is an assumption. P_node = (system power - GPU TDPs) / GPUs from
//                    the catalog's maximum system power (CPUs, NICs, switches, fans).
//   cost           = GPU-hours x $/GPU-hour.

#include "models/catalog/catalog.h"
#include "models/planner/planner_context.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

namespace scalescope::models {

/// Evaluates a training scenario with its own planner options (`scenario.planner`). Never
/// throws for a problem of the scenario (unknown id, impossible layout, bad shape): `valid` is
/// false and `errorField`/`error` say why.
[[nodiscard]] ScenarioResult evaluate(const Scenario &scenario, const Catalog &catalog);

/// The same with `options` in place of `scenario.planner` (validation of published runs, tests).
[[nodiscard]] ScenarioResult evaluate(const Scenario &scenario, const Catalog &catalog,
                                      const PlannerOptions &options);

/// Seconds to execute `totalFlop` on `gpus` GPUs each sustaining `flopsPerSecondPerGpu`:
///   T = F / (n x X)   (the "Epoch method": compute / (GPUs x peak x utilisation)).
[[nodiscard]] double trainingSecondsAt(double totalFlop, int gpus, double flopsPerSecondPerGpu);

/// Average power per GPU including its share of the node [W], before PUE (see above).
[[nodiscard]] double averagePowerWattsPerGpu(double gpuTdpWatts, double nodeOverheadWattsPerGpu,
                                             double busyFraction);

} // namespace scalescope::models
