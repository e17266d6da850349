#include "app/cli/cli_catalog.h"

#include "app/data/catalog_compare.h"
#include "app/data/data_paths.h"
#include "models/catalog/catalog_loader.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"

#include <ostream>

namespace scalescope::app {

namespace {

constexpr const char *kUsage = "catalog [--json] [--compare ID ID ...] [--catalog DIR]";

constexpr const char *kHelp =
    "Usage: scalescope catalog [--json] [--compare ID ID ...] [--catalog DIR]\n"
    "\n"
    "Lists the hardware catalog: accelerators, CPUs, systems (servers, NVL racks, SuperPODs,\n"
    "MGX reference designs) and interconnects, each with its sources.\n"
    "\n"
    "  --compare ID ...  side-by-side table of accelerators (or of systems), one column per id\n"
    "                    and a ratio column per further id against the first\n"
    "  --json            every field of every entry (in the files' units) as one JSON document;\n"
    "                    with --compare, only the named entries\n"
    "  --catalog DIR     also read DIR/*.json; its entries replace shipped ones with the same id\n"
    "\n"
    "Peaks are dense (no 2:4 sparsity). Exit status: 0 success, 2 bad input.\n";

struct Options {
    bool json = false;
    bool compare = false;
    std::vector<std::string> ids;
    QString extraDirectory;
};

Options parse(const QStringList &arguments) {
    Options options;
    CliArguments args(arguments);
    while (args.next()) {
        const QString &argument = args.name();
        if (argument == "--json") {
            options.json = true;
        } else if (argument == "--catalog") {
            options.extraDirectory = args.value("a directory");
        } else if (argument == "--compare") {
            options.compare = true;
            while (args.positionalFollows())
                options.ids.push_back(args.takeFollowing().toStdString());
            if (options.ids.empty())
                badCliArgument("--compare", "needs at least one catalog id");
        } else if (!args.isOption() && options.compare) {
            options.ids.push_back(argument.toStdString());
        } else {
            badCliArgument(argument.toStdString(),
                           "unknown argument (see scalescope catalog --help)");
        }
    }
    return options;
}

/// The named entries of `entries` ({"accelerators": [...], ...}), keeping the four kinds.
nlohmann::json selected(const nlohmann::json &entries, const std::vector<std::string> &ids) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto &[kind, items] : entries.items())
        out[kind] = nlohmann::json::array();
    for (const auto &id : ids) {
        bool found = false;
        for (const auto &[kind, items] : entries.items())
            for (const auto &item : items)
                if (item.value("id", "") == id) {
                    out[kind].push_back(item);
                    found = true;
                }
        if (!found)
            badCliArgument("--compare",
                           "unknown catalog id \"" + id + "\" (see scalescope catalog)");
    }
    return out;
}

int run(const QStringList &arguments, CliIo &io) {
    if (arguments.contains("--help") || arguments.contains("-h")) {
        io.out << kHelp;
        return 0;
    }
    const Options options = parse(arguments);
    const auto merged = models::loadMergedCatalog(catalogDirectories(options.extraDirectory));
    if (options.json) {
        nlohmann::json document =
            options.compare ? selected(merged.entries, options.ids) : merged.entries;
        document["schema_version"] = 1;
        io.out << models::jsonText(document) << "\n";
        return 0;
    }
    io.out << (options.compare ? renderCatalogComparison(merged.catalog, options.ids)
                               : renderCatalogSummary(merged.catalog));
    return 0;
}

} // namespace

CliCommand catalogCliCommand() {
    return {"catalog", kUsage, run};
}

} // namespace scalescope::app
