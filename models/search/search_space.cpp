#include "models/search/search_space.h"

#include "models/scenario/scenario_validation.h"

#include <cmath>
#include <limits>

namespace scalescope::models {

std::vector<int> divisorsOf(long long n) {
    std::vector<int> low;
    std::vector<int> high;
    if (n < 1)
        return low;
    constexpr long long largest = std::numeric_limits<int>::max();
    for (long long i = 1; i * i <= n; ++i) {
        if (n % i != 0)
            continue;
        if (i <= largest)
            low.push_back(static_cast<int>(i));
        if (i != n / i && n / i <= largest)
            high.push_back(static_cast<int>(n / i));
    }
    low.insert(low.end(), high.rbegin(), high.rend());
    return low;
}

Parallelism OuterLayout::layout(int vpp, int microBatchSize, int zeroStage, bool sequenceParallel,
                                Recompute recompute) const {
    Parallelism p;
    p.tp = tp;
    p.pp = pp;
    p.dp = dp;
    p.cp = cp;
    p.ep = ep;
    p.vpp = vpp;
    p.zeroStage = zeroStage;
    p.sequenceParallel = sequenceParallel;
    p.recompute = recompute;
    p.microBatch = microBatchSize;
    return p;
}

long long globalBatchSequences(const PlannerContext &context) {
    if (!(context.sequence > 0.0) || !(context.globalBatchTokens > 0.0))
        return 0;
    const double sequences = context.globalBatchTokens / context.sequence;
    if (!std::isfinite(sequences) || sequences < 1.0 || sequences > 1e15 ||
        std::abs(sequences - std::round(sequences)) > 1e-6)
        return 0;
    return std::llround(sequences);
}

bool batchAllows(const OuterLayout &outer, long long sequences, int microBatchSize, int vpp) {
    const long long replicaBatch = static_cast<long long>(microBatchSize) * outer.dp;
    if (sequences % replicaBatch != 0)
        return false;
    return vpp == 1 || (sequences / replicaBatch) % outer.pp == 0;
}

namespace {

/// True when a structural rule (not a batch rule) of the planner or of the scenario files
/// rejects `probe`.
bool structurallyInvalid(const PlannerContext &context, const ModelShape &model,
                         const Parallelism &probe) {
    const LayoutIssue issue = checkLayout(context, probe);
    if (issue != LayoutIssue::None && issue != LayoutIssue::BatchDivisibility)
        return true;
    const auto rule = firstViolatedLayoutRule(model, probe, context.numGpus, Mode::Training,
                                              context.globalBatchTokens);
    return rule && *rule != LayoutRule::BatchMicroSteps &&
           *rule != LayoutRule::InterleavedMicroBatches;
}

} // namespace

std::vector<OuterLayout> enumerateOuterLayouts(const PlannerContext &context,
                                               const ModelShape &model, int contextIndex,
                                               const SearchSpaceLimits &limits) {
    std::vector<OuterLayout> out;
    const long long gpus = context.numGpus;
    const long long sequences = globalBatchSequences(context);
    const int layers = context.arithmetic.layers;
    std::vector<int> microBatches;
    for (const int b : divisorsOf(sequences))
        if (limits.maxMicroBatch <= 0 || b <= limits.maxMicroBatch)
            microBatches.push_back(b);
    const int domain = context.fabric.scaleUpDomainGpus;
    for (const int tp : divisorsOf(gpus)) {
        for (const int pp : divisorsOf(gpus / tp)) {
            for (const int cp : divisorsOf(gpus / tp / pp)) {
                const int dp = static_cast<int>(gpus / tp / pp / cp);
                const std::vector<int> eps =
                    context.moe ? divisorsOf(static_cast<long long>(dp) * cp) : std::vector<int>{1};
                for (const int ep : eps) {
                    OuterLayout outer;
                    outer.contextIndex = contextIndex;
                    outer.tp = tp;
                    outer.pp = pp;
                    outer.cp = cp;
                    outer.dp = dp;
                    outer.ep = ep;
                    outer.vpps = {1};
                    if (pp > 1 && pp <= layers && layers % pp == 0)
                        outer.vpps = divisorsOf(layers / pp);
                    outer.microBatch = microBatches;
                    outer.zeroStages = static_cast<long long>(dp) * cp > 1 ? 4 : 1;
                    outer.sequenceParallelChoices = tp > 1 ? 2 : 1;
                    const Parallelism probe = outer.layout(1, 1, 0, false, Recompute::None);
                    if (structurallyInvalid(context, model, probe)) {
                        outer.kind = OuterClass::Divisibility;
                    } else if (!limits.allowTpAcrossDomain &&
                               groupSpan(CommGroup::Tensor, probe, context.options.rankOrder,
                                         domain)
                                   .crossesScaleOut()) {
                        outer.kind = OuterClass::Hardware;
                    } else {
                        bool any = false;
                        for (const int b : microBatches)
                            any = any || batchAllows(outer, sequences, b, 1);
                        outer.kind = any ? OuterClass::Searchable : OuterClass::Batch;
                    }
                    out.push_back(std::move(outer));
                }
            }
        }
    }
    return out;
}

} // namespace scalescope::models
