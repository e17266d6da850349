#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// `scalescope catalog [--json] [--compare ID ID ...] [--catalog DIR]`: lists the merged
/// hardware catalog (shipped data, the user data folder, then DIR overriding by id), compares
/// accelerators or systems side by side, or prints every entry as JSON in the files' units.
[[nodiscard]] CliCommand catalogCliCommand();

} // namespace scalescope::app
