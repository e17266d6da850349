#include "views/panels/field_editor.h"

#include "views/panels/field_input_guard.h"
#include "views/panels/step_spin_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace scalescope::views {

FieldEditor::FieldEditor(const app::FieldSpec &spec, const app::FieldContext &context,
                         QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_error(new QLabel(this)) {
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    setToolTip(m_spec.tooltip);
    switch (m_spec.kind) {
    case app::FieldKind::Integer:
    case app::FieldKind::Number:
        buildNumeric();
        break;
    case app::FieldKind::Boolean:
        m_check = new QCheckBox(this);
        connect(m_check, &QCheckBox::toggled, this, [this](bool on) { emitEdited(on); });
        column->addWidget(m_check);
        break;
    case app::FieldKind::Text:
        m_line = new QLineEdit(this);
        connect(m_line, &QLineEdit::editingFinished, this, [this] { emitEdited(m_line->text()); });
        column->addWidget(m_line);
        break;
    case app::FieldKind::Choice:
    case app::FieldKind::ModelPreset:
    case app::FieldKind::HardwareSystem:
        buildChoice(context);
        break;
    }
    for (QWidget *input : {static_cast<QWidget *>(m_spin), static_cast<QWidget *>(m_doubleSpin),
                           static_cast<QWidget *>(m_slider), static_cast<QWidget *>(m_combo)})
        if (input != nullptr)
            FieldInputGuard::install(input);
    m_error->setObjectName("fieldError");
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    column->addWidget(m_error);
}

void FieldEditor::buildNumeric() {
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    const QString suffix = m_spec.unit.isEmpty() ? QString() : " " + m_spec.unit;
    if (m_spec.kind == app::FieldKind::Integer) {
        auto *spin = new StepSpinBox(m_spec.steps, this);
        spin->setRange(static_cast<int>(m_spec.minimum), static_cast<int>(m_spec.maximum));
        spin->setSingleStep(static_cast<int>(std::max(1.0, m_spec.singleStep)));
        spin->setSuffix(suffix);
        spin->setKeyboardTracking(false);
        spin->setGroupSeparatorShown(true);
        spin->setSpecialValueText(m_spec.minimumText);
        connect(spin, &QSpinBox::valueChanged, this, [this](int value) {
            syncSlider(value);
            emitEdited(value);
        });
        m_spin = spin;
    } else {
        auto *spin = new StepDoubleSpinBox(m_spec.steps, this);
        spin->setDecimals(m_spec.decimals);
        spin->setRange(m_spec.minimum, m_spec.maximum);
        spin->setSingleStep(m_spec.singleStep);
        spin->setSuffix(suffix);
        spin->setKeyboardTracking(false);
        spin->setSpecialValueText(m_spec.minimumText);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
            syncSlider(value);
            emitEdited(value);
        });
        m_doubleSpin = spin;
    }
    if (m_spec.slider) {
        m_slider = new QSlider(Qt::Horizontal, this);
        m_slider->setMinimumWidth(60);
        if (m_spec.steps.empty()) {
            m_slider->setRange(static_cast<int>(m_spec.minimum), static_cast<int>(m_spec.maximum));
        } else {
            m_slider->setRange(0, static_cast<int>(m_spec.steps.size()) - 1);
            m_slider->setPageStep(1);
        }
        connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
            const double value = m_spec.steps.empty() ? position : m_spec.steps[position];
            {
                const QSignalBlocker blocker(m_spin ? static_cast<QObject *>(m_spin)
                                                    : static_cast<QObject *>(m_doubleSpin));
                if (m_spin)
                    m_spin->setValue(static_cast<int>(value));
                else
                    m_doubleSpin->setValue(value);
            }
            emitEdited(value);
        });
        connect(m_slider, &QSlider::sliderReleased, this, &FieldEditor::gestureFinished);
        row->addWidget(m_slider, 1);
    }
    QWidget *spin = m_spin ? static_cast<QWidget *>(m_spin) : m_doubleSpin;
    spin->setMinimumWidth(96);
    row->addWidget(spin, m_slider ? 0 : 1);
    static_cast<QVBoxLayout *>(layout())->addLayout(row);
}

