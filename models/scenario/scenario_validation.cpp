#include "models/scenario/scenario_validation.h"

#include "models/core/input_error.h"

#include <cmath>
#include <cstdio>

namespace scalescope::models {

namespace {

std::string n(long long value) {
    return std::to_string(value);
}
std::string n(int value) {
    return std::to_string(value);
}

/// Whole numbers without a decimal point, others with up to 12 significant digits.
std::string n(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9.0e15)
        return std::to_string(static_cast<long long>(value));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.12g", value);
    return buffer;
}

bool divides(long long divisor, long long value) {
    return divisor > 0 && value % divisor == 0;
}

constexpr LayoutRule kAllRules[] = {
    LayoutRule::TpDividesHeads,    LayoutRule::TpKvHeads,
    LayoutRule::TpDividesFfn,      LayoutRule::PpAtMostLayers,
    LayoutRule::InterleavedStages, LayoutRule::GpuProduct,
    LayoutRule::EpExperts,         LayoutRule::EpRanks,
    LayoutRule::CpSequence,        LayoutRule::BatchWholeSequences,
    LayoutRule::BatchMicroSteps,   LayoutRule::InterleavedMicroBatches,
};

/// Sequences per optimizer step, or -1 when not a whole number.
long long sequencesPerStep(double globalBatchTokens, int seqLen) {
    if (seqLen < 1 || !(globalBatchTokens > 0.0))
        return -1;
    const double sequences = globalBatchTokens / seqLen;
    if (std::floor(sequences) != sequences || sequences > 9.0e15)
        return -1;
    return static_cast<long long>(sequences);
}

bool violates(LayoutRule rule, const ModelShape &m, const Parallelism &p, int numGpus, Mode mode,
              double globalBatchTokens) {
    switch (rule) {
    case LayoutRule::TpDividesHeads:
        return !divides(p.tp, m.heads);
    case LayoutRule::TpKvHeads:
        if (m.mla.enabled())
            return false;
        return p.tp <= m.kvHeads ? !divides(p.tp, m.kvHeads) : !divides(m.kvHeads, p.tp);
    case LayoutRule::TpDividesFfn: {
        const bool hasDense = !m.isMoe() || m.moe.denseLayers > 0;
        return hasDense && !divides(p.tp, m.ffn);
    }
    case LayoutRule::PpAtMostLayers:
        return p.pp > m.layers;
    case LayoutRule::InterleavedStages:
        return p.vpp > 1 && (p.pp < 2 || !divides(1LL * p.pp * p.vpp, m.layers));
    case LayoutRule::GpuProduct:
        return 1LL * p.tp * p.pp * p.dp * p.cp != numGpus;
    case LayoutRule::EpExperts:
        return m.isMoe() ? !divides(p.ep, m.moe.experts) : p.ep != 1;
    case LayoutRule::EpRanks:
        return !divides(p.ep, 1LL * p.dp * p.cp);
    case LayoutRule::CpSequence:
        return p.cp > 1 && !divides(2LL * p.cp, m.seqLen);
    case LayoutRule::BatchWholeSequences:
        return mode == Mode::Training && sequencesPerStep(globalBatchTokens, m.seqLen) < 0;
    case LayoutRule::BatchMicroSteps: {
        if (mode != Mode::Training)
            return false;
        const long long sequences = sequencesPerStep(globalBatchTokens, m.seqLen);
        return sequences >= 0 && !divides(1LL * p.microBatch * p.dp, sequences);
    }
    case LayoutRule::InterleavedMicroBatches: {
        if (mode != Mode::Training || p.vpp < 2)
            return false;
        const long long sequences = sequencesPerStep(globalBatchTokens, m.seqLen);
        const long long perMicroStep = 1LL * p.microBatch * p.dp;
        if (sequences < 0 || !divides(perMicroStep, sequences))
            return false; // reported by the rules before
        return !divides(p.pp, sequences / perMicroStep);
    }
    }
    return false;
}

} // namespace

std::optional<LayoutRule> firstViolatedLayoutRule(const ModelShape &model,
                                                  const Parallelism &parallelism, int numGpus,
                                                  Mode mode, double globalBatchTokens) noexcept {
    for (LayoutRule rule : kAllRules)
        if (violates(rule, model, parallelism, numGpus, mode, globalBatchTokens))
            return rule;
    return std::nullopt;
}

