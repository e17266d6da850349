#pragma once

// The throughput-vs-interactivity curve: concurrency swept 1, 2, 4, ... while the KV cache
// fits, its Pareto front, the best point under latency targets, and the economics of a point.

#include "models/inference/inference_time.h"

#include <optional>
#include <vector>

namespace scalescope::models {

/// Latency targets; 0 = none.
struct ServingSlo {
    double maxTpotSeconds = 0.0;
    double maxTtftSeconds = 0.0;
    [[nodiscard]] bool accepts(const InferencePoint &point) const {
        return (maxTpotSeconds <= 0.0 || point.tpotSeconds <= maxTpotSeconds) &&
               (maxTtftSeconds <= 0.0 || point.ttftSeconds <= maxTtftSeconds);
    }
};

struct InferenceCurve {
    std::vector<InferencePoint> points; ///< increasing concurrency; all fit in memory
    std::vector<int> paretoFront;       ///< indices into points, increasing concurrency
};

/// Points at concurrency 1, 2, 4, ... up to the largest that fits (the memory's maximum is
/// added as the last point when it is not a power of two). Empty when not even one sequence
/// fits.
[[nodiscard]] InferenceCurve inferenceCurve(const InferenceContext &context);

/// Indices of the points that no other point beats in both tokens/s/user and tokens/s/GPU.
[[nodiscard]] std::vector<int> paretoFront(const std::vector<InferencePoint> &points);

/// The point with the most output tokens/s per GPU that meets `slo`; nullopt when none does.
[[nodiscard]] std::optional<InferencePoint> bestUnderSlo(const InferenceCurve &curve,
                                                         const ServingSlo &slo);

/// Cost and energy of one point.
struct ServingEconomics {
    double usdPerMillionOutputTokens = 0.0;
    /// Input tokens priced at the GPU time their prefill takes alone (ISL / TTFT-prefill rate).
    double usdPerMillionInputTokens = 0.0;
    double outputTokensPerJoule = 0.0; ///< output tokens/s per GPU / GPU power
};

/// `usdPerGpuHour` and `wattsPerGpu` are the price and the power of one GPU.
[[nodiscard]] ServingEconomics servingEconomics(const InferenceContext &context,
                                                const InferencePoint &point, double usdPerGpuHour,
                                                double wattsPerGpu);

} // namespace scalescope::models
