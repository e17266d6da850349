#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/background_job.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "views/panels/search_view.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace scalescope;

class TestSearchView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_data = app::loadAppData(); }

    void searchRanksAndAppliesARowAsOneUndoStep() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data), {});
        views::SearchView view(&document, &m_data->catalog);
        view.run();
        QVERIFY(view.isRunning());
        view.job()->waitForIdle();
        QVERIFY(!view.isRunning());
        QVERIFY(view.result().has_value());
        const auto &result = *view.result();
        QVERIFY2(result.valid, result.error.c_str());
        QVERIFY(view.rowCount() > 0);
        QCOMPARE(view.rowCount(), static_cast<int>(result.top.size()));
        // Ranked by step time: the first row is the fastest of those shown.
        for (const auto &candidate : result.top)
            QVERIFY(result.top.front().metrics.stepSeconds <= candidate.metrics.stepSeconds);

        const models::Scenario before = document.current();
        QSignalSpy changed(&document, &app::ScenarioDocument::changed);
        view.applyRow(0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(document.current().parallelism, result.top.front().parallelism);
        QCOMPARE(document.undoStack()->count(), 1);
        // The applied layout evaluates to what the search reported.
        QVERIFY(document.result()->valid);
        QCOMPARE(document.result()->step.timeSeconds, result.top.front().metrics.stepSeconds);
        document.undoStack()->undo();
        QCOMPARE(document.current(), before);
    }

    void anEditCancelsARunningSearch() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data), {});
        views::SearchView view(&document, &m_data->catalog);
        view.run();
        models::Scenario next = document.current();
        next.hardware.numGpus *= 2;
        next.parallelism.dp *= 2;
        document.edit("GPUs", -1, next);
        QVERIFY(!view.isRunning());
        view.job()->waitForIdle();
        // The old run's answer is dropped.
        QVERIFY(!view.result().has_value());
    }

private:
    std::shared_ptr<const app::AppData> m_data;
};

QTEST_MAIN(TestSearchView)
#include "tst_search_view.moc"
