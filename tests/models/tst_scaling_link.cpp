#include "models/scaling/scaling_link.h"

#include <QTest>

#include <cmath>
#include <stdexcept>

using namespace scalescope::models;

namespace {
bool near(double value, double expected, double relative) {
    return std::abs(value - expected) <= relative * std::abs(expected);
}
} // namespace

class TestScalingLink : public QObject {
    Q_OBJECT

private slots:
    void handComputedCluster() {
        // 1,024 GPUs for 30 days at 400 TFLOP/s achieved each:
        //   C = 1024 × (30 × 86,400 s) × 4e14 FLOP/s = 1024 × 2,592,000 × 4e14 = 1.0616832e24.
        // Epoch's law (E 1.81686, A 482.006, B 2085.434, α 0.34781, β 0.36585):
        //   G = (αA/(βB))^(1/(α+β)) = (167.647/762.957)^(1/0.71366) = 0.219728^1.401228 = 0.119631,
        //   a = β/(α+β) = 0.512639, b = 0.487361, C/6 = 1.769472e23 (ln 53.530138);
        //   N_opt = 0.119631 × e^(0.512639 × 53.530138) = 0.119631 × 8.27473e11 = 98.99 B,
        //   D_opt = e^(0.487361 × 53.530138) / 0.119631 = 2.13838e11 / 0.119631 = 1.7875 T;
        //   L_opt = 1.81686 + 482.006/N^0.34781 + 2085.434/D^0.36585
        //         = 1.81686 + 0.072223 + 0.068661 = 1.957744.
        // The scenario's own 70.6 B model on 15 T tokens:
        //   L = 1.81686 + 482.006/70.6e9^0.34781 + 2085.434/15e12^0.36585
        //     = 1.81686 + 0.081232 + 0.031530 = 1.929622.
        // Twice the cluster: N_opt × 2^a = 98.99 B × 1.426658 = 141.2 B, D = 2.5059 T,
        //   L_opt(2C) = 1.941365.
        ScalingLinkInputs inputs;
        inputs.gpuCount = 1024;
        inputs.trainingSeconds = 30 * 86400.0;
        inputs.achievedFlopsPerGpu = 4e14;
        inputs.parameters = totalParameters(70.6e9);
        inputs.tokens = 15e12;
        const auto link = scalingLink(inputs, epochLikelihoodLaw());
        QCOMPARE(link.law, std::string("chinchilla-epoch"));
        QVERIFY(near(link.computeBudgetFlop, 1.0616832e24, 1e-15));
        QVERIFY2(near(link.optimalParameters, 98.99e9, 1e-4),
                 qPrintable(QString::number(link.optimalParameters, 'g', 8)));
        QVERIFY(near(link.optimalTokens, 1.7875e12, 1e-4));
        QVERIFY(std::abs(link.optimalLoss - 1.957744) < 2e-6);
        QVERIFY(std::abs(link.predictedLoss - 1.929622) < 2e-6);
        QVERIFY(std::abs(link.doubledClusterLoss - 1.941365) < 2e-6);
        // The over-trained 70.6 B model beats the compute-optimal loss of its own budget: it
        // was trained on more compute (6·70.6e9·15e12 = 6.35e24 FLOP) than this cluster has.
        QVERIFY(link.predictedLoss < link.optimalLoss);
        QVERIFY(link.doubledClusterLoss < link.optimalLoss);
    }

    void budgetIsGpusTimesSecondsTimesRate() {
        QCOMPARE(clusterComputeFlop(8, 3600, 5e14), 8 * 3600 * 5e14);
    }

    void badInputs_data() {
        QTest::addColumn<double>("gpus");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("tokens");
        QTest::newRow("zero GPUs") << 0.0 << 1.0 << 1e14 << 1e12;
        QTest::newRow("negative time") << 8.0 << -1.0 << 1e14 << 1e12;
        QTest::newRow("NaN rate") << 8.0 << 1.0 << std::nan("") << 1e12;
        QTest::newRow("no tokens") << 8.0 << 1.0 << 1e14 << 0.0;
    }
    void badInputs() {
        QFETCH(double, gpus);
        QFETCH(double, seconds);
        QFETCH(double, rate);
        QFETCH(double, tokens);
        ScalingLinkInputs inputs{gpus, seconds, rate, totalParameters(7e9), tokens};
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)scalingLink(inputs, epochLikelihoodLaw()));
    }

    void countingMustMatchTheLaw() {
        ScalingLinkInputs inputs{8, 3600, 4e14, nonEmbeddingParameters(7e9), 1e12};
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)scalingLink(inputs, epochLikelihoodLaw()));
    }
};

QTEST_GUILESS_MAIN(TestScalingLink)
#include "tst_scaling_link.moc"
