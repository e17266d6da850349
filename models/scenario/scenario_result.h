#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace scalescope::models {

struct RackJob; // models/rack/rack_traffic.h

/// One input problem of a scenario, as validateScenario (models/planner/validate_scenario.h)
/// reports it: `field` is a JSON pointer relative to the scenario ("/parallelism/tp").
struct ScenarioProblem {
    std::string field;
    std::string reason;
    bool operator==(const ScenarioProblem &) const = default;
};

/// Bytes one GPU holds, by term. The views colour each term the same everywhere.
struct MemoryBreakdown {
    double weightsBytes = 0.0;
    double gradientsBytes = 0.0;
    double optimizerBytes = 0.0;
    double activationsBytes = 0.0;
    double kvCacheBytes = 0.0;
    double otherBytes = 0.0; ///< framework overhead: CUDA context, NCCL buffers, fragmentation
    [[nodiscard]] double totalBytes() const {
        return weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + kvCacheBytes +
               otherBytes;
    }
    bool operator==(const MemoryBreakdown &) const = default;
};

/// Where one optimizer step's time goes [s]. `timeSeconds` is the wall time of the step;
/// the communication fields are the exposed (not overlapped) parts.
struct StepBreakdown {
    double timeSeconds = 0.0;
    double computeSeconds = 0.0;
    double tpCommSeconds = 0.0;
    double cpCommSeconds = 0.0;
    double epCommSeconds = 0.0;
    double dpCommSeconds = 0.0;
    double ppCommSeconds = 0.0;
    double bubbleSeconds = 0.0;
    double optimizerSeconds = 0.0;
    [[nodiscard]] double exposedCommSeconds() const {
        return tpCommSeconds + cpCommSeconds + epCommSeconds + dpCommSeconds + ppCommSeconds;
    }
    bool operator==(const StepBreakdown &) const = default;
};

/// How a number was produced, for tooltips and `--explain`: the formula, its inputs, and the
/// catalog values with their sources.
struct Explanation {
    std::string formula;
    std::string inputs;
    std::string sources;
    bool operator==(const Explanation &) const = default;
};

/// The scaling-law view of a scenario (filled by the scaling module).
struct ScalingLink {
    double computeBudgetFlop = 0.0;  ///< GPUs x time x achieved FLOP/s
    double optimalParameters = 0.0;  ///< compute-optimal N for that budget
    double optimalTokens = 0.0;      ///< compute-optimal D
    double optimalLoss = 0.0;        ///< L(N_opt, D_opt)
    double predictedLoss = 0.0;      ///< L(scenario's N, scenario's D)
    double doubledClusterLoss = 0.0; ///< optimal loss with twice the budget
    std::string law;                 ///< "chinchilla-epoch" etc.
    bool operator==(const ScalingLink &) const = default;
};

/// One point of a GPU-count sweep: the scenario with its data-parallel size scaled.
struct GpuSweepPoint {
    int gpus = 0;
    double trainingSeconds = 0.0;
    double costUsd = 0.0;
    bool operator==(const GpuSweepPoint &) const = default;
};

/// Everything the planner says about one scenario; immutable once produced and shared with
/// every view as std::shared_ptr<const ScenarioResult>.
struct ScenarioResult {
    std::string name;
    bool valid = false;     ///< false: `error` says why (views keep the last valid result, greyed)
    std::string error;      ///< "file-less" InputError text: field and reason
    std::string errorField; ///< the scenario field at fault, e.g. "/parallelism/tp"
    /// Every input problem (validateScenario's, or the layout's physics check); the first is
    /// `errorField`/`error`. The views show each under its knob. Empty when valid.
    std::vector<ScenarioProblem> problems;

    // Model
    double parameters = 0.0;
    double activeParameters = 0.0;
    double modelFlopsPerToken = 0.0;    ///< forward + backward, no recomputation
    double hardwareFlopsPerToken = 0.0; ///< including recomputation

    // Memory (most loaded GPU, and per pipeline stage)
    MemoryBreakdown memory;
    std::vector<MemoryBreakdown> stageMemory;
    double hbmBytes = 0.0;
    bool fitsInMemory = false;

    // Time
    StepBreakdown step;
    double tokensPerSecond = 0.0;
    double tokensPerSecondPerGpu = 0.0;
    double modelFlopsPerSecondPerGpu = 0.0;
    double mfu = 0.0;
    double hfu = 0.0;
    std::string mfuBasis;                      ///< "bf16 dense peak 989 TFLOP/s (h100-sxm)"
    double hardwareFlopsPerSecondPerGpu = 0.0; ///< including recomputation (HFU numerator)
    int microBatches = 0;                      ///< per pipeline per step: B / (micro_batch x dp)
    int mostLoadedStage = 0; ///< pipeline stage whose GPUs hold the most bytes (`memory`)
    int bottleneckStage = 0; ///< slowest pipeline stage (sets the step time)
    std::string rankOrder;   ///< "tp-cp-ep-dp-pp": innermost first

    // Whole run
    double trainingSeconds = 0.0;
    double gpuHours = 0.0;
    double energyJoules = 0.0; ///< including PUE
    double costUsd = 0.0;
    double averagePowerWattsPerGpu = 0.0; ///< GPU + share of node overhead, before PUE

    std::optional<ScalingLink> scaling;
    /// The job as the rack view places it (rank mapping, per-step traffic, the planner's
    /// effective link bandwidths, per-stage bytes): models::plannerRackJob, filled by the
    /// evaluation (app/document/planner_evaluator.cpp); null with `rackError` set when the
    /// planner cannot place it.
    std::shared_ptr<const RackJob> rackJob;
    std::string rackError;
    /// The same job at other GPU counts (models/planner/gpu_sweep.h), filled by the evaluation
    /// (app/document/planner_evaluator.cpp); empty for an invalid result.
    std::vector<GpuSweepPoint> gpuSweep;
    std::vector<std::string> warnings;
    /// Keyed by output name ("memory.activations", "step.bubble", "mfu", ...).
    std::map<std::string, Explanation> explanations;
};

} // namespace scalescope::models
