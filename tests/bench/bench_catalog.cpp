// Speed of loading and validating the shipped hardware catalog (every app start and every
// `scalescope` command that names hardware does this once).

#include "models/catalog/catalog.h"

#include <benchmark/benchmark.h>

#include <string>

static void BM_LoadShippedCatalog(benchmark::State &state) {
    const std::vector<std::string> directories{std::string(SCALESCOPE_SOURCE_DATA_DIR) +
                                               "/catalog"};
    for (auto _ : state) {
        auto catalog = scalescope::models::loadCatalog(directories);
        benchmark::DoNotOptimize(catalog);
    }
}
BENCHMARK(BM_LoadShippedCatalog)->Unit(benchmark::kMillisecond);

static void BM_FindSystemById(benchmark::State &state) {
    const auto catalog =
        scalescope::models::loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
    for (auto _ : state)
        benchmark::DoNotOptimize(catalog.findSystem("superpod-b300-mgx"));
}
BENCHMARK(BM_FindSystemById);

BENCHMARK_MAIN();
