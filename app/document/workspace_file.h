#pragma once

#include "models/scenario/scenario.h"

#include <QString>

namespace scalescope::app {

struct AppData;

/// Reads a scenario or workspace file (docs/file-formats.md "Scenario file") against the loaded
/// presets and catalog, the user's scaling fit ("scaling_fit") included
/// (models/scenario/scaling_fit_json.h). Throws models::InputError naming the file and the JSON
/// pointer at fault.
[[nodiscard]] models::Workspace readWorkspaceFile(const QString &path, const AppData &data);

/// Writes `workspace` as a kind "workspace" file, with "scaling_fit" when the workspace has a
/// fit; throws models::InputError when it cannot.
void writeWorkspaceFile(const QString &path, const models::Workspace &workspace,
                        const AppData &data);

} // namespace scalescope::app
