// Activation memory against Korthikanti et al. 2022 Table 2 (the paper's closed forms typed in
// here), pipeline in-flight counts, logits and the framework overhead, by hand.

#include "models/planner/memory_model.h"

#include <QTest>

using namespace scalescope::models;

namespace {

ActivationShape gptLayer(double h, double a, double s, double b, double t) {
    ActivationShape shape;
    shape.sequence = s;
    shape.keySequence = s;
    shape.microBatch = b;
    shape.hidden = h;
    shape.queryWidth = h;
    shape.kvWidth = h;
    shape.heads = a;
    shape.ffnWidth = 4.0 * h;
    shape.tensorParallel = t;
    shape.fusedAttention = false;
    shape.dropoutMasks = true;
    return shape;
}

} // namespace

class TestMemoryModel : public QObject {
    Q_OBJECT
private slots:
    void korthikantiTable2_data() {
        QTest::addColumn<double>("h");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("t");
        QTest::addColumn<bool>("sp");
        QTest::addColumn<int>("recompute");
        QTest::addColumn<double>("perSbh"); // Table 2 bytes / (s b h), typed from the paper
        // Korthikanti Table 3 models, s = 2048, b = 1. Table 2:
        //   TP:            10 + 24/t + 5 a s / (h t)
        //   TP + SP:       34/t + 5 a s / (h t)
        //   TP + sel:      10 + 24/t
        //   TP + SP + sel: 34/t
        //   full:          2 (2/t with SP)
        struct Model {
            const char *name;
            double h, a;
        };
        const Model models[] = {
            {"22B", 6144, 64}, {"175B", 12288, 96}, {"530B", 20480, 128}, {"1T", 25600, 160}};
        const double s = 2048.0;
        const double t = 8.0;
        for (const auto &m : models) {
            const double scores = 5.0 * m.a * s / (m.h * t);
            QTest::addRow("%s TP", m.name)
                << m.h << m.a << t << false << 0 << 10.0 + 24.0 / t + scores;
            QTest::addRow("%s TP+SP", m.name) << m.h << m.a << t << true << 0 << 34.0 / t + scores;
            QTest::addRow("%s TP+sel", m.name) << m.h << m.a << t << false << 1 << 10.0 + 24.0 / t;
            QTest::addRow("%s TP+SP+sel", m.name) << m.h << m.a << t << true << 1 << 34.0 / t;
            QTest::addRow("%s full", m.name) << m.h << m.a << t << false << 2 << 2.0;
            QTest::addRow("%s full+SP", m.name) << m.h << m.a << t << true << 2 << 2.0 / t;
        }
        // No parallelism: 34 + 5 a s / h.
        QTest::addRow("22B t=1") << 6144.0 << 64.0 << 1.0 << false << 0
                                 << 34.0 + 5.0 * 64 * s / 6144;
    }
    void korthikantiTable2() {
        QFETCH(double, h);
        QFETCH(double, a);
        QFETCH(double, t);
        QFETCH(bool, sp);
        QFETCH(int, recompute);
        QFETCH(double, perSbh);
        ActivationShape shape = gptLayer(h, a, 2048.0, 1.0, t);
        shape.sequenceParallel = sp;
        shape.recompute = static_cast<Recompute>(recompute);
        const double expected = perSbh * 2048.0 * h;
        QVERIFY2(qAbs(activationBytesPerLayer(shape) / expected - 1.0) < 1e-12,
                 qPrintable(QString::number(activationBytesPerLayer(shape) / expected)));
    }

    void fusedAttentionDropsScores() {
        // FlashAttention keeps no a s^2 buffers: the TP term becomes 10 + 24/t like selective.
        ActivationShape shape = gptLayer(12288, 96, 2048, 1, 8);
        shape.fusedAttention = true;
        QCOMPARE(activationBytesPerLayer(shape), (10.0 + 24.0 / 8.0) * 2048.0 * 12288.0);
    }

