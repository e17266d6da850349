#include "app/cli/cli_plan.h"

#include "app/cli/plan_report.h"
#include "app/data/data_paths.h"
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/core/json_text.h"
#include "models/planner/planner.h"
#include "models/planner/validate_scenario.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario_io.h"

#include <optional>
#include <ostream>

namespace scalescope::app {

namespace {

constexpr const char *kUsage = "plan FILE.json [--json] [--mfu-basis bf16] [--catalog DIR]";

constexpr const char *kHelp =
    "Usage: scalescope plan FILE.json [--json] [--mfu-basis bf16] [--catalog DIR]\n"
    "\n"
    "Evaluates every training scenario of a scenario or workspace file: memory per GPU by term\n"
    "(most loaded pipeline stage), step time by term, tokens/s, model TFLOP/s per GPU, MFU and\n"
    "HFU, time to train, GPU-hours, energy and cost.\n"
    "\n"
    "  --json            one JSON document (docs/file-formats.md \"plan --json\"), with the "
    "formula, inputs and\n"
    "                    sources behind every number under \"explanations\"\n"
    "  --mfu-basis bf16  MFU against the dense BF16 peak (default: the scenario's planner\n"
    "                    block's mfu_basis, else the training precision's peak)\n"
    "  --catalog DIR     also read DIR/*.json; its entries replace shipped ones with the same id\n"
    "\n"
    "Exit status: 0 success, 2 bad input (unreadable file, unknown id, impossible layout).\n";

struct Options {
    QString file;
    bool json = false;
    std::optional<bool> bf16Basis; ///< --mfu-basis given: overrides the scenario's planner block
    QString catalogDirectory;
};

Options parse(const QStringList &arguments) {
    Options options;
    CliArguments args(arguments);
    while (args.next()) {
        const QString &argument = args.name();
        if (argument == "--json") {
            options.json = true;
        } else if (argument == "--mfu-basis") {
            const QString value = args.value("a value (bf16 or training)");
            if (value == "bf16" || value == "training")
                options.bf16Basis = value == "bf16";
            else
                badCliArgument("--mfu-basis",
                               "must be bf16 or training, got \"" + value.toStdString() + "\"");
        } else if (argument == "--catalog") {
            options.catalogDirectory = args.value("a directory");
        } else if (!args.isOption() && options.file.isEmpty()) {
            options.file = argument;
        } else {
            badCliArgument(argument.toStdString(), "unknown argument (see scalescope plan --help)");
        }
    }
    if (options.file.isEmpty())
        badCliArgument("FILE", "a scenario or workspace file is required");
    return options;
}

int run(const QStringList &arguments, CliIo &io) {
    if (arguments.contains("--help") || arguments.contains("-h")) {
        io.out << kHelp;
        return 0;
    }
    const Options options = parse(arguments);
    const std::string file = options.file.toStdString();
    const models::Catalog catalog =
        models::loadCatalog(catalogDirectories(options.catalogDirectory));
    const models::ModelPresets presets = models::loadModelPresets(modelDirectories());
    const nlohmann::json document = models::readJsonFile(file);
    const models::Workspace workspace =
        models::readScenarioDocument(document, file, presets, catalog);
    const bool isWorkspace = document.is_object() && document.value("kind", "") == "workspace";

    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    std::string text;
    for (std::size_t i = 0; i < workspace.scenarios.size(); ++i) {
        const models::Scenario &scenario = workspace.scenarios[i];
        const std::string pointer = isWorkspace ? "/scenarios/" + std::to_string(i) : "";
        if (scenario.mode != models::Mode::Training) {
            io.err << "note: " << file << ": " << pointer << "/mode: scenario \"" << scenario.name
                   << "\" is an inference scenario; the training planner skips it\n";
            continue;
        }
        (void)models::requireValidScenario(scenario, catalog, file, pointer);
        models::PlannerOptions plannerOptions = scenario.planner;
        if (options.bf16Basis)
            plannerOptions.mfuOnBf16Peak = *options.bf16Basis;
        const models::ScenarioResult result = models::evaluate(scenario, catalog, plannerOptions);
        if (!result.valid) {
            const std::string prefix = result.errorField + ": ";
            const std::string reason = result.error.rfind(prefix, 0) == 0
                                           ? result.error.substr(prefix.size())
                                           : result.error;
            throw models::InputError(file, pointer + result.errorField, reason);
        }
        results.push_back(planResultJson(result));
        text += renderPlanText(result) + "\n";
    }
    if (options.json) {
        nlohmann::ordered_json out;
        out["schema_version"] = 1;
        out["results"] = results;
        io.out << models::jsonText(out) << "\n";
    } else {
        io.out << text;
    }
    return 0;
}

} // namespace

CliCommand planCliCommand() {
    return {"plan", kUsage, run};
}

} // namespace scalescope::app
