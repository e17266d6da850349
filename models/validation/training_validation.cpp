#include "models/validation/training_validation.h"

#include <algorithm>
#include <cmath>

namespace scalescope::models {

namespace {

std::vector<int> candidates(bool free, int stated, std::initializer_list<int> values) {
    if (!free)
        return {stated};
    return {values};
}

} // namespace

double quantile(std::vector<double> values, double q) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto upper = std::min(lower + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(lower);
    return values[lower] + fraction * (values[upper] - values[lower]);
}

ErrorSummary summarizeErrors(const std::vector<ValidationRow> &rows, const std::string &source) {
    ErrorSummary summary;
    summary.source = source;
    std::vector<double> errors;
    for (const auto &row : rows)
        if (source.empty() || row.source == source)
            errors.push_back(std::abs(row.relativeError));
    summary.rows = static_cast<int>(errors.size());
    if (errors.empty())
        return summary;
    summary.medianAbsRelativeError = quantile(errors, 0.5);
    summary.p90AbsRelativeError = quantile(errors, 0.9);
    double sum = 0.0;
    for (const double error : errors)
        sum += error;
    summary.meanAbsRelativeError = sum / static_cast<double>(errors.size());
    summary.maxAbsRelativeError = *std::max_element(errors.begin(), errors.end());
    return summary;
}

ValidationRow validateSetup(const RunSetup &setup) {
    const PlannerContext context =
        makePlannerContext(setup.model, setup.training, Economics{}, setup.numGpus, setup.hardware,
                           setup.recipe, setup.options);
    const Parallelism &stated = setup.parallelism;
    const std::vector<int> microBatches =
        candidates(setup.freeMicroBatch, stated.microBatch, {1, 2, 4, 8, 16});
    const std::vector<int> interleavings =
        candidates(setup.freeInterleaving, stated.vpp, {1, 2, 3, 4, 5, 6, 8});
    const std::vector<int> recomputes = setup.freeRecompute
                                            ? std::vector<int>{0, 1, 2}
                                            : std::vector<int>{static_cast<int>(stated.recompute)};
    const std::vector<int> sequenceParallel =
        setup.freeSequenceParallel ? std::vector<int>{0, 1}
                                   : std::vector<int>{stated.sequenceParallel ? 1 : 0};

    bool haveFit = false;
    bool haveAny = false;
    LayoutMetrics best;
    Parallelism bestLayout = stated;
    for (const int b : microBatches)
        for (const int v : interleavings)
            for (const int r : recomputes)
                for (const int sp : sequenceParallel) {
                    Parallelism layout = stated;
                    layout.microBatch = b;
                    layout.vpp = v;
                    layout.recompute = static_cast<Recompute>(r);
                    layout.sequenceParallel = sp != 0;
                    const LayoutMetrics metrics = evaluateLayout(context, layout);
                    if (metrics.issue != LayoutIssue::None)
                        continue;
                    const bool better =
                        !haveAny || (metrics.fits && !haveFit) ||
                        (metrics.fits == haveFit && metrics.stepSeconds < best.stepSeconds);
                    if (better) {
                        best = metrics;
                        bestLayout = layout;
                        haveAny = true;
                        haveFit = haveFit || metrics.fits;
                    }
                }

    ValidationRow row;
    row.id = setup.id;
    row.source = setup.source;
    row.metric = runMetricName(setup.metric);
    row.notes = setup.notes;
    row.parallelism = bestLayout;
    if (!haveAny) {
        const LayoutIssue issue = checkLayout(context, stated);
        row.notes.push_back("no valid layout: " + layoutIssueField(issue) + ": " +
                            layoutIssueReason(issue, context, stated));
        row.relativeError = -1.0;
        return row;
    }
    row.fits = best.fits;
    if (!best.fits)
        row.notes.push_back("no layout fits in HBM by the memory model; fastest shown");
    const bool anyFree = setup.freeMicroBatch || setup.freeInterleaving || setup.freeRecompute ||
                         setup.freeSequenceParallel;
    if (anyFree)
        row.notes.push_back("chosen: micro-batch " + std::to_string(bestLayout.microBatch) +
                            ", vpp " + std::to_string(bestLayout.vpp) + ", recompute " +
                            enumString(bestLayout.recompute) +
                            (bestLayout.sequenceParallel ? ", SP" : ""));

    const double sequences = setup.training.globalBatchTokens / setup.model.seqLen;
    switch (setup.metric) {
    case RunMetric::TflopsPerGpu:
        row.published = setup.published * 1e-12;
        row.predicted =
            conventionFlopsPerStep(setup.convention, setup.model, context.arithmetic, sequences) /
            best.stepSeconds / setup.numGpus * 1e-12;
        break;
    case RunMetric::TokensPerSecondPerGpu:
        row.published = setup.published;
        row.predicted = best.tokensPerSecond / setup.numGpus;
        break;
    case RunMetric::StepTime:
        row.published = setup.published;
        row.predicted = best.stepSeconds;
        break;
    case RunMetric::GpuHours:
        row.published = setup.published;
        row.predicted = setup.numGpus * setup.tokensTrained / best.tokensPerSecond / 3600.0;
        break;
    }
    row.relativeError = row.published > 0.0 ? row.predicted / row.published - 1.0 : 0.0;
    return row;
}

std::vector<std::string> sourceLabels(const std::vector<std::string> &ids,
                                      const std::vector<std::string> &documents) {
    auto tokens = [](const std::string &id) {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (true) {
            const auto dash = id.find('-', start);
            out.push_back(
                id.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
            if (dash == std::string::npos)
                return out;
            start = dash + 1;
        }
    };
    std::vector<std::string> labels(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        std::vector<std::string> common = tokens(ids[i]);
        int cited = 0;
        for (std::size_t j = 0; j < ids.size(); ++j) {
            if (documents[j] != documents[i])
                continue;
            ++cited;
            const std::vector<std::string> other = tokens(ids[j]);
            std::size_t n = 0;
            while (n < common.size() && n < other.size() && common[n] == other[n])
                ++n;
            common.resize(n);
        }
        if (cited == 1 || common.empty())
            common = {tokens(ids[i]).front()};
        std::string label;
        for (const auto &token : common) {
            if (!label.empty())
                label += '-';
            label += token;
        }
        labels[i] = label;
    }
    return labels;
}

ValidationReport validateRuns(const RunsTable &table, const Catalog &catalog) {
    requireRunColumns(table);
    ValidationReport report;
    std::vector<std::string> ids;
    std::vector<std::string> documents;
    for (std::size_t i = 0; i < table.rowCount(); ++i) {
        const RunSetupResult setup = makeRunSetup(table, i, catalog);
        if (!setup.setup) {
            report.skipped.push_back({table.cell(i, "id"), setup.skipReason});
            continue;
        }
        report.rows.push_back(validateSetup(*setup.setup));
        ids.push_back(setup.setup->id);
        documents.push_back(setup.setup->source);
    }
    const std::vector<std::string> labels = sourceLabels(ids, documents);
    std::vector<std::string> sources;
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        report.rows[i].source = labels[i];
        if (std::find(sources.begin(), sources.end(), labels[i]) == sources.end())
            sources.push_back(labels[i]);
    }
    report.summary = summarizeErrors(report.rows);
    for (const auto &source : sources)
        report.perSource.push_back(summarizeErrors(report.rows, source));
    return report;
}

} // namespace scalescope::models
