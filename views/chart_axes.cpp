#include "views/chart_axes.h"

#include <QCategoryAxis>

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

void clearCategories(QCategoryAxis *axis) {
    const QStringList labels = axis->categoriesLabels();
    for (const QString &label : labels)
        axis->remove(label);
}

/// QCategoryAxis needs unique labels; ticks that format alike keep the first.
void appendUnique(QCategoryAxis *axis, const QString &label, double value) {
    if (!axis->categoriesLabels().contains(label))
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
    clearCategories(axis);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(minimum);
    axis->setRange(minimum, maximum);
    for (double tick : niceTicks(minimum, maximum, targetCount))
        appendUnique(axis, format(tick), tick);
}

void setLogTicks(QCategoryAxis *axis, double minimumExponent, double maximumExponent, double base,
                 const AxisFormatter &format, int maxLabels) {
    clearCategories(axis);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setStartValue(minimumExponent);
    axis->setRange(minimumExponent, maximumExponent);
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
    for (int i = 0; i < count; i += stride)
        appendUnique(axis, format(values[i]), std::log(values[i]) / logBase);
}

} // namespace scalescope::views
