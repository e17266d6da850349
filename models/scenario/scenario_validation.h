#pragma once

// Divisibility rules of a parallel layout (the planner's input check). The scenario loader
// checks what belongs to the file (types, ranges, known ids); these rules relate the layout to
// the model and the GPU count, and the planner and the search call them.
//
// Rules, in the order they are checked:
//  1. tp divides heads (Megatron splits whole heads over tensor-parallel ranks).
//  2. tp and kv_heads divide one another: KV heads are split when tp ≤ kv_heads and each is
//     replicated on tp / kv_heads ranks when tp > kv_heads (MQA and GQA at high tp). Not
//     checked for MLA, whose latent KV is per head.
//  3. tp divides ffn when the model has dense layers (column-parallel first MLP matrix).
//  4. pp ≤ layers. pp need not divide layers: stages get ⌊L/pp⌋ or ⌈L/pp⌉ layers, see
//     `stageLayerCount` in models/planner/model_arithmetic.h.
//  5. vpp > 1 needs pp > 1 and layers divisible by pp × vpp (Megatron's interleaved schedule).
//  6. tp × pp × dp × cp = hardware.num_gpus (EP is folded over the DP × CP ranks).
//  7. ep = 1 for a dense model; for MoE, ep divides the experts.
//  8. ep divides dp × cp (expert-parallel groups are drawn from data/context-parallel ranks with
//     expert tensor parallelism equal to tp, Megatron-Core's default).
//  9. cp > 1 needs seq_len divisible by 2 × cp (load-balanced causal chunks).
// Training only:
// 10. global_batch_tokens is a whole number of seq_len-token sequences;
// 11. those sequences divide into micro_batch × dp per micro-step;
// 12. with vpp > 1 the number of micro-batches per step is a multiple of pp.

#include "models/scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

/// The rules above, by number.
enum class LayoutRule {
    TpDividesHeads,
    TpKvHeads,
    TpDividesFfn,
    PpAtMostLayers,
    InterleavedStages,
    GpuProduct,
    EpExperts,
    EpRanks,
    CpSequence,
    BatchWholeSequences,
    BatchMicroSteps,
    InterleavedMicroBatches,
};

/// One violated rule: `field` is relative to the scenario object ("parallelism/tp").
struct LayoutProblem {
    LayoutRule rule = LayoutRule::TpDividesHeads;
    std::string field;
    std::string reason;
    bool operator==(const LayoutProblem &) const = default;
};

/// The first rule the layout breaks, without allocating (for the search's hot loop).
/// `globalBatchTokens` is ignored in inference mode.
[[nodiscard]] std::optional<LayoutRule> firstViolatedLayoutRule(const ModelShape &model,
                                                                const Parallelism &parallelism,
                                                                int numGpus, Mode mode,
                                                                double globalBatchTokens) noexcept;

/// The field and the message of `rule` for `scenario`, e.g. {"parallelism/tp",
/// "tp (6) must divide heads (64)"}.
[[nodiscard]] LayoutProblem describeLayoutProblem(LayoutRule rule, const Scenario &scenario);

/// Every rule `scenario` breaks, in rule order.
[[nodiscard]] std::vector<LayoutProblem> layoutProblems(const Scenario &scenario);

/// Throws InputError(file, scenarioPointer + "/" + field, reason) for the first broken rule.
/// `scenarioPointer` is the scenario's JSON pointer ("/scenarios/1", or "" for a
/// kind "scenario" file).
void validateLayout(const Scenario &scenario, const std::string &file,
                    const std::string &scenarioPointer);

} // namespace scalescope::models
