// The throughput-vs-interactivity curve, its Pareto front, the best point under latency
// targets and the economics of a point (models/inference/inference_curve.h).

#include "models/inference/inference_curve.h"
#include "models/scenario/model_presets.h"

#include <QTest>

#include "tests/support/inference_fixtures.h"
#include "tests/support/numeric_checks.h"

#include <cmath>

using namespace scalescope::models;
using scalescope::testing::near;

namespace {

InferencePoint point(double perUser, double perGpu, double tpot = 0.0, double ttft = 0.0) {
    InferencePoint p;
    p.tokensPerSecondPerUser = perUser;
    p.outputTokensPerSecondPerGpu = perGpu;
    p.tpotSeconds = tpot;
    p.ttftSeconds = ttft;
    return p;
}

InferenceContext llama70bOnTwoH100() {
    const InferenceHardware gpu = scalescope::testing::handH100();
    ServingSettings settings;
    settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
    settings.layout.tp = 2;
    settings.inputTokens = 2048;
    settings.outputTokens = 2048;
    return makeInferenceContext(scalescope::testing::preset("llama3-70b"), gpu, settings);
}

} // namespace

class TestInferenceCurve : public QObject {
    Q_OBJECT
private slots:
    void sweepStopsWhereMemoryRunsOut() {
        // 165 sequences of 2,048 + 1,024 tokens fit (tst_inference_memory works it out):
        // 1, 2, 4, ..., 128, then 165.
        const InferenceCurve curve = inferenceCurve(llama70bOnTwoH100());
        QCOMPARE(int(curve.points.size()), 9);
        QCOMPARE(curve.points.front().concurrency, 1);
        QCOMPARE(curve.points[7].concurrency, 128);
        QCOMPARE(curve.points.back().concurrency, 165);
        for (std::size_t i = 0; i < curve.points.size(); ++i) {
            QVERIFY(curve.points[i].fits);
            if (i > 0) { // more users: each is slower, the GPU does more
                QVERIFY(curve.points[i].tokensPerSecondPerUser <
                        curve.points[i - 1].tokensPerSecondPerUser);
                QVERIFY(curve.points[i].outputTokensPerSecondPerGpu >
                        curve.points[i - 1].outputTokensPerSecondPerGpu);
            }
        }
        // A monotone trade-off: every point is on the front.
        QCOMPARE(int(curve.paretoFront.size()), 9);
    }

    void paretoFront_() {
        // (100, 10) and (50, 30) trade off; (40, 20) loses to (50, 30) on both; (100, 5)
        // loses to (100, 10) on one and ties on the other.
        const std::vector<InferencePoint> points = {point(100, 10), point(50, 30), point(40, 20),
                                                    point(100, 5)};
        QCOMPARE(paretoFront(points), (std::vector<int>{0, 1}));
    }

    void bestUnderSlo_() {
        InferenceCurve curve;
        curve.points = {point(50, 100, 0.020, 0.5), point(25, 180, 0.040, 0.8),
                        point(12, 300, 0.080, 3.0)};
        ServingSlo slo;
        QCOMPARE(bestUnderSlo(curve, slo)->outputTokensPerSecondPerGpu, 300.0); // no limits
        slo.maxTpotSeconds = 0.050;
        QCOMPARE(bestUnderSlo(curve, slo)->outputTokensPerSecondPerGpu, 180.0);
        slo.maxTtftSeconds = 0.6;
        QCOMPARE(bestUnderSlo(curve, slo)->outputTokensPerSecondPerGpu, 100.0);
        slo.maxTpotSeconds = 0.010;
        QVERIFY(!bestUnderSlo(curve, slo).has_value());
    }

    void economics() {
        InferenceContext context;
        context.settings.inputTokens = 1000;
        context.settings.layout.tp = 2;
        InferencePoint p = point(20, 1000);
        p.prefill.totalSeconds = 0.25;
        const ServingEconomics money = servingEconomics(context, p, 2.0, 700.0);
        // $2 per GPU-hour / 3,600 s / 1,000 tokens/s x 1e6 = $0.5556 per million output tokens.
        QVERIFY(near(money.usdPerMillionOutputTokens, 2.0 / 3600 / 1000 * 1e6, 1e-12));
        // Prefill: 1,000 tokens in 0.25 s on 2 GPUs = 2,000 tokens/s per GPU -> $0.2778 / M.
        QVERIFY(near(money.usdPerMillionInputTokens, 2.0 / 3600 / 2000 * 1e6, 1e-12));
        // 1,000 tokens/s at 700 W = 1.4286 tokens per joule.
        QVERIFY(near(money.outputTokensPerJoule, 1000.0 / 700.0, 1e-12));
    }
};

QTEST_GUILESS_MAIN(TestInferenceCurve)
#include "tst_inference_curve.moc"
