#include "models/search/search_worker.h"

#include "models/planner/memory_model.h"
#include "models/planner/planner.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace scalescope::models {

namespace {

/// Model-state bytes of the most loaded stage with the framework overhead of those tensors
/// alone (no activations, no communicator buffers): a lower bound of the layout's memory for
/// every micro-batch, recompute mode, sequence parallelism and vpp, because stageMemory's
/// weights, gradients and optimizer terms depend on none of them and frameworkOverheadBytes
/// grows with both of its arguments.
double modelStateBoundBytes(const PlannerContext &context, const OuterLayout &outer,
                            int zeroStage) {
    const Parallelism layout = outer.layout(1, 1, zeroStage, false, Recompute::Full);
    double worst = 0.0;
    for (int stage = 0; stage < outer.pp; ++stage) {
        const StageMemory memory = stageMemory(context, layout, stage);
        const double states = memory.weightsBytes + memory.gradientsBytes + memory.optimizerBytes;
        worst = std::max(worst, states + frameworkOverheadBytes(states, 0));
    }
    return worst;
}

auto knobs(const SearchCandidate &c) {
    const Parallelism &p = c.parallelism;
    return std::make_tuple(c.gpus, p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp, p.zeroStage,
                           p.sequenceParallel, static_cast<int>(p.recompute), p.microBatch);
}

void atomicMin(std::atomic<double> &target, double value) {
    double current = target.load(std::memory_order_relaxed);
    while (value < current &&
           !target.compare_exchange_weak(current, value, std::memory_order_relaxed)) {
    }
}

} // namespace

ObjectiveModel ObjectiveModel::from(const PlannerContext &context, SearchObjective objective) {
    ObjectiveModel model;
    model.gpus = context.numGpus;
    model.usdPerGpuHour = context.usdPerGpuHour;
    model.pue = context.pue;
    model.gpuTdpWatts = context.gpuTdpWatts;
    model.nodeOverheadWattsPerGpu = context.nodeOverheadWattsPerGpu;
    model.idleWattsPerGpu =
        averagePowerWattsPerGpu(context.gpuTdpWatts, context.nodeOverheadWattsPerGpu, 0.0);
    model.busyWattsPerGpu =
        averagePowerWattsPerGpu(context.gpuTdpWatts, context.nodeOverheadWattsPerGpu, 1.0) -
        model.idleWattsPerGpu;
    const double goodput = context.options.goodput > 0.0 ? context.options.goodput : 1.0;
    model.stepsPerRun = context.globalBatchTokens > 0.0
                            ? context.totalTokens / context.globalBatchTokens / goodput
                            : 0.0;
    model.objective = objective;
    return model;
}

double ObjectiveModel::costPerStep(double stepSeconds) const {
    return gpus * stepSeconds / 3600.0 * usdPerGpuHour;
}

double ObjectiveModel::energyPerStep(double stepSeconds, double busySeconds) const {
    const double busy = stepSeconds > 0.0 ? busySeconds / stepSeconds : 0.0;
    return gpus * pue * stepSeconds *
           averagePowerWattsPerGpu(gpuTdpWatts, nodeOverheadWattsPerGpu, busy);
}

double ObjectiveModel::energyBound(double stepBound, double busyBound) const {
    // P(f) t = P0 t + P1 f t = P0 t + P1 t_busy; with P1 < 0 use the smaller power P0 + P1.
    const double perGpu = busyWattsPerGpu >= 0.0
                              ? idleWattsPerGpu * stepBound + busyWattsPerGpu * busyBound
                              : (idleWattsPerGpu + busyWattsPerGpu) * stepBound;
    return gpus * pue * std::max(0.0, perGpu);
}

double ObjectiveModel::value(double stepSeconds, double busySeconds) const {
    switch (objective) {
    case SearchObjective::Time:
        return stepSeconds;
    case SearchObjective::Cost:
        return costPerStep(stepSeconds);
    case SearchObjective::Energy:
        return energyPerStep(stepSeconds, busySeconds);
    }
    return stepSeconds;
}

