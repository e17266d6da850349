#include "views/export/cli_export.h"

#include "app/data/app_data.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "models/core/input_error.h"
#include "views/export/view_export.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/view_registry.h"

#include <QApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QWidget>

#include <ostream>

namespace scalescope::views {

namespace {

constexpr const char *kUsage = "export FILE.json --out OUT.png|OUT.svg|OUT.pdf [--view NAME] "
                               "[--size WxH] [--scenario N] [--theme light|dark|presentation]";

QString helpText() {
    return QStringLiteral(
               "Usage: scalescope %1\n"
               "\n"
               "Renders a view of the workspace in FILE.json without a display. PNG is written\n"
               "at 2x the logical size for crisp slides; SVG and PDF are vectors.\n"
               "\n"
               "  --out PATH        output file; the extension picks the format\n"
               "  --view NAME       %2 (default dashboard);\n"
               "                    report = multi-page PDF of every scenario\n"
               "  --size WxH        logical size in pixels (default 1600x1000)\n"
               "  --scenario N      which scenario single views show, 1-based (default 1)\n"
               "  --theme NAME      light (default), dark or presentation\n"
               "\n"
               "Exit status: 0 success, 2 bad input.\n")
        .arg(kUsage, exportViewNames().join(", "));
}

struct Options {
    QString file;
    QString out;
    QString view = "dashboard";
    QSize size{1600, 1000};
    int scenario = 1;
    ThemeKind theme = ThemeKind::Light;
    bool help = false;
};

[[noreturn]] void badArgument(const QString &field, const QString &reason) {
    throw models::InputError("command line", field.toStdString(), reason.toStdString());
}

QSize parseSize(const QString &size) {
    const auto match = QRegularExpression("^(\\d{2,5})x(\\d{2,5})$").match(size);
    if (!match.hasMatch())
        badArgument("--size", "expected WxH in pixels, e.g. 1600x1000");
    const QSize result(match.captured(1).toInt(), match.captured(2).toInt());
    if (result.width() < 200 || result.height() < 150 || result.width() > 8000 ||
        result.height() > 8000)
        badArgument("--size", "width and height must lie in 200x150 .. 8000x8000");
    return result;
}

ThemeKind parseTheme(const QString &theme) {
    if (theme == "light")
        return ThemeKind::Light;
    if (theme == "dark")
        return ThemeKind::Dark;
    if (theme == "presentation")
        return ThemeKind::Presentation;
    badArgument("--theme", "expected light, dark or presentation");
}

/// Reads the arguments with app::CliArguments, the walker every command shares.
Options parse(const QStringList &arguments) {
    Options options;
    app::CliArguments args(arguments);
    while (args.next()) {
        const QString &argument = args.name();
        if (argument == "--help" || argument == "-h") {
            options.help = true;
        } else if (argument == "--out") {
            options.out = args.value("an output file");
        } else if (argument == "--view") {
            options.view = args.value("a view name");
            if (!exportViewNames().contains(options.view) && options.view != "report")
                badArgument("--view", QStringLiteral("unknown view \"%1\" (one of %2, report)")
                                          .arg(options.view, exportViewNames().join(", ")));
        } else if (argument == "--size") {
            options.size = parseSize(args.value("WxH"));
        } else if (argument == "--scenario") {
            bool ok = false;
            options.scenario = args.value("a scenario number").toInt(&ok);
            if (!ok || options.scenario < 1)
                badArgument("--scenario", "expected a scenario number from 1");
        } else if (argument == "--theme") {
            options.theme = parseTheme(args.value("a theme"));
        } else if (args.isOption()) {
            badArgument(argument, "unknown argument (see scalescope export --help)");
        } else if (options.file.isEmpty()) {
            options.file = argument;
        } else {
            badArgument(argument, "only one scenario file can be exported");
        }
    }
    if (options.help)
        return options;
    if (options.file.isEmpty())
        badArgument("FILE", "needs a scenario or workspace file");
    if (options.out.isEmpty())
        badArgument("--out", "needs an output file (.png, .svg or .pdf)");
    if (!exportFormatForPath(options.out))
        badArgument("--out", "unknown format: use .png, .svg or .pdf");
    if (options.view == "report" && exportFormatForPath(options.out) != ExportFormat::Pdf)
        badArgument("--out", "the report is a PDF: use a .pdf file name");
    return options;
}

int runExport(const QStringList &arguments, app::CliIo &io) {
    const Options options = parse(arguments);
    if (options.help) {
        io.out << helpText().toStdString();
        return 0;
    }
    if (qobject_cast<QApplication *>(QCoreApplication::instance()) == nullptr)
        throw std::runtime_error("export needs a QApplication (run it through the executable)");
    initResources();
    applyTheme(*qApp, Theme::make(options.theme));
    const auto data = app::loadAppData();
    app::ScenarioDocument document(app::plannerEvaluator(data));
    const models::Workspace workspace = app::readWorkspaceFile(options.file, *data);
    if (workspace.scenarios.empty())
        throw models::InputError(options.file.toStdString(), "/scenarios", "has no scenario");
    if (options.scenario > static_cast<int>(workspace.scenarios.size()))
        badArgument("--scenario",
                    QStringLiteral("the file has %1 scenario(s)").arg(workspace.scenarios.size()));
    if (options.view == "compare" && workspace.scenarios.size() < 2)
        throw models::InputError(options.file.toStdString(), "/scenarios",
                                 "compare needs at least two scenarios");
    document.resetWorkspace(workspace, options.file);
    document.setCurrentIndex(options.scenario - 1);
    const ViewContext context{&document, data->fieldContext(), &data->fields};
    if (options.view == "report") {
        exportReport(context, options.out, options.size);
    } else {
        auto widget = createExportWidget(options.view, context, options.size);
        exportWidget(widget.get(), options.out);
    }
    io.out << "wrote " << QFileInfo(options.out).absoluteFilePath().toStdString() << "\n";
    return 0;
}

} // namespace

app::CliCommand exportCliCommand() {
    return {"export", kUsage, runExport};
}

std::vector<app::CliCommand> viewCliCommands() {
    return {exportCliCommand()};
}

} // namespace scalescope::views
