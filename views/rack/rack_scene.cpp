#include "views/rack/rack_scene.h"

#include "models/planner/planner_context.h"

#include "models/core/format.h"

#include <QStringList>

#include <algorithm>

namespace scalescope::views {

using models::GroupKind;
using models::RackItem;
using models::RackItemKind;

std::vector<RackOverlay> rackOverlays() {
    return {RackOverlay::Hardware,     RackOverlay::TensorGroups, RackOverlay::PipelineStages,
            RackOverlay::DataReplicas, RackOverlay::ExpertGroups, RackOverlay::ContextGroups,
            RackOverlay::MemoryFill,   RackOverlay::LinkTraffic};
}

QString rackOverlayName(RackOverlay overlay) {
    switch (overlay) {
    case RackOverlay::Hardware:
        return QStringLiteral("Hardware");
    case RackOverlay::TensorGroups:
        return QStringLiteral("TP groups");
    case RackOverlay::ContextGroups:
        return QStringLiteral("CP groups");
    case RackOverlay::ExpertGroups:
        return QStringLiteral("EP groups");
    case RackOverlay::DataReplicas:
        return QStringLiteral("DP replicas");
    case RackOverlay::PipelineStages:
        return QStringLiteral("PP stages");
    case RackOverlay::MemoryFill:
        return QStringLiteral("Memory fill");
    case RackOverlay::LinkTraffic:
        return QStringLiteral("Link traffic");
    }
    return {};
}

std::optional<GroupKind> overlayGroupKind(RackOverlay overlay) {
    switch (overlay) {
    case RackOverlay::TensorGroups:
        return GroupKind::Tensor;
    case RackOverlay::ContextGroups:
        return GroupKind::Context;
    case RackOverlay::ExpertGroups:
        return GroupKind::Expert;
    case RackOverlay::DataReplicas:
        return GroupKind::Data;
    case RackOverlay::PipelineStages:
        return GroupKind::Pipeline;
    default:
        return std::nullopt;
    }
}

RackFrame rackFrame(const QRectF &target) {
    RackFrame f;
    const double headerHeight = std::clamp(target.height() * 0.085, 34.0, 84.0);
    f.header = QRectF(target.left(), target.top(), target.width(), headerHeight);
    const QRectF body(target.left(), target.top() + headerHeight, target.width(),
                      target.height() - headerHeight);
    if (target.width() >= 700.0) {
        const double legendWidth = std::clamp(target.width() * 0.25, 230.0, 380.0);
        f.diagram = QRectF(body.left(), body.top(), body.width() - legendWidth, body.height());
        f.legend = QRectF(f.diagram.right(), body.top(), legendWidth, body.height());
    } else {
        const double legendHeight = std::clamp(body.height() * 0.32, 90.0, 260.0);
        f.diagram = QRectF(body.left(), body.top(), body.width(), body.height() - legendHeight);
        f.legend = QRectF(body.left(), f.diagram.bottom(), body.width(), legendHeight);
    }
    return f;
}

QTransform rackTransform(const RackScene &scene, const QRectF &target) {
    QTransform t;
    if (!scene.geometry || scene.geometry->items.empty())
        return t;
    const auto &items = scene.geometry->items;
    const int focus = scene.focusItem >= 0 && scene.focusItem < static_cast<int>(items.size())
                          ? scene.focusItem
                          : 0;
    const models::LayoutRect r = items[static_cast<size_t>(focus)].rect;
    const double margin = std::max(0.6, 0.03 * std::max(r.width, r.height));
    const QRectF source(r.x - margin, r.y - margin, r.width + 2 * margin, r.height + 2 * margin);
    const QRectF area = rackFrame(target).diagram.adjusted(6, 6, -6, -6);
    if (source.width() <= 0 || source.height() <= 0 || area.width() <= 0 || area.height() <= 0)
        return t;
    const double scale = std::min(area.width() / source.width(), area.height() / source.height());
    const double dx = area.center().x() - source.center().x() * scale;
    const double dy = area.center().y() - source.center().y() * scale;
    return QTransform(scale, 0, 0, scale, dx, dy);
}

int rackItemAt(const RackScene &scene, const QRectF &target, const QPointF &point) {
    if (!scene.geometry || !rackFrame(target).diagram.contains(point))
        return -1;
    bool invertible = false;
    const QPointF p = rackTransform(scene, target).inverted(&invertible).map(point);
    return invertible ? models::hitTest(*scene.geometry, p.x(), p.y()) : -1;
}

namespace {

QString text(const std::string &s) {
    return QString::fromStdString(s);
}

/// "GPUs 16-23" for a contiguous run, else "8 GPUs".
QString membersText(const std::vector<int> &gpus) {
    if (gpus.empty())
        return {};
    const bool contiguous = gpus.back() - gpus.front() + 1 == static_cast<int>(gpus.size());
    if (gpus.size() == 1)
        return QStringLiteral("GPU %1").arg(gpus.front());
    if (contiguous)
        return QStringLiteral("GPUs %1–%2").arg(gpus.front()).arg(gpus.back());
    return QStringLiteral("%1 GPUs").arg(gpus.size());
}

QString groupLine(const RackScene &scene, int gpu, GroupKind kind) {
    const auto &overlay = *scene.parallel;
    const int id = overlay.groupOfGpu[static_cast<size_t>(kind)][static_cast<size_t>(gpu)];
    if (id < 0)
        return {};
    const models::RackGroup &group =
        overlay.groups[static_cast<size_t>(kind)][static_cast<size_t>(id)];
    const QString name = text(models::groupKindShortName(kind));
    QString head;
    if (kind == GroupKind::Data)
        head = QStringLiteral("DP replica %1")
                   .arg(overlay.placementOfGpu[static_cast<size_t>(gpu)].dp);
    else if (kind == GroupKind::Pipeline)
        head =
            QStringLiteral("PP stage %1").arg(overlay.placementOfGpu[static_cast<size_t>(gpu)].pp);
    else
        head = QStringLiteral("%1 group %2").arg(name).arg(id);
    if (group.gpus.size() < 2)
        return head;
    QString where = text(models::linkClassName(group.linkClass));
    if (group.linkClass == models::LinkClass::ScaleOut) {
        static const char *const tiers[] = {"", "one leaf", "via spines", "via core"};
        where += QStringLiteral(" (%1)").arg(
            QString::fromLatin1(tiers[std::clamp(group.fabricTier, 0, 3)]));
    }
    QString line =
        QStringLiteral("%1 · %2 group: %3 · %4").arg(head, name, membersText(group.gpus), where);
    if (group.spillsNvlinkDomain())
        line += QStringLiteral(" · spans %1 NVLink domains").arg(group.nvlinkDomains);
    return line;
}

} // namespace

QString rackTooltip(const RackScene &scene, int index) {
    if (!scene.geometry || index < 0 || index >= static_cast<int>(scene.geometry->items.size()))
        return {};
    const models::RackGeometry &g = *scene.geometry;
    const RackItem &item = g.items[static_cast<size_t>(index)];
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(text(item.label).toHtmlEscaped());
    QStringList where;
    if (item.node >= 0 && item.kind != RackItemKind::ComputeNode)
        where << QStringLiteral("node %1").arg(item.node + 1);
    if (item.rack >= 0 && item.kind != RackItemKind::Rack)
        where << QStringLiteral("rack %1").arg(item.rack + 1);
    if (item.su >= 0 && item.kind != RackItemKind::ScalableUnit)
        where << QStringLiteral("SU %1").arg(item.su + 1);
    switch (item.kind) {
    case RackItemKind::Gpu: {
        const int gpu = item.gpu;
        lines << QStringLiteral("%1 · NVLink domain %2 (%3 GPUs)")
                     .arg(scene.gpuName.isEmpty() ? QStringLiteral("GPU") : scene.gpuName)
                     .arg(g.domainOfGpu(gpu) + 1)
                     .arg(g.nvlinkDomainGpus);
        if (!where.isEmpty())
            lines << where.join(QStringLiteral(" · "));
        if (g.hasFabric)
            lines << QStringLiteral("NIC rail %1 → leaf %2")
                         .arg(g.railOfGpu(gpu))
                         .arg(g.leafOfGpu(gpu) + 1);
        if (!item.active) {
            lines << QStringLiteral("idle: beyond the scenario's %1 GPUs").arg(g.requestedGpus);
            break;
        }
        if (scene.parallel && scene.parallel->rankOfGpu[static_cast<size_t>(gpu)] >= 0) {
            lines << QStringLiteral("rank %1").arg(
                scene.parallel->rankOfGpu[static_cast<size_t>(gpu)]);
            for (GroupKind kind : {GroupKind::Tensor, GroupKind::Context, GroupKind::Expert,
                                   GroupKind::Data, GroupKind::Pipeline}) {
                const QString line = groupLine(scene, gpu, kind);
                if (!line.isEmpty())
                    lines << line;
            }
        } else if (scene.parallel) {
            lines << QStringLiteral("no rank: the layout uses %1 GPUs")
                         .arg(scene.parallel->worldSize);
        }
        if (static_cast<size_t>(gpu) < scene.memoryFill.size() && scene.hbmBytes > 0) {
            const double fill = scene.memoryFill[static_cast<size_t>(gpu)];
            lines << QStringLiteral("HBM %1 of %2 (%3)")
                         .arg(text(models::formatBytesBinary(fill * scene.hbmBytes)),
                              text(models::usableMemoryText(scene.hbmBytes)),
                              text(models::formatPercent(fill)));
        }
        break;
    }
    case RackItemKind::ComputeNode:
        lines << QStringLiteral("%1 GPUs · %2 CPUs · %3 NICs")
                     .arg(g.gpusPerNode)
                     .arg(g.cpusPerNode)
                     .arg(g.nicsPerNode);
        if (g.switchChipsPerNode > 0)
            lines << QStringLiteral("%1 NVSwitch chips").arg(g.switchChipsPerNode);
        lines << where.join(QStringLiteral(" · "));
        break;
    case RackItemKind::Rack:
        lines << QStringLiteral("%1 %2")
                     .arg(g.nodesPerRack)
                     .arg(g.gpusPerNode >= 8 ? QStringLiteral("servers")
                                             : QStringLiteral("compute trays"));
        if (!g.rackCompositionPublished)
            lines << QStringLiteral("rack layout not in the catalog: drawn schematically");
        break;
    case RackItemKind::SwitchTray:
        lines << (g.switchChipsPerTray > 0
                      ? QStringLiteral("%1 NVLink switch chips").arg(g.switchChipsPerTray)
                      : QStringLiteral("switch chips per tray not published"));
        break;
    case RackItemKind::LeafSwitch:
        lines << QStringLiteral("rail %1 · %2 ports down, %3 up")
                     .arg(item.rail)
                     .arg(g.fabric.leafDownlinks)
                     .arg(g.fabric.leafUplinks);
        break;
    case RackItemKind::SpineSwitch:
    case RackItemKind::CoreSwitch:
        lines << QStringLiteral("%1-tier fat tree, radix %2")
                     .arg(g.fabric.tiers)
                     .arg(2 * g.fabric.leafUplinks);
        break;
    case RackItemKind::NvlinkDomain:
        lines << QStringLiteral("%1 GPUs on one NVLink fabric").arg(g.nvlinkDomainGpus);
        break;
    case RackItemKind::ScalableUnit:
        lines << QStringLiteral("%1 nodes · %2 leaf switches")
                     .arg(g.nodesPerSu)
                     .arg(g.fabric.leafSwitchesPerSu);
        break;
    default:
        if (!where.isEmpty())
            lines << where.join(QStringLiteral(" · "));
        break;
    }
    lines.removeAll(QString());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace scalescope::views
