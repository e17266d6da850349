#include "views/panels/parameter_panel.h"

#include "app/document/scenario_document.h"
#include "views/panels/field_editor.h"
#include "views/style/theme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMap>
#include <QScrollArea>
#include <QSet>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace scalescope::views {

ParameterPanel::ParameterPanel(app::ScenarioDocument *document, const app::FieldMetadata &metadata,
                               const app::FieldContext &context, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_context(context)
    , m_banner(new QLabel(this)) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_banner->setObjectName("panelBanner");
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buildTargetRow(outer);
    outer->addWidget(m_banner);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(6, 4, 6, 4);
    column->setSpacing(4);

    for (const auto &group : metadata.groups) {
        auto *header = new QToolButton(content);
        header->setObjectName("groupHeader");
        header->setText(group.title.toUpper());
        header->setCheckable(true);
        header->setChecked(group.expanded);
        header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        header->setArrowType(group.expanded ? Qt::DownArrow : Qt::RightArrow);
        header->setAutoRaise(true);
        header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        auto *body = new QWidget(content);
        auto *form = new QFormLayout(body);
        form->setContentsMargins(14, 0, 0, 6);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::DontWrapRows);
        for (const auto &field : group.fields) {
            auto *editor = new FieldEditor(field, m_context, body);
            auto *label = new QLabel(field.label, body);
            label->setToolTip(field.tooltip);
            form->addRow(label, editor);
            m_editors.insert(field.key, editor);
            connectEditor(editor);
        }
        body->setVisible(group.expanded);
        connect(header, &QToolButton::toggled, this, [header, body](bool on) {
            body->setVisible(on);
            header->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        });
        column->addWidget(header);
        column->addWidget(body);
        m_groupBodies.insert(group.id, body);
        m_groupHeaders.insert(group.id, header);
    }
    column->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    connect(m_document, &app::ScenarioDocument::changed, this, &ParameterPanel::syncFromDocument);
    syncFromDocument();
}

