// Serving time (models/inference/inference_time.h) against hand-worked numbers and the decode
// steps measured on one H100 (docs/inference.md, "Engine efficiencies").

#include "models/catalog/catalog.h"
#include "models/inference/inference_hardware.h"
#include "models/inference/inference_time.h"
#include "models/scenario/model_presets.h"

#include <QTest>

#include "tests/support/inference_fixtures.h"
#include "tests/support/numeric_checks.h"

#include <cmath>

using namespace scalescope::models;
using scalescope::testing::handH100;
using scalescope::testing::near;
using scalescope::testing::preset;

namespace {

const std::string kData = SCALESCOPE_SOURCE_DATA_DIR;

InferenceHardware catalogHardware(const std::string &system) {
    const Catalog catalog = loadCatalog({kData + "/catalog"});
    HardwareChoice choice;
    choice.systemId = system;
    return inferenceHardware(catalog, choice);
}

} // namespace

class TestInferenceTime : public QObject {
    Q_OBJECT
private slots:
    void expectedDistinctExperts_() {
        // One token touches exactly its k experts: 256 x (1 - (1 - 8/256)) = 8.
        QVERIFY(near(expectedDistinctExperts(256, 8, 1), 8.0, 1e-12));
        // 32 tokens: 256 x (1 - (248/256)^32) = 256 x (1 - 0.362055) = 163.3138.
        QVERIFY(near(expectedDistinctExperts(256, 8, 32), 163.31384595, 1e-9));
        // Many tokens touch every expert; none touch none.
        QVERIFY(near(expectedDistinctExperts(8, 2, 1000), 8.0, 1e-9));
        QCOMPARE(expectedDistinctExperts(256, 8, 0), 0.0);
    }

    void decodeRooflineCrossover() {
        // B* = peak x bytes per parameter / (2 x HBM bandwidth), catalog datasheet values.
        const InferenceHardware h100 = catalogHardware("dgx-h100");
        const InferenceHardware b200 = catalogHardware("dgx-b200");
        // H100 FP8: 1,979e12 x 1 / (2 x 3.35e12) = 295.37; BF16 gives the same
        // (989.5e12 x 2 / 6.7e12): half the rate, twice the bytes.
        QVERIFY(near(decodeCrossoverBatch(h100.gemmFlopsPerSecond(Precision::Fp8),
                                          h100.hbmBytesPerSecond, 1.0),
                     295.3731, 1e-5));
        QVERIFY(near(decodeCrossoverBatch(h100.gemmFlopsPerSecond(Precision::Bf16),
                                          h100.hbmBytesPerSecond, 2.0),
                     295.3731, 1e-5));
        // B200 FP8: 4,500e12 x 1 / (2 x 8e12) = 281.25; NVFP4: 9,000e12 x 0.5625 / 16e12
        // = 316.41 (the block scales add bytes, not FLOPs).
        QVERIFY(near(decodeCrossoverBatch(b200.gemmFlopsPerSecond(Precision::Fp8),
                                          b200.hbmBytesPerSecond, 1.0),
                     281.25, 1e-9));
        QVERIFY(near(
            decodeCrossoverBatch(b200.gemmFlopsPerSecond(Precision::Fp4), b200.hbmBytesPerSecond,
                                 storageBytesPerValue({Precision::Fp4, BlockScale::Nvfp4})),
            316.40625, 1e-9));

        // The step model crosses there too: Llama 3 8B, FP8 (tables too), both efficiencies 1,
        // one token of context. Streamed bytes are the weights without the input table
        // (7,504,924,672 B) and the GEMMs do 2 x 7,504,924,672 FLOPs per token (LM head
        // included), so FLOP time / byte time = B / B* exactly.
        ServingSettings settings;
        settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
        settings.engine.hbmEfficiency = settings.engine.computeEfficiency = 1.0;
        settings.engine.embeddingsBf16 = false;
        const InferenceContext context = makeInferenceContext(preset("llama3-8b"), h100, settings);
        const double crossover = 295.3731;
        const ServingStep at = forwardStep(context, crossover, 1.0, 0.0, 0.0);
        QVERIFY(near(at.weightBytes, 7504924672.0, 1e-9));
        QVERIFY(near(at.computeSeconds, at.memorySeconds, 0.01)); // attention and KV: < 1 %
        QVERIFY(forwardStep(context, crossover / 2, 1.0, 0.0, 0.0).memoryBound());
        QVERIFY(!forwardStep(context, crossover * 2, 1.0, 0.0, 0.0).memoryBound());
    }

    void decodeStepAgainstMeasuredH100() {
        // Llama-3-8B shape, BF16, plain PyTorch + CUDA graphs, whole static cache of
        // ctx + 64 = 1,088 positions read per step (docs/inference.md).
        const ModelShape llama = preset("llama3-8b");
        ServingSettings settings;
        settings.inputTokens = 1024;
        settings.outputTokens = 64;
        settings.contextLimit = 131072;
        const InferenceContext context = makeInferenceContext(llama, handH100(), settings);
        // Weights streamed: (8,030,261,248 - 525,336,576 input table) x 2 B = 15,009,849,344 B.
        // Batch 1: + 1,088 x 131,072 B KV = 15,152,455,680 B at 3.35e12 x 1870/3350 = 1.87e12
        // B/s = 8.1029 ms (measured 8.10 ms: the efficiency's own source).
        const ServingStep one = forwardStep(context, 1, 1088, 0, 0);
        QVERIFY(near(one.weightBytes, 15009849344.0, 1e-9));
        QVERIFY(near(one.totalSeconds, 15152455680.0 / 1.87e12, 1e-6));
        // Batch 32: KV 32 x 1,088 x 131,072 = 4,563,402,752 B; (15,009,849,344 + 4,563,402,752)
        // / 1.87e12 = 10.467 ms (GEMMs: 32 x 2 x 7.5e9 / 508e12 = 0.95 ms, hidden). Measured
        // independently: 9.57 ms (+9.4 %).
        const ServingStep b32 = forwardStep(context, 32, 1088, 0, 0);
        QVERIFY(near(b32.totalSeconds, 19573252096.0 / 1.87e12, 1e-6));
        QVERIFY(near(b32.totalSeconds, 9.57e-3, 0.10));
        // Batch 256: 15,009,849,344 + 36,507,222,016 B KV = 27.55 ms; measured 24.25 ms (+13.6 %).
        QVERIFY(near(forwardStep(context, 256, 1088, 0, 0).totalSeconds, 24.25e-3, 0.15));
    }

