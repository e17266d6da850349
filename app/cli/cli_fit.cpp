#include "app/cli/cli_fit.h"

#include "app/document/scaling_fit_task.h"

#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/core/json_text.h"
#include "models/scaling/power_law_fit.h"
#include "models/scaling/scaling_bootstrap.h"
#include "models/scaling/scaling_dataset.h"
#include "models/scaling/scaling_fit.h"

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

/// The option values as typed, before checking; the defaults are those of the usage line.
struct RawFitOptions {
    QStringList files;
    QString law = QString::fromStdString(models::enumString(models::FitLaw::Chinchilla));
    QString drop = "0";
    QString bootstrap = "0";
    QString seed = "42";
    QString grid; ///< empty: not given, hoffmann
};

[[noreturn]] void badFitUsage(const std::string &field, const std::string &reason) {
    badCliArgument(field, reason + " (usage: scalescope " + usageLine + ")");
}

/// A flag written as "--json=VALUE" is a mistake, not a flag.
bool flag(const CliArguments &args) {
    if (args.hasInlineValue())
        badFitUsage(args.name().toStdString(), "takes no value");
    return true;
}

/// Reads every option with the CliArguments walker shared by all commands; checks come after.
RawFitOptions readFitOptions(const QStringList &arguments, FitArguments &result) {
    RawFitOptions raw;
    models::ScalingColumns &columns = result.request.columns;
    CliArguments args(arguments);
    while (args.next()) {
        const QString &name = args.name();
        if (name == "--law")
            raw.law = args.value("a law");
        else if (name == "--n-column")
            columns.parameters = args.value("a column name").toStdString();
        else if (name == "--d-column")
            columns.tokens = args.value("a column name").toStdString();
        else if (name == "--c-column")
            columns.compute = args.value("a column name").toStdString();
        else if (name == "--loss-column")
            columns.loss = args.value("a column name").toStdString();
        else if (name == "--drop-highest-loss")
            raw.drop = args.value("a count");
        else if (name == "--bootstrap")
            raw.bootstrap = args.value("a count");
        else if (name == "--seed")
            raw.seed = args.value("a seed");
        else if (name == "--grid")
            raw.grid = args.value("a grid name");
        else if (name == "--irreducible")
            result.request.irreducible = flag(args);
        else if (name == "--tie-exponents")
            result.request.tieExponents = flag(args);
        else if (name == "--json")
            result.json = flag(args);
        else if (args.isOption())
            badFitUsage(name.toStdString(), "unknown option");
        else
            raw.files << name;
    }
    return raw;
}

