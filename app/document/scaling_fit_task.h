#pragma once

#include "models/scaling/fit_law.h"
#include "models/scaling/power_law_fit.h"
#include "models/scaling/scaling_bootstrap.h"
#include "models/scaling/scaling_dataset.h"
#include "models/scaling/scaling_fit.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace scalescope::app {

/// Which law to fit to which columns of which CSV: the choices of `scalescope fit`.
struct FitRequest {
    QString file;
    models::FitLaw law = models::FitLaw::Chinchilla;
    models::ScalingColumns columns; ///< empty names: found among common spellings
    int dropHighest = 0;            ///< drop the K highest losses first (Epoch drop 5)
    int bootstrap = 0;              ///< resamples for 95% intervals (Chinchilla only)
    std::uint32_t seed = 42;
    bool irreducible = false;  ///< Kaplan laws: fit an irreducible term E too
    bool tieExponents = false; ///< Chinchilla: α = β as one parameter (Muennighoff's C4 form)
    models::FitGrid grid = models::FitGrid::Hoffmann; ///< Chinchilla starts: 4,500 or 400
    /// α = β in the fit: asked for, or Muennighoff's grid, which always ties them as their C4
    /// fit did.
    [[nodiscard]] bool tiedExponents() const {
        return tieExponents || grid == models::FitGrid::Muennighoff;
    }
};

/// What a fit produced, with the data it used.
struct FitOutcome {
    FitRequest request;
    models::ScalingDataset dataset; ///< after dropping
    int dropped = 0;
    std::optional<models::ChinchillaFit> chinchilla;
    std::optional<models::BootstrapResult> bootstrap;
    std::optional<models::PowerLawFit> power; ///< Kaplan-style single-variable law
    bool cancelled = false;
    double seconds = 0.0;          ///< the whole run: reading, fitting, bootstrap
    double fitSeconds = 0.0;       ///< the fit alone (grid or power law)
    double bootstrapSeconds = 0.0; ///< the bootstrap alone

    /// The fitted loss at a data point (Kaplan: of its N, D or C in PF-days).
    [[nodiscard]] double predictedLoss(const models::ScalingPoint &point) const;
    /// The Kaplan law's variable at a point (N, D, or C in PF-days).
    [[nodiscard]] double powerVariable(const models::ScalingPoint &point) const;
};

/// The pipeline of `scalescope fit` for the GUI: read the CSV, find the columns, drop the
/// highest losses, check the point count, fit (grid + L-BFGS for Chinchilla, Huber power law
/// for Kaplan) and optionally bootstrap. Polls `cancel` and reports progress (0..1) from the
/// calling thread. Bad input throws models::InputError naming file, line and column.
/// `stageProgress` additionally reports each stage's own count ("grid", starts done, total;
/// "bootstrap", refits done, total), as the command line prints it.
[[nodiscard]] FitOutcome runScalingFit(
    const FitRequest &request, const std::atomic<bool> *cancel = nullptr,
    const std::function<void(double)> &progress = {},
    const std::function<void(const char *stage, int done, int total)> &stageProgress = {});

} // namespace scalescope::app
