#include "app/document/scenario_document.h"
#include "models/core/input_error.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace scalescope;
using app::ScenarioDocument;

namespace {

/// A stand-in for the planner with formulas simple enough to check by hand:
///   weights per GPU = 2 bytes · 12·L·h² / (TP·PP)
/// and TP must divide the heads (the error the real planner reports for the same case).
models::ScenarioResult toyEvaluate(const models::Scenario &scenario) {
    const auto &p = scenario.parallelism;
    if (scenario.model.heads % p.tp != 0)
        throw models::InputError("", "/parallelism/tp", "TP does not divide the heads");
    models::ScenarioResult result;
    result.valid = true;
    result.parameters = 12.0 * scenario.model.layers * double(scenario.model.hidden) *
                        double(scenario.model.hidden);
    result.memory.weightsBytes = 2.0 * result.parameters / (p.tp * p.pp);
    return result;
}

models::Scenario scenario(const std::string &name, int layers = 32) {
    models::Scenario s;
    s.name = name;
    s.model.layers = layers;
    s.model.hidden = 4096;
    s.model.heads = 32;
    s.parallelism.tp = 8;
    return s;
}

models::Workspace workspace(int n) {
    models::Workspace w;
    for (int i = 0; i < n; ++i)
        w.scenarios.push_back(scenario(QStringLiteral("S%1").arg(i + 1).toStdString(), 32 + i));
    return w;
}

} // namespace

