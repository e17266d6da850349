#pragma once

// Inputs and measures shared by the parallelism-search tests: the shipped catalog and presets,
// scenarios built from them, a model small enough to count its space by hand, and the size of
// the search space and of its largest group counted straight from enumerateOuterLayouts.

#include "models/catalog/catalog_loader.h"
#include "models/planner/planner.h"
#include "models/scenario/model_presets.h"
#include "models/search/parallel_search.h"
#include "models/search/search_worker.h"

#include <QtGlobal>

#include <algorithm>
#include <string>
#include <vector>

namespace scalescope::testing {

using namespace scalescope::models;

inline const std::string kDataDir = SCALESCOPE_SOURCE_DATA_DIR;

inline const Catalog &catalog() {
    static const Catalog shipped = loadCatalog({kDataDir + "/catalog"});
    return shipped;
}

inline const ModelPresets &presets() {
    static const ModelPresets shipped = loadModelPresets({kDataDir + "/models"});
    return shipped;
}

inline Scenario scenarioFor(const ModelShape &model, const std::string &system, int gpus,
                            double batchSequences) {
    Scenario scenario;
    scenario.name = model.id;
    scenario.model = model;
    scenario.hardware.systemId = system;
    scenario.hardware.numGpus = gpus;
    scenario.training.globalBatchTokens = batchSequences * model.seqLen;
    return scenario;
}

inline Scenario presetScenario(const std::string &preset, const std::string &system, int gpus,
                               double batchSequences) {
    const ModelShape *model = presets().find(preset);
    if (model == nullptr)
        qFatal("unknown preset %s", preset.c_str());
    return scenarioFor(*model, system, gpus, batchSequences);
}

/// 6 layers, 6 heads of 64, FFN 1536: small enough to count its space by hand.
inline ModelShape tinyModel() {
    ModelShape m;
    m.id = "tiny";
    m.name = "tiny";
    m.layers = 6;
    m.hidden = 384;
    m.heads = 6;
    m.kvHeads = 6;
    m.ffn = 1536;
    m.vocab = 1000;
    m.seqLen = 128;
    return m;
}

inline SearchOptions optionsWith(bool prune, SearchObjective objective = SearchObjective::Time,
                                 std::vector<int> gpus = {}) {
    SearchOptions options;
    options.prune = prune;
    options.objective = objective;
    options.gpuCounts = std::move(gpus);
    return options;
}

inline PlannerContext contextFor(const Scenario &scenario, int gpus) {
    HardwareContext hardware;
    std::string field, reason;
    if (!resolveHardware(scenario.hardware, catalog(), Precision::Bf16, hardware, field, reason))
        qFatal("%s: %s", field.c_str(), reason.c_str());
    return makePlannerContext(scenario.model, scenario.training, scenario.economics, gpus, hardware,
                              *findOptimizerRecipe("megatron"), {});
}

/// Layouts of the space for `gpus` GPUs: every class, or only the searchable subspaces (the
/// others are accounted for before the workers start).
inline long long spaceSize(const Scenario &scenario, int gpus, bool searchableOnly) {
    long long size = 0;
    for (const OuterLayout &outer :
         enumerateOuterLayouts(contextFor(scenario, gpus), scenario.model, 0, {}))
        if (!searchableOnly || outer.kind == OuterClass::Searchable)
            size += outer.size();
    return size;
}

/// Layouts of the largest (recompute, sequence parallelism) group of a searchable outer layout.
inline long long largestGroup(const Scenario &scenario, int gpus) {
    long long largest = 0;
    for (const OuterLayout &outer :
         enumerateOuterLayouts(contextFor(scenario, gpus), scenario.model, 0, {}))
        if (outer.kind == OuterClass::Searchable)
            largest = std::max(largest, static_cast<long long>(outer.vpps.size()) *
                                            static_cast<long long>(outer.microBatch.size()) *
                                            outer.zeroStages);
    return largest;
}

} // namespace scalescope::testing
