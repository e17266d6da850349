#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_fields.h"
#include "app/document/workspace_file.h"
#include "models/core/input_error.h"
#include "models/scenario/scenario_io.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace scalescope;

class TestWorkspaceFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_data = app::loadAppData(); }

    void saveThenLoadRoundTrips() {
        models::Workspace workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
        QVERIFY(workspace.scenarios.size() >= 2);
        // Edits a user makes in the panel: an overridden shape field, a layout, economics.
        const auto context = m_data->fieldContext();
        for (const auto &[index, key, value] : {std::tuple{0, "/model/seq_len", 4096.0},
                                                std::tuple{1, "/parallelism/micro_batch", 2.0},
                                                std::tuple{1, "/economics/usd_per_gpu_hour", 3.75}})
            QVERIFY(app::setFieldValue(workspace.scenarios[index], *m_data->fields.find(key), value,
                                       context));
        // A preset with an overridden field is a variant of it (no longer the preset's id), as
        // the loader reads it; the preset it started from is kept.
        QVERIFY(workspace.scenarios[0].model.id.empty());
        QCOMPARE(workspace.scenarios[0].modelPreset, std::string("llama3-70b"));
        QTemporaryDir dir;
        const QString path = dir.filePath("saved.json");
        app::writeWorkspaceFile(path, workspace, *m_data);
        QCOMPARE(app::readWorkspaceFile(path, *m_data), workspace);
    }

    void missingFileNamesIt() {
        try {
            (void)app::readWorkspaceFile("/no/such/workspace.json", *m_data);
            QFAIL("expected InputError");
        } catch (const models::InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), QString("/no/such/workspace.json"));
        }
    }

    void panelChoicesAreAcceptedByTheScenarioFormat() {
        // The recipes the panel offers are the ones scenario files accept.
        const auto *recipe = m_data->fields.find("/training/optimizer_recipe");
        QVERIFY(recipe);
        const auto &accepted = models::optimizerRecipes();
        for (const auto &option : recipe->options)
            QVERIFY2(std::find(accepted.begin(), accepted.end(), option.value.toStdString()) !=
                         accepted.end(),
                     qPrintable(option.value));
        // Every preset and hardware default resolves against the shipped data.
        const auto scenario = app::defaultScenario(m_data->fields, m_data->fieldContext());
        QVERIFY(!scenario.modelPreset.empty());
        QVERIFY(m_data->presets.find(scenario.modelPreset) != nullptr);
        QVERIFY(m_data->catalog.findSystem(scenario.hardware.systemId) != nullptr);
        QCOMPARE(scenario.model.layers, m_data->presets.find(scenario.modelPreset)->layers);
    }

private:
    std::shared_ptr<const app::AppData> m_data;
};

QTEST_GUILESS_MAIN(TestWorkspaceFile)
#include "tst_workspace_file.moc"
