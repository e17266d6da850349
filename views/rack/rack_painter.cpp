#include "views/rack/rack_painter_parts.h"
#include "views/rack/rack_palette.h"

#include "models/core/format.h"

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
        style.fill = rack_colours::neutralGpu();
        return style;
    }
    style.fill = rack_colours::gpu();
    return style;
}

QRectF toRect(const models::LayoutRect &r) {
    return QRectF(r.x, r.y, r.width, r.height);
}

QRectF mapped(const PaintContext &c, const models::LayoutRect &r) {
    return c.t.mapRect(toRect(r));
}

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
                     double pixels, bool bold) {
    p.setFont(font(pixels, bold));
    p.setPen(colour);
    p.drawText(r, Qt::AlignCenter, text);
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

QString gpuLabel(const PaintContext &c, int gpu, bool wide) {
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

void drawGpu(QPainter &p, const PaintContext &c, const RackItem &item, const QRectF &r) {
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
bool scaleUpBottleneckNode(const PaintContext &c, int node) {
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

void drawSlot(QPainter &p, const PaintContext &c, const RackItem &item, const QRectF &r) {
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

void drawRack(QPainter &p, const PaintContext &c, const RackItem &item, const QRectF &r) {
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

void drawSwitch(QPainter &p, const PaintContext &c, const RackItem &item, const QRectF &r) {
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

void drawDomainOutline(QPainter &p, const PaintContext &c, const RackItem &item, const QRectF &r) {
    if (!item.active)
        return;
    QPen pen(rack_colours::nvlinkDomain(), std::clamp(c.scale * 0.18, 1.0, 3.0), Qt::DashLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
}

} // namespace

void drawDiagram(QPainter &p, const RackScene &scene, const QTransform &t, const QRectF &area) {
    const models::RackGeometry &g = *scene.geometry;
    PaintContext c{scene, g, t, t.m11(), {}, {}, false};
    bool invertible = false;
    c.visible = t.inverted(&invertible).mapRect(area);
    computeHover(c);

    // Scalable-unit backgrounds, then cables underneath everything else.
    for (const RackItem &item : g.items) {
        if (item.kind != RackItemKind::ScalableUnit)
            continue;
        p.fillRect(mapped(c, item.rect), rack_colours::scalableUnit());
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
