#pragma once

// Training runs (N, D, C, loss) read from a CSV table, as the fitters consume them.
//
// References:
//   [1] J. Hoffmann et al., arXiv:2203.15556, section 3.2: training compute C ≈ 6·N·D; Epoch AI
//       derive D = C/(6N) for the digitised Chinchilla points the same way.
//   [2] T. Besiroglu et al., arXiv:2404.10102, section 2: the 5 highest-loss points are dropped
//       (keep loss strictly below the 5th-largest loss).

#include "models/core/csv_table.h"
#include "models/scaling/scaling_laws.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// One training run.
struct ScalingPoint {
    double parameters = 0.0;   ///< N, counted per ScalingDataset::parameterCounting
    double tokens = 0.0;       ///< D, training tokens (with repetitions)
    double computeFlop = 0.0;  ///< C [FLOP]: the file's value, or 6ND when it has none
    double loss = 0.0;         ///< final loss [nats/token]
    double uniqueTokens = 0.0; ///< U, unique tokens (data-constrained law); 0 when not read
    int line = 0;              ///< CSV line the run came from (0: not from a file)
    bool operator==(const ScalingPoint &) const = default;
};

/// A set of runs with where they came from, so fit errors can name the file and column.
struct ScalingDataset {
    std::string source;          ///< file name ("" for data built in code)
    std::string lossField;       ///< e.g. "column 7 (loss)"
    std::string parametersField; ///< e.g. "column 4 (Model Size)"; empty when N was not read
    std::string tokensField;     ///< D's column, or C's when D = C/(6N) was derived
    std::string computeField;    ///< C's column, or D's when C = 6ND was derived
    ParameterCounting parameterCounting = ParameterCounting::Total;
    std::vector<ScalingPoint> points;
    bool operator==(const ScalingDataset &) const = default;
};

/// Column names to read; empty means "find it" among common spellings (N: "N", "params",
/// "parameters", "Model Size"; D: "D", "tokens", "Training Tokens"; C: "C", "flops",
/// "Training FLOP", "compute"; loss: "loss", "L", "final_loss", "val_loss"; U: "U",
/// "unique_tokens").
struct ScalingColumns {
    std::string parameters;
    std::string tokens;
    std::string compute;
    std::string loss;
    std::string uniqueTokens;
    bool operator==(const ScalingColumns &) const = default;
};

/// Which quantities the caller needs besides the loss. Tokens are derived as D = C/(6N) and
/// compute as C = 6ND when their column is absent [1].
struct ScalingQuantities {
    bool parameters = true;
    bool tokens = true;
    bool compute = false;
    bool uniqueTokens = false;
    bool operator==(const ScalingQuantities &) const = default;
};

/// Reads the runs; every needed value must be a finite number > 0. Errors are InputError
/// naming the file, line and column (a missing column names line 1, the header).
[[nodiscard]] ScalingDataset
loadScalingDataset(const CsvTable &table, const ScalingColumns &columns = {},
                   const ScalingQuantities &needed = {},
                   ParameterCounting counting = ParameterCounting::Total);

/// Drops the `count` highest losses the way Epoch AI do [2]: keeps the points whose loss is
/// strictly below the count-th largest loss (ties at that loss are dropped too).
[[nodiscard]] ScalingDataset dropHighestLosses(const ScalingDataset &dataset, int count);

/// The quantities a law varies over.
enum class ScalingVariable { Parameters, Tokens, Compute };

/// Throws InputError (file and column) when every point has the same value of `variable`: a
/// law cannot separate its coefficient from its exponent along a single value.
void requireDistinctValues(const ScalingDataset &dataset, ScalingVariable variable,
                           const std::string &lawName);

/// Throws InputError (file, last line and loss column) when the dataset has fewer points than
/// the law to fit has parameters.
void requireEnoughPoints(const ScalingDataset &dataset, int parameterCount,
                         const std::string &lawName);

} // namespace scalescope::models
