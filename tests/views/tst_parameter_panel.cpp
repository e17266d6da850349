#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "toy_planner.h"
#include "views/charts/memory_chart.h"
#include "views/panels/field_editor.h"
#include "views/panels/parameter_panel.h"
#include "views/style/resources.h"

#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

using namespace scalescope;
using views::MemoryTerm;

namespace {
app::FieldMetadata shippedFields() {
    return app::FieldMetadata::load(QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) + "/ui/fields.json");
}
} // namespace

class TestParameterPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { views::initResources(); }

    void spinBoxEditUpdatesMemoryChartWithOneChanged_data() {
        QTest::addColumn<int>("tp");
        QTest::addColumn<double>("weightsGib");
        // P = 12·32·4096² = 6,442,450,944; weights = 2 B · P / (TP · PP 4), in GiB (2^30 B).
        QTest::newRow("tp 4") << 4 << 2.0 * 6442450944.0 / 16 / 1073741824.0;
        QTest::newRow("tp 2") << 2 << 2.0 * 6442450944.0 / 8 / 1073741824.0;
    }
    void spinBoxEditUpdatesMemoryChartWithOneChanged() {
        QFETCH(int, tp);
        QFETCH(double, weightsGib);
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        views::MemoryChart chart(&document);
        chart.refreshNow();
        // Before: TP 8 → 2·P/32 = 0.375 GiB... exactly 6442450944·2/32/2^30 = 0.375 GiB.
        QCOMPARE(chart.plottedGib(MemoryTerm::Weights, 0), 0.375);
        QCOMPARE(chart.barCount(), 4); // one bar per pipeline stage

        QSignalSpy changed(&document, &app::ScenarioDocument::changed);
        auto *spin = panel.editor("/parallelism/tp")->spinBox();
        QVERIFY(spin);
        spin->setValue(tp);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(document.current().parallelism.tp, tp);
        // DP follows: 64 GPUs / (TP · PP 4).
        QCOMPARE(document.current().parallelism.dp, 64 / (tp * 4));
        chart.refreshNow();
        QCOMPARE(chart.plottedGib(MemoryTerm::Weights, 0), weightsGib);
        QCOMPARE(document.undoStack()->count(), 1);
    }

    void stepSpinBoxWalksPowersOfTwo() {
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        auto *spin = panel.editor("/parallelism/tp")->spinBox();
        spin->stepBy(1);
        QCOMPARE(document.current().parallelism.tp, 16);
        spin->stepBy(-2);
        QCOMPARE(document.current().parallelism.tp, 4);
    }

    void headDimZeroReadsAuto() {
        // head_dim 0 means hidden / heads: the box says so instead of showing "0", and a real
        // width still shows as a number.
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        auto *spin = qobject_cast<QSpinBox *>(panel.editor("/model/head_dim")->spinBox());
        QVERIFY(spin);
        QCOMPARE(document.current().model.headDim, 0);
        QCOMPARE(spin->text(), QString("auto (hidden ÷ heads)"));
        spin->setValue(128);
        QCOMPARE(document.current().model.headDim, 128);
        QCOMPARE(spin->text(), QString("128"));
    }

    void sliderDragIsOneUndoStepAndUndoRestoresWidgets() {
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        auto *editor = panel.editor("/hardware/num_gpus");
        QSlider *slider = editor->slider();
        QVERIFY(slider);
        QSignalSpy changed(&document, &app::ScenarioDocument::changed);
        const int start = slider->value();
        slider->setSliderDown(true); // the user presses the handle ...
        for (int step = 1; step <= 4; ++step)
            slider->setValue(start + step); // ... and drags through four GPU counts
        slider->setSliderDown(false);
        QCOMPARE(changed.count(), 4);
        QCOMPARE(document.undoStack()->count(), 1);
        // 64 → four steps up the 2^k / 3·2^k ladder: 96, 128, 192, 256.
        QCOMPARE(document.current().hardware.numGpus, 256);
        QCOMPARE(editor->spinBox()->value(), 256);

        document.undoStack()->undo();
        QCOMPARE(document.current().hardware.numGpus, 64);
        QCOMPARE(editor->spinBox()->value(), 64);
        QCOMPARE(slider->value(), start);
        QCOMPARE(panel.editor("/parallelism/dp")->spinBox()->value(), 2);
        QVERIFY(!document.isDirty());
    }

    void twoDragsAreTwoSteps() {
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        QSlider *slider = panel.editor("/hardware/num_gpus")->slider();
        for (int drag = 0; drag < 2; ++drag) {
            slider->setSliderDown(true);
            slider->setValue(slider->value() + 1);
            slider->setValue(slider->value() + 1);
            slider->setSliderDown(false);
            emit slider->sliderReleased();
        }
        QCOMPARE(document.undoStack()->count(), 2);
    }

    void invalidValueShowsReasonInlineAndGreysViews() {
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::ParameterPanel panel(&document, fields, {});
        views::MemoryChart chart(&document);
        chart.refreshNow();
        panel.editor("/parallelism/tp")->spinBox()->setValue(3); // 32 heads, TP 3
        QCOMPARE(panel.editor("/parallelism/tp")->error(), QString("TP does not divide the heads"));
        QCOMPARE(panel.editor("/parallelism/pp")->error(), QString());
        chart.refreshNow();
        QVERIFY(chart.isStale());
        // The chart keeps the last valid result (TP 8).
        QCOMPARE(chart.plottedGib(MemoryTerm::Weights, 0), 0.375);
        panel.editor("/parallelism/tp")->spinBox()->setValue(4);
        QCOMPARE(panel.editor("/parallelism/tp")->error(), QString());
        chart.refreshNow();
        QVERIFY(!chart.isStale());
    }

    void realPlannerErrorsAppearNextToTheirKnob_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("errorKey");
        QTest::addColumn<QString>("mentions");
        // Llama 3 70B: 64 heads, 80 layers; the default workspace runs PP 4 x VPP 5.
        QTest::newRow("tp 3 vs 64 heads") << "/parallelism/tp" << 3 << "/parallelism/tp"
                                          << "64";
        QTest::newRow("pp 3 vs 80 layers, vpp 5") << "/parallelism/pp" << 3 << "/parallelism/vpp"
                                                  << "80";
    }
    void realPlannerErrorsAppearNextToTheirKnob() {
        QFETCH(QString, key);
        QFETCH(int, value);
        QFETCH(QString, errorKey);
        QFETCH(QString, mentions);
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        views::ParameterPanel panel(&document, data->fields, data->fieldContext());
        panel.editor(key)->spinBox()->setValue(value);
        QVERIFY(!document.result()->valid);
        const QString error = panel.editor(errorKey)->error();
        QVERIFY2(error.contains(mentions), qPrintable(error));
        // Shown without the field name the planner prefixes, and nowhere else.
        QVERIFY(!error.startsWith("/"));
        QVERIFY(panel.bannerText().isEmpty());
        document.undoStack()->undo();
        QVERIFY(document.result()->valid);
        QCOMPARE(panel.editor(errorKey)->error(), QString());
    }

    void everyProblemAppearsUnderItsKnob() {
        // Llama 3 70B (64 heads, 8 KV heads, FFN 28,672) on 64 GPUs at TP 8 × PP 4 × DP 2. TP 3
        // breaks three TP rules, and as 64 is no multiple of 3 × 4 DP stays 2, so the GPU
        // product 3 × 4 × 2 × 1 = 24 ≠ 64 is a second problem on the DP knob: both show at once.
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        views::ParameterPanel panel(&document, data->fields, data->fieldContext());
        panel.editor("/parallelism/tp")->spinBox()->setValue(3);
        QVERIFY(!document.result()->valid);
        const QStringList tp = panel.editor("/parallelism/tp")->error().split('\n');
        QCOMPARE(tp.size(), 3);
        QCOMPARE(tp[0], QString("tp (3) must divide the attention heads (64)"));
        QVERIFY2(tp[1].startsWith("tp (3) and kv_heads (8) must divide one another"),
                 qPrintable(tp[1]));
        QCOMPARE(tp[2], QString("tp (3) must divide the FFN width (28672)"));
        QCOMPARE(panel.editor("/parallelism/dp")->error(),
                 QString("tp × pp × dp × cp = 3 × 4 × 2 × 1 = 24 must equal "
                         "hardware.num_gpus (64)"));
        QCOMPARE(panel.editor("/parallelism/pp")->error(), QString());
        QVERIFY(panel.bannerText().isEmpty());
    }

    void resyncDoesNotEchoEdits() {
        const auto fields = shippedFields();
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(2), {});
        views::ParameterPanel panel(&document, fields, {});
        document.setCurrentIndex(1);
        QCOMPARE(panel.editor("/model/layers")->spinBox()->value(), 40);
        QCOMPARE(document.undoStack()->count(), 0);
    }
};

QTEST_MAIN(TestParameterPanel)
#include "tst_parameter_panel.moc"
