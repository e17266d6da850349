// Rack diagram speed: building the geometry and the overlays for 1,024 GPUs, and redrawing the
// whole picture into an offscreen QImage (the target: one 60 Hz frame, 16 ms).
#include "models/catalog/catalog.h"
#include "views/rack/rack_export.h"
#include "views/rack/rack_scene_builder.h"

#include "tests/support/rack_test_systems.h"

#include <QGuiApplication>
#include <QPainter>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace scalescope;

namespace {

const models::Catalog &catalog() {
    static const models::Catalog shipped = testing::shippedCatalog();
    return shipped;
}

const char *const kSystems[] = {"dgx-h100", "gb200-nvl72", "superpod-h100"};

/// Llama 3 70B, TP 8 x PP 4 x DP 32 on 1,024 GPUs of `system`.
models::Scenario scenario(const char *system) {
    return testing::presetScenario("bench", "llama3-70b", system, 1024, 8, 4, 32);
}

/// The planner's job (what the evaluation puts in ScenarioResult::rackJob) and its scene.
views::RackScene plannedScene(const models::Scenario &s, views::RackOverlay overlay) {
    const models::RackJob job = models::plannerRackJob(s, catalog(), s.planner);
    return views::makeRackScene(catalog(), s, &job, overlay);
}

void BM_BuildGeometry(benchmark::State &state) {
    const char *system = kSystems[state.range(0)];
    for (auto _ : state)
        benchmark::DoNotOptimize(models::buildRackGeometry(catalog(), system, 1024));
    state.SetLabel(system);
}
BENCHMARK(BM_BuildGeometry)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

// The planner's job (rank mapping, collective volumes, stage memory) + geometry + placement +
// traffic + memory fill: what a scenario edit costs the rack view.
void BM_BuildScene(benchmark::State &state) {
    const char *system = kSystems[state.range(0)];
    const models::Scenario s = scenario(system);
    for (auto _ : state)
        benchmark::DoNotOptimize(plannedScene(s, views::RackOverlay::TensorGroups));
    state.SetLabel(system);
}
BENCHMARK(BM_BuildScene)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

// One redraw of the whole pod (1,024 GPUs) into a 1600 x 1000 image: what a hover costs.
void BM_Redraw(benchmark::State &state) {
    const char *system = kSystems[state.range(0)];
    const auto overlay = static_cast<views::RackOverlay>(state.range(1));
    views::RackScene scene = plannedScene(scenario(system), overlay);
    scene.hoveredGpu = 300;
    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter painter(&image);
        views::renderRack(painter, scene, QRectF(0, 0, 1600, 1000));
    }
    state.SetLabel(std::string(system) + " " + views::rackOverlayName(overlay).toStdString());
}
BENCHMARK(BM_Redraw)
    ->ArgsProduct({{0, 1, 2},
                   {static_cast<int>(views::RackOverlay::TensorGroups),
                    static_cast<int>(views::RackOverlay::LinkTraffic)}})
    ->Unit(benchmark::kMillisecond);

// What `scalescope export --view rack` does after loading the scenario: the planner's job,
// the scene, and the file at 1600 x 1000 (PNG at 2x, SVG, PDF).
void BM_Export(benchmark::State &state) {
    const char *system = kSystems[state.range(0)];
    static const char *const suffixes[] = {"png", "svg", "pdf"};
    const char *suffix = suffixes[state.range(1)];
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rack.") + QLatin1String(suffix));
    const models::Scenario s = scenario(system);
    for (auto _ : state) {
        const views::RackScene scene = plannedScene(s, views::RackOverlay::TensorGroups);
        if (!views::exportRack(scene, path, QSize(1600, 1000)).isEmpty())
            state.SkipWithError("export failed");
    }
    state.SetLabel(std::string(system) + " " + suffix);
}
BENCHMARK(BM_Export)->ArgsProduct({{0, 1, 2}, {0, 1, 2}})->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
