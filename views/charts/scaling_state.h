#pragma once

#include "models/scaling/scaling_laws.h"

#include <QObject>

#include <optional>
#include <vector>

namespace scalescope::views {

/// The 95% band of the compute-optimal loss L_opt(C) over bootstrap refits of a law.
struct FrontierBand {
    std::vector<double> computeFlop; ///< log-spaced grid
    std::vector<double> lower;       ///< 2.5th percentile of L_opt at each C
    std::vector<double> upper;       ///< 97.5th percentile
    [[nodiscard]] bool empty() const { return computeFlop.empty(); }
};

/// The user's scaling-law fit, shared by the fit panel (which writes it) and the scaling charts
/// (which draw it next to the published laws). View state: not saved with the workspace.
class ScalingState : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    [[nodiscard]] const std::optional<models::ChinchillaLaw> &fittedLaw() const { return m_law; }
    [[nodiscard]] const FrontierBand &band() const { return m_band; }
    /// Where the fitted points came from ("muennighoff2023_datablations_c4_runs.csv").
    [[nodiscard]] const QString &source() const { return m_source; }

    /// Stores a fit; with bootstrap refits, the 95% band of L_opt(C) over C in
    /// [1e15, 1e30] FLOP is computed once here.
    void setFit(const models::ChinchillaLaw &law, const std::vector<models::ChinchillaLaw> &refits,
                const QString &source);
    void clear();

signals:
    void changed();

private:
    std::optional<models::ChinchillaLaw> m_law;
    FrontierBand m_band;
    QString m_source;
};

/// The 2.5/97.5 percentile band of L_opt(C) over `refits` at `points` log-spaced budgets.
[[nodiscard]] FrontierBand frontierBand(const std::vector<models::ChinchillaLaw> &refits,
                                        double minCompute, double maxCompute, int points);

} // namespace scalescope::views
