#pragma once

#include "models/catalog/catalog.h"
#include "models/core/json_reader.h"

namespace scalescope::models {

// Parsers for one catalog entry (an element of a catalog file's "items" array). Each checks
// the entry's own fields (required, type, > 0, whole numbers, known names, internal
// consistency such as GPUs = GPUs per tray x trays per rack), converts human units to SI once
// (TFLOP/s x 1e12, GB x 1e9, TB/s x 1e12, Gb/s x 1e9 bit/s, kW x 1e3, us x 1e-6) and throws
// InputError naming the file and JSON pointer. References to other entries (gpu_id, cpu_id,
// *_interconnect_id, node_system_id, ...) are checked by the loader once all files are merged.

/// Entry ids: lowercase letters, digits, '.', '-' and '_' (e.g. "h100-sxm", "ib-ndr").
[[nodiscard]] std::string parseCatalogId(const JsonObject &item);

[[nodiscard]] AcceleratorSpec parseAccelerator(const JsonObject &item);
[[nodiscard]] CpuSpec parseCpu(const JsonObject &item);
[[nodiscard]] SystemSpec parseSystem(const JsonObject &item);
[[nodiscard]] InterconnectSpec parseInterconnect(const JsonObject &item);

} // namespace scalescope::models
