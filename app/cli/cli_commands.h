#pragma once

#include "app/cli/cli.h"

namespace scalescope::app {

/// The table of subcommands (defined in cli_commands.cpp; one line per command).
[[nodiscard]] std::vector<CliCommand> registeredCliCommands();

} // namespace scalescope::app
