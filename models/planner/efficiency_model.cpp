#include "models/planner/efficiency_model.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

// H100 SXM dense BF16 peak per SM, the reference for scaling the GEMM epilogue K0.
constexpr double referencePeakPerSm = 989.5e12 / 132.0;

/// Wave-quantisation efficiency of the best tile shape for an M x N output [2].
double waveEfficiency(double m, double n, int sms) {
    struct Tile {
        double rows;
        double columns;
        double relative; // per-tile efficiency relative to the large tile
    };
    // 128x128 tiles reuse each operand tile half as often as 128x256 ones; 0.92 is an assumed
    // relative efficiency. With it, f_boost = 0.93 and K0 = 950 reproduce the H200 short-burst
    // GEMM table within +-10% (README "Training planner").
    constexpr Tile tiles[] = {{128.0, 256.0, 1.0}, {256.0, 128.0, 1.0}, {128.0, 128.0, 0.92}};
    double best = 0.0;
    for (const auto &tile : tiles) {
        const double count = std::ceil(m / tile.rows) * std::ceil(n / tile.columns);
        const double waves = count / static_cast<double>(sms);
        best = std::max(best, tile.relative * waves / std::ceil(waves));
    }
    return best;
}

} // namespace

ComputeProfile computeProfile(const AcceleratorSpec &accelerator) {
    ComputeProfile profile; // Hopper's constants, measured on H200 [1]
    if (!accelerator.efficiency) {
        profile.family = "generic";
        profile.measured = false;
        profile.basis = "no efficiency measurement for " + accelerator.architecture +
                        "; Hopper's measured fractions are assumed";
        return profile;
    }
    const EfficiencyCalibration &calibration = *accelerator.efficiency;
    profile.family = calibration.family;
    profile.streamingMultiprocessors = calibration.streamingMultiprocessors;
    profile.boostGemmFraction = calibration.boostGemmFraction;
    profile.sustainedGemmFraction = calibration.sustainedGemmFraction;
    profile.sustainedGemmFractionLowPrecision = calibration.sustainedGemmFractionLowPrecision;
    profile.epilogueK = calibration.epilogueK;
    profile.attentionMaxFraction = calibration.attentionMaxFraction;
    profile.attentionSequenceHalf = calibration.attentionSequenceHalf;
    profile.attentionHeadDimHalf = calibration.attentionHeadDimHalf;
    profile.hbmFraction = calibration.hbmFraction;
    profile.measured = calibration.measured;
    profile.basis = calibration.source;
    return profile;
}

GpuRates gpuRates(const AcceleratorSpec &accelerator, Precision precision) {
    const ComputeProfile profile = computeProfile(accelerator);
    GpuRates rates;
    rates.peakFlopsPerSecond = accelerator.denseFlopsPerSecond(precision);
    rates.bf16PeakFlopsPerSecond = accelerator.bf16FlopsPerSecond;
    const bool lowPrecision = bytesPerElement(precision) < 2.0;
    rates.boostFraction = profile.boostGemmFraction;
    rates.sustainedFraction =
        lowPrecision ? profile.sustainedGemmFractionLowPrecision : profile.sustainedGemmFraction;
    rates.sustainedFractionBf16 = profile.sustainedGemmFraction;
    rates.streamingMultiprocessors = profile.streamingMultiprocessors;
    const double sms = static_cast<double>(profile.streamingMultiprocessors);
    rates.epilogueK = profile.epilogueK * (rates.peakFlopsPerSecond / sms) / referencePeakPerSm;
    rates.epilogueKBf16 =
        profile.epilogueK * (rates.bf16PeakFlopsPerSecond / sms) / referencePeakPerSm;
    rates.attentionMaxFraction = profile.attentionMaxFraction;
    rates.attentionSequenceHalf = profile.attentionSequenceHalf;
    rates.attentionHeadDimHalf = profile.attentionHeadDimHalf;
    rates.memoryBytesPerSecond = accelerator.hbmBytesPerSecond * profile.hbmFraction;
    return rates;
}

double gemmFlopsPerSecond(const GpuRates &rates, double m, double n, double k, bool lowPrecision) {
    const double peak = lowPrecision ? rates.peakFlopsPerSecond : rates.bf16PeakFlopsPerSecond;
    if (peak <= 0.0 || m <= 0.0 || n <= 0.0 || k <= 0.0)
        return 0.0;
    const double epilogue = lowPrecision ? rates.epilogueK : rates.epilogueKBf16;
    const double sustained = lowPrecision ? rates.sustainedFraction : rates.sustainedFractionBf16;
    const double clockLimited = peak * rates.boostFraction *
                                waveEfficiency(m, n, rates.streamingMultiprocessors) * k /
                                (k + epilogue);
    return std::min(clockLimited, peak * sustained);
}

double gemmSeconds(const GpuRates &rates, double m, double n, double k, bool lowPrecision,
                   double count) {
    if (m <= 0.0 || n <= 0.0 || k <= 0.0 || count <= 0.0)
        return 0.0;
    // A batch of small GEMMs shares the SMs: quantise the waves of the whole batch.
    const double rate = gemmFlopsPerSecond(rates, m * count, n, k, lowPrecision);
    return rate > 0.0 ? 2.0 * m * n * k * count / rate : 0.0;
}

double fusedAttentionSeconds(const GpuRates &rates, double flops, double sequence, double headDim) {
    if (flops <= 0.0 || rates.bf16PeakFlopsPerSecond <= 0.0)
        return 0.0;
    const double fraction = rates.attentionMaxFraction * sequence /
                            (sequence + rates.attentionSequenceHalf) * headDim /
                            (headDim + rates.attentionHeadDimHalf);
    const double rate = std::min(rates.bf16PeakFlopsPerSecond * fraction,
                                 rates.bf16PeakFlopsPerSecond * rates.sustainedFractionBf16);
    return flops / rate;
}

double memoryBoundSeconds(const GpuRates &rates, double bytes) {
    if (bytes <= 0.0 || rates.memoryBytesPerSecond <= 0.0)
        return 0.0;
    return bytes / rates.memoryBytesPerSecond;
}

} // namespace scalescope::models
