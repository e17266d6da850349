// Serving memory (models/inference/inference_memory.h) against hand-worked numbers.

#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "models/inference/inference_hardware.h"
#include "models/inference/inference_memory.h"
#include "models/scenario/model_presets.h"

#include <QTest>

#include "tests/support/inference_fixtures.h"
#include "tests/support/numeric_checks.h"

#include <cmath>
#include <functional>

using namespace scalescope::models;
using scalescope::testing::handH100;
using scalescope::testing::near;
using scalescope::testing::preset;

namespace {

const std::string kData = SCALESCOPE_SOURCE_DATA_DIR;

/// The numbers here are exact arithmetic: equal to 1e-12.
bool near(double a, double b) {
    return scalescope::testing::near(a, b, 1e-12);
}

/// The field of the InputError `call` throws, or "" when it throws none.
std::string errorField(const std::function<void()> &call) {
    try {
        call();
    } catch (const InputError &error) {
        return error.field();
    }
    return {};
}

} // namespace

class TestInferenceMemory : public QObject {
    Q_OBJECT
private slots:
    void storageFormats() {
        QCOMPARE(storageBytesPerValue({Precision::Bf16, BlockScale::None}), 2.0);
        QCOMPARE(storageBytesPerValue({Precision::Fp8, BlockScale::None}), 1.0);
        QCOMPARE(storageBytesPerValue({Precision::Fp4, BlockScale::None}), 0.5);
        // NVFP4: 4 bits + one 8-bit E4M3 scale per 16 values = 0.5 + 1/16 = 0.5625 B.
        QCOMPARE(storageBytesPerValue({Precision::Fp4, BlockScale::Nvfp4}), 0.5625);
        // MXFP4: 4 bits + one 8-bit E8M0 scale per 32 values = 0.5 + 1/32 = 0.53125 B.
        QCOMPARE(storageBytesPerValue({Precision::Fp4, BlockScale::Mxfp4}), 0.53125);
    }

    void kvCacheLlama3_70b() {
        const ModelShape llama = preset("llama3-70b");
        // GQA: 2 (K, V) x 80 layers x 8 KV heads x 128 head dim x 2 B = 327,680 B per token.
        QCOMPARE(kvBytesPerToken(llama, {Precision::Bf16, BlockScale::None}), 327680.0);
        QCOMPARE(kvBytesPerToken(llama, {Precision::Fp8, BlockScale::None}), 163840.0);
        // Batch 8 x context 4,096 = 32,768 tokens x 327,680 B = 10,737,418,240 B = 10 GiB.
        const double batchBytes = 8 * 4096 * kvBytesPerToken(llama, {});
        QCOMPARE(batchBytes, 10737418240.0);

        // Per GPU under TP: 8 heads / tp 8 = 1 head: 2 x 80 x 1 x 128 x 2 = 40,960 B; tp 16
        // replicates each head on 2 GPUs and keeps 1 head (40,960 B); pp 2 halves the layers.
        const ModelArithmetic arithmetic = computeModelArithmetic(llama);
        ServingSettings settings;
        settings.layout.tp = 8;
        QCOMPARE(stageFootprint(llama, arithmetic, settings, 0).kvBytesPerToken, 40960.0);
        settings.layout.tp = 16;
        settings.layout.attentionDataParallel = true; // 64 heads / 16 would pass; KV is DP
        QCOMPARE(stageFootprint(llama, arithmetic, settings, 0).kvBytesPerToken, 327680.0 / 16);
        QCOMPARE(kvHeadsPerGpu(8, 16), 1);
        settings.layout = {};
        settings.layout.tp = 8;
        settings.layout.pp = 2;
        QCOMPARE(stageFootprint(llama, arithmetic, settings, 1).kvBytesPerToken, 20480.0);
    }

