#include "models/catalog/catalog_loader.h"

#include "models/catalog/catalog_entry_parser.h"
#include "models/core/input_error.h"
#include "models/core/json_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace scalescope::models {

namespace {

namespace fs = std::filesystem;

/// Where an entry was defined, for errors raised after merging.
struct Origin {
    std::string file;
    std::string pointer; ///< "/items/3"
};

/// The entries of one kind, in catalog order, with their raw JSON and origin.
template <typename Spec> struct Table {
    std::vector<Spec> specs;
    std::vector<nlohmann::json> raw;
    std::vector<Origin> origins;
    std::map<std::string, std::size_t> index;

    void put(Spec spec, const nlohmann::json &json, Origin origin) {
        const auto found = index.find(spec.id);
        if (found == index.end()) {
            index.emplace(spec.id, specs.size());
            specs.push_back(std::move(spec));
            raw.push_back(json);
            origins.push_back(std::move(origin));
        } else {
            specs[found->second] = std::move(spec);
            raw[found->second] = json;
            origins[found->second] = std::move(origin);
        }
    }
    [[nodiscard]] bool contains(const std::string &id) const { return index.count(id) > 0; }
    [[nodiscard]] const Spec *find(const std::string &id) const {
        const auto found = index.find(id);
        return found == index.end() ? nullptr : &specs[found->second];
    }
};

struct Tables {
    Table<AcceleratorSpec> accelerators;
    Table<CpuSpec> cpus;
    Table<SystemSpec> systems;
    Table<InterconnectSpec> interconnects;
};

const std::vector<std::string> kKinds = {"accelerators", "cpus", "systems", "interconnects"};

std::vector<std::string> jsonFilesIn(const std::string &directory) {
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw InputError(directory, "", "catalog directory does not exist");
    std::vector<std::string> files;
    for (const auto &entry : fs::directory_iterator(directory, error)) {
        if (entry.is_regular_file(error) && entry.path().extension() == ".json")
            files.push_back(entry.path().string());
    }
    if (error)
        throw InputError(directory, "", "cannot list directory: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

/// Ids seen so far in the current directory, per kind: id -> origin of its first definition.
using SeenIds = std::map<std::string, std::map<std::string, Origin>>;

void loadFile(const std::string &file, Tables &tables, SeenIds &seen) {
    const nlohmann::json document = readJsonFile(file);
    const JsonObject root = documentRoot(document, file, "");
    root.rejectUnknownFields({"schema_version", "kind", "items"},
                             "expected schema_version, kind, items");
    const std::string kind = root.requiredString("kind");
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
        root.fail("kind", "unknown kind \"" + kind +
                              "\" (expected one of: accelerators, cpus, systems, interconnects)");
    const auto items = root.objectArray("items");
    auto &seenOfKind = seen[kind];
    for (std::size_t i = 0; i < items.size(); ++i) {
        const JsonObject &item = items[i];
        const std::string id = parseCatalogId(item);
        const auto previous = seenOfKind.find(id);
        if (previous != seenOfKind.end()) {
            const Origin &first = previous->second;
            const std::string where =
                first.file == file ? "at " + first.pointer : "in " + first.file;
            item.fail("id", "duplicate id \"" + id + "\" (also defined " + where + ")");
        }
        Origin origin{file, item.pointer()};
        seenOfKind.emplace(id, origin);
        if (kind == "accelerators")
            tables.accelerators.put(parseAccelerator(item), item.json(), origin);
        else if (kind == "cpus")
            tables.cpus.put(parseCpu(item), item.json(), origin);
        else if (kind == "systems")
            tables.systems.put(parseSystem(item), item.json(), origin);
        else
            tables.interconnects.put(parseInterconnect(item), item.json(), origin);
    }
}

/// Throws when `id` is non-empty and `known` is false.
void requireKnown(const std::string &id, bool known, const Origin &origin, const std::string &key,
                  const std::string &what) {
    if (!id.empty() && !known)
        throw InputError(origin.file, origin.pointer + "/" + key,
                         "unknown " + what + " id \"" + id + "\"");
}

void checkReferences(const Tables &t) {
    for (std::size_t i = 0; i < t.accelerators.specs.size(); ++i) {
        const auto &a = t.accelerators.specs[i];
        requireKnown(a.scaleUpInterconnectId, t.interconnects.contains(a.scaleUpInterconnectId),
                     t.accelerators.origins[i], "scale_up_interconnect_id", "interconnect");
    }
    for (std::size_t i = 0; i < t.systems.specs.size(); ++i) {
        const auto &s = t.systems.specs[i];
        const Origin &origin = t.systems.origins[i];
        requireKnown(s.gpuId, t.accelerators.contains(s.gpuId), origin, "gpu_id", "accelerator");
        requireKnown(s.cpuId, t.cpus.contains(s.cpuId), origin, "cpu_id", "CPU");
        const std::vector<std::pair<std::string, std::string>> links = {
            {"scale_up_interconnect_id", s.scaleUpInterconnectId},
            {"scale_out_interconnect_id", s.scaleOutInterconnectId},
            {"nic_id", s.nicId},
            {"fabric_switch_id", s.fabricSwitchId}};
        for (const auto &[key, id] : links)
            requireKnown(id, t.interconnects.contains(id), origin, key, "interconnect");
        if (s.kind != SystemKind::Superpod)
            continue;
        const SystemSpec *node = t.systems.find(s.nodeSystemId);
        requireKnown(s.nodeSystemId, node != nullptr, origin, "node_system_id", "system");
        if (node->kind == SystemKind::Superpod)
            throw InputError(origin.file, origin.pointer + "/node_system_id",
                             "\"" + s.nodeSystemId +
                                 "\" is itself a SuperPOD; name a server "
                                 "or rack");
        if (node->gpuCount <= 0)
            throw InputError(origin.file, origin.pointer + "/node_system_id",
                             "\"" + s.nodeSystemId + "\" has no GPUs");
    }
    for (std::size_t i = 0; i < t.interconnects.specs.size(); ++i) {
        const auto &c = t.interconnects.specs[i];
        const Origin &origin = t.interconnects.origins[i];
        const InterconnectSpec *measured = t.interconnects.find(c.measuredInterconnectId);
        requireKnown(c.measuredInterconnectId, measured != nullptr, origin,
                     "measured_interconnect_id", "interconnect");
        if (measured && measured->peakBytesPerSecondPerDirection() <= 0.0)
            throw InputError(origin.file, origin.pointer + "/measured_interconnect_id",
                             "\"" + c.measuredInterconnectId +
                                 "\" has neither per_device_gb_s_bidir nor "
                                 "port_gbps_per_direction to compare the measurement with");
    }
}

/// SuperPOD GPU counts against their node system; fills derived values.
void resolveSuperpods(Tables &t) {
    for (std::size_t i = 0; i < t.systems.specs.size(); ++i) {
        SystemSpec &s = t.systems.specs[i];
        if (s.kind != SystemKind::Superpod)
            continue;
        const Origin &origin = t.systems.origins[i];
        const SystemSpec node = *t.systems.find(s.nodeSystemId);
        if (s.gpuId.empty())
            s.gpuId = node.gpuId;
        else if (s.gpuId != node.gpuId)
            throw InputError(origin.file, origin.pointer + "/gpu_id",
                             "\"" + s.gpuId + "\" differs from node system \"" + node.id +
                                 "\" GPU \"" + node.gpuId + "\"");
        const long long expected = 1LL * s.suNodes * node.gpuCount;
        if (s.suGpus != expected)
            throw InputError(origin.file, origin.pointer + "/su_gpus",
                             std::to_string(s.suGpus) + " does not match su_nodes " +
                                 std::to_string(s.suNodes) + " x " + std::to_string(node.gpuCount) +
                                 " GPUs per " + node.id + " = " + std::to_string(expected));
        for (std::size_t k = 0; k < s.sizes.size(); ++k) {
            SuperpodSize &size = s.sizes[k];
            const long long gpus = 1LL * size.nodes * node.gpuCount;
            if (size.gpus == 0 && gpus <= 100'000'000)
                size.gpus = static_cast<int>(gpus);
            else if (size.gpus != gpus)
                throw InputError(origin.file,
                                 origin.pointer + "/sizes/" + std::to_string(k) + "/gpus",
                                 std::to_string(size.gpus) + " does not match nodes " +
                                     std::to_string(size.nodes) + " x " +
                                     std::to_string(node.gpuCount) + " GPUs per " + node.id);
        }
    }
}

/// Achievable-vs-peak fractions: measurements first, then the links they measured.
void deriveFractions(Table<InterconnectSpec> &table) {
    for (auto &m : table.specs) {
        if (m.measuredInterconnectId.empty() || m.achievableFraction > 0.0)
            continue;
        const double peak = table.find(m.measuredInterconnectId)->peakBytesPerSecondPerDirection();
        m.achievableFraction = m.busBwLowBytesPerSecond / peak;
        m.achievableFractionHigh = m.busBwHighBytesPerSecond / peak;
    }
    std::map<std::string, std::pair<double, double>> perLink; // id -> (min low, max high)
    for (const auto &m : table.specs) {
        if (m.measuredInterconnectId.empty() || m.achievableFraction <= 0.0)
            continue;
        auto [it, inserted] = perLink.try_emplace(m.measuredInterconnectId, m.achievableFraction,
                                                  m.achievableFractionHigh);
        if (!inserted) {
            it->second.first = std::min(it->second.first, m.achievableFraction);
            it->second.second = std::max(it->second.second, m.achievableFractionHigh);
        }
    }
    for (auto &link : table.specs) {
        const auto found = perLink.find(link.id);
        if (found == perLink.end() || link.achievableFraction > 0.0)
            continue;
        link.achievableFraction = found->second.first;
        link.achievableFractionHigh = found->second.second;
    }
}

template <typename Spec> nlohmann::json rawArray(const Table<Spec> &table) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto &entry : table.raw)
        array.push_back(entry);
    return array;
}

} // namespace

MergedCatalog loadMergedCatalog(const std::vector<std::string> &directories) {
    Tables tables;
    for (const auto &directory : directories) {
        SeenIds seen; // duplicates are errors inside one directory, overrides across them
        for (const auto &file : jsonFilesIn(directory))
            loadFile(file, tables, seen);
    }
    checkReferences(tables);
    resolveSuperpods(tables);
    deriveFractions(tables.interconnects);

    MergedCatalog merged;
    merged.catalog.accelerators = tables.accelerators.specs;
    merged.catalog.cpus = tables.cpus.specs;
    merged.catalog.systems = tables.systems.specs;
    merged.catalog.interconnects = tables.interconnects.specs;
    merged.entries = nlohmann::json::object();
    merged.entries["accelerators"] = rawArray(tables.accelerators);
    merged.entries["cpus"] = rawArray(tables.cpus);
    merged.entries["systems"] = rawArray(tables.systems);
    merged.entries["interconnects"] = rawArray(tables.interconnects);
    return merged;
}

} // namespace scalescope::models
