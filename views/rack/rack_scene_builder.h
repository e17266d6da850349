#pragma once

// Builds a RackScene for one scenario: geometry from the catalog, the job's placement from the
// planner's rank mapping, traffic from the planner's per-step volumes and catalog bandwidths,
// and memory fill from the planner's per-stage bytes.

#include "models/catalog/catalog.h"
#include "models/rack/rack_traffic.h"
#include "models/scenario/scenario.h"
#include "views/rack/rack_scene.h"

namespace scalescope::views {

/// Per-GPU, per-direction link bandwidths from the catalog: NVLink (or the PCIe host link of a
/// card without NVLink) = accelerator bidirectional scale-up rate / 2; scale-out = the
/// system's NICs per GPU x NIC speed [B/s].
[[nodiscard]] models::LinkBandwidths catalogLinkBandwidths(const models::Catalog &catalog,
                                                           const models::RackGeometry &geometry);

/// The scene of `scenario` (hardware.systemId, hardware.numGpus, parallelism) with `overlay`;
/// `job` may be null (hardware only); its bandwidths win over the catalog's peaks. Throws
/// models::InputError for an unknown or missing system, zero GPUs, or a layout that does not fit.
[[nodiscard]] RackScene makeRackScene(const models::Catalog &catalog,
                                      const models::Scenario &scenario, const models::RackJob *job,
                                      RackOverlay overlay);

/// The scene of a training scenario with the planner's rank order, collective volumes and
/// per-stage memory (models::plannerRackJob); the title is the scenario's name. Throws
/// models::InputError naming the field when the planner rejects the scenario.
[[nodiscard]] RackScene makeRackScene(const models::Catalog &catalog,
                                      const models::Scenario &scenario, RackOverlay overlay);

} // namespace scalescope::views
