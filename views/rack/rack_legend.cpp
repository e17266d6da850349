#include "models/core/format.h"
#include "views/rack/rack_painter_parts.h"
#include "views/rack/rack_palette.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace scalescope::views::rack_paint {

using models::GroupKind;

namespace {

QString text(const std::string &s) {
    return QString::fromStdString(s);
}

/// Writes legend rows top to bottom and stops when the area is full.
class LegendWriter {
public:
    LegendWriter(QPainter &p, const QRectF &area, double unit)
        : m_p(p)
        , m_area(area.adjusted(unit * 1.2, unit * 0.9, -unit * 0.9, -unit * 0.6))
        , m_unit(unit)
        , m_y(m_area.top()) {}

    [[nodiscard]] bool full(double rows = 1.0) const {
        return m_y + rows * m_unit * 1.45 > m_area.bottom();
    }

    void heading(const QString &s) {
        if (full(1.6))
            return;
        m_y += m_y > m_area.top() ? m_unit * 0.55 : 0.0;
        line(s, rack_colours::text(), true, 1.05);
    }

    /// Wrapped text; returns false when it did not fit.
    bool line(const QString &s, const QColor &colour, bool bold = false, double size = 0.92) {
        const QFont f = font(m_unit * size, bold);
        const QFontMetricsF metrics(f);
        const QRectF box =
            metrics.boundingRect(QRectF(0, 0, m_area.width(), 1e6), Qt::TextWordWrap, s);
        if (m_y + box.height() > m_area.bottom())
            return false;
        m_p.setFont(f);
        m_p.setPen(colour);
        m_p.drawText(QRectF(m_area.left(), m_y, m_area.width(), box.height()),
                     Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, s);
        m_y += box.height() + m_unit * 0.22;
        return true;
    }

    /// A coloured box (with optional hatch or dashed outline) and a label.
    bool swatch(const QColor &fill, Qt::BrushStyle pattern, const QString &label,
                Qt::PenStyle outline = Qt::NoPen, const QColor &outlineColour = QColor()) {
        if (full())
            return false;
        const double s = m_unit * 1.05;
        const QRectF box(m_area.left(), m_y + m_unit * 0.12, s * 1.5, s);
        if (fill.isValid())
            m_p.fillRect(box, fill);
        if (pattern != Qt::NoBrush)
            hatch(m_p, box, pattern, textColourOn(fill), std::max(3.0, m_unit * 0.35));
        if (outline != Qt::NoPen) {
            m_p.setPen(QPen(outlineColour, std::max(1.5, m_unit * 0.14), outline));
            m_p.setBrush(Qt::NoBrush);
            m_p.drawRect(box);
        }
        m_p.setFont(font(m_unit * 0.9));
        m_p.setPen(rack_colours::text());
        const QRectF label_(box.right() + m_unit * 0.5, m_y,
                            m_area.width() - box.width() - m_unit * 0.5, m_unit * 1.3);
        m_p.drawText(
            label_, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(font(m_unit * 0.9)).elidedText(label, Qt::ElideRight, label_.width()));
        m_y += m_unit * 1.38;
        return true;
    }

