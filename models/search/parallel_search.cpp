#include "models/search/parallel_search.h"

#include "models/planner/optimizer_recipe.h"
#include "models/planner/validate_scenario.h"
#include "models/search/search_worker.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>

namespace scalescope::models {

namespace {

SearchResult failed(SearchResult result, const std::string &field, const std::string &reason) {
    result.valid = false;
    result.errorField = field;
    result.error = field + ": " + reason;
    return result;
}

/// Work order: subspaces whose step is likely short first, so that the N-th best (the
/// dominance threshold) is tight early. The estimate only orders work; it never prunes.
/// Within a GPU count: TP as large as the domain allows, then fewer pipeline stages' worth of
/// bubble, estimated as (p - 1) / (S / dp) of the step.
void orderTasks(std::vector<OuterLayout> &tasks, const std::vector<long long> &sequences) {
    auto key = [&](const OuterLayout &o) {
        const double m =
            static_cast<double>(sequences[static_cast<std::size_t>(o.contextIndex)]) / o.dp;
        return std::make_tuple(o.contextIndex, -o.tp, (o.pp - 1.0) / std::max(1.0, m), o.cp, o.ep,
                               o.pp);
    };
    std::stable_sort(tasks.begin(), tasks.end(),
                     [&](const OuterLayout &a, const OuterLayout &b) { return key(a) < key(b); });
}

} // namespace

std::string_view searchObjectiveName(SearchObjective objective) {
    switch (objective) {
    case SearchObjective::Time:
        return "time";
    case SearchObjective::Cost:
        return "cost";
    case SearchObjective::Energy:
        return "energy";
    }
    return "time";
}

bool parseSearchObjective(std::string_view name, SearchObjective &objective) {
    for (const SearchObjective candidate :
         {SearchObjective::Time, SearchObjective::Cost, SearchObjective::Energy}) {
        if (name == searchObjectiveName(candidate)) {
            objective = candidate;
            return true;
        }
    }
    return false;
}

SearchResult searchParallelism(const Scenario &scenario, const Catalog &catalog,
                               const SearchOptions &options) {
    SearchResult result;
    result.objective = options.objective;
    ScenarioCheckOptions checking;
    checking.layout = false; // the search picks the layouts and checks its GPU counts below
    checking.trainingOnly = "the parallelism search plans training scenarios only";
    const ScenarioCheck check = checkScenario(scenario, catalog, checking);
    if (!check.valid())
        return failed(result, check.problems.front().field, check.problems.front().reason);
    std::vector<int> counts = options.gpuCounts;
    if (counts.empty())
        counts.push_back(scenario.hardware.numGpus);
    for (const int gpus : counts)
        if (gpus < 1)
            return failed(result, "/hardware/num_gpus",
                          "must be at least 1 (got " + std::to_string(gpus) + ")");
    if (options.topN < 1)
        return failed(result, "/search/top", "must be at least 1");
    const TrainingSettings &training = scenario.training;
    const HardwareContext &hardware = *check.hardware;
    const OptimizerRecipe &recipe = *check.recipe;
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    std::vector<PlannerContext> contexts;
    contexts.reserve(counts.size());
    for (const int gpus : counts)
        contexts.push_back(makePlannerContext(scenario.model, training, scenario.economics, gpus,
                                              hardware, recipe, options.planner));
    SearchOptions effective = options;
    effective.gpuCounts = counts;
    SearchResult searched = searchContexts(scenario.model, contexts, effective);
    searched.warnings = hardware.warnings;
    return searched;
}

namespace {

/// Fills the shared objective models and batch sizes, counts the whole space in `result` and
/// classifies every outer layout: the searchable ones are returned (in work order), the
/// rejected ones counted and accounted for at once.
std::vector<OuterLayout> classifyOuterLayouts(const ModelShape &model, SearchShared &shared,
                                              SearchResult &result) {
    const std::vector<PlannerContext> &contexts = shared.contexts;
    const SearchOptions &options = shared.options;
    std::vector<OuterLayout> tasks;
    for (std::size_t i = 0; i < contexts.size(); ++i) {
        const PlannerContext &context = contexts[i];
        result.gpuCounts.push_back(context.numGpus);
        shared.objectives.push_back(ObjectiveModel::from(context, options.objective));
        shared.sequences.push_back(globalBatchSequences(context));
        for (OuterLayout &outer :
             enumerateOuterLayouts(context, model, static_cast<int>(i), options.limits)) {
            const long long size = outer.size();
            result.counts.total += size;
            switch (outer.kind) {
            case OuterClass::Searchable:
                tasks.push_back(std::move(outer));
                continue;
            case OuterClass::Divisibility:
                result.counts.rejectedDivisibility += size;
                break;
            case OuterClass::Hardware:
                result.counts.rejectedHardware += size;
                break;
            case OuterClass::Batch:
                result.counts.rejectedBatch += size;
                break;
            }
            shared.accounted.fetch_add(size, std::memory_order_relaxed);
        }
    }
    orderTasks(tasks, shared.sequences);
    return tasks;
}

/// Runs `workers` over `tasks` on one thread each; the calling thread reports `progress` (the
/// accounted fraction of `total` layouts) every 20 ms until all have stopped.
void runWorkers(std::vector<SearchWorker> &workers, const std::vector<OuterLayout> &tasks,
                SearchShared &shared, long long total,
                const std::function<void(double)> &progress) {
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable finished;
    int running = static_cast<int>(workers.size());
    auto work = [&](SearchWorker &worker) {
        for (;;) {
            const std::size_t task = next.fetch_add(1, std::memory_order_relaxed);
            if (task >= tasks.size() || !worker.run(tasks[task]))
                break;
        }
        const std::lock_guard<std::mutex> lock(mutex);
        --running;
        finished.notify_all();
    };
    std::vector<std::thread> pool;
    pool.reserve(workers.size());
    for (SearchWorker &worker : workers)
        pool.emplace_back(work, std::ref(worker));
    const double layouts = static_cast<double>(std::max<long long>(1, total));
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (running > 0) {
            finished.wait_for(lock, std::chrono::milliseconds(20));
            if (running > 0 && progress) {
                const double done = shared.accounted.load(std::memory_order_relaxed) / layouts;
                lock.unlock();
                progress(std::min(1.0, done));
                lock.lock();
            }
        }
    }
    for (std::thread &thread : pool)
        thread.join();
}

/// Adds the workers' counts to `result` and merges their top N and Pareto sets.
void mergeWorkers(const std::vector<SearchWorker> &workers, const SearchShared &shared,
                  SearchResult &result) {
    std::vector<std::vector<SearchCandidate>> paretoSets;
    for (const SearchWorker &worker : workers) {
        const SearchCounts &c = worker.counts();
        result.counts.evaluated += c.evaluated;
        result.counts.feasible += c.feasible;
        result.counts.prunedMemory += c.prunedMemory;
        result.counts.prunedDominated += c.prunedDominated;
        result.counts.rejectedDivisibility += c.rejectedDivisibility;
        result.counts.rejectedHardware += c.rejectedHardware;
        result.counts.rejectedBatch += c.rejectedBatch;
        result.counts.evaluatedOutOfMemory += c.evaluatedOutOfMemory;
        result.top.insert(result.top.end(), worker.top().begin(), worker.top().end());
        paretoSets.push_back(worker.pareto());
    }
    const auto topN = static_cast<std::size_t>(std::max(1, shared.options.topN));
    std::sort(result.top.begin(), result.top.end(), rankedBefore);
    if (result.top.size() > topN)
        result.top.resize(topN);
    result.pareto = mergePareto(paretoSets, shared.objectives);
}

} // namespace

SearchResult searchContexts(const ModelShape &model, const std::vector<PlannerContext> &contexts,
                            const SearchOptions &options) {
    const auto start = std::chrono::steady_clock::now();
    SearchResult result;
    result.objective = options.objective;
    result.valid = true;
    SearchShared shared;
    shared.contexts = contexts;
    shared.options = options;
    shared.threshold.store(std::numeric_limits<double>::infinity());
    const std::vector<OuterLayout> tasks = classifyOuterLayouts(model, shared, result);

    int threads = options.threads > 0 ? options.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, std::max(1, static_cast<int>(tasks.size())));
    result.threads = threads;
    std::vector<SearchWorker> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i)
        workers.emplace_back(shared);
    runWorkers(workers, tasks, shared, result.counts.total, options.progress);
    mergeWorkers(workers, shared, result);
    result.cancelled = shared.cancelled.load();
    if (options.progress && !result.cancelled)
        options.progress(1.0);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace scalescope::models
