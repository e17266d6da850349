#include "app/cli/cli_fit.h"

#include "app/document/scaling_fit_task.h"

#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"
#include "models/scaling/power_law_fit.h"
#include "models/scaling/scaling_bootstrap.h"
#include "models/scaling/scaling_dataset.h"
#include "models/scaling/scaling_fit.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>

namespace scalescope::app {

namespace {

using Json = nlohmann::ordered_json;

const char *const usageLine =
    "fit FILE.csv [--law chinchilla|kaplan-n|kaplan-d|kaplan-c] [--n-column NAME] "
    "[--d-column NAME] [--c-column NAME] [--loss-column NAME] [--drop-highest-loss K] "
    "[--bootstrap N] [--seed S] [--irreducible] [--tie-exponents] [--grid hoffmann|muennighoff] "
    "[--json]";

struct FitArguments {
    FitRequest request;
    bool json = false;
};

long long wholeNumber(const QString &text, const std::string &option, long long maximum) {
    bool ok = false;
    const long long value = text.toLongLong(&ok);
    if (!ok || value < 0 || value > maximum)
        badCliArgument(option, "expected a whole number from 0 to " + std::to_string(maximum) +
                                   ", found \"" + text.toStdString() + "\"");
    return value;
}

FitArguments parseArguments(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption law("law", "", "law", "chinchilla");
    const QCommandLineOption nColumn("n-column", "", "name");
    const QCommandLineOption dColumn("d-column", "", "name");
    const QCommandLineOption cColumn("c-column", "", "name");
    const QCommandLineOption lossColumn("loss-column", "", "name");
    const QCommandLineOption drop("drop-highest-loss", "", "k", "0");
    const QCommandLineOption bootstrap("bootstrap", "", "n", "0");
    const QCommandLineOption seed("seed", "", "s", "42");
    const QCommandLineOption irreducible("irreducible");
    const QCommandLineOption tie("tie-exponents");
    const QCommandLineOption grid("grid", "", "name", "hoffmann");
    const QCommandLineOption json("json");
    parser.addOptions({law, nColumn, dColumn, cColumn, lossColumn, drop, bootstrap, seed,
                       irreducible, tie, grid, json});
    if (!parser.parse(QStringList{"fit"} + arguments))
        badCliArgument("fit",
                       parser.errorText().toStdString() + " (usage: scalescope " + usageLine + ")");
    const auto positional = parser.positionalArguments();
    if (positional.size() != 1)
        badCliArgument("fit",
                       std::string("expected one CSV file (usage: scalescope ") + usageLine + ")");
    FitArguments result;
    result.request.file = positional.first();
    result.request.law = parser.value(law).toStdString();
    if (result.request.law != "chinchilla" && result.request.law != "kaplan-n" &&
        result.request.law != "kaplan-d" && result.request.law != "kaplan-c")
        badCliArgument("--law",
                       "unknown law \"" + result.request.law +
                           "\" (expected one of: chinchilla, kaplan-n, kaplan-d, kaplan-c)");
    result.request.columns.parameters = parser.value(nColumn).toStdString();
    result.request.columns.tokens = parser.value(dColumn).toStdString();
    result.request.columns.compute = parser.value(cColumn).toStdString();
    result.request.columns.loss = parser.value(lossColumn).toStdString();
    result.request.dropHighest =
        static_cast<int>(wholeNumber(parser.value(drop), "--drop-highest-loss", 1'000'000));
    result.request.bootstrap =
        static_cast<int>(wholeNumber(parser.value(bootstrap), "--bootstrap", 1'000'000));
    result.request.seed = static_cast<std::uint32_t>(
        wholeNumber(parser.value(seed), "--seed", std::numeric_limits<std::uint32_t>::max()));
    result.request.irreducible = parser.isSet(irreducible);
    result.request.tieExponents = parser.isSet(tie);
    result.request.grid = parser.value(grid).toStdString();
    if (result.request.grid != "hoffmann" && result.request.grid != "muennighoff")
        badCliArgument("--grid", "unknown grid \"" + result.request.grid +
                                     "\" (expected hoffmann or muennighoff)");
    result.json = parser.isSet(json);
    if (result.request.bootstrap > 0 && result.request.law != "chinchilla")
        badCliArgument("--bootstrap",
                       "bootstrap intervals are available for --law chinchilla only");
    if ((result.request.tieExponents || parser.isSet(grid)) && result.request.law != "chinchilla")
        badCliArgument(result.request.tieExponents ? "--tie-exponents" : "--grid",
                       "applies to --law chinchilla only");
    if (result.request.irreducible && result.request.law == "chinchilla")
        badCliArgument("--irreducible",
                       "applies to the kaplan-* laws (Chinchilla's E is always fitted)");
    return result;
}

/// Progress on stderr, one line per 10 % step of each stage ("fit: grid 40% (1800/4500)").
std::function<void(const char *, int, int)> progressPrinter(std::ostream &err) {
    auto lastDecile = std::make_shared<std::map<std::string, int>>();
    return [&err, lastDecile](const char *stage, int done, int total) {
        if (total <= 0)
            return;
        const int decile = done * 10 / total;
        const auto [entry, inserted] = lastDecile->try_emplace(stage, -1);
        if (decile == entry->second)
            return;
        entry->second = decile;
        err << "fit: " << stage << " " << decile * 10 << "% (" << done << "/" << total << ")\n";
        err.flush();
    };
}

std::string number(double value) {
    return models::formatSignificant(value, 4);
}

Json interval(const models::ParameterInterval &p) {
    return Json::array({p.lower, p.upper});
}

int runChinchilla(const FitArguments &args, const FitOutcome &outcome, CliIo &io) {
    const FitRequest &request = outcome.request;
    const std::string file = request.file.toStdString();
    const auto &fit = *outcome.chinchilla;
    const double seconds = outcome.fitSeconds;
    const auto optimal = fit.law.computeOptimalExponents();
    const auto &bootstrap = outcome.bootstrap;
    const double bootstrapSeconds = outcome.bootstrapSeconds;
    const int droppedPoints = outcome.dropped;
    const bool tied = request.tiedExponents();
    std::vector<std::string> warnings = fit.warnings;
    if (bootstrap)
        warnings.insert(warnings.end(), bootstrap->warnings.begin(), bootstrap->warnings.end());

    if (args.json) {
        Json out;
        out["schema_version"] = 1;
        out["law"] = "chinchilla";
        out["file"] = file;
        out["points_used"] = fit.pointsUsed;
        out["points_dropped"] = droppedPoints;
        out["params"] = {{"E", fit.law.E},
                         {"A", fit.law.A},
                         {"B", fit.law.B},
                         {"alpha", fit.law.alpha},
                         {"beta", fit.law.beta}};
        out["objective"] = fit.objective;
        out["seconds"] = seconds;
        out["fit"] = {{"method", "Huber (delta 1e-3) summed on log loss, L-BFGS from a " +
                                     std::to_string(fit.starts) + "-start " + request.grid +
                                     " grid, best objective among converged runs" +
                                     (tied ? ", alpha = beta tied" : "")},
                      {"tie_exponents", tied},
                      {"starts", fit.starts},
                      {"starts_converged", fit.startsConverged},
                      {"termination", models::toString(fit.best.termination)},
                      {"gradient_norm", fit.best.gradientNorm},
                      {"iterations", fit.best.iterations}};
        if (bootstrap) {
            out["ci95"] = {
                {"E", interval(bootstrap->E)},       {"A", interval(bootstrap->A)},
                {"B", interval(bootstrap->B)},       {"alpha", interval(bootstrap->alpha)},
                {"beta", interval(bootstrap->beta)}, {"a", interval(bootstrap->a)},
                {"b", interval(bootstrap->b)}};
            out["standard_errors"] = {{"E", bootstrap->E.standardError},
                                      {"A", bootstrap->A.standardError},
                                      {"B", bootstrap->B.standardError},
                                      {"alpha", bootstrap->alpha.standardError},
                                      {"beta", bootstrap->beta.standardError}};
            out["bootstrap"] = {{"resamples", bootstrap->completed},
                                {"converged", bootstrap->converged},
                                {"seed", request.seed},
                                {"seconds", bootstrapSeconds}};
        }
        out["compute_optimal"] = {{"a", optimal.a}, {"b", optimal.b}, {"G", optimal.G}};
        out["warnings"] = warnings;
        io.out << models::jsonText(out) << "\n";
        return 0;
    }

    io.out << "Chinchilla fit of " << file << ": " << fit.pointsUsed << " points";
    if (droppedPoints > 0)
        io.out << " (" << droppedPoints << " highest losses dropped)";
    io.out << "\n  L(N, D) = E + A/N^alpha + B/D^beta" << (tied ? " with alpha = beta (tied)" : "")
           << "\n";
    const std::pair<const char *, double> rows[] = {{"E", fit.law.E},
                                                    {"A", fit.law.A},
                                                    {"B", fit.law.B},
                                                    {"alpha", fit.law.alpha},
                                                    {"beta", fit.law.beta}};
    const models::ParameterInterval *intervals[] = {
        bootstrap ? &bootstrap->E : nullptr, bootstrap ? &bootstrap->A : nullptr,
        bootstrap ? &bootstrap->B : nullptr, bootstrap ? &bootstrap->alpha : nullptr,
        bootstrap ? &bootstrap->beta : nullptr};
    for (std::size_t i = 0; i < 5; ++i) {
        io.out << "  " << std::left << std::setw(6) << rows[i].first;
        if (intervals[i])
            io.out << std::setw(10) << number(rows[i].second) << " 95% CI "
                   << number(intervals[i]->lower) << " - " << number(intervals[i]->upper)
                   << "  (SE " << number(intervals[i]->standardError) << ")";
        else
            io.out << number(rows[i].second);
        io.out << "\n";
    }
    io.out << std::right << "  objective " << std::setprecision(8) << fit.objective
           << " (Huber, delta 1e-3, summed); " << fit.startsConverged << "/" << fit.starts
           << " starts converged; best run: " << models::toString(fit.best.termination)
           << ", |gradient| " << std::setprecision(3) << fit.best.gradientNorm << "\n";
    const auto gopher = fit.law.computeOptimal(5.76e23);
    io.out << "  compute-optimal: N_opt ~ C^" << number(optimal.a) << ", D_opt ~ C^"
           << number(optimal.b) << "; at 5.76e23 FLOP: N "
           << models::formatCount(gopher.parameters.count) << ", D "
           << models::formatCount(gopher.tokens) << " tokens\n";
    io.out << "  fitted in " << models::formatDuration(seconds);
    if (bootstrap)
        io.out << "; " << bootstrap->completed << " bootstrap refits in "
               << models::formatDuration(bootstrapSeconds);
    io.out << "\n";
    for (const auto &warning : warnings)
        io.out << "  warning: " << warning << "\n";
    return 0;
}

int runKaplan(const FitArguments &args, const FitOutcome &outcome, CliIo &io) {
    const FitRequest &request = outcome.request;
    const std::string file = request.file.toStdString();
    // Kaplan quote C in PF-days [eq. 1.3]; N and D as counts (FitOutcome::powerVariable).
    const char variable = request.law.back() == 'n' ? 'N' : request.law.back() == 'd' ? 'D' : 'C';
    const auto &fit = *outcome.power;
    const double seconds = outcome.fitSeconds;
    const int droppedPoints = outcome.dropped;
    const double alpha = -fit.law.exponent;
    const std::string scaleName =
        std::string(1, variable) + (variable == 'C' ? "_c_pf_days" : "_c");
    const std::string alphaName = std::string("alpha_") + variable;
    // L = E + k·X^(−α) = E + (X_c/X)^α with X_c = k^(1/α).
    const double scale = fit.law.criticalScale();

    if (args.json) {
        Json out;
        out["schema_version"] = 1;
        out["law"] = request.law;
        out["file"] = file;
        out["points_used"] = fit.pointsUsed;
        out["points_dropped"] = droppedPoints;
        Json params;
        params[scaleName] = scale;
        params[alphaName] = alpha;
        if (request.irreducible)
            params["E"] = fit.law.irreducible;
        out["params"] = params;
        out["objective"] = fit.objective;
        out["seconds"] = seconds;
        out["fit"] = {{"method", "Huber (delta 1e-3) summed on log loss, L-BFGS"},
                      {"starts", fit.starts},
                      {"termination", models::toString(fit.best.termination)},
                      {"gradient_norm", fit.best.gradientNorm},
                      {"iterations", fit.best.iterations}};
        out["warnings"] = fit.warnings;
        io.out << models::jsonText(out) << "\n";
        return 0;
    }
    io.out << "Kaplan-style fit of " << file << ": " << fit.pointsUsed << " points\n  L("
           << variable << ") = " << (request.irreducible ? "E + " : "") << "(" << variable << "_c/"
           << variable << ")^alpha" << (variable == 'C' ? "  (C in PF-days)" : "") << "\n";
    io.out << "  " << scaleName << " " << number(scale) << "\n  " << alphaName << " "
           << number(alpha) << "\n";
    if (request.irreducible)
        io.out << "  E " << number(fit.law.irreducible) << "\n";
    io.out << "  objective " << std::setprecision(6) << fit.objective << "; "
           << models::toString(fit.best.termination) << "; fitted in "
           << models::formatDuration(seconds) << "\n";
    for (const auto &warning : fit.warnings)
        io.out << "  warning: " << warning << "\n";
    return 0;
}

int runFit(const QStringList &arguments, CliIo &io) {
    const auto args = parseArguments(arguments);
    // The same pipeline as the GUI's Fit panel: read, find columns, drop, check, fit, bootstrap.
    const FitOutcome outcome = runScalingFit(args.request, nullptr, {}, progressPrinter(io.err));
    return outcome.chinchilla ? runChinchilla(args, outcome, io) : runKaplan(args, outcome, io);
}

} // namespace

CliCommand fitCliCommand() {
    return {"fit", usageLine, runFit};
}

} // namespace scalescope::app
