#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_fields.h"
#include "app/document/workspace_file.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"
#include "models/scenario/scenario_io.h"

#include <QFile>
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

    void scalingFitRoundTripsAndOldFilesStillLoad() {
        // The shipped workspace predates the fit: it loads without one.
        models::Workspace workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
        QVERIFY(!workspace.scalingFit);
        // Hoffmann's printed law counted in total parameters, with a two-budget band whose
        // numbers need all 17 digits to survive (1/3, 1e23 + 1 ulp-ish values).
        models::UserScalingFit fit;
        fit.law = models::hoffmannRoundedLaw();
        fit.law.parameterCounting = models::ParameterCounting::NonEmbedding;
        fit.source = "muennighoff2023_datablations_c4_runs.csv";
        fit.band = {{1e21, 1.0000000000000002e23}, {2.0 + 1.0 / 3.0, 2.1}, {2.5, 2.2 + 1.0 / 7.0}};
        workspace.scalingFit = fit;
        QTemporaryDir dir;
        const QString path = dir.filePath("fitted.json");
        app::writeWorkspaceFile(path, workspace, *m_data);
        const models::Workspace loaded = app::readWorkspaceFile(path, *m_data);
        QVERIFY(loaded.scalingFit);
        QCOMPARE(*loaded.scalingFit, fit);
        QCOMPARE(loaded, workspace);
        // `scalescope plan` and `search` parse first, then read the same way.
        QCOMPARE(models::readScenarioDocument(models::readJsonFile(path.toStdString()),
                                              path.toStdString(), m_data->presets, m_data->catalog),
                 workspace);

        // Without a fit nothing is written: the file is what older versions wrote.
        workspace.scalingFit.reset();
        app::writeWorkspaceFile(path, workspace, *m_data);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("scaling_fit"));
    }

    void badScalingFitNamesFileAndField() {
        models::Workspace workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
        workspace.scalingFit = models::UserScalingFit{models::epochLikelihoodLaw(), "x.csv", {}};
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.json");
        app::writeWorkspaceFile(path, workspace, *m_data);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        // alpha must be a positive number.
        const qsizetype at = text.indexOf("\"alpha\":");
        QVERIFY(at > 0);
        text.insert(at + 9, "-");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
        try {
            (void)app::readWorkspaceFile(path, *m_data);
            QFAIL("expected InputError");
        } catch (const models::InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), path);
            QCOMPARE(error.field(), std::string("/scaling_fit/law/alpha"));
        }
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
