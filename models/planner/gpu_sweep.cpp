#include "models/planner/gpu_sweep.h"

#include <cstdlib>
#include <exception>

namespace scalescope::models {

std::vector<GpuSweepPoint>
gpuCountSweep(const Scenario &scenario,
              const std::function<ScenarioResult(const Scenario &)> &evaluate) {
    std::vector<GpuSweepPoint> points;
    const Parallelism &p = scenario.parallelism;
    const long long modelParallel = static_cast<long long>(p.tp) * p.pp * p.cp;
    if (modelParallel <= 0 || p.dp <= 0)
        return points;
    for (int k = -kGpuSweepDown; k <= kGpuSweepUp; ++k) {
        const long long scale = 1LL << std::abs(k);
        if (k < 0 && p.dp % scale != 0)
            continue;
        const long long dp = k < 0 ? p.dp / scale : p.dp * scale;
        const long long gpus = dp * modelParallel;
        if (gpus > kGpuSweepMaxGpus)
            break;
        Scenario variant = scenario;
        variant.parallelism.dp = static_cast<int>(dp);
        variant.hardware.numGpus = static_cast<int>(gpus);
        try {
            const ScenarioResult result = evaluate(variant);
            if (!result.valid || !result.fitsInMemory || !(result.trainingSeconds > 0.0))
                continue;
            points.push_back({static_cast<int>(gpus), result.trainingSeconds, result.costUsd});
        } catch (const std::exception &) {
            continue; // an impossible variant is simply not a point of the curve
        }
    }
    return points;
}

} // namespace scalescope::models
