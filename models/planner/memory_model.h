#pragma once

// Per-GPU memory terms of training: activations per transformer layer (Korthikanti et al.),
// micro-batches in flight under pipeline schedules, logits and loss buffers, and the framework
// overhead nvidia-smi users see on top of the tensors.
//
// References
//   [1] Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models",
//       MLSys 2023, arXiv:2205.05198, sec. 4 and Table 2 (bytes, 16-bit activations, 1-byte
//       dropout masks): per layer s b h (34 + 5 a s / h) without parallelism;
//       s b h (10 + 24/t + 5 a s/(h t)) with TP; s b h (34 + 5 a s/h)/t with TP + SP;
//       selective recompute drops the 5 a s/h term; full recompute keeps 2 s b h.
//       Section 4.2.3: 1F1B keeps p micro-batches in flight on the first stage; interleaving
//       multiplies that by 1 + (p - 1)/(p v).
//   [2] NVIDIA Megatron-LM, megatron/training/theoretical_memory_usage.py: general FFN width
//       (34 -> 18 + 4 f/h per layer when f != 4h), the 1.05 allocator factor, interleaved
//       warm-up micro-batches 2 (p - i - 1) + (v - 1) p + 1 chunks on stage i.
//   [3] Dao et al., "FlashAttention", NeurIPS 2022: softmax and dropout outputs of size
//       a s^2 are recomputed in backward, like selective recomputation.
//   [4] NVIDIA Megatron-LM issue #525 (OOM at 32 GB with a 23.3 GB estimate): real runs add
//       CUDA context, NCCL buffers and allocator fragmentation.

#include "models/scenario/scenario.h"

namespace scalescope::models {

/// One transformer layer as one GPU stores it for backward, per micro-batch.
struct ActivationShape {
    double sequence = 0.0;    ///< tokens of one sequence on this GPU (s / cp)
    double keySequence = 0.0; ///< keys each query attends to (s)
    double microBatch = 1.0;  ///< b
    double hidden = 0.0;      ///< h
    double queryWidth = 0.0;  ///< a * d_h (= h for standard attention)
    double kvWidth = 0.0;     ///< g * d_h (= h for MHA)
    double heads = 0.0;       ///< a
    /// FFN activation width per token: f for a dense layer, (top-k + shared) * f_e for MoE.
    double ffnWidth = 0.0;
    /// Extra copies of the layer input made for routed experts (top-k for MoE, else 0).
    double routedCopies = 0.0;
    bool gatedMlp = false; ///< SwiGLU: the FC1 output has two halves of width f
    double tensorParallel = 1.0;
    bool sequenceParallel = false;
    bool fusedAttention = true; ///< FlashAttention: no a s^2 buffers [3]
    /// Dropout after attention and MLP (GPT-3/Megatron GPT); bias-free Llama-style models train
    /// without dropout and keep no masks.
    bool dropoutMasks = true;
    /// Bytes per element of the saved GEMM inputs (QKV, output projection, FC1, FC2): 2 for
    /// BF16, 1 when FP8 GEMMs keep their FP8-cast inputs for backward (Transformer Engine).
    double gemmInputBytes = 2.0;
    Recompute recompute = Recompute::None;
    bool operator==(const ActivationShape &) const = default;
};

/// Bytes one layer keeps for backward per micro-batch [1] generalised to GQA, any FFN width,
/// gated MLPs and MoE. With x = 1/t under sequence parallelism, else 1, and e the saved GEMM
/// input width (2 bytes, 1 with FP8 GEMMs):
///   replicated part  (4 + 2e + 2) s b h x   (two norm inputs 2+2, QKV and FC1 inputs e+e, two
///                                           1-byte dropout masks when the model uses dropout)
///   sharded part     (2 q + 4 kv + e q) s b / t   (Q, K, V, attention output)
///                    + (2 + e or 4 + e) s b f / t (FC1 output(s) and FC2 input; gated: 4 + e)
///                    + e s b h k_r x             (routed token copies, MoE)
///   score part       5 a s s_k b / t  (softmax 2, dropout mask 1, dropout output 2), dropped by
///                                      selective recompute and by fused attention
///   full recompute   2 s b h x        (the layer input only)
/// For MHA, f = 4h, no SP: s b h (10 + 24/t + 5 a s/(h t)), Table 2 of [1].
[[nodiscard]] double activationBytesPerLayer(const ActivationShape &shape);

/// Bytes of one layer's full working set (no recomputation): what a fully recomputed layer
/// rebuilds during its backward, held once per GPU on top of the checkpoints.
[[nodiscard]] double recomputeWorkingSetBytes(const ActivationShape &shape);

/// Micro-batches (in units of "every layer of this stage, one micro-batch") that stage
/// `stage` of `pp` holds at its peak [1][2]:
///   1F1B (v = 1):      min(m, p - i)
///   interleaved (v>1): min(m v, 2 (p - i - 1) + (v - 1) p + 1) / v   (chunks of L/(p v) layers)
/// Stage 0 with interleaving: p (1 + (p - 1)/(p v)).
[[nodiscard]] double inFlightMicroBatches(int stage, int pp, int vpp, int microBatches);

/// Logits and loss buffers on the last stage, per micro-batch [1]: bf16 logits plus their fp32
/// copy for the cross-entropy, 6 s b V / t bytes, plus the final norm input 2 s b h x.
[[nodiscard]] double logitsBytes(double sequence, double microBatch, double hidden, double vocab,
                                 double tensorParallel, bool sequenceParallel);

/// Framework overhead on top of the tensors [2][4]: CUDA context, cuBLAS/cuDNN workspaces and
/// the caching allocator's reserve (1 GiB), 256 MiB of NCCL buffers per communicator a rank
/// belongs to (`communicators`), and 5% fragmentation of `tensorBytes` (Megatron's 1.05).
[[nodiscard]] double frameworkOverheadBytes(double tensorBytes, int communicators);

} // namespace scalescope::models