    /// A short line sample and a label.
    bool lineSample(const QPen &pen, const QString &label) {
        if (full())
            return false;
        const double y = m_y + m_unit * 0.65;
        m_p.setPen(pen);
        m_p.drawLine(QLineF(m_area.left(), y, m_area.left() + m_unit * 1.6, y));
        m_p.setFont(font(m_unit * 0.9));
        m_p.setPen(rack_colours::text());
        m_p.drawText(
            QRectF(m_area.left() + m_unit * 2.1, m_y, m_area.width() - m_unit * 2.1, m_unit * 1.3),
            Qt::AlignLeft | Qt::AlignVCenter, label);
        m_y += m_unit * 1.38;
        return true;
    }

private:
    QPainter &m_p;
    QRectF m_area;
    double m_unit;
    double m_y;
};

/// "GPUs 0–7" or "GPUs 0, 8, 16, …" for a group's members.
QString membersShort(const std::vector<int> &gpus) {
    if (gpus.empty())
        return {};
    if (gpus.size() > 1 && gpus.back() - gpus.front() + 1 == static_cast<int>(gpus.size()))
        return QStringLiteral("GPUs %1–%2").arg(gpus.front()).arg(gpus.back());
    QStringList parts;
    for (size_t i = 0; i < std::min<size_t>(3, gpus.size()); ++i)
        parts << QString::number(gpus[i]);
    return (gpus.size() == 1 ? QStringLiteral("GPU ") : QStringLiteral("GPUs ")) +
           parts.join(QStringLiteral(", ")) + (gpus.size() > 3 ? QStringLiteral(", …") : QString());
}

void groupSection(LegendWriter &w, const RackScene &scene, GroupKind kind) {
    const auto &o = *scene.parallel;
    const QString name = text(models::groupKindShortName(kind));
    const int classes = o.colourClasses(kind);
    const bool byCoordinate = kind == GroupKind::Data || kind == GroupKind::Pipeline;
    w.heading(QStringLiteral("%1 (%2)").arg(rackOverlayName(scene.overlay)).arg(classes));
    const int shown = std::min(classes, 12);
    for (int i = 0; i < shown; ++i) {
        QString label;
        if (byCoordinate) {
            label = QStringLiteral("%1 %2")
                        .arg(kind == GroupKind::Data ? QStringLiteral("replica")
                                                     : QStringLiteral("stage"))
                        .arg(i);
        } else {
            label = QStringLiteral("%1 %2 · %3")
                        .arg(name)
                        .arg(i)
                        .arg(membersShort(
                            o.groups[static_cast<size_t>(kind)][static_cast<size_t>(i)].gpus));
        }
        if (!w.swatch(groupColour(i), groupPattern(i), label))
            break;
    }
    if (classes > shown)
        w.line(QStringLiteral("… %1 more; after 8 colours the palette repeats with hatching, "
                              "labels name each group")
                   .arg(classes - shown),
               rack_colours::mutedText());
}

void spillSection(LegendWriter &w, const RackScene &scene) {
    const auto &o = *scene.parallel;
    for (GroupKind kind : {GroupKind::Tensor, GroupKind::Expert, GroupKind::Context}) {
        const auto &groups = o.groups[static_cast<size_t>(kind)];
        if (groups.empty() || groups.front().gpus.size() < 2)
            continue;
        const int spilling = o.spillingGroups(kind);
        const QString name = text(models::groupKindShortName(kind));
        if (spilling > 0)
            w.line(QStringLiteral("⚠ %1 of %2 %3 groups leave their NVLink domain: their "
                                  "collectives run on the scale-out fabric")
                       .arg(spilling)
                       .arg(groups.size())
                       .arg(name),
                   rack_colours::bottleneck(), true);
        else
            w.line(QStringLiteral("✓ every %1 group inside one NVLink domain").arg(name),
                   QColor(0, 120, 88));
    }
}

void trafficSection(LegendWriter &w, const RackScene &scene) {
    w.heading(QStringLiteral("Traffic per step, busiest GPU"));
    if (!scene.traffic || scene.traffic->classes.empty()) {
        w.line(QStringLiteral("no communication volumes for this scenario"),
               rack_colours::mutedText());
        return;
    }
    const auto &t = *scene.traffic;
    for (size_t i = 0; i < t.classes.size(); ++i) {
        const auto &c = t.classes[i];
        const bool bottleneck = static_cast<int>(i) == t.bottleneckClass;
        QString s = QStringLiteral("%1: %2 at %3 → %4")
                        .arg(text(models::linkClassName(c.linkClass)),
                             text(models::formatBytesDecimal(c.bytesPerGpu)),
                             text(models::formatSi(c.bandwidth, "B/s")),
                             text(models::formatDuration(c.seconds)));
        if (bottleneck)
            s += QStringLiteral("  ◀ bottleneck");
        w.line(s, bottleneck ? rack_colours::bottleneck() : rack_colours::text(), bottleneck);
    }
    if (scene.geometry && scene.geometry->hasFabric &&
        t.linkSeconds.size() == scene.geometry->links.size()) {
        const QString tiers[] = {QString(), QStringLiteral("NIC → leaf"),
                                 QStringLiteral("leaf → spine"), QStringLiteral("spine → core")};
        for (int tier = 1; tier <= 3; ++tier) {
            double bytes = 0.0, seconds = 0.0;
            bool present = false;
            for (size_t l = 0; l < t.linkSeconds.size(); ++l)
                if (scene.geometry->links[l].tier == tier) {
                    present = true;
                    bytes = std::max(bytes, t.linkBytes[l]);
                    seconds = std::max(seconds, t.linkSeconds[l]);
                }
            if (present)
                w.line(QStringLiteral("%1 cables: %2 each → %3")
                           .arg(tiers[tier], text(models::formatBytesDecimal(bytes)),
                                text(models::formatDuration(seconds))),
                       rack_colours::text(), false, 0.86);
        }
        w.swatch(loadColour(1.0), Qt::NoBrush, QStringLiteral("busiest links (colour and width)"));
        w.swatch(loadColour(0.35), Qt::NoBrush, QStringLiteral("lighter load"));
        w.swatch(QColor(225, 228, 232), Qt::NoBrush, QStringLiteral("no traffic"));
    }
    const bool scaleOut =
        t.bottleneckClass >= 0 &&
        t.classes[static_cast<size_t>(t.bottleneckClass)].linkClass == models::LinkClass::ScaleOut;
    if (scaleOut)
        w.lineSample(QPen(rack_colours::bottleneck(), 3.0),
                     QStringLiteral("bottleneck cables (within 2% of the busiest)"));
    else if (t.bottleneckClass >= 0)
        w.swatch(QColor(), Qt::NoBrush, QStringLiteral("bottleneck: nodes whose NVLink is busiest"),
                 Qt::SolidLine, rack_colours::bottleneck());
}

void memorySection(LegendWriter &w, const RackScene &scene) {
    w.heading(QStringLiteral("HBM fill per GPU"));
    if (scene.memoryFill.empty()) {
        w.line(QStringLiteral("no memory figures for this scenario"), rack_colours::mutedText());
        return;
    }
    const double most = *std::max_element(scene.memoryFill.begin(), scene.memoryFill.end());
    w.swatch(memoryFillColour(0.5), Qt::NoBrush, QStringLiteral("below 80% of HBM"));
    w.swatch(memoryFillColour(0.9), Qt::NoBrush, QStringLiteral("80–100%: tight"));
    w.swatch(memoryFillColour(1.2), Qt::DiagCrossPattern,
             QStringLiteral("over 100%: does not fit"));
    if (scene.hbmBytes > 0)
        w.line(QStringLiteral("fullest GPU: %1 of %2 (%3)")
                   .arg(text(models::formatBytesBinary(most * scene.hbmBytes)),
                        text(models::formatBytesDecimal(scene.hbmBytes)),
                        text(models::formatPercent(most))),
               rack_colours::text());
}

void hardwareSection(LegendWriter &w, const RackScene &scene) {
    const models::RackGeometry &g = *scene.geometry;
    w.heading(QStringLiteral("Hardware"));
    if (scene.overlay == RackOverlay::Hardware)
        w.swatch(rack_colours::gpu(), Qt::NoBrush,
                 scene.gpuName.isEmpty() ? QStringLiteral("GPU") : scene.gpuName);
    if (g.cpusPerNode > 0)
        w.swatch(rack_colours::cpu(), Qt::NoBrush,
                 scene.cpuName.isEmpty() ? QStringLiteral("CPU") : scene.cpuName);
    if (g.switchChipsPerNode > 0 || g.switchChipsPerTray > 0)
        w.swatch(rack_colours::switchChip(), Qt::NoBrush,
                 QStringLiteral("NVSwitch / NVLink switch chip"));
    if (g.count(models::RackItemKind::SwitchTray) > 0)
        w.swatch(rack_colours::switchTray(), Qt::NoBrush, QStringLiteral("NVLink switch tray"));
    if (g.count(models::RackItemKind::PowerShelf) > 0)
        w.swatch(rack_colours::powerShelf(), Qt::NoBrush, QStringLiteral("power shelf"));
    if (g.nicsPerNode > 0)
        w.swatch(rack_colours::nic(), Qt::NoBrush, QStringLiteral("compute NIC (one rail each)"));
    if (g.nvlinkDomainGpus > g.gpusPerNode)
        w.swatch(QColor(), Qt::NoBrush,
                 QStringLiteral("NVLink domain (%1 GPUs)").arg(g.nvlinkDomainGpus), Qt::DashLine,
                 rack_colours::nvlinkDomain());
    if (g.gpus > g.requestedGpus)
        w.swatch(rack_colours::idleGpu(), Qt::BDiagPattern,
                 QStringLiteral("idle GPU (whole racks)"));
    if (g.hasFabric) {
        w.swatch(rack_colours::fabricSwitch(), Qt::NoBrush,
                 QStringLiteral("%1 leaf · %2 spine%3 switches, radix %4")
                     .arg(g.fabric.leafSwitches)
                     .arg(g.fabric.spineSwitches)
                     .arg(g.fabric.coreSwitches > 0
                              ? QStringLiteral(" · %1 core").arg(g.fabric.coreSwitches)
                              : QString())
                     .arg(2 * g.fabric.leafUplinks));
    }
    if (!g.rackCompositionPublished)
        w.line(QStringLiteral("Rack layout not in the catalog: dashed racks are schematic, "
                              "%1 nodes each.")
                   .arg(g.nodesPerRack),
               rack_colours::mutedText(), false, 0.82);
}

} // namespace

