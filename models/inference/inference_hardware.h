#pragma once

// Resolves the serving hardware from the catalog, reusing the training planner's resolution of
// scale-up and scale-out links (models/planner/planner_context.h).

#include "models/catalog/catalog.h"
#include "models/inference/inference_settings.h"
#include "models/scenario/scenario.h"

namespace scalescope::models {

/// The GPU (and, through a system, its NVLink domain and compute fabric) of `choice`. Capacity
/// is the training planner's usable HBM (datasheet "GB" read as GiB), bandwidth and peaks are
/// the datasheet's, power is the GPU's TDP. Throws InputError naming /hardware/system or
/// /hardware/gpu for unknown ids or a GPU without HBM or a BF16 peak.
[[nodiscard]] InferenceHardware inferenceHardware(const Catalog &catalog,
                                                  const HardwareChoice &choice);

} // namespace scalescope::models
