#pragma once

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace scalescope::app {

/// Turns a scenario into a result. Production code wraps models::evaluate with the loaded
/// catalog; tests may pass their own. May throw (InputError or anything else): the document
/// turns exceptions into an invalid result naming the field.
using Evaluator = std::function<models::ScenarioResult(const models::Scenario &)>;

/// Which two scenarios compare mode shows, and whether it is on. View state: not undoable and
/// not saved with the workspace.
struct Comparison {
    bool enabled = false;
    int a = 0;
    int b = 1;
    bool operator==(const Comparison &) const = default;
};

/// The single source of truth of the GUI: a workspace of scenarios, the current one, its
/// evaluated results and the undo stack. Every input change goes through `edit()` (or one of
/// the structural commands), is evaluated once, and announced by exactly one `changed()`.
class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    explicit ScenarioDocument(Evaluator evaluator, QObject *parent = nullptr);
    ~ScenarioDocument() override;

    /// The scenarios in order.
    [[nodiscard]] const models::Workspace &workspace() const { return m_workspace; }
    [[nodiscard]] int count() const { return static_cast<int>(m_workspace.scenarios.size()); }
    /// Index of the scenario panels edit and single views show; -1 only when empty.
    [[nodiscard]] int currentIndex() const { return m_currentIndex; }
    /// The current scenario; a default scenario when the workspace is empty.
    [[nodiscard]] const models::Scenario &current() const;
    [[nodiscard]] const models::Scenario &scenarioAt(int index) const;

    /// Result of the current scenario (never null once a workspace is set; may be invalid).
    [[nodiscard]] std::shared_ptr<const models::ScenarioResult> result() const;
    [[nodiscard]] std::shared_ptr<const models::ScenarioResult> resultAt(int index) const;
    /// The latest valid result of scenario `index` (null if it never had one). Views draw it,
    /// greyed, while the current inputs are invalid.
    [[nodiscard]] std::shared_ptr<const models::ScenarioResult> lastValidResultAt(int index) const;
    /// The inputs of lastValidResultAt(index) (null when there is none): views that re-evaluate
    /// variants (the GPU-count sweep) start from them while the current inputs are invalid.
    [[nodiscard]] const models::Scenario *lastValidScenarioAt(int index) const;
    /// Evaluates a what-if scenario (e.g. the same job at another GPU count) without touching
    /// the document; never throws.
    [[nodiscard]] std::shared_ptr<const models::ScenarioResult>
    evaluate(const models::Scenario &scenario) const;

    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }

    /// The user's scaling-law fit (part of the workspace: saved, undoable); nullopt: none.
    [[nodiscard]] const std::optional<models::UserScalingFit> &scalingFit() const {
        return m_workspace.scalingFit;
    }
    /// Undoably sets (or, with nullopt, clears) the fit; one changed() once applied.
    void setScalingFit(const std::optional<models::UserScalingFit> &fit);
    /// L_opt(C) of the published laws and of the fit, sampled once per fit change
    /// (models::sampleScalingFrontiers); never null.
    [[nodiscard]] std::shared_ptr<const models::ScalingFrontiers> scalingFrontiers() const {
        return m_frontiers;
    }

    /// The only way panels change inputs: an undoable edit of the current scenario. Edits with
    /// the same `mergeId` (>= 0) in a row merge into one undo step (a slider drag); -1 never
    /// merges. A no-op when `next` equals the current scenario.
    void edit(const QString &undoText, int mergeId, const models::Scenario &next);
    /// Same as edit() for scenario `index` (which becomes current).
    void editAt(int index, const QString &undoText, int mergeId, const models::Scenario &next);

    /// Undoable structural changes; each selects the scenario it touched.
    void addScenario(const models::Scenario &scenario);
    void duplicateScenario(int index);
    void renameScenario(int index, const QString &name);
    void moveScenario(int from, int to);
    /// Refuses (returns false) to remove the last scenario.
    bool removeScenario(int index);

    /// Selects the scenario panels edit; not undoable. Emits changed() when it differs.
    void setCurrentIndex(int index);

    [[nodiscard]] const Comparison &comparison() const { return m_comparison; }
    /// Turns compare mode on/off and picks A and B (clamped to the workspace).
    void setComparison(const Comparison &comparison);

    /// A fresh merge id for one gesture (a slider press), so two separate drags of the same
    /// knob stay two undo steps.
    [[nodiscard]] int newGestureMergeId();

    /// Replaces the whole workspace (File > New/Open): clears undo history, marks clean.
    void resetWorkspace(const models::Workspace &workspace, const QString &filePath);
    /// Records that the workspace was written to `filePath` (marks the undo stack clean).
    void markSaved(const QString &filePath);
    [[nodiscard]] const QString &filePath() const { return m_filePath; }
    /// True when there are unsaved edits.
    [[nodiscard]] bool isDirty() const;

    // Used by the undo commands only.
    void applyScenario(int index, const models::Scenario &scenario);
    void applyWorkspace(const models::Workspace &workspace, int currentIndex);

signals:
    /// Once per applied edit, undo, redo, selection or comparison change, after result() and
    /// resultAt() are current.
    void changed();
    void dirtyChanged(bool dirty);
    void filePathChanged(const QString &filePath);

private:
    void evaluateAll();
    void evaluateOne(int index);
    /// Resamples the frontiers when the fit's law differs from the sampled one.
    void updateFrontiers();
    void pushWorkspaceChange(const QString &text, const models::Workspace &next, int nextCurrent);
    [[nodiscard]] Comparison clamped(Comparison comparison) const;

    Evaluator m_evaluator;
    models::Workspace m_workspace;
    int m_currentIndex = -1;
    std::vector<std::shared_ptr<const models::ScenarioResult>> m_results;
    std::vector<std::shared_ptr<const models::ScenarioResult>> m_lastValid;
    std::vector<std::optional<models::Scenario>> m_lastValidScenario; ///< parallel to m_lastValid
    Comparison m_comparison;
    std::shared_ptr<const models::ScalingFrontiers> m_frontiers;
    std::optional<models::ChinchillaLaw> m_frontiersLaw; ///< the fit m_frontiers sampled
    QUndoStack *m_undoStack = nullptr;
    QString m_filePath;
    int m_nextGestureId = 1 << 20;
};

} // namespace scalescope::app