    void tensorParallelAllReduce() {
        const ModelShape llama = preset("llama3-70b");
        ServingSettings settings;
        settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
        settings.layout.tp = 8;
        const InferenceContext context = makeInferenceContext(llama, handH100(), settings);
        // 64 tokens x 8,192 x 2 B = 1,048,576 B per all-reduce; ring over 8 GPUs in one NVLink
        // domain: 2 x 7/8 x 1,048,576 / (450e9 x 0.8) = 5.0972 us; 2 per layer x 80 layers
        // = 0.81555 ms.
        const ServingStep step = forwardStep(context, 64, 1.0, 0.0, 0.0);
        QVERIFY(near(step.communicationSeconds, 160 * 1.75 * 1048576 / 360e9, 1e-9));
        // tp 16 spans two domains: + 2 x 1/2 x (M / 8) / (50e9 x 0.92) per all-reduce.
        settings.layout.tp = 16;
        const InferenceContext wide = makeInferenceContext(llama, handH100(), settings);
        const double perAllReduce = 1.75 * 1048576 / 360e9 + 1048576.0 / 8 / 46e9;
        QVERIFY(near(forwardStep(wide, 64, 1.0, 0.0, 0.0).communicationSeconds, 160 * perAllReduce,
                     1e-9));
    }

    void pipelineStages() {
        const ModelShape llama = preset("llama3-70b");
        ServingSettings settings;
        settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
        settings.layout.pp = 2;
        settings.engine.hbmEfficiency = settings.engine.computeEfficiency = 1.0;
        const InferenceContext context = makeInferenceContext(llama, handH100(), settings);
        // The last stage is the slower: 40 layers x 855,654,400 + 8,192 (final norm) at 1 B
        // + the BF16 LM head 128,256 x 8,192 x 2 B = 36,327,530,496 B streamed (the first
        // stage only gathers rows of its input table: 34,226,176,000 B). Two micro-batches of
        // one sequence each pass both stages: 2 x 36,327,530,496 / 3.35e12 = 21.688 ms (KV,
        // FLOPs and the 16 KiB NVLink hop add < 0.01 %).
        const ServingStep step = forwardStep(context, 2, 1.0, 0.0, 0.0);
        QVERIFY(near(step.weightBytes, 36327530496.0, 1e-12));
        QVERIFY(near(step.totalSeconds, 2 * 36327530496.0 / 3.35e12, 1e-4));
    }

    void moeStreamsTouchedExperts() {
        const ModelShape deepseek = preset("deepseek-v3");
        ServingSettings settings;
        settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
        const InferenceContext context = makeInferenceContext(deepseek, handH100(), settings);
        // Going from 1 to 32 decode tokens adds 163.3138 - 8 expected experts in each of the
        // 58 MoE layers, 44,040,192 B each (3 x 7168 x 2048 at 1 B): 396,722,992,562 B.
        const double added = forwardStep(context, 32, 1.0, 0.0, 0.0).weightBytes -
                             forwardStep(context, 1, 1.0, 0.0, 0.0).weightBytes;
        QVERIFY(near(added, 58.0 * (163.31384595 - 8.0) * 44040192.0, 1e-9));
    }

    void continuousBatchingSteadyState() {
        const ModelShape llama = preset("llama3-70b");
        ServingSettings settings;
        settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
        settings.layout.tp = 2;
        settings.inputTokens = 1000;
        settings.outputTokens = 500;
        const InferenceContext context = makeInferenceContext(llama, handH100(), settings);
        const InferencePoint point = evaluateInference(context, 64);
        // Each sequence brings 1,000 prompt tokens per 500 decode steps: 64 x 2 = 128 per step.
        QCOMPARE(point.prefillTokensPerStep, 128.0);
        QVERIFY(point.fits);
        // Per GPU: 64 sequences x 1/TPOT over 2 GPUs; input tokens the same way.
        QVERIFY(near(point.outputTokensPerSecondPerGpu, 64.0 / point.tpotSeconds / 2.0, 1e-12));
        QVERIFY(near(point.inputTokensPerSecondPerGpu, 128.0 / point.tpotSeconds / 2.0, 1e-12));
        QVERIFY(near(point.ttftSeconds, point.prefill.totalSeconds + point.tpotSeconds, 1e-12));
        // The prefill chunks cost time: the mixed step is slower than pure decode.
        const double pureDecode = forwardStep(context, 64, 1250, 0, 0).totalSeconds;
        QVERIFY(point.tpotSeconds > pureDecode * 1.01);
        // Prefill alone of 1,000 tokens is compute-bound: 2 x 68.45e9 x 1,000 / 2 GPUs
        // / (1,979e12 x 508/989.5) = 67.4 ms of GEMMs at least.
        QVERIFY(point.prefill.computeSeconds > 0.0674 && !point.prefill.memoryBound());
    }
};

QTEST_GUILESS_MAIN(TestInferenceTime)
#include "tst_inference_time.moc"
