#include "app/document/scenario_commands.h"

#include "app/document/scenario_document.h"

#include <utility>

namespace scalescope::app {

ScenarioEditCommand::ScenarioEditCommand(ScenarioDocument *document, int index, const QString &text,
                                         int mergeId, models::Scenario before,
                                         models::Scenario after)
    : QUndoCommand(text)
    , m_document(document)
    , m_index(index)
    , m_mergeId(mergeId)
    , m_before(std::move(before))
    , m_after(std::move(after)) {}

void ScenarioEditCommand::undo() {
    m_document->applyScenario(m_index, m_before);
}

void ScenarioEditCommand::redo() {
    m_document->applyScenario(m_index, m_after);
}

bool ScenarioEditCommand::mergeWith(const QUndoCommand *other) {
    // QUndoStack only calls this when ids match and are >= 0.
    const auto *next = static_cast<const ScenarioEditCommand *>(other);
    if (next->m_index != m_index)
        return false;
    m_after = next->m_after;
    // A drag that ends where it started leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

WorkspaceCommand::WorkspaceCommand(ScenarioDocument *document, const QString &text,
                                   models::Workspace before, int beforeCurrent,
                                   models::Workspace after, int afterCurrent)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_beforeCurrent(beforeCurrent)
    , m_afterCurrent(afterCurrent) {}

void WorkspaceCommand::undo() {
    m_document->applyWorkspace(m_before, m_beforeCurrent);
}

void WorkspaceCommand::redo() {
    m_document->applyWorkspace(m_after, m_afterCurrent);
}

} // namespace scalescope::app