double ObjectiveModel::boundValue(double stepBound, double busyBound) const {
    return objective == SearchObjective::Energy ? energyBound(stepBound, busyBound)
                                                : value(stepBound, busyBound);
}

void ObjectiveModel::complete(SearchCandidate &candidate) const {
    const LayoutMetrics &m = candidate.metrics;
    const double busy = m.computeSeconds + m.optimizerSeconds;
    candidate.objectivePerStep = value(m.stepSeconds, busy);
    candidate.averagePowerWattsPerGpu = averagePowerWattsPerGpu(
        gpuTdpWatts, nodeOverheadWattsPerGpu, m.stepSeconds > 0.0 ? busy / m.stepSeconds : 0.0);
    candidate.trainingSeconds = m.stepSeconds * stepsPerRun;
    candidate.gpuHours = gpus * candidate.trainingSeconds / 3600.0;
    candidate.costUsd = candidate.gpuHours * usdPerGpuHour;
    candidate.energyJoules =
        gpus * candidate.averagePowerWattsPerGpu * candidate.trainingSeconds * pue;
}

bool dominates(const ParetoPoint &q, const ParetoPoint &x) {
    bool strictly = false;
    for (std::size_t i = 0; i < q.size(); ++i) {
        if (q[i] > x[i])
            return false;
        strictly = strictly || q[i] < x[i];
    }
    return strictly;
}

bool rankedBefore(const SearchCandidate &a, const SearchCandidate &b) {
    if (a.objectivePerStep != b.objectivePerStep)
        return a.objectivePerStep < b.objectivePerStep;
    if (a.metrics.stepSeconds != b.metrics.stepSeconds)
        return a.metrics.stepSeconds < b.metrics.stepSeconds;
    return knobs(a) < knobs(b);
}

ParetoPoint candidatePoint(const ObjectiveModel &model, const SearchCandidate &candidate) {
    const LayoutMetrics &m = candidate.metrics;
    return {m.stepSeconds, model.costPerStep(m.stepSeconds),
            model.energyPerStep(m.stepSeconds, m.computeSeconds + m.optimizerSeconds),
            static_cast<double>(model.gpus)};
}

bool SearchWorker::cancelRequested() {
    const std::atomic<bool> *cancel = m_shared.options.cancel;
    if (m_shared.cancelled.load(std::memory_order_relaxed))
        return true;
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
        m_shared.cancelled.store(true, std::memory_order_relaxed);
        return true;
    }
    return false;
}

void SearchWorker::evaluate(const OuterLayout &outer, const Parallelism &layout,
                            SearchCandidate &out) {
    const PlannerContext &context = m_shared.contexts[static_cast<std::size_t>(outer.contextIndex)];
    out.parallelism = layout;
    out.gpus = context.numGpus;
    out.metrics = evaluateLayout(context, layout);
    ++m_counts.evaluated;
    if (!out.metrics.fits) {
        ++m_counts.evaluatedOutOfMemory;
        return;
    }
    ++m_counts.feasible;
    const ObjectiveModel &model = m_shared.objectives[static_cast<std::size_t>(outer.contextIndex)];
    model.complete(out);
    offer(model, out);
}

void SearchWorker::offer(const ObjectiveModel &model, const SearchCandidate &candidate) {
    const auto topN = static_cast<std::size_t>(std::max(1, m_shared.options.topN));
    if (m_top.size() < topN || rankedBefore(candidate, m_top.back())) {
        m_top.insert(std::upper_bound(m_top.begin(), m_top.end(), candidate, rankedBefore),
                     candidate);
        if (m_top.size() > topN)
            m_top.pop_back();
        if (m_top.size() == topN)
            atomicMin(m_shared.threshold, m_top.back().objectivePerStep);
    }
    const ParetoPoint p = candidatePoint(model, candidate);
    for (const ParetoPoint &q : m_paretoPoints)
        if (dominates(q, p))
            return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_pareto.size(); ++i) {
        if (dominates(p, m_paretoPoints[i]))
            continue;
        if (kept != i) {
            m_pareto[kept] = m_pareto[i];
            m_paretoPoints[kept] = m_paretoPoints[i];
        }
        ++kept;
    }
    m_pareto.resize(kept);
    m_paretoPoints.resize(kept);
    m_pareto.push_back(candidate);
    m_paretoPoints.push_back(p);
}