FitArguments parseArguments(const QStringList &arguments) {
    FitArguments result;
    const RawFitOptions raw = readFitOptions(arguments, result);
    if (raw.files.size() != 1)
        badFitUsage("fit", "expected one CSV file");
    result.request.file = raw.files.first();
    const std::string lawName = raw.law.toStdString();
    const auto fitLaw = models::parseEnum<models::FitLaw>(lawName);
    if (!fitLaw)
        badCliArgument("--law", "unknown law \"" + lawName + "\" (expected one of: " +
                                    models::enumNamesText<models::FitLaw>() + ")");
    result.request.law = *fitLaw;
    result.request.dropHighest =
        static_cast<int>(wholeNumber(raw.drop, "--drop-highest-loss", 1'000'000));
    result.request.bootstrap =
        static_cast<int>(wholeNumber(raw.bootstrap, "--bootstrap", 1'000'000));
    result.request.seed = static_cast<std::uint32_t>(
        wholeNumber(raw.seed, "--seed", std::numeric_limits<std::uint32_t>::max()));
    const std::string gridName =
        raw.grid.isEmpty() ? models::enumString(models::FitGrid::Hoffmann) : raw.grid.toStdString();
    const auto fitGrid = models::parseEnum<models::FitGrid>(gridName);
    if (!fitGrid)
        badCliArgument("--grid", "unknown grid \"" + gridName + "\" (expected " +
                                     models::enumNamesText<models::FitGrid>(" or ") + ")");
    result.request.grid = *fitGrid;
    if (result.request.bootstrap > 0 && result.request.law != models::FitLaw::Chinchilla)
        badCliArgument("--bootstrap",
                       "bootstrap intervals are available for --law chinchilla only");
    if ((result.request.tieExponents || !raw.grid.isEmpty()) &&
        result.request.law != models::FitLaw::Chinchilla)
        badCliArgument(result.request.tieExponents ? "--tie-exponents" : "--grid",
                       "applies to --law chinchilla only");
    if (result.request.irreducible && result.request.law == models::FitLaw::Chinchilla)
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

/// The result of a Chinchilla fit as the JSON document of `scalescope fit --json`.
Json chinchillaJson(const FitOutcome &outcome, const std::vector<std::string> &warnings) {
    const FitRequest &request = outcome.request;
    const auto &fit = *outcome.chinchilla;
    const auto optimal = fit.law.computeOptimalExponents();
    const auto &bootstrap = outcome.bootstrap;
    const bool tied = request.tiedExponents();
    Json out;
    out["schema_version"] = 1;
    out["law"] = "chinchilla";
    out["file"] = request.file.toStdString();
    out["points_used"] = fit.pointsUsed;
    out["points_dropped"] = outcome.dropped;
    out["params"] = {{"E", fit.law.E},
                     {"A", fit.law.A},
                     {"B", fit.law.B},
                     {"alpha", fit.law.alpha},
                     {"beta", fit.law.beta}};
    out["objective"] = fit.objective;
    out["seconds"] = outcome.fitSeconds;
    out["fit"] = {{"method", "Huber (delta 1e-3) summed on log loss, L-BFGS from a " +
                                 std::to_string(fit.starts) + "-start " +
                                 models::enumString(request.grid) +
                                 " grid, best objective among converged runs" +
                                 (tied ? ", alpha = beta tied" : "")},
                  {"tie_exponents", tied},
                  {"starts", fit.starts},
                  {"starts_converged", fit.startsConverged},
                  {"termination", models::toString(fit.best.termination)},
                  {"gradient_norm", fit.best.gradientNorm},
                  {"iterations", fit.best.iterations}};
    if (bootstrap) {
        out["ci95"] = {{"E", interval(bootstrap->E)},       {"A", interval(bootstrap->A)},
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
                            {"seconds", outcome.bootstrapSeconds}};
    }
    out["compute_optimal"] = {{"a", optimal.a}, {"b", optimal.b}, {"G", optimal.G}};
    out["warnings"] = warnings;
    return out;
}

/// The result of a Chinchilla fit as the text `scalescope fit` prints.
void printChinchilla(const FitOutcome &outcome, const std::vector<std::string> &warnings,
                     std::ostream &out) {
    const FitRequest &request = outcome.request;
    const auto &fit = *outcome.chinchilla;
    const auto optimal = fit.law.computeOptimalExponents();
    const auto &bootstrap = outcome.bootstrap;
    const int droppedPoints = outcome.dropped;
    out << "Chinchilla fit of " << request.file.toStdString() << ": " << fit.pointsUsed
        << " points";
    if (droppedPoints > 0)
        out << " (" << droppedPoints << " highest losses dropped)";
    out << "\n  L(N, D) = E + A/N^alpha + B/D^beta"
        << (request.tiedExponents() ? " with alpha = beta (tied)" : "") << "\n";
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
        out << "  " << std::left << std::setw(6) << rows[i].first;
        if (intervals[i])
            out << std::setw(10) << number(rows[i].second) << " 95% CI "
                << number(intervals[i]->lower) << " - " << number(intervals[i]->upper) << "  (SE "
                << number(intervals[i]->standardError) << ")";
        else
            out << number(rows[i].second);
        out << "\n";
    }
    out << std::right << "  objective " << std::setprecision(8) << fit.objective
        << " (Huber, delta 1e-3, summed); " << fit.startsConverged << "/" << fit.starts
        << " starts converged; best run: " << models::toString(fit.best.termination)
        << ", |gradient| " << std::setprecision(3) << fit.best.gradientNorm << "\n";
    const auto gopher = fit.law.computeOptimal(5.76e23);
    out << "  compute-optimal: N_opt ~ C^" << number(optimal.a) << ", D_opt ~ C^"
        << number(optimal.b) << "; at 5.76e23 FLOP: N "
        << models::formatCount(gopher.parameters.count) << ", D "
        << models::formatCount(gopher.tokens) << " tokens\n";
    out << "  fitted in " << models::formatDuration(outcome.fitSeconds);
    if (bootstrap)
        out << "; " << bootstrap->completed << " bootstrap refits in "
            << models::formatDuration(outcome.bootstrapSeconds);
    out << "\n";
    for (const auto &warning : warnings)
        out << "  warning: " << warning << "\n";
}

int runChinchilla(const FitArguments &args, const FitOutcome &outcome, CliIo &io) {
    std::vector<std::string> warnings = outcome.chinchilla->warnings;
    if (outcome.bootstrap)
        warnings.insert(warnings.end(), outcome.bootstrap->warnings.begin(),
                        outcome.bootstrap->warnings.end());
    if (args.json)
        io.out << models::jsonText(chinchillaJson(outcome, warnings)) << "\n";
    else
        printChinchilla(outcome, warnings, io.out);
    return 0;
}

int runKaplan(const FitArguments &args, const FitOutcome &outcome, CliIo &io) {
    const FitRequest &request = outcome.request;
    const std::string file = request.file.toStdString();
    // Kaplan quote C in PF-days [eq. 1.3]; N and D as counts (FitOutcome::powerVariable).
    const auto variable = models::kaplanVariable(request.law);
    const std::string symbol(models::variableSymbol(variable));
    const auto &fit = *outcome.power;
    const double seconds = outcome.fitSeconds;
    const int droppedPoints = outcome.dropped;
    const double alpha = -fit.law.exponent;
    const std::string scaleName =
        symbol + (variable == models::ScalingVariable::Compute ? "_c_pf_days" : "_c");
    const std::string alphaName = "alpha_" + symbol;
    // L = E + k·X^(−α) = E + (X_c/X)^α with X_c = k^(1/α).
    const double scale = fit.law.criticalScale();

    if (args.json) {
        Json out;
        out["schema_version"] = 1;
        out["law"] = models::enumString(request.law);
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
    io.out << "Kaplan-style fit of " << file << ": " << fit.pointsUsed << " points\n  L(" << symbol
           << ") = " << (request.irreducible ? "E + " : "") << "(" << symbol << "_c/" << symbol
           << ")^alpha" << (variable == models::ScalingVariable::Compute ? "  (C in PF-days)" : "")
           << "\n";
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
