#include "views/style/view_format.h"

#include "models/core/format.h"
#include "models/planner/planner_context.h"

#include <QLocale>

#include <cmath>

namespace scalescope::views {

QString bytesText(double bytes) {
    return QString::fromStdString(models::formatBytesBinary(bytes));
}

QString usableMemoryText(double bytes) {
    return QString::fromStdString(models::usableMemoryText(bytes));
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

QString ratioText(double numerator, double denominator) {
    if (!(denominator > 0.0) || !std::isfinite(numerator))
        return QStringLiteral("n/a");
    return QString::fromStdString(models::formatRatio(numerator / denominator));
}

} // namespace scalescope::views
