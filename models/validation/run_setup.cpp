#include "models/validation/run_setup.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

namespace scalescope::models {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool contains(const std::string &text, const char *needle) {
    return text.find(needle) != std::string::npos;
}

std::optional<int> wholeNumber(const std::string &text) {
    const auto value = leadingNumber(text);
    if (!value || *value < 0.0 || std::abs(*value - std::round(*value)) > 1e-9)
        return std::nullopt;
    return static_cast<int>(std::llround(*value));
}

/// Family defaults when no preset has the same dimensions.
void applyFamily(ModelShape &model, const std::string &name) {
    const std::string family = lower(name);
    const bool llamaLike = contains(family, "llama") || contains(family, "mixtral") ||
                           contains(family, "smollm") || contains(family, "mistral");
    if (llamaLike) {
        model.gatedMlp = true;
        model.positionEmbedding = PositionEmbedding::Rotary;
        model.tiedEmbeddings = false;
        model.norm = NormKind::RmsNorm;
        model.linearBiases = false;
    } else if (contains(family, "nemotron") || contains(family, "falcon")) {
        model.gatedMlp = false;
        model.positionEmbedding = PositionEmbedding::Rotary;
        model.tiedEmbeddings = false;
        model.norm = NormKind::LayerNorm;
        model.linearBiases = false;
    } else {
        model.gatedMlp = false;
        model.positionEmbedding = PositionEmbedding::Learned;
        model.tiedEmbeddings = true;
        model.norm = NormKind::LayerNorm;
        model.linearBiases = true;
    }
}

bool gptStyle(const std::string &name) {
    const std::string family = lower(name);
    return contains(family, "gpt") || contains(family, "megatron") || contains(family, "mt-nlg");
}

/// Per-GPU scale-out rate stated in the row [B/s], or nullopt.
std::optional<double> statedScaleOut(const std::string &cell, int gpusPerNode) {
    const std::string text = lower(cell);
    static const std::regex pattern(R"((\d+(?:\.\d+)?)\s*gb/s per (gpu|node))");
    std::optional<double> perNode;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        const double gigabits = std::stod((*it)[1].str());
        if ((*it)[2].str() == "gpu")
            return gigabits * 1e9 / 8.0;
        if (!perNode)
            perNode = gigabits * 1e9 / 8.0 / std::max(1, gpusPerNode);
    }
    return perNode;
}

std::optional<FlopConvention> conventionOf(const std::string &cell) {
    const std::string text = lower(cell);
    if (text.empty() || contains(text, "not verified"))
        return std::nullopt;
    if (contains(text, "96*b") || text.rfind("hardware flops", 0) == 0 ||
        contains(text, "megatron-style (incl. recompute") ||
        contains(text, "megatron-deepspeed estimate"))
        return FlopConvention::NarayananHardware;
    if (contains(text, "72*b") || text == "model flops (mfu)")
        return FlopConvention::KorthikantiModel;
    if (contains(text, "num_floating_point_operations"))
        return FlopConvention::MegatronFull;
    if (contains(text, "chowdhery") || contains(text, "palm"))
        return FlopConvention::PalmModel;
    if (contains(text, "nemo model tflop") || contains(text, "as in nemo table"))
        return FlopConvention::NemoCausal;
    return std::nullopt;
}

RunSetupResult skip(std::string reason) {
    RunSetupResult result;
    result.skipReason = std::move(reason);
    return result;
}

} // namespace

std::string runMetricName(RunMetric metric) {
    switch (metric) {
    case RunMetric::TflopsPerGpu:
        return "tflops_per_gpu";
    case RunMetric::TokensPerSecondPerGpu:
        return "tokens_per_s_per_gpu";
    case RunMetric::StepTime:
        return "step_time_s";
    case RunMetric::GpuHours:
        return "gpu_hours";
    }
    return "step_time_s";
}

