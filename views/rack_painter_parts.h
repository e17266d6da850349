#pragma once

// Internal pieces of renderRack(): the title band and the legend (rack_legend.cpp) and the
// diagram (rack_painter.cpp). Not for use outside the rack painter.

#include "views/rack_scene.h"

#include <QColor>
#include <QFont>

class QPainter;

namespace scalescope::views::rack_paint {

/// A sans-serif font of `pixels` device-independent pixels.
[[nodiscard]] QFont font(double pixels, bool bold = false);

/// Colour and hatch of one GPU under the scene's overlay.
struct GpuStyle {
    QColor fill;
    Qt::BrushStyle pattern = Qt::NoBrush;
    QColor patternColour;
};

/// Style of GPU `gpu` for the current overlay (idle GPUs grey).
[[nodiscard]] GpuStyle gpuStyle(const RackScene &scene, int gpu);

/// Hatches `rect` with thin lines in the direction of `pattern` (BDiag "/", FDiag "\\",
/// DiagCross both), `spacing` device pixels apart. Drawn as clipped lines, not a pattern brush,
/// so SVG and PDF exports keep the hatching.
void hatch(QPainter &painter, const QRectF &rect, Qt::BrushStyle pattern, const QColor &colour,
           double spacing);

/// Title and subtitle.
void drawHeader(QPainter &painter, const RackScene &scene, const QRectF &area);
/// Overlay key, summaries, hardware key.
void drawLegend(QPainter &painter, const RackScene &scene, const QRectF &area);
/// Racks, parts, cables, switches and the overlay marks.
void drawDiagram(QPainter &painter, const RackScene &scene, const QTransform &transform,
                 const QRectF &area);

} // namespace scalescope::views::rack_paint
