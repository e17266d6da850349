#pragma once

#include "models/catalog/catalog.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace scalescope::app {

struct AppData;

/// Reads a scenario or workspace file (docs/file-formats.md "Scenario file") against the loaded
/// presets and catalog. Throws models::InputError naming the file and the JSON pointer at fault.
/// The optional top-level member "scaling_fit" (the user's scaling-law fit, written by
/// writeWorkspaceFile) becomes Workspace::scalingFit; files without it load as before:
///   "scaling_fit": {"source": "runs.csv",
///                   "law": {"id", "name", "E", "A", "B", "alpha", "beta",
///                           "parameter_counting": "total" | "non-embedding"},
///                   "band": {"compute_flop": [...], "lower": [...], "upper": [...]}}
/// ("band" optional; its three arrays have one number per budget).
[[nodiscard]] models::Workspace readWorkspaceFile(const QString &path, const AppData &data);

/// readWorkspaceFile of an already parsed document (the command line's `plan` and `search`
/// read files this way, so a workspace the app saved with a fit plans as well).
[[nodiscard]] models::Workspace readWorkspaceDocument(const nlohmann::json &document,
                                                      const std::string &file,
                                                      const models::ModelPresets &presets,
                                                      const models::Catalog &catalog);

/// Writes `workspace` as a kind "workspace" file, with "scaling_fit" when the workspace has a
/// fit; throws models::InputError when it cannot.
void writeWorkspaceFile(const QString &path, const models::Workspace &workspace,
                        const AppData &data);

} // namespace scalescope::app
