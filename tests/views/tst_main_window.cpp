#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "toy_planner.h"
#include "views/panels/field_editor.h"
#include "views/panels/parameter_panel.h"
#include "views/panels/summary_strip.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/main_window.h"
#include "views/window/presentation_mode.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace scalescope;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        views::initResources();
        m_data = app::loadAppData();
    }

    void presentationStepsThroughScenariosAndViews() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(3), {});
        views::MainWindow window(m_data, &document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *presentation = window.presentation();
        auto *dock = window.findChild<QDockWidget *>("parameterDock");
        QVERIFY(dock->isVisible());

        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(presentation->isActive());
        QVERIFY(!dock->isVisible());
        QVERIFY(!window.menuBar()->isVisible());
        QCOMPARE(views::currentThemeKind(), views::ThemeKind::Presentation);
        QCOMPARE(document.currentIndex(), 0);

        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(document.currentIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Right);
        QTest::keyClick(&window, Qt::Key_Right); // the last slide stays
        QCOMPARE(document.currentIndex(), 2);
        QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(document.currentIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Down);
        QCOMPARE(window.views()->currentIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Up);
        QCOMPARE(window.views()->currentIndex(), 0);
        // Slides change the selection, never the workspace.
        QCOMPARE(document.undoStack()->count(), 0);

        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!presentation->isActive());
        QVERIFY(dock->isVisible());
        QCOMPARE(views::currentThemeKind(), views::ThemeKind::Light);
        // Outside presentation mode the arrows do not step slides.
        window.views()->currentWidget()->setFocus();
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(document.currentIndex(), 1);
    }

    void presentationInCompareModeStepsB() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(3), {});
        views::MainWindow window(m_data, &document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QVERIFY(document.comparison().enabled);
        QCOMPARE(document.comparison().a, 0);
        QCOMPARE(document.comparison().b, 1);
        window.presentation()->enter();
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(document.comparison().b, 2);
        QTest::keyClick(&window, Qt::Key_Right); // wraps past A
        QCOMPARE(document.comparison().b, 1);
        window.presentation()->leave();
        QVERIFY(window.summaryStrip()->tileText(3).contains("B÷A"));
    }

    void shortcutsDriveTheDocument() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(2), {});
        views::MainWindow window(m_data, &document);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.views()->currentIndex(), 2);
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(document.count(), 3);
        QCOMPARE(document.currentIndex(), 1);
        QVERIFY(window.isWindowModified());
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(document.count(), 2);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(document.count(), 3);
    }

    void saveThenOpenRoundTrips() {
        app::ScenarioDocument document(testing::toyEvaluate);
        const models::Workspace original =
            app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
        document.resetWorkspace(original, {});
        views::MainWindow window(m_data, &document);
        // Edit through the panel, as a user would.
        window.parameterPanel()->editor("/parallelism/micro_batch")->spinBox()->setValue(2);
        QVERIFY(document.isDirty());
        const models::Workspace edited = document.workspace();
        QCOMPARE(edited.scenarios[0].parallelism.microBatch, 2);

        QTemporaryDir dir;
        const QString path = dir.filePath("saved.json");
        QVERIFY(window.saveTo(path));
        QVERIFY(!document.isDirty());
        QCOMPARE(document.filePath(), path);
        QVERIFY(window.windowTitle().startsWith("saved.json"));

        document.resetWorkspace(original, {});
        QVERIFY(window.openFile(path));
        QCOMPARE(document.workspace(), edited);
        QVERIFY(!document.isDirty());
    }

    void badFileIsRefusedWithoutTouchingTheWorkspace_data() {
        QTest::addColumn<QByteArray>("content"); // "FIFO": a named pipe instead of a file
        QTest::addColumn<QString>("message");    // what the message box says after the path
        const QByteArray head = R"({"schema_version": 1, "kind": "workspace", "scenarios": [)";
        QTest::newRow("unknown preset")
            << head + R"({"name": "x", "model": {"preset": "no-such-model"},
            "hardware": {"system": "dgx-h100", "num_gpus": 8}}]})"
            << "/scenarios/0/model/preset: ";
        // These used to abort the GUI (an uncaught nlohmann exception, a stack overflow) or
        // hang it (a FIFO).
        QTest::newRow("1e400") << head + R"({"name": "x", "economics": {"pue": 1e400}}]})"
                               << "/scenarios/0/economics/pue: number out of range at line 1";
        QTest::newRow("duplicate key") << head + R"({"name": "x", "name": "y"}]})"
                                       << "/scenarios/0/name: duplicate key \"name\"";
        QByteArray deep = head + R"({"name": "x", "notes": )";
        for (int i = 0; i < 100000; ++i)
            deep += "[";
        QTest::newRow("100,000 levels") << deep << "/scenarios/0/notes";
        QTest::newRow("FIFO") << QByteArray("FIFO") << "is a FIFO (named pipe), not a regular file";
    }
    void badFileIsRefusedWithoutTouchingTheWorkspace() {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(2), {});
        views::MainWindow window(m_data, &document);
        const models::Workspace before = document.workspace();
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.json");
        if (content == "FIFO") {
            QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0);
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        // The error goes to a message box; read and close it as soon as it appears.
        QString shown;
        QTimer::singleShot(200, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->close();
            }
        });
        QVERIFY(!window.openFile(path));
        QCOMPARE(document.workspace(), before);
        QVERIFY2(shown.startsWith(path + ": " + message), qPrintable(shown));
    }

    // Ctrl+S onto a disk that fills up: the message names the OS reason, the file on disk is
    // the last good save, and the document stays dirty (nothing was saved).
    void saveToAFullDiskKeepsTheOldFile() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data), {});
        views::MainWindow window(m_data, &document);
        QTemporaryDir dir;
        const QString path = dir.filePath("saved.json");
        QVERIFY(window.saveTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        window.parameterPanel()->editor("/parallelism/micro_batch")->spinBox()->setValue(3);
        QVERIFY(document.isDirty());

        QString shown;
        QTimer::singleShot(200, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->close();
            }
        });
        bool saved = true;
        {
            rlimit usual{};
            QVERIFY(getrlimit(RLIMIT_FSIZE, &usual) == 0);
            const auto handler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
            rlimit limited = usual;
            limited.rlim_cur = 256; // far below the workspace's size
            QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);
            saved = window.saveTo(path);
            setrlimit(RLIMIT_FSIZE, &usual);
            std::signal(SIGXFSZ, handler);
        }
        QVERIFY(!saved);
        QCOMPARE(shown, path + ": cannot write: File too large");
        QVERIFY(document.isDirty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"saved.json"});
    }

private:
    std::shared_ptr<const app::AppData> m_data;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
