// Speed of the scaling-law fitter on Epoch AI's 240 Chinchilla points (docs/reference/FITS.md §3
// gives the SciPy reference: 4,500 L-BFGS-B starts with analytic gradients in 16.9 s, 4,000
// bootstrap refits in 17.2 s on a 2-core machine). Targets (issue 5): grid < 0.5 s, 4,000 refits <
// 5 s.
//
// Run: build/bench/bench_scaling_fit [--benchmark_filter=Grid]
// The Epoch file does not ship with the repository (no licence); it is read from
// $SCALESCOPE_SHARED_REFERENCE_DIR (default: ../shared/reference next to the source tree, see
// tests/support/test_data.h); without it the benchmarks skip with the reason. "Time" is wall-clock
// time, "CPU" the CPU time of all threads of the process.

#include "models/core/csv_table.h"
#include "models/scaling/scaling_bootstrap.h"
#include "models/scaling/scaling_fit.h"

#include "tests/support/test_data.h"

#include <benchmark/benchmark.h>

#include <optional>
#include <string>

using namespace scalescope::models;

namespace {

const scalescope::testing::ExternalFile &epochFile() {
    static const auto file = scalescope::testing::externalReferenceFile(
        "scaling/epoch_chinchilla_svg_extracted_data.csv");
    return file;
}

std::optional<ScalingDataset> epochPoints() {
    if (!epochFile().present())
        return std::nullopt;
    return dropHighestLosses(loadScalingDataset(CsvTable::readFile(epochFile().path)), 5);
}

const std::optional<ScalingDataset> &points() {
    static const auto loaded = epochPoints();
    return loaded;
}

/// Epoch's 4,500-start grid fit (E3); the argument is the thread count (0 = all cores).
void BM_EpochGrid4500(benchmark::State &state) {
    if (!points()) {
        state.SkipWithError(epochFile().missingReason.c_str());
        return;
    }
    ChinchillaFitOptions options;
    options.parallel.threads = static_cast<int>(state.range(0));
    ChinchillaFit fit;
    for (auto _ : state) {
        fit = fitChinchillaGrid(*points(), options);
        benchmark::DoNotOptimize(&fit); // a pointer: Debian's benchmark 1.7.1 garbles doubles
    }
    state.counters["objective"] = fit.objective;
    state.counters["alpha"] = fit.law.alpha;
    state.counters["A"] = fit.law.A;
    state.counters["evaluations"] = static_cast<double>(fit.totalEvaluations);
    state.counters["converged"] = fit.startsConverged;
}
BENCHMARK(BM_EpochGrid4500)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

/// 4,000 bootstrap refits; argument 0: Epoch's start (H2), 1: warm start at the estimate.
void BM_EpochBootstrap4000(benchmark::State &state) {
    if (!points()) {
        state.SkipWithError(epochFile().missingReason.c_str());
        return;
    }
    BootstrapOptions options;
    options.resamples = 4000;
    if (state.range(0) == 0)
        options.start = hoffmannUnroundedLaw();
    BootstrapResult result;
    for (auto _ : state) {
        result = bootstrapChinchilla(*points(), epochLikelihoodLaw(), options);
        benchmark::DoNotOptimize(&result);
    }
    state.counters["E_lo"] = result.E.lower;
    state.counters["E_hi"] = result.E.upper;
    state.counters["A_lo"] = result.A.lower;
    state.counters["A_hi"] = result.A.upper;
    state.counters["B_lo"] = result.B.lower;
    state.counters["B_hi"] = result.B.upper;
    state.counters["alpha_lo"] = result.alpha.lower;
    state.counters["alpha_hi"] = result.alpha.upper;
    state.counters["beta_lo"] = result.beta.lower;
    state.counters["beta_hi"] = result.beta.upper;
    state.counters["A_se"] = result.A.standardError;
    state.counters["B_se"] = result.B.standardError;
    state.counters["converged"] = result.converged;
}
BENCHMARK(BM_EpochBootstrap4000)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

/// Epoch's headline Huber-likelihood estimate (E2).
void BM_EpochLikelihood(benchmark::State &state) {
    if (!points()) {
        state.SkipWithError(epochFile().missingReason.c_str());
        return;
    }
    ChinchillaLikelihoodFit fit;
    for (auto _ : state) {
        fit = fitChinchillaLikelihood(*points());
        benchmark::DoNotOptimize(&fit);
    }
    state.counters["loglik"] = fit.logLikelihood;
    state.counters["A"] = fit.law.A;
    state.counters["B"] = fit.law.B;
}
BENCHMARK(BM_EpochLikelihood)->Unit(benchmark::kMillisecond);

/// One objective + gradient evaluation on 240 points; argument 0: scalar loop, 1: AVX2.
void BM_ObjectiveEvaluation(benchmark::State &state) {
    if (!points()) {
        state.SkipWithError(epochFile().missingReason.c_str());
        return;
    }
    const auto objective =
        chinchillaObjective(*points(), 1e-3, HuberReduction::Sum,
                            state.range(0) == 0 ? KernelPath::Scalar : KernelPath::Avx2);
    if (state.range(0) == 1 && !objective.usesAvx2()) {
        state.SkipWithError("no AVX2 kernel on this machine");
        return;
    }
    Eigen::VectorXd theta = chinchillaTheta(epochGridLaw());
    Eigen::VectorXd gradient(5);
    double sum = 0.0;
    for (auto _ : state) {
        theta[0] += 1e-12;
        sum += objective(theta, gradient);
        benchmark::DoNotOptimize(&sum);
    }
}
BENCHMARK(BM_ObjectiveEvaluation)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
