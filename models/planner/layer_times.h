#pragma once

// One transformer layer's times for one micro-batch on one GPU, and the embedding and output
// layer around them: the per-layer terms of evaluateLayout (step_time.cpp).

#include "models/planner/planner_context.h"

namespace scalescope::models {

inline constexpr double bf16Bytes = 2.0;

/// The layout's degrees as doubles plus the group spans, computed once per evaluation.
struct StepLayout {
    double t = 1, c = 1, d = 1, p = 1, v = 1, b = 1, e = 1;
    double tokens = 0; ///< rows of every GEMM: b s / c
    int m = 1;
    GroupSpan tensor, context, expert, data, expertData, pipeline;
};

/// One layer kind (dense or MoE) for one micro-batch on one GPU: compute, then the exposed
/// TP, EP and CP collectives.
[[nodiscard]] LayerTimes layerTimes(const PlannerContext &ctx, const Parallelism &par,
                                    const StepLayout &lay, bool moeLayer);

/// Output layer, cross-entropy and the final TP collective for one micro-batch.
[[nodiscard]] double logitsSeconds(const PlannerContext &ctx, const StepLayout &lay);

/// Embedding lookup and its TP collective for one micro-batch.
[[nodiscard]] double embeddingSeconds(const PlannerContext &ctx, const StepLayout &lay);

} // namespace scalescope::models
