#pragma once

// The per-thread part of the parallelism search (see models/search/parallel_search.h for the
// bounds): walks the inner knobs of one (tp, pp, cp, ep) choice, prunes, evaluates, and keeps a
// local top N and Pareto set that the driver merges at the end.

#include "models/search/parallel_search.h"

#include <array>
#include <atomic>
#include <vector>

namespace scalescope::models {

/// Turns a layout's metrics into objective values and whole-run figures for one GPU count.
struct ObjectiveModel {
    int gpus = 0;
    double usdPerGpuHour = 0.0;
    double pue = 1.0;
    double gpuTdpWatts = 0.0;
    double nodeOverheadWattsPerGpu = 0.0;
    double idleWattsPerGpu = 0.0; ///< P0: average power at busy fraction 0 (planner.h)
    double busyWattsPerGpu = 0.0; ///< P1 = P(1) - P(0) >= 0
    double stepsPerRun = 0.0;     ///< total tokens / global batch tokens / goodput
    SearchObjective objective = SearchObjective::Time;

    [[nodiscard]] static ObjectiveModel from(const PlannerContext &context,
                                             SearchObjective objective);
    /// Per-step cost [USD] for `stepSeconds`.
    [[nodiscard]] double costPerStep(double stepSeconds) const;
    /// Per-step energy [J] for `stepSeconds` of which `busySeconds` compute.
    [[nodiscard]] double energyPerStep(double stepSeconds, double busySeconds) const;
    /// Lower bound of the per-step energy [J] of a layout whose step takes at least
    /// `stepBound` seconds of which at least `busyBound` compute.
    [[nodiscard]] double energyBound(double stepBound, double busyBound) const;
    /// The objective of a layout from its step and busy seconds.
    [[nodiscard]] double value(double stepSeconds, double busySeconds) const;
    /// Lower bound of the objective from lower bounds of step and busy seconds.
    [[nodiscard]] double boundValue(double stepBound, double busyBound) const;
    /// Fills objective and whole-run figures of an evaluated candidate.
    void complete(SearchCandidate &candidate) const;
};

/// Point used for Pareto dominance: step time, cost and energy per step, GPUs (all minimised).
using ParetoPoint = std::array<double, 4>;

/// q dominates x: q <= x everywhere and q < x somewhere.
[[nodiscard]] bool dominates(const ParetoPoint &q, const ParetoPoint &x);

/// Strict total order of candidates: objective, then step time, then the layout's knobs.
[[nodiscard]] bool rankedBefore(const SearchCandidate &a, const SearchCandidate &b);

/// State shared by all workers.
struct SearchShared {
    std::vector<PlannerContext> contexts;
    std::vector<ObjectiveModel> objectives;
    std::vector<long long> sequences; ///< global batch sequences per context
    SearchOptions options;
    /// Smallest N-th best objective of any thread (an upper bound of the global N-th best).
    std::atomic<double> threshold{0.0};
    std::atomic<long long> accounted{0}; ///< layouts classified so far (progress)
    std::atomic<bool> cancelled{false};
};

/// One thread's search state.
class SearchWorker {
public:
    explicit SearchWorker(SearchShared &shared)
        : m_shared(shared) {}
    /// Walks the inner knobs of a searchable outer layout. Returns false when cancelled.
    bool run(const OuterLayout &outer);

    [[nodiscard]] const SearchCounts &counts() const { return m_counts; }
    [[nodiscard]] const std::vector<SearchCandidate> &top() const { return m_top; }
    [[nodiscard]] const std::vector<SearchCandidate> &pareto() const { return m_pareto; }

private:
    struct Walk;
    bool cancelRequested();
    /// One (recompute, sequence parallelism) group of the outer layout; false when cancelled.
    bool runGroup(Walk &walk, Recompute recompute, bool sequenceParallel);
    /// Counts the micro-batches from index `first` on as out of memory or rejected.
    void accountDeadBatches(Walk &walk, int first);
    /// Classifies the slots at `microBatch`: rejected, pruned for memory, or to evaluate.
    void collectCandidates(Walk &walk, int microBatch);
    /// Evaluates or prunes the collected candidates; false when cancelled.
    bool evaluateCandidates(Walk &walk, int microBatch, Recompute recompute, bool sequenceParallel);
    void evaluate(const OuterLayout &outer, const Parallelism &layout, SearchCandidate &out);
    void offer(const ObjectiveModel &model, const SearchCandidate &candidate);
    [[nodiscard]] bool skippable(const ObjectiveModel &model, double stepBound,
                                 double busyBound) const;

    SearchShared &m_shared;
    SearchCounts m_counts;
    std::vector<SearchCandidate> m_top;    ///< sorted by rankedBefore, at most topN
    std::vector<SearchCandidate> m_pareto; ///< non-dominated among this thread's feasible
    std::vector<ParetoPoint> m_paretoPoints;
};

/// Merges local Pareto sets: the non-dominated candidates (points under the model with the
/// candidate's GPU count), ordered by step time then knobs.
[[nodiscard]] std::vector<SearchCandidate>
mergePareto(const std::vector<std::vector<SearchCandidate>> &sets,
            const std::vector<ObjectiveModel> &models);

/// Pareto point of an evaluated candidate under `model`.
[[nodiscard]] ParetoPoint candidatePoint(const ObjectiveModel &model,
                                         const SearchCandidate &candidate);

} // namespace scalescope::models
