#include "app/cli/cli_commands.h"

#include "app/cli/cli_catalog.h"
#include "app/cli/cli_fit.h"
#include "app/cli/cli_plan.h"
#include "app/cli/cli_search.h"
#include "app/cli/cli_validate.h"

namespace scalescope::app {

std::vector<CliCommand> registeredCliCommands() {
    // Each command lives in its own cli_<name>.cpp; add one line here per command.
    return {
        catalogCliCommand(), planCliCommand(),     searchCliCommand(),
        fitCliCommand(),     validateCliCommand(),
    };
}

} // namespace scalescope::app
