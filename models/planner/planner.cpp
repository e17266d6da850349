#include "models/planner/planner.h"

#include "models/core/format.h"
#include "models/planner/memory_model.h"
#include "models/planner/validate_scenario.h"
#include "models/scaling/scenario_scaling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace scalescope::models {

namespace {

constexpr double busyPowerFraction = 0.93;
constexpr double waitingPowerFraction = 0.30;

std::string integer(long long value) {
    return std::to_string(value);
}

std::string bytes(double value) {
    return formatBytesBinary(value);
}

std::string seconds(double value) {
    return formatDuration(value);
}

void fail(ScenarioResult &result, const std::string &field, const std::string &reason) {
    result.valid = false;
    result.errorField = field;
    result.error = field + ": " + reason;
}

void explain(ScenarioResult &result, const std::string &key, std::string formula,
             std::string inputs, std::string sources) {
    result.explanations[key] =
        Explanation{std::move(formula), std::move(inputs), std::move(sources)};
}

std::string layoutText(const Parallelism &p) {
    return "tp " + integer(p.tp) + ", pp " + integer(p.pp) + ", dp " + integer(p.dp) + ", cp " +
           integer(p.cp) + ", ep " + integer(p.ep) + ", vpp " + integer(p.vpp) + ", micro-batch " +
           integer(p.microBatch) + ", ZeRO " + integer(p.zeroStage) +
           (p.sequenceParallel ? ", sequence parallel" : "") + ", recompute " +
           enumString(p.recompute);
}

void explainMemory(ScenarioResult &result, const PlannerContext &ctx, const Parallelism &p,
                   const HardwareContext &hw) {
    const OptimizerRecipe &recipe = ctx.recipe;
    const std::string shards = integer(p.dp * p.cp);
    const std::string stage = "stage " + integer(result.mostLoadedStage) + " of " + integer(p.pp);
    const std::string zeroRef = "Rajbhandari et al. 2020 (ZeRO) sec. 3; " + recipe.reference;
    explain(result, "memory.weights",
            "weights = " + formatSignificant(recipe.weightBytesPerParameter) +
                " B x P / (ZeRO >= 3 ? dp*cp : 1) + " +
                formatSignificant(recipe.unshardedCopyBytesPerParameter) + " B x P",
            "P = parameters on this GPU (" + stage + ", /tp, experts /ep); recipe " + recipe.id +
                "; dp*cp = " + shards,
            zeroRef);
    explain(result, "memory.gradients",
            "gradients = " + formatSignificant(recipe.gradientBytesPerParameter) +
                " B x P / (ZeRO >= 2 ? dp*cp : 1)",
            "recipe " + recipe.id + ", ZeRO " + integer(p.zeroStage), zeroRef);
    explain(result, "memory.optimizer",
            "optimizer = " + formatSignificant(recipe.optimizerBytesPerParameter) +
                " B x P / (ZeRO >= 1 ? dp*cp : 1)  (fp32 master weights + Adam m, v)",
            "recipe " + recipe.id + ", ZeRO " + integer(p.zeroStage), zeroRef);
    explain(result, "memory.activations",
            "per layer s b h (10 + 24/t + 5 a s/(h t)) generalised to GQA, FFN width, gated MLP "
            "and MoE; x in-flight micro-batches (1F1B: p - i; interleaved: 2(p-i-1) + (v-1)p + "
            "1 chunks); + logits 6 s b V/t on the last stage",
            "s " + formatSignificant(ctx.sequence / p.cp) + ", b " + integer(p.microBatch) +
                ", h " + formatSignificant(ctx.hidden) + ", a " + formatSignificant(ctx.heads) +
                ", t " + integer(p.tp) + ", recompute " + enumString(p.recompute) +
                (ctx.options.attentionKernel == AttentionKernel::Fused
                     ? ", fused attention (no a s^2 term)"
                     : ", unfused attention") +
                ", " + stage,
            "Korthikanti et al. 2022 (arXiv:2205.05198) Table 2 and sec. 4.2.3; Megatron-LM "
            "theoretical_memory_usage.py");
    explain(result, "memory.other",
            "1 GiB (CUDA context, cuBLAS workspaces) + 256 MiB x communicators (NCCL buffers) + "
            "5% of the tensors (allocator fragmentation)",
            "tensors " + bytes(result.memory.totalBytes() - result.memory.otherBytes),
            "Megatron-LM theoretical_memory_usage.py (x1.05); Megatron-LM issue #525");
    explain(result, "memory.total", "weights + gradients + optimizer + activations + other <= HBM",
            bytes(result.memory.totalBytes()) + " of " + bytes(ctx.hbmBytes) + " (" + hw.gpuId +
                "; the datasheet's GB are GiB, as nvidia-smi reports)",
            hw.gpuSource);
}

void explainStep(ScenarioResult &result, const PlannerContext &ctx, const Parallelism &p,
                 const HardwareContext &hw, const LayoutMetrics &metrics) {
    const std::string linkSources = hw.scaleUpSource + " ; " + hw.scaleOutSource;
    const std::string fabric =
        hw.scaleUpName + " " + formatSi(ctx.fabric.scaleUp.bytesPerSecond, "B/s") +
        " per direction x " + formatSignificant(ctx.fabric.scaleUp.achievableFraction) +
        " within " + integer(ctx.fabric.scaleUpDomainGpus) + "-GPU domains; " + hw.scaleOutName +
        " " + formatSi(ctx.fabric.scaleOut.bytesPerSecond, "B/s") + " per GPU x " +
        formatSignificant(ctx.fabric.scaleOut.achievableFraction);
    explain(result, "step.time", "m t_max + (p - 1)/v t_avg + pp p2p + exposed DP + optimizer",
            "m = " + integer(metrics.microBatches) + " micro-batches, slowest stage " +
                integer(metrics.bottleneckStage) + "; " + layoutText(p),
            "Narayanan et al. 2021 (SC21) sec. 2.2 and 4; Korthikanti et al. 2022 sec. 5");
    explain(result, "step.compute",
            "sum over the stage's layers of GEMMs rate(M,N,K) = min(peak f_boost u_wave K/(K+K0), "
            "peak f_sustained), attention, memory-bound element-wise work; x m micro-batches",
            "per layer per micro-batch: GEMMs " + seconds(metrics.denseLayer.gemmSeconds) +
                ", attention " + seconds(metrics.denseLayer.attentionSeconds) + ", element-wise " +
                seconds(metrics.denseLayer.elementwiseSeconds) + "; " + hw.profile.basis,
            hw.gpuSource + " ; docs/reference/H200-measured.md");
    explain(result, "step.tp_comm",
            "per layer (4 + SP + 2 full-recompute) all-reduce equivalents of T h x 2 B over the TP "
            "group: 2(q-1)/q M/Bu + 2(k-1)/k (M/q)/Bo",
            "T = " + formatSignificant(p.microBatch * ctx.sequence / p.cp) + " tokens; " + fabric,
            linkSources);
    explain(result, "step.dp_comm",
            "gradient reduce (all-reduce, or reduce-scatter + parameter all-gather with ZeRO >= 1; "
            "ZeRO-3: 2 all-gathers + reduce-scatter per micro-batch) minus the backward it "
            "overlaps, + the last bucket",
            "dp x cp = " + integer(p.dp * p.cp) + ", ZeRO " + integer(p.zeroStage) +
                ", gradients " + formatSignificant(ctx.recipe.gradientCommBytesPerParameter) +
                " B/param; " + fabric,
            linkSources);
    explain(result, "step.pp_comm", "2 (v m + p - 1) x (T h / t x 2 B) / link bandwidth",
            "pp " + integer(p.pp) + ", vpp " + integer(p.vpp), linkSources);
    explain(result, "step.cp_comm",
            "ring exchange of K and V: (c - 1) steps of 2 T kv x 2 B, minus the block attention "
            "it overlaps; backward twice",
            "cp " + integer(p.cp), linkSources);
    explain(result, "step.ep_comm",
            "4 all-to-alls (dispatch, combine; forward, backward) of T k h x 2 B over the EP group",
            "ep " + integer(p.ep), linkSources);
    explain(result, "step.bubble", "(p - 1)/v x average stage time per micro-batch",
            "pp " + integer(p.pp) + ", vpp " + integer(p.vpp) + ", m " +
                integer(metrics.microBatches) + ": bubble fraction (p-1)/(v m) = " +
                formatPercent((p.pp - 1.0) / (p.vpp * std::max(1, metrics.microBatches))),
            "Narayanan et al. 2021 sec. 2.2.1-2.2.2");
    explain(result, "step.optimizer",
            "parameters updated here x " +
                formatSignificant(ctx.recipe.optimizerTrafficBytesPerParameter) +
                " B/param / (HBM bandwidth x 0.89)",
            "recipe " + ctx.recipe.id + "; HBM " + formatSi(ctx.rates.memoryBytesPerSecond, "B/s") +
                " achieved",
            hw.gpuSource + " ; docs/reference/H200-measured.md");
}

void explainThroughput(ScenarioResult &result, const PlannerContext &ctx, const Parallelism &p,
                       const HardwareContext &hw) {
    const std::string convention =
        ctx.options.flopCounting == AttentionFlops::Full ? "full attention" : "causal attention";
    explain(result, "tokens_per_s", "global batch tokens / step time",
            formatCount(ctx.globalBatchTokens) + " tokens / " + seconds(result.step.timeSeconds),
            "");
    explain(result, "model_tflops_per_gpu",
            "model FLOPs per token (3 x forward, " + convention +
                ", no recomputation) x tokens/s / GPUs",
            formatScientific(result.modelFlopsPerToken, "FLOP") + " per token, " +
                integer(ctx.numGpus) + " GPUs",
            "Korthikanti et al. 2022 App. A; Megatron-LM num_floating_point_operations");
    explain(result, "mfu", "model FLOP/s per GPU / dense peak", result.mfuBasis, hw.gpuSource);
    explain(result, "hfu",
            "hardware FLOP/s per GPU (with " + enumString(p.recompute) +
                " recomputation) / dense peak",
            result.mfuBasis, hw.gpuSource);
}

void explainRun(ScenarioResult &result, const PlannerContext &ctx, const HardwareContext &hw) {
    explain(result, "training.time", "total tokens / tokens per second / goodput",
            formatCount(ctx.totalTokens) + " tokens, goodput " + formatPercent(ctx.options.goodput),
            "");
    explain(result, "training.gpu_hours", "GPUs x training time / 3600",
            integer(ctx.numGpus) + " GPUs", "");
    explain(result, "training.energy",
            "GPUs x (TDP x (0.93 busy + 0.30 waiting) + node overhead) x time x PUE",
            "TDP " + formatSi(ctx.gpuTdpWatts, "W") + ", node overhead " +
                formatSi(ctx.nodeOverheadWattsPerGpu, "W") + " per GPU, average " +
                formatSi(result.averagePowerWattsPerGpu, "W") + ", PUE " +
                formatSignificant(ctx.pue),
            hw.gpuSource + " ; " + hw.systemSource +
                " ; docs/reference/H200-measured.md (630-665 W at 700 W)");
    explain(result, "training.cost", "GPU-hours x $/GPU-hour",
            formatUsd(ctx.usdPerGpuHour) + " per GPU-hour", "");
}

} // namespace

