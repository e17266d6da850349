#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// `scalescope search FILE [--top N] [--objective time|cost|energy] [--json] [--catalog DIR]`
/// (plus --gpus, --exhaustive, --allow-tp-across-domain, --max-micro-batch, --threads): ranks
/// the parallel layouts of the file's first scenario (models/search/parallel_search.h); progress on
/// stderr, the ranking, Pareto set and rejection counts on stdout (docs/file-formats.md "search
/// --json").
[[nodiscard]] CliCommand searchCliCommand();

} // namespace scalescope::app
