// Cost of the model arithmetic: computing it once per model, and the per-evaluation functions
// the planner and the search call for every candidate layout.
#include "models/planner/model_arithmetic.h"
#include "models/scenario/model_presets.h"
#include "models/scenario/scenario_validation.h"

#include <benchmark/benchmark.h>

using namespace scalescope::models;

namespace {

const ModelShape &deepseek() {
    static const ModelShape shape =
        loadModelPresetFile(std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/models/deepseek-v3.json");
    return shape;
}

void BM_ComputeModelArithmetic(benchmark::State &state) {
    const ModelShape &shape = deepseek();
    for (auto _ : state)
        benchmark::DoNotOptimize(computeModelArithmetic(shape));
}
BENCHMARK(BM_ComputeModelArithmetic);

// FLOPs of the whole model and of every stage of a 16-stage pipeline, as one evaluation needs.
void BM_FlopsAndStages(benchmark::State &state) {
    const ModelArithmetic m = computeModelArithmetic(deepseek());
    double seq = 4096.0;
    for (auto _ : state) {
        double total = m.hardwareFlopsPerToken(AttentionFlops::Causal, Recompute::Selective, seq);
        for (int stage = 0; stage < 16; ++stage) {
            const PipelineStage s = pipelineStage(m, 16, stage);
            total += s.parameters + stageForwardFlopsPerToken(m, s, AttentionFlops::Causal, seq);
        }
        benchmark::DoNotOptimize(total);
        benchmark::ClobberMemory();
    }
}
BENCHMARK(BM_FlopsAndStages);

void BM_LayoutRules(benchmark::State &state) {
    const ModelShape &shape = deepseek();
    Parallelism p;
    p.tp = 8;
    p.pp = 16;
    p.dp = 16;
    p.ep = 16;
    for (auto _ : state)
        benchmark::DoNotOptimize(
            firstViolatedLayoutRule(shape, p, 2048, Mode::Training, 4096.0 * 4096));
}
BENCHMARK(BM_LayoutRules);

} // namespace

BENCHMARK_MAIN();
