#pragma once

// Builds a RackScene for one scenario: geometry from the catalog, the job's placement from the
// planner's rank mapping, traffic from the planner's per-step volumes and catalog bandwidths,
// and memory fill from the planner's per-stage bytes.

#include "models/catalog.h"
#include "models/scenario.h"
#include "views/rack_scene.h"

namespace scalescope::views {

/// The job as the planner sees it (everything optional except the rank mapping).
struct RackJob {
    int worldSize = 0;           ///< ranks placed (tp x cp x dp x pp)
    models::RankMapper mapper;   ///< the planner's rank order
    QString rankOrder;           ///< "tp-cp-ep-dp-pp", shown in the legend
    models::StepTraffic traffic; ///< bytes per GPU per step by group kind
    bool hasTraffic = false;
    std::vector<double> stageBytes; ///< HBM bytes per GPU of each pipeline stage; may be empty
};

/// Per-GPU, per-direction link bandwidths from the catalog: NVLink (or the PCIe host link of a
/// card without NVLink) = accelerator bidirectional scale-up rate / 2; scale-out = the
/// system's NICs per GPU x NIC speed [B/s].
[[nodiscard]] models::LinkBandwidths catalogLinkBandwidths(const models::Catalog &catalog,
                                                           const models::RackGeometry &geometry);

/// The scene of `scenario` (hardware.systemId, hardware.numGpus, parallelism) with `overlay`;
/// `job` may be null (hardware only). Throws models::InputError for an unknown or missing
/// system, zero GPUs, or a layout that does not fit.
[[nodiscard]] RackScene makeRackScene(const models::Catalog &catalog,
                                      const models::Scenario &scenario, const RackJob *job,
                                      RackOverlay overlay);

} // namespace scalescope::views
