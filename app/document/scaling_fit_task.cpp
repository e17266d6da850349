#include "app/document/scaling_fit_task.h"

#include "models/core/csv_table.h"
#include "models/scaling/scaling_laws.h"

#include <chrono>

namespace scalescope::app {

using models::FitLaw;
using models::ScalingVariable;

double FitOutcome::powerVariable(const models::ScalingPoint &point) const {
    switch (models::kaplanVariable(request.law)) {
    case ScalingVariable::Parameters:
        return point.parameters;
    case ScalingVariable::Tokens:
        return point.tokens;
    case ScalingVariable::Compute:
        break;
    }
    // Kaplan quote compute in PF-days [Kaplan et al. 2020, eq. 1.3].
    return point.computeFlop / models::flopPerPetaflopDay;
}

double FitOutcome::predictedLoss(const models::ScalingPoint &point) const {
    if (chinchilla)
        return chinchilla->law.loss(models::totalParameters(point.parameters), point.tokens);
    if (power)
        return power->law(powerVariable(point));
    return 0.0;
}

FitOutcome runScalingFit(const FitRequest &request, const std::atomic<bool> *cancel,
                         const std::function<void(double)> &progress,
                         const std::function<void(const char *, int, int)> &stageProgress) {
    const auto secondsSince = [](std::chrono::steady_clock::time_point start) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const FitLaw law = request.law;
    const auto started = std::chrono::steady_clock::now();
    FitOutcome outcome;
    outcome.request = request;
    const auto table = models::CsvTable::readFile(request.file.toStdString());
    models::ScalingQuantities needed;
    needed.parameters = models::fitLawReads(law, ScalingVariable::Parameters);
    needed.tokens = models::fitLawReads(law, ScalingVariable::Tokens);
    needed.compute = models::fitLawReads(law, ScalingVariable::Compute);
    const auto all = models::loadScalingDataset(table, request.columns, needed);
    outcome.dataset = models::dropHighestLosses(all, request.dropHighest);
    outcome.dropped = static_cast<int>(all.points.size() - outcome.dataset.points.size());

    if (law == FitLaw::Chinchilla) {
        const bool tied = request.tiedExponents();
        models::requireEnoughPoints(outcome.dataset, tied ? 4 : 5,
                                    tied ? "Chinchilla law with alpha = beta" : "Chinchilla");
        const double gridShare = request.bootstrap > 0 ? 0.3 : 1.0;
        models::ChinchillaFitOptions options = request.grid == models::FitGrid::Muennighoff
                                                   ? models::muennighoffGridOptions()
                                                   : models::ChinchillaFitOptions{};
        options.tieExponents = tied;
        options.parallel.cancel = cancel;
        options.parallel.progress = [&](int done, int total) {
            if (progress && total > 0)
                progress(gridShare * done / total);
            if (stageProgress)
                stageProgress("grid", done, total);
        };
        const auto fitStarted = std::chrono::steady_clock::now();
        outcome.chinchilla = models::fitChinchillaGrid(outcome.dataset, options);
        outcome.fitSeconds = secondsSince(fitStarted);
        outcome.cancelled = outcome.chinchilla->cancelled;
        if (request.bootstrap > 0 && !outcome.cancelled) {
            models::BootstrapOptions bootstrap;
            bootstrap.resamples = request.bootstrap;
            bootstrap.seed = request.seed;
            bootstrap.tieExponents = tied;
            bootstrap.parallel.cancel = cancel;
            bootstrap.parallel.progress = [&](int done, int total) {
                if (progress && total > 0)
                    progress(gridShare + (1.0 - gridShare) * done / total);
                if (stageProgress)
                    stageProgress("bootstrap", done, total);
            };
            const auto bootstrapStarted = std::chrono::steady_clock::now();
            outcome.bootstrap =
                models::bootstrapChinchilla(outcome.dataset, outcome.chinchilla->law, bootstrap);
            outcome.bootstrapSeconds = secondsSince(bootstrapStarted);
            outcome.cancelled = outcome.bootstrap->cancelled;
        }
    } else {
        models::requireEnoughPoints(outcome.dataset, request.irreducible ? 3 : 2, "Kaplan power");
        models::requireDistinctValues(outcome.dataset, models::kaplanVariable(law), "Kaplan power");
        std::vector<double> x, loss;
        for (const auto &point : outcome.dataset.points) {
            x.push_back(outcome.powerVariable(point));
            loss.push_back(point.loss);
        }
        models::PowerLawFitOptions options;
        options.irreducible = request.irreducible;
        const auto fitStarted = std::chrono::steady_clock::now();
        outcome.power = models::fitLossPowerLaw(x, loss, options);
        outcome.fitSeconds = secondsSince(fitStarted);
        if (progress)
            progress(1.0);
    }
    outcome.seconds = secondsSince(started);
    return outcome;
}

} // namespace scalescope::app
