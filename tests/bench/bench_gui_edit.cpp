// GUI responsiveness on the default workspace, offscreen (goal from the brief: an edit is
// redrawn within a frame, median <= 16 ms; start-up to the first frame < 1 s).
//
// BM_EditToRedraw: one GPU-count step through the parameter panel's spin box (the real change
// path: panel -> document->edit -> undo command -> models::evaluate -> changed() -> every
// visible view pulls and replaces its series), then a synchronous repaint of the whole window.
// Each repetition is one edit, so the reported median is the median edit.
// BM_StartupToFirstFrame: loading the catalog, presets and field metadata, reading the default
// workspace, evaluating it, building the main window and painting it once.

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "views/panels/field_editor.h"
#include "views/panels/parameter_panel.h"
#include "views/style/resources.h"
#include "views/style/theme.h"
#include "views/window/main_window.h"

#include <QApplication>
#include <QSpinBox>
#include <QStandardPaths>

#include <benchmark/benchmark.h>

#include <memory>

using namespace scalescope;

namespace {

struct Gui {
    std::shared_ptr<const app::AppData> data = app::loadAppData();
    app::ScenarioDocument document{app::plannerEvaluator(data)};
    std::unique_ptr<views::MainWindow> window;

    Gui() {
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        window = std::make_unique<views::MainWindow>(data, &document);
        window->resize(1920, 1080);
        window->show();
        QApplication::processEvents();
        window->repaint();
    }
};

void BM_EditToRedraw(benchmark::State &state) {
    static Gui gui;
    QSpinBox *gpus = gui.window->parameterPanel()->editor("/hardware/num_gpus")->spinBox();
    bool up = true;
    for (auto _ : state) {
        gpus->setValue(up ? 128 : 64); // one edit; DP follows (64 = 8 x 4 x 2)
        gui.window->repaint();         // every visible view paints now
        up = !up;
    }
    state.counters["scenarios"] = gui.document.count();
}
BENCHMARK(BM_EditToRedraw)
    ->Iterations(1)
    ->Repetitions(101)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_StartupToFirstFrame(benchmark::State &state) {
    for (auto _ : state) {
        Gui gui;
        benchmark::DoNotOptimize(gui.document.result());
    }
}
BENCHMARK(BM_StartupToFirstFrame)
    ->Iterations(1)
    ->Repetitions(7)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // no saved window state from a user session
    QApplication application(argc, argv);
    views::initResources();
    views::applyTheme(application, views::Theme::make(views::ThemeKind::Light));
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
