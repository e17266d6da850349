// The achieved-efficiency model against the H200 measurements it was built from (shared
// docs/reference/H200-measured.md), and its generation profiles.

#include "models/planner/efficiency_model.h"

#include <QTest>

using namespace scalescope::models;

namespace {

AcceleratorSpec h200() {
    AcceleratorSpec
        gpu; // datasheet values, hardware reference README (tests/data/reference/hardware) table 1a
    gpu.id = "h200-sxm";
    gpu.architecture = "Hopper (GH100)";
    gpu.formFactor = "SXM5";
    gpu.bf16FlopsPerSecond = 989.5e12;
    gpu.fp8FlopsPerSecond = 1979e12;
    gpu.hbmBytes = 141e9;
    gpu.hbmBytesPerSecond = 4.8e12;
    return gpu;
}

} // namespace

class TestEfficiencyModel : public QObject {
    Q_OBJECT
private slots:
    void gemmAgainstH200_data() {
        QTest::addColumn<double>("m");
        QTest::addColumn<double>("n");
        QTest::addColumn<double>("k");
        QTest::addColumn<bool>("fp8");
        QTest::addColumn<double>("measuredTflops");
        QTest::addColumn<double>("tolerance");
        // Sustained (4 s, power-limited) table: the cap binds for large products.
        QTest::newRow("sustained 4096^3") << 4096.0 << 4096.0 << 4096.0 << false << 668.7 << 0.03;
        QTest::newRow("sustained 8192^3") << 8192.0 << 8192.0 << 8192.0 << false << 665.7 << 0.03;
        QTest::newRow("sustained 16384^3")
            << 16384.0 << 16384.0 << 16384.0 << false << 670.0 << 0.03;
        QTest::newRow("sustained MLP up h4096")
            << 8192.0 << 16384.0 << 4096.0 << false << 652.2 << 0.03;
        QTest::newRow("sustained fp8 8192^3")
            << 8192.0 << 8192.0 << 8192.0 << true << 1218.9 << 0.03;
        // Below the cap, the wave and K-epilogue terms bind (short-burst medians).
        QTest::newRow("MLP up h2048 (K 2048)")
            << 8192.0 << 8192.0 << 2048.0 << false << 603.5 << 0.05;
        QTest::newRow("QKV h2048 (K 2048)") << 8192.0 << 6144.0 << 2048.0 << false << 615.4 << 0.05;
        QTest::newRow("MLP down h2048 (N 2048)")
            << 8192.0 << 2048.0 << 8192.0 << false << 649.0 << 0.08;
    }
    void gemmAgainstH200() {
        QFETCH(double, m);
        QFETCH(double, n);
        QFETCH(double, k);
        QFETCH(bool, fp8);
        QFETCH(double, measuredTflops);
        QFETCH(double, tolerance);
        const GpuRates rates = gpuRates(h200(), fp8 ? Precision::Fp8 : Precision::Bf16);
        const double seconds = gemmSeconds(rates, m, n, k, fp8);
        const double predicted = 2.0 * m * n * k / seconds * 1e-12;
        QVERIFY2(qAbs(predicted / measuredTflops - 1.0) < tolerance,
                 qPrintable(QString("predicted %1 TFLOP/s").arg(predicted)));
        QCOMPARE(seconds, 2.0 * m * n * k / gemmFlopsPerSecond(rates, m, n, k, fp8));
    }

    void fusedAttentionAgainstSdpa_data() {
        QTest::addColumn<double>("batch");
        QTest::addColumn<double>("heads");
        QTest::addColumn<double>("sequence");
        QTest::addColumn<double>("headDim");
        QTest::addColumn<double>("measuredTflops"); // fwd+bwd, causal FLOPs = 3.5 x 2 B H S^2 D
        QTest::newRow("S2048 D128") << 8.0 << 16.0 << 2048.0 << 128.0 << 408.9;
        QTest::newRow("S4096 D128") << 4.0 << 32.0 << 4096.0 << 128.0 << 503.2;
        QTest::newRow("S2048 D64") << 16.0 << 12.0 << 2048.0 << 64.0 << 327.1;
    }
    void fusedAttentionAgainstSdpa() {
        // The three points the (a_max, s0, d0) form was fitted on: a reproduction check.
        QFETCH(double, batch);
        QFETCH(double, heads);
        QFETCH(double, sequence);
        QFETCH(double, headDim);
        QFETCH(double, measuredTflops);
        const GpuRates rates = gpuRates(h200(), Precision::Bf16);
        const double flops = 3.5 * 2.0 * batch * heads * sequence * sequence * headDim;
        const double predicted =
            flops / fusedAttentionSeconds(rates, flops, sequence, headDim) * 1e-12;
        QVERIFY2(qAbs(predicted / measuredTflops - 1.0) < 0.02,
                 qPrintable(QString::number(predicted)));
    }

