#include "models/validation/run_setup.h"

#include "models/core/enum_names.h"
#include "models/core/input_error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace scalescope::models {

namespace {

/// One data row of a runs table: original cells by name, and strict readers for the
/// normalised columns that throw InputError naming the file, line, column and row id.
class RowReader {
public:
    RowReader(const RunsTable &table, std::size_t row)
        : m_table(table)
        , m_row(row) {}

    [[nodiscard]] const std::string &text(std::string_view column) const {
        return m_table.cell(m_row, column);
    }
    /// The leading whole number of an original (source-worded) cell, if any.
    [[nodiscard]] std::optional<int> whole(std::string_view column) const {
        const auto value = leadingNumber(text(column));
        if (!value || *value < 0.0 || std::abs(*value - std::round(*value)) > 1e-9)
            return std::nullopt;
        return static_cast<int>(std::llround(*value));
    }
    [[noreturn]] void fail(std::string_view column, const std::string &reason) const {
        m_table.fail(m_row, column, "row \"" + text("id") + "\": " + reason);
    }
    /// A cell that names an enum value through its one name table (models/core/enum_names.h),
    /// or "free" when the source left the choice open (nullopt); any other text is an error.
    template <NamedEnum E>
    [[nodiscard]] std::optional<E> enumOrFree(std::string_view column) const {
        const std::string &cell = text(column);
        if (cell == "free")
            return std::nullopt;
        if (const auto value = parseEnum<E>(cell))
            return value;
        fail(column, "expected " + enumNamesText<E>("|") + "|free, found \"" + cell + "\"");
    }
    /// The value named by a normalised cell; any other text is an error.
    template <typename T>
    [[nodiscard]] T choice(std::string_view column,
                           std::initializer_list<std::pair<const char *, T>> names) const {
        const std::string &cell = text(column);
        std::string expected;
        for (const auto &[name, value] : names) {
            if (cell == name)
                return value;
            if (!expected.empty())
                expected += '|';
            expected += name;
        }
        fail(column, "expected " + expected + ", found \"" + cell + "\"");
    }
    [[nodiscard]] bool yesNo(std::string_view column) const {
        return choice<bool>(column, {{"yes", true}, {"no", false}});
    }
    /// A whole number >= 1, or nullopt for "free" (the planner chooses).
    [[nodiscard]] std::optional<int> countOrFree(std::string_view column) const {
        const std::string &cell = text(column);
        if (cell == "free")
            return std::nullopt;
        const auto value = parseFiniteNumber(cell);
        if (!value || *value < 1.0 || *value > 1e6 || *value != std::floor(*value))
            fail(column, "expected a whole number >= 1 or \"free\", found \"" + cell + "\"");
        return static_cast<int>(*value);
    }
    /// A lower-case identifier ([a-z0-9.-]+), for the descriptive normalised columns.
    [[nodiscard]] const std::string &identifier(std::string_view column) const {
        const std::string &cell = text(column);
        const bool valid = !cell.empty() && std::all_of(cell.begin(), cell.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        });
        if (!valid)
            fail(column, "expected a lower-case identifier, found \"" + cell + "\"");
        return cell;
    }

private:
    const RunsTable &m_table;
    std::size_t m_row;
};

/// Empty when the row can be evaluated so far, else the reason it is skipped.
using SkipReason = std::optional<std::string>;

