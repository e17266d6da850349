#include "models/catalog/catalog.h"

#include "models/catalog/catalog_loader.h"

#include <algorithm>

namespace scalescope::models {

namespace {
template <typename Spec>
const Spec *findById(const std::vector<Spec> &entries, const std::string &id) {
    const auto found = std::find_if(entries.begin(), entries.end(),
                                    [&](const Spec &entry) { return entry.id == id; });
    return found == entries.end() ? nullptr : &*found;
}
} // namespace

double AcceleratorSpec::denseFlopsPerSecond(Precision precision) const {
    switch (precision) {
    case Precision::Fp32:
        return fp32FlopsPerSecond;
    case Precision::Tf32:
        return tf32FlopsPerSecond;
    case Precision::Bf16:
        return bf16FlopsPerSecond;
    case Precision::Fp8:
        return fp8FlopsPerSecond;
    case Precision::Fp6:
        return fp6FlopsPerSecond;
    case Precision::Fp4:
        return fp4FlopsPerSecond;
    case Precision::Int8:
        return int8OpsPerSecond;
    }
    return 0.0;
}

std::string systemKindName(SystemKind kind) {
    switch (kind) {
    case SystemKind::Server:
        return "server";
    case SystemKind::Rack:
        return "rack";
    case SystemKind::Superpod:
        return "superpod";
    case SystemKind::Reference:
        return "reference";
    }
    return "server";
}

double InterconnectSpec::peakBytesPerSecondPerDirection() const {
    // Vendors quote NVLink, Infinity Fabric and ICI per device with both directions added
    // (H100: 900 GB/s = 450 GB/s each way); network ports per direction (NDR 400 Gb/s =
    // 50 GB/s each way). Reference: hardware reference README (tests/data/reference/hardware)
    // section 0 "Interconnect bandwidth".
    if (perDeviceBytesPerSecondBidirectional > 0.0)
        return perDeviceBytesPerSecondBidirectional / 2.0;
    if (portBitsPerSecond > 0.0)
        return portBitsPerSecond / 8.0;
    return 0.0;
}

const AcceleratorSpec *Catalog::findAccelerator(const std::string &id) const {
    return findById(accelerators, id);
}

const CpuSpec *Catalog::findCpu(const std::string &id) const {
    return findById(cpus, id);
}

const SystemSpec *Catalog::findSystem(const std::string &id) const {
    return findById(systems, id);
}

const InterconnectSpec *Catalog::findInterconnect(const std::string &id) const {
    return findById(interconnects, id);
}

Catalog loadCatalog(const std::vector<std::string> &directories) {
    return loadMergedCatalog(directories).catalog;
}

} // namespace scalescope::models
