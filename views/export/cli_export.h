#pragma once

#include "app/cli/cli.h"

namespace scalescope::views {

/// `scalescope export FILE.json --out OUT.png|svg|pdf [--view NAME] [--size WxH]
/// [--scenario N] [--theme light|dark|presentation]`: renders a view of the file's workspace
/// without a display (the executable runs it on the offscreen platform). `--view report` writes
/// the multi-page PDF report.
[[nodiscard]] app::CliCommand exportCliCommand();

/// Commands that need the views library, for app::runCli's `extraCommands`.
[[nodiscard]] std::vector<app::CliCommand> viewCliCommands();

} // namespace scalescope::views
