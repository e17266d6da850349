#include "models/planner/memory_model.h"

#include <algorithm>

namespace scalescope::models {

namespace {

constexpr double gibibyte = 1073741824.0;

double replicationFactor(const ActivationShape &shape) {
    return shape.sequenceParallel ? 1.0 / shape.tensorParallel : 1.0;
}

/// Everything a layer stores without recomputation, split into the parts of the formula.
double storedWithoutRecompute(const ActivationShape &shape, bool includeScores) {
    const double tokens = shape.sequence * shape.microBatch;
    const double t = shape.tensorParallel;
    const double x = replicationFactor(shape);
    const double e = shape.gemmInputBytes;
    const double masks = shape.dropoutMasks ? 2.0 : 0.0;
    const double replicated = (4.0 + 2.0 * e + masks) * tokens * shape.hidden * x;
    const double attention =
        (2.0 * shape.queryWidth + 4.0 * shape.kvWidth + e * shape.queryWidth) * tokens / t;
    const double mlp = ((shape.gatedMlp ? 4.0 : 2.0) + e) * tokens * shape.ffnWidth / t;
    const double routed = e * tokens * shape.hidden * shape.routedCopies * x;
    const double scores = includeScores ? 5.0 * shape.heads * shape.sequence * shape.keySequence *
                                              shape.microBatch / t
                                        : 0.0;
    return replicated + attention + mlp + routed + scores;
}

} // namespace

double activationBytesPerLayer(const ActivationShape &shape) {
    if (shape.recompute == Recompute::Full)
        return 2.0 * shape.sequence * shape.microBatch * shape.hidden * replicationFactor(shape);
    const bool scores = !shape.fusedAttention && shape.recompute == Recompute::None;
    return storedWithoutRecompute(shape, scores);
}

double recomputeWorkingSetBytes(const ActivationShape &shape) {
    return storedWithoutRecompute(shape, !shape.fusedAttention);
}

double inFlightMicroBatches(int stage, int pp, int vpp, int microBatches) {
    const int p = std::max(1, pp);
    const int v = std::max(1, vpp);
    const int m = std::max(1, microBatches);
    const int i = std::clamp(stage, 0, p - 1);
    if (v == 1)
        return static_cast<double>(std::min(m, p - i));
    const int chunks = std::min(m * v, 2 * (p - i - 1) + (v - 1) * p + 1);
    return static_cast<double>(chunks) / static_cast<double>(v);
}

double logitsBytes(double sequence, double microBatch, double hidden, double vocab,
                   double tensorParallel, bool sequenceParallel) {
    const double tokens = sequence * microBatch;
    const double x = sequenceParallel ? 1.0 / tensorParallel : 1.0;
    return 6.0 * tokens * vocab / tensorParallel + 2.0 * tokens * hidden * x;
}

double frameworkOverheadBytes(double tensorBytes, int communicators) {
    return 1.0 * gibibyte + 0.25 * gibibyte * std::max(0, communicators) +
           0.05 * std::max(0.0, tensorBytes);
}

} // namespace scalescope::models
