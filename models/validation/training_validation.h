#pragma once

// `validate`: predicted vs published for every usable row of a runs table, each compared on
// the row's own metric and FLOP-counting convention (run_setup.h), with every skipped row
// listed with its reason and a summary (median and 90th percentile of the absolute relative
// error, overall and per source).

#include "models/validation/run_setup.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// One compared row.
struct ValidationRow {
    std::string id;
    std::string source;         ///< short name of the source: the ids' common prefix ("kor22")
    std::string metric;         ///< runMetricName
    double published = 0.0;     ///< in the table's unit (TFLOP/s, tokens/s, s, GPU-hours)
    double predicted = 0.0;     ///< same unit
    double relativeError = 0.0; ///< predicted / published - 1
    Parallelism parallelism;    ///< the layout evaluated (free knobs filled in)
    bool fits = true;           ///< the evaluated layout fits in HBM
    std::vector<std::string> notes;
};

/// One skipped row and why.
struct SkippedRun {
    std::string id;
    std::string reason;
};

/// Error statistics of a group of rows.
struct ErrorSummary {
    std::string source; ///< empty for all rows
    int rows = 0;
    double medianAbsRelativeError = 0.0;
    double p90AbsRelativeError = 0.0;
    double meanAbsRelativeError = 0.0;
    double maxAbsRelativeError = 0.0;
};

struct ValidationReport {
    std::vector<ValidationRow> rows;
    std::vector<SkippedRun> skipped;
    ErrorSummary summary;
    std::vector<ErrorSummary> perSource; ///< in order of first appearance
};

/// Short names for the sources of `ids` grouped by `documents` (parallel vectors): the longest
/// common '-'-separated prefix of the ids citing the same document, or the first token of the
/// id for a document cited once ("kor22", "mlm-readme-h100", "bloom").
[[nodiscard]] std::vector<std::string> sourceLabels(const std::vector<std::string> &ids,
                                                    const std::vector<std::string> &documents);

/// Evaluates one setup: the stated layout, or the fastest layout over the free knobs that fits
/// in HBM (the fastest overall when none fits).
[[nodiscard]] ValidationRow validateSetup(const RunSetup &setup);

/// Validates every row of `table`. Throws InputError for a missing column or a bad cell in a
/// normalised column (requireRunColumns, makeRunSetup).
[[nodiscard]] ValidationReport validateRuns(const RunsTable &table, const Catalog &catalog);

/// Statistics of |relative error| over `rows`: median and 90th percentile with linear
/// interpolation between order statistics (the numpy default), mean and max.
[[nodiscard]] ErrorSummary summarizeErrors(const std::vector<ValidationRow> &rows,
                                           const std::string &source = {});

/// The q-quantile (0..1) of `values` with linear interpolation; 0 for an empty list.
[[nodiscard]] double quantile(std::vector<double> values, double q);

} // namespace scalescope::models
