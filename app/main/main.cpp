// The scalescope executable: command-line actions, the GUI, or (without a display) the
// dashboard of the default workspace rendered to a PNG.

#include "app/cli/cli.h"
#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "models/core/input_error.h"
#include "views/export/cli_export.h"
#include "views/export/view_export.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QWidget>

#include <iostream>

namespace {

using namespace scalescope;

/// The offscreen platform warns that it cannot resize windows to their size hints on every
/// export; that is expected there and would only bury real diagnostics on stderr.
QtMessageHandler g_defaultHandler = nullptr;

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    if (g_defaultHandler)
        g_defaultHandler(type, context, message);
    else
        std::cerr << qFormatLogMessage(type, context, message).toStdString() << "\n";
}

/// No display to open windows on: QT_QPA_PLATFORM unset and neither X11 nor Wayland.
bool noDisplay() {
    return qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
           qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

/// Commands whose work is rendering (export) need a QApplication; they never need a display.
bool needsWidgets(const QStringList &arguments) {
    for (const auto &command : views::viewCliCommands())
        if (!arguments.isEmpty() && arguments.first().toStdString() == command.name)
            return true;
    return false;
}

int runGui(QApplication &application, const QStringList &arguments, bool headless) {
    views::initResources();
    const int theme = QSettings().value("window/theme", int(views::ThemeKind::Light)).toInt();
    views::applyTheme(application, views::Theme::make(headless ? views::ThemeKind::Light
                                                               : views::ThemeKind(theme)));
    QString file = arguments.isEmpty() ? app::defaultWorkspacePath() : arguments.first();
    bool opened = !arguments.isEmpty();
    std::shared_ptr<const app::AppData> data;
    models::Workspace workspace;
    try {
        data = app::loadAppData();
        try {
            workspace = app::readWorkspaceFile(file, *data);
        } catch (const std::exception &error) {
            // A bad file named on the command line: headless, that is the answer (exit 2); with
            // a window, say why and open the default workspace instead of quitting.
            if (headless || arguments.isEmpty())
                throw;
            std::cerr << "error: " << error.what() << "\n";
            QMessageBox::warning(nullptr, QObject::tr("ScaleScope"),
                                 QObject::tr("%1\n\nThe default workspace is open instead.")
                                     .arg(QString::fromUtf8(error.what())));
            file = app::defaultWorkspacePath();
            opened = false;
            workspace = app::readWorkspaceFile(file, *data);
        }
    } catch (const std::exception &error) {
        // Bad input and anything unexpected alike: a message, never an abort.
        std::cerr << "error: " << error.what() << "\n";
        if (!headless)
            QMessageBox::critical(nullptr, QObject::tr("ScaleScope cannot start"),
                                  QString::fromUtf8(error.what()));
        return 2;
    }
    app::ScenarioDocument document(app::plannerEvaluator(data));
    document.resetWorkspace(workspace, opened ? file : QString());

    if (headless) {
        const views::ViewContext context{&document, data->fieldContext(), &data->fields,
                                         data.get()};
        const QString out = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                .filePath("scalescope-dashboard.png");
        try {
            auto dashboard = views::createExportWidget("dashboard", context, QSize(1600, 1000));
            views::exportWidget(dashboard.get(), out);
        } catch (const std::exception &error) {
            std::cerr << "error: " << error.what() << "\n";
            return 2;
        }
        std::cerr << "No display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset): "
                     "rendered the dashboard of "
                  << QDir::toNativeSeparators(file).toStdString() << " offscreen.\n";
        std::cout << out.toStdString() << "\n";
        return 0;
    }

    views::MainWindow window(data, &document);
    window.show();
    // SCALESCOPE_QUIT_AFTER_MS: leave after the first frames (start-up measurements, smoke tests).
    const int quitAfter = qEnvironmentVariableIntValue("SCALESCOPE_QUIT_AFTER_MS");
    if (quitAfter > 0)
        QTimer::singleShot(quitAfter, &application, &QApplication::quit);
    return application.exec();
}

} // namespace

int main(int argc, char *argv[]) {
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCoreApplication::setOrganizationName("ScaleScope");
    QCoreApplication::setApplicationName("scalescope");
    QCoreApplication::setApplicationVersion(SCALESCOPE_VERSION);
    g_defaultHandler = qInstallMessageHandler(messageHandler);
    scalescope::app::CliIo io{std::cout, std::cerr};
    const auto viewCommands = scalescope::views::viewCliCommands();

    if (scalescope::app::isCliInvocation(arguments, viewCommands)) {
        if (needsWidgets(arguments)) {
            // export renders offscreen unless a platform was chosen explicitly.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication application(argc, argv);
            return scalescope::app::runCli(arguments, io, viewCommands);
        }
        QCoreApplication application(argc, argv);
        return scalescope::app::runCli(arguments, io, viewCommands);
    }

    const bool headless = noDisplay();
    if (headless)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    // arguments() without the options Qt consumed (-platform, -qwindowgeometry, ...).
    return runGui(application, application.arguments().mid(1), headless);
}