double trainingSecondsAt(double totalFlop, int gpus, double flopsPerSecondPerGpu) {
    if (gpus <= 0 || flopsPerSecondPerGpu <= 0.0)
        return 0.0;
    return totalFlop / (static_cast<double>(gpus) * flopsPerSecondPerGpu);
}

double averagePowerWattsPerGpu(double gpuTdpWatts, double nodeOverheadWattsPerGpu,
                               double busyFraction) {
    const double busy = std::clamp(busyFraction, 0.0, 1.0);
    return gpuTdpWatts * (busyPowerFraction * busy + waitingPowerFraction * (1.0 - busy)) +
           nodeOverheadWattsPerGpu;
}

ScenarioResult evaluate(const Scenario &scenario, const Catalog &catalog) {
    return evaluate(scenario, catalog, scenario.planner);
}

namespace {

/// The model's size and FLOPs per token (known even when the layout cannot run).
void fillModel(ScenarioResult &result, const PlannerContext &context, const Parallelism &p) {
    const PlannerOptions &options = context.options;
    result.parameters = context.arithmetic.totalParameters;
    result.activeParameters = context.arithmetic.activeParameters;
    result.modelFlopsPerToken =
        context.arithmetic.modelFlopsPerToken(options.flopCounting, context.sequence);
    result.hardwareFlopsPerToken = context.arithmetic.hardwareFlopsPerToken(
        options.flopCounting, p.recompute, context.sequence);
    result.hbmBytes = context.hbmBytes;
}

/// Memory per GPU: the most loaded stage's terms, every stage's, and whether it fits.
void fillMemory(ScenarioResult &result, const PlannerContext &context, const Parallelism &p,
                const LayoutMetrics &metrics) {
    result.memory.weightsBytes = metrics.weightsBytes;
    result.memory.gradientsBytes = metrics.gradientsBytes;
    result.memory.optimizerBytes = metrics.optimizerBytes;
    result.memory.activationsBytes = metrics.activationsBytes;
    result.memory.otherBytes = metrics.otherBytes;
    for (int stage = 0; stage < p.pp; ++stage) {
        const StageMemory memory = stageMemory(context, p, stage);
        MemoryBreakdown breakdown;
        breakdown.weightsBytes = memory.weightsBytes;
        breakdown.gradientsBytes = memory.gradientsBytes;
        breakdown.optimizerBytes = memory.optimizerBytes;
        breakdown.activationsBytes = memory.activationsBytes;
        breakdown.otherBytes = memory.otherBytes;
        result.stageMemory.push_back(breakdown);
    }
    result.fitsInMemory = metrics.fits;
    result.mostLoadedStage = metrics.mostLoadedStage;
    result.bottleneckStage = metrics.bottleneckStage;
    result.microBatches = metrics.microBatches;
    if (!metrics.fits)
        result.warnings.push_back("does not fit: " + bytes(metrics.memoryBytes()) +
                                  " per GPU on stage " + integer(metrics.mostLoadedStage) + " > " +
                                  bytes(context.hbmBytes) + " of HBM");
    if (context.arithmetic.layers % p.pp != 0)
        result.warnings.push_back("pp " + integer(p.pp) + " does not divide " +
                                  integer(context.arithmetic.layers) +
                                  " layers: stages get uneven layer counts");
}

/// The step's terms, throughput and utilisation against the MFU basis's peak.
void fillStep(ScenarioResult &result, const PlannerContext &context, const LayoutMetrics &metrics,
              const Precision trainingPrecision, const std::string &gpuId) {
    result.step.timeSeconds = metrics.stepSeconds;
    result.step.computeSeconds = metrics.computeSeconds;
    result.step.tpCommSeconds = metrics.tpCommSeconds;
    result.step.cpCommSeconds = metrics.cpCommSeconds;
    result.step.epCommSeconds = metrics.epCommSeconds;
    result.step.dpCommSeconds = metrics.dpCommSeconds;
    result.step.ppCommSeconds = metrics.ppCommSeconds;
    result.step.bubbleSeconds = metrics.bubbleSeconds;
    result.step.optimizerSeconds = metrics.optimizerSeconds;
    result.tokensPerSecond = metrics.tokensPerSecond;
    result.tokensPerSecondPerGpu = metrics.tokensPerSecond / context.numGpus;
    result.modelFlopsPerSecondPerGpu = metrics.modelFlopsPerSecondPerGpu;
    result.hardwareFlopsPerSecondPerGpu = metrics.hfu * context.mfuPeakFlopsPerSecond;
    result.mfu = metrics.mfu;
    result.hfu = metrics.hfu;
    const Precision basis = context.options.mfuOnBf16Peak ? Precision::Bf16 : trainingPrecision;
    result.mfuBasis = std::string(precisionName(basis)) + " dense peak " +
                      formatSi(context.mfuPeakFlopsPerSecond, "FLOP/s") + " (" + gpuId + ")";
}

/// The whole run: time to train (with goodput), GPU-hours, power, energy and cost.
void fillRun(ScenarioResult &result, const PlannerContext &context, const LayoutMetrics &metrics) {
    const double goodput = context.options.goodput > 0.0 ? context.options.goodput : 1.0;
    result.trainingSeconds = context.totalTokens / metrics.tokensPerSecond / goodput;
    result.gpuHours = context.numGpus * result.trainingSeconds / 3600.0;
    const double busy = (metrics.computeSeconds + metrics.optimizerSeconds) / metrics.stepSeconds;
    result.averagePowerWattsPerGpu =
        averagePowerWattsPerGpu(context.gpuTdpWatts, context.nodeOverheadWattsPerGpu, busy);
    result.energyJoules =
        context.numGpus * result.averagePowerWattsPerGpu * result.trainingSeconds * context.pue;
    result.costUsd = result.gpuHours * context.usdPerGpuHour;
}

/// Where the run sits on the Chinchilla law (models/scaling/scenario_scaling.h).
void fillScaling(ScenarioResult &result, const Scenario &scenario) {
    std::string scalingWarning;
    result.scaling = scenarioScaling(scenario, result, &scalingWarning);
    if (!scalingWarning.empty())
        result.warnings.push_back(scalingWarning);
    if (result.scaling)
        explain(result, "scaling",
                "C = GPUs x training time x achieved model FLOP/s; N_opt = G (C/6)^a, "
                "D_opt = (C/6)^b / G; L = E + A/N^alpha + B/D^beta",
                formatScientific(result.scaling->computeBudgetFlop, "FLOP") + " budget, law " +
                    result.scaling->law,
                "Besiroglu et al. 2024 (arXiv:2404.10102), Hoffmann et al. 2022 eq. 4");
}

} // namespace

