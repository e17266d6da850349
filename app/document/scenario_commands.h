#pragma once

#include "models/scenario/scenario.h"

#include <QUndoCommand>

namespace scalescope::app {

class ScenarioDocument;

/// One edit of one scenario, holding the whole scenario before and after (scenarios are small
/// value types, so snapshots are cheap and obviously correct). Consecutive edits of the same
/// scenario with the same merge id (>= 0) merge: the first `before`, the last `after`.
class ScenarioEditCommand : public QUndoCommand {
public:
    ScenarioEditCommand(ScenarioDocument *document, int index, const QString &text, int mergeId,
                        models::Scenario before, models::Scenario after);

    void undo() override;
    void redo() override;
    [[nodiscard]] int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ScenarioDocument *m_document;
    int m_index;
    int m_mergeId;
    models::Scenario m_before;
    models::Scenario m_after;
};

/// A structural change (add, duplicate, rename, move, delete): the whole workspace and the
/// selected index before and after.
class WorkspaceCommand : public QUndoCommand {
public:
    WorkspaceCommand(ScenarioDocument *document, const QString &text, models::Workspace before,
                     int beforeCurrent, models::Workspace after, int afterCurrent);

    void undo() override;
    void redo() override;

private:
    ScenarioDocument *m_document;
    models::Workspace m_before;
    models::Workspace m_after;
    int m_beforeCurrent;
    int m_afterCurrent;
};

} // namespace scalescope::app
