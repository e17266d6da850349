#include "app/cli/plan_report.h"

#include "app/cli/text_table.h"
#include "models/core/format.h"

#include <cmath>

namespace scalescope::app {

namespace {

constexpr double secondsPerDay = 86400.0;

std::string share(double part, double whole) {
    return whole > 0.0 ? models::formatPercent(part / whole) : std::string("—");
}

} // namespace

nlohmann::ordered_json planResultJson(const models::ScenarioResult &r) {
    nlohmann::ordered_json out;
    out["name"] = r.name;
    out["valid"] = r.valid;
    if (!r.valid) {
        out["error_field"] = r.errorField;
        out["error"] = r.error;
        return out;
    }
    out["model"] = {{"parameters", r.parameters},
                    {"active_parameters", r.activeParameters},
                    {"flops_per_token", r.modelFlopsPerToken},
                    {"hardware_flops_per_token", r.hardwareFlopsPerToken}};
    out["fits_in_memory"] = r.fitsInMemory;
    const auto memory = [](const models::MemoryBreakdown &m) {
        return nlohmann::ordered_json{
            {"weights", m.weightsBytes},     {"gradients", m.gradientsBytes},
            {"optimizer", m.optimizerBytes}, {"activations", m.activationsBytes},
            {"kv_cache", m.kvCacheBytes},    {"other", m.otherBytes},
            {"total", m.totalBytes()}};
    };
    out["memory_per_gpu_bytes"] = memory(r.memory);
    out["most_loaded_stage"] = r.mostLoadedStage;
    nlohmann::ordered_json stages = nlohmann::ordered_json::array();
    for (const auto &stage : r.stageMemory)
        stages.push_back(memory(stage));
    out["stage_memory_bytes"] = stages;
    out["hbm_bytes"] = r.hbmBytes;
    const models::StepBreakdown &s = r.step;
    out["step"] = {{"time_s", s.timeSeconds},
                   {"compute_s", s.computeSeconds},
                   {"exposed_comm_s", s.exposedCommSeconds()},
                   {"tp_comm_s", s.tpCommSeconds},
                   {"cp_comm_s", s.cpCommSeconds},
                   {"ep_comm_s", s.epCommSeconds},
                   {"dp_comm_s", s.dpCommSeconds},
                   {"pp_comm_s", s.ppCommSeconds},
                   {"bubble_s", s.bubbleSeconds},
                   {"optimizer_s", s.optimizerSeconds},
                   {"micro_batches", r.microBatches},
                   {"bottleneck_stage", r.bottleneckStage},
                   {"rank_order", r.rankOrder}};
    out["throughput"] = {{"tokens_per_s", r.tokensPerSecond},
                         {"tokens_per_s_per_gpu", r.tokensPerSecondPerGpu},
                         {"model_tflops_per_gpu", r.modelFlopsPerSecondPerGpu * 1e-12},
                         {"hardware_tflops_per_gpu", r.hardwareFlopsPerSecondPerGpu * 1e-12},
                         {"mfu", r.mfu},
                         {"hfu", r.hfu},
                         {"mfu_basis", r.mfuBasis}};
    out["training"] = {{"days", r.trainingSeconds / secondsPerDay},
                       {"gpu_hours", r.gpuHours},
                       {"energy_mwh", r.energyJoules / 3.6e9},
                       {"cost_usd", r.costUsd},
                       {"average_power_w_per_gpu", r.averagePowerWattsPerGpu}};
    if (r.scaling)
        out["scaling"] = {{"compute_budget_flop", r.scaling->computeBudgetFlop},
                          {"optimal_parameters", r.scaling->optimalParameters},
                          {"optimal_tokens", r.scaling->optimalTokens},
                          {"predicted_loss", r.scaling->predictedLoss},
                          {"optimal_loss", r.scaling->optimalLoss},
                          {"doubled_cluster_loss", r.scaling->doubledClusterLoss},
                          {"law", r.scaling->law}};
    nlohmann::ordered_json explanations = nlohmann::ordered_json::object();
    for (const auto &[key, explanation] : r.explanations)
        explanations[key] = {{"formula", explanation.formula},
                             {"inputs", explanation.inputs},
                             {"sources", explanation.sources}};
    out["explanations"] = explanations;
    out["warnings"] = r.warnings;
    return out;
}

std::string renderPlanText(const models::ScenarioResult &r) {
    using models::formatBytesBinary;
    using models::formatDuration;
    std::string text = r.name + "\n";
    if (!r.valid)
        return text + "  invalid: " + r.error + "\n";
    text += "  " + models::formatCount(r.parameters) + " parameters (" +
            models::formatCount(r.activeParameters) + " active), " +
            models::formatScientific(r.modelFlopsPerToken, "FLOP") + " per token\n\n";

    const double total = r.memory.totalBytes();
    TextTable memory(
        {"Memory per GPU (stage " + std::to_string(r.mostLoadedStage) + ")", "size", "share"});
    memory.addRow(
        {"weights", formatBytesBinary(r.memory.weightsBytes), share(r.memory.weightsBytes, total)});
    memory.addRow({"gradients", formatBytesBinary(r.memory.gradientsBytes),
                   share(r.memory.gradientsBytes, total)});
    memory.addRow({"optimizer states", formatBytesBinary(r.memory.optimizerBytes),
                   share(r.memory.optimizerBytes, total)});
    memory.addRow({"activations", formatBytesBinary(r.memory.activationsBytes),
                   share(r.memory.activationsBytes, total)});
    memory.addRow({"framework overhead", formatBytesBinary(r.memory.otherBytes),
                   share(r.memory.otherBytes, total)});
    memory.addRow({"total", formatBytesBinary(total), share(total, r.hbmBytes) + " of HBM"});
    text += memory.render();
    text += r.fitsInMemory ? "  fits in " + formatBytesBinary(r.hbmBytes) + " of HBM\n\n"
                           : "  DOES NOT FIT in " + formatBytesBinary(r.hbmBytes) + " of HBM\n\n";

    const models::StepBreakdown &s = r.step;
    TextTable step(
        {"Step (" + std::to_string(r.microBatches) + " micro-batches)", "time", "share"});
    const auto row = [&](const char *label, double seconds) {
        step.addRow({label, formatDuration(seconds), share(seconds, s.timeSeconds)});
    };
    row("compute", s.computeSeconds);
    row("tensor-parallel comm", s.tpCommSeconds);
    row("context-parallel comm", s.cpCommSeconds);
    row("expert-parallel comm", s.epCommSeconds);
    row("data-parallel comm (exposed)", s.dpCommSeconds);
    row("pipeline p2p", s.ppCommSeconds);
    row("pipeline bubble", s.bubbleSeconds);
    row("optimizer step", s.optimizerSeconds);
    row("total", s.timeSeconds);
    text += step.render() + "\n";

    TextTable run({"Throughput and run", "value"});
    run.addRow({"tokens/s", models::formatSi(r.tokensPerSecond, "tokens/s")});
    run.addRow({"tokens/s per GPU", models::formatSignificant(r.tokensPerSecondPerGpu)});
    run.addRow({"model FLOP/s per GPU", models::formatSi(r.modelFlopsPerSecondPerGpu, "FLOP/s")});
    run.addRow({"MFU", models::formatPercent(r.mfu) + " of " + r.mfuBasis});
    run.addRow({"HFU", models::formatPercent(r.hfu)});
    run.addRow({"time to train", formatDuration(r.trainingSeconds)});
    run.addRow({"GPU-hours", models::formatCount(r.gpuHours)});
    run.addRow({"energy (with PUE)", models::formatSi(r.energyJoules / 3600.0, "Wh")});
    run.addRow({"cost", models::formatUsd(r.costUsd)});
    text += run.render();
    if (r.scaling) {
        const auto &sc = *r.scaling;
        TextTable scaling({"Scaling law (" + sc.law + ")", "value"});
        scaling.addRow({"compute budget", models::formatScientific(sc.computeBudgetFlop, "FLOP")});
        scaling.addRow(
            {"compute-optimal N, D", models::formatCount(sc.optimalParameters) + " params, " +
                                         models::formatCount(sc.optimalTokens) + " tokens"});
        scaling.addRow({"loss at the optimum", models::formatSignificant(sc.optimalLoss, 4)});
        scaling.addRow(
            {"loss of this model and data", models::formatSignificant(sc.predictedLoss, 4)});
        scaling.addRow({"optimum with 2x the cluster",
                        models::formatSignificant(sc.doubledClusterLoss, 4) + " (" +
                            models::formatSignificant(sc.doubledClusterLoss - sc.optimalLoss, 3) +
                            ")"});
        text += "\n" + scaling.render();
    }
    for (const auto &warning : r.warnings)
        text += "  warning: " + warning + "\n";
    return text;
}

} // namespace scalescope::app
