#pragma once

#include <QString>

#include <functional>
#include <vector>

class QCategoryAxis;

namespace scalescope::views {

/// Formats one axis value (in data units) as a label: "70B", "1e21", "3.2 days".
using AxisFormatter = std::function<QString(double)>;

/// About `targetCount` round tick values (1, 2, 2.5, 5 × 10^k) covering [minimum, maximum].
[[nodiscard]] std::vector<double> niceTicks(double minimum, double maximum, int targetCount = 5);

/// Rounds `maximum` up to the next nice tick above it (so bars never touch the top).
[[nodiscard]] double niceCeiling(double maximum, int targetCount = 5);

/// Qt's value axes print labels with printf formats ("1000000.0"); a QCategoryAxis with labels
/// at the tick values lets every axis speak our number formats. Sets the range to
/// [minimum, maximum] and a label at each nice tick.
void setLinearTicks(QCategoryAxis *axis, double minimum, double maximum,
                    const AxisFormatter &format, int targetCount = 5);

/// For log-scaled data the series carry log_base(value); this labels the range
/// [minimumExponent, maximumExponent] with format(value) at powers of the base, thinned to at
/// most `maxLabels`; for base 10 it uses the densest of 1-2-5, 1-3 or 1 per decade that fits,
/// so a short range still gets several labels. (Qt 6.4's QLogValueAxis only labels
/// powers of the base and drops any series with a value <= 0; plotting exponents on a linear
/// axis avoids both.)
void setLogTicks(QCategoryAxis *axis, double minimumExponent, double maximumExponent, double base,
                 const AxisFormatter &format, int maxLabels = 8);

/// A log time axis whose data are log10(seconds), labelled at round durations people say:
/// 1 h, 6 h, 1 day, 1 week, 1 month, 6 months, 1 year, 2 years, 5 years, ... (thinned to at
/// most `maxLabels`).
void setDurationLogTicks(QCategoryAxis *axis, double minimumLog10Seconds,
                         double maximumLog10Seconds, int maxLabels = 8);

} // namespace scalescope::views
