#include "views/rack_painter_parts.h"
#include "views/rack_palette.h"

#include "models/format.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace scalescope::views {

using models::GroupKind;
using models::RackItem;
using models::RackItemKind;

namespace rack_paint {

QFont font(double pixels, bool bold) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(std::max(1, static_cast<int>(pixels + 0.5)));
    f.setBold(bold);
    return f;
}

GpuStyle gpuStyle(const RackScene &scene, int gpu) {
    GpuStyle style;
    const auto &items = scene.geometry->items;
    const RackItem &item =
        items[static_cast<size_t>(scene.geometry->gpuItems[static_cast<size_t>(gpu)])];
    if (!item.active) {
        style.fill = rack_colours::idleGpu();
        style.pattern = Qt::BDiagPattern;
        style.patternColour = QColor(160, 160, 160);
        return style;
    }
    const auto kind = overlayGroupKind(scene.overlay);
    if (kind && scene.parallel) {
        const int colourClass = scene.parallel->colourClass(gpu, *kind);
        if (colourClass < 0) {
            style.fill = rack_colours::idleGpu();
            return style;
        }
        style.fill = groupColour(colourClass);
        style.pattern = groupPattern(colourClass);
        style.patternColour = textColourOn(style.fill);
        return style;
    }
    if (scene.overlay == RackOverlay::LinkTraffic && scene.traffic &&
        static_cast<size_t>(gpu) < scene.traffic->scaleUpSeconds.size()) {
        const double busiest = scene.traffic->busiestSeconds;
        style.fill = loadColour(
            busiest > 0 ? scene.traffic->scaleUpSeconds[static_cast<size_t>(gpu)] / busiest : 0.0);
        return style;
    }
    if (scene.overlay == RackOverlay::MemoryFill || scene.overlay == RackOverlay::LinkTraffic) {
        style.fill = QColor(233, 236, 240);
        return style;
    }
    style.fill = rack_colours::gpu();
    return style;
}

namespace {

/// Liang-Barsky: clips the segment a-b to `r`; false when nothing is left.
bool clipSegment(const QRectF &r, QPointF &a, QPointF &b) {
    double t0 = 0.0, t1 = 1.0;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0.0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    const QPointF start = a;
    a = QPointF(start.x() + t0 * dx, start.y() + t0 * dy);
    b = QPointF(start.x() + t1 * dx, start.y() + t1 * dy);
    return true;
}

} // namespace

void hatch(QPainter &p, const QRectF &r, Qt::BrushStyle pattern, const QColor &colour,
           double spacing) {
    if (pattern == Qt::NoBrush || r.width() <= 0 || r.height() <= 0 || spacing <= 0)
        return;
    // On screen and in PNGs a pattern brush is far cheaper than lines; vector exports need the
    // lines (Qt's SVG output cannot express pattern brushes).
    if (p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster) {
        QBrush brush(colour, pattern);
        brush.setTransform(QTransform::fromScale(spacing / 8.0, spacing / 8.0));
        p.fillRect(r, brush);
        return;
    }
    QVector<QLineF> lines;
    const bool rising = pattern == Qt::BDiagPattern || pattern == Qt::DiagCrossPattern;
    const bool falling = pattern == Qt::FDiagPattern || pattern == Qt::DiagCrossPattern;
    const double h = r.height();
    for (double k = -h; k < r.width(); k += spacing) {
        if (rising) {
            QPointF a(r.left() + k, r.bottom()), b(r.left() + k + h, r.top());
            if (clipSegment(r, a, b))
                lines.append(QLineF(a, b));
        }
        if (falling) {
            QPointF a(r.left() + k, r.top()), b(r.left() + k + h, r.bottom());
            if (clipSegment(r, a, b))
                lines.append(QLineF(a, b));
        }
    }
    p.setPen(QPen(colour, std::max(0.6, spacing * 0.18)));
    p.drawLines(lines);
}

