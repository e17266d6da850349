// The GPU-count sweep is part of the evaluated result (models::gpuCountSweep, called by the
// production evaluator); the "Time and cost vs GPU count" chart only draws it.

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "models/planner/gpu_sweep.h"
#include "models/planner/planner.h"
#include "views/charts/gpu_scaling_chart.h"

#include "toy_planner.h"

#include <QTest>

#include <cmath>

using namespace scalescope;

class TestGpuSweep : public QObject {
    Q_OBJECT
private slots:
    void sweepScalesDataParallelByPowersOfTwo() {
        // Toy planner (tests/views/toy_planner.h): 32 layers, h 4096, TP 8, DP 8 on 64 GPUs.
        // P = 12 x 32 x 4096^2 = 6.4425e9; training time = 6 P x 1e12 tokens / (n x 400e12)
        // whatever the batch; cost = n x T / 3600 x $2.5 is the same at every n. Memory per GPU
        // = 4 P / 8 + 6e9 + 12 P / (8 dp) <= 18.9e9 < 80e9: every count fits.
        // dp = 8 x 2^k: k = -4 (8/16) does not divide; k = -3..8 gives n = 8 ... 16,384.
        models::Scenario s;
        s.model.layers = 32;
        s.model.hidden = 4096;
        s.model.heads = 32;
        s.parallelism.tp = 8;
        s.parallelism.dp = 8;
        s.hardware.numGpus = 64;
        s.training.totalTokens = 1e12;
        const auto points = models::gpuCountSweep(s, testing::toyEvaluate);
        QCOMPARE(points.size(), std::size_t(12));
        const double p = 12.0 * 32 * 4096.0 * 4096.0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const int gpus = 8 << i;
            QCOMPARE(points[i].gpus, gpus);
            const double seconds = 6.0 * p * 1e12 / (gpus * 400e12);
            QVERIFY(std::fabs(points[i].trainingSeconds / seconds - 1.0) < 1e-12);
            QVERIFY(std::fabs(points[i].costUsd / (6.0 * p * 1e12 / 400e12 / 3600.0 * 2.5) - 1.0) <
                    1e-12);
        }
    }

    void variantsThatFailAreLeftOut() {
        // A variant the evaluator rejects (here: more than 100 GPUs) or that does not fit is
        // not a point; the others stay.
        models::Scenario s;
        s.model.layers = 32;
        s.model.hidden = 4096;
        s.model.heads = 32;
        s.parallelism.tp = 8;
        s.parallelism.dp = 8;
        s.hardware.numGpus = 64;
        const auto points = models::gpuCountSweep(s, [](const models::Scenario &variant) {
            if (variant.hardware.numGpus > 100)
                throw std::runtime_error("too many");
            auto result = testing::toyEvaluate(variant);
            result.fitsInMemory = variant.hardware.numGpus != 16;
            return result;
        });
        std::vector<int> gpus;
        for (const auto &point : points)
            gpus.push_back(point.gpus);
        QCOMPARE(gpus, (std::vector<int>{8, 32, 64}));
    }

    void chartDrawsTheEvaluatedSweep() {
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        const auto result = document.result();
        QVERIFY(result->valid);
        QVERIFY(result->gpuSweep.size() >= 3);
        // The scenario's own count is one of the points, with the planner's own numbers.
        bool own = false;
        for (const auto &point : result->gpuSweep)
            if (point.gpus == document.current().hardware.numGpus) {
                own = true;
                QCOMPARE(point.trainingSeconds, result->trainingSeconds);
            }
        QVERIFY(own);
        views::GpuScalingChart chart(&document);
        chart.refreshNow();
        QCOMPARE(chart.plotted(0), result->gpuSweep);
    }
};

QTEST_MAIN(TestGpuSweep)
#include "tst_gpu_sweep.moc"
