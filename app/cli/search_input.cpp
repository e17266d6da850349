#include "app/cli/search_input.h"

#include "app/data/data_paths.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario_io.h"

namespace scalescope::app {

SearchInput loadSearchInput(const std::string &file, const models::Catalog &catalog) {
    const models::ModelPresets presets = models::loadModelPresets(modelDirectories());
    const nlohmann::json document = models::readJsonFile(file);
    const models::Workspace workspace =
        models::readScenarioDocument(document, file, presets, catalog);
    SearchInput input;
    const bool isWorkspace = document.is_object() && document.value("kind", "") == "workspace";
    input.pointer = isWorkspace ? "/scenarios/0" : "";
    input.scenario = workspace.scenarios.front();
    if (input.scenario.mode != models::Mode::Training)
        throw models::InputError(file, input.pointer + "/mode",
                                 "search ranks training layouts; the first scenario is inference");
    return input;
}

} // namespace scalescope::app
