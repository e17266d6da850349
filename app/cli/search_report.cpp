#include "app/cli/search_report.h"

#include "app/cli/text_table.h"
#include "models/core/format.h"

#include <sstream>

namespace scalescope::app {

namespace {

using models::formatBytesBinary;
using models::formatCount;
using models::formatDuration;
using models::formatPercent;
using models::formatSi;
using models::formatUsd;

nlohmann::ordered_json parallelismToJson(const models::Parallelism &p) {
    return {{"tp", p.tp},
            {"pp", p.pp},
            {"dp", p.dp},
            {"cp", p.cp},
            {"ep", p.ep},
            {"vpp", p.vpp},
            {"zero_stage", p.zeroStage},
            {"sequence_parallel", p.sequenceParallel},
            {"recompute", models::enumString(p.recompute)},
            {"micro_batch", p.microBatch}};
}

std::string integer(long long value) {
    return formatCount(static_cast<double>(value));
}

/// Rank table of `candidates` (ranking or Pareto set).
std::string candidateTable(const std::vector<models::SearchCandidate> &candidates,
                           bool showObjective, models::SearchObjective objective) {
    std::vector<std::string> header = {"#",    "GPUs", "TP",     "PP",   "DP",    "CP",
                                       "EP",   "VPP",  "MB",     "ZeRO", "SP",    "Recompute",
                                       "Step", "MFU",  "Memory", "Cost", "Energy"};
    if (showObjective && objective == models::SearchObjective::Energy)
        header.push_back("J/step");
    TextTable table(header);
    table.setAlignment(11, TextTable::Align::Left);
    int rank = 1;
    for (const models::SearchCandidate &c : candidates) {
        const models::Parallelism &p = c.parallelism;
        std::vector<std::string> row = {std::to_string(rank++),
                                        std::to_string(c.gpus),
                                        std::to_string(p.tp),
                                        std::to_string(p.pp),
                                        std::to_string(p.dp),
                                        std::to_string(p.cp),
                                        std::to_string(p.ep),
                                        std::to_string(p.vpp),
                                        std::to_string(p.microBatch),
                                        std::to_string(p.zeroStage),
                                        p.sequenceParallel ? "on" : "off",
                                        models::enumString(p.recompute),
                                        formatDuration(c.metrics.stepSeconds),
                                        formatPercent(c.metrics.mfu),
                                        formatBytesBinary(c.metrics.memoryBytes()),
                                        formatUsd(c.costUsd),
                                        formatSi(c.energyJoules / 3600.0, "Wh")};
        if (showObjective && objective == models::SearchObjective::Energy)
            row.push_back(formatSi(c.objectivePerStep, "J"));
        table.addRow(std::move(row));
    }
    return table.render();
}

} // namespace

nlohmann::ordered_json searchCandidateToJson(const models::SearchCandidate &c) {
    const models::LayoutMetrics &m = c.metrics;
    nlohmann::ordered_json out;
    out["gpus"] = c.gpus;
    out["parallelism"] = parallelismToJson(c.parallelism);
    out["step_time_s"] = m.stepSeconds;
    out["mfu"] = m.mfu;
    out["memory_per_gpu_bytes"] = m.memoryBytes();
    out["cost_usd"] = c.costUsd;
    out["objective_per_step"] = c.objectivePerStep;
    out["hfu"] = m.hfu;
    out["tokens_per_s"] = m.tokensPerSecond;
    out["model_tflops_per_gpu"] = m.modelFlopsPerSecondPerGpu / 1e12;
    out["micro_batches"] = m.microBatches;
    out["memory_breakdown_bytes"] = {{"weights", m.weightsBytes},
                                     {"gradients", m.gradientsBytes},
                                     {"optimizer", m.optimizerBytes},
                                     {"activations", m.activationsBytes},
                                     {"other", m.otherBytes},
                                     {"total", m.memoryBytes()},
                                     {"most_loaded_stage", m.mostLoadedStage}};
    out["step"] = {{"time_s", m.stepSeconds},           {"compute_s", m.computeSeconds},
                   {"tp_comm_s", m.tpCommSeconds},      {"cp_comm_s", m.cpCommSeconds},
                   {"ep_comm_s", m.epCommSeconds},      {"dp_comm_s", m.dpCommSeconds},
                   {"pp_comm_s", m.ppCommSeconds},      {"bubble_s", m.bubbleSeconds},
                   {"optimizer_s", m.optimizerSeconds}, {"bottleneck_stage", m.bottleneckStage}};
    out["training"] = {{"days", c.trainingSeconds / 86400.0},
                       {"gpu_hours", c.gpuHours},
                       {"energy_mwh", c.energyJoules / 3.6e9},
                       {"cost_usd", c.costUsd},
                       {"average_power_w_per_gpu", c.averagePowerWattsPerGpu}};
    return out;
}

nlohmann::ordered_json searchResultToJson(const models::SearchResult &result,
                                          const std::string &scenarioName) {
    const models::SearchCounts &n = result.counts;
    nlohmann::ordered_json out;
    out["schema_version"] = 1;
    out["scenario"] = scenarioName;
    out["objective"] = std::string(models::searchObjectiveName(result.objective));
    out["gpu_counts"] = result.gpuCounts;
    out["evaluated"] = n.evaluated;
    out["feasible"] = n.feasible;
    out["pruned"] = n.pruned();
    out["seconds"] = result.seconds;
    out["threads"] = result.threads;
    out["total_layouts"] = n.total;
    out["cancelled"] = result.cancelled;
    out["pruned_detail"] = {{"memory", n.prunedMemory}, {"dominated", n.prunedDominated}};
    out["rejected"] = {{"memory", n.rejectedMemory()},
                       {"divisibility", n.rejectedDivisibility},
                       {"batch", n.rejectedBatch},
                       {"hardware", n.rejectedHardware}};
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const models::SearchCandidate &c : result.top)
        results.push_back(searchCandidateToJson(c));
    out["results"] = std::move(results);
    nlohmann::ordered_json pareto = nlohmann::ordered_json::array();
    for (const models::SearchCandidate &c : result.pareto)
        pareto.push_back(searchCandidateToJson(c));
    out["pareto"] = std::move(pareto);
    out["warnings"] = result.warnings;
    return out;
}