void drawHeader(QPainter &p, const RackScene &scene, const QRectF &area) {
    const double h = area.height();
    const QRectF inner = area.adjusted(h * 0.3, h * 0.12, -h * 0.3, -h * 0.05);
    p.setPen(rack_colours::text());
    p.setFont(font(h * 0.36, true));
    const QFontMetricsF titleMetrics(p.font());
    p.drawText(QRectF(inner.left(), inner.top(), inner.width(), h * 0.48),
               Qt::AlignLeft | Qt::AlignVCenter,
               titleMetrics.elidedText(scene.title, Qt::ElideRight, inner.width()));
    p.setPen(rack_colours::mutedText());
    p.setFont(font(h * 0.22));
    const QFontMetricsF subtitleMetrics(p.font());
    p.drawText(QRectF(inner.left(), inner.top() + h * 0.5, inner.width(), h * 0.32),
               Qt::AlignLeft | Qt::AlignVCenter,
               subtitleMetrics.elidedText(scene.subtitle, Qt::ElideRight, inner.width()));
    p.setPen(QPen(rack_colours::divider(), 1.0));
    p.drawLine(QLineF(area.left(), area.bottom() - 0.5, area.right(), area.bottom() - 0.5));
}

void drawLegend(QPainter &p, const RackScene &scene, const QRectF &area) {
    p.fillRect(area, rack_colours::legendBackground());
    p.setPen(QPen(rack_colours::divider(), 1.0));
    p.drawLine(area.topLeft(), area.width() > area.height() ? area.topRight() : area.bottomLeft());
    const double unit = std::clamp(std::min(area.width() / 21.0, 15.0), 8.0, 15.0);
    LegendWriter w(p, area, unit);
    if (!scene.layoutSummary.isEmpty())
        w.line(scene.layoutSummary, rack_colours::text(), true);
    const auto kind = overlayGroupKind(scene.overlay);
    if (kind && scene.parallel)
        groupSection(w, scene, *kind);
    else if (scene.overlay == RackOverlay::MemoryFill)
        memorySection(w, scene);
    else if (scene.overlay == RackOverlay::LinkTraffic)
        trafficSection(w, scene);
    if (scene.outlineGroups && scene.parallel)
        w.lineSample(QPen(rack_colours::text(), 2.0),
                     QStringLiteral("outline: %1 groups")
                         .arg(text(models::groupKindShortName(*scene.outlineGroups))));
    if (scene.parallel)
        spillSection(w, scene);
    if (scene.hoveredGpu >= 0 && scene.parallel) {
        w.heading(QStringLiteral("GPU %1 and its groups").arg(scene.hoveredGpu));
        w.lineSample(QPen(rack_colours::text(), 2.0, Qt::SolidLine), QStringLiteral("TP group"));
        w.lineSample(QPen(rack_colours::text(), 2.0, Qt::DashLine), QStringLiteral("DP group"));
        w.lineSample(QPen(rack_colours::text(), 2.0, Qt::DotLine), QStringLiteral("PP group"));
        w.lineSample(QPen(rack_colours::text(), 2.0, Qt::DashDotLine), QStringLiteral("EP group"));
    }
    if (scene.geometry)
        hardwareSection(w, scene);
}

} // namespace scalescope::views::rack_paint