class TestScenarioDocument : public QObject {
    Q_OBJECT
private slots:
    void editEvaluatesOnceAndEmitsOnce() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(2), {});
        QSignalSpy spy(&document, &ScenarioDocument::changed);
        models::Scenario next = document.current();
        next.parallelism.tp = 4;
        document.edit("TP", -1, next);
        QCOMPARE(spy.count(), 1);
        // 12·32·4096² = 6.442e9 params; 2 B each over TP 4 = 3.221e9 B.
        QCOMPARE(document.result()->memory.weightsBytes, 2.0 * 12.0 * 32 * 4096.0 * 4096.0 / 4);
        QVERIFY(document.isDirty());
    }

    void sameScenarioIsNoOp() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        QSignalSpy spy(&document, &ScenarioDocument::changed);
        document.edit("nothing", -1, document.current());
        QCOMPARE(spy.count(), 0);
        QCOMPARE(document.undoStack()->count(), 0);
        QVERIFY(!document.isDirty());
    }

    void dragMergesIntoOneStep_data() {
        QTest::addColumn<int>("mergeId");
        QTest::addColumn<int>("expectedSteps");
        QTest::newRow("same gesture merges") << 7 << 1;
        QTest::newRow("no merge id keeps each step") << -1 << 3;
    }
    void dragMergesIntoOneStep() {
        QFETCH(int, mergeId);
        QFETCH(int, expectedSteps);
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        const models::Scenario original = document.current();
        for (int pp : {2, 4, 8}) {
            models::Scenario next = document.current();
            next.parallelism.pp = pp;
            document.edit("PP", mergeId, next);
        }
        QCOMPARE(document.undoStack()->count(), expectedSteps);
        QCOMPARE(document.current().parallelism.pp, 8);
        while (document.undoStack()->canUndo())
            document.undoStack()->undo();
        QCOMPARE(document.current(), original);
        QVERIFY(!document.isDirty());
    }

    void dragBackToStartLeavesNothingToUndo() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        const int gesture = document.newGestureMergeId();
        for (int pp : {2, 1}) {
            models::Scenario next = document.current();
            next.parallelism.pp = pp;
            document.edit("PP", gesture, next);
        }
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void separateGesturesStaySeparate() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        for (int pp : {2, 4}) {
            const int gesture = document.newGestureMergeId();
            models::Scenario next = document.current();
            next.parallelism.pp = pp;
            document.edit("PP", gesture, next);
        }
        QCOMPARE(document.undoStack()->count(), 2);
    }

    void invalidInputKeepsLastValidResult() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        const auto valid = document.result();
        models::Scenario next = document.current();
        next.parallelism.tp = 3; // 32 heads are not divisible by 3
        document.edit("TP", -1, next);
        QVERIFY(!document.result()->valid);
        QCOMPARE(document.result()->errorField, std::string("/parallelism/tp"));
        QCOMPARE(document.result()->error, std::string("TP does not divide the heads"));
        QCOMPARE(document.lastValidResultAt(0), valid);
        // ... and the inputs it came from (TP 8), for views that re-evaluate variants.
        QVERIFY(document.lastValidScenarioAt(0));
        QCOMPARE(document.lastValidScenarioAt(0)->parallelism.tp, 8);
    }

    void structuralCommandsUndo_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QStringList>("namesAfter");
        QTest::addColumn<int>("currentAfter");
        QTest::newRow("add") << "add" << QStringList{"S1", "S2", "S3", "New"} << 3;
        QTest::newRow("duplicate") << "duplicate" << QStringList{"S1", "S2", "S2 (2)", "S3"} << 2;
        QTest::newRow("rename") << "rename" << QStringList{"S1", "Hopper", "S3"} << 1;
        QTest::newRow("move") << "move" << QStringList{"S2", "S3", "S1"} << 2;
        QTest::newRow("delete") << "delete" << QStringList{"S1", "S3"} << 1;
    }
    void structuralCommandsUndo() {
        QFETCH(QString, operation);
        QFETCH(QStringList, namesAfter);
        QFETCH(int, currentAfter);
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(3), {});
        const models::Workspace before = document.workspace();
        QSignalSpy spy(&document, &ScenarioDocument::changed);
        if (operation == "add")
            document.addScenario(scenario("New"));
        else if (operation == "duplicate")
            document.duplicateScenario(1);
        else if (operation == "rename")
            document.renameScenario(1, "  Hopper ");
        else if (operation == "move")
            document.moveScenario(0, 2);
        else if (operation == "delete")
            QVERIFY(document.removeScenario(1));
        QCOMPARE(spy.count(), 1);
        QStringList names;
        for (const auto &s : document.workspace().scenarios)
            names << QString::fromStdString(s.name);
        QCOMPARE(names, namesAfter);
        QCOMPARE(document.currentIndex(), currentAfter);
        QCOMPARE(document.count(), static_cast<int>(document.workspace().scenarios.size()));
        for (int i = 0; i < document.count(); ++i)
            QCOMPARE(document.resultAt(i)->parameters,
                     12.0 * document.scenarioAt(i).model.layers * 4096.0 * 4096.0);
        document.undoStack()->undo();
        QCOMPARE(document.workspace(), before);
        QCOMPARE(spy.count(), 2);
    }

    void lastScenarioCannotBeDeleted() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), {});
        QVERIFY(!document.removeScenario(0));
        QCOMPARE(document.count(), 1);
    }

    void editAtSelectsTheEditedScenario() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(3), {});
        models::Scenario next = document.scenarioAt(2);
        next.model.layers = 80;
        document.editAt(2, "layers", -1, next);
        QCOMPARE(document.currentIndex(), 2);
        document.setCurrentIndex(0);
        document.undoStack()->undo();
        // Undo shows the scenario it changed.
        QCOMPARE(document.currentIndex(), 2);
        QCOMPARE(document.current().model.layers, 34);
    }

    void comparisonIsClampedViewState() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(2), {});
        QSignalSpy spy(&document, &ScenarioDocument::changed);
        document.setComparison({true, 0, 5});
        QCOMPARE(spy.count(), 1);
        QCOMPARE(document.comparison().b, 1);
        QVERIFY(!document.isDirty());
        document.removeScenario(1);
        QVERIFY(!document.comparison().enabled);
    }

    void markSavedClearsDirty() {
        ScenarioDocument document(toyEvaluate);
        document.resetWorkspace(workspace(1), "a.json");
        QSignalSpy dirty(&document, &ScenarioDocument::dirtyChanged);
        models::Scenario next = document.current();
        next.parallelism.pp = 2;
        document.edit("PP", -1, next);
        QCOMPARE(dirty.count(), 1);
        QVERIFY(dirty.last().first().toBool());
        document.markSaved("b.json");
        QVERIFY(!document.isDirty());
        QCOMPARE(document.filePath(), QString("b.json"));
    }

    void scalingFitIsAnUndoableWorkspaceChange() {
        int evaluations = 0;
        ScenarioDocument document([&](const models::Scenario &s) {
            ++evaluations;
            return toyEvaluate(s);
        });
        document.resetWorkspace(workspace(2), {});
        QCOMPARE(evaluations, 2);
        QVERIFY(!document.scalingFit());
        // Without a fit the frontiers hold the published laws only, on 201 budgets
        // 10^12 ... 10^32 FLOP.
        auto frontiers = document.scalingFrontiers();
        QCOMPARE(frontiers->log10Compute.size(), std::size_t(201));
        QVERIFY(frontiers->fit.empty());

        // A law with alpha = beta = 0.5, A = B = 1, E = 1: N_opt = D_opt = sqrt(C/6), so
        // L_opt(C) = 1 + 2 (C/6)^-1/4; at C = 6e12 that is 1 + 2 x 1e-3 = 1.002.
        models::ChinchillaLaw law;
        law.id = "fit";
        law.E = 1.0;
        law.A = 1.0;
        law.B = 1.0;
        law.alpha = 0.5;
        law.beta = 0.5;
        const models::UserScalingFit fit{law, "runs.csv", {}};
        QSignalSpy spy(&document, &ScenarioDocument::changed);
        document.setScalingFit(fit);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(*document.scalingFit(), fit);
        QVERIFY(document.isDirty());
        QCOMPARE(document.workspace().scalingFit, std::optional(fit));
        // The scenarios did not change: nothing was re-evaluated.
        QCOMPARE(evaluations, 2);
        frontiers = document.scalingFrontiers();
        QCOMPARE(frontiers->fit.size(), std::size_t(201));
        // Sample 7 is log10 C = 12.7; check C = 6e12 through the law at the nearest sample by
        // the closed form instead: L = 1 + 2 (10^12.7 / 6)^-1/4.
        QCOMPARE(frontiers->log10Compute[7], 12.7);
        QVERIFY(std::fabs(frontiers->fit[7] -
                          (1.0 + 2.0 * std::pow(std::pow(10.0, 12.7) / 6.0, -0.25))) < 1e-12);
        QVERIFY(std::fabs(law.computeOptimal(6e12).loss - 1.002) < 1e-12);

        document.undoStack()->undo();
        QCOMPARE(spy.count(), 2);
        QVERIFY(!document.scalingFit());
        QVERIFY(document.scalingFrontiers()->fit.empty());
        QVERIFY(!document.isDirty());
        document.undoStack()->redo();
        QCOMPARE(*document.scalingFit(), fit);
        document.setScalingFit(std::nullopt);
        QVERIFY(!document.scalingFit());
        QCOMPARE(document.undoStack()->count(), 2);
        QCOMPARE(evaluations, 2);
    }

    void evaluatorExceptionsNeverEscape() {
        ScenarioDocument document([](const models::Scenario &) -> models::ScenarioResult {
            throw std::runtime_error("planner exploded");
        });
        document.resetWorkspace(workspace(1), {});
        QVERIFY(!document.result()->valid);
        QCOMPARE(document.result()->error, std::string("planner exploded"));
        QVERIFY(document.lastValidResultAt(0) == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestScenarioDocument)
#include "tst_scenario_document.moc"
