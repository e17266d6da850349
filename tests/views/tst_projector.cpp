// Issue 12, defect 1: the main window and presentation mode fit 1280×720 and 1920×1080
// projectors, single and compare. The offscreen platform gets two screens of exactly those
// sizes (see main() below), and the window is put on each in turn.

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "views/panels/summary_strip.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/main_window.h"
#include "views/window/presentation_mode.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

using namespace scalescope;

namespace {

/// The screen whose size is `size` (main() configures one 1280×720 and one 1920×1080).
QScreen *screenOfSize(QSize size) {
    for (QScreen *screen : QGuiApplication::screens())
        if (screen->geometry().size() == size)
            return screen;
    return nullptr;
}

/// Puts `window` on `screen` as a normal window (the platform window is created first, so
/// the screen sticks).
void placeOn(QWidget &window, QScreen *screen) {
    window.createWinId();
    window.windowHandle()->setScreen(screen);
    window.move(screen->geometry().topLeft() + QPoint(20, 20));
    window.resize(screen->availableGeometry().size() * 0.8);
}

/// The minimum widths of the parts that make up the window's, for a failure message:
/// "Dashboard 652 · Search 1310 · ... · strip 380 · docks 380".
QString minimumWidths(views::MainWindow &window) {
    QStringList parts;
    QTabWidget *tabs = window.views();
    for (int i = 0; i < tabs->count(); ++i)
        parts << QStringLiteral("%1 %2x%3")
                     .arg(tabs->tabText(i))
                     .arg(tabs->widget(i)->minimumSizeHint().width())
                     .arg(tabs->widget(i)->minimumSizeHint().height());
    for (auto *child : window.centralWidget()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (child->isVisible())
            parts << QStringLiteral("%1 %2x%3")
                         .arg(child->objectName().isEmpty() ? child->metaObject()->className()
                                                            : child->objectName())
                         .arg(child->minimumSizeHint().width())
                         .arg(child->minimumSizeHint().height());
    parts << QStringLiteral("central %1").arg(window.centralWidget()->minimumSizeHint().width());
    for (auto *dock : window.findChildren<QDockWidget *>())
        parts << QStringLiteral("%1 %2")
                     .arg(dock->objectName())
                     .arg(dock->isVisible() ? dock->minimumSizeHint().width() : 0);
    return QStringLiteral("window %1: ").arg(window.minimumSizeHint().width()) +
           parts.join(QStringLiteral(" · "));
}

} // namespace

class TestProjector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        views::initResources();
        m_data = app::loadAppData();
        // The shipped workspace: four scenarios with long names (405B on 8,192 H100s).
        m_workspace = app::readWorkspaceFile(app::defaultWorkspacePath(), *m_data);
        QVERIFY(m_workspace.scenarios.size() >= 4);
        QVERIFY(screenOfSize({1280, 720}));
        QVERIFY(screenOfSize({1920, 1080}));
    }

    void mainWindowShrinksToTheSmallestScreen_data() {
        QTest::addColumn<bool>("compare");
        QTest::newRow("single") << false;
        QTest::newRow("compare") << true;
    }
    void mainWindowShrinksToTheSmallestScreen() {
        QFETCH(bool, compare);
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        views::MainWindow window(m_data, &document);
        placeOn(window, screenOfSize({1280, 720}));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The two 405B scenarios: the longest names and the widest numbers.
        document.setComparison({compare, 2, 3});
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // Nothing may need more than a 1280-px screen (the issue measured 1,469 and 1,637).
        QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(minimumWidths(window)));
        QVERIFY(window.minimumWidth() <= 1280);
        window.resize(1280, 700);
        QTRY_COMPARE(window.width(), 1280);
        // At that width the summary strip wraps onto more rows instead of being cut off.
        auto *strip = window.summaryStrip();
        QVERIFY(strip->geometry().right() < window.centralWidget()->width());
        for (auto *label : strip->findChildren<QLabel *>())
            QVERIFY2(label->geometry().right() < strip->width(), qPrintable(label->text()));
    }

    void presentationFillsTheScreen_data() {
        QTest::addColumn<QSize>("screenSize");
        QTest::addColumn<bool>("compare");
        for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
            const QString name = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
            QTest::newRow(qPrintable(name + " single")) << size << false;
            QTest::newRow(qPrintable(name + " compare")) << size << true;
        }
    }
    void presentationFillsTheScreen() {
        QFETCH(QSize, screenSize);
        QFETCH(bool, compare);
        QScreen *screen = screenOfSize(screenSize);
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        document.resetWorkspace(m_workspace, {});
        document.setCurrentIndex(3);
        views::MainWindow window(m_data, &document);
        placeOn(window, screen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (compare) {
            QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
            QVERIFY(document.comparison().enabled);
            document.setComparison({true, 2, 3});
        }
        // F5 twice in a row of enter/leave: the second time must go full screen as well.
        for (int attempt = 0; attempt < 2; ++attempt) {
            QTest::keyClick(&window, Qt::Key_F5);
            QVERIFY(window.presentation()->isActive());
            QCOMPARE(views::currentThemeKind(), views::ThemeKind::Presentation);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const QSize minimum = window.minimumSizeHint();
            QVERIFY2(minimum.width() <= screenSize.width() &&
                         minimum.height() <= screenSize.height(),
                     qPrintable(QStringLiteral("minimum %1x%2 on %3x%4; ")
                                    .arg(minimum.width())
                                    .arg(minimum.height())
                                    .arg(screenSize.width())
                                    .arg(screenSize.height()) +
                                minimumWidths(window)));
            QVERIFY(window.minimumWidth() <= screenSize.width());
            QVERIFY(window.isFullScreen());
            QTRY_COMPARE(window.frameGeometry(), screen->geometry());
            // Every tile of the summary strip is inside the window, none cut off at the right.
            auto *strip = window.summaryStrip();
            const QRect inWindow(strip->mapTo(&window, QPoint()), strip->size());
            QVERIFY(window.rect().contains(inWindow));
            for (auto *label : strip->findChildren<QLabel *>())
                QVERIFY2(label->geometry().right() < strip->width(), qPrintable(label->text()));
            QTest::keyClick(&window, Qt::Key_Escape);
            QVERIFY(!window.presentation()->isActive());
            QVERIFY(!window.isFullScreen());
        }
    }

private:
    std::shared_ptr<const app::AppData> m_data;
    models::Workspace m_workspace;
};

int main(int argc, char **argv) {
    // Two offscreen screens, the sizes of the projectors the issue names, without window frames
    // so a full-screen window's frame geometry is the screen's geometry.
    QTemporaryDir dir;
    const QString config = dir.filePath("screens.json");
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"windowFrameMargins": false, "screens": [
        {"name": "projector-720p", "x": 0, "y": 0, "width": 1280, "height": 720,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector-1080p", "x": 1280, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication application(argc, argv);
    TestProjector test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_projector.moc"
