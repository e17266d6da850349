#include "models/core/input_error.h"
#include "models/rack/rack_geometry.h"
#include "models/rack/rack_traffic.h"
#include "tests/support/rack_test_systems.h"

#include <QTest>

using namespace scalescope::models;
using namespace scalescope::testing;

namespace {

double bytesOf(const StepTraffic &t, GroupKind kind) {
    return t.bytesPerGpu[static_cast<size_t>(kind)];
}

PlannerContext contextFor(const Scenario &s, const Catalog &catalog) {
    HardwareContext hardware;
    std::string field, reason;
    if (!resolveHardware(s.hardware, catalog, s.training.precision, hardware, field, reason))
        throw InputError("test", field, reason);
    return makePlannerContext(s.model, s.training, s.economics, s.hardware.numGpus, hardware,
                              *findOptimizerRecipe(s.training.optimizerRecipe), {});
}

} // namespace

class TestRackTraffic : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_catalog = shippedCatalog(); }

    void llama70bVolumesByHand() {
        // Llama 3 70B on 64 H100 (DGX H100), TP 8 x PP 4 x DP 2, SP, ZeRO-1, megatron recipe,
        // 4,194,304-token batch of 8,192-token sequences: 512 sequences / (b 1 x dp 2) = 256
        // micro-batches of T = 8,192 tokens. M = T h 2 B = 8,192 x 8,192 x 2 = 134,217,728 B.
        const Scenario s = presetScenario("t", "llama3-70b", "dgx-h100", 64, 8, 4, 2);
        const StepTraffic t = plannerStepTraffic(contextFor(s, m_catalog), s.parallelism);
        // TP: all-reduce 2 x 7/8 x M = 234,881,024 B; 5 per layer with SP; stage 0 holds 20
        // layers and the embedding: 256 x (20 x 5 + 1) x 234,881,024 = 6,073,083,756,544 B.
        QCOMPARE(bytesOf(t, GroupKind::Tensor), 6073083756544.0);
        // PP: an activation and a gradient of M / 8 per micro-batch: 2 x 256 x 16,777,216.
        QCOMPARE(bytesOf(t, GroupKind::Pipeline), 8589934592.0);
        // DP: stage 0 = 20 x 855,654,400 + 1,050,673,152 (embedding) = 18,163,761,152
        // parameters, / 8 = 2,270,470,144 per GPU; reduce-scatter of 4-byte gradients and
        // all-gather of 2-byte weights over 2 ranks: 1/2 x 2,270,470,144 x (4 + 2).
        QCOMPARE(bytesOf(t, GroupKind::Data), 6811410432.0);
        QCOMPARE(bytesOf(t, GroupKind::Context), 0.0);
        QCOMPARE(bytesOf(t, GroupKind::Expert), 0.0);
    }

    void tensorBytesMatchThePlannersTime() {
        // The planner charges TP time = m x L x (5 all-reduces) on the bottleneck stage; with
        // latencies removed, time x bus bandwidth must equal the bytes counted here minus the
        // embedding's all-reduce (m x 1 all-reduce), which the planner books on the stage.
        const Scenario s = presetScenario("t", "llama3-70b", "dgx-h100", 64, 8, 4, 2);
        PlannerContext ctx = contextFor(s, m_catalog);
        ctx.fabric.scaleUp.latencySeconds = 0.0;
        ctx.fabric.scaleOut.latencySeconds = 0.0;
        const LayoutMetrics metrics = evaluateLayout(ctx, s.parallelism);
        QCOMPARE(metrics.issue, LayoutIssue::None);
        const double bus = ctx.fabric.scaleUp.effectiveBytesPerSecond();
        const double embedding =
            256.0 * collectiveBytesPerRank(Collective::AllReduce, 134217728.0, 8);
        const double counted = bytesOf(plannerStepTraffic(ctx, s.parallelism), GroupKind::Tensor);
        QVERIFY(qAbs(metrics.tpCommSeconds * bus - (counted - embedding)) < 1e-6 * counted);
    }

    void moeAndContext() {
        // Mixtral 8x7B, TP 2 x CP 2 x DP 8 (EP 4 folded into DP), PP 1, on 32 H100. Expert
        // all-to-all per MoE layer and micro-batch: 4 x (e-1)/e x T k h 2 B / t (SP), with
        // T = 32,768 / 2 = 16,384 (sequence 32k split by CP 2), k = 2, h = 4,096.
        Scenario s = presetScenario("t", "mixtral-8x7b", "dgx-h100", 32, 2, 1, 8);
        s.parallelism.cp = 2;
        s.parallelism.ep = 4;
        const PlannerContext ctx = contextFor(s, m_catalog);
        QVERIFY2(checkLayout(ctx, s.parallelism) == LayoutIssue::None,
                 layoutIssueReason(checkLayout(ctx, s.parallelism), ctx, s.parallelism).c_str());
        const StepTraffic t = plannerStepTraffic(ctx, s.parallelism);
        const double tokens = ctx.sequence / 2.0;
        const double m = std::round(std::round(ctx.globalBatchTokens / ctx.sequence) / 8.0);
        const double a2a = 0.75 * tokens * 2.0 * 4096.0 * 2.0 / 2.0;
        QVERIFY(qAbs(bytesOf(t, GroupKind::Expert) - m * 32.0 * 4.0 * a2a) < 1.0);
        // Context ring: (c-1) = 1 block of K and V per step: 2 x T x (8 KV heads x 128 / 2
        // TP) x 2 B, 3 rings per layer (forward + 2 backward), 32 layers.
        const double block = 2.0 * tokens * (8.0 * 128.0 / 2.0) * 2.0;
        QVERIFY(qAbs(bytesOf(t, GroupKind::Context) - m * 32.0 * 3.0 * block) < 1.0);
    }

    void rankMapperIsThePlanners() {
        // TP 2, CP 2, DP 4, PP 2 on 32 GPUs, default order: rank 13 = 1 + 2 x (0 + 2 x 3).
        Parallelism p;
        p.tp = 2;
        p.cp = 2;
        p.dp = 4;
        p.pp = 2;
        p.ep = 2;
        const RankMapper map = plannerRankMapper(p, RankOrder{}, 8, 8);
        const RankPlacement r = map(13);
        QCOMPARE(r.tp, 1);
        QCOMPARE(r.cp, 0);
        QCOMPARE(r.dp, 3);
        QCOMPARE(r.ep, 1);
        QCOMPARE(r.expertDp, 1);
        QCOMPARE(r.pp, 0);
        QCOMPARE(r.gpu, 13); // ranks fill GPUs in order
        QCOMPARE(map(16).pp, 1);
        // Another order moves DP inside CP: rank 13 = tp 1 + 2 x (dp 2 + 4 x cp 1).
        const RankMapper dpFirst = plannerRankMapper(p, *parseRankOrder("tp-dp-cp-pp"), 8, 8);
        QCOMPARE(dpFirst(13).dp, 2);
        QCOMPARE(dpFirst(13).cp, 1);
    }

    void rackJobEndToEnd() {
        const Scenario s = presetScenario("t", "llama3-70b", "superpod-h100", 1024, 8, 4, 32);
        const RackJob job = plannerRackJob(s, m_catalog, s.planner);
        QCOMPARE(job.worldSize, 1024);
        QCOMPARE(job.rankOrder, std::string("tp-cp-ep-dp-pp"));
        QCOMPARE(static_cast<int>(job.stageBytes.size()), 4);
        const RackGeometry g = buildRackGeometry(m_catalog, "superpod-h100", 1024);
        const ParallelOverlay o = buildParallelOverlay(g, job.worldSize, job.mapper);
        QCOMPARE(o.spillingGroups(GroupKind::Tensor), 0);
        // DP groups (stride 8, 32 ranks) stay inside one SU of 32 nodes: one leaf per rail.
        QCOMPARE(o.groups[static_cast<size_t>(GroupKind::Data)].front().fabricTier, 1);
        // PP groups (stride 256) cross SUs: spines.
        QCOMPARE(o.groups[static_cast<size_t>(GroupKind::Pipeline)].front().fabricTier, 2);
    }

    void rejectedScenarios() {
        // 128 pipeline stages for 80 layers.
        Scenario s = presetScenario("t", "llama3-70b", "dgx-h100", 1024, 8, 128, 1);
        try {
            (void)plannerRackJob(s, m_catalog, s.planner);
            QFAIL("pp 128 accepted");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("/parallelism/pp"));
        }
        s = presetScenario("t", "llama3-70b", "no-such-system", 64, 8, 4, 2);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)plannerRackJob(s, m_catalog, s.planner));
    }

private:
    Catalog m_catalog;
};

QTEST_GUILESS_MAIN(TestRackTraffic)
#include "tst_rack_traffic.moc"
