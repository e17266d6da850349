#pragma once

// Model size and training compute of notable AI models over time, with fitted growth rates.
//
// References:
//   [1] Epoch AI, "Parameter, Compute and Data Trends in Machine Learning" (Notable AI Models),
//       https://epoch.ai/data/notable-ai-models, CC BY 4.0; snapshot of 2025-02-24 shipped in
//       data/trend/.
//   [2] J. Sevilla et al., "Compute Trends Across Three Eras of Machine Learning",
//       arXiv:2202.05924: growth fitted as a straight line of log10(value) against the
//       publication date; doubling time = log10(2) / slope.

#include "models/core/csv_table.h"
#include "models/scaling/power_law_fit.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

/// One row of Epoch's notable-models table (the columns the trend needs).
struct NotableModel {
    std::string name;
    std::string organization;
    std::string publicationDate;      ///< YYYY-MM-DD
    double publicationYear = 0.0;     ///< fractional: 2020.5 is early July 2020
    std::vector<std::string> domains; ///< "Language", "Vision", ...
    std::optional<double> parameters;
    std::optional<double> trainingComputeFlop;
    std::string confidence; ///< Confident / Likely / Speculative / Unknown
    bool operator==(const NotableModel &) const = default;
};

/// Reads Epoch's CSV (full or slim; columns "Model", "Organization", "Publication date",
/// "Domain", "Parameters", "Training compute (FLOP)", "Confidence"). Blank numbers stay empty;
/// malformed ones throw InputError naming line and column.
[[nodiscard]] std::vector<NotableModel> loadNotableModels(const CsvTable &table);

/// YYYY-MM-DD as a fractional year (day of year over days in the year); nullopt if malformed.
[[nodiscard]] std::optional<double> fractionalYear(const std::string &isoDate);

enum class TrendQuantity { Parameters, TrainingCompute };

/// Which models enter a trend.
struct TrendOptions {
    std::string domain = "Language"; ///< a model counts when its Domain list holds this ("" = all)
    double fromYear = 2018.0;        ///< inclusive
    double toYear = std::numeric_limits<double>::infinity();
    std::string file; ///< the table the models came from, named in errors
    bool operator==(const TrendOptions &) const = default;
};

struct TrendPoint {
    double year = 0.0;
    double value = 0.0; ///< parameters, or training compute [FLOP]
    std::string model;
    bool operator==(const TrendPoint &) const = default;
};

/// A log-linear trend [2]: log10(value) = intercept + slope·year.
struct GrowthTrend {
    TrendQuantity quantity = TrendQuantity::Parameters;
    std::vector<TrendPoint> points;
    LinearFit fit;                         ///< of log10(value) on the year
    double ordersOfMagnitudePerYear = 0.0; ///< the slope
    double factorPerYear = 0.0;            ///< 10^slope, "×3.1 per year"
    double doublingTimeMonths = 0.0;       ///< 12·log10(2)/slope
};

/// Fits the growth of parameters or training compute over time. Throws InputError(options.file,
/// the quantity's column, reason) when fewer than 2 models qualify or all of them share one
/// publication date (a user's table or filter, not a bug).
[[nodiscard]] GrowthTrend growthTrend(const std::vector<NotableModel> &models,
                                      TrendQuantity quantity, const TrendOptions &options = {});

} // namespace scalescope::models
