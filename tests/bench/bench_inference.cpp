// The serving model: one evaluation (one concurrency) and the whole throughput-vs-interactivity
// curve (concurrency 1, 2, 4, ... until the KV cache is full), for a dense and an MoE model.
// Live GUI editing re-evaluates the whole curve, so it must take well under a frame.

#include "models/catalog/catalog.h"
#include "models/inference/inference_curve.h"
#include "models/inference/inference_hardware.h"
#include "models/scenario/model_presets.h"

#include <benchmark/benchmark.h>

#include <string>

using namespace scalescope::models;

namespace {

InferenceContext makeCase(const std::string &modelId, const std::string &systemId,
                          const ServingSettings &settings) {
    const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
    static const Catalog catalog = loadCatalog({data + "/catalog"});
    static const ModelPresets presets = loadModelPresets({data + "/models"});
    HardwareChoice choice;
    choice.systemId = systemId;
    return makeInferenceContext(*presets.find(modelId), inferenceHardware(catalog, choice),
                                settings);
}

ServingSettings llamaOnH100() {
    ServingSettings settings;
    settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
    settings.layout.tp = 2;
    settings.inputTokens = 1000;
    settings.outputTokens = 1000;
    return settings;
}

ServingSettings deepseekOnH200() {
    ServingSettings settings;
    settings.weights = settings.kvCache = {Precision::Fp8, BlockScale::None};
    settings.layout.tp = 8;
    settings.layout.ep = 8;
    settings.layout.attentionDataParallel = true;
    settings.inputTokens = 1024;
    settings.outputTokens = 1024;
    return settings;
}

void BM_EvaluateInferenceLlama3_70B_Tp2xH100(benchmark::State &state) {
    static const InferenceContext context = makeCase("llama3-70b", "dgx-h100", llamaOnH100());
    for (auto _ : state) {
        InferencePoint point = evaluateInference(context, 128);
        benchmark::DoNotOptimize(point);
    }
}

void BM_InferenceCurveLlama3_70B_Tp2xH100(benchmark::State &state) {
    static const InferenceContext context = makeCase("llama3-70b", "dgx-h100", llamaOnH100());
    for (auto _ : state) {
        InferenceCurve curve = inferenceCurve(context);
        benchmark::DoNotOptimize(curve);
    }
}

void BM_InferenceCurveDeepSeekV3_Dep8xH200(benchmark::State &state) {
    static const InferenceContext context = makeCase("deepseek-v3", "dgx-h200", deepseekOnH200());
    for (auto _ : state) {
        InferenceCurve curve = inferenceCurve(context);
        benchmark::DoNotOptimize(curve);
    }
}

/// Context construction included: what a GUI edit of the model or the hardware costs.
void BM_BuildAndCurveLlama3_70B_Tp2xH100(benchmark::State &state) {
    for (auto _ : state) {
        InferenceCurve curve = inferenceCurve(makeCase("llama3-70b", "dgx-h100", llamaOnH100()));
        benchmark::DoNotOptimize(curve);
    }
}

} // namespace

BENCHMARK(BM_EvaluateInferenceLlama3_70B_Tp2xH100);
BENCHMARK(BM_InferenceCurveLlama3_70B_Tp2xH100);
BENCHMARK(BM_InferenceCurveDeepSeekV3_Dep8xH200);
BENCHMARK(BM_BuildAndCurveLlama3_70B_Tp2xH100);
BENCHMARK_MAIN();
