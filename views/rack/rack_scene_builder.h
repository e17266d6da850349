#pragma once

// Builds a RackScene for one scenario: geometry from the catalog, and the evaluated job
// (ScenarioResult::rackJob) placed on it: the planner's rank mapping, per-step volumes and
// effective bandwidths, and memory fill from the planner's per-stage bytes.

#include "models/catalog/catalog.h"
#include "models/rack/rack_traffic.h"
#include "models/scenario/scenario.h"
#include "views/rack/rack_scene.h"

namespace scalescope::views {

/// The scene of `scenario` (hardware.systemId, hardware.numGpus, parallelism) with `overlay`;
/// `job` may be null (hardware only). The job is the evaluated result's
/// (ScenarioResult::rackJob): traffic times use its bandwidths, the planner's effective ones,
/// and memory fill divides by models::usableMemoryBytes of the GPU. Throws
/// models::InputError for an unknown or missing system, zero GPUs, or a layout that does not fit.
[[nodiscard]] RackScene makeRackScene(const models::Catalog &catalog,
                                      const models::Scenario &scenario, const models::RackJob *job,
                                      RackOverlay overlay);

} // namespace scalescope::views
