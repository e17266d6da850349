#include "app/cli/cli_search.h"

#include "app/cli/search_input.h"
#include "app/cli/search_report.h"
#include "app/data/data_paths.h"
#include "models/catalog/catalog_loader.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"

#include <QStringList>

#include <ostream>

namespace scalescope::app {

namespace {

constexpr const char *kUsage =
    "search FILE [--top N] [--objective time|cost|energy] [--json] [--catalog DIR]";

constexpr const char *kHelp =
    "Usage: scalescope search FILE [--top N] [--objective time|cost|energy] [--json]\n"
    "                         [--catalog DIR] [--gpus N,N,...] [--exhaustive]\n"
    "                         [--allow-tp-across-domain] [--max-micro-batch N] [--threads N]\n"
    "\n"
    "Ranks every parallel layout (TP, PP, DP, CP, EP, virtual pipeline stages, micro-batch,\n"
    "ZeRO stage, recomputation, sequence parallelism) of the file's first scenario with the\n"
    "training planner, and prints the best N, the Pareto set (step time, cost, energy, GPUs)\n"
    "and how many layouts were rejected and why. The scenario's own layout is ignored.\n"
    "\n"
    "  --top N                  layouts in the ranking (default 10)\n"
    "  --objective OBJ          time (step time, default), cost (GPU-hours x $/GPU-hour) or\n"
    "                           energy (GPU power over the run x PUE)\n"
    "  --json                   one JSON document on stdout (progress stays on stderr)\n"
    "  --catalog DIR            also read DIR/*.json; entries replace shipped ones by id\n"
    "  --gpus N,N,...           search these GPU counts instead of the scenario's num_gpus\n"
    "  --exhaustive             evaluate every valid layout (no pruning; same results)\n"
    "  --allow-tp-across-domain let tensor parallelism span NVLink domains\n"
    "  --max-micro-batch N      largest micro-batch tried (default: the global batch)\n"
    "  --threads N              worker threads (default: all cores)\n"
    "\n"
    "Exit status: 0 success, 2 bad input.\n";

struct Options {
    QString file;
    bool json = false;
    QString extraDirectory;
    models::SearchOptions search;
};

int positiveInteger(const QString &text, const std::string &field) {
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1)
        badCliArgument(field, "expected a positive integer, found \"" + text.toStdString() + "\"");
    return value;
}

Options parse(const QStringList &arguments) {
    Options options;
    CliArguments args(arguments);
    while (args.next()) {
        const QString &argument = args.name();
        if (argument == "--json") {
            options.json = true;
        } else if (argument == "--exhaustive") {
            options.search.prune = false;
        } else if (argument == "--allow-tp-across-domain") {
            options.search.limits.allowTpAcrossDomain = true;
        } else if (argument == "--top") {
            options.search.topN = positiveInteger(args.value(), "--top");
        } else if (argument == "--threads") {
            options.search.threads = positiveInteger(args.value(), "--threads");
        } else if (argument == "--max-micro-batch") {
            options.search.limits.maxMicroBatch =
                positiveInteger(args.value(), "--max-micro-batch");
        } else if (argument == "--objective") {
            const QString name = args.value();
            if (!models::parseSearchObjective(name.toStdString(), options.search.objective))
                badCliArgument("--objective", "expected time, cost or energy, found \"" +
                                                  name.toStdString() + "\"");
        } else if (argument == "--catalog") {
            options.extraDirectory = args.value("a directory");
        } else if (argument == "--gpus") {
            for (const QString &part : args.value().split(','))
                options.search.gpuCounts.push_back(positiveInteger(part.trimmed(), "--gpus"));
        } else if (!args.isOption() && options.file.isEmpty()) {
            options.file = argument;
        } else {
            badCliArgument(argument.toStdString(),
                           "unknown argument (see scalescope search --help)");
        }
    }
    if (options.file.isEmpty())
        badCliArgument("FILE", "a scenario or workspace file is required");
    return options;
}

/// Prints "search: 10%", "search: 20%", ... on `err` as the search advances.
class ProgressPrinter {
public:
    explicit ProgressPrinter(std::ostream &err)
        : m_err(err) {}
    void operator()(double fraction) {
        const int tenth = static_cast<int>(fraction * 10.0);
        if (tenth <= m_lastTenth)
            return;
        m_lastTenth = tenth;
        m_err << "search: " << tenth * 10 << "%\n" << std::flush;
    }

private:
    std::ostream &m_err;
    int m_lastTenth = 0;
};

int run(const QStringList &arguments, CliIo &io) {
    if (arguments.contains("--help") || arguments.contains("-h")) {
        io.out << kHelp;
        return 0;
    }
    Options options = parse(arguments);
    const std::string file = options.file.toStdString();
    const models::Catalog catalog =
        models::loadMergedCatalog(catalogDirectories(options.extraDirectory)).catalog;
    const SearchInput input = loadSearchInput(file, catalog);
    const models::Scenario &scenario = input.scenario;
    const std::string &pointer = input.pointer;

    // The scenario file's planner block (rank order, kernels, overlaps) applies to the search.
    options.search.planner = scenario.planner;
    ProgressPrinter printer(io.err);
    options.search.progress = [&printer](double fraction) { printer(fraction); };
    const models::SearchResult result =
        models::searchParallelism(scenario, catalog, options.search);
    if (!result.valid) {
        const std::string prefix = result.errorField + ": ";
        const std::string reason =
            result.error.rfind(prefix, 0) == 0 ? result.error.substr(prefix.size()) : result.error;
        throw models::InputError(file, pointer + result.errorField, reason);
    }
    if (options.json)
        io.out << models::jsonText(searchResultToJson(result, scenario.name)) << "\n";
    else
        io.out << renderSearchReport(result, scenario.name);
    return 0;
}

} // namespace

CliCommand searchCliCommand() {
    return {"search", kUsage, run};
}

} // namespace scalescope::app