    void gatedGqaLayer() {
        // Llama 2 70B layer: h 8192, 64 heads of 128, 8 KV heads (kv width 1024), SwiGLU
        // f 28672, no dropout, TP 8 with SP, fused attention, s 4096, b 1. Per token:
        //   norm inputs 2+2, QKV and FC1 inputs 2+2 -> 8 h / 8 = 8192
        //   Q 2q + K,V 4 kv + attention output 2q -> (16384 + 4096 + 16384) / 8 = 4608
        //   gate, up 2+2 and FC2 input 2 -> 6 f / 8 = 21504
        //   total 34304 bytes per token.
        ActivationShape shape;
        shape.sequence = 4096;
        shape.keySequence = 4096;
        shape.hidden = 8192;
        shape.queryWidth = 8192;
        shape.kvWidth = 1024;
        shape.heads = 64;
        shape.ffnWidth = 28672;
        shape.gatedMlp = true;
        shape.tensorParallel = 8;
        shape.sequenceParallel = true;
        shape.dropoutMasks = false;
        QCOMPARE(activationBytesPerLayer(shape), 34304.0 * 4096.0);
        // FP8 GEMM inputs (1 byte): QKV, FC1 -> -2 h/8; attention output -q/8; FC2 input -f/8:
        // 34304 - 2048 - 1024 - 3584 = 27648 bytes per token.
        shape.gemmInputBytes = 1.0;
        QCOMPARE(activationBytesPerLayer(shape), 27648.0 * 4096.0);
    }

    void fullRecomputeWorkingSet() {
        // The recomputed layer's own activations are live once: the no-recompute total.
        ActivationShape shape = gptLayer(6144, 64, 2048, 4, 8);
        shape.recompute = Recompute::Full;
        QCOMPARE(activationBytesPerLayer(shape), 2.0 * 2048 * 4 * 6144);
        QCOMPARE(recomputeWorkingSetBytes(shape),
                 (10.0 + 24.0 / 8.0 + 5.0 * 64 * 2048 / (6144.0 * 8)) * 2048 * 4 * 6144);
    }

    void inFlight_data() {
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("pp");
        QTest::addColumn<int>("vpp");
        QTest::addColumn<int>("m");
        QTest::addColumn<double>("expected");
        // 1F1B: stage i holds p - i micro-batches (capped by m).
        QTest::newRow("1F1B first") << 0 << 8 << 1 << 64 << 8.0;
        QTest::newRow("1F1B last") << 7 << 8 << 1 << 64 << 1.0;
        QTest::newRow("1F1B m < p") << 0 << 8 << 1 << 4 << 4.0;
        QTest::newRow("no pipeline") << 0 << 1 << 1 << 16 << 1.0;
        // Interleaved, stage 0: p (1 + (p - 1)/(p v)) = 8 (1 + 7/24) = 10.333...
        QTest::newRow("interleaved first") << 0 << 8 << 3 << 64 << 8.0 * (1.0 + 7.0 / 24.0);
        // Last stage: (2 (p - i - 1) + (v - 1) p + 1) / v = (0 + 16 + 1)/3.
        QTest::newRow("interleaved last") << 7 << 8 << 3 << 64 << 17.0 / 3.0;
        // Capped by all m v chunks: m = 2 -> 6 chunks / 3 = 2.
        QTest::newRow("interleaved cap") << 0 << 8 << 3 << 2 << 2.0;
    }
    void inFlight() {
        QFETCH(int, stage);
        QFETCH(int, pp);
        QFETCH(int, vpp);
        QFETCH(int, m);
        QFETCH(double, expected);
        QVERIFY(qAbs(inFlightMicroBatches(stage, pp, vpp, m) - expected) < 1e-12);
    }

    void logits() {
        // 6 s b V / t (bf16 logits + fp32 copy) + 2 s b h x: s 2048, b 1, V 51200, h 12288,
        // t 8, no SP: 6*2048*51200/8 + 2*2048*12288 = 78,643,200 + 50,331,648.
        QCOMPARE(logitsBytes(2048, 1, 12288, 51200, 8, false), 78643200.0 + 50331648.0);
        QCOMPARE(logitsBytes(2048, 1, 12288, 51200, 8, true), 78643200.0 + 50331648.0 / 8);
    }

    void overhead() {
        // 1 GiB + 3 communicators x 256 MiB + 5% of 10 GiB = 2.25 GiB.
        QCOMPARE(frameworkOverheadBytes(10.0 * 1073741824.0, 3), 2.25 * 1073741824.0);
    }
};

QTEST_GUILESS_MAIN(TestMemoryModel)
#include "tst_memory_model.moc"
