#include "app/data/catalog_compare.h"

#include "app/cli/text_table.h"
#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/planner/planner_context.h"

#include <algorithm>
#include <functional>

namespace scalescope::app {

namespace {

using models::AcceleratorSpec;
using models::Catalog;
using models::SystemKind;
using models::SystemSpec;

/// One row of a comparison: a number in the row's unit (0 = not published) or a text cell.
template <typename Spec> struct Row {
    std::string label;
    std::function<double(const Spec &)> number;
    /// Text cell; for number rows, what to print when the number is 0 (default "—").
    std::function<std::string(const Spec &)> text;
    bool ratio = true; ///< ratio column against the first entry
    /// Number cell text; empty: formatTableNumber in the row's unit.
    std::function<std::string(double)> format = {};
};

template <typename Spec>
std::string renderRows(const std::vector<const Spec *> &items, const std::vector<Row<Spec>> &rows) {
    std::vector<std::string> header{""};
    for (const Spec *item : items)
        header.push_back(item->id);
    for (std::size_t i = 1; i < items.size(); ++i)
        header.push_back(items[i]->id + " / " + items[0]->id);
    TextTable table(header);
    for (const auto &row : rows) {
        std::vector<std::string> cells{row.label};
        for (const Spec *item : items) {
            if (!row.number) {
                cells.push_back(row.text(*item));
                continue;
            }
            const double value = row.number(*item);
            cells.push_back(value == 0.0 && row.text ? row.text(*item)
                            : row.format             ? row.format(value)
                                                     : formatTableNumber(value));
        }
        for (std::size_t i = 1; i < items.size(); ++i) {
            const double base = row.number ? row.number(*items[0]) : 0.0;
            const double other = row.number ? row.number(*items[i]) : 0.0;
            cells.push_back(
                row.ratio && base > 0.0 && other > 0.0 ? models::formatRatio(other / base) : "");
        }
        table.addRow(cells);
    }
    return table.render();
}

template <typename Spec> std::string sourcesOf(const std::vector<const Spec *> &items) {
    std::size_t width = 0;
    for (const Spec *item : items)
        width = std::max(width, item->id.size());
    std::string out = "Sources:\n";
    for (const Spec *item : items)
        out += "  " + item->id + std::string(width - item->id.size() + 2, ' ') + item->sourceUrl +
               "\n";
    return out;
}

std::string yearText(int year) {
    return year > 0 ? std::to_string(year) : "—";
}

bool unsupported(const AcceleratorSpec &a, const std::string &token) {
    return std::find(a.unsupportedPrecisions.begin(), a.unsupportedPrecisions.end(), token) !=
           a.unsupportedPrecisions.end();
}

/// A dense-peak row [TFLOP/s]; prints "unsupported" when the datasheet lists `token` as such.
Row<AcceleratorSpec> peakRow(const std::string &label, double AcceleratorSpec::*field,
                             const std::string &token) {
    return {label, [field](const AcceleratorSpec &a) { return a.*field / 1e12; },
            [token](const AcceleratorSpec &a) {
                return unsupported(a, token) ? std::string("unsupported") : std::string("—");
            }};
}

std::string compareAccelerators(const std::vector<const AcceleratorSpec *> &items) {
    std::string out = "Accelerators: dense peaks (no 2:4 sparsity)";
    out += items.size() > 1 ? ", ratios against " + items[0]->id + "\n" : "\n";
    std::size_t width = 0;
    for (const auto *a : items)
        width = std::max(width, a->id.size());
    for (const auto *a : items)
        out += "  " + a->id + std::string(width - a->id.size() + 2, ' ') + a->name + " — " +
               a->vendor + ", " + a->architecture +
               (a->launchYear > 0 ? ", " + std::to_string(a->launchYear) : "") + "\n";
    out += "\n";

    using A = AcceleratorSpec;
    const std::vector<Row<A>> rows = {
        peakRow("Dense FP64 [TFLOP/s]", &A::fp64FlopsPerSecond, "FP64"),
        peakRow("Dense FP64 tensor [TFLOP/s]", &A::fp64TensorFlopsPerSecond, "FP64-tensor"),
        peakRow("Dense FP32 [TFLOP/s]", &A::fp32FlopsPerSecond, "FP32"),
        peakRow("Dense TF32 [TFLOP/s]", &A::tf32FlopsPerSecond, "TF32"),
        peakRow("Dense BF16/FP16 [TFLOP/s]", &A::bf16FlopsPerSecond, "BF16"),
        peakRow("Dense FP8 [TFLOP/s]", &A::fp8FlopsPerSecond, "FP8"),
        peakRow("Dense FP6 [TFLOP/s]", &A::fp6FlopsPerSecond, "FP6"),
        peakRow("Dense FP4 [TFLOP/s]", &A::fp4FlopsPerSecond, "FP4"),
        peakRow("Dense INT8 [TOP/s]", &A::int8OpsPerSecond, "INT8"),
        {"Datasheet headline is sparse", nullptr,
         [](const A &a) { return std::string(a.datasheetQuotesSparse ? "yes" : "no"); }, false},
        // The planner's reading of the datasheet's "GB" (models/planner/planner_context.h).
        {"Usable HBM", [](const A &a) { return models::usableMemoryBytes(a); }, nullptr, true,
         models::usableMemoryText},
        {"HBM bandwidth [TB/s]", [](const A &a) { return a.hbmBytesPerSecond / 1e12; }, nullptr},
        {"L2 cache [MB]", [](const A &a) { return a.l2Bytes / 1e6; }, nullptr},
        {"Scale-up bandwidth [GB/s, both ways]",
         [](const A &a) { return a.scaleUpBytesPerSecondBidirectional / 1e9; }, nullptr},
        {"Scale-up link", nullptr,
         [](const A &a) { return a.scaleUpInterconnectId.empty() ? "—" : a.scaleUpInterconnectId; },
         false},
        {"Scale-up domain [GPUs]", [](const A &a) { return double(a.maxScaleUpDomain); }, nullptr},
        {"TDP [W]", [](const A &a) { return a.tdpWatts; }, nullptr},
        // Energy view: dense BF16 per watt of TDP = bf16 FLOP/s / W, shown in GFLOP/s per W.
        {"Dense BF16 per TDP watt [GFLOP/s/W]",
         [](const A &a) { return a.tdpWatts > 0 ? a.bf16FlopsPerSecond / a.tdpWatts / 1e9 : 0; },
         nullptr},
        {"Transistors [billion]", [](const A &a) { return a.transistorsBillion; }, nullptr},
        {"Launch year", nullptr, [](const A &a) { return yearText(a.launchYear); }, false},
    };
    out += renderRows(items, rows);
    out += "\n";
    out += sourcesOf(items);
    return out;
}

/// The rows of the systems table; `catalog` resolves each system's GPU and links.
std::vector<Row<SystemSpec>> systemRows(const Catalog &catalog) {
    using S = SystemSpec;
    const auto gpuOf = [&catalog](const S &s) { return catalog.findAccelerator(s.gpuId); };
    // GPUs of one instance; a SuperPOD counts one scalable unit.
    const auto gpus = [](const S &s) {
        return double(s.kind == SystemKind::Superpod ? s.suGpus : s.gpuCount);
    };
    // Sum over the GPUs: GPUs x per-GPU value (0 when the GPU or value is unknown).
    const auto total = [gpuOf, gpus](double AcceleratorSpec::*field, double unit) {
        return [gpuOf, gpus, field, unit](const S &s) {
            const auto *gpu = gpuOf(s);
            return gpu ? gpus(s) * (gpu->*field) / unit : 0.0;
        };
    };
    const auto textOr = [](const std::string &text) { return text.empty() ? "—" : text; };
    return {
        {"Kind", nullptr, [](const S &s) { return models::systemKindName(s.kind); }, false},
        {"GPU", nullptr, [textOr](const S &s) { return textOr(s.gpuId); }, false},
        {"GPUs (SuperPOD: per SU)", gpus, nullptr},
        {"GPUs per node or tray", [](const S &s) { return double(s.gpusPerNode); }, nullptr},
        {"Nodes or trays per rack", [](const S &s) { return double(s.nodesPerRack); }, nullptr},
        {"CPUs", nullptr,
         [](const S &s) {
             if (s.cpuCount == 0)
                 return std::string("—");
             return std::to_string(s.cpuCount) + "× " + (s.cpuId.empty() ? s.cpuModel : s.cpuId);
         },
         false},
        {"Scale-up domain [GPUs]", [](const S &s) { return double(s.nvlinkDomainGpus); }, nullptr},
        {"NVSwitch chips", [](const S &s) { return double(s.nvswitchChips); }, nullptr},
        {"Dense BF16, all GPUs [PFLOP/s]", total(&AcceleratorSpec::bf16FlopsPerSecond, 1e15),
         nullptr},
        {"Dense FP8, all GPUs [PFLOP/s]", total(&AcceleratorSpec::fp8FlopsPerSecond, 1e15),
         nullptr},
        {"Dense FP4, all GPUs [PFLOP/s]", total(&AcceleratorSpec::fp4FlopsPerSecond, 1e15),
         nullptr},
        {"GPU memory, all GPUs [TB]",
         [total](const S &s) {
             return s.gpuMemoryTotalBytes > 0 ? s.gpuMemoryTotalBytes / 1e12
                                              : total(&AcceleratorSpec::hbmBytes, 1e12)(s);
         },
         nullptr},
        {"GPU memory bandwidth, all GPUs [TB/s]",
         [total](const S &s) {
             return s.gpuMemoryTotalBytesPerSecond > 0
                        ? s.gpuMemoryTotalBytesPerSecond / 1e12
                        : total(&AcceleratorSpec::hbmBytesPerSecond, 1e12)(s);
         },
         nullptr},
        {"Scale-up per GPU [GB/s, both ways]",
         [gpuOf](const S &s) {
             const auto *gpu = gpuOf(s);
             return gpu ? gpu->scaleUpBytesPerSecondBidirectional / 1e9 : 0.0;
         },
         nullptr},
        {"Scale-up link", nullptr, [textOr](const S &s) { return textOr(s.scaleUpInterconnectId); },
         false},
        {"NCCL achievable on scale-up link", nullptr,
         [&catalog](const S &s) {
             const auto *link = catalog.findInterconnect(s.scaleUpInterconnectId);
             return link && link->achievableFraction > 0
                        ? models::formatPercent(link->achievableFraction, 2)
                        : std::string("—");
         },
         false},
        {"Scale-out per GPU [Gb/s, each way]",
         [](const S &s) { return s.nicsPerGpu * s.nicBitsPerSecond / 1e9; }, nullptr},
        {"Scale-out link", nullptr,
         [textOr](const S &s) { return textOr(s.scaleOutInterconnectId); }, false},
        {"System memory [GB]", [](const S &s) { return s.systemMemoryBytes / 1e9; }, nullptr},
        {"Power [kW] (SuperPOD: per SU)",
         [](const S &s) {
             return (s.kind == SystemKind::Superpod ? s.powerPerSuWatts : s.powerWatts) / 1e3;
         },
         nullptr},
        {"Height [RU]", [](const S &s) { return double(s.rackUnits); }, nullptr, false},
        {"Year", nullptr, [](const S &s) { return yearText(s.year); }, false},
    };
}

/// The extra rows shown when a SuperPOD is among the systems.
std::vector<Row<SystemSpec>> superpodRows() {
    using S = SystemSpec;
    const auto textOr = [](const std::string &text) { return text.empty() ? "—" : text; };
    return {
        {"SuperPOD: nodes per SU", [](const S &s) { return double(s.suNodes); }, nullptr},
        {"SuperPOD: node system", nullptr, [textOr](const S &s) { return textOr(s.nodeSystemId); },
         false},
        {"SuperPOD: fabric tiers", [](const S &s) { return double(s.fabricTiers); }, nullptr,
         false},
        {"SuperPOD: switch ports", [](const S &s) { return double(s.switchRadix); }, nullptr},
        {"SuperPOD: largest documented [GPUs]",
         [](const S &s) {
             return double(s.maxGpus > 0 ? s.maxGpus : (s.sizes.empty() ? 0 : s.sizes.back().gpus));
         },
         nullptr},
    };
}

std::string compareSystems(const Catalog &catalog, const std::vector<const SystemSpec *> &items) {
    std::string out = "Systems";
    out += items.size() > 1 ? ", ratios against " + items[0]->id + "\n" : "\n";
    std::size_t width = 0;
    for (const auto *s : items)
        width = std::max(width, s->id.size());
    for (const auto *s : items)
        out += "  " + s->id + std::string(width - s->id.size() + 2, ' ') + s->name + " — " +
               s->vendor + (s->year > 0 ? ", " + std::to_string(s->year) : "") + "\n";
    out += "\n";

    std::vector<Row<SystemSpec>> rows = systemRows(catalog);
    const bool anyPod = std::any_of(items.begin(), items.end(), [](const SystemSpec *s) {
        return s->kind == SystemKind::Superpod;
    });
    if (anyPod) {
        const std::vector<Row<SystemSpec>> podRows = superpodRows();
        rows.insert(rows.begin() + 3, podRows.begin(), podRows.end());
    }
    out += renderRows(items, rows);
    out += "\n";
    out += sourcesOf(items);
    return out;
}

[[noreturn]] void fail(const std::string &reason) {
    throw models::InputError("command line", "--compare", reason);
}

} // namespace

std::string renderCatalogComparison(const Catalog &catalog, const std::vector<std::string> &ids) {
    if (ids.empty())
        fail("needs at least one catalog id");
    std::vector<const AcceleratorSpec *> accelerators;
    std::vector<const SystemSpec *> systems;
    for (const auto &id : ids) {
        if (const auto *a = catalog.findAccelerator(id))
            accelerators.push_back(a);
        else if (const auto *s = catalog.findSystem(id))
            systems.push_back(s);
        else if (catalog.findCpu(id) || catalog.findInterconnect(id))
            fail("\"" + id + "\" is a CPU or interconnect; compare accelerators or systems");
        else
            fail("unknown catalog id \"" + id + "\" (see scalescope catalog)");
    }
    if (!accelerators.empty() && !systems.empty())
        fail("compare accelerators with accelerators or systems with systems, not both");
    return accelerators.empty() ? compareSystems(catalog, systems)
                                : compareAccelerators(accelerators);
}

std::vector<std::string> workspaceAcceleratorIds(const Catalog &catalog,
                                                 const models::Workspace &workspace) {
    std::vector<std::string> ids;
    for (const auto &scenario : workspace.scenarios) {
        std::string id = scenario.hardware.gpuId;
        if (id.empty())
            if (const auto *system = catalog.findSystem(scenario.hardware.systemId))
                id = system->gpuId;
        if (!id.empty() && catalog.findAccelerator(id) &&
            std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    }
    return ids;
}

std::string renderWorkspaceHardwareComparison(const Catalog &catalog,
                                              const models::Workspace &workspace) {
    const auto accelerators = workspaceAcceleratorIds(catalog, workspace);
    if (accelerators.empty())
        return "The workspace names no accelerator from the catalog.\n";
    std::string out = renderCatalogComparison(catalog, accelerators);
    std::vector<std::string> systems;
    for (const auto &scenario : workspace.scenarios) {
        const std::string &id = scenario.hardware.systemId;
        if (catalog.findSystem(id) &&
            std::find(systems.begin(), systems.end(), id) == systems.end())
            systems.push_back(id);
    }
    if (systems.size() >= 2) {
        out += "\n";
        out += renderCatalogComparison(catalog, systems);
    }
    return out;
}

} // namespace scalescope::app
