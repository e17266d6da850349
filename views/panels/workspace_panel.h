#pragma once

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace scalescope::app {
class ScenarioDocument;
}

namespace scalescope::views {

/// The workspace dock: the scenarios in order (A/B marked in compare mode), with add,
/// duplicate, rename (or double-click), move up/down and delete, all undoable.
class WorkspacePanel : public QWidget {
    Q_OBJECT
public:
    WorkspacePanel(app::ScenarioDocument *document, QWidget *parent = nullptr);

    [[nodiscard]] QListWidget *list() const { return m_list; }
    void syncFromDocument();

signals:
    /// The user asked for a new scenario (the main window builds it from the field defaults).
    void addRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void renameFromItem(QListWidgetItem *item);

    app::ScenarioDocument *m_document;
    QListWidget *m_list;
    bool m_syncing = false;
};

} // namespace scalescope::views
