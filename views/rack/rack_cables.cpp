// Fabric cables of the rack diagram and the traffic overlay's bottleneck callout.
#include "models/core/format.h"
#include "views/rack/rack_painter_parts.h"
#include "views/rack/rack_palette.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace scalescope::views::rack_paint {

using models::GroupKind;
using models::RackItem;
using models::RackItemKind;

namespace {

/// Cable end point on the side of `box` facing `towards`.
QPointF cableEnd(const QRectF &box, const QRectF &towards) {
    const bool below = towards.center().y() > box.center().y();
    return QPointF(box.center().x(), below ? box.bottom() : box.top());
}

} // namespace

bool scaleOutBound(const RackScene &scene) {
    const auto &t = scene.traffic;
    return t && t->bottleneckClass >= 0 &&
           t->classes[static_cast<size_t>(t->bottleneckClass)].linkClass ==
               models::LinkClass::ScaleOut;
}

void drawCables(QPainter &p, const PaintContext &c) {
    const auto &links = c.g.links;
    if (links.empty())
        return;
    const bool traffic = c.scene.overlay == RackOverlay::LinkTraffic && c.scene.traffic &&
                         c.scene.traffic->linkSeconds.size() == links.size();
    const bool rails = c.scene.overlay == RackOverlay::Hardware;
    const double busiest = traffic ? c.scene.traffic->busiestSeconds : 0.0;
    double busiestCable = 0.0;
    if (traffic)
        for (double s : c.scene.traffic->linkSeconds)
            busiestCable = std::max(busiestCable, s);
    const bool markBottleneck = traffic && scaleOutBound(c.scene) && busiestCable > 0;
    // Batches by style: load buckets (traffic), rails (hardware) or tiers (group overlays).
    constexpr int kBuckets = 12;
    constexpr int kNone = kBuckets, kBottleneck = kBuckets + 1, kTiers = kBuckets + 2;
    std::array<QVector<QLineF>, kTiers + 3 + kGroupColours> batches;
    auto bucketOf = [&](size_t l) {
        const models::FabricLink &link = links[l];
        if (traffic) {
            const double seconds = c.scene.traffic->linkSeconds[l];
            if (markBottleneck && seconds >= 0.98 * busiestCable)
                return kBottleneck;
            return seconds <= 0.0 || busiest <= 0.0
                       ? kNone
                       : std::min(kBuckets - 1, static_cast<int>(seconds / busiest * kBuckets));
        }
        if (rails && link.tier == 1 && link.rail >= 0)
            return kTiers + 3 + link.rail % kGroupColours;
        return kTiers + link.tier - 1;
    };
    // Zoomed out, the NIC cables of one rack to one leaf are drawn as one bundle leaving the
    // rack at its rail's position (the bundle takes its busiest cable's style).
    const bool bundle = c.scale < 8.0;
    std::unordered_map<long long, size_t> bundles; // (rack, leaf) -> representative link
    int lineCount = 0;
    for (size_t l = 0; l < links.size(); ++l) {
        const models::FabricLink &link = links[l];
        if (bundle && link.tier == 1) {
            const RackItem &nic = c.g.items[static_cast<size_t>(link.from)];
            const long long key = static_cast<long long>(nic.rack) * 1000003LL + link.to;
            const auto [it, inserted] = bundles.try_emplace(key, l);
            if (!inserted && bucketOf(l) > bucketOf(it->second) && bucketOf(l) <= kBottleneck)
                it->second = l;
            continue;
        }
        const QRectF from = mapped(c, c.g.items[static_cast<size_t>(link.from)].rect);
        const QRectF to = mapped(c, c.g.items[static_cast<size_t>(link.to)].rect);
        const QPointF a = link.tier == 1 ? QPointF(from.center().x(), cableEnd(from, to).y())
                                         : cableEnd(from, to);
        batches[static_cast<size_t>(bucketOf(l))].append(QLineF(a, cableEnd(to, from)));
        ++lineCount;
    }
    for (const auto &[key, l] : bundles) {
        const models::FabricLink &link = links[l];
        const RackItem &nic = c.g.items[static_cast<size_t>(link.from)];
        const QRectF rack = mapped(
            c, c.g.items[static_cast<size_t>(c.g.rackItems[static_cast<size_t>(nic.rack)])].rect);
        const QRectF to = mapped(c, c.g.items[static_cast<size_t>(link.to)].rect);
        const double x =
            rack.left() + rack.width() * (nic.rail + 0.5) / std::max(1, c.g.nicsPerNode);
        batches[static_cast<size_t>(bucketOf(l))].append(
            QLineF(QPointF(x, cableEnd(rack, to).y()), cableEnd(to, rack)));
        ++lineCount;
    }
    // Thousands of antialiased wide strokes cost most of a frame; smooth lines only when few.
    const bool many = lineCount > 600 && !c.scene.exportQuality;
    p.setRenderHint(QPainter::Antialiasing, !many);
    const double base = std::clamp(c.scale * 0.08, 0.35, 1.6);
    for (int b = 0; b < static_cast<int>(batches.size()); ++b) {
        const auto &lines = batches[static_cast<size_t>(b)];
        if (lines.isEmpty())
            continue;
        QPen pen;
        if (b < kBuckets) {
            const double load = (b + 0.5) / kBuckets;
            pen = QPen(loadColour(load), base * (0.8 + 2.2 * load));
        } else if (b == kNone) {
            pen = QPen(QColor(225, 228, 232), base * 0.6);
        } else if (b == kBottleneck) {
            pen = QPen(rack_colours::bottleneck(), base * 2.6);
        } else if (b < kTiers + 3) {
            QColor colour = rack_colours::cable();
            colour.setAlphaF(b == kTiers ? 0.45f : 0.7f);
            pen = QPen(colour, base * (b == kTiers ? 0.7 : 1.0));
        } else {
            QColor colour = groupColour(b - kTiers - 3);
            colour.setAlphaF(0.55f);
            pen = QPen(colour, base * 0.8);
        }
        pen.setCapStyle(Qt::FlatCap);
        if (many) {
            // Cosmetic 1-2 px pens take the raster engine's line fast path.
            pen.setWidthF(pen.widthF() >= 1.8 ? 2.0 : 1.0);
            pen.setCosmetic(true);
        }
        p.setPen(pen);
        p.drawLines(lines);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

void drawBottleneckCallout(QPainter &p, const PaintContext &c, const QRectF &area) {
    const auto &t = c.scene.traffic;
    if (c.scene.overlay != RackOverlay::LinkTraffic || !t || t->bottleneckClass < 0)
        return;
    const auto &load = t->classes[static_cast<size_t>(t->bottleneckClass)];
    const QString text =
        QStringLiteral("Bottleneck: %1 — %2 per GPU at %3 = %4 per step")
            .arg(QString::fromStdString(models::linkClassName(load.linkClass)),
                 QString::fromStdString(models::formatBytesDecimal(load.bytesPerGpu)),
                 QString::fromStdString(models::formatSi(load.bandwidth, "B/s")),
                 QString::fromStdString(models::formatDuration(load.seconds)));
    const double px = std::clamp(area.height() / 55.0, 10.0, 16.0);
    p.setFont(font(px, true));
    const QRectF box(area.left() + px, area.top() + px * 0.6,
                     std::min(area.width() - 2 * px, px * 0.62 * text.size() + 2 * px), px * 2.1);
    p.fillRect(box, QColor(255, 255, 255, 235));
    p.setPen(QPen(rack_colours::bottleneck(), 2.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    p.setPen(rack_colours::bottleneck());
    p.drawText(box, Qt::AlignCenter, text);
}

} // namespace scalescope::views::rack_paint
