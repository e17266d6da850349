#include "app/document/background_job.h"
#include "app/document/scenario_document.h"
#include "toy_planner.h"
#include "views/panels/fit_panel.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace scalescope;

namespace {

QString dataset() {
    return QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) +
           "/scaling/muennighoff2023_datablations_c4_runs.csv";
}

} // namespace

class TestFitPanel : public QObject {
    Q_OBJECT
private slots:
    void guiFitMatchesTheCommandLineFit() {
        app::ScenarioDocument document(testing::toyEvaluate);
        QSignalSpy changed(&document, &app::ScenarioDocument::changed);
        views::FitPanel panel(&document);
        QVERIFY(panel.loadFile(dataset()));
        panel.setLaw("chinchilla");
        panel.fit();
        panel.job()->waitForIdle();
        QVERIFY2(panel.outcome().has_value(), qPrintable(panel.errorText()));
        const auto &fit = *panel.outcome()->chinchilla;
        QCOMPARE(static_cast<int>(panel.outcome()->dataset.points.size()), 182);
        QCOMPARE(panel.residualPoints().size(), 182);

        // The same data through `scalescope fit --json`: the executable runs the same pipeline
        // (runScalingFit), so this checks the panel hands it the same request the CLI builds.
        QProcess process;
        process.start(SCALESCOPE_BINARY,
                      {"fit", dataset(), "--loss-column", "c4_val_loss", "--json"});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        const QJsonObject params =
            QJsonDocument::fromJson(process.readAllStandardOutput()).object()["params"].toObject();
        for (const auto &[name, value] :
             {std::pair{"E", fit.law.E}, std::pair{"A", fit.law.A}, std::pair{"B", fit.law.B},
              std::pair{"alpha", fit.law.alpha}, std::pair{"beta", fit.law.beta}})
            QVERIFY2(std::fabs(params[name].toDouble() - value) <= 1e-9 * std::fabs(value) + 1e-12,
                     name);
        // Handed to the document: one undoable step, announced by one changed().
        QCOMPARE(changed.count(), 1);
        QVERIFY(document.scalingFit());
        QCOMPARE(document.scalingFit()->law.alpha, fit.law.alpha);
        QCOMPARE(document.scalingFit()->source,
                 std::string("muennighoff2023_datablations_c4_runs.csv"));
        QVERIFY(document.isDirty());
        document.undoStack()->undo();
        QVERIFY(!document.scalingFit());
        QCOMPARE(changed.count(), 2);
        // Residuals are observed minus fitted: they straddle zero.
        int above = 0;
        for (const QPointF &point : panel.residualPoints())
            above += point.y() > 0.0;
        QVERIFY(above > 0 && above < 182);
    }

    void tiedFitOfTheIsoflopPoints() {
        // Muennighoff's C4 base law (docs/reference/FITS.md M1, α = β = 0.3526596, E = 1.8691) from
        // the shipped 54 IsoFLOP points, chosen through the law menu as a user would.
        views::FitPanel panel(nullptr);
        QVERIFY(panel.loadFile(QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) +
                               "/scaling/muennighoff2023_chinchilla_c4_isoflops.csv"));
        panel.setLaw("chinchilla-tied");
        panel.fit();
        panel.job()->waitForIdle();
        QVERIFY2(panel.outcome().has_value(), qPrintable(panel.errorText()));
        const auto &fit = *panel.outcome()->chinchilla;
        QCOMPARE(fit.starts, 400);
        QCOMPARE(fit.law.alpha, fit.law.beta);
        QVERIFY2(std::fabs(fit.law.alpha - 0.3526596) < 5e-4,
                 qPrintable(QString::number(fit.law.alpha)));
        QVERIFY(std::fabs(fit.law.E - 1.8691) < 2e-3);
        QCOMPARE(panel.residualPoints().size(), 54);
    }

    void kaplanFitOfParameters() {
        views::FitPanel panel(nullptr);
        QVERIFY(panel.loadFile(dataset()));
        panel.setLaw("kaplan-n");
        panel.fit();
        panel.job()->waitForIdle();
        QVERIFY2(panel.outcome() && panel.outcome()->power, qPrintable(panel.errorText()));
        // Loss falls with size: a positive exponent alpha_N = -exponent.
        QVERIFY(panel.outcome()->power->law.exponent < 0.0);
    }

    void bootstrapCanBeCancelled() {
        views::FitPanel panel(nullptr);
        QVERIFY(panel.loadFile(dataset()));
        panel.setBootstrap(10000);
        // Cancel as soon as the bootstrap (the last 70% of the progress) has begun.
        connect(panel.job(), &app::BackgroundJob::progressed, &panel, [&panel](double fraction) {
            if (fraction > 0.31)
                panel.job()->cancel();
        });
        panel.fit();
        QVERIFY(panel.job()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.job()->isRunning(), 60000);
        QVERIFY(panel.outcome().has_value());
        const auto &outcome = *panel.outcome();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.bootstrap.has_value());
        QVERIFY(outcome.bootstrap->completed < 10000);
    }

    void badCsvNamesTheFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("runs.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("params,tokens,loss\n1e9,2e10,2.5\n2e9,abc,2.4\n");
        file.close();
        views::FitPanel panel(nullptr);
        QVERIFY(panel.loadFile(path));
        panel.fit();
        panel.job()->waitForIdle();
        QVERIFY(!panel.outcome());
        QVERIFY2(panel.errorText().contains(path) && panel.errorText().contains("line 3"),
                 qPrintable(panel.errorText()));
    }
};

QTEST_MAIN(TestFitPanel)
#include "tst_fit_panel.moc"
