#pragma once

#include "models/catalog/catalog.h"
#include "models/scenario/scenario.h"

#include <string>
#include <vector>

namespace scalescope::app {

/// Side-by-side text table of catalog entries: one column per id in the given order, then one
/// ratio column per further id against the first (formatRatio: "2.3×"). All ids must be
/// accelerators, or all systems (servers, racks, SuperPODs, MGX designs). Rows: dense FP64 /
/// TF32 / BF16 / FP8 / FP6 / FP4 / INT8 peaks, HBM capacity and bandwidth, scale-up bandwidth
/// and domain, TDP, ... for accelerators; GPUs, CPUs, totals of dense BF16/FP8/FP4 and HBM,
/// scale-up and scale-out bandwidth per GPU, NCCL achievable fraction, power, height for
/// systems. Ends with each entry's sources.
/// Throws models::InputError("command line", "--compare", reason) for an unknown id, a CPU or
/// interconnect id, mixed kinds, or fewer than one id.
[[nodiscard]] std::string renderCatalogComparison(const models::Catalog &catalog,
                                                  const std::vector<std::string> &ids);

/// The accelerator ids a workspace uses, in scenario order without repeats (a scenario's
/// `hardware.gpuId`, or its system's GPU). Unknown ids are skipped.
[[nodiscard]] std::vector<std::string> workspaceAcceleratorIds(const models::Catalog &catalog,
                                                               const models::Workspace &workspace);

/// What the app prints for a workspace until the GUI lands: the comparison of the accelerators
/// its scenarios use, then of its systems when there are two or more; a line saying so when
/// the workspace names fewer than two accelerators.
[[nodiscard]] std::string renderWorkspaceHardwareComparison(const models::Catalog &catalog,
                                                            const models::Workspace &workspace);

/// Without --compare: one summary table per kind (accelerators, CPUs, systems,
/// interconnects) with the headline numbers of every entry.
[[nodiscard]] std::string renderCatalogSummary(const models::Catalog &catalog);

} // namespace scalescope::app
