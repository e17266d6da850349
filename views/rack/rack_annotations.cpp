// Overlay marks of the rack diagram: group outlines, stage brackets, slot names, SU tags and
// the hovered GPU's groups.
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

void drawGroupOutlines(QPainter &p, const PaintContext &c, GroupKind kind,
                       const std::vector<char> *only, const QPen &pen, bool labels) {
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

namespace {

/// True when no other rack (nor the picture's edge) covers `area`: margin labels go there.
bool marginIsFree(const PaintContext &c, int rack, const QRectF &area) {
    if (!c.t.mapRect(c.visible).contains(area))
        return false;
    for (size_t r = 0; r < c.g.rackItems.size(); ++r)
        if (static_cast<int>(r) != rack &&
            mapped(c, c.g.items[static_cast<size_t>(c.g.rackItems[r])].rect).intersects(area))
            return false;
    return true;
}

} // namespace

void drawBands(QPainter &p, const PaintContext &c) {
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
    if (!marginIsFree(c, rack,
                      QRectF(rackRect.right(), rackRect.top(), px * 16, rackRect.height())))
        return;
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

void drawSlotRuns(QPainter &p, const PaintContext &c) {
    const int focus = c.scene.focusItem;
    if (focus <= 0)
        return;
    const int rack = c.g.items[static_cast<size_t>(focus)].rack;
    if (rack < 0)
        return;
    const int rackItem = c.g.rackItems[static_cast<size_t>(rack)];
    const QRectF rackRect = mapped(c, c.g.items[static_cast<size_t>(rackItem)].rect);
    const double px = std::clamp(c.scale * 0.58, 9.0, 13.0);
    if (!marginIsFree(
            c, rack, QRectF(rackRect.left() - px * 18, rackRect.top(), px * 18, rackRect.height())))
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

void drawSuLabels(QPainter &p, const PaintContext &c) {
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
        p.fillRect(tag, rack_colours::scalableUnit());
        p.setPen(rack_colours::mutedText());
        p.drawText(tag, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

void computeHover(PaintContext &c) {
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

void drawHover(QPainter &p, const PaintContext &c) {
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

} // namespace scalescope::views::rack_paint