SkipReason readArchitecture(const RowReader &row, RunSetup &setup) {
    const auto layers = row.whole("layers");
    const auto hidden = row.whole("hidden");
    const auto heads = row.whole("heads");
    const auto vocab = row.whole("vocab");
    const auto sequence = row.whole("seq_len");
    if (!layers || !hidden || !heads || !vocab || !sequence)
        return "architecture incomplete (layers, hidden, heads, vocab and seq_len needed)";
    ModelShape &model = setup.model;
    model.name = row.text("model");
    model.layers = *layers;
    model.hidden = *hidden;
    model.heads = *heads;
    model.kvHeads = row.whole("kv_heads").value_or(*heads);
    model.vocab = *vocab;
    model.seqLen = *sequence;
    const std::string &family = row.identifier("arch_family");
    if (const auto ffn = row.whole("ffn")) {
        model.ffn = *ffn;
    } else if (family == "gpt") {
        model.ffn = 4 * *hidden;
        setup.notes.push_back("FFN not published: Megatron's default 4h");
    } else {
        return "FFN width not published";
    }
    if (const auto experts = row.whole("moe_experts"); experts && *experts > 0) {
        model.moe.experts = *experts;
        model.moe.topK = row.whole("moe_topk").value_or(1);
        model.moe.expertFfn = row.whole("moe_expert_ffn").value_or(model.ffn);
    }
    model.gatedMlp = row.yesNo("gated_mlp");
    model.positionEmbedding = row.choice<PositionEmbedding>(
        "position_embedding", {{"learned", PositionEmbedding::Learned},
                               {"rotary", PositionEmbedding::Rotary},
                               {"relative", PositionEmbedding::Relative}});
    model.tiedEmbeddings = row.yesNo("tied_embeddings");
    model.norm = row.choice<NormKind>(
        "norm", {{"layernorm", NormKind::LayerNorm}, {"rmsnorm", NormKind::RmsNorm}});
    model.linearBiases = row.yesNo("linear_biases");
    if (!row.text("layer_details_from").empty())
        setup.notes.push_back("layer details from " + row.text("layer_details_from"));
    if (const auto problem = checkModelShape(model))
        return "model: " + problem->field + ": " + problem->reason;
    return std::nullopt;
}

SkipReason readLayout(const RowReader &row, RunSetup &setup) {
    const auto gpus = row.whole("num_gpus");
    if (!gpus || *gpus < 1)
        return "GPU count not published";
    setup.numGpus = *gpus;
    const auto tp = row.whole("tp");
    const auto pp = row.whole("pp");
    if (!tp || !pp)
        return "parallel layout (tp, pp) not published";
    Parallelism &p = setup.parallelism;
    p.tp = *tp;
    p.pp = *pp;
    p.cp = row.whole("cp").value_or(1);
    p.ep = row.whole("ep").value_or(1);
    if (p.tp < 1 || p.pp < 1 || p.cp < 1 || p.ep < 1)
        return "parallel degrees must be at least 1";
    p.dp = row.whole("dp").value_or(setup.numGpus / (p.tp * p.pp * p.cp));
    if (static_cast<long long>(p.tp) * p.pp * p.dp * p.cp != setup.numGpus)
        return "tp x pp x dp x cp does not equal the GPU count";
    const auto vpp = row.countOrFree("vpp_mode");
    p.vpp = vpp.value_or(1);
    setup.freeInterleaving = !vpp && p.pp > 1;
    const auto microBatch = row.countOrFree("micro_batch_mode");
    p.microBatch = microBatch.value_or(1);
    setup.freeMicroBatch = !microBatch;
    const auto recompute = row.enumOrFree<Recompute>("recompute_mode");
    p.recompute = recompute.value_or(Recompute::None);
    setup.freeRecompute = !recompute;
    const int sequenceParallel =
        row.choice<int>("seq_parallel_mode", {{"off", 0}, {"on", 1}, {"free", 2}});
    p.sequenceParallel = sequenceParallel == 1;
    setup.freeSequenceParallel = sequenceParallel == 2;
    p.zeroStage = row.choice<int>("zero_stage", {{"0", 0}, {"1", 1}, {"2", 2}, {"3", 3}});
    return std::nullopt;
}

