#include "models/inference/inference_validation.h"

#include "models/core/input_error.h"
#include "models/inference/inference_curve.h"
#include "models/inference/inference_hardware.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace scalescope::models {

namespace {

/// A published model name and the preset with its architecture; the context window is the
/// released config's max_position_embeddings (Llama 3.1/3.3 131,072; Llama 2 4,096; Mixtral
/// 32,768 (8x7B) / 65,536 (8x22B); DeepSeek-V3/R1 163,840).
struct PresetMatch {
    const char *namePrefix;
    const char *presetId;
    double contextLimit;
};

constexpr PresetMatch kPresetMatches[] = {
    {"Llama 2 70B", "llama2-70b", 4096.0},         {"Llama 3.3 70B", "llama3-70b", 131072.0},
    {"Llama 3.1 405B", "llama3.1-405b", 131072.0}, {"Llama 3.1 8B", "llama3-8b", 131072.0},
    {"Mixtral 8x7B", "mixtral-8x7b", 32768.0},     {"Mixtral 8x22B", "mixtral-8x22b", 65536.0},
    {"DeepSeek-R1", "deepseek-v3", 163840.0},      {"DeepSeek-V3", "deepseek-v3", 163840.0},
};

/// The leading number of a cell ("8 (attention DP)" -> 8); nullopt when it starts otherwise.
std::optional<double> leadingNumber(const std::string &text) {
    std::size_t end = 0;
    while (end < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.'))
        ++end;
    if (end == 0)
        return std::nullopt;
    return parseFiniteNumber(std::string_view(text).substr(0, end));
}

bool contains(const std::string &text, const std::string &part) {
    return text.find(part) != std::string::npos;
}

/// The row's cells the model needs.
struct RowFacts {
    std::string id, model, gpu, type, tp, pp, ep, precision, input, output, concurrency, notes;
    double measured = 0.0;
    double layers = 0.0, hidden = 0.0, heads = 0.0;
};

RowFacts readFacts(const CsvTable &table, std::size_t row) {
    auto text = [&](const char *name) { return table.cell(row, table.column(name)); };
    RowFacts f;
    f.id = text("id");
    f.model = text("model");
    f.gpu = text("gpu");
    f.type = text("benchmark_type");
    f.tp = text("tp");
    f.pp = text("pp");
    f.ep = text("ep");
    f.precision = text("precision");
    f.input = text("input_len");
    f.output = text("output_len");
    f.concurrency = text("concurrency_or_batch");
    f.notes = text("notes");
    f.measured = table.optionalNumber(row, table.column("tokens_per_s_per_gpu")).value_or(0.0);
    f.layers = table.optionalNumber(row, table.column("layers")).value_or(0.0);
    f.hidden = table.optionalNumber(row, table.column("hidden")).value_or(0.0);
    f.heads = table.optionalNumber(row, table.column("heads")).value_or(0.0);
    return f;
}

/// Why the row cannot be modelled, or empty.
std::string skipReason(const RowFacts &f, const PresetMatch *match, const ModelShape *shape) {
    if (match == nullptr || shape == nullptr)
        return "no model preset for \"" + f.model + "\"";
    if (f.layers != shape->layers || f.hidden != shape->hidden ||
        (f.heads > 0.0 && f.heads != shape->heads))
        return "preset " + std::string(match->presetId) + " disagrees with the row's shape";
    if (f.measured <= 0.0)
        return "no output tokens/s per GPU";
    if (contains(f.notes, "speculative decoding ON"))
        return "speculative decoding (MTP) is on; the model decodes one token per step";
    if (contains(f.type, "decode-only") || contains(f.type, "decode throughput"))
        return "decode GPUs only (disaggregated); prefill GPUs not counted";
    if (!leadingNumber(f.input) || !leadingNumber(f.output))
        return "input or output length not published as a number (dataset distribution)";
    if (!leadingNumber(f.tp))
        return "tensor parallelism not published";
    if (f.gpu != "H100" && f.gpu != "H200")
        return "no system mapping for GPU " + f.gpu;
    return {};
}

/// The concurrency the row fixes ("1", "concurrency 1024; ..."), or 0 for max throughput.
int fixedConcurrency(const std::string &cell) {
    if (auto n = leadingNumber(cell))
        return static_cast<int>(*n);
    const std::string key = "concurrency ";
    if (cell.rfind(key, 0) == 0)
        if (auto n = leadingNumber(cell.substr(key.size())))
            return static_cast<int>(*n);
    return 0;
}

std::optional<InferencePoint> modelPoint(const ModelShape &shape, const InferenceHardware &hardware,
                                         const ServingSettings &settings, const RowFacts &facts) {
    const InferenceContext context = makeInferenceContext(shape, hardware, settings);
    const int fixed = fixedConcurrency(facts.concurrency);
    if (fixed > 0) {
        if (fixed > context.memory.maxConcurrency)
            return std::nullopt;
        return evaluateInference(context, fixed);
    }
    const InferenceCurve curve = inferenceCurve(context);
    ServingSlo slo;
    if (contains(facts.type, "Server")) {
        slo.maxTpotSeconds = 0.200; // MLPerf Llama 2 70B / Mixtral Server: p99 TPOT <= 200 ms
        slo.maxTtftSeconds = 2.0;   // p99 TTFT <= 2 s
    }
    return bestUnderSlo(curve, slo);
}

InferenceValidationRow modelRow(const RowFacts &facts, const Catalog &catalog,
                                const ModelPresets &presets, const EngineSettings &engine) {
    InferenceValidationRow row;
    row.id = facts.id;
    row.measuredTokensPerSecondPerGpu = facts.measured;
    const PresetMatch *match = nullptr;
    for (const PresetMatch &m : kPresetMatches)
        if (facts.model.rfind(m.namePrefix, 0) == 0)
            match = &m;
    const ModelShape *shape = match != nullptr ? presets.find(match->presetId) : nullptr;
    row.skipReason = skipReason(facts, match, shape);
    if (!row.compared())
        return row;
    row.presetId = match->presetId;
    HardwareChoice choice;
    choice.systemId = facts.gpu == "H100" ? "dgx-h100" : "dgx-h200";
    const InferenceHardware hardware = inferenceHardware(catalog, choice);

    ServingSettings settings;
    settings.layout.tp = static_cast<int>(*leadingNumber(facts.tp));
    settings.layout.pp = static_cast<int>(leadingNumber(facts.pp).value_or(1.0));
    settings.layout.ep = static_cast<int>(leadingNumber(facts.ep).value_or(1.0));
    settings.layout.attentionDataParallel = contains(facts.tp, "attention DP");
    const bool fp8 = facts.precision.rfind("FP8", 0) == 0;
    settings.weights.precision = fp8 ? Precision::Fp8 : Precision::Bf16;
    settings.kvCache = settings.weights; // FP8 checkpoints serve with an FP8 KV cache
    settings.inputTokens = *leadingNumber(facts.input);
    settings.outputTokens = *leadingNumber(facts.output);
    settings.contextLimit = match->contextLimit;
    settings.engine = engine;
    row.layout = settings.layout;
    try {
        const auto point = modelPoint(*shape, hardware, settings, facts);
        if (!point) {
            row.skipReason = "the layout does not fit (or meets no latency limit) in the model";
            return row;
        }
        row.concurrency = point->concurrency;
        row.predictedTokensPerSecondPerGpu = point->outputTokensPerSecondPerGpu;
        row.predictedTpotSeconds = point->tpotSeconds;
        row.predictedTtftSeconds = point->ttftSeconds;
    } catch (const InputError &error) {
        row.skipReason = error.field() + ": " + error.reason();
    }
    return row;
}

} // namespace

InferenceValidationReport validateInferenceRuns(const CsvTable &table, const Catalog &catalog,
                                                const ModelPresets &presets,
                                                const EngineSettings &engine) {
    InferenceValidationReport report;
    std::vector<double> errors;
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        report.rows.push_back(modelRow(readFacts(table, row), catalog, presets, engine));
        if (report.rows.back().compared())
            errors.push_back(std::abs(report.rows.back().relativeError()));
    }
    report.compared = static_cast<int>(errors.size());
    if (!errors.empty()) {
        std::sort(errors.begin(), errors.end());
        const std::size_t n = errors.size();
        report.medianAbsoluteError =
            n % 2 == 1 ? errors[n / 2] : 0.5 * (errors[n / 2 - 1] + errors[n / 2]);
    }
    return report;
}

} // namespace scalescope::models