std::optional<double> leadingNumber(const std::string &text) {
    std::size_t i = 0;
    while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == '~'))
        ++i;
    std::string digits;
    bool seenDigit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            seenDigit = true;
        } else if (c == '.' || c == 'e' || c == 'E' ||
                   ((c == '-' || c == '+') && !digits.empty() &&
                    (digits.back() == 'e' || digits.back() == 'E'))) {
            digits += c;
        } else if (c == ',' && seenDigit && i + 3 < text.size() &&
                   std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                   std::isdigit(static_cast<unsigned char>(text[i + 2])) &&
                   std::isdigit(static_cast<unsigned char>(text[i + 3])) &&
                   (i + 4 >= text.size() ||
                    !std::isdigit(static_cast<unsigned char>(text[i + 4])))) {
            continue; // thousands separator: exactly three digits follow
        } else {
            break;
        }
    }
    if (!seenDigit)
        return std::nullopt;
    double value = 0.0;
    try {
        value = std::stod(digits);
    } catch (...) {
        return std::nullopt;
    }
    if (i < text.size()) {
        const char suffix = text[i];
        const bool alone =
            i + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i + 1]));
        if (alone && suffix == 'K')
            value *= 1e3;
        else if (alone && suffix == 'M')
            value *= 1e6;
        else if (alone && suffix == 'B')
            value *= 1e9;
        else if (alone && suffix == 'T')
            value *= 1e12;
    }
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

double conventionFlopsPerStep(FlopConvention convention, const ModelShape &model,
                              const ModelArithmetic &arithmetic, double sequences) {
    const double s = model.seqLen;
    const double h = model.hidden;
    const double l = model.layers;
    const double v = model.vocab;
    const double tokens = sequences * s;
    switch (convention) {
    case FlopConvention::NarayananHardware:
        return 96.0 * sequences * s * l * h * h * (1.0 + s / (6.0 * h) + v / (16.0 * l * h));
    case FlopConvention::KorthikantiModel:
        return 72.0 * sequences * s * l * h * h * (1.0 + s / (6.0 * h) + v / (12.0 * h * l));
    case FlopConvention::MegatronFull:
        return tokens * arithmetic.modelFlopsPerToken(AttentionFlops::Full, s);
    case FlopConvention::NemoCausal:
        return tokens * arithmetic.modelFlopsPerToken(AttentionFlops::Causal, s);
    case FlopConvention::PalmModel:
        return tokens * (6.0 * arithmetic.totalParameters +
                         12.0 * l * model.heads * model.effectiveHeadDim() * s);
    }
    return 0.0;
}

