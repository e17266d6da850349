#pragma once

// How a training framework holds weights, gradients and optimizer states, in bytes per
// parameter, and how many bytes per parameter the optimizer step streams through HBM.
//
// References
//   [1] Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter
//       Models", SC'20, section 3 (2 + 2 + 12 bytes/param for mixed-precision Adam).
//   [2] NVIDIA Megatron-LM, megatron/training/theoretical_memory_usage.py and the
//       distributed optimizer docs: bf16 weights, fp32 main gradients, fp32 master weights and
//       Adam moments = 18 bytes/param, 6 + 12/d with the distributed optimizer.
//   [3] PyTorch automatic mixed precision (torch.autocast + torch.optim.AdamW): fp32 weights,
//       fp32 gradients, fp32 exp_avg and exp_avg_sq = 16 bytes/param; autocast caches the bf16
//       copy of each weight it casts, and autograd keeps it for backward (+2 bytes/param).
//   [4] NVIDIA Transformer Engine FP8 training: an FP8 copy of each weight is cached for the
//       GEMMs (1 byte/param) next to the higher-precision weights; with `fp8_model_init` the
//       FP8 weights are the primary copy.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scalescope::models {

/// Bytes per parameter a recipe keeps on the GPU before any ZeRO sharding, and the bytes per
/// parameter the optimizer step reads and writes.
struct OptimizerRecipe {
    std::string id;   ///< "mixed", "megatron", "torch-amp", "fp8", "fp8-primary"
    std::string name; ///< one line for tables and tooltips
    /// Weights the GEMMs read [B/param] (bf16 2, fp32 4, fp8 1, plus cached FP8 copies).
    double weightBytesPerParameter = 2.0;
    /// Copies made for compute that ZeRO does not shard (torch autocast bf16 copies kept for
    /// backward) [B/param].
    double unshardedCopyBytesPerParameter = 0.0;
    double gradientBytesPerParameter = 2.0;   ///< accumulated gradients [B/param]
    double optimizerBytesPerParameter = 12.0; ///< master weights + Adam m + v [B/param]
    /// HBM traffic of one optimizer step [B/param]: read gradients, master weights, m, v;
    /// write master weights, m, v and the low-precision weight copy.
    double optimizerTrafficBytesPerParameter = 28.0;
    /// Bytes per element of the gradients the data-parallel reduction moves.
    double gradientCommBytesPerParameter = 2.0;
    /// Bytes per element of the parameters a ZeRO-1/2/3 all-gather moves.
    double parameterCommBytesPerParameter = 2.0;
    std::string reference; ///< where the accounting comes from

    /// Weights + unsharded copies + gradients + optimizer states [B/param], unsharded.
    [[nodiscard]] double totalBytesPerParameter() const {
        return weightBytesPerParameter + unshardedCopyBytesPerParameter +
               gradientBytesPerParameter + optimizerBytesPerParameter;
    }
    bool operator==(const OptimizerRecipe &) const = default;
};

/// Every named recipe, in the order the README lists them.
[[nodiscard]] const std::vector<OptimizerRecipe> &optimizerRecipeTable();

/// The recipe called `id`, or nullopt when unknown.
[[nodiscard]] std::optional<OptimizerRecipe> findOptimizerRecipe(std::string_view id);

/// Model-state bytes per GPU for `parameters` parameters held on that GPU, sharded by ZeRO
/// stage `zeroStage` over `shardCount` data-parallel ranks [1]:
///   weights   = w * P / (zero >= 3 ? d : 1) + copies * P
///   gradients = g * P / (zero >= 2 ? d : 1)
///   optimizer = o * P / (zero >= 1 ? d : 1)
/// Stage 1 is also Megatron's distributed optimizer, stage 3 is FSDP full sharding.
struct ModelStateBytes {
    double weightsBytes = 0.0;
    double gradientsBytes = 0.0;
    double optimizerBytes = 0.0;
    bool operator==(const ModelStateBytes &) const = default;
};
[[nodiscard]] ModelStateBytes modelStateBytes(const OptimizerRecipe &recipe, double parameters,
                                              int zeroStage, int shardCount);

} // namespace scalescope::models
