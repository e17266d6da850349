#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// `scalescope plan FILE [--json] [--mfu-basis bf16] [--catalog DIR]`: evaluates every training
/// scenario of a scenario or workspace file with the training planner and prints memory per
/// GPU, the step-time breakdown, throughput, MFU and the whole-run time, energy and cost (a
/// table, or the `plan --json` document of docs/file-formats.md). A layout problem exits 2 naming
/// the file and the scenario field.
[[nodiscard]] CliCommand planCliCommand();

} // namespace scalescope::app
