#pragma once

#include <QString>

#include <string>
#include <vector>

namespace scalescope::app {

/// The shipped data/ folder: $SCALESCOPE_DATA_DIR if set, else data/ next to the executable
/// (../share/scalescope/data or ./data), else the source tree's data/ this build came from.
[[nodiscard]] QString shippedDataDirectory();

/// The user's data folder (QStandardPaths::AppDataLocation): `catalog/` and `models/` in it
/// extend or override the shipped files by id.
[[nodiscard]] QString userDataDirectory();

/// Catalog directories in override order: shipped, user, then `extraDirectory` (--catalog).
[[nodiscard]] std::vector<std::string> catalogDirectories(const QString &extraDirectory = {});

/// Model preset directories in the same order.
[[nodiscard]] std::vector<std::string> modelDirectories(const QString &extraDirectory = {});

/// data/scenarios/default-workspace.json.
[[nodiscard]] QString defaultWorkspacePath();

} // namespace scalescope::app
