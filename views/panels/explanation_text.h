#pragma once

#include "models/scenario/scenario_result.h"

#include <QString>

namespace scalescope::views {

/// Rich-text tooltip for one number: "<b>Activations: 12.3 GiB</b>" followed by the formula,
/// its inputs and the catalog values with their sources from ScenarioResult::explanations
/// (`key`), when the planner gave them.
[[nodiscard]] QString explanationTooltip(const models::ScenarioResult &result, const QString &key,
                                         const QString &headline);

} // namespace scalescope::views
