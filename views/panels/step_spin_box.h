#pragma once

#include <QDoubleSpinBox>
#include <QSpinBox>

#include <vector>

namespace scalescope::views {

/// An integer spin box whose arrows walk through a list of allowed values (powers of two, ...);
/// typing any value in range is still possible. Without steps it behaves like QSpinBox.
class StepSpinBox : public QSpinBox {
    Q_OBJECT
public:
    StepSpinBox(std::vector<double> steps, QWidget *parent = nullptr);
    void stepBy(int steps) override;

protected:
    [[nodiscard]] StepEnabled stepEnabled() const override;

private:
    std::vector<double> m_steps;
};

/// The same for real values; also prints without trailing zeros ("4", not "4.0000").
class StepDoubleSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    StepDoubleSpinBox(std::vector<double> steps, QWidget *parent = nullptr);
    void stepBy(int steps) override;
    [[nodiscard]] QString textFromValue(double value) const override;

protected:
    [[nodiscard]] StepEnabled stepEnabled() const override;

private:
    std::vector<double> m_steps;
};

/// The allowed value `steps` places away from `value` along `list` (clamped to its ends).
[[nodiscard]] double steppedValue(const std::vector<double> &list, double value, int steps);

} // namespace scalescope::views
