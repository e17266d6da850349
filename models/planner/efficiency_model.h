#pragma once

// What fraction of its datasheet peak a GPU sustains on the kernels of a transformer layer:
// GEMMs whose shapes follow from the model and the tensor-parallel split, fused attention,
// and memory-bound element-wise work. Not one MFU constant: the achieved rate of every GEMM is
//
//   rate(M, N, K) = min( peak * f_boost * u_wave(M, N) * K / (K + K0),  peak * f_sustained )
//
//   u_wave   wave quantisation: tiles = ceil(M/Tm) * ceil(N/Tn) spread over the SMs; the last,
//            partly filled wave idles SMs: u = waves / ceil(waves), best of the tile shapes
//            cuBLAS chooses from (128x256 and 128x128) [2];
//   K0       the per-tile prologue/epilogue, in K elements; it scales with the tensor-core rate
//            of one SM (peak / SMs), so K0 = 950 * (peak/SMs) / (H100 bf16 peak/SMs) [1];
//   f_boost  tensor-core issue efficiency at boost clock (fitted on the H200 short-burst GEMM
//            table: 0.93, K0 = 950) [1];
//   f_sustained  the board-power limit: long GEMM runs drop the SM clock from 1,980 to about
//            1,450 MHz on H200 and sustain 665 TFLOP/s bf16 (0.672 of 989) and 1,216 TFLOP/s
//            FP8 (0.614 of 1,979) [1].
// Fused (flash) attention: rate = peak_bf16 * a_max * s/(s + s0) * d/(d + d0), fitted on the
// measured SDPA table [1] (s sequence length, d head dimension). Memory-bound work runs at
// f_hbm of the HBM bandwidth (H200 copy: 4.29 of 4.8 TB/s = 0.89 [1]).
//
// The constants of each accelerator live in the catalog (data/catalog/accelerators.json, the
// accelerator's "efficiency" object with its source); an accelerator without one reuses the
// Hopper constants below and is flagged as not measured. Blackwell entries carry Hopper's
// fractions (measured false) with their own SM count. The A100's
// f_boost (0.83) and f_sustained (0.76) are the only constants fitted on published end-to-end
// runs (Korthikanti et al. 2022 Table 5 and Narayanan et al. 2021 Table 1, both on DGX A100);
// see the README section "Training planner" for the data and the hold-out check on H100 rows.
//
// References
//   [1] docs/reference/H200-measured.md (PyTorch 2.11, CUDA 13.0, 700 W H200 SXM).
//   [2] NVIDIA, "Matrix Multiplication Background User's Guide" (Deep Learning Performance
//       docs): tile and wave quantisation.
//   [3] NVIDIA A100 / H100 / Blackwell architecture whitepapers: SM counts (108, 132, 148).
//   [4] Dao, "FlashAttention-2", arXiv:2307.08691, sec. 4.1: 50-73% of A100 peak fwd+bwd.

#include "models/catalog/catalog.h"
#include "models/scenario/precision.h"

#include <string>

namespace scalescope::models {

/// Sustained-efficiency constants of one GPU generation.
struct ComputeProfile {
    std::string family;                   ///< "Ampere", "Hopper", "Blackwell", "generic"
    int streamingMultiprocessors = 132;   ///< [3]
    double boostGemmFraction = 0.93;      ///< ideal GEMM at boost clock / dense peak
    double sustainedGemmFraction = 0.672; ///< power-limited GEMM rate / dense peak (bf16)
    double sustainedGemmFractionLowPrecision = 0.614; ///< the same for FP8/FP6/FP4 GEMMs
    double epilogueK = 950.0;              ///< K0 at the H100 bf16 per-SM rate [elements]
    double attentionMaxFraction = 0.881;   ///< fused attention asymptote / bf16 peak
    double attentionSequenceHalf = 1223.0; ///< s0 [tokens]
    double attentionHeadDimHalf = 43.0;    ///< d0
    double hbmFraction = 0.89;             ///< achieved / datasheet HBM bandwidth
    bool measured = true;                  ///< false: constants borrowed from another generation
    std::string basis;                     ///< where the constants come from, for explanations
    bool operator==(const ComputeProfile &) const = default;
};

/// The profile for `accelerator`: its catalog calibration (AcceleratorSpec::efficiency), or,
/// when it has none, the Hopper constants with family "generic" and `measured = false`.
[[nodiscard]] ComputeProfile computeProfile(const AcceleratorSpec &accelerator);

/// Achievable rates of one GPU at one training precision, precomputed once per scenario.
struct GpuRates {
    double peakFlopsPerSecond = 0.0;     ///< dense peak of the GEMM precision [FLOP/s]
    double bf16PeakFlopsPerSecond = 0.0; ///< dense BF16 peak (attention, logits) [FLOP/s]
    double boostFraction = 0.93;
    double sustainedFraction = 0.672;     ///< for GEMMs at the training precision
    double sustainedFractionBf16 = 0.672; ///< for BF16 GEMMs
    double epilogueK = 950.0;             ///< K0 at this precision's per-SM rate
    double epilogueKBf16 = 950.0;
    int streamingMultiprocessors = 132;
    double attentionMaxFraction = 0.881;
    double attentionSequenceHalf = 1223.0;
    double attentionHeadDimHalf = 43.0;
    double memoryBytesPerSecond = 0.0; ///< achieved HBM bandwidth [B/s]
    bool operator==(const GpuRates &) const = default;
};

/// Rates for `accelerator` training in `precision` (GEMM precision; attention stays BF16).
/// A precision the accelerator lacks (peak 0) yields peak 0; callers report it.
[[nodiscard]] GpuRates gpuRates(const AcceleratorSpec &accelerator, Precision precision);

/// Seconds for `count` independent M x N x K GEMMs (2 M N K FLOPs each, one grouped launch)
/// at the training precision (`lowPrecision` true) or in BF16. Kernels are queued
/// asynchronously, so no per-launch latency is added; GEMMs of a single wave are therefore
/// optimistic (H200 2048^3: 610 predicted vs 438 TFLOP/s measured), training GEMMs span many.
[[nodiscard]] double gemmSeconds(const GpuRates &rates, double m, double n, double k,
                                 bool lowPrecision, double count = 1.0);

/// Achieved rate of that GEMM [FLOP/s] (for explanations and tests).
[[nodiscard]] double gemmFlopsPerSecond(const GpuRates &rates, double m, double n, double k,
                                        bool lowPrecision);

/// Seconds for `flops` of fused (flash) attention with sequence length `sequence` and head
/// dimension `headDim`.
[[nodiscard]] double fusedAttentionSeconds(const GpuRates &rates, double flops, double sequence,
                                           double headDim);

/// Seconds to stream `bytes` through HBM.
[[nodiscard]] double memoryBoundSeconds(const GpuRates &rates, double bytes);

} // namespace scalescope::models
