#include "views/panels/step_spin_box.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace scalescope::views {

double steppedValue(const std::vector<double> &list, double value, int steps) {
    if (list.empty())
        return value;
    // From a value between two steps, one step up lands on the next larger one.
    const double epsilon = 1e-9 * std::max(1.0, std::fabs(value));
    if (steps > 0) {
        auto it = std::upper_bound(list.begin(), list.end(), value + epsilon);
        const auto index = std::distance(list.begin(), it) + steps - 1;
        return list[std::clamp<std::ptrdiff_t>(index, 0, list.size() - 1)];
    }
    if (steps < 0) {
        auto it = std::lower_bound(list.begin(), list.end(), value - epsilon);
        const auto index = std::distance(list.begin(), it) + steps;
        return list[std::clamp<std::ptrdiff_t>(index, 0, list.size() - 1)];
    }
    return value;
}

StepSpinBox::StepSpinBox(std::vector<double> steps, QWidget *parent)
    : QSpinBox(parent)
    , m_steps(std::move(steps)) {}

void StepSpinBox::stepBy(int steps) {
    if (m_steps.empty()) {
        QSpinBox::stepBy(steps);
        return;
    }
    setValue(static_cast<int>(std::lround(steppedValue(m_steps, value(), steps))));
    selectAll();
}

QAbstractSpinBox::StepEnabled StepSpinBox::stepEnabled() const {
    if (m_steps.empty())
        return QSpinBox::stepEnabled();
    StepEnabled enabled = StepNone;
    if (value() > m_steps.front())
        enabled |= StepDownEnabled;
    if (value() < m_steps.back())
        enabled |= StepUpEnabled;
    return enabled;
}

StepDoubleSpinBox::StepDoubleSpinBox(std::vector<double> steps, QWidget *parent)
    : QDoubleSpinBox(parent)
    , m_steps(std::move(steps)) {}

void StepDoubleSpinBox::stepBy(int steps) {
    if (m_steps.empty()) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    setValue(steppedValue(m_steps, value(), steps));
    selectAll();
}

QString StepDoubleSpinBox::textFromValue(double value) const {
    QString text = locale().toString(value, 'f', decimals());
    if (text.contains(locale().decimalPoint())) {
        while (text.endsWith('0'))
            text.chop(1);
        if (text.endsWith(locale().decimalPoint()))
            text.chop(1);
    }
    return text;
}

QAbstractSpinBox::StepEnabled StepDoubleSpinBox::stepEnabled() const {
    if (m_steps.empty())
        return QDoubleSpinBox::stepEnabled();
    StepEnabled enabled = StepNone;
    if (value() > m_steps.front())
        enabled |= StepDownEnabled;
    if (value() < m_steps.back())
        enabled |= StepUpEnabled;
    return enabled;
}

} // namespace scalescope::views