    void kvCacheDeepSeekV3Mla() {
        const ModelShape deepseek = preset("deepseek-v3");
        // MLA: 61 layers x (512 latent + 64 RoPE key) x 2 B = 70,272 B per token.
        QCOMPARE(kvBytesPerToken(deepseek, {}), 70272.0);
        // Batch 16 x context 8,192 = 131,072 tokens x 70,272 B = 9,210,691,584 B.
        QCOMPARE(16 * 8192 * kvBytesPerToken(deepseek, {}), 9210691584.0);
        // The latent has no heads: TP 8 replicates it (70,272 B on every GPU); attention data
        // parallel keeps each sequence on one GPU (70,272 / 8 = 8,784 B per token on average).
        const ModelArithmetic arithmetic = computeModelArithmetic(deepseek);
        ServingSettings settings;
        settings.layout.tp = 8;
        QCOMPARE(stageFootprint(deepseek, arithmetic, settings, 0).kvBytesPerToken, 70272.0);
        settings.layout.attentionDataParallel = true;
        QCOMPARE(stageFootprint(deepseek, arithmetic, settings, 0).kvBytesPerToken, 8784.0);
    }

    void weightsPerPrecision() {
        const ModelShape llama = preset("llama3-70b");
        const ModelArithmetic arithmetic = computeModelArithmetic(llama);
        // Llama 3 70B: per layer 2 x 8192^2 (Q, O) + 2 x 8192 x 1024 (K, V) + 3 x 8192 x 28672
        // (MLP) + 2 x 8192 (norms) = 855,654,400; x 80 + 8,192 (final norm) = 68,452,360,192
        // block parameters; embedding and LM head 2 x 128,256 x 8,192 = 2,101,346,304.
        const double blocks = 68452360192.0;
        const double embeddings = 2101346304.0;
        ServingSettings settings;
        settings.engine.embeddingsBf16 = false;
        auto weights = [&](NumberFormat format) {
            settings.weights = format;
            return stageFootprint(llama, arithmetic, settings, 0).weightBytes;
        };
        QVERIFY(near(weights({Precision::Bf16, BlockScale::None}), 2.0 * 70553706496.0));
        settings.engine.embeddingsBf16 = true; // the tables stay BF16: 2 x 2,101,346,304 B
        QVERIFY(near(weights({Precision::Bf16, BlockScale::None}), 141107412992.0));
        QVERIFY(near(weights({Precision::Fp8, BlockScale::None}), 72655052800.0));
        QVERIFY(near(weights({Precision::Fp4, BlockScale::None}), blocks * 0.5 + 2 * embeddings));
        // NVFP4: 68,452,360,192 x 0.5625 + 4,202,692,608 = 42,707,145,216 B.
        QVERIFY(near(weights({Precision::Fp4, BlockScale::Nvfp4}), 42707145216.0));
        // MXFP4: 68,452,360,192 x 0.53125 + 4,202,692,608 = 40,568,008,960 B.
        QVERIFY(near(weights({Precision::Fp4, BlockScale::Mxfp4}), 40568008960.0));
        // TP 2 halves everything: 72,655,052,800 / 2 = 36,327,526,400 B per GPU.
        settings.layout.tp = 2;
        QVERIFY(near(weights({Precision::Fp8, BlockScale::None}), 36327526400.0));
    }

    void moeWeightsAndExperts() {
        const ModelShape deepseek = preset("deepseek-v3");
        // One routed expert: 3 x 7168 x 2048 = 44,040,192 parameters.
        QCOMPARE(routedExpertParameters(deepseek), 44040192.0);
        const ModelArithmetic arithmetic = computeModelArithmetic(deepseek);
        ServingSettings settings;
        settings.weights = {Precision::Fp8, BlockScale::None};
        settings.layout.tp = 8;
        settings.layout.ep = 8;
        const StageFootprint stage = stageFootprint(deepseek, arithmetic, settings, 0);
        // 58 MoE layers x 256 experts x 44,040,192 x 1 B / 8 GPUs = 81,730,535,424 B per GPU.
        QVERIFY(near(stage.routedExpertBytes, 58.0 * 256 * 44040192 / 8));
        QCOMPARE(stage.moeLayers, 58);
    }