std::string renderSearchReport(const models::SearchResult &result,
                               const std::string &scenarioName) {
    const models::SearchCounts &n = result.counts;
    std::ostringstream out;
    std::string counts;
    for (const int gpus : result.gpuCounts)
        counts += (counts.empty() ? "" : ", ") + std::to_string(gpus);
    out << "Parallelism search: " << scenarioName << "\n";
    out << "GPUs " << counts << "; ranked by " << models::searchObjectiveName(result.objective)
        << (result.cancelled ? " (cancelled: partial result)" : "") << "\n";
    out << integer(n.total) << " layouts: " << integer(n.evaluated) << " evaluated ("
        << integer(n.feasible) << " fit), " << integer(n.pruned()) << " pruned by bounds ("
        << integer(n.prunedMemory) << " memory, " << integer(n.prunedDominated)
        << " dominated); rejected: " << integer(n.rejectedMemory()) << " memory, "
        << integer(n.rejectedDivisibility) << " divisibility, " << integer(n.rejectedBatch)
        << " batch, " << integer(n.rejectedHardware) << " TP beyond the NVLink domain\n";
    out << "Searched in " << formatDuration(result.seconds) << " on " << result.threads
        << (result.threads == 1 ? " thread" : " threads") << "\n";
    for (const std::string &warning : result.warnings)
        out << "warning: " << warning << "\n";
    out << "\n";
    if (result.top.empty()) {
        out << "No layout fits in memory.\n";
        return out.str();
    }
    out << "Best " << result.top.size() << " (step = one optimizer step; cost and energy for "
        << "the whole run):\n";
    out << candidateTable(result.top, true, result.objective);
    out << "\nPareto set (step time, cost, energy, GPUs; " << result.pareto.size()
        << (result.pareto.size() == 1 ? " layout" : " layouts") << "):\n";
    out << candidateTable(result.pareto, false, result.objective);
    return out.str();
}

} // namespace scalescope::app
