#pragma once

#include "app/document/field_metadata.h"
#include "app/document/scenario_fields.h"

#include <QWidget>

class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;

namespace scalescope::views {

/// The editor of one scenario field, built from its metadata: a spin box (stepping through the
/// field's discrete values when it has any), optionally with a slider; a check box; or a combo
/// box. Shows an inline error under the input. Emits `edited` only for user changes.
class FieldEditor : public QWidget {
    Q_OBJECT
public:
    FieldEditor(const app::FieldSpec &spec, const app::FieldContext &context,
                QWidget *parent = nullptr);

    [[nodiscard]] const app::FieldSpec &spec() const { return m_spec; }
    /// Shows `displayValue` without emitting `edited`.
    void setValue(const QVariant &displayValue);
    [[nodiscard]] QVariant value() const;
    /// Shows `reason` under the input (empty hides it).
    void setError(const QString &reason);
    [[nodiscard]] QString error() const;

    /// The widgets, for tests and shortcuts (null when this field has none of that kind).
    [[nodiscard]] QSpinBox *spinBox() const { return m_spin; }
    [[nodiscard]] QDoubleSpinBox *doubleSpinBox() const { return m_doubleSpin; }
    [[nodiscard]] QSlider *slider() const { return m_slider; }
    [[nodiscard]] QComboBox *comboBox() const { return m_combo; }
    [[nodiscard]] QCheckBox *checkBox() const { return m_check; }

signals:
    /// The user changed the value; `dragging` while a slider is held down (one gesture).
    void edited(const QVariant &displayValue, bool dragging);
    /// The slider was released: the gesture is over.
    void gestureFinished();

private:
    void buildNumeric();
    void buildChoice(const app::FieldContext &context);
    void emitEdited(const QVariant &value);
    void syncSlider(double value);

    app::FieldSpec m_spec;
    QSpinBox *m_spin = nullptr;
    QDoubleSpinBox *m_doubleSpin = nullptr;
    QSlider *m_slider = nullptr;
    QComboBox *m_combo = nullptr;
    QCheckBox *m_check = nullptr;
    QLineEdit *m_line = nullptr;
    QLabel *m_error = nullptr;
    bool m_syncing = false;
};

} // namespace scalescope::views