    void hbmAgainstCopy() {
        // hbm_copy 4 GiB: 4,288 GB/s; the model streams at 0.89 x 4.8 TB/s = 4,272 GB/s.
        const GpuRates rates = gpuRates(h200(), Precision::Bf16);
        const double seconds = memoryBoundSeconds(rates, 2.0 * 4.0 * 1073741824.0);
        QVERIFY(qAbs(2.0 * 4.0 * 1073741824.0 / seconds / 4288.2e9 - 1.0) < 0.01);
    }

    void profilesComeFromTheCatalog() {
        // The calibration lives in data/catalog/accelerators.json ("efficiency"); the values
        // below are the ones the model was built with (this file's header and
        // models/planner/efficiency_model.h): A100 fitted 0.83 / 0.76 on 108 SMs, Hopper
        // measured 0.93 / 0.672 / 0.614 (132 SMs, 114 on PCIe cards), Blackwell borrowing
        // Hopper's fractions on 148 SMs.
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const ComputeProfile ampere = computeProfile(*catalog.findAccelerator("a100-sxm4-80gb"));
        QCOMPARE(ampere.family, std::string("Ampere"));
        QCOMPARE(ampere.streamingMultiprocessors, 108);
        QCOMPARE(ampere.boostGemmFraction, 0.83);
        QCOMPARE(ampere.sustainedGemmFraction, 0.76);
        QCOMPARE(ampere.attentionSequenceHalf, 657.0);
        QVERIFY(ampere.measured);
        const ComputeProfile hopper = computeProfile(*catalog.findAccelerator("h200-sxm"));
        QCOMPARE(hopper.family, std::string("Hopper"));
        QCOMPARE(hopper.sustainedGemmFraction, 0.672);
        QCOMPARE(hopper.sustainedGemmFractionLowPrecision, 0.614);
        QCOMPARE(hopper.hbmFraction, 0.89);
        QVERIFY(hopper.basis.find("H200") != std::string::npos);
        QCOMPARE(computeProfile(*catalog.findAccelerator("h100-pcie")).streamingMultiprocessors,
                 114);
        QCOMPARE(computeProfile(*catalog.findAccelerator("h800-sxm")).streamingMultiprocessors,
                 132);
        for (const char *id : {"b200", "gb200", "gb300"}) {
            const ComputeProfile blackwell = computeProfile(*catalog.findAccelerator(id));
            QCOMPARE(blackwell.streamingMultiprocessors, 148);
            QVERIFY(!blackwell.measured);
            QCOMPARE(blackwell.boostGemmFraction, 0.93);
        }
        // Every calibrated entry names its source.
        for (const auto &accelerator : catalog.accelerators)
            if (accelerator.efficiency)
                QVERIFY2(!accelerator.efficiency->source.empty(), accelerator.id.c_str());
    }

    void uncalibratedAcceleratorIsGeneric() {
        // No "efficiency" object: Hopper's constants, flagged as not measured. The architecture
        // text no longer selects anything: an "Ampere" string without calibration is generic.
        const Catalog catalog = loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
        const ComputeProfile tpu = computeProfile(*catalog.findAccelerator("tpu-v5p"));
        QCOMPARE(tpu.family, std::string("generic"));
        QVERIFY(!tpu.measured);
        QCOMPARE(tpu.streamingMultiprocessors, 132);
        AcceleratorSpec bare;
        bare.architecture = "Ampere (GA100)";
        QCOMPARE(computeProfile(bare).family, std::string("generic"));
        QCOMPARE(computeProfile(bare).sustainedGemmFraction, 0.672);
    }

    void missingPrecisionHasNoRate() {
        AcceleratorSpec gpu = h200();
        gpu.fp8FlopsPerSecond = 0.0;
        const GpuRates rates = gpuRates(gpu, Precision::Fp8);
        QCOMPARE(gemmSeconds(rates, 1024, 1024, 1024, true), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestEfficiencyModel)
#include "tst_efficiency_model.moc"
