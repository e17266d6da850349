#include "views/view_format.h"

#include "models/format.h"

#include <QLocale>

#include <cmath>

namespace scalescope::views {

QString bytesText(double bytes) {
    return QString::fromStdString(models::formatBytesBinary(bytes));
}

QString durationText(double seconds) {
    return QString::fromStdString(models::formatDuration(seconds));
}

QString usdText(double usd) {
    return QString::fromStdString(models::formatUsd(usd));
}

QString percentText(double fraction) {
    return QString::fromStdString(models::formatPercent(fraction));
}

QString countText(double value) {
    return QString::fromStdString(models::formatCount(value));
}

QString siText(double value, const char *unit) {
    return QString::fromStdString(models::formatSi(value, unit));
}

QString energyText(double joules) {
    return siText(joules / kJoulesPerWattHour, "Wh");
}

QString scientificText(double value, const char *unit) {
    return QString::fromStdString(models::formatScientific(value, unit));
}

QString integerText(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("n/a");
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(value)));
}

DurationUnit durationUnitFor(double seconds) {
    // The thresholds of models::formatDuration.
    const double magnitude = std::fabs(seconds);
    if (magnitude < 120.0)
        return {1.0, QStringLiteral("s")};
    if (magnitude < 2.0 * 3600.0)
        return {60.0, QStringLiteral("min")};
    if (magnitude < 2.0 * kSecondsPerDay)
        return {3600.0, QStringLiteral("h")};
    if (magnitude < 2.0 * 365.25 * kSecondsPerDay)
        return {kSecondsPerDay, QStringLiteral("days")};
    return {365.25 * kSecondsPerDay, QStringLiteral("years")};
}

QString durationInUnit(double value, const DurationUnit &unit) {
    return QString::fromStdString(models::formatSignificant(value)) + " " + unit.name;
}

QString ratioText(double numerator, double denominator) {
    if (!(denominator > 0.0) || !std::isfinite(numerator))
        return QStringLiteral("n/a");
    return QString::fromStdString(models::formatRatio(numerator / denominator));
}

} // namespace scalescope::views
