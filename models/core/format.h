#pragma once

#include <string>

namespace scalescope::models {

// Human-readable numbers per docs/reference/UX.md "Conventions": SI prefixes, 3 significant digits,
// never raw doubles. Used by the CLI's tables and by every view (axis labels, tooltips, summary
// strip).

/// 3 significant digits with thousands kept plain below 1e4: 0.0123, 1.23, 123, 1,230, 12.3k.
[[nodiscard]] std::string formatSignificant(double value, int digits = 3);
/// Counts with K/M/B/T suffixes: 70.6B, 1.8T, 456, 12.3k. (`params` style.)
[[nodiscard]] std::string formatCount(double value, int digits = 3);
/// SI prefix + unit: formatSi(9.89e14, "FLOP/s") = "989 TFLOP/s"; formatSi(5.2e7, "Wh") = "52 MWh".
[[nodiscard]] std::string formatSi(double value, const std::string &unit, int digits = 3);
/// Binary memory sizes, 3 significant digits: 78.5 GiB, 512 MiB, 1.5 TiB.
[[nodiscard]] std::string formatBytesBinary(double bytes, int digits = 3);
/// Decimal memory sizes as vendors quote them: 80 GB, 1.44 TB.
[[nodiscard]] std::string formatBytesDecimal(double bytes, int digits = 3);
/// Scientific with the unit: 1.2e24 FLOP.
[[nodiscard]] std::string formatScientific(double value, const std::string &unit, int digits = 2);
/// Durations picked to read well: 850 µs, 12.3 ms, 9.8 s, 4.2 min, 3.4 h, 38.5 days, 24.5 years.
[[nodiscard]] std::string formatDuration(double seconds, int digits = 3);
/// Money: $950, $148k, $2.3M, $1.1B.
[[nodiscard]] std::string formatUsd(double usd, int digits = 3);
/// Fractions as percent: 0.432 -> "43.2%" (digits significant, at least integer precision).
[[nodiscard]] std::string formatPercent(double fraction, int digits = 3);
/// Ratios for compare mode: 2.7×, 0.61×.
[[nodiscard]] std::string formatRatio(double ratio, int digits = 2);

} // namespace scalescope::models
