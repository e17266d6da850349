#pragma once

// Parallelism search: every layout of the space in models/search/search_space.h is classified,
// bounded or evaluated with the training planner (evaluateLayout), on all cores, and the best
// ones are returned ranked by step time, cost or energy, with the Pareto set over
// (step time, cost, energy, GPUs).
//
// Objective per optimizer step (the whole-run value is this times total tokens / global batch
// tokens / goodput, the same factor for every layout, so the ranking is the same):
//   time    t = step seconds
//   cost    n t c / 3600                      (n GPUs, c $ per GPU-hour)
//   energy  n PUE (P0 t + P1 t_busy)          with P(f) = P0 + P1 f the average power per GPU
//                                             at busy fraction f = t_busy / t (planner.h)
//
// Pruning (never changes the top N or the Pareto set; tests compare with the exhaustive walk):
//   memory    model states (weights, gradients, optimizer; stageMemory with the framework
//             overhead of those tensors alone) do not depend on the micro-batch, recompute,
//             sequence parallelism or vpp: if they exceed HBM on some stage, the whole
//             (tp, pp, cp, ep, ZeRO) subspace is out of memory. Activations only grow with
//             the micro-batch b (in-flight micro-batches x b = min(S/dp, (p - i) b)), so once a
//             (ZeRO, vpp, recompute, sp) choice is out of memory at b, it is for every larger b.
//   dominance one evaluated layout (the probe) of a (tp, pp, cp, ep, recompute, sp, b) group
//             bounds its siblings that differ only in ZeRO stage and vpp: compute and the
//             TP/EP/CP communication do not depend on them, the bubble is (p - 1)/v x the average
//             stage time [Narayanan et al. 2021], and DP, PP communication and the optimizer
//             step are >= 0:   t >= t_compute + t_tp + t_ep + t_cp + t_bubble(v=1)/v.
//             A sibling is skipped when its bound on the objective is above the N-th best
//             found so far (by any thread) and its bound on (t, cost, energy, GPUs) is
//             dominated by a layout already on the thread's Pareto set.

#include "models/catalog/catalog.h"
#include "models/planner/planner_context.h"
#include "models/scenario/scenario.h"
#include "models/search/search_space.h"

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace scalescope::models {

/// What the search ranks by.
enum class SearchObjective { Time, Cost, Energy };

/// "time", "cost", "energy".
[[nodiscard]] std::string_view searchObjectiveName(SearchObjective objective);

/// Parses "time", "cost" or "energy"; false when unknown.
[[nodiscard]] bool parseSearchObjective(std::string_view name, SearchObjective &objective);

/// How to search.
struct SearchOptions {
    SearchObjective objective = SearchObjective::Time;
    int topN = 10; ///< layouts returned in the ranking (>= 1)
    /// GPU counts to search; empty = the scenario's num_gpus. With several counts the
    /// Pareto set trades step time against cost and GPUs.
    std::vector<int> gpuCounts;
    SearchSpaceLimits limits;
    bool prune = true; ///< false walks and evaluates every valid layout (for tests)
    int threads = 0;   ///< worker threads; 0 = std::thread::hardware_concurrency()
    PlannerOptions planner;
    /// Called on the calling thread with the fraction of the space done (0..1), about every
    /// 20 ms and once at the end.
    std::function<void(double)> progress;
    /// Checked by every worker before each evaluation and at each micro-batch; when it turns
    /// true the search returns what it has found so far with `cancelled` set.
    const std::atomic<bool> *cancel = nullptr;
};

/// One ranked layout with its planner breakdown and whole-run figures.
struct SearchCandidate {
    Parallelism parallelism;
    int gpus = 0;
    LayoutMetrics metrics;         ///< memory and step-time breakdown from evaluateLayout
    double objectivePerStep = 0.0; ///< s, USD or J per optimizer step
    double trainingSeconds = 0.0;  ///< total tokens / tokens per second / goodput
    double gpuHours = 0.0;         ///< GPUs x training time / 3600
    double costUsd = 0.0;          ///< GPU-hours x $/GPU-hour
    double energyJoules = 0.0;     ///< GPUs x average power x training time x PUE
    double averagePowerWattsPerGpu = 0.0;
};

/// What happened to every layout of the space (see models/search/search_space.h).
struct SearchCounts {
    long long total = 0;                ///< layouts in the space
    long long evaluated = 0;            ///< fully evaluated with evaluateLayout
    long long feasible = 0;             ///< evaluated and fitting in memory
    long long prunedMemory = 0;         ///< skipped: a bound proves them out of memory
    long long prunedDominated = 0;      ///< skipped: a bound proves them outside top N and Pareto
    long long rejectedDivisibility = 0; ///< heads, KV heads, FFN, layers, sequence, experts
    long long rejectedHardware = 0;     ///< TP across the scale-up domain
    long long rejectedBatch = 0;        ///< micro-batch x dp vs the global batch
    long long evaluatedOutOfMemory = 0; ///< evaluated but not fitting
    [[nodiscard]] long long pruned() const { return prunedMemory + prunedDominated; }
    /// Layouts known not to fit: evaluated ones that do not plus those pruned by memory.
    [[nodiscard]] long long rejectedMemory() const { return evaluatedOutOfMemory + prunedMemory; }
    bool operator==(const SearchCounts &) const = default;
};

/// The search's answer.
struct SearchResult {
    bool valid = false;     ///< false: `errorField` / `error` say which input is wrong
    std::string errorField; ///< JSON pointer into the scenario
    std::string error;      ///< "field: reason"
    SearchObjective objective = SearchObjective::Time;
    std::vector<int> gpuCounts;          ///< the counts searched
    std::vector<SearchCandidate> top;    ///< best first, at most topN
    std::vector<SearchCandidate> pareto; ///< non-dominated (t, cost, energy, GPUs), by t
    SearchCounts counts;
    double seconds = 0.0; ///< wall time of the search
    int threads = 0;
    bool cancelled = false;
    std::vector<std::string> warnings; ///< from resolving the hardware
};

/// Searches the parallel layouts of `scenario` (its model, hardware, training and economics;
/// its own parallelism is ignored). Never throws for a problem of the scenario: `valid` is
/// false and `errorField`/`error` name it.
[[nodiscard]] SearchResult searchParallelism(const Scenario &scenario, const Catalog &catalog,
                                             const SearchOptions &options = {});

/// The search over prepared planner contexts (one per GPU count, all built by
/// makePlannerContext for `model` on the same hardware after the checks searchParallelism
/// makes).
[[nodiscard]] SearchResult searchContexts(const ModelShape &model,
                                          const std::vector<PlannerContext> &contexts,
                                          const SearchOptions &options);

} // namespace scalescope::models
