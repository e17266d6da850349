#include "views/charts/chart_axes.h"

#include <QCategoryAxis>
#include <QObject>

#include <algorithm>
#include <cmath>

namespace scalescope::views {

namespace {

double niceStep(double span, int targetCount) {
    const double raw = span / std::max(1, targetCount);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= factor * magnitude)
            return factor * magnitude;
    return 10.0 * magnitude;
}

/// Labels at values; QCategoryAxis needs unique labels, so ticks that format alike keep the
/// first.
using Ticks = std::vector<std::pair<QString, double>>;

void appendUnique(Ticks &ticks, const QString &label, double value) {
    for (const auto &tick : ticks)
        if (tick.first == label)
            return;
    ticks.emplace_back(label, value);
}

/// Applies range and ticks, touching the axis only when something differs: every change makes
/// Qt Charts lay the axis out again, which is most of a chart's redraw cost.
void apply(QCategoryAxis *axis, double minimum, double maximum, const Ticks &ticks) {
    const QStringList current = axis->categoriesLabels();
    bool same = axis->min() == minimum && axis->max() == maximum && axis->startValue() == minimum &&
                current.size() == static_cast<int>(ticks.size());
    for (std::size_t i = 0; same && i < ticks.size(); ++i)
        same = current[static_cast<int>(i)] == ticks[i].first &&
               axis->endValue(ticks[i].first) == ticks[i].second;
    if (same)
        return;
    for (const QString &label : current)
        axis->remove(label);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(minimum);
    axis->setRange(minimum, maximum);
    for (const auto &[label, value] : ticks)
        axis->append(label, value);
}

} // namespace

std::vector<double> niceTicks(double minimum, double maximum, int targetCount) {
    if (!std::isfinite(minimum) || !std::isfinite(maximum) || maximum <= minimum)
        return {minimum};
    const double step = niceStep(maximum - minimum, targetCount);
    std::vector<double> ticks;
    const double first = std::ceil(minimum / step - 1e-9) * step;
    for (double tick = first; tick <= maximum + step * 1e-9; tick += step)
        ticks.push_back(std::fabs(tick) < step * 1e-9 ? 0.0 : tick);
    return ticks;
}

double niceCeiling(double maximum, int targetCount) {
    if (!std::isfinite(maximum) || maximum <= 0.0)
        return 1.0;
    const double step = niceStep(maximum, targetCount);
    return std::ceil(maximum / step - 1e-9) * step;
}

void setLinearTicks(QCategoryAxis *axis, double minimum, double maximum,
                    const AxisFormatter &format, int targetCount) {
    Ticks ticks;
    for (double tick : niceTicks(minimum, maximum, targetCount))
        appendUnique(ticks, format(tick), tick);
    apply(axis, minimum, maximum, ticks);
}

void setLogTicks(QCategoryAxis *axis, double minimumExponent, double maximumExponent, double base,
                 const AxisFormatter &format, int maxLabels) {
    const double logBase = std::log(base);
    const int first = static_cast<int>(std::floor(minimumExponent));
    const int last = static_cast<int>(std::ceil(maximumExponent));
    auto valuesWith = [&](std::initializer_list<double> mantissas) {
        std::vector<double> values;
        for (int k = first; k <= last; ++k)
            for (double mantissa : mantissas) {
                const double value = mantissa * std::pow(base, k);
                const double exponent = std::log(value) / logBase;
                if (exponent >= minimumExponent - 1e-9 && exponent <= maximumExponent + 1e-9)
                    values.push_back(value);
            }
        return values;
    };
    // Base 10: the densest of 1-2-5, 1-3, 1 per decade that fits; powers only otherwise.
    std::vector<double> values = valuesWith({1.0});
    if (base == 10.0) {
        for (auto family : {valuesWith({1.0, 2.0, 5.0}), valuesWith({1.0, 3.0})}) {
            if (static_cast<int>(family.size()) <= maxLabels) {
                values = family;
                break;
            }
        }
    }
    const int count = static_cast<int>(values.size());
    const int stride = std::max(1, (count + maxLabels - 1) / std::max(1, maxLabels));
    Ticks ticks;
    for (int i = 0; i < count; i += stride)
        appendUnique(ticks, format(values[i]), std::log(values[i]) / logBase);
    apply(axis, minimumExponent, maximumExponent, ticks);
}

void setDurationLogTicks(QCategoryAxis *axis, double minimumLog10Seconds,
                         double maximumLog10Seconds, int maxLabels) {
    constexpr double minute = 60.0, hour = 3600.0, day = 86400.0, week = 7.0 * day;
    constexpr double year = 365.25 * day, month = year / 12.0;
    static const std::vector<std::pair<double, const char *>> rounds = {{1.0, "1 s"},
                                                                        {10.0, "10 s"},
                                                                        {minute, "1 min"},
                                                                        {10 * minute, "10 min"},
                                                                        {hour, "1 h"},
                                                                        {6 * hour, "6 h"},
                                                                        {day, "1 day"},
                                                                        {2 * day, "2 days"},
                                                                        {week, "1 week"},
                                                                        {2 * week, "2 weeks"},
                                                                        {month, "1 month"},
                                                                        {2 * month, "2 months"},
                                                                        {6 * month, "6 months"},
                                                                        {year, "1 year"},
                                                                        {2 * year, "2 years"},
                                                                        {5 * year, "5 years"},
                                                                        {10 * year, "10 years"},
                                                                        {20 * year, "20 years"},
                                                                        {50 * year, "50 years"},
                                                                        {100 * year, "100 years"}};
    std::vector<std::pair<double, const char *>> inRange;
    for (const auto &round : rounds) {
        const double exponent = std::log10(round.first);
        if (exponent >= minimumLog10Seconds - 1e-9 && exponent <= maximumLog10Seconds + 1e-9)
            inRange.push_back(round);
    }
    const int count = static_cast<int>(inRange.size());
    const int stride = std::max(1, (count + maxLabels - 1) / std::max(1, maxLabels));
    Ticks ticks;
    for (int i = 0; i < count; i += stride)
        appendUnique(ticks, QObject::tr(inRange[i].second), std::log10(inRange[i].first));
    apply(axis, minimumLog10Seconds, maximumLog10Seconds, ticks);
}

} // namespace scalescope::views
