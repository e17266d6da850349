#include "models/planner/optimizer_recipe.h"

#include <algorithm>

namespace scalescope::models {

const std::vector<OptimizerRecipe> &optimizerRecipeTable() {
    // Traffic: Adam reads gradient, master weight, m, v and writes master weight, m, v and the
    // low-precision copy the next forward uses (one fused multi-tensor pass).
    static const std::vector<OptimizerRecipe> recipes = {
        {"mixed", "bf16/fp16 weights and gradients, fp32 master + Adam m, v (ZeRO paper)", 2.0, 0.0,
         2.0, 12.0, 2.0 + 12.0 + 12.0 + 2.0, 2.0, 2.0,
         "Rajbhandari et al. 2020 (ZeRO), sec. 3: 2 + 2 + 12 bytes/param"},
        {"megatron", "bf16 weights, fp32 main gradients, fp32 master + Adam m, v (Megatron-LM)",
         2.0, 0.0, 4.0, 12.0, 4.0 + 12.0 + 12.0 + 2.0, 4.0, 2.0,
         "Megatron-LM theoretical_memory_usage.py: 18 bytes/param, 6 + 12/d with the "
         "distributed optimizer; bf16 forces fp32 gradient accumulation and reduction"},
        {"torch-amp",
         "fp32 weights and gradients, fp32 Adam m, v, bf16 autocast weight copies (PyTorch AMP)",
         4.0, 2.0, 4.0, 8.0, 4.0 + 4.0 + 8.0 + 4.0 + 8.0, 4.0, 4.0,
         "PyTorch torch.autocast + AdamW: 4 + 4 + 8 = 16 bytes/param, autocast caches a bf16 "
         "copy of each weight for backward (+2 bytes/param)"},
        {"fp8",
         "Megatron recipe plus an FP8 copy of every weight for the GEMMs (Transformer Engine)", 3.0,
         0.0, 4.0, 12.0, 4.0 + 12.0 + 12.0 + 2.0 + 1.0, 4.0, 2.0,
         "Megatron-LM recipe (18 bytes/param) + Transformer Engine FP8 weight cache (1 "
         "byte/param)"},
        {"fp8-primary", "FP8 primary weights, fp32 main gradients, fp32 master + Adam m, v", 1.0,
         0.0, 4.0, 12.0, 4.0 + 12.0 + 12.0 + 1.0, 4.0, 1.0,
         "Transformer Engine fp8_model_init / NeMo fp8_param: 1 + 4 + 12 = 17 bytes/param"},
    };
    return recipes;
}

std::optional<OptimizerRecipe> findOptimizerRecipe(std::string_view id) {
    const auto &recipes = optimizerRecipeTable();
    const auto it = std::find_if(recipes.begin(), recipes.end(),
                                 [&](const OptimizerRecipe &recipe) { return recipe.id == id; });
    if (it == recipes.end())
        return std::nullopt;
    return *it;
}

ModelStateBytes modelStateBytes(const OptimizerRecipe &recipe, double parameters, int zeroStage,
                                int shardCount) {
    const double shards = static_cast<double>(std::max(1, shardCount));
    ModelStateBytes bytes;
    bytes.weightsBytes =
        recipe.weightBytesPerParameter * parameters / (zeroStage >= 3 ? shards : 1.0) +
        recipe.unshardedCopyBytesPerParameter * parameters;
    bytes.gradientsBytes =
        recipe.gradientBytesPerParameter * parameters / (zeroStage >= 2 ? shards : 1.0);
    bytes.optimizerBytes =
        recipe.optimizerBytesPerParameter * parameters / (zeroStage >= 1 ? shards : 1.0);
    return bytes;
}

} // namespace scalescope::models
