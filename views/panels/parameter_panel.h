#pragma once

#include "app/document/field_metadata.h"
#include "app/document/scenario_fields.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QToolButton;

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

class FieldEditor;

/// The parameter dock: one collapsible group per metadata group, one editor per field. In
/// compare mode a row at the top says which scenario it edits (A or B) and switches between
/// them. A user change copies the edited scenario, sets the field (display units → SI) and calls
/// document->edit(); on changed() every editor re-syncs under a signal blocker, and the
/// planner's error is shown next to the knob it names.
class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    ParameterPanel(app::ScenarioDocument *document, const app::FieldMetadata &metadata,
                   const app::FieldContext &context, QWidget *parent = nullptr);

    /// The editor of `key` ("/parallelism/tp"), or null.
    [[nodiscard]] FieldEditor *editor(const QString &key) const;
    /// The banner text (errors not tied to one field, and warnings).
    [[nodiscard]] QString bannerText() const;
    /// Expands or collapses a group by id.
    void setGroupExpanded(const QString &groupId, bool expanded);

    void syncFromDocument();

    /// The scenario the panel shows and edits: the current one, or in compare mode A or B
    /// (as picked with setEditedSlot).
    [[nodiscard]] int editedIndex() const;
    /// In compare mode, edit A (0) or B (1).
    void setEditedSlot(int slot);
    [[nodiscard]] int editedSlot() const { return m_editedSlot; }
    /// "A · name" / "B · name" while comparing, empty otherwise.
    [[nodiscard]] QString editedCaption() const;

    /// Routes an editor living elsewhere (the presentation GPU knob) through the same edit and
    /// re-sync path as the panel's own editors.
    void attachEditor(FieldEditor *editor);

private:
    void buildTargetRow(QLayout *outer);
    void connectEditor(FieldEditor *editor);
    void applyEdit(FieldEditor *editor, const QVariant &value, bool dragging);

    app::ScenarioDocument *m_document;
    app::FieldContext m_context;
    QHash<QString, FieldEditor *> m_editors;
    QList<FieldEditor *> m_attached;
    QHash<QString, QWidget *> m_groupBodies;
    QHash<QString, QToolButton *> m_groupHeaders;
    QHash<QString, int> m_gestures; ///< field key → merge id of the drag in progress
    QLabel *m_banner;
    QWidget *m_targetRow = nullptr;
    QToolButton *m_targetButtons[2] = {nullptr, nullptr};
    QLabel *m_targetName = nullptr;
    int m_editedSlot = 0;
};

} // namespace scalescope::views
