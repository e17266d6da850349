#pragma once

#include <QString>

namespace scalescope::views {

// QString wrappers over models/core/format.h so views and the CLI print numbers the same way
// (docs/reference/UX.md "Conventions": SI prefixes, 3 significant digits, binary units for memory).

inline constexpr double kGib = 1073741824.0;         ///< bytes per GiB
inline constexpr double kJoulesPerWattHour = 3600.0; ///< J per Wh
inline constexpr double kSecondsPerDay = 86400.0;

[[nodiscard]] QString bytesText(double bytes); ///< "78.5 GiB"
/// A GPU's usable HBM as every view writes it (models::usableMemoryText): "80 GiB".
[[nodiscard]] QString usableMemoryText(double bytes);
[[nodiscard]] QString durationText(double seconds);                   ///< "3.4 days"
[[nodiscard]] QString usdText(double usd);                            ///< "$148k"
[[nodiscard]] QString percentText(double fraction);                   ///< "43%"
[[nodiscard]] QString countText(double value);                        ///< "70.6B"
[[nodiscard]] QString siText(double value, const char *unit);         ///< "989 TFLOP/s"
[[nodiscard]] QString energyText(double joules);                      ///< "52 MWh"
[[nodiscard]] QString scientificText(double value, const char *unit); ///< "1.2e24 FLOP"
[[nodiscard]] QString integerText(double value);                      ///< "16,384"
/// numerator / denominator as "2.7×"; "n/a" when the denominator is not positive.
[[nodiscard]] QString ratioText(double numerator, double denominator);

} // namespace scalescope::views