    void largestBatchThatFits() {
        const ModelShape llama = preset("llama3-70b");
        ServingSettings settings;
        settings.weights = {Precision::Fp8, BlockScale::None};
        settings.kvCache = {Precision::Fp8, BlockScale::None};
        settings.layout.tp = 2;
        settings.inputTokens = 2048;
        settings.outputTokens = 2048;
        const InferenceMemory memory = inferenceMemory(llama, handH100(), settings);
        // 85,899,345,920 B (80 GiB) - 36,327,526,400 weights - 3,221,225,472 workspace
        // = 46,350,594,048 B free; the engine keeps 10 %: 41,715,534,643.2 B of KV cache.
        QVERIFY(near(memory.kvBudgetBytes, 41715534643.2, 1e-9));
        // FP8 KV per GPU: 2 x 80 x 4 heads x 128 x 1 B = 81,920 B per token -> 509,222.8 tokens.
        QCOMPARE(memory.kvBytesPerToken, 81920.0);
        QVERIFY(near(memory.maxContextTokens, 509222.835, 1e-9));
        // Sequences of 4,096 tokens: floor(509,222.8 / 4,096) = 124.
        QCOMPARE(memory.maxBatchAt(4096), 124.0);
        // Steady state holds ISL + OSL / 2 = 3,072 tokens per sequence: floor(165.76) = 165.
        QCOMPARE(memory.maxConcurrency, 165);
        QVERIFY(memory.fits);
        settings.concurrency = 166;
        QVERIFY(!inferenceMemory(llama, handH100(), settings).fits);
        // BF16 weights do not fit one 80 GiB GPU: 141 GB of weights.
        settings.layout.tp = 1;
        settings.weights = {};
        QVERIFY(!inferenceMemory(llama, handH100(), settings).weightsFit);
    }

    void badInputNamesTheField() {
        const ModelShape llama = preset("llama3-70b");
        const InferenceHardware h100 = handH100();
        auto check = [&](auto edit) {
            ServingSettings settings;
            settings.layout.tp = 8;
            edit(settings);
            return errorField([&] { checkServingSettings(llama, h100, settings); });
        };
        QCOMPARE(check([](ServingSettings &) {}), std::string());
        QCOMPARE(check([](ServingSettings &s) { s.concurrency = 0; }),
                 std::string("/inference/concurrency"));
        // Llama 3 70B's preset context is 8,192: 8,000 + 1,000 tokens exceed it.
        QCOMPARE(check([](ServingSettings &s) {
                     s.inputTokens = 8000;
                     s.outputTokens = 1000;
                 }),
                 std::string("/inference/input_tokens"));
        // 8 KV heads and tp 16 replicate (fine); tp 3 neither divides nor is a multiple.
        QCOMPARE(check([](ServingSettings &s) { s.layout.tp = 16; }), std::string());
        QCOMPARE(check([](ServingSettings &s) { s.layout.tp = 3; }), std::string("/inference/tp"));
        QCOMPARE(check([](ServingSettings &s) {
                     s.weights = {Precision::Fp4, BlockScale::Nvfp4};
                 }),
                 std::string("/inference/weight_precision"));
        QCOMPARE(check([](ServingSettings &s) {
                     s.kvCache = {Precision::Fp4, BlockScale::None};
                 }),
                 std::string("/inference/kv_cache_precision"));
        QCOMPARE(check([](ServingSettings &s) {
                     s.weights = {Precision::Fp8, BlockScale::Nvfp4};
                 }),
                 std::string("/inference/weight_precision"));
        QCOMPARE(check([](ServingSettings &s) { s.layout.ep = 2; }), std::string("/inference/ep"));
        QCOMPARE(check([](ServingSettings &s) { s.engine.hbmEfficiency = 1.5; }),
                 std::string("/inference/engine/hbm_efficiency"));
        // The catalog's B200 has FP4: NVFP4 passes there.
        const Catalog catalog = loadCatalog({kData + "/catalog"});
        HardwareChoice choice;
        choice.systemId = "dgx-b200";
        const InferenceHardware b200 = inferenceHardware(catalog, choice);
        ServingSettings fp4;
        fp4.weights = {Precision::Fp4, BlockScale::Nvfp4};
        QCOMPARE(errorField([&] { checkServingSettings(llama, b200, fp4); }), std::string());
        choice.systemId = "no-such-system";
        QCOMPARE(errorField([&] { static_cast<void>(inferenceHardware(catalog, choice)); }),
                 std::string("/hardware/system"));
    }
};

QTEST_GUILESS_MAIN(TestInferenceMemory)
#include "tst_inference_memory.moc"