void ParameterPanel::buildTargetRow(QLayout *outer) {
    m_targetRow = new QWidget(this);
    m_targetRow->setObjectName("editedScenario");
    auto *row = new QHBoxLayout(m_targetRow);
    row->setContentsMargins(6, 4, 6, 4);
    row->addWidget(new QLabel(tr("Editing"), m_targetRow));
    for (int slot = 0; slot < 2; ++slot) {
        auto *button = new QToolButton(m_targetRow);
        button->setCheckable(true);
        button->setAutoExclusive(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setText(scenarioLetter(slot));
        connect(button, &QToolButton::clicked, this, [this, slot] { setEditedSlot(slot); });
        row->addWidget(button);
        m_targetButtons[slot] = button;
    }
    // The edited scenario's name, wrapped: long names never widen the dock.
    m_targetName = new QLabel(m_targetRow);
    m_targetName->setWordWrap(true);
    row->addWidget(m_targetName, 1);
    m_targetButtons[0]->setChecked(true);
    m_targetRow->setVisible(false);
    outer->addWidget(m_targetRow);
}

int ParameterPanel::editedIndex() const {
    const auto &comparison = m_document->comparison();
    if (comparison.enabled)
        return m_editedSlot == 0 ? comparison.a : comparison.b;
    return m_document->currentIndex();
}

void ParameterPanel::setEditedSlot(int slot) {
    m_editedSlot = slot == 1 ? 1 : 0;
    m_targetButtons[m_editedSlot]->setChecked(true);
    syncFromDocument();
}

QString ParameterPanel::editedCaption() const {
    if (!m_document->comparison().enabled)
        return {};
    return m_targetButtons[m_editedSlot]->text() + QStringLiteral(" · ") + m_targetName->text();
}

FieldEditor *ParameterPanel::editor(const QString &key) const {
    return m_editors.value(key, nullptr);
}

QString ParameterPanel::bannerText() const {
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void ParameterPanel::setGroupExpanded(const QString &groupId, bool expanded) {
    if (auto *header = m_groupHeaders.value(groupId, nullptr))
        header->setChecked(expanded);
}

void ParameterPanel::connectEditor(FieldEditor *editor) {
    connect(editor, &FieldEditor::edited, this,
            [this, editor](const QVariant &value, bool dragging) {
                applyEdit(editor, value, dragging);
            });
    connect(editor, &FieldEditor::gestureFinished, this,
            [this, key = editor->spec().key] { m_gestures.remove(key); });
}

void ParameterPanel::attachEditor(FieldEditor *editor) {
    connectEditor(editor);
    m_attached << editor;
    connect(editor, &QObject::destroyed, this, [this, editor] { m_attached.removeAll(editor); });
    syncFromDocument();
}

void ParameterPanel::applyEdit(FieldEditor *editor, const QVariant &value, bool dragging) {
    const QString key = editor->spec().key;
    const int index = editedIndex();
    models::Scenario next = index >= 0 ? m_document->scenarioAt(index) : m_document->current();
    if (!app::setFieldValue(next, editor->spec(), value, m_context)) {
        editor->setError(tr("“%1” is not a valid value here").arg(value.toString()));
        return;
    }
    int mergeId = -1;
    if (dragging) {
        if (!m_gestures.contains(key))
            m_gestures.insert(key, m_document->newGestureMergeId());
        mergeId = m_gestures.value(key);
    }
    const QString text = tr("Change %1").arg(editor->spec().label);
    if (index >= 0 && index != m_document->currentIndex())
        m_document->editAt(index, text, mergeId, next);
    else
        m_document->edit(text, mergeId, next);
}

namespace {

/// Reason by scenario field: every problem validateScenario found (models/planner/
/// validate_scenario.h), or the result's one error when it carries no list.
QMap<QString, QString> problemsByField(const models::ScenarioResult &result) {
    QMap<QString, QString> byField;
    if (result.valid)
        return byField;
    auto add = [&](const QString &field, const QString &reason) {
        QString &text = byField[field];
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + reason;
    };
    if (result.problems.empty()) {
        const QString field = QString::fromStdString(result.errorField);
        // Next to its knob the reason reads better without the field name the planner prefixes.
        QString reason = QString::fromStdString(result.error);
        if (!field.isEmpty() && reason.startsWith(field + ": "))
            reason = reason.mid(field.size() + 2);
        add(field, reason);
    }
    for (const auto &problem : result.problems)
        add(QString::fromStdString(problem.field), QString::fromStdString(problem.reason));
    return byField;
}

} // namespace

void ParameterPanel::syncFromDocument() {
    const int index = editedIndex();
    const models::Scenario &scenario =
        index >= 0 ? m_document->scenarioAt(index) : m_document->current();
    const auto result = index >= 0 ? m_document->resultAt(index) : m_document->result();
    const auto &comparison = m_document->comparison();
    m_targetRow->setVisible(comparison.enabled);
    if (comparison.enabled) {
        for (int slot = 0; slot < 2; ++slot) {
            const int shown = slot == 0 ? comparison.a : comparison.b;
            const QString name = QString::fromStdString(m_document->scenarioAt(shown).name);
            m_targetButtons[slot]->setToolTip(
                tr("Edit scenario %1 of the comparison: %2").arg(scenarioLetter(slot), name));
            if (slot == m_editedSlot)
                m_targetName->setText(name);
        }
    }
    const QMap<QString, QString> problems = problemsByField(*result);
    QSet<QString> placed;
    for (auto it = m_editors.begin(); it != m_editors.end(); ++it) {
        FieldEditor *editor = it.value();
        const QSignalBlocker blocker(editor);
        editor->setValue(app::fieldValue(scenario, editor->spec()));
        const bool here = problems.contains(it.key());
        editor->setError(problems.value(it.key()));
        if (here) {
            placed.insert(it.key());
            // Open the group so the reason is visible next to its knob.
            for (auto group = m_groupBodies.begin(); group != m_groupBodies.end(); ++group)
                if (group.value()->isAncestorOf(editor))
                    setGroupExpanded(group.key(), true);
        }
    }
    for (FieldEditor *editor : m_attached) {
        const QSignalBlocker blocker(editor);
        editor->setValue(app::fieldValue(scenario, editor->spec()));
        editor->setError(problems.value(editor->spec().key));
    }
    QStringList banner;
    for (auto it = problems.begin(); it != problems.end(); ++it)
        if (!placed.contains(it.key()))
            for (const QString &reason : it.value().split('\n'))
                banner << (it.key().isEmpty() ? QString() : it.key() + ": ") + reason;
    for (const auto &warning : result->warnings)
        banner << "⚠ " + QString::fromStdString(warning);
    m_banner->setText(banner.join("\n"));
    m_banner->setProperty("error", !result->valid);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace scalescope::views
