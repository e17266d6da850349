#include "app/cli/cli_validate.h"

#include "app/cli/text_table.h"
#include "app/data/data_paths.h"
#include "models/catalog/catalog.h"
#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"
#include "models/validation/training_validation.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace scalescope::app {

namespace {

constexpr const char *kUsage = "validate [RUNS.csv] [--json] [--catalog DIR]";

constexpr const char *kHelp =
    "Usage: scalescope validate [RUNS.csv] [--json] [--catalog DIR]\n"
    "\n"
    "Predicted vs published for every usable row of a runs table in the format of the shipped\n"
    "data/validation/training-runs.csv (the default table; its README.md lists the columns).\n"
    "Only the explicit, normalised columns are interpreted. Each row is compared on the\n"
    "first metric it reports of tflops_per_gpu (with the row's own FLOP-counting convention),\n"
    "tokens_per_s_per_gpu, step_time_s and gpu_hours. Micro-batch, recomputation, sequence\n"
    "parallelism and interleaving marked \"free\" are chosen as the fastest layout that fits in\n"
    "memory. Every skipped row is listed with its reason.\n"
    "\n"
    "  --json         one JSON document (docs/file-formats.md \"validate --json\")\n"
    "  --catalog DIR  also read DIR/*.json; its entries replace shipped ones with the same id\n"
    "\n"
    "Exit status: 0 success, 2 bad input (unreadable or malformed table, a missing column, or\n"
    "a normalised cell outside its vocabulary: the message names file, line, column and row).\n";

struct Options {
    QString file;
    bool json = false;
    QString catalogDirectory;
};

Options parse(const QStringList &arguments) {
    Options options;
    CliArguments args(arguments);
    while (args.next()) {
        const QString &argument = args.name();
        if (argument == "--json") {
            options.json = true;
        } else if (argument == "--catalog") {
            options.catalogDirectory = args.value("a directory");
        } else if (!args.isOption() && options.file.isEmpty()) {
            options.file = argument;
        } else {
            badCliArgument(argument.toStdString(),
                           "unknown argument (see scalescope validate --help)");
        }
    }
    if (options.file.isEmpty())
        options.file = shippedDataDirectory() + "/validation/training-runs.csv";
    return options;
}

nlohmann::ordered_json layoutJson(const models::Parallelism &p) {
    const std::string recompute = models::enumString(p.recompute);
    return {{"tp", p.tp},
            {"pp", p.pp},
            {"dp", p.dp},
            {"cp", p.cp},
            {"ep", p.ep},
            {"vpp", p.vpp},
            {"zero_stage", p.zeroStage},
            {"sequence_parallel", p.sequenceParallel},
            {"recompute", recompute},
            {"micro_batch", p.microBatch}};
}

nlohmann::ordered_json summaryJson(const models::ErrorSummary &s) {
    nlohmann::ordered_json out;
    if (!s.source.empty())
        out["source"] = s.source;
    out["rows"] = s.rows;
    out["median_abs_relative_error"] = s.medianAbsRelativeError;
    out["p90_abs_relative_error"] = s.p90AbsRelativeError;
    out["mean_abs_relative_error"] = s.meanAbsRelativeError;
    out["max_abs_relative_error"] = s.maxAbsRelativeError;
    return out;
}

std::string join(const std::vector<std::string> &parts) {
    std::string out;
    for (const auto &part : parts) {
        if (!out.empty())
            out += "; ";
        out += part;
    }
    return out;
}

std::string renderText(const models::ValidationReport &report) {
    using models::formatPercent;
    using models::formatSignificant;
    TextTable rows({"row", "metric", "published", "predicted", "error"});
    rows.setAlignment(1, TextTable::Align::Left);
    for (const auto &row : report.rows) {
        const std::string error = row.relativeError >= 0.0
                                      ? std::string("+").append(formatPercent(row.relativeError))
                                      : formatPercent(row.relativeError);
        rows.addRow({row.id, row.metric, formatSignificant(row.published, 4),
                     formatSignificant(row.predicted, 4), error});
    }
    TextTable sources({"source", "rows", "median |error|", "p90 |error|", "max |error|"});
    for (const auto &s : report.perSource)
        sources.addRow({s.source, std::to_string(s.rows), formatPercent(s.medianAbsRelativeError),
                        formatPercent(s.p90AbsRelativeError),
                        formatPercent(s.maxAbsRelativeError)});
    TextTable skipped({"skipped row", "reason"});
    skipped.setAlignment(1, TextTable::Align::Left);
    for (const auto &skip : report.skipped)
        skipped.addRow({skip.id, skip.reason});
    const models::ErrorSummary &s = report.summary;
    return rows.render() + "\n" + sources.render() + "\n" + skipped.render() + "\n" +
           std::to_string(s.rows) + " rows compared, " + std::to_string(report.skipped.size()) +
           " skipped: median |error| " + formatPercent(s.medianAbsRelativeError) + ", p90 " +
           formatPercent(s.p90AbsRelativeError) + ", mean " +
           formatPercent(s.meanAbsRelativeError) + "\n";
}

int run(const QStringList &arguments, CliIo &io) {
    if (arguments.contains("--help") || arguments.contains("-h")) {
        io.out << kHelp;
        return 0;
    }
    const Options options = parse(arguments);
    const models::RunsTable table = models::RunsTable::readFile(options.file.toStdString());
    models::requireRunColumns(table);
    const models::Catalog catalog =
        models::loadCatalog(catalogDirectories(options.catalogDirectory));
    const models::ValidationReport report = models::validateRuns(table, catalog);
    if (!options.json) {
        io.out << renderText(report);
        return 0;
    }
    nlohmann::ordered_json out;
    out["schema_version"] = 1;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto &row : report.rows)
        rows.push_back({{"id", row.id},
                        {"source", row.source},
                        {"metric", row.metric},
                        {"published", row.published},
                        {"predicted", row.predicted},
                        {"relative_error", row.relativeError},
                        {"layout", layoutJson(row.parallelism)},
                        {"fits_in_memory", row.fits},
                        {"notes", join(row.notes)}});
    out["rows"] = rows;
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const auto &skip : report.skipped)
        skipped.push_back({{"id", skip.id}, {"reason", skip.reason}});
    out["skipped"] = skipped;
    out["summary"] = summaryJson(report.summary);
    nlohmann::ordered_json perSource = nlohmann::ordered_json::array();
    for (const auto &s : report.perSource)
        perSource.push_back(summaryJson(s));
    out["per_source"] = perSource;
    io.out << models::jsonText(out) << "\n";
    return 0;
}

} // namespace

CliCommand validateCliCommand() {
    return {"validate", kUsage, run};
}

} // namespace scalescope::app
