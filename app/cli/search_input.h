#pragma once

// Loads the scenario a command-line search runs on: the first scenario of a scenario or
// workspace file, with its JSON pointer for error messages.

#include "models/catalog/catalog.h"
#include "models/scenario/scenario.h"

#include <string>

namespace scalescope::app {

/// The first scenario of `file` and where it sits in the document.
struct SearchInput {
    models::Scenario scenario;
    std::string pointer; ///< "" for a kind "scenario" file, "/scenarios/0" for a workspace
};

/// Reads `file` (scenario or workspace, docs/file-formats.md) with the presets of
/// modelDirectories() and `catalog`. Throws models::InputError naming the file and field for
/// anything wrong, and for a first scenario that is not a training scenario.
[[nodiscard]] SearchInput loadSearchInput(const std::string &file, const models::Catalog &catalog);

} // namespace scalescope::app