ScenarioResult evaluate(const Scenario &scenario, const Catalog &catalog,
                        const PlannerOptions &options) {
    ScenarioResult result;
    result.name = scenario.name;
    result.rankOrder = rankOrderName(options.rankOrder);
    const ScenarioCheck check = checkScenario(scenario, catalog);
    if (!check.valid()) {
        result.problems = check.problems;
        fail(result, check.problems.front().field, check.problems.front().reason);
        return result;
    }
    const HardwareContext &hardware = *check.hardware;
    const PlannerContext context =
        makePlannerContext(scenario.model, scenario.training, scenario.economics,
                           scenario.hardware.numGpus, hardware, *check.recipe, options);
    const Parallelism &p = scenario.parallelism;
    const LayoutMetrics metrics = evaluateLayout(context, p);
    fillModel(result, context, p);
    if (metrics.issue != LayoutIssue::None) {
        fail(result, layoutIssueField(metrics.issue), layoutIssueReason(metrics.issue, context, p));
        result.problems.push_back(
            {result.errorField, layoutIssueReason(metrics.issue, context, p)});
        return result;
    }
    result.valid = true;
    result.warnings = hardware.warnings;
    fillMemory(result, context, p, metrics);
    fillStep(result, context, metrics, scenario.training.precision, hardware.gpuId);
    fillRun(result, context, metrics);
    explainMemory(result, context, p, hardware);
    explainStep(result, context, p, hardware, metrics);
    explainThroughput(result, context, p, hardware);
    explainRun(result, context, hardware);
    explain(result, "parameters", "embeddings + layers (attention, MLP/experts, norms)",
            formatCount(result.parameters) + " total, " + formatCount(result.activeParameters) +
                " active per token",
            scenario.model.source);
    fillScaling(result, scenario);
    return result;
}

} // namespace scalescope::models