LayoutProblem describeLayoutProblem(LayoutRule rule, const Scenario &scenario) {
    const ModelShape &m = scenario.model;
    const Parallelism &p = scenario.parallelism;
    const double tokens = scenario.training.globalBatchTokens;
    switch (rule) {
    case LayoutRule::TpDividesHeads:
        return {rule, "parallelism/tp",
                "tp (" + n(p.tp) + ") must divide the attention heads (" + n(m.heads) + ")"};
    case LayoutRule::TpKvHeads:
        return {rule, "parallelism/tp",
                "tp (" + n(p.tp) + ") and kv_heads (" + n(m.kvHeads) +
                    ") must divide one another: KV heads are split over tp ranks or each "
                    "replicated on tp / kv_heads ranks"};
    case LayoutRule::TpDividesFfn:
        return {rule, "parallelism/tp",
                "tp (" + n(p.tp) + ") must divide the FFN width (" + n(m.ffn) + ")"};
    case LayoutRule::PpAtMostLayers:
        return {rule, "parallelism/pp",
                "pp (" + n(p.pp) + ") exceeds the layers (" + n(m.layers) +
                    "): every pipeline stage needs at least one layer"};
    case LayoutRule::InterleavedStages:
        if (p.pp < 2)
            return {rule, "parallelism/vpp",
                    "vpp (" + n(p.vpp) + ") needs pipeline parallelism (pp > 1)"};
        return {rule, "parallelism/vpp",
                "layers (" + n(m.layers) + ") must be divisible by pp × vpp = " + n(p.pp) + " × " +
                    n(p.vpp) + " for interleaved stages"};
    case LayoutRule::GpuProduct:
        return {rule, "parallelism/dp",
                "tp × pp × dp × cp = " + n(p.tp) + " × " + n(p.pp) + " × " + n(p.dp) + " × " +
                    n(p.cp) + " = " + n(1LL * p.tp * p.pp * p.dp * p.cp) +
                    " must equal hardware.num_gpus (" + n(scenario.hardware.numGpus) + ")"};
    case LayoutRule::EpExperts:
        if (!m.isMoe())
            return {rule, "parallelism/ep",
                    "ep (" + n(p.ep) + ") needs a mixture-of-experts model; this one is dense"};
        return {rule, "parallelism/ep",
                "ep (" + n(p.ep) + ") must divide the experts (" + n(m.moe.experts) + ")"};
    case LayoutRule::EpRanks:
        return {rule, "parallelism/ep",
                "ep (" + n(p.ep) + ") must divide dp × cp = " + n(p.dp) + " × " + n(p.cp) +
                    ": expert-parallel ranks are taken from the data- and context-parallel "
                    "ranks"};
    case LayoutRule::CpSequence:
        return {rule, "parallelism/cp",
                "seq_len (" + n(m.seqLen) + ") must be divisible by 2 × cp = " + n(2LL * p.cp) +
                    " (load-balanced causal chunks)"};
    case LayoutRule::BatchWholeSequences:
        return {rule, "training/global_batch_tokens",
                n(tokens) + " tokens is not a whole number of " + n(m.seqLen) + "-token sequences"};
    case LayoutRule::BatchMicroSteps: {
        const long long sequences = sequencesPerStep(tokens, m.seqLen);
        return {rule, "training/global_batch_tokens",
                n(sequences) + " sequences per step are not divisible by micro_batch × dp = " +
                    n(p.microBatch) + " × " + n(p.dp)};
    }
    case LayoutRule::InterleavedMicroBatches: {
        const long long microBatches =
            sequencesPerStep(tokens, m.seqLen) / (1LL * p.microBatch * p.dp);
        return {rule, "parallelism/vpp",
                "the interleaved schedule needs the micro-batches per step (" + n(microBatches) +
                    ") to be a multiple of pp (" + n(p.pp) + ")"};
    }
    }
    return {rule, "parallelism", "invalid layout"};
}

std::vector<LayoutProblem> layoutProblems(const Scenario &scenario) {
    std::vector<LayoutProblem> out;
    for (LayoutRule rule : kAllRules)
        if (violates(rule, scenario.model, scenario.parallelism, scenario.hardware.numGpus,
                     scenario.mode, scenario.training.globalBatchTokens))
            out.push_back(describeLayoutProblem(rule, scenario));
    return out;
}

void validateLayout(const Scenario &scenario, const std::string &file,
                    const std::string &scenarioPointer) {
    const Parallelism &p = scenario.parallelism;
    if (const auto rule =
            firstViolatedLayoutRule(scenario.model, p, scenario.hardware.numGpus, scenario.mode,
                                    scenario.training.globalBatchTokens)) {
        const LayoutProblem problem = describeLayoutProblem(*rule, scenario);
        throw InputError(file, scenarioPointer + "/" + problem.field, problem.reason);
    }
}

} // namespace scalescope::models
