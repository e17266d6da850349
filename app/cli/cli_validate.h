#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// `scalescope validate [RUNS.csv] [--json] [--catalog DIR]`: predicted vs published for every
/// usable row of a runs table in the format of data/validation/training-runs.csv (the default
/// table; only its explicit, normalised columns are interpreted), each on
/// its own metric and FLOP-counting convention, every skipped row with its reason, and the
/// median / 90th-percentile absolute relative error overall and per source.
[[nodiscard]] CliCommand validateCliCommand();

} // namespace scalescope::app
