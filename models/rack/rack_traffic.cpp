#include "models/rack/rack_traffic.h"

#include "models/core/input_error.h"
#include "models/planner/collectives.h"
#include "models/planner/memory_model.h"
#include "models/planner/model_arithmetic.h"
#include "models/planner/optimizer_recipe.h"
#include "models/planner/validate_scenario.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

constexpr double kBf16Bytes = 2.0;

} // namespace

RankMapper plannerRankMapper(const Parallelism &parallelism, const RankOrder &order,
                             int gpusPerNode, int scaleUpDomainGpus) {
    const int perNode = std::max(1, gpusPerNode);
    const int domain = std::max(1, scaleUpDomainGpus);
    return [parallelism, order, perNode, domain](int rank) {
        const RankCoordinates c = rankCoordinates(rank, parallelism, order, perNode, domain);
        RankPlacement p;
        p.tp = c.tp;
        p.cp = c.cp;
        p.ep = c.ep;
        p.dp = c.dp;
        p.expertDp = c.expertDp;
        p.pp = c.pp;
        p.gpu = c.node * perNode + c.gpuInNode;
        return p;
    };
}

StepTraffic plannerStepTraffic(const PlannerContext &ctx, const Parallelism &par) {
    StepTraffic traffic;
    auto &bytes = traffic.bytesPerGpu;
    const double t = par.tp, c = par.cp, d = par.dp, v = par.vpp, e = par.ep;
    const double tokens = par.microBatch * ctx.sequence / c;
    const double sequences = std::round(ctx.globalBatchTokens / ctx.sequence);
    const double m = std::round(sequences / (par.microBatch * d));
    const PipelineStage stage = pipelineStage(ctx.arithmetic, par.pp, 0);
    const bool sp = par.sequenceParallel && par.tp > 1;
    const double full = par.recompute == Recompute::Full ? 1.0 : 0.0;
    const double h = ctx.hidden;

    if (par.tp > 1) {
        const double allReduce =
            collectiveBytesPerRank(Collective::AllReduce, tokens * h * kBf16Bytes, par.tp);
        const double perLayer = (4.0 + (sp ? 1.0 : 0.0) + 2.0 * full) * allReduce;
        // The embedding's all-reduce on stage 0, and the output layer's when it is there too.
        const double ends = 1.0 + (par.pp == 1 ? 1.0 : 0.0);
        bytes[static_cast<size_t>(GroupKind::Tensor)] =
            m * (stage.layerCount * perLayer + ends * allReduce);
    }
    if (par.ep > 1 && ctx.moe && stage.moeLayers > 0) {
        const double message = tokens * ctx.topK * h * kBf16Bytes * (sp ? 1.0 / t : 1.0);
        bytes[static_cast<size_t>(GroupKind::Expert)] =
            m * stage.moeLayers * (4.0 + 2.0 * full) *
            collectiveBytesPerRank(Collective::AllToAll, message, par.ep);
    }
    if (par.cp > 1) {
        const double kvHere = ctx.kvWidth / std::min(t, std::max(1.0, ctx.kvHeads));
        const double block = collectiveBytesPerRank(Collective::PointToPoint,
                                                    2.0 * tokens * kvHere * kBf16Bytes, par.cp);
        bytes[static_cast<size_t>(GroupKind::Context)] =
            m * stage.layerCount * (c - 1.0) * (3.0 + full) * block;
    }
    if (par.pp > 1)
        bytes[static_cast<size_t>(GroupKind::Pipeline)] =
            2.0 * v * m *
            collectiveBytesPerRank(Collective::PointToPoint, tokens * h * kBf16Bytes / t, par.pp);

    // Data parallelism over dp x cp ranks (experts over dp x cp / ep), stage 0's parameters.
    const double expertsPerLayer =
        ctx.moe ? ctx.experts * (ctx.gatedMlp ? 3.0 : 2.0) * h * ctx.expertFfn : 0.0;
    const double experts = stage.moeLayers * expertsPerLayer;
    const double denseParameters = (stage.parameters - experts) / t;
    const double expertParameters = experts / (t * std::max(1.0, e));
    const int group = par.dp * par.cp;
    const int expertGroup = std::max(1, group / std::max(1, par.ep));
    const double gradient = ctx.recipe.gradientCommBytesPerParameter;
    const double parameter = ctx.recipe.parameterCommBytesPerParameter;
    auto dataBytes = [&](double parameters, int n) {
        if (n < 2 || parameters <= 0.0)
            return 0.0;
        const double g = parameters * gradient;
        const double w = parameters * parameter;
        if (par.zeroStage == 0)
            return collectiveBytesPerRank(Collective::AllReduce, g, n);
        const double scatter = collectiveBytesPerRank(Collective::ReduceScatter, g, n);
        const double gather = collectiveBytesPerRank(Collective::AllGather, w, n);
        if (par.zeroStage >= 3)
            return m * (scatter + (2.0 + full) * gather);
        return scatter + gather;
    };
    bytes[static_cast<size_t>(GroupKind::Data)] =
        dataBytes(denseParameters, group) + dataBytes(expertParameters, expertGroup);
    return traffic;
}

RackJob plannerRackJob(const Scenario &scenario, const Catalog &catalog,
                       const PlannerOptions &options) {
    const ScenarioCheck check = requireValidScenario(scenario, catalog, "scenario", "");
    const HardwareContext &hardware = *check.hardware;
    const PlannerContext context =
        makePlannerContext(scenario.model, scenario.training, scenario.economics,
                           scenario.hardware.numGpus, hardware, *check.recipe, options);
    const Parallelism &par = scenario.parallelism;
    const LayoutIssue issue = checkLayout(context, par);
    if (issue != LayoutIssue::None)
        throw InputError("scenario", layoutIssueField(issue),
                         layoutIssueReason(issue, context, par));
    RackJob job;
    job.worldSize = par.tp * par.cp * par.dp * par.pp;
    job.mapper = plannerRankMapper(par, options.rankOrder, hardware.gpusPerNode,
                                   context.fabric.scaleUpDomainGpus);
    job.rankOrder = rankOrderName(options.rankOrder);
    job.traffic = plannerStepTraffic(context, par);
    job.hasTraffic = true;
    const double scaleUp = context.fabric.scaleUp.effectiveBytesPerSecond();
    if (context.fabric.scaleUpDomainGpus > 1)
        job.bandwidths.nvlinkBytesPerSecond = scaleUp;
    else
        job.bandwidths.pcieBytesPerSecond = scaleUp;
    job.bandwidths.scaleOutBytesPerSecond = context.fabric.scaleOut.effectiveBytesPerSecond();
    for (int stage = 0; stage < par.pp; ++stage)
        job.stageBytes.push_back(stageMemory(context, par, stage).totalBytes());
    return job;
}

} // namespace scalescope::models
