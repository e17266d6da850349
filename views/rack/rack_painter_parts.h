#pragma once

// Internal pieces of renderRack(): the title band and the legend (rack_legend.cpp) and the
// diagram (rack_painter.cpp). Not for use outside the rack painter.

#include "views/rack/rack_scene.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QTransform>

#include <vector>

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

/// Everything the item loop needs, computed once per paint.
struct PaintContext {
    const RackScene &scene;
    const models::RackGeometry &g;
    QTransform t;
    double scale = 1.0;            ///< device pixels per layout unit
    QRectF visible;                ///< in layout units
    std::vector<char> highlighted; ///< per GPU: member of a hovered GPU's group
    bool hovering = false;
};

/// Layout rectangle -> QRectF, and mapped to device coordinates.
[[nodiscard]] QRectF toRect(const models::LayoutRect &r);
[[nodiscard]] QRectF mapped(const PaintContext &c, const models::LayoutRect &r);
/// A rectangle's outline `w` wide, inside `r`, as four fills: much cheaper than stroking
/// thousands of rectangles with a pen in the raster engine, and identical in SVG/PDF.
void frame(QPainter &p, const QRectF &r, const QColor &colour, double w);
/// Filled box with an optional outline.
void fillBox(QPainter &p, const QRectF &r, const QColor &fill, const QColor &border,
             double borderWidth);
void drawCentredText(QPainter &p, const QRectF &r, const QString &text, const QColor &colour,
                     double pixels, bool bold = false);

// rack_cables.cpp
/// True when the traffic overlay's bottleneck is the scale-out fabric.
[[nodiscard]] bool scaleOutBound(const RackScene &scene);
/// Fabric cables (bundled per rack and leaf when zoomed out), coloured by rail, tier or load.
void drawCables(QPainter &p, const PaintContext &c);
/// The bottleneck in words, top left of the diagram (traffic overlay).
void drawBottleneckCallout(QPainter &p, const PaintContext &c, const QRectF &area);

// rack_annotations.cpp
/// Outlines around runs of consecutive GPUs of each group of `kind` inside one node; `only`
/// (per GPU, indexed by a group's first member) restricts them; `labels` tags each group.
void drawGroupOutlines(QPainter &p, const PaintContext &c, models::GroupKind kind,
                       const std::vector<char> *only, const QPen &pen, bool labels);
/// Zoomed into a rack: brackets naming each run of nodes of one group, stage or replica.
void drawBands(QPainter &p, const PaintContext &c);
/// Zoomed into a rack: the left margin names each run of equal slots ("10 × compute tray").
void drawSlotRuns(QPainter &p, const PaintContext &c);
/// "SU 1" tags on each scalable unit next to its leaf switches.
void drawSuLabels(QPainter &p, const PaintContext &c);
/// Fills c.highlighted with the members of the hovered GPU's groups.
void computeHover(PaintContext &c);
/// Outlines of the hovered GPU's TP (solid), DP (dashed), PP (dotted), EP and CP groups.
void drawHover(QPainter &p, const PaintContext &c);

/// Title and subtitle.
void drawHeader(QPainter &painter, const RackScene &scene, const QRectF &area);
/// Overlay key, summaries, hardware key.
void drawLegend(QPainter &painter, const RackScene &scene, const QRectF &area);
/// Racks, parts, cables, switches and the overlay marks.
void drawDiagram(QPainter &painter, const RackScene &scene, const QTransform &transform,
                 const QRectF &area);

} // namespace scalescope::views::rack_paint
