#pragma once

#include "models/catalog/catalog.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace scalescope::models {

/// The merged catalog together with the entries as their files wrote them.
struct MergedCatalog {
    Catalog catalog; ///< SI, validated, references resolved, derived values filled
    /// {"accelerators": [...], "cpus": [...], "systems": [...], "interconnects": [...]}: each
    /// entry exactly as in the file that won (human units), in catalog order. This is what
    /// `scalescope catalog --json` prints.
    nlohmann::json entries;
};

/// Loads and merges every *.json file of each directory, in directory order, then in file
/// name order inside a directory. Each file is
///   { "schema_version": 1, "kind": "accelerators" | "cpus" | "systems" | "interconnects",
///     "items": [ { "id": ..., ... }, ... ] }.
/// Rules, each an InputError naming file, JSON pointer and reason:
///  - unreadable or invalid JSON, unsupported schema_version, unknown kind, missing items;
///  - per entry: missing required fields, wrong types, values <= 0 where a quantity must be
///    positive, unknown field names, inconsistent composition (see catalog_entry_parser.h);
///  - the same id twice in one directory (in one file or in two files of that directory);
///  - a reference to an id that the merged catalog does not hold (gpu_id, cpu_id,
///    scale_up/scale_out_interconnect_id, nic_id, fabric_switch_id, node_system_id,
///    measured_interconnect_id), or a SuperPOD whose GPU counts disagree with its node system.
/// An entry in a later directory replaces the earlier entry with the same id as a whole.
/// Derived after merging:
///  - NCCL measurements: achievable fraction = busbw / peak per direction of the measured
///    link (low and high end of the range) unless the file states `achievable_fraction`;
///  - links: achievableFraction = lowest low-end fraction of the measurements naming them,
///    achievableFractionHigh = highest high-end fraction;
///  - SuperPODs: gpu id from the node system when absent; a size row's GPUs = nodes x GPUs
///    per node system when the RA does not print them.
[[nodiscard]] MergedCatalog loadMergedCatalog(const std::vector<std::string> &directories);

} // namespace scalescope::models
