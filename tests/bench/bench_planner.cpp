// One training-planner evaluation (target: <= 10 us; Calculon needs about 8 ms per layout on
// the same 2-core machine, docs/reference/ANCHORS.md section 8).

#include "models/catalog/catalog.h"
#include "models/planner/gpu_sweep.h"
#include "models/planner/planner.h"
#include "models/scenario/model_presets.h"

#include <benchmark/benchmark.h>

#include <string>

using namespace scalescope::models;

namespace {

struct Case {
    PlannerContext context;
    Parallelism layout;
};

Case makeCase(const std::string &modelId, const std::string &systemId, int gpus,
              const Parallelism &layout, double batchTokens) {
    const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
    static const Catalog catalog = loadCatalog({data + "/catalog"});
    static const ModelPresets presets = loadModelPresets({data + "/models"});
    HardwareChoice choice;
    choice.systemId = systemId;
    choice.numGpus = gpus;
    TrainingSettings training;
    training.globalBatchTokens = batchTokens;
    HardwareContext hardware;
    std::string field;
    std::string reason;
    if (!resolveHardware(choice, catalog, training.precision, hardware, field, reason))
        throw std::runtime_error(reason);
    const auto recipe = findOptimizerRecipe(training.optimizerRecipe);
    return {makePlannerContext(*presets.find(modelId), training, Economics{}, gpus, hardware,
                               *recipe, PlannerOptions{}),
            layout};
}

void evaluateOne(benchmark::State &state, const Case &input) {
    for (auto _ : state) {
        LayoutMetrics metrics = evaluateLayout(input.context, input.layout);
        benchmark::DoNotOptimize(metrics);
    }
}

void BM_EvaluateLayoutLlama3_70B_64xH100(benchmark::State &state) {
    Parallelism layout;
    layout.tp = 8;
    layout.pp = 4;
    layout.dp = 2;
    layout.vpp = 5;
    layout.zeroStage = 1;
    layout.sequenceParallel = true;
    layout.recompute = Recompute::Selective;
    static const Case input = makeCase("llama3-70b", "dgx-h100", 64, layout, 4194304.0);
    evaluateOne(state, input);
}

void BM_EvaluateLayoutMegatron1T_3072xA100(benchmark::State &state) {
    // Calculon's README example: TP 4, PP 64, DP 12, micro-batch 4, full recompute.
    Parallelism layout;
    layout.tp = 4;
    layout.pp = 64;
    layout.dp = 12;
    layout.microBatch = 4;
    layout.recompute = Recompute::Full;
    static const Case input = makeCase("megatron-1t", "dgx-a100", 3072, layout, 3072 * 2048.0);
    evaluateOne(state, input);
}

void BM_EvaluateLayoutMixtral_64xGB200(benchmark::State &state) {
    Parallelism layout;
    layout.dp = 64;
    layout.ep = 8;
    layout.zeroStage = 1;
    layout.microBatch = 2;
    static const Case input = makeCase("mixtral-8x7b", "gb200-nvl72", 64, layout, 256 * 32768.0);
    evaluateOne(state, input);
}

} // namespace

/// What every edit in the app now pays on top of one evaluation: the Time & cost chart's
/// GPU-count sweep (app/document/planner_evaluator.cpp), 13 whole-scenario evaluations.
void BM_GpuCountSweepLlama3_70B_64xH100(benchmark::State &state) {
    const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
    static const Catalog catalog = loadCatalog({data + "/catalog"});
    static const ModelPresets presets = loadModelPresets({data + "/models"});
    Scenario scenario;
    scenario.model = *presets.find("llama3-70b");
    scenario.hardware.systemId = "dgx-h100";
    scenario.hardware.gpuId = "h100-sxm";
    scenario.hardware.numGpus = 64;
    scenario.parallelism.tp = 8;
    scenario.parallelism.pp = 4;
    scenario.parallelism.dp = 2;
    scenario.parallelism.zeroStage = 1;
    scenario.training.globalBatchTokens = 4194304.0;
    for (auto _ : state) {
        auto sweep = gpuCountSweep(
            scenario, [&](const Scenario &variant) { return evaluate(variant, catalog); });
        benchmark::DoNotOptimize(sweep);
    }
}

BENCHMARK(BM_EvaluateLayoutLlama3_70B_64xH100);
BENCHMARK(BM_EvaluateLayoutMegatron1T_3072xA100);
BENCHMARK(BM_EvaluateLayoutMixtral_64xGB200);
BENCHMARK(BM_GpuCountSweepLlama3_70B_64xH100);
BENCHMARK_MAIN();
