// Issue 12, defects 2, 4 and 6: the Parameters dock never edits by accident (mouse wheel over
// an unfocused field), edits the scenario it shows in compare mode, and the keyboard undo/redo
// shortcuts reach the document, also from inside a focused spin box.

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "toy_planner.h"
#include "views/panels/field_editor.h"
#include "views/panels/parameter_panel.h"
#include "views/style/resources.h"
#include "views/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

using namespace scalescope;

namespace {

/// One notch of the mouse wheel (120 eighths of a degree) over the middle of `target`.
void wheel(QWidget *target, int delta) {
    const QPointF local = QRectF(target->rect()).center();
    QWheelEvent event(local, target->mapToGlobal(local), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &event);
}

/// The input widgets of one field editor (spin box, combo box, slider).
QList<QWidget *> inputsOf(const views::FieldEditor *editor) {
    QList<QWidget *> inputs;
    for (QWidget *input :
         {static_cast<QWidget *>(editor->spinBox()),
          static_cast<QWidget *>(editor->doubleSpinBox()),
          static_cast<QWidget *>(editor->comboBox()), static_cast<QWidget *>(editor->slider())})
        if (input != nullptr)
            inputs << input;
    return inputs;
}

} // namespace

class TestParameterInput : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        views::initResources();
        m_data = app::loadAppData();
        m_workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
    }

    void wheelOverUnfocusedFieldsScrollsInsteadOfEditing() {
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        views::MainWindow window(m_data, &document);
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *panel = window.parameterPanel();
        for (const auto &group : m_data->fields.groups)
            panel->setGroupExpanded(group.id, true);
        auto *scroll = panel->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const models::Workspace before = document.workspace();

        int inputs = 0;
        int combos = 0;
        bool scrolled = false;
        for (auto *editor : panel->findChildren<views::FieldEditor *>()) {
            for (QWidget *input : inputsOf(editor)) {
                scroll->ensureWidgetVisible(input);
                for (int delta : {-120, 120, 120, -120}) {
                    const int position = scroll->verticalScrollBar()->value();
                    wheel(input, delta);
                    scrolled = scrolled || scroll->verticalScrollBar()->value() != position;
                }
                ++inputs;
                combos += qobject_cast<QComboBox *>(input) != nullptr;
            }
        }
        // The system (GB200 → Vera Rubin) and model pickers, TP, PP, the GPU slider, ...
        QVERIFY2(inputs >= 20, qPrintable(QString::number(inputs)));
        QVERIFY(combos >= 2);
        QCOMPARE(document.workspace(), before);
        QCOMPARE(document.undoStack()->count(), 0);
        // The wheel went to the dock: it scrolled.
        QVERIFY(scrolled);

        // A field the user clicked into (focus) does take the wheel: the guard is not a wall.
        QApplication::setActiveWindow(&window);
        auto *pp = panel->editor("/parallelism/pp")->spinBox();
        scroll->ensureWidgetVisible(pp);
        pp->setFocus();
        QTRY_VERIFY(pp->hasFocus());
        const int ppBefore = document.current().parallelism.pp;
        wheel(pp, 120);
        QVERIFY(document.current().parallelism.pp != ppBefore);
        QCOMPARE(document.undoStack()->count(), 1);
    }

    void undoRedoAndSaveAsShortcuts() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(2), {});
        views::MainWindow window(m_data, &document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // No key sequence is bound twice: Qt would call it ambiguous and fire neither.
        QHash<QString, int> bound;
        for (auto *action : window.findChildren<QAction *>())
            for (const QKeySequence &key : action->shortcuts())
                ++bound[key.toString()];
        for (auto it = bound.cbegin(); it != bound.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        QVERIFY(bound.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S).toString()));

        window.views()->currentWidget()->setFocus();
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier); // duplicate: 3 scenarios
        QCOMPARE(document.count(), 3);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document.count(), 2);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(document.count(), 3);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document.count(), 2);
        QTest::keyClick(&window, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(document.count(), 3);
    }

    void undoInsideAFocusedSpinBoxUndoesTheDocumentEdit() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::MainWindow window(m_data, &document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        auto *spin = window.parameterPanel()->editor("/parallelism/micro_batch")->spinBox();
        spin->setFocus();
        QTRY_VERIFY(spin->hasFocus());
        const int original = document.current().parallelism.microBatch;
        const int typed = original == 3 ? 5 : 3;
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(typed));
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(document.current().parallelism.microBatch, typed);
        QCOMPARE(document.undoStack()->count(), 1);

        QTest::keyClick(spin, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document.current().parallelism.microBatch, original);
        QCOMPARE(spin->value(), original);
        QTest::keyClick(spin, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(document.current().parallelism.microBatch, typed);
    }

    void compareModeEditsTheScenarioItShows() {
        const auto fields = app::FieldMetadata::load(QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) +
                                                     "/ui/fields.json");
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(5), {});
        views::ParameterPanel panel(&document, fields, {});
        document.setCurrentIndex(0);
        document.setComparison({true, 3, 4}); // the case: A = scenario 4, B = scenario 5
        QCOMPARE(panel.editedIndex(), 3);
        QVERIFY(panel.editedCaption().startsWith("A · Scenario 4"));
        auto *layers = panel.editor("/model/layers")->spinBox();
        // toyWorkspace gives scenario i (from 0) 32 + 8 i layers: A shows 56, not scenario 1's 32.
        QCOMPARE(layers->value(), 56);

        layers->setValue(60);
        QCOMPARE(document.scenarioAt(3).model.layers, 60);
        QCOMPARE(document.scenarioAt(0).model.layers, 32);
        QCOMPARE(document.scenarioAt(4).model.layers, 64);

        panel.setEditedSlot(1);
        QVERIFY(panel.editedCaption().startsWith("B · Scenario 5"));
        QCOMPARE(layers->value(), 64);
        layers->setValue(72);
        QCOMPARE(document.scenarioAt(4).model.layers, 72);
        QCOMPARE(document.scenarioAt(3).model.layers, 60);
        // Still comparing the same two scenarios.
        QCOMPARE(document.comparison(), (app::Comparison{true, 3, 4}));

        document.setComparison({false, 3, 4});
        QVERIFY(panel.editedCaption().isEmpty());
        QCOMPARE(panel.editedIndex(), document.currentIndex());
        QCOMPARE(layers->value(), document.current().model.layers);
    }

private:
    std::shared_ptr<const app::AppData> m_data;
    models::Workspace m_workspace;
};

QTEST_MAIN(TestParameterInput)
#include "tst_parameter_input.moc"
