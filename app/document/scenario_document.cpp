#include "app/document/scenario_document.h"

#include "app/document/scenario_commands.h"
#include "models/core/input_error.h"

#include <QUndoStack>

#include <algorithm>
#include <exception>

namespace scalescope::app {

namespace {

const models::Scenario &emptyScenario() {
    static const models::Scenario scenario;
    return scenario;
}

std::shared_ptr<const models::ScenarioResult> invalidResult(const models::Scenario &scenario,
                                                            std::string field, std::string reason) {
    auto result = std::make_shared<models::ScenarioResult>();
    result->name = scenario.name;
    result->valid = false;
    result->errorField = std::move(field);
    result->error = std::move(reason);
    return result;
}

QString uniqueName(const models::Workspace &workspace, const QString &wanted) {
    auto taken = [&](const QString &name) {
        return std::any_of(workspace.scenarios.begin(), workspace.scenarios.end(),
                           [&](const models::Scenario &s) { return s.name == name.toStdString(); });
    };
    if (!taken(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(wanted).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace

ScenarioDocument::ScenarioDocument(Evaluator evaluator, QObject *parent)
    : QObject(parent)
    , m_evaluator(std::move(evaluator))
    , m_undoStack(new QUndoStack(this)) {
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit dirtyChanged(!clean); });
    m_frontiers = std::make_shared<const models::ScalingFrontiers>(
        models::sampleScalingFrontiers(std::nullopt));
}

ScenarioDocument::~ScenarioDocument() = default;

const models::Scenario &ScenarioDocument::current() const {
    return m_currentIndex >= 0 ? m_workspace.scenarios[m_currentIndex] : emptyScenario();
}

const models::Scenario &ScenarioDocument::scenarioAt(int index) const {
    if (index < 0 || index >= count())
        return emptyScenario();
    return m_workspace.scenarios[index];
}

std::shared_ptr<const models::ScenarioResult> ScenarioDocument::result() const {
    return resultAt(m_currentIndex);
}

std::shared_ptr<const models::ScenarioResult> ScenarioDocument::resultAt(int index) const {
    if (index < 0 || index >= static_cast<int>(m_results.size()))
        return invalidResult(emptyScenario(), "", "no scenario");
    return m_results[index];
}

std::shared_ptr<const models::ScenarioResult> ScenarioDocument::lastValidResultAt(int index) const {
    if (index < 0 || index >= static_cast<int>(m_lastValid.size()))
        return nullptr;
    return m_lastValid[index];
}

const models::Scenario *ScenarioDocument::lastValidScenarioAt(int index) const {
    if (index < 0 || index >= static_cast<int>(m_lastValidScenario.size()) ||
        !m_lastValidScenario[index])
        return nullptr;
    return &*m_lastValidScenario[index];
}

std::shared_ptr<const models::ScenarioResult>
ScenarioDocument::evaluate(const models::Scenario &scenario) const {
    // The one place evaluation errors become data: views show the reason next to the knob.
    try {
        auto result = std::make_shared<models::ScenarioResult>(m_evaluator(scenario));
        if (result->name.empty())
            result->name = scenario.name;
        return result;
    } catch (const models::InputError &error) {
        return invalidResult(scenario, error.field(), error.reason());
    } catch (const std::exception &error) {
        return invalidResult(scenario, "", error.what());
    }
}

void ScenarioDocument::edit(const QString &undoText, int mergeId, const models::Scenario &next) {
    editAt(m_currentIndex, undoText, mergeId, next);
}

void ScenarioDocument::editAt(int index, const QString &undoText, int mergeId,
                              const models::Scenario &next) {
    if (index < 0 || index >= count() || m_workspace.scenarios[index] == next)
        return;
    m_undoStack->push(new ScenarioEditCommand(this, index, undoText, mergeId,
                                              m_workspace.scenarios[index], next));
}

void ScenarioDocument::pushWorkspaceChange(const QString &text, const models::Workspace &next,
                                           int nextCurrent) {
    if (next == m_workspace && nextCurrent == m_currentIndex)
        return;
    m_undoStack->push(
        new WorkspaceCommand(this, text, m_workspace, m_currentIndex, next, nextCurrent));
}

void ScenarioDocument::addScenario(const models::Scenario &scenario) {
    models::Workspace next = m_workspace;
    models::Scenario added = scenario;
    added.name = uniqueName(m_workspace, QString::fromStdString(scenario.name)).toStdString();
    next.scenarios.push_back(added);
    pushWorkspaceChange(tr("Add scenario"), next, static_cast<int>(next.scenarios.size()) - 1);
}

void ScenarioDocument::duplicateScenario(int index) {
    if (index < 0 || index >= count())
        return;
    models::Workspace next = m_workspace;
    models::Scenario copy = m_workspace.scenarios[index];
    copy.name = uniqueName(m_workspace, QString::fromStdString(copy.name)).toStdString();
    next.scenarios.insert(next.scenarios.begin() + index + 1, copy);
    pushWorkspaceChange(tr("Duplicate scenario"), next, index + 1);
}

void ScenarioDocument::renameScenario(int index, const QString &name) {
    const QString trimmed = name.trimmed();
    if (index < 0 || index >= count() || trimmed.isEmpty())
        return;
    models::Workspace next = m_workspace;
    next.scenarios[index].name = trimmed.toStdString();
    pushWorkspaceChange(tr("Rename scenario"), next, index);
}

void ScenarioDocument::moveScenario(int from, int to) {
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    models::Workspace next = m_workspace;
    const models::Scenario moved = next.scenarios[from];
    next.scenarios.erase(next.scenarios.begin() + from);
    next.scenarios.insert(next.scenarios.begin() + to, moved);
    pushWorkspaceChange(tr("Move scenario"), next, to);
}

bool ScenarioDocument::removeScenario(int index) {
    if (index < 0 || index >= count() || count() <= 1)
        return false;
    models::Workspace next = m_workspace;
    next.scenarios.erase(next.scenarios.begin() + index);
    pushWorkspaceChange(tr("Delete scenario"), next,
                        std::min(index, static_cast<int>(next.scenarios.size()) - 1));
    return true;
}

void ScenarioDocument::setScalingFit(const std::optional<models::UserScalingFit> &fit) {
    models::Workspace next = m_workspace;
    next.scalingFit = fit;
    pushWorkspaceChange(fit ? tr("Set scaling-law fit") : tr("Clear scaling-law fit"), next,
                        m_currentIndex);
}

void ScenarioDocument::setCurrentIndex(int index) {
    if (index < 0 || index >= count() || index == m_currentIndex)
        return;
    m_currentIndex = index;
    emit changed();
}

Comparison ScenarioDocument::clamped(Comparison comparison) const {
    const int last = std::max(0, count() - 1);
    comparison.a = std::clamp(comparison.a, 0, last);
    comparison.b = std::clamp(comparison.b, 0, last);
    if (count() < 2)
        comparison.enabled = false;
    return comparison;
}

void ScenarioDocument::setComparison(const Comparison &comparison) {
    const Comparison next = clamped(comparison);
    if (next == m_comparison)
        return;
    m_comparison = next;
    emit changed();
}

int ScenarioDocument::newGestureMergeId() {
    return m_nextGestureId++;
}

void ScenarioDocument::resetWorkspace(const models::Workspace &workspace, const QString &filePath) {
    m_undoStack->clear();
    m_workspace = workspace;
    m_currentIndex = workspace.scenarios.empty() ? -1 : 0;
    m_lastValid.clear();
    m_lastValidScenario.clear();
    evaluateAll();
    updateFrontiers();
    m_comparison = clamped(Comparison{m_comparison.enabled, 0, 1});
    m_undoStack->setClean();
    if (m_filePath != filePath) {
        m_filePath = filePath;
        emit filePathChanged(m_filePath);
    }
    emit dirtyChanged(false);
    emit changed();
}

void ScenarioDocument::markSaved(const QString &filePath) {
    m_undoStack->setClean();
    if (m_filePath != filePath) {
        m_filePath = filePath;
        emit filePathChanged(m_filePath);
    }
}

bool ScenarioDocument::isDirty() const {
    return !m_undoStack->isClean();
}

void ScenarioDocument::applyScenario(int index, const models::Scenario &scenario) {
    if (index < 0 || index >= count())
        return;
    m_workspace.scenarios[index] = scenario;
    m_currentIndex = index;
    evaluateOne(index);
    emit changed();
}

void ScenarioDocument::applyWorkspace(const models::Workspace &workspace, int currentIndex) {
    if (workspace.scenarios == m_workspace.scenarios) {
        // Only the title, notes or fit changed: the results stand.
        m_workspace = workspace;
        m_currentIndex = workspace.scenarios.empty()
                             ? -1
                             : std::clamp(currentIndex, 0, static_cast<int>(count()) - 1);
        updateFrontiers();
        emit changed();
        return;
    }
    // Results follow their scenarios by name so a reorder keeps each last valid result.
    std::vector<std::shared_ptr<const models::ScenarioResult>> previousValid = m_lastValid;
    std::vector<std::optional<models::Scenario>> previousValidScenario = m_lastValidScenario;
    const models::Workspace previous = m_workspace;
    m_workspace = workspace;
    m_currentIndex = workspace.scenarios.empty()
                         ? -1
                         : std::clamp(currentIndex, 0, static_cast<int>(count()) - 1);
    m_lastValid.assign(workspace.scenarios.size(), nullptr);
    m_lastValidScenario.assign(workspace.scenarios.size(), std::nullopt);
    for (std::size_t i = 0; i < workspace.scenarios.size(); ++i)
        for (std::size_t j = 0; j < previous.scenarios.size() && j < previousValid.size(); ++j)
            if (previous.scenarios[j].name == workspace.scenarios[i].name) {
                m_lastValid[i] = previousValid[j];
                m_lastValidScenario[i] = previousValidScenario[j];
            }
    evaluateAll();
    updateFrontiers();
    m_comparison = clamped(m_comparison);
    emit changed();
}

void ScenarioDocument::updateFrontiers() {
    std::optional<models::ChinchillaLaw> law;
    if (m_workspace.scalingFit)
        law = m_workspace.scalingFit->law;
    if (law == m_frontiersLaw)
        return;
    m_frontiersLaw = law;
    m_frontiers =
        std::make_shared<const models::ScalingFrontiers>(models::sampleScalingFrontiers(law));
}

void ScenarioDocument::evaluateAll() {
    m_results.assign(m_workspace.scenarios.size(), nullptr);
    m_lastValid.resize(m_workspace.scenarios.size());
    m_lastValidScenario.resize(m_workspace.scenarios.size());
    for (int i = 0; i < count(); ++i)
        evaluateOne(i);
}

void ScenarioDocument::evaluateOne(int index) {
    m_results.resize(m_workspace.scenarios.size());
    m_lastValid.resize(m_workspace.scenarios.size());
    m_lastValidScenario.resize(m_workspace.scenarios.size());
    m_results[index] = evaluate(m_workspace.scenarios[index]);
    if (m_results[index]->valid) {
        m_lastValid[index] = m_results[index];
        m_lastValidScenario[index] = m_workspace.scenarios[index];
    }
}

} // namespace scalescope::app
