#pragma once

// Small helpers shared by the model tests: relative comparisons and the shipped data folder.

#include <cmath>
#include <string>

namespace scalescope::testing {

/// |actual − expected| / |expected|.
inline double relativeError(double actual, double expected) {
    return std::abs(actual - expected) / std::abs(expected);
}

/// True when `value` is within `relative` of `expected` (relative to |expected|).
inline bool near(double value, double expected, double relative) {
    return std::abs(value - expected) <= relative * std::abs(expected);
}

/// A file of data/scaling as shipped.
inline std::string scalingDataFile(const char *name) {
    return std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/scaling/" + name;
}

} // namespace scalescope::testing
