// Model-state bytes per GPU under the named recipes and ZeRO stages, against hand calculations.

#include "models/planner/model_arithmetic.h"
#include "models/planner/optimizer_recipe.h"

#include <QTest>

using namespace scalescope::models;

namespace {
constexpr double gib = 1073741824.0;
}

class TestOptimizerRecipe : public QObject {
    Q_OBJECT
private slots:
    void talkOneBillionParametersMixedAdam() {
        // NVIDIA talk: "1B parameters in FP16 with Adam: 1e9 x (2 + 2 + 12) = 14.90 GB";
        // 16e9 B / 2^30 = 14.901 GiB (the slide's GB is GiB).
        const auto mixed = findOptimizerRecipe("mixed");
        QVERIFY(mixed);
        const ModelStateBytes bytes = modelStateBytes(*mixed, 1e9, 0, 1);
        QCOMPARE(bytes.weightsBytes, 2e9);
        QCOMPARE(bytes.gradientsBytes, 2e9);
        QCOMPARE(bytes.optimizerBytes, 12e9);
        const double total = bytes.weightsBytes + bytes.gradientsBytes + bytes.optimizerBytes;
        QVERIFY(qAbs(total / gib - 14.90) < 0.005);
    }

    void gpt67bTorchAmpOnOneGpu() {
        // GPT-3 6.7B (Brown et al. 2020 Table 2.1): L 32, h 4096, 32 heads, ffn 4h, V 50257,
        // s 2048, learned positions, tied embeddings, LayerNorm, biases. Hand count
        // 12 L h^2 + 13 L h + (V + s) h + 2 h (Narayanan et al. 2021 sec. 5.1 + final norm):
        // 6,442,450,944 + 1,703,936 + 214,241,280 + 8,192 = 6,658,404,352.
        ModelShape gpt;
        gpt.layers = 32;
        gpt.hidden = 4096;
        gpt.heads = 32;
        gpt.kvHeads = 32;
        gpt.ffn = 16384;
        gpt.vocab = 50257;
        gpt.seqLen = 2048;
        gpt.tiedEmbeddings = true;
        gpt.positionEmbedding = PositionEmbedding::Learned;
        gpt.norm = NormKind::LayerNorm;
        gpt.linearBiases = true;
        const double parameters = computeModelArithmetic(gpt).totalParameters;
        QCOMPARE(parameters, 6658404352.0);
        // torch-amp: fp32 weights 4 + fp32 gradients 4 + Adam m, v 8 = 16 B/param = 99.2 GiB;
        // the bf16 autocast copies add 2 B/param = 12.4 GiB (111.6 GiB in all, < 141 GB).
        const auto amp = findOptimizerRecipe("torch-amp");
        QVERIFY(amp);
        const ModelStateBytes bytes = modelStateBytes(*amp, parameters, 0, 1);
        const double copies = amp->unshardedCopyBytesPerParameter * parameters;
        const double states =
            bytes.weightsBytes - copies + bytes.gradientsBytes + bytes.optimizerBytes;
        QVERIFY(qAbs(states / gib - 99.2) < 0.05);
        QVERIFY(qAbs(copies / gib - 12.4) < 0.05);
        QVERIFY(bytes.weightsBytes + bytes.gradientsBytes + bytes.optimizerBytes < 141e9);
    }

    void zeroStagesSevenBillionOnEightWayDp_data() {
        QTest::addColumn<QString>("recipe");
        QTest::addColumn<int>("stage");
        QTest::addColumn<double>("expectedGb");
        // 7e9 params, d = 8. mixed: 16 B; ZeRO-1 2 + 2 + 12/8 = 5.5 B; ZeRO-2 2 + 14/8 =
        // 3.75 B; ZeRO-3 16/8 = 2 B. megatron: 18 B; distributed optimizer 6 + 12/8 = 7.5 B;
        // ZeRO-2 2 + 16/8 = 4 B; ZeRO-3 18/8 = 2.25 B.
        QTest::newRow("mixed ZeRO-0") << "mixed" << 0 << 112.0;
        QTest::newRow("mixed ZeRO-1") << "mixed" << 1 << 38.5;
        QTest::newRow("mixed ZeRO-2") << "mixed" << 2 << 26.25;
        QTest::newRow("mixed ZeRO-3") << "mixed" << 3 << 14.0;
        QTest::newRow("megatron DDP") << "megatron" << 0 << 126.0;
        QTest::newRow("megatron dist-opt") << "megatron" << 1 << 52.5;
        QTest::newRow("megatron ZeRO-2") << "megatron" << 2 << 28.0;
        QTest::newRow("megatron ZeRO-3") << "megatron" << 3 << 15.75;
    }
    void zeroStagesSevenBillionOnEightWayDp() {
        QFETCH(QString, recipe);
        QFETCH(int, stage);
        QFETCH(double, expectedGb);
        const auto found = findOptimizerRecipe(recipe.toStdString());
        QVERIFY(found);
        const ModelStateBytes bytes = modelStateBytes(*found, 7e9, stage, 8);
        const double total = bytes.weightsBytes + bytes.gradientsBytes + bytes.optimizerBytes;
        QVERIFY2(qAbs(total / 1e9 - expectedGb) < 1e-9, qPrintable(QString::number(total / 1e9)));
    }

    void recipeTotals_data() {
        QTest::addColumn<QString>("recipe");
        QTest::addColumn<double>("bytesPerParameter");
        QTest::newRow("mixed") << "mixed" << 16.0;         // ZeRO paper
        QTest::newRow("megatron") << "megatron" << 18.0;   // Megatron theoretical memory
        QTest::newRow("torch-amp") << "torch-amp" << 18.0; // 16 + 2 autocast
        QTest::newRow("fp8") << "fp8" << 19.0;             // 18 + 1 FP8 weight copy
        QTest::newRow("fp8-primary") << "fp8-primary" << 17.0;
    }
    void recipeTotals() {
        QFETCH(QString, recipe);
        QFETCH(double, bytesPerParameter);
        QCOMPARE(findOptimizerRecipe(recipe.toStdString())->totalBytesPerParameter(),
                 bytesPerParameter);
    }

    void unknownRecipe() { QVERIFY(!findOptimizerRecipe("sgd-magic")); }
};

QTEST_GUILESS_MAIN(TestOptimizerRecipe)
#include "tst_optimizer_recipe.moc"