RunSetupResult makeRunSetup(const RunsTable &table, std::size_t row, const Catalog &catalog,
                            const ModelPresets &presets) {
    auto cell = [&](const char *name) -> const std::string & { return table.cell(row, name); };
    RunSetup setup;
    setup.id = cell("id");
    setup.source = cell("source");
    const std::string kind = lower(cell("run_kind"));
    if (kind.rfind("reference calculation", 0) == 0)
        return skip("reference calculation (the talk's figures), checked by unit tests");
    if (contains(lower(cell("model")), "lora"))
        return skip("LoRA fine-tuning (frozen base weights) is not modelled");

    // Hardware.
    const std::string gpu = lower(cell("gpu"));
    std::string systemId;
    std::string gpuId;
    if (gpu == "a100") {
        systemId = "dgx-a100";
        gpuId = leadingNumber(cell("gpu_mem_GB")).value_or(80.0) < 60.0 ? "a100-sxm4-40gb"
                                                                        : "a100-sxm4-80gb";
    } else if (gpu == "h100") {
        systemId = "dgx-h100";
    } else if (gpu == "h200") {
        systemId = "dgx-h200";
    } else if (gpu == "gb200") {
        systemId = "gb200-nvl72";
    } else {
        return skip("accelerator \"" + cell("gpu") +
                    "\": no calibrated efficiency and fabric model (NVIDIA A100, H100, H200, "
                    "GB200 only)");
    }
    const auto gpus = wholeNumber(cell("num_gpus"));
    if (!gpus || *gpus < 1)
        return skip("GPU count not published");
    setup.numGpus = *gpus;

    // Architecture.
    const auto layers = wholeNumber(cell("layers"));
    const auto hidden = wholeNumber(cell("hidden"));
    const auto heads = wholeNumber(cell("heads"));
    const auto vocab = wholeNumber(cell("vocab"));
    const auto sequence = wholeNumber(cell("seq_len"));
    if (!layers || !hidden || !heads || !vocab || !sequence)
        return skip("architecture incomplete (layers, hidden, heads, vocab and seq_len needed)");
    ModelShape &model = setup.model;
    model.name = cell("model");
    model.layers = *layers;
    model.hidden = *hidden;
    model.heads = *heads;
    model.kvHeads = wholeNumber(cell("kv_heads")).value_or(*heads);
    model.vocab = *vocab;
    model.seqLen = *sequence;
    if (const auto ffn = wholeNumber(cell("ffn"))) {
        model.ffn = *ffn;
    } else if (gptStyle(model.name)) {
        model.ffn = 4 * *hidden;
        setup.notes.push_back("FFN not published: Megatron's default 4h");
    } else {
        return skip("FFN width not published");
    }
    if (const auto experts = wholeNumber(cell("moe_experts")); experts && *experts > 0) {
        model.moe.experts = *experts;
        model.moe.topK = wholeNumber(cell("moe_topk")).value_or(1);
        model.moe.expertFfn = wholeNumber(cell("moe_expert_ffn")).value_or(model.ffn);
    }
    applyFamily(model, model.name);
    for (const auto &preset : presets.models) {
        if (preset.layers == model.layers && preset.hidden == model.hidden &&
            preset.heads == model.heads && preset.kvHeads == model.kvHeads &&
            preset.ffn == model.ffn && preset.moe.experts == model.moe.experts) {
            model.gatedMlp = preset.gatedMlp;
            model.positionEmbedding = preset.positionEmbedding;
            model.tiedEmbeddings = preset.tiedEmbeddings;
            model.norm = preset.norm;
            model.linearBiases = preset.linearBiases;
            setup.notes.push_back("layer details from preset " + preset.id);
            break;
        }
    }
    if (const auto problem = checkModelShape(model))
        return skip("model: " + problem->field + ": " + problem->reason);

    // Layout.
    const auto tp = wholeNumber(cell("tp"));
    const auto pp = wholeNumber(cell("pp"));
    if (!tp || !pp)
        return skip("parallel layout (tp, pp) not published");
    Parallelism &p = setup.parallelism;
    p.tp = *tp;
    p.pp = *pp;
    p.cp = wholeNumber(cell("cp")).value_or(1);
    p.ep = wholeNumber(cell("ep")).value_or(1);
    if (p.tp < 1 || p.pp < 1 || p.cp < 1 || p.ep < 1)
        return skip("parallel degrees must be at least 1");
    p.dp = wholeNumber(cell("dp")).value_or(setup.numGpus / (p.tp * p.pp * p.cp));
    if (static_cast<long long>(p.tp) * p.pp * p.dp * p.cp != setup.numGpus)
        return skip("tp x pp x dp x cp does not equal the GPU count");
    const std::string vpp = lower(cell("vpp"));
    if (const auto v = wholeNumber(vpp); v && *v >= 1) {
        p.vpp = *v;
    } else if (contains(vpp, "interleaved") && p.pp > 1) {
        setup.freeInterleaving = true;
    }
    if (const auto b = wholeNumber(cell("micro_batch")); b && *b >= 1)
        p.microBatch = *b;
    else
        setup.freeMicroBatch = true;
    const std::string recompute = lower(cell("recompute"));
    const int year = wholeNumber(cell("year")).value_or(2024);
    if (recompute.rfind("none", 0) == 0)
        p.recompute = Recompute::None;
    else if (recompute.rfind("full", 0) == 0 || contains(recompute, "checkpointing") ||
             contains(recompute, "rematerialization"))
        p.recompute = Recompute::Full;
    else if (recompute.rfind("selective", 0) == 0)
        p.recompute = Recompute::Selective;
    else if (year <= 2022)
        p.recompute = Recompute::Full; // selective recomputation was published in 2022
    else
        setup.freeRecompute = true;
    const std::string sequenceParallel = lower(cell("seq_parallel"));
    if (sequenceParallel.rfind("yes", 0) == 0)
        p.sequenceParallel = true;
    else if (sequenceParallel.rfind("no", 0) == 0 || p.tp == 1 || year <= 2022)
        p.sequenceParallel = false; // sequence parallelism was published in 2022
    else
        setup.freeSequenceParallel = true;

    const std::string framework = lower(cell("framework"));
    const std::string zero = lower(cell("zero_or_fsdp"));
    if (contains(zero, "not resharded"))
        p.zeroStage = 2;
    else if (contains(zero, "zero-3") || contains(zero, "zero stage 3") || contains(zero, "fsdp"))
        p.zeroStage = 3;
    else if (contains(zero, "zero") || contains(zero, "distributed optimizer") ||
             zero.rfind("ddp", 0) == 0)
        p.zeroStage = 1;
    else if (zero.empty() && (contains(framework, "nemo") || contains(framework, "megatron-core")))
        p.zeroStage = 1;
    else
        p.zeroStage = 0;
    if (zero.rfind("ddp", 0) == 0)
        setup.notes.push_back("NeMo \"DDP\": distributed optimizer (NeMo's default), ZeRO 1");

    // Precision, recipe, batch.
    const std::string precision = lower(cell("precision"));
    TrainingSettings &training = setup.training;
    const bool deepSpeed = contains(framework, "deepspeed");
    if (contains(precision, "fp8")) {
        training.precision = Precision::Fp8;
        training.optimizerRecipe = "fp8";
    } else if (contains(precision, "fp4")) {
        training.precision = Precision::Fp4;
        training.optimizerRecipe = "fp8";
    } else {
        training.precision = Precision::Bf16;
        training.optimizerRecipe = deepSpeed ? "mixed" : "megatron";
    }
    setup.recipe = *findOptimizerRecipe(training.optimizerRecipe);
    if (const auto sequences = leadingNumber(cell("global_batch_seqs")))
        training.globalBatchTokens = *sequences * model.seqLen;
    else if (const auto tokens = leadingNumber(cell("global_batch_tokens")))
        training.globalBatchTokens = *tokens;
    else
        return skip("global batch not published");
    setup.tokensTrained = leadingNumber(cell("tokens_trained")).value_or(0.0);
    training.totalTokens = setup.tokensTrained;

    // Software era.
    PlannerOptions &options = setup.options;
    if (year <= 2022) {
        options.attentionKernel = AttentionKernel::Unfused;
        options.overlapGradReduce = false;
        options.overlapParamGather = false;
        setup.notes.push_back("2021-22 software: unfused attention, DP reduction not overlapped");
    } else {
        options.tpCommOverlap =
            p.tp > 1 && (contains(framework, "nemo") || contains(framework, "megatron-core") ||
                         contains(zero, "tp-comm-overlap"));
    }

    // Hardware with the row's stated scale-out rate.
    HardwareChoice choice;
    choice.systemId = systemId;
    choice.gpuId = gpuId;
    choice.numGpus = setup.numGpus;
    std::string field;
    std::string reason;
    if (!resolveHardware(choice, catalog, training.precision, setup.hardware, field, reason))
        return skip("hardware: " + reason);
    if (const auto rate = statedScaleOut(cell("inter_node_per_gpu"), setup.hardware.gpusPerNode)) {
        if (std::abs(*rate - setup.hardware.fabric.scaleOut.bytesPerSecond) > 1.0) {
            setup.hardware.fabric.scaleOut.bytesPerSecond = *rate;
            setup.notes.push_back("scale-out " + std::to_string(static_cast<int>(*rate * 8e-9)) +
                                  " Gb/s per GPU as stated");
        }
    }

    // The compared metric.
    const auto tflops = leadingNumber(cell("tflops_per_gpu"));
    const auto convention = conventionOf(cell("tflops_convention"));
    const auto tokensPerGpu = leadingNumber(cell("tokens_per_s_per_gpu"));
    const auto step = leadingNumber(cell("step_time_s"));
    const auto gpuHours = leadingNumber(cell("gpu_hours"));
    if (tflops && convention) {
        setup.metric = RunMetric::TflopsPerGpu;
        setup.convention = *convention;
        setup.published = *tflops * 1e12;
    } else if (tokensPerGpu) {
        setup.metric = RunMetric::TokensPerSecondPerGpu;
        setup.published = *tokensPerGpu;
        if (tflops)
            setup.notes.push_back("TFLOP/s convention not verified: compared on tokens/s");
    } else if (step) {
        setup.metric = RunMetric::StepTime;
        setup.published = *step;
    } else if (gpuHours && setup.tokensTrained > 0.0) {
        setup.metric = RunMetric::GpuHours;
        setup.published = *gpuHours;
        setup.notes.push_back("whole production run: failures and restarts are not modelled");
    } else {
        return skip("no comparable metric with a known FLOP convention");
    }
    RunSetupResult result;
    result.setup = std::move(setup);
    return result;
}

} // namespace scalescope::models
