#pragma once

// A stand-in planner for GUI tests that must not depend on the real planner's numbers: simple
// formulas the tests can check by hand.
//   P              = 12 L h²                       (dense block parameters)
//   weights / GPU  = 2 B · P / (TP · PP)           (bf16)
//   gradients      = 2 B · P / (TP · PP)
//   optimizer      = 12 B · P / (TP · PP · DP)     (ZeRO-1)
//   step time      = 6 P · batch tokens / (GPUs · 400 TFLOP/s)
//   training time  = total tokens / batch tokens · step time
// TP must divide the heads (the error the real planner names for the same case).

#include "models/core/input_error.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_result.h"

namespace scalescope::testing {

inline models::ScenarioResult toyEvaluate(const models::Scenario &scenario) {
    const auto &p = scenario.parallelism;
    if (p.tp <= 0 || scenario.model.heads % p.tp != 0)
        throw models::InputError("", "/parallelism/tp", "TP does not divide the heads");
    models::ScenarioResult r;
    r.valid = true;
    r.name = scenario.name;
    r.parameters = 12.0 * scenario.model.layers * double(scenario.model.hidden) *
                   double(scenario.model.hidden);
    r.memory.weightsBytes = 2.0 * r.parameters / (p.tp * p.pp);
    r.memory.gradientsBytes = 2.0 * r.parameters / (p.tp * p.pp);
    r.memory.optimizerBytes = 12.0 * r.parameters / (p.tp * p.pp * p.dp);
    r.memory.activationsBytes = 4.0e9;
    r.memory.otherBytes = 2.0e9;
    for (int stage = 0; stage < p.pp; ++stage)
        r.stageMemory.push_back(r.memory);
    r.hbmBytes = 80.0e9;
    r.fitsInMemory = r.memory.totalBytes() <= r.hbmBytes;
    const int gpus = scenario.hardware.numGpus;
    r.step.computeSeconds =
        6.0 * r.parameters * scenario.training.globalBatchTokens / (gpus * 400.0e12);
    r.step.bubbleSeconds = r.step.computeSeconds * (p.pp - 1) / 8.0;
    r.step.timeSeconds = r.step.computeSeconds + r.step.bubbleSeconds;
    r.mfu = 0.4 * r.step.computeSeconds / r.step.timeSeconds;
    r.trainingSeconds =
        scenario.training.totalTokens / scenario.training.globalBatchTokens * r.step.timeSeconds;
    r.gpuHours = gpus * r.trainingSeconds / 3600.0;
    r.costUsd = r.gpuHours * scenario.economics.usdPerGpuHour;
    r.energyJoules = gpus * 700.0 * r.trainingSeconds * scenario.economics.pue;
    r.explanations["memory.weights"] = {"weights = 2 B x P / (tp x pp)", "P = 12 L h^2", "toy"};
    return r;
}

/// `count` scenarios: 32 layers × 4096 hidden, 32 heads, 64 GPUs = TP 8 · PP 4 · DP 2.
inline models::Workspace toyWorkspace(int count) {
    models::Workspace workspace;
    for (int i = 0; i < count; ++i) {
        models::Scenario s;
        s.name = "Scenario " + std::to_string(i + 1);
        s.model.layers = 32 + 8 * i;
        s.model.hidden = 4096;
        s.model.heads = 32;
        s.model.kvHeads = 8;
        s.hardware.numGpus = 64;
        s.parallelism = {.tp = 8, .pp = 4, .dp = 2};
        s.training.totalTokens = 1e12;
        workspace.scenarios.push_back(s);
    }
    return workspace;
}

} // namespace scalescope::testing