void FieldEditor::buildChoice(const app::FieldContext &context) {
    m_combo = new QComboBox(this);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(12);
    if (m_spec.kind == app::FieldKind::Choice) {
        for (const auto &option : m_spec.options)
            m_combo->addItem(option.label, option.value);
    } else if (m_spec.kind == app::FieldKind::ModelPreset && context.presets) {
        for (const auto &preset : context.presets->models)
            m_combo->addItem(QString::fromStdString(preset.name.empty() ? preset.id : preset.name),
                             QString::fromStdString(preset.id));
    } else if (m_spec.kind == app::FieldKind::HardwareSystem && context.catalog) {
        for (const auto &system : context.catalog->systems) {
            if (system.gpuId.empty())
                continue;
            m_combo->addItem(QString::fromStdString(system.name.empty() ? system.id : system.name),
                             QString::fromStdString(system.id));
        }
        if (m_combo->count() > 0)
            m_combo->insertSeparator(m_combo->count());
        for (const auto &gpu : context.catalog->accelerators)
            m_combo->addItem(tr("%1 (single GPUs)")
                                 .arg(QString::fromStdString(gpu.name.empty() ? gpu.id : gpu.name)),
                             "gpu:" + QString::fromStdString(gpu.id));
    }
    connect(m_combo, &QComboBox::activated, this,
            [this](int index) { emitEdited(m_combo->itemData(index)); });
    static_cast<QVBoxLayout *>(layout())->addWidget(m_combo);
}

void FieldEditor::syncSlider(double value) {
    if (!m_slider)
        return;
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(m_spec.steps.empty() ? static_cast<int>(std::lround(value))
                                            : app::nearestStepIndex(m_spec, value));
}

void FieldEditor::emitEdited(const QVariant &value) {
    if (m_syncing)
        return;
    emit edited(value, m_slider != nullptr && m_slider->isSliderDown());
}

void FieldEditor::setValue(const QVariant &displayValue) {
    m_syncing = true;
    if (m_spin) {
        const QSignalBlocker blocker(m_spin);
        m_spin->setValue(static_cast<int>(std::lround(displayValue.toDouble())));
    }
    if (m_doubleSpin) {
        const QSignalBlocker blocker(m_doubleSpin);
        m_doubleSpin->setValue(displayValue.toDouble());
    }
    if (m_slider && !m_slider->isSliderDown())
        syncSlider(displayValue.toDouble());
    if (m_check) {
        const QSignalBlocker blocker(m_check);
        m_check->setChecked(displayValue.toBool());
    }
    if (m_line) {
        const QSignalBlocker blocker(m_line);
        m_line->setText(displayValue.toString());
    }
    if (m_combo) {
        const QSignalBlocker blocker(m_combo);
        int index = m_combo->findData(displayValue.toString());
        if (index < 0) {
            // A custom model or an id this catalog lacks: show it rather than pretend.
            const QString custom = displayValue.toString().isEmpty()
                                       ? tr("Custom")
                                       : tr("%1 (not in catalog)").arg(displayValue.toString());
            m_combo->addItem(custom, displayValue.toString());
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
    }
    m_syncing = false;
}

QVariant FieldEditor::value() const {
    if (m_spin)
        return m_spin->value();
    if (m_doubleSpin)
        return m_doubleSpin->value();
    if (m_check)
        return m_check->isChecked();
    if (m_line)
        return m_line->text();
    if (m_combo)
        return m_combo->currentData();
    return {};
}

void FieldEditor::setError(const QString &reason) {
    m_error->setText(reason);
    m_error->setVisible(!reason.isEmpty());
    setProperty("invalid", !reason.isEmpty());
}

QString FieldEditor::error() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace scalescope::views
