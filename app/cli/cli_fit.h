#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// `scalescope fit FILE.csv [--law chinchilla|kaplan-n|kaplan-d|kaplan-c] [--n-column NAME]
/// [--d-column NAME] [--c-column NAME] [--loss-column NAME] [--drop-highest-loss K]
/// [--bootstrap N] [--seed S] [--irreducible] [--json]`: fits a scaling law to the runs in a
/// CSV file (docs/file-formats.md, "fit --json output").
[[nodiscard]] CliCommand fitCliCommand();

} // namespace scalescope::app
