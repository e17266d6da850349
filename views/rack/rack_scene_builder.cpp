#include "views/rack/rack_scene_builder.h"

#include "models/core/format.h"
#include "models/core/input_error.h"
#include "models/planner/planner_context.h"

#include <QLocale>
#include <QStringList>

namespace scalescope::views {

namespace {

/// A catalog name without its parenthesised qualifier: "Grace CPU (one die; ...)" -> "Grace CPU".
QString shortName(const std::string &name) {
    const QString text = QString::fromStdString(name);
    const qsizetype paren = text.indexOf(QStringLiteral(" ("));
    return paren > 0 ? text.left(paren) : text;
}

QString summary(const models::Parallelism &p, const QString &rankOrder) {
    QStringList parts;
    parts << QStringLiteral("TP %1").arg(p.tp) << QStringLiteral("PP %1").arg(p.pp)
          << QStringLiteral("DP %1").arg(p.dp);
    if (p.cp > 1)
        parts << QStringLiteral("CP %1").arg(p.cp);
    if (p.ep > 1)
        parts << QStringLiteral("EP %1").arg(p.ep);
    if (!rankOrder.isEmpty())
        parts << QStringLiteral("rank order %1").arg(rankOrder);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

RackScene makeRackScene(const models::Catalog &catalog, const models::Scenario &scenario,
                        const models::RackJob *job, RackOverlay overlay) {
    if (scenario.hardware.systemId.empty())
        throw models::InputError("scenario", "/hardware/system",
                                 "the rack view needs a catalog system, not a bare accelerator");
    auto geometry = std::make_shared<const models::RackGeometry>(
        models::buildRackGeometry(catalog, scenario.hardware.systemId, scenario.hardware.numGpus));
    RackScene scene;
    scene.geometry = geometry;
    scene.overlay = overlay;
    const auto *gpu = catalog.findAccelerator(geometry->gpuId);
    const auto *host = catalog.findCpu(geometry->cpuId);
    scene.gpuName = shortName(gpu ? gpu->name : geometry->gpuId);
    scene.cpuName = shortName(host ? host->name : geometry->cpuId);
    scene.hbmBytes = gpu ? models::usableMemoryBytes(*gpu) : 0.0;
    scene.title =
        QString::fromStdString(scenario.name.empty() ? geometry->systemName : scenario.name);
    QStringList subtitle;
    subtitle
        << QStringLiteral("%1 × %2").arg(
               QLocale(QLocale::English).toString(geometry->requestedGpus), scene.gpuName)
        << QString::fromStdString(geometry->systemName)
        << QStringLiteral("%1 rack%2").arg(geometry->racks).arg(geometry->racks == 1 ? "" : "s")
        << QStringLiteral("NVLink domain %1 GPUs").arg(geometry->nvlinkDomainGpus);
    if (geometry->hasFabric)
        subtitle << QStringLiteral("%1-tier fat tree: %2 leaf / %3 spine%4")
                        .arg(geometry->fabric.tiers)
                        .arg(geometry->fabric.leafSwitches)
                        .arg(geometry->fabric.spineSwitches)
                        .arg(geometry->fabric.coreSwitches > 0
                                 ? QStringLiteral(" / %1 core").arg(geometry->fabric.coreSwitches)
                                 : QString());
    scene.subtitle = subtitle.join(QStringLiteral(" · "));
    if (!job || !job->mapper)
        return scene;

    auto parallel = std::make_shared<const models::ParallelOverlay>(
        models::buildParallelOverlay(*geometry, job->worldSize, job->mapper));
    scene.parallel = parallel;
    scene.layoutSummary = summary(scenario.parallelism, QString::fromStdString(job->rankOrder));
    if (job->hasTraffic)
        scene.traffic = std::make_shared<const models::TrafficOverlay>(
            models::buildTrafficOverlay(*geometry, *parallel, job->traffic, job->bandwidths));
    if (!job->stageBytes.empty() && scene.hbmBytes > 0)
        scene.memoryFill = models::memoryFillPerGpu(*parallel, job->stageBytes, scene.hbmBytes);
    return scene;
}

} // namespace scalescope::views
