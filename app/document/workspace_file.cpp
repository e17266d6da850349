#include "app/document/workspace_file.h"

#include "app/data/app_data.h"
#include "models/scenario/scenario_io.h"

namespace scalescope::app {

models::Workspace readWorkspaceFile(const QString &path, const AppData &data) {
    return models::loadScenarioFile(path.toStdString(), data.presets, data.catalog);
}

void writeWorkspaceFile(const QString &path, const models::Workspace &workspace,
                        const AppData &data) {
    models::saveScenarioFile(path.toStdString(), workspace, data.presets);
}

} // namespace scalescope::app