SkipReason readSoftware(const RowReader &row, RunSetup &setup) {
    TrainingSettings &training = setup.training;
    training.precision = row.choice<Precision>(
        "gemm_precision",
        {{"bf16", Precision::Bf16}, {"fp8", Precision::Fp8}, {"fp4", Precision::Fp4}});
    const std::string fp8Recipe = row.choice<std::string>("fp8_recipe", {{"none", "none"},
                                                                         {"delayed", "delayed"},
                                                                         {"current", "current"},
                                                                         {"mxfp8", "mxfp8"},
                                                                         {"blockwise", "blockwise"},
                                                                         {"unstated", "unstated"}});
    if ((fp8Recipe == "none") != (training.precision == Precision::Bf16))
        row.fail("fp8_recipe", "\"" + fp8Recipe + "\" does not fit gemm_precision \"" +
                                   row.text("gemm_precision") + "\"");
    training.optimizerRecipe = row.text("optimizer_recipe");
    const auto recipe = findOptimizerRecipe(training.optimizerRecipe);
    if (!recipe)
        row.fail("optimizer_recipe", "unknown optimizer recipe \"" + training.optimizerRecipe +
                                         "\" (models/planner/optimizer_recipe.h)");
    setup.recipe = *recipe;
    (void)row.identifier("framework_norm");

    PlannerOptions &options = setup.options;
    options.attentionKernel =
        row.choice<AttentionKernel>("attention_kernel", {{"flash", AttentionKernel::Fused},
                                                         {"unfused", AttentionKernel::Unfused}});
    options.overlapGradReduce = row.yesNo("dp_overlap");
    options.overlapParamGather = options.overlapGradReduce;
    options.tpCommOverlap = row.yesNo("tp_overlap");
    if (options.attentionKernel == AttentionKernel::Unfused)
        setup.notes.push_back("unfused attention");
    if (!options.overlapGradReduce)
        setup.notes.push_back("DP reduction not overlapped");

    if (const auto sequences = leadingNumber(row.text("global_batch_seqs")))
        training.globalBatchTokens = *sequences * setup.model.seqLen;
    else if (const auto tokens = leadingNumber(row.text("global_batch_tokens")))
        training.globalBatchTokens = *tokens;
    else
        return "global batch not published";
    setup.tokensTrained = leadingNumber(row.text("tokens_trained")).value_or(0.0);
    training.totalTokens = setup.tokensTrained;
    return std::nullopt;
}

SkipReason readHardware(const RowReader &row, RunSetup &setup, const Catalog &catalog) {
    HardwareChoice choice;
    choice.systemId = row.text("system_id");
    choice.gpuId = row.text("accelerator_id");
    choice.numGpus = setup.numGpus;
    if (choice.systemId.empty() && choice.gpuId.empty())
        return "accelerator \"" + row.text("gpu") + "\" has no catalog entry (system_id and " +
               "accelerator_id empty)";
    if (!choice.systemId.empty() && !catalog.findSystem(choice.systemId))
        row.fail("system_id", "unknown catalog system \"" + choice.systemId + "\"");
    if (!choice.gpuId.empty() && !catalog.findAccelerator(choice.gpuId))
        row.fail("accelerator_id", "unknown catalog accelerator \"" + choice.gpuId + "\"");
    std::string field;
    std::string reason;
    if (!resolveHardware(choice, catalog, setup.training.precision, setup.hardware, field, reason))
        return "hardware: " + reason;
    const std::string &scaleOut = row.text("scaleout_gbps_per_gpu");
    if (scaleOut.empty())
        return std::nullopt;
    const auto gigabits = parseFiniteNumber(scaleOut);
    if (!gigabits || *gigabits <= 0.0)
        row.fail("scaleout_gbps_per_gpu",
                 "expected a positive number of Gb/s or empty, found \"" + scaleOut + "\"");
    const double rate = *gigabits * 1e9 / 8.0;
    if (std::abs(rate - setup.hardware.fabric.scaleOut.bytesPerSecond) > 1.0) {
        setup.hardware.fabric.scaleOut.bytesPerSecond = rate;
        setup.notes.push_back("scale-out " + scaleOut + " Gb/s per GPU as stated");
    }
    return std::nullopt;
}