bool SearchWorker::skippable(const ObjectiveModel &model, double stepBound,
                             double busyBound) const {
    const double bound = model.boundValue(stepBound, busyBound);
    if (!(bound > m_shared.threshold.load(std::memory_order_relaxed)))
        return false;
    const ParetoPoint p = {stepBound, model.costPerStep(stepBound),
                           model.energyBound(stepBound, busyBound),
                           static_cast<double>(model.gpus)};
    for (const ParetoPoint &q : m_paretoPoints)
        if (dominates(q, p))
            return true;
    return false;
}

/// The walk over one outer layout: its fixed facts and the scratch its groups reuse.
struct SearchWorker::Walk {
    const OuterLayout &outer;
    const PlannerContext &context;
    const ObjectiveModel &model;
    long long sequences = 0;
    bool prune = true;
    int zeros = 1;
    int vpps = 1;
    int batches = 1;
    int slots = 1; ///< (ZeRO, vpp) siblings of one group
    std::array<bool, 4> statesFit = {true, true, true, true};
    /// dead[z * vpps + vi]: out of memory at the current or a smaller micro-batch.
    std::vector<char> dead{};
    std::vector<int> candidates{}; ///< slots to evaluate at the current micro-batch
    SearchCandidate scratch{};
    long long accounted = 0; ///< layouts of the current group classified so far
};

bool SearchWorker::run(const OuterLayout &outer) {
    const auto index = static_cast<std::size_t>(outer.contextIndex);
    Walk walk{outer, m_shared.contexts[index], m_shared.objectives[index]};
    walk.sequences = m_shared.sequences[index];
    walk.prune = m_shared.options.prune;
    walk.zeros = outer.zeroStages;
    walk.vpps = static_cast<int>(outer.vpps.size());
    walk.batches = static_cast<int>(outer.microBatch.size());
    walk.slots = walk.zeros * walk.vpps;
    // Phase 1: ZeRO stages whose model states alone exceed the memory are dead from the start.
    if (walk.prune)
        for (int z = 0; z < walk.zeros; ++z)
            walk.statesFit[static_cast<std::size_t>(z)] =
                modelStateBoundBytes(walk.context, outer, z) <= walk.context.hbmBytes;
    walk.dead.resize(static_cast<std::size_t>(walk.slots));
    walk.candidates.reserve(static_cast<std::size_t>(walk.slots));
    // Phase 2: every (recompute, sequence parallelism) group, micro-batches ascending.
    for (const Recompute recompute : searchRecomputeModes)
        for (int spChoice = 0; spChoice < outer.sequenceParallelChoices; ++spChoice)
            if (!runGroup(walk, recompute, spChoice == 1))
                return false;
    return true;
}

bool SearchWorker::runGroup(Walk &walk, Recompute recompute, bool sequenceParallel) {
    for (int z = 0; z < walk.zeros; ++z)
        for (int vi = 0; vi < walk.vpps; ++vi)
            walk.dead[static_cast<std::size_t>(z * walk.vpps + vi)] =
                walk.statesFit[static_cast<std::size_t>(z)] ? 0 : 1;
    walk.accounted = 0;
    bool finished = true;
    for (int bi = 0; bi < walk.batches && finished; ++bi) {
        if (cancelRequested()) {
            finished = false;
        } else if (std::all_of(walk.dead.begin(), walk.dead.end(), [](char d) { return d != 0; })) {
            // Every sibling is out of memory: so is every larger micro-batch.
            accountDeadBatches(walk, bi);
            break;
        } else {
            walk.accounted += walk.slots;
            collectCandidates(walk, walk.outer.microBatch[static_cast<std::size_t>(bi)]);
            finished = evaluateCandidates(walk, walk.outer.microBatch[static_cast<std::size_t>(bi)],
                                          recompute, sequenceParallel);
        }
    }
    m_shared.accounted.fetch_add(walk.accounted, std::memory_order_relaxed);
    return finished;
}

