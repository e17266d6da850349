// renderCatalogSummary (declared in catalog_compare.h): one table per catalog kind.

#include "app/cli/text_table.h"
#include "app/data/catalog_compare.h"
#include "models/core/format.h"
#include "models/planner/planner_context.h"

namespace scalescope::app {

namespace {

using models::SystemKind;

std::string yearText(int year) {
    return year > 0 ? std::to_string(year) : "—";
}

std::string orDash(const std::string &text) {
    return text.empty() ? "—" : text;
}

std::string acceleratorTable(const models::Catalog &catalog) {
    TextTable table({"id", "year", "BF16 [TFLOP/s]", "FP8 [TFLOP/s]", "FP4 [TFLOP/s]", "usable HBM",
                     "HBM [TB/s]", "scale-up [GB/s]", "TDP [W]", "name"});
    table.setAlignment(9, TextTable::Align::Left);
    for (const auto &a : catalog.accelerators)
        table.addRow({a.id, yearText(a.launchYear), formatTableNumber(a.bf16FlopsPerSecond / 1e12),
                      formatTableNumber(a.fp8FlopsPerSecond / 1e12),
                      formatTableNumber(a.fp4FlopsPerSecond / 1e12),
                      models::usableMemoryText(models::usableMemoryBytes(a)),
                      formatTableNumber(a.hbmBytesPerSecond / 1e12),
                      formatTableNumber(a.scaleUpBytesPerSecondBidirectional / 1e9),
                      formatTableNumber(a.tdpWatts), a.name});
    return "Accelerators (" + std::to_string(catalog.accelerators.size()) +
           "; dense peaks, no 2:4 sparsity; scale-up both directions per GPU)\n" + table.render();
}

std::string cpuTable(const models::Catalog &catalog) {
    TextTable table(
        {"id", "year", "cores", "memory [GB/s]", "chip-to-chip [GB/s]", "TDP [W]", "name"});
    table.setAlignment(6, TextTable::Align::Left);
    for (const auto &c : catalog.cpus)
        table.addRow({c.id, yearText(c.year), formatTableNumber(c.cores),
                      formatTableNumber(c.memoryBytesPerSecond / 1e9),
                      formatTableNumber(c.chipToChipBytesPerSecondBidirectional / 1e9),
                      formatTableNumber(c.tdpWatts), c.name});
    return "CPUs (" + std::to_string(catalog.cpus.size()) + "; memory bandwidth per socket)\n" +
           table.render();
}

std::string systemTable(const models::Catalog &catalog) {
    TextTable table({"id", "kind", "GPU", "GPUs", "scale-up domain", "CPUs", "scale-out [Gb/s]",
                     "power [kW]", "name"});
    for (std::size_t column : {1, 2, 5, 8})
        table.setAlignment(column, TextTable::Align::Left);
    for (const auto &s : catalog.systems) {
        const bool pod = s.kind == SystemKind::Superpod;
        // CPU id, else the reference's model name when short ("Intel Xeon 6776P").
        const std::string model = !s.cpuId.empty()          ? s.cpuId
                                  : s.cpuModel.size() <= 20 ? s.cpuModel
                                                            : "model not fixed";
        const std::string cpus = s.cpuCount > 0 ? std::to_string(s.cpuCount) + "× " + model : "—";
        table.addRow({s.id, models::systemKindName(s.kind), orDash(s.gpuId),
                      formatTableNumber(pod ? s.suGpus : s.gpuCount),
                      formatTableNumber(s.nvlinkDomainGpus), cpus,
                      formatTableNumber(s.nicsPerGpu * s.nicBitsPerSecond / 1e9),
                      formatTableNumber((pod ? s.powerPerSuWatts : s.powerWatts) / 1e3), s.name});
    }
    return "Systems (" + std::to_string(catalog.systems.size()) +
           "; SuperPODs: GPUs and power per scalable unit; scale-out per GPU, each way)\n" +
           table.render();
}

std::string interconnectTable(const models::Catalog &catalog) {
    TextTable table(
        {"id", "category", "per device [GB/s]", "port [Gb/s]", "ports", "NCCL achievable", "name"});
    for (std::size_t column : {1, 6})
        table.setAlignment(column, TextTable::Align::Left);
    for (const auto &c : catalog.interconnects) {
        std::string fraction = "—";
        if (c.achievableFraction > 0.0) {
            fraction = models::formatPercent(c.achievableFraction, 2);
            if (c.achievableFractionHigh > c.achievableFraction)
                fraction += "–" + models::formatPercent(c.achievableFractionHigh, 2);
        }
        table.addRow({c.id, c.category,
                      formatTableNumber(c.perDeviceBytesPerSecondBidirectional / 1e9),
                      formatTableNumber(c.portBitsPerSecond / 1e9),
                      formatTableNumber(c.switchPorts), fraction, c.name});
    }
    return "Interconnects (" + std::to_string(catalog.interconnects.size()) +
           "; per device both directions, ports each way; NCCL busbw / peak each way)\n" +
           table.render();
}

} // namespace

std::string renderCatalogSummary(const models::Catalog &catalog) {
    std::string out = acceleratorTable(catalog);
    for (const std::string &table :
         {cpuTable(catalog), systemTable(catalog), interconnectTable(catalog)}) {
        out += "\n";
        out += table;
    }
    out += "\n\"—\" = not published or not applicable. Every field and source: scalescope "
           "catalog --json; side by side: scalescope catalog --compare ID ID ...\n";
    return out;
}

} // namespace scalescope::app