SkipReason readMetric(const RowReader &row, RunSetup &setup) {
    const auto convention = row.choice<std::optional<FlopConvention>>(
        "flop_convention", {{"narayanan-hardware", FlopConvention::NarayananHardware},
                            {"korthikanti-model", FlopConvention::KorthikantiModel},
                            {"megatron-full", FlopConvention::MegatronFull},
                            {"nemo-causal", FlopConvention::NemoCausal},
                            {"palm-model", FlopConvention::PalmModel},
                            {"unknown", std::nullopt}});
    const auto tflops = leadingNumber(row.text("tflops_per_gpu"));
    const auto tokensPerGpu = leadingNumber(row.text("tokens_per_s_per_gpu"));
    const auto step = leadingNumber(row.text("step_time_s"));
    const auto gpuHours = leadingNumber(row.text("gpu_hours"));
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
        return "no comparable metric with a known FLOP convention";
    }
    return std::nullopt;
}

RunSetupResult skip(std::string reason) {
    RunSetupResult result;
    result.skipReason = std::move(reason);
    return result;
}

} // namespace

const std::vector<std::string> &normalisedRunColumns() {
    static const std::vector<std::string> columns = {"workload",
                                                     "system_id",
                                                     "accelerator_id",
                                                     "scaleout_gbps_per_gpu",
                                                     "arch_family",
                                                     "gated_mlp",
                                                     "position_embedding",
                                                     "tied_embeddings",
                                                     "norm",
                                                     "linear_biases",
                                                     "layer_details_from",
                                                     "recompute_mode",
                                                     "seq_parallel_mode",
                                                     "vpp_mode",
                                                     "micro_batch_mode",
                                                     "zero_stage",
                                                     "dp_overlap",
                                                     "tp_overlap",
                                                     "attention_kernel",
                                                     "gemm_precision",
                                                     "fp8_recipe",
                                                     "optimizer_recipe",
                                                     "framework_norm",
                                                     "flop_convention"};
    return columns;
}

void requireRunColumns(const RunsTable &table) {
    std::vector<std::string> required = {"id",      "model",  "gpu",   "num_gpus",
                                         "layers",  "hidden", "heads", "vocab",
                                         "seq_len", "tp",     "pp"};
    const auto &normalised = normalisedRunColumns();
    required.insert(required.end(), normalised.begin(), normalised.end());
    for (const auto &column : required)
        if (!table.findColumn(column))
            throw InputError(table.file(), "line 1",
                             "missing column \"" + column +
                                 "\" (data/validation/README.md lists the columns)");
}

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

RunSetupResult makeRunSetup(const RunsTable &table, std::size_t row, const Catalog &catalog) {
    const RowReader reader(table, row);
    RunSetup setup;
    setup.id = reader.text("id");
    setup.source = reader.text("source");
    const int workload = reader.choice<int>(
        "workload", {{"pretraining", 0}, {"lora-finetuning", 1}, {"reference-calculation", 2}});
    if (workload == 2)
        return skip("reference calculation (the talk's figures), checked by unit tests");
    if (workload == 1)
        return skip("LoRA fine-tuning (frozen base weights) is not modelled");
    if (auto reason = readLayout(reader, setup))
        return skip(std::move(*reason));
    if (auto reason = readArchitecture(reader, setup))
        return skip(std::move(*reason));
    if (auto reason = readSoftware(reader, setup))
        return skip(std::move(*reason));
    if (auto reason = readHardware(reader, setup, catalog))
        return skip(std::move(*reason));
    if (auto reason = readMetric(reader, setup))
        return skip(std::move(*reason));
    RunSetupResult result;
    result.setup = std::move(setup);
    return result;
}

} // namespace scalescope::models
