#include "app/cli_commands.h"

#include "app/cli_catalog.h"
#include "app/cli_fit.h"
#include "app/cli_plan.h"
#include "app/cli_search.h"
#include "app/cli_validate.h"

namespace scalescope::app {

std::vector<CliCommand> registeredCliCommands() {
    // Each command lives in its own cli_<name>.cpp; add one line here per command.
    return {
        catalogCliCommand(), planCliCommand(),     searchCliCommand(),
        fitCliCommand(),     validateCliCommand(),
    };
}

} // namespace scalescope::app
