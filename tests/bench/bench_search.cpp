// Parallelism search speed on the done-when case: Megatron-1T (megatron-1t preset) on
// 3,072 A100 (dgx-a100), global batch 3,072 x 2,048 tokens, every knob of
// models/search/search_space.h. Calculon on the same 2-core machine: about 8 ms per configuration,
// ~700 configurations/s with 2 processes; its 7.0M-configuration space for this case needs 47 min
// - 2.6 h (docs/reference/ANCHORS.md sections 4 and 8).
//
//   BM_EvaluateSpace          evaluateLayout over every valid layout of the space, one thread:
//                             evaluations per second of the planner as the search calls it
//   BM_Search/pruned          the whole search as `scalescope search` runs it (all cores)
//   BM_Search/exhaustive      every valid layout evaluated (all cores), no pruning
// Counters: evaluated and pruned layouts per search, evals_per_s = evaluated / wall time.

#include "models/catalog/catalog.h"
#include "models/planner/planner.h"
#include "models/scenario/model_presets.h"
#include "models/search/parallel_search.h"

#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

using namespace scalescope::models;

namespace {

const std::string kData = SCALESCOPE_SOURCE_DATA_DIR;

const Catalog &catalog() {
    static const Catalog shipped = loadCatalog({kData + "/catalog"});
    return shipped;
}

Scenario megatron1t() {
    static const ModelPresets presets = loadModelPresets({kData + "/models"});
    Scenario scenario;
    scenario.model = *presets.find("megatron-1t");
    scenario.hardware.systemId = "dgx-a100";
    scenario.hardware.numGpus = 3072;
    scenario.training.globalBatchTokens = 3072.0 * 2048.0;
    return scenario;
}

struct Space {
    PlannerContext context;
    std::vector<Parallelism> layouts; ///< every valid layout of the space
};

const Space &space() {
    static const Space built = [] {
        const Scenario scenario = megatron1t();
        HardwareContext hardware;
        std::string field;
        std::string reason;
        if (!resolveHardware(scenario.hardware, catalog(), scenario.training.precision, hardware,
                             field, reason))
            throw std::runtime_error(reason);
        Space s{makePlannerContext(scenario.model, scenario.training, scenario.economics,
                                   scenario.hardware.numGpus, hardware,
                                   *findOptimizerRecipe(scenario.training.optimizerRecipe), {}),
                {}};
        const long long sequences = globalBatchSequences(s.context);
        for (const OuterLayout &outer : enumerateOuterLayouts(s.context, scenario.model, 0, {})) {
            if (outer.kind != OuterClass::Searchable)
                continue;
            for (const Recompute recompute : searchRecomputeModes)
                for (int sp = 0; sp < outer.sequenceParallelChoices; ++sp)
                    for (int zero = 0; zero < outer.zeroStages; ++zero)
                        for (const int vpp : outer.vpps)
                            for (const int b : outer.microBatch)
                                if (batchAllows(outer, sequences, b, vpp))
                                    s.layouts.push_back(
                                        outer.layout(vpp, b, zero, sp == 1, recompute));
        }
        return s;
    }();
    return built;
}

void BM_EvaluateSpace(benchmark::State &state) {
    const Space &s = space();
    std::size_t next = 0;
    for (auto _ : state) {
        LayoutMetrics metrics = evaluateLayout(s.context, s.layouts[next]);
        benchmark::DoNotOptimize(metrics);
        next = next + 1 == s.layouts.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["layouts_in_space"] = static_cast<double>(s.layouts.size());
}
BENCHMARK(BM_EvaluateSpace);

void BM_Search(benchmark::State &state) {
    const Scenario scenario = megatron1t();
    SearchOptions options;
    options.prune = state.range(0) != 0;
    double evaluated = 0.0;
    double pruned = 0.0;
    double seconds = 0.0;
    for (auto _ : state) {
        const SearchResult result = searchParallelism(scenario, catalog(), options);
        benchmark::DoNotOptimize(result.top);
        evaluated += static_cast<double>(result.counts.evaluated);
        pruned += static_cast<double>(result.counts.pruned());
        seconds += result.seconds;
        state.counters["threads"] = result.threads;
        state.counters["best_step_s"] = result.top.front().metrics.stepSeconds;
    }
    const double runs = static_cast<double>(state.iterations());
    state.counters["evaluated"] = evaluated / runs;
    state.counters["pruned"] = pruned / runs;
    state.counters["evals_per_s"] = evaluated / seconds;
}
BENCHMARK(BM_Search)
    ->ArgName("prune")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
