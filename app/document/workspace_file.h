#pragma once

#include "models/scenario/scenario.h"

#include <QString>

namespace scalescope::app {

struct AppData;

/// Reads a scenario or workspace file (CLI.md "Scenario file") against the loaded presets and
/// catalog. Throws models::InputError naming the file and the JSON pointer at fault.
[[nodiscard]] models::Workspace readWorkspaceFile(const QString &path, const AppData &data);

/// Writes `workspace` as a kind "workspace" file; throws models::InputError when it cannot.
void writeWorkspaceFile(const QString &path, const models::Workspace &workspace,
                        const AppData &data);

} // namespace scalescope::app