void SearchWorker::accountDeadBatches(Walk &walk, int first) {
    for (int rest = first; rest < walk.batches; ++rest) {
        const int size = walk.outer.microBatch[static_cast<std::size_t>(rest)];
        for (int vi = 0; vi < walk.vpps; ++vi) {
            const bool ok = batchAllows(walk.outer, walk.sequences, size,
                                        walk.outer.vpps[static_cast<std::size_t>(vi)]);
            (ok ? m_counts.prunedMemory : m_counts.rejectedBatch) += walk.zeros;
        }
        walk.accounted += walk.slots;
    }
}

void SearchWorker::collectCandidates(Walk &walk, int microBatch) {
    walk.candidates.clear();
    for (int vi = 0; vi < walk.vpps; ++vi) {
        const bool ok = batchAllows(walk.outer, walk.sequences, microBatch,
                                    walk.outer.vpps[static_cast<std::size_t>(vi)]);
        for (int z = 0; z < walk.zeros; ++z) {
            if (!ok)
                ++m_counts.rejectedBatch;
            else if (walk.dead[static_cast<std::size_t>(z * walk.vpps + vi)] != 0)
                ++m_counts.prunedMemory;
            else
                walk.candidates.push_back(z * walk.vpps + vi);
        }
    }
}

bool SearchWorker::evaluateCandidates(Walk &walk, int microBatch, Recompute recompute,
                                      bool sequenceParallel) {
    // candidates are ordered by vpp, then ZeRO: the first is the probe whose step-time terms
    // bound its siblings'.
    double base = 0.0;
    double bubbleAtOne = 0.0;
    double busy = 0.0;
    for (std::size_t c = 0; c < walk.candidates.size(); ++c) {
        const int slot = walk.candidates[c];
        const int z = slot / walk.vpps;
        const int v = walk.outer.vpps[static_cast<std::size_t>(slot % walk.vpps)];
        if (walk.prune && c > 0 && skippable(walk.model, base + bubbleAtOne / v, busy)) {
            ++m_counts.prunedDominated;
            continue;
        }
        if (cancelRequested())
            return false;
        evaluate(walk.outer, walk.outer.layout(v, microBatch, z, sequenceParallel, recompute),
                 walk.scratch);
        const LayoutMetrics &m = walk.scratch.metrics;
        if (walk.prune && m.issue == LayoutIssue::None && !m.fits)
            walk.dead[static_cast<std::size_t>(slot)] = 1;
        if (c == 0) {
            base = m.computeSeconds + m.tpCommSeconds + m.epCommSeconds + m.cpCommSeconds;
            bubbleAtOne = m.bubbleSeconds * v;
            busy = m.computeSeconds;
        }
    }
    return true;
}

std::vector<SearchCandidate> mergePareto(const std::vector<std::vector<SearchCandidate>> &sets,
                                         const std::vector<ObjectiveModel> &models) {
    std::vector<SearchCandidate> all;
    std::vector<ParetoPoint> points;
    for (const auto &set : sets) {
        for (const SearchCandidate &candidate : set) {
            const ObjectiveModel *model = &models.front();
            for (const ObjectiveModel &m : models)
                if (m.gpus == candidate.gpus)
                    model = &m;
            all.push_back(candidate);
            points.push_back(candidatePoint(*model, candidate));
        }
    }
    std::vector<SearchCandidate> front;
    for (std::size_t i = 0; i < all.size(); ++i) {
        bool dominated = false;
        for (std::size_t j = 0; j < all.size() && !dominated; ++j)
            dominated = j != i && dominates(points[j], points[i]);
        if (!dominated)
            front.push_back(all[i]);
    }
    std::sort(front.begin(), front.end(), [](const SearchCandidate &a, const SearchCandidate &b) {
        if (a.metrics.stepSeconds != b.metrics.stepSeconds)
            return a.metrics.stepSeconds < b.metrics.stepSeconds;
        return knobs(a) < knobs(b);
    });
    return front;
}

} // namespace scalescope::models
