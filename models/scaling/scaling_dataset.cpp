#include "models/scaling/scaling_dataset.h"

#include "models/core/input_error.h"

#include <algorithm>
#include <optional>
#include <sstream>

namespace scalescope::models {

namespace {

const std::vector<std::string> parameterNames{"N",          "params",     "parameters",
                                              "Model Size", "model_size", "num_params"};
const std::vector<std::string> tokenNames{"D", "tokens", "Training Tokens", "training_tokens",
                                          "num_tokens"};
const std::vector<std::string> computeNames{"C",       "flops",         "Training FLOP",
                                            "compute", "training_flop", "flops_6ND"};
const std::vector<std::string> lossNames{"loss", "L", "final_loss", "val_loss"};
const std::vector<std::string> uniqueTokenNames{"U", "unique_tokens", "unique tokens"};

/// The column named explicitly (must exist) or the first of the usual spellings (may not).
std::optional<std::size_t> pickColumn(const CsvTable &table, const std::string &explicitName,
                                      const std::vector<std::string> &usualNames) {
    if (!explicitName.empty())
        return table.column(explicitName);
    return table.findAnyColumn(usualNames);
}

std::string listOf(const std::vector<std::string> &names) {
    std::string text;
    for (const auto &name : names)
        text += (text.empty() ? "\"" : ", \"") + name + "\"";
    return text;
}

[[noreturn]] void missing(const CsvTable &table, const std::string &what,
                          const std::vector<std::string> &usualNames, const std::string &hint) {
    throw InputError(table.file(), "line 1",
                     "missing " + what + " column (looked for " + listOf(usualNames) + hint +
                         "; name it with the column option)");
}

} // namespace

ScalingDataset loadScalingDataset(const CsvTable &table, const ScalingColumns &columns,
                                  const ScalingQuantities &needed, ParameterCounting counting) {
    const auto lossColumn = pickColumn(table, columns.loss, lossNames);
    if (!lossColumn)
        missing(table, "loss", lossNames, "");
    const auto parameterColumn = pickColumn(table, columns.parameters, parameterNames);
    const auto tokenColumn = pickColumn(table, columns.tokens, tokenNames);
    const auto computeColumn = pickColumn(table, columns.compute, computeNames);
    const auto uniqueColumn = needed.uniqueTokens
                                  ? pickColumn(table, columns.uniqueTokens, uniqueTokenNames)
                                  : std::nullopt;

    const bool needParameters =
        needed.parameters || (needed.tokens && !tokenColumn) || (needed.compute && !computeColumn);
    if (needed.parameters && !parameterColumn)
        missing(table, "parameter-count (N)", parameterNames, "");
    if (needed.tokens && !tokenColumn && !(computeColumn && parameterColumn))
        missing(table, "training-token (D)", tokenNames,
                ", or compute C and parameter N columns to derive D = C/(6N) from");
    if (needed.compute && !computeColumn && !(tokenColumn && parameterColumn))
        missing(table, "compute (C)", computeNames,
                ", or parameter N and token D columns to derive C = 6ND from");
    if (needed.uniqueTokens && !uniqueColumn)
        missing(table, "unique-token (U)", uniqueTokenNames, "");

    // Plain indices from here on (every column still needed was checked above).
    const std::size_t lossIndex = *lossColumn;
    const std::size_t parameterIndex = parameterColumn.value_or(0);
    const std::size_t tokenIndex = tokenColumn.value_or(0);
    const std::size_t computeIndex = computeColumn.value_or(0);
    const std::size_t uniqueIndex = uniqueColumn.value_or(0);

    ScalingDataset dataset;
    dataset.source = table.file();
    dataset.parameterCounting = counting;
    auto field = [&](std::size_t index) {
        return "column " + std::to_string(index + 1) + " (" + table.header()[index] + ")";
    };
    dataset.lossField = field(lossIndex);
    if (needParameters)
        dataset.parametersField = field(parameterIndex);
    if (needed.tokens || needed.compute) {
        dataset.tokensField = field(tokenColumn ? tokenIndex : computeIndex);
        dataset.computeField = field(computeColumn ? computeIndex : tokenIndex);
    }
    dataset.points.reserve(table.rowCount());
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        ScalingPoint point;
        point.line = table.lineOf(row);
        point.loss = table.positiveNumber(row, lossIndex);
        if (needParameters)
            point.parameters = table.positiveNumber(row, parameterIndex);
        const bool readTokens = needed.tokens || (needed.compute && !computeColumn);
        const bool readCompute = needed.compute || (needed.tokens && !tokenColumn);
        if (readTokens && tokenColumn)
            point.tokens = table.positiveNumber(row, tokenIndex);
        if (readCompute && computeColumn)
            point.computeFlop = table.positiveNumber(row, computeIndex);
        if (readTokens && !tokenColumn)
            point.tokens = tokensForCompute(point.computeFlop, point.parameters);
        if (readCompute && !computeColumn)
            point.computeFlop = trainingFlop(point.parameters, point.tokens);
        if (needed.uniqueTokens) {
            point.uniqueTokens = table.positiveNumber(row, uniqueIndex);
            if (needed.tokens && point.uniqueTokens > point.tokens)
                table.fail(row, uniqueIndex,
                           "unique tokens exceed the training tokens of the same run");
        }
        dataset.points.push_back(point);
    }
    return dataset;
}

