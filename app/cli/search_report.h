#pragma once

// Renders a parallelism search result (models/search/parallel_search.h) as the `search --json`
// document of docs/file-formats.md ("JSON outputs") and as human-readable tables.

#include "models/search/parallel_search.h"

#include <nlohmann/json.hpp>

#include <string>

namespace scalescope::app {

/// One ranked layout: parallelism, step_time_s, mfu, memory_per_gpu_bytes, cost_usd, plus the
/// memory and step breakdowns, throughput and whole-run figures (SI units, seconds, bytes,
/// joules, US dollars).
[[nodiscard]] nlohmann::ordered_json searchCandidateToJson(const models::SearchCandidate &c);

/// The whole document: schema_version 1, scenario, objective, gpu_counts, evaluated, feasible,
/// pruned, seconds, threads, total_layouts, cancelled, pruned_detail {memory, dominated},
/// rejected {memory, divisibility, batch, hardware}, results, pareto, warnings.
[[nodiscard]] nlohmann::ordered_json searchResultToJson(const models::SearchResult &result,
                                                        const std::string &scenarioName);

/// A summary paragraph, the ranking table and the Pareto table.
[[nodiscard]] std::string renderSearchReport(const models::SearchResult &result,
                                             const std::string &scenarioName);

} // namespace scalescope::app
