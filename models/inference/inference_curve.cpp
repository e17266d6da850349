#include "models/inference/inference_curve.h"

#include <algorithm>

namespace scalescope::models {

InferenceCurve inferenceCurve(const InferenceContext &context) {
    InferenceCurve curve;
    const int largest = context.memory.weightsFit ? context.memory.maxConcurrency : 0;
    for (long long c = 1; c <= largest; c *= 2)
        curve.points.push_back(evaluateInference(context, static_cast<int>(c)));
    if (largest > 0 && curve.points.back().concurrency != largest)
        curve.points.push_back(evaluateInference(context, largest));
    curve.paretoFront = paretoFront(curve.points);
    return curve;
}

std::vector<int> paretoFront(const std::vector<InferencePoint> &points) {
    std::vector<int> front;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const InferencePoint &p = points[i];
        const bool dominated = std::any_of(points.begin(), points.end(), [&](const auto &q) {
            const bool noWorse = q.tokensPerSecondPerUser >= p.tokensPerSecondPerUser &&
                                 q.outputTokensPerSecondPerGpu >= p.outputTokensPerSecondPerGpu;
            const bool better = q.tokensPerSecondPerUser > p.tokensPerSecondPerUser ||
                                q.outputTokensPerSecondPerGpu > p.outputTokensPerSecondPerGpu;
            return noWorse && better;
        });
        if (!dominated)
            front.push_back(static_cast<int>(i));
    }
    return front;
}

std::optional<InferencePoint> bestUnderSlo(const InferenceCurve &curve, const ServingSlo &slo) {
    std::optional<InferencePoint> best;
    for (const InferencePoint &point : curve.points)
        if (slo.accepts(point) &&
            (!best || point.outputTokensPerSecondPerGpu > best->outputTokensPerSecondPerGpu))
            best = point;
    return best;
}

ServingEconomics servingEconomics(const InferenceContext &context, const InferencePoint &point,
                                  double usdPerGpuHour, double wattsPerGpu) {
    ServingEconomics out;
    const double usdPerGpuSecond = usdPerGpuHour / 3600.0;
    if (point.outputTokensPerSecondPerGpu > 0.0)
        out.usdPerMillionOutputTokens = usdPerGpuSecond / point.outputTokensPerSecondPerGpu * 1e6;
    const double prefillSeconds = point.prefill.totalSeconds;
    if (prefillSeconds > 0.0) {
        const double inputPerGpuSecond =
            context.settings.inputTokens / prefillSeconds / context.settings.layout.gpus();
        out.usdPerMillionInputTokens = usdPerGpuSecond / inputPerGpuSecond * 1e6;
    }
    if (wattsPerGpu > 0.0)
        out.outputTokensPerJoule = point.outputTokensPerSecondPerGpu / wattsPerGpu;
    return out;
}

} // namespace scalescope::models
