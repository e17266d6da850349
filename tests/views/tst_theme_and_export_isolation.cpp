// Issue 12, defects 7 and 8: the dark theme reaches the workspace list, the HBM line and the
// racks; exporting a report or the compare view leaves the live document untouched.

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/field_metadata.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "toy_planner.h"
#include "views/charts/memory_chart.h"
#include "views/export/view_export.h"
#include "views/panels/search_view.h"
#include "views/panels/summary_strip.h"
#include "views/panels/workspace_panel.h"
#include "views/rack/rack_palette.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/view_registry.h"

#include <QApplication>
#include <QChart>
#include <QFileInfo>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace scalescope;

namespace {

/// WCAG 2 relative luminance of an sRGB colour.
double luminance(const QColor &colour) {
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

/// WCAG 2 contrast ratio: 1 (none) to 21 (black on white); body text needs 4.5.
double contrast(const QColor &a, const QColor &b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestThemeAndExportIsolation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        views::initResources();
    }
    void cleanup() { views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Light)); }

    void darkThemeWorkspaceNamesAreReadable() {
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Light));
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(3), {});
        views::WorkspacePanel panel(&document);
        panel.show();
        // Switched after the list was filled, as a user does from the View menu.
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Dark));
        auto *list = panel.list();
        const QColor base = list->palette().color(QPalette::Base);
        QVERIFY(luminance(base) < 0.05); // the dark theme's list background
        for (int i = 0; i < list->count(); ++i) {
            const QListWidgetItem *item = list->item(i);
            const QColor text = item->data(Qt::ForegroundRole).isValid()
                                    ? item->foreground().color()
                                    : list->palette().color(QPalette::Text);
            QVERIFY2(contrast(text, base) >= 4.5,
                     qPrintable(item->text() + ": " + text.name() + " on " + base.name()));
        }
    }

    void darkThemeHbmLineIsVisible() {
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Light));
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(1), {});
        views::MemoryChart chart(&document);
        chart.resize(600, 400);
        chart.show();
        chart.refreshNow();
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Dark));
        QLineSeries *hbm = nullptr;
        for (auto *series : chart.chart()->series())
            if (series->name().startsWith("HBM"))
                hbm = qobject_cast<QLineSeries *>(series);
        QVERIFY(hbm);
        const QColor background = chart.chart()->backgroundBrush().color();
        QVERIFY(luminance(background) < 0.05);
        QVERIFY2(contrast(hbm->pen().color(), background) >= 4.5,
                 qPrintable(hbm->pen().color().name() + " on " + background.name()));
    }

    void darkThemeRacksAreDark() {
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Light));
        QCOMPARE(views::rack_colours::background(), QColor(Qt::white));
        views::applyTheme(*qApp, views::Theme::make(views::ThemeKind::Dark));
        QVERIFY(luminance(views::rack_colours::background()) < 0.05);
        QVERIFY(contrast(views::rack_colours::text(), views::rack_colours::background()) >= 4.5);
        QVERIFY(contrast(views::rack_colours::text(), views::rack_colours::rackInside()) >= 4.5);
        QVERIFY(contrast(views::rack_colours::mutedText(), views::rack_colours::background()) >=
                4.5);
    }

    void summaryVerdictColourAndMissingEnergy() {
        // A system whose catalog entry has no power figure: the planner reports 0 J.
        app::ScenarioDocument document([](const models::Scenario &scenario) {
            models::ScenarioResult result = testing::toyEvaluate(scenario);
            if (scenario.name == "Scenario 2")
                result.energyJoules = 0.0;
            return result;
        });
        models::Workspace workspace = testing::toyWorkspace(2);
        // Scenario 1 (TP 8 · PP 4 · DP 2) fits 80 GB. Scenario 2 (40 layers: P = 12·40·4096²
        // = 8.05e9) on one GPU needs weights 2P + gradients 2P + optimizer 12P + 6 GB
        // = 135 GB > 80 GB.
        workspace.scenarios[1].parallelism = {.tp = 1, .pp = 1, .dp = 1};
        workspace.scenarios[1].hardware.numGpus = 1;
        document.resetWorkspace(workspace, {});
        document.setCurrentIndex(1);
        views::SummaryStrip strip(&document);
        auto *status = strip.findChild<QLabel *>("summaryStatus");
        QVERIFY(status);
        const views::Theme theme = views::Theme::make(views::currentThemeKind());
        QVERIFY(status->text().contains("✗ exceeds"));
        QVERIFY2(status->text().contains(theme.bad.name()), qPrintable(status->text()));
        QVERIFY(!status->text().contains(theme.good.name()));
        QCOMPARE(strip.tileText(6), QStringLiteral("n/a"));

        document.setComparison({true, 0, 1});
        QVERIFY(status->text().contains(theme.good.name())); // A fits
        QVERIFY(status->text().contains(theme.bad.name()));  // B does not
        QVERIFY2(strip.tileText(6).endsWith("B n/a B÷A n/a"), qPrintable(strip.tileText(6)));
    }

    void reportLeavesTheDocumentUntouched() {
        app::ScenarioDocument document(testing::toyEvaluate);
        document.resetWorkspace(testing::toyWorkspace(3), {});
        document.setCurrentIndex(2);
        document.setComparison({false, 1, 2});
        app::FieldMetadata fields;
        const views::ViewContext context{&document, {}, &fields};
        QSignalSpy changed(&document, &app::ScenarioDocument::changed);
        QTemporaryDir dir;
        const QString path = dir.filePath("report.pdf");
        views::exportReport(context, path, QSize(1200, 800));
        QVERIFY(QFileInfo(path).size() > 10000);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(document.currentIndex(), 2);
        QCOMPARE(document.comparison(), (app::Comparison{false, 1, 2}));
        QVERIFY(!document.isDirty());

        // The compare export draws A and B without switching compare mode on for good.
        auto widget = views::createExportWidget("compare", context, QSize(1200, 700));
        QVERIFY(widget);
        auto *strip = widget->findChild<views::SummaryStrip *>();
        QVERIFY(strip);
        QVERIFY(strip->tileText(3).contains("B÷A"));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(document.comparison(), (app::Comparison{false, 1, 2}));
    }

    void runningSearchSurvivesAReport() {
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        views::SearchView search(&document, data->fieldContext().catalog);
        search.run();
        QVERIFY(search.isRunning());
        const views::ViewContext context{&document, data->fieldContext(), &data->fields};
        QTemporaryDir dir;
        views::exportReport(context, dir.filePath("report.pdf"), QSize(1200, 800));
        // Before the fix each page selected another scenario and the search was thrown away.
        QTRY_VERIFY_WITH_TIMEOUT(search.result().has_value(), 60000);
        QVERIFY(search.rowCount() > 0);
    }
};

QTEST_MAIN(TestThemeAndExportIsolation)
#include "tst_theme_and_export_isolation.moc"
