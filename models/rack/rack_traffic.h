#pragma once

// The training planner's view of a job, in the form the rack diagram needs: the rank -> GPU
// mapping of the planner's rank order (rank_layout.h) and the bytes each GPU sends per step in
// every group's collectives, counted exactly as the planner's step-time model counts them
// (step_time.cpp) with the planner's per-rank volumes (collectives.h). The diagram and the
// time model therefore place and charge the same traffic.
//
// References
// [1] Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models",
//     MLSys 2023: TP = 4 all-reduce equivalents of T h per layer and micro-batch (+1 with
//     sequence parallelism, +2 with full recomputation).
// [2] Narayanan et al., SC21: pipeline activations T h / t per micro-batch, chunk and direction.
// [3] Rajbhandari et al., "ZeRO", SC'20: stage 0 all-reduce, stages 1-2 reduce-scatter +
//     all-gather, stage 3 gathers in forward and backward per micro-batch.
// [4] NVIDIA nccl-tests PERFORMANCE.md: all-reduce moves 2(n-1)/n M per rank, reduce-scatter
//     and all-gather (n-1)/n M.

#include "models/planner/planner_context.h"
#include "models/rack/rack_overlay.h"
#include "models/scenario/scenario.h"

#include <string>
#include <vector>

namespace scalescope::models {

/// What the rack view needs from the planner for one scenario.
struct RackJob {
    int worldSize = 0;     ///< ranks placed: tp x cp x dp x pp (EP folded into DP)
    RankMapper mapper;     ///< the planner's rank order
    std::string rankOrder; ///< "tp-cp-ep-dp-pp"
    StepTraffic traffic;   ///< bytes per GPU per step by group kind
    bool hasTraffic = false;
    /// The planner's achievable per-GPU bandwidths (peak x NCCL fraction); zeros = unknown.
    LinkBandwidths bandwidths;
    std::vector<double> stageBytes; ///< HBM bytes per GPU of each pipeline stage
};

/// The planner's rank order as a mapper: rankCoordinates() of `rank`, on GPU
/// node x gpusPerNode + gpuInNode.
[[nodiscard]] RankMapper plannerRankMapper(const Parallelism &parallelism, const RankOrder &order,
                                           int gpusPerNode, int scaleUpDomainGpus);

/// Bytes one GPU of pipeline stage 0 sends per optimizer step, by group kind, with
/// T = b s / c tokens per micro-batch, m micro-batches, L layers on the stage, n = group size:
///   TP  m (L + embedding [+ output layer when pp = 1]) (4 + sp + 2 full) 2(t-1)/t T h 2 B  [1][4]
///   EP  m L_moe (4 + 2 full) (e-1)/e T k h 2 B (/t with sp)
///   CP  m L (c-1) (3 + full) 2 T w_kv 2 B   (K and V blocks round the ring; w_kv per GPU)
///   PP  2 v m T h 2 B / t                    (an activation and a gradient per chunk)     [2]
///   DP  ZeRO 0: 2(n-1)/n G; ZeRO 1-2: (n-1)/n (G + W); ZeRO 3: m (n-1)/n (G + (2 + full) W)
///       with G, W the stage's gradient and parameter bytes per GPU and n = dp x cp (experts:
///       dp x cp / ep)                                                                      [3]
/// The layout must be valid for the context (checkLayout() == LayoutIssue::None).
[[nodiscard]] StepTraffic plannerStepTraffic(const PlannerContext &context,
                                             const Parallelism &parallelism);

/// Builds the planner context of `scenario` and returns its rack job: mapper, traffic and
/// per-stage memory. Throws InputError (file "scenario") for validateScenario's first problem
/// (models/planner/validate_scenario.h: the planner's checks and messages) or a layout the
/// physics cannot run.
[[nodiscard]] RackJob plannerRackJob(const Scenario &scenario, const Catalog &catalog,
                                     const PlannerOptions &options);

} // namespace scalescope::models