namespace {

QRectF toRect(const models::LayoutRect &r) {
    return QRectF(r.x, r.y, r.width, r.height);
}

/// Everything the item loop needs, computed once per paint.
struct Context {
    const RackScene &scene;
    const models::RackGeometry &g;
    QTransform t;
    double scale = 1.0;
    QRectF visible;                ///< in layout units
    std::vector<char> highlighted; ///< per GPU: member of a hovered GPU's group
    bool hovering = false;
};

QRectF mapped(const Context &c, const models::LayoutRect &r) {
    return c.t.mapRect(toRect(r));
}

/// A rectangle's outline `w` wide, inside `r`, as four fills: much cheaper than stroking
/// thousands of rectangles with a pen in the raster engine, and identical in SVG/PDF.
void frame(QPainter &p, const QRectF &r, const QColor &colour, double w) {
    w = std::min({w, r.width() / 2, r.height() / 2});
    p.fillRect(QRectF(r.left(), r.top(), r.width(), w), colour);
    p.fillRect(QRectF(r.left(), r.bottom() - w, r.width(), w), colour);
    p.fillRect(QRectF(r.left(), r.top() + w, w, r.height() - 2 * w), colour);
    p.fillRect(QRectF(r.right() - w, r.top() + w, w, r.height() - 2 * w), colour);
}

void fillBox(QPainter &p, const QRectF &r, const QColor &fill, const QColor &border,
             double borderWidth) {
    p.fillRect(r, fill);
    if (borderWidth > 0 && r.width() > 3 && r.height() > 3)
        frame(p, r, border, borderWidth);
}

void drawCentredText(QPainter &p, const QRectF &r, const QString &text, const QColor &colour,
                     double pixels, bool bold = false) {
    p.setFont(font(pixels, bold));
    p.setPen(colour);
    p.drawText(r, Qt::AlignCenter, text);
}

/// Cable end point on the side of `box` facing `towards`.
QPointF cableEnd(const QRectF &box, const QRectF &towards) {
    const bool below = towards.center().y() > box.center().y();
    return QPointF(box.center().x(), below ? box.bottom() : box.top());
}

/// True when the traffic overlay's bottleneck is the scale-out fabric.
bool scaleOutBound(const RackScene &scene) {
    const auto &t = scene.traffic;
    return t && t->bottleneckClass >= 0 &&
           t->classes[static_cast<size_t>(t->bottleneckClass)].linkClass ==
               models::LinkClass::ScaleOut;
}

void drawCables(QPainter &p, const Context &c) {
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

/// The bottleneck in words, top left of the diagram (traffic overlay).
void drawBottleneckCallout(QPainter &p, const Context &c, const QRectF &area) {
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

QString gpuLabel(const Context &c, int gpu, bool wide) {
    const auto kind = overlayGroupKind(c.scene.overlay);
    if (kind && c.scene.parallel) {
        const int cls = c.scene.parallel->colourClass(gpu, *kind);
        if (cls < 0)
            return QStringLiteral("idle");
        return (wide ? QString::fromStdString(models::groupKindShortName(*kind)) + QLatin1Char(' ')
                     : QString::fromStdString(models::groupKindShortName(*kind))) +
               QString::number(cls);
    }
    if (c.scene.overlay == RackOverlay::MemoryFill &&
        static_cast<size_t>(gpu) < c.scene.memoryFill.size())
        return QString::number(
                   static_cast<int>(c.scene.memoryFill[static_cast<size_t>(gpu)] * 100 + 0.5)) +
               QLatin1Char('%');
    return QString::number(gpu);
}

void drawGpu(QPainter &p, const Context &c, const RackItem &item, const QRectF &r) {
    const GpuStyle style = gpuStyle(c.scene, item.gpu);
    QColor fill = style.fill;
    const bool dim = c.hovering && !c.highlighted[static_cast<size_t>(item.gpu)];
    if (dim)
        fill = fill.lighter(165);
    p.fillRect(r, fill);
    if (c.scene.overlay == RackOverlay::MemoryFill && item.active &&
        static_cast<size_t>(item.gpu) < c.scene.memoryFill.size()) {
        const double f = c.scene.memoryFill[static_cast<size_t>(item.gpu)];
        const double h = r.height() * std::clamp(f, 0.0, 1.0);
        QColor level = memoryFillColour(f);
        if (dim)
            level = level.lighter(150);
        p.fillRect(QRectF(r.left(), r.bottom() - h, r.width(), h), level);
        if (f > 1.0)
            hatch(p, r, Qt::DiagCrossPattern, QColor(255, 255, 255, 190),
                  std::clamp(r.width() / 5.0, 3.0, 7.0));
    }
    if (style.pattern != Qt::NoBrush && r.width() > 4)
        hatch(p, r, style.pattern, style.patternColour, std::clamp(r.width() / 5.0, 3.0, 7.0));
    if (r.width() >= 14 && r.height() >= 8) // small boxes are separated by their gaps
        frame(p, r, QColor(255, 255, 255, 200), std::max(0.5, r.width() * 0.02));
    if (c.scene.overlay == RackOverlay::LinkTraffic && c.scene.traffic && !scaleOutBound(c.scene) &&
        c.scene.traffic->bottleneckClass >= 0 && r.width() >= 8 &&
        static_cast<size_t>(item.gpu) < c.scene.traffic->scaleUpSeconds.size() &&
        c.scene.traffic->scaleUpSeconds[static_cast<size_t>(item.gpu)] >=
            0.98 * c.scene.traffic->classes[static_cast<size_t>(c.scene.traffic->bottleneckClass)]
                       .seconds) {
        frame(p, r, rack_colours::bottleneck(), std::clamp(r.width() * 0.12, 1.0, 2.5));
    }
    if (r.width() >= 22 && r.height() >= 10) {
        const bool wide = r.width() >= 46;
        const double pixels = std::min(r.height() * 0.42, r.width() / (wide ? 4.6 : 3.2));
        QColor textColour =
            c.scene.overlay == RackOverlay::MemoryFill ? QColor(20, 20, 20) : textColourOn(fill);
        drawCentredText(p, r, gpuLabel(c, item.gpu, wide), textColour, pixels,
                        c.scene.overlay != RackOverlay::Hardware);
    }
}

/// Traffic overlay, NVLink/PCIe-bound: does this node hold a GPU at the bottleneck time?
bool scaleUpBottleneckNode(const Context &c, int node) {
    const auto &t = c.scene.traffic;
    if (c.scene.overlay != RackOverlay::LinkTraffic || !t || t->bottleneckClass < 0 ||
        scaleOutBound(c.scene) || node < 0)
        return false;
    const double limit = 0.98 * t->classes[static_cast<size_t>(t->bottleneckClass)].seconds;
    for (int i = 0; i < c.g.gpusPerNode; ++i) {
        const size_t gpu = static_cast<size_t>(node * c.g.gpusPerNode + i);
        if (gpu < t->scaleUpSeconds.size() && t->scaleUpSeconds[gpu] >= limit && limit > 0)
            return true;
    }
    return false;
}

void drawSlot(QPainter &p, const Context &c, const RackItem &item, const QRectF &r) {
    QColor fill;
    QString text;
    switch (item.kind) {
    case RackItemKind::ComputeNode:
        fill = rack_colours::node();
        break;
    case RackItemKind::SwitchTray:
        fill = rack_colours::switchTray();
        break;
    case RackItemKind::PowerShelf:
        fill = rack_colours::powerShelf();
        text = QStringLiteral("power");
        break;
    case RackItemKind::Management:
        fill = rack_colours::management();
        text = QStringLiteral("management");
        break;
    default:
        fill = rack_colours::emptySlot();
        text = QString::fromStdString(item.label).toLower();
        break;
    }
    if (!item.active && item.kind == RackItemKind::ComputeNode)
        fill = fill.lighter(106);
    fillBox(p, r, fill, rack_colours::nodeBorder(), r.height() > 6 ? 0.6 : 0.0);
    if (item.kind == RackItemKind::ComputeNode && scaleUpBottleneckNode(c, item.node))
        frame(p, r, rack_colours::bottleneck(), std::clamp(c.scale * 0.15, 1.0, 2.5));
    if (!text.isEmpty() && r.height() >= 9 && r.width() >= 60)
        drawCentredText(p, r, text, rack_colours::mutedText(), std::min(r.height() * 0.62, 13.0));
}

void drawRack(QPainter &p, const Context &c, const RackItem &item, const QRectF &r) {
    p.fillRect(r, rack_colours::rackFrame());
    const double frame = c.scale * 0.5;
    const double header = c.scale * 2.0;
    p.fillRect(r.adjusted(frame, header, -frame, -frame), rack_colours::rackInside());
    if (!c.g.rackCompositionPublished && r.width() > 8) {
        QPen pen(QColor(255, 255, 255, 200), 1.0, Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(frame * 0.4, header * 0.15, -frame * 0.4, -frame * 0.4));
    }
    if (header >= 8 && r.width() >= 34) {
        const QRectF band(r.left(), r.top(), r.width(), header);
        drawCentredText(p, band, QString::fromStdString(item.label), QColor(240, 240, 240),
                        std::min(header * 0.62, r.width() / 6.0), true);
    }
}

void drawSwitch(QPainter &p, const Context &c, const RackItem &item, const QRectF &r) {
    (void)c;
    QColor fill = rack_colours::fabricSwitch();
    if (item.kind == RackItemKind::SpineSwitch)
        fill = fill.darker(125);
    if (item.kind == RackItemKind::CoreSwitch)
        fill = fill.darker(160);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    const double radius = std::min(r.height(), r.width()) * 0.18;
    p.drawRoundedRect(r, radius, radius);
    p.setRenderHint(QPainter::Antialiasing, false);
    if (r.width() >= 18 && r.height() >= 9) {
        const QString prefix = item.kind == RackItemKind::LeafSwitch    ? QStringLiteral("L")
                               : item.kind == RackItemKind::SpineSwitch ? QStringLiteral("S")
                                                                        : QStringLiteral("C");
        drawCentredText(p, r, prefix + QString::number(item.ordinal + 1), QColor(245, 245, 245),
                        std::min(r.height() * 0.55, r.width() / 3.0), true);
    }
}

void drawDomainOutline(QPainter &p, const Context &c, const RackItem &item, const QRectF &r) {
    if (!item.active)
        return;
    QPen pen(rack_colours::nvlinkDomain(), std::clamp(c.scale * 0.18, 1.0, 3.0), Qt::DashLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
}

/// Outlines around runs of consecutive GPUs of one group inside one node.
void drawGroupOutlines(QPainter &p, const Context &c, GroupKind kind, const std::vector<char> *only,
                       const QPen &pen, bool labels) {
    if (!c.scene.parallel)
        return;
    const auto &groups = c.scene.parallel->groups[static_cast<size_t>(kind)];
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    const double pad = 0.12;
    for (size_t id = 0; id < groups.size(); ++id) {
        const auto &gpus = groups[id].gpus;
        if (only && !(*only)[static_cast<size_t>(gpus.front())])
            continue;
        size_t start = 0;
        while (start < gpus.size()) {
            size_t end = start + 1;
            while (end < gpus.size() && gpus[end] == gpus[end - 1] + 1 &&
                   c.g.nodeOfGpu(gpus[end]) == c.g.nodeOfGpu(gpus[start]))
                ++end;
            models::LayoutRect box;
            for (size_t i = start; i < end; ++i)
                box = box.united(
                    c.g.items[static_cast<size_t>(c.g.gpuItems[static_cast<size_t>(gpus[i])])]
                        .rect);
            const QRectF r = c.t.mapRect(
                QRectF(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad));
            if (r.intersects(c.t.mapRect(c.visible))) {
                p.setPen(pen);
                const double radius = std::min(r.height(), r.width()) * 0.15;
                p.drawRoundedRect(r, radius, radius);
                if (labels && start == 0 && r.height() >= 9 && r.width() >= 40) {
                    const QString text = QString::fromStdString(models::groupKindShortName(kind)) +
                                         QLatin1Char(' ') + QString::number(id);
                    const double px = std::clamp(r.height() * 0.36, 8.0, 14.0);
                    p.setFont(font(px, true));
                    const QRectF tag(r.right() - px * 3.4, r.top() - px * 0.55, px * 3.2, px * 1.1);
                    p.fillRect(tag, QColor(255, 255, 255, 225));
                    p.setPen(QColor(20, 20, 20));
                    p.drawText(tag, Qt::AlignCenter, text);
                    p.setPen(pen);
                }
            }
            start = end;
        }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

/// Zoomed into a rack: brackets to its right name the group, stage or replica of each run of
/// adjacent nodes that hold only that one (the slide-ready reading of the colours).
void drawBands(QPainter &p, const Context &c) {
    const auto kind = overlayGroupKind(c.scene.overlay);
    const int focus = c.scene.focusItem;
    if (!kind || !c.scene.parallel || focus <= 0)
        return;
    const int rack = c.g.items[static_cast<size_t>(focus)].rack;
    if (rack < 0)
        return;
    const QRectF rackRect =
        mapped(c, c.g.items[static_cast<size_t>(c.g.rackItems[static_cast<size_t>(rack)])].rect);
    const double px = std::clamp(c.scale * 0.62, 9.0, 14.0);
    struct Run {
        int cls = -1;
        double top = 0, bottom = 0;
        int firstGpu = 0, lastGpu = 0;
    };
    std::vector<Run> runs;
    for (int node = 0; node < c.g.nodes; ++node) {
        const RackItem &n =
            c.g.items[static_cast<size_t>(c.g.nodeItems[static_cast<size_t>(node)])];
        if (n.rack != rack)
            continue;
        int cls = -2;
        for (int i = 0; i < c.g.gpusPerNode; ++i) {
            const int k = c.scene.parallel->colourClass(node * c.g.gpusPerNode + i, *kind);
            cls = cls == -2 || cls == k ? k : -1;
        }
        const QRectF r = mapped(c, n.rect);
        const int first = node * c.g.gpusPerNode, last = first + c.g.gpusPerNode - 1;
        if (!runs.empty() && runs.back().cls == cls && cls >= 0 &&
            std::abs(runs.back().bottom - r.top()) < 1.0)
            runs.back().bottom = r.bottom(), runs.back().lastGpu = last;
        else
            runs.push_back({cls, r.top(), r.bottom(), first, last});
    }
    const QString name =
        c.scene.overlay == RackOverlay::PipelineStages ? QStringLiteral("PP stage ")
        : c.scene.overlay == RackOverlay::DataReplicas
            ? QStringLiteral("DP replica ")
            : QString::fromStdString(models::groupKindShortName(*kind)) + QStringLiteral(" group ");
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Run &run : runs) {
        if (run.cls < 0 || run.bottom - run.top < px * 0.9)
            continue;
        const double x = rackRect.right() + c.scale * 0.6 + px * 0.9;
        const double top = run.top + 1.5, bottom = run.bottom - 1.5;
        p.setPen(QPen(groupColour(run.cls).darker(115), 2.0));
        p.drawLine(QLineF(x, top, x, bottom));
        p.drawLine(QLineF(x - px * 0.35, top, x, top));
        p.drawLine(QLineF(x - px * 0.35, bottom, x, bottom));
        p.setFont(font(px, true));
        p.setPen(rack_colours::text());
        const QString label = name + QString::number(run.cls) +
                              QStringLiteral(" · GPUs %1–%2").arg(run.firstGpu).arg(run.lastGpu);
        p.drawText(QRectF(x + px * 0.5, (top + bottom) / 2 - px, px * 20, px * 2),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

/// Zoomed into a rack: the left margin names each run of equal slots ("10 × compute tray").
void drawSlotRuns(QPainter &p, const Context &c) {
    const int focus = c.scene.focusItem;
    if (focus <= 0)
        return;
    const int rack = c.g.items[static_cast<size_t>(focus)].rack;
    if (rack < 0)
        return;
    const int rackItem = c.g.rackItems[static_cast<size_t>(rack)];
    const QRectF rackRect = mapped(c, c.g.items[static_cast<size_t>(rackItem)].rect);
    const double px = std::clamp(c.scale * 0.58, 9.0, 13.0);
    if (rackRect.left() < px * 12)
        return;
    struct Run {
        RackItemKind kind;
        int count;
        double top, bottom;
    };
    std::vector<Run> runs;
    for (size_t i = static_cast<size_t>(rackItem) + 1; i < c.g.items.size(); ++i) {
        const RackItem &item = c.g.items[i];
        if (item.parent != rackItem)
            continue;
        const QRectF r = mapped(c, item.rect);
        if (!runs.empty() && runs.back().kind == item.kind)
            ++runs.back().count, runs.back().bottom = r.bottom();
        else
            runs.push_back({item.kind, 1, r.top(), r.bottom()});
    }
    const double x = rackRect.left() - c.scale * 0.6 - px * 0.9;
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Run &run : runs) {
        QString what;
        switch (run.kind) {
        case RackItemKind::ComputeNode:
            what = c.g.gpusPerNode >= 8 ? QStringLiteral("server") : QStringLiteral("compute tray");
            what += QStringLiteral(" (%1 GPU").arg(c.g.gpusPerNode);
            if (c.g.cpusPerNode > 0)
                what += QStringLiteral(" + %1 CPU").arg(c.g.cpusPerNode);
            what += QLatin1Char(')');
            break;
        case RackItemKind::SwitchTray:
            what = QStringLiteral("NVLink switch tray");
            if (c.g.switchChipsPerTray > 0)
                what += QStringLiteral(" (%1 chips)").arg(c.g.switchChipsPerTray);
            break;
        case RackItemKind::PowerShelf:
            what = QStringLiteral("power shelf");
            break;
        case RackItemKind::Management:
            what = QStringLiteral("management switch");
            break;
        default:
            what = QStringLiteral("empty slot");
            break;
        }
        const QString label = QStringLiteral("%1 × %2").arg(run.count).arg(what);
        const double top = run.top + 1.5, bottom = run.bottom - 1.5;
        p.setPen(QPen(rack_colours::mutedText(), 1.5));
        p.drawLine(QLineF(x, top, x, bottom));
        p.drawLine(QLineF(x, top, x + px * 0.35, top));
        p.drawLine(QLineF(x, bottom, x + px * 0.35, bottom));
        p.setFont(font(px));
        p.setPen(rack_colours::text());
        p.drawText(QRectF(x - px * 24, (top + bottom) / 2 - px, px * 23.4, px * 2),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
}

/// "SU 1" tags on the corner of each scalable unit next to its leaf switches.
void drawSuLabels(QPainter &p, const Context &c) {
    const QRectF pod = mapped(c, c.g.items[0].rect);
    const double px = std::clamp(c.scale * 1.2, 9.0, 15.0);
    p.setFont(font(px, true));
    for (const RackItem &item : c.g.items) {
        if (item.kind != RackItemKind::ScalableUnit)
            continue;
        const QRectF r = mapped(c, item.rect);
        if (r.width() < px * 6)
            continue;
        const bool upper = r.center().y() < pod.center().y();
        const QString text = QStringLiteral("SU %1").arg(item.ordinal + 1);
        const QRectF tag(r.left() + 2, upper ? r.bottom() - px * 1.5 : r.top() + 2, px * 3.4,
                         px * 1.4);
        p.fillRect(tag, QColor(244, 246, 249));
        p.setPen(rack_colours::mutedText());
        p.drawText(tag, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

void computeHover(Context &c) {
    const int gpu = c.scene.hoveredGpu;
    if (!c.scene.parallel || gpu < 0 || gpu >= c.g.gpus ||
        c.scene.parallel->rankOfGpu[static_cast<size_t>(gpu)] < 0)
        return;
    c.hovering = true;
    c.highlighted.assign(static_cast<size_t>(c.g.gpus), 0);
    for (int k = 0; k < models::kGroupKinds; ++k) {
        const int id =
            c.scene.parallel->groupOfGpu[static_cast<size_t>(k)][static_cast<size_t>(gpu)];
        if (id < 0)
            continue;
        for (int member :
             c.scene.parallel->groups[static_cast<size_t>(k)][static_cast<size_t>(id)].gpus)
            c.highlighted[static_cast<size_t>(member)] = 1;
    }
}

void drawHover(QPainter &p, const Context &c) {
    if (!c.hovering)
        return;
    const int gpu = c.scene.hoveredGpu;
    const auto &o = *c.scene.parallel;
    const double w = std::clamp(c.scale * 0.16, 1.5, 3.5);
    struct Mark {
        GroupKind kind;
        Qt::PenStyle style;
    };
    for (const Mark m :
         {Mark{GroupKind::Pipeline, Qt::DotLine}, Mark{GroupKind::Data, Qt::DashLine},
          Mark{GroupKind::Expert, Qt::DashDotLine}, Mark{GroupKind::Context, Qt::DashDotDotLine},
          Mark{GroupKind::Tensor, Qt::SolidLine}}) {
        const int id = o.groupOfGpu[static_cast<size_t>(m.kind)][static_cast<size_t>(gpu)];
        const auto &members = o.groups[static_cast<size_t>(m.kind)][static_cast<size_t>(id)].gpus;
        if (members.size() < 2)
            continue;
        std::vector<char> only(static_cast<size_t>(c.g.gpus), 0);
        only[static_cast<size_t>(members.front())] = 1;
        QPen pen(QColor(15, 15, 15), w, m.style);
        drawGroupOutlines(p, c, m.kind, &only, pen, false);
    }
    const QRectF r =
        mapped(c, c.g.items[static_cast<size_t>(c.g.gpuItems[static_cast<size_t>(gpu)])].rect);
    p.setPen(QPen(rack_colours::bottleneck(), w * 1.4));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r.adjusted(-w, -w, w, w));
}

} // namespace

void drawDiagram(QPainter &p, const RackScene &scene, const QTransform &t, const QRectF &area) {
    const models::RackGeometry &g = *scene.geometry;
    Context c{scene, g, t, t.m11(), {}, {}, false};
    bool invertible = false;
    c.visible = t.inverted(&invertible).mapRect(area);
    computeHover(c);

    // Scalable-unit backgrounds, then cables underneath everything else.
    for (const RackItem &item : g.items) {
        if (item.kind != RackItemKind::ScalableUnit)
            continue;
        p.fillRect(mapped(c, item.rect), QColor(244, 246, 249));
    }
    drawCables(p, c);

    const QRectF visibleDevice = area;
    for (const RackItem &item : g.items) {
        if (item.kind == RackItemKind::Pod || item.kind == RackItemKind::ScalableUnit ||
            item.kind == RackItemKind::NvlinkDomain)
            continue;
        const QRectF r = mapped(c, item.rect);
        if (!r.intersects(visibleDevice))
            continue;
        switch (item.kind) {
        case RackItemKind::Rack:
            drawRack(p, c, item, r);
            break;
        case RackItemKind::ComputeNode:
        case RackItemKind::SwitchTray:
        case RackItemKind::PowerShelf:
        case RackItemKind::Management:
        case RackItemKind::OtherSlot:
            drawSlot(p, c, item, r);
            break;
        case RackItemKind::Gpu:
            drawGpu(p, c, item, r);
            break;
        case RackItemKind::Cpu:
            if (r.width() >= 1.0)
                fillBox(p, r, item.active ? rack_colours::cpu() : rack_colours::idleGpu(),
                        rack_colours::nodeBorder(), 0.0);
            if (r.width() >= 26 && r.height() >= 10)
                drawCentredText(p, r, QStringLiteral("CPU"), QColor(30, 40, 55),
                                std::min(r.height() * 0.4, r.width() / 3.4));
            break;
        case RackItemKind::NvSwitchChip:
            if (r.width() >= 1.0)
                p.fillRect(r, rack_colours::switchChip());
            if (r.width() >= 34 && r.height() >= 9)
                drawCentredText(p, r, QStringLiteral("NVSwitch"), QColor(240, 236, 250),
                                std::min(r.height() * 0.5, r.width() / 6.0));
            break;
        case RackItemKind::Nic:
            if (r.width() >= 0.8)
                p.fillRect(r, rack_colours::nic());
            break;
        case RackItemKind::LeafSwitch:
        case RackItemKind::SpineSwitch:
        case RackItemKind::CoreSwitch:
            drawSwitch(p, c, item, r);
            break;
        default:
            break;
        }
    }
    // NVLink domain outlines and overlay marks on top.
    for (const RackItem &item : g.items)
        if (item.kind == RackItemKind::NvlinkDomain)
            drawDomainOutline(p, c, item, mapped(c, item.rect));
    if (scene.outlineGroups && scene.parallel)
        drawGroupOutlines(p, c, *scene.outlineGroups, nullptr,
                          QPen(QColor(20, 20, 20), std::clamp(c.scale * 0.12, 1.2, 2.6)), true);
    drawBands(p, c);
    drawSlotRuns(p, c);
    drawSuLabels(p, c);
    drawHover(p, c);
    drawBottleneckCallout(p, c, area);
}

} // namespace rack_paint

void renderRack(QPainter &painter, const RackScene &scene, const QRectF &target) {
    painter.save();
    painter.fillRect(target, rack_colours::background());
    const RackFrame frame = rackFrame(target);
    rack_paint::drawHeader(painter, scene, frame.header);
    if (scene.geometry && !scene.geometry->items.empty()) {
        painter.save();
        painter.setClipRect(frame.diagram);
        rack_paint::drawDiagram(painter, scene, rackTransform(scene, target), frame.diagram);
        painter.restore();
    }
    rack_paint::drawLegend(painter, scene, frame.legend);
    painter.restore();
}

} // namespace scalescope::views
