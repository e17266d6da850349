#pragma once

#include "models/core/enum_names.h"
#include "models/planner/planner_options.h"
#include "models/scaling/scaling_frontier.h"
#include "models/scenario/model_shape.h"
#include "models/scenario/precision.h"

#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

enum class Mode { Training, Inference };
enum class Recompute { None, Selective, Full };

/// Names in scenario files ("mode"), the command line and the views.
template <> struct EnumNames<Mode> {
    static constexpr std::array<EnumName<Mode>, 2> table{
        {{Mode::Training, "training"}, {Mode::Inference, "inference"}}};
};

/// Names in scenario files ("parallelism/recompute"), the command line and the views.
template <> struct EnumNames<Recompute> {
    static constexpr std::array<EnumName<Recompute>, 3> table{{{Recompute::None, "none"},
                                                               {Recompute::Selective, "selective"},
                                                               {Recompute::Full, "full"}}};
};

/// The parallel layout. Rank order (innermost first) is TP, CP, EP, DP, PP by default.
struct Parallelism {
    int tp = 1;
    int pp = 1;
    int dp = 1;
    int cp = 1;
    int ep = 1;
    int vpp = 1;       ///< virtual pipeline stages per device (interleaved 1F1B when > 1)
    int zeroStage = 0; ///< 0-3; 1 = Megatron distributed optimizer, 3 = FSDP full shard
    bool sequenceParallel = false;
    Recompute recompute = Recompute::None;
    int microBatch = 1; ///< sequences per micro-batch
    bool operator==(const Parallelism &) const = default;
};

struct TrainingSettings {
    double globalBatchTokens = 4194304.0; ///< tokens per optimizer step
    Precision precision = Precision::Bf16;
    std::string optimizer = "adam";
    std::string optimizerRecipe = "megatron"; ///< "mixed", "megatron", "torch-amp", "fp8", ...
    double totalTokens = 1.0e12;              ///< tokens for time-to-train
    bool operator==(const TrainingSettings &) const = default;
};

struct InferenceSettings {
    int batch = 1;              ///< concurrent sequences; ignored when maxThroughput
    bool maxThroughput = false; ///< "objective": "max_throughput"
    int inputLen = 1024;        ///< prompt tokens
    int outputLen = 256;        ///< generated tokens
    Precision precision = Precision::Bf16;
    double ttlSeconds = 0.0;  ///< per-token latency target; 0 = none
    double ttftSeconds = 0.0; ///< time-to-first-token target; 0 = none
    bool operator==(const InferenceSettings &) const = default;
};

struct Economics {
    double usdPerGpuHour = 2.5;
    double pue = 1.2;
    bool operator==(const Economics &) const = default;
};

struct HardwareChoice {
    std::string systemId; ///< catalog system id; empty when `gpuId` names a bare accelerator
    std::string gpuId;    ///< accelerator id (filled from the system when a system is given)
    int numGpus = 8;
    bool operator==(const HardwareChoice &) const = default;
};

/// One named what-if: a model on hardware with a layout. Small value type: the document keeps
/// whole before/after copies for undo.
struct Scenario {
    std::string name;
    Mode mode = Mode::Training;
    std::string modelPreset; ///< preset id the shape started from; empty for custom
    ModelShape model;        ///< resolved shape (preset + overrides)
    HardwareChoice hardware;
    Parallelism parallelism;
    TrainingSettings training;
    InferenceSettings inference;
    Economics economics;
    PlannerOptions planner; ///< software-stack options (the file's optional "planner" block)
    std::string notes;      ///< free text: where the layout comes from, assumptions
    bool operator==(const Scenario &) const = default;
};

/// Several scenarios in order (compare and presentation modes use this order).
struct Workspace {
    std::string name;  ///< optional title of the workspace file
    std::string notes; ///< optional free text
    std::vector<Scenario> scenarios;
    /// The user's scaling-law fit (the Fit tab), drawn by the scaling charts; saved as the
    /// workspace file's optional "scaling_fit" member (app/document/workspace_file.h).
    std::optional<UserScalingFit> scalingFit;
    bool operator==(const Workspace &) const = default;
};

} // namespace scalescope::models