ScalingDataset dropHighestLosses(const ScalingDataset &dataset, int count) {
    if (count <= 0)
        return dataset;
    ScalingDataset kept = dataset;
    kept.points.clear();
    if (static_cast<std::size_t>(count) >= dataset.points.size())
        return kept;
    std::vector<double> losses;
    losses.reserve(dataset.points.size());
    for (const auto &point : dataset.points)
        losses.push_back(point.loss);
    std::sort(losses.begin(), losses.end());
    const double threshold = losses[losses.size() - static_cast<std::size_t>(count)];
    for (const auto &point : dataset.points)
        if (point.loss < threshold)
            kept.points.push_back(point);
    return kept;
}

void requireDistinctValues(const ScalingDataset &dataset, ScalingVariable variable,
                           const std::string &lawName) {
    auto valueOf = [variable](const ScalingPoint &point) {
        return variable == ScalingVariable::Parameters ? point.parameters
               : variable == ScalingVariable::Tokens   ? point.tokens
                                                       : point.computeFlop;
    };
    if (dataset.points.empty())
        return;
    const double first = valueOf(dataset.points.front());
    for (const auto &point : dataset.points)
        if (valueOf(point) != first)
            return;
    const char *what = variable == ScalingVariable::Parameters ? "model size"
                       : variable == ScalingVariable::Tokens   ? "token count"
                                                               : "compute budget";
    const std::string &field = variable == ScalingVariable::Parameters ? dataset.parametersField
                               : variable == ScalingVariable::Tokens   ? dataset.tokensField
                                                                       : dataset.computeField;
    std::ostringstream text;
    text << "all " << dataset.points.size() << " runs have the same " << what << " (" << first
         << "); the " << lawName << " law needs at least 2 different ones";
    throw InputError(dataset.source, field, text.str());
}

void requireEnoughPoints(const ScalingDataset &dataset, int parameterCount,
                         const std::string &lawName) {
    const auto n = dataset.points.size();
    if (n >= static_cast<std::size_t>(parameterCount))
        return;
    std::string field;
    if (!dataset.points.empty() && dataset.points.back().line > 0)
        field = "line " + std::to_string(dataset.points.back().line);
    if (!dataset.lossField.empty())
        field += (field.empty() ? "" : ", ") + dataset.lossField;
    throw InputError(dataset.source, field,
                     std::to_string(n) + " data point" + (n == 1 ? "" : "s") + " but the " +
                         lawName + " law has " + std::to_string(parameterCount) +
                         " parameters (need at least " + std::to_string(parameterCount) + ")");
}

} // namespace scalescope::models
