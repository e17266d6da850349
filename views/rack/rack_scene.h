#pragma once

// Everything one rack picture shows: the geometry from models/, the overlays, the zoom focus
// and the hovered GPU. One painter function, renderRack(), draws it on screen (RackView) and
// into PNG/SVG/PDF exports, so the two can never differ.

#include "models/rack/rack_geometry.h"
#include "models/rack/rack_overlay.h"

#include <QRectF>
#include <QString>
#include <QTransform>

#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace scalescope::views {

/// What the GPUs are coloured by.
enum class RackOverlay {
    Hardware,       ///< no job: hardware only
    TensorGroups,   ///< one colour per TP group
    ContextGroups,  ///< one colour per CP group
    ExpertGroups,   ///< one colour per EP group
    DataReplicas,   ///< one colour per DP replica
    PipelineStages, ///< one colour per PP stage
    MemoryFill,     ///< HBM fill per GPU
    LinkTraffic,    ///< bytes per step on NVLink domains and fabric cables, bottleneck marked
};

/// All overlays in menu order.
[[nodiscard]] std::vector<RackOverlay> rackOverlays();
/// "TP groups", "PP stages", "Memory fill", ...
[[nodiscard]] QString rackOverlayName(RackOverlay overlay);
/// The group kind an overlay colours by; nullopt for hardware, memory and traffic.
[[nodiscard]] std::optional<models::GroupKind> overlayGroupKind(RackOverlay overlay);

/// One picture.
struct RackScene {
    std::shared_ptr<const models::RackGeometry> geometry;
    std::shared_ptr<const models::ParallelOverlay> parallel; ///< null: no job placed
    std::shared_ptr<const models::TrafficOverlay> traffic;   ///< null: no traffic known
    std::vector<double> memoryFill; ///< HBM fill per GPU (fraction); empty: unknown
    RackOverlay overlay = RackOverlay::Hardware;
    /// Groups drawn as outlines on top of the fill (e.g. TP groups over PP stages).
    std::optional<models::GroupKind> outlineGroups;
    QString title;
    QString subtitle;
    QString layoutSummary; ///< "TP 4 · PP 3 · DP 6 · rank order tp-cp-ep-dp-pp"
    QString gpuName;       ///< "H100 SXM5 80GB"
    QString cpuName;
    double hbmBytes = 0.0;
    int focusItem = 0;   ///< geometry item filling the diagram (0 = the whole pod)
    int hoveredGpu = -1; ///< GPU whose groups are highlighted; -1 = none
    /// Exports: antialias every cable even when thousands are drawn (slower than a frame).
    bool exportQuality = false;
};

/// The three areas of a picture in device coordinates.
struct RackFrame {
    QRectF header;
    QRectF diagram;
    QRectF legend;
};

/// Splits `target` into title band, diagram and legend (right of the diagram when the
/// target is wide, below it otherwise).
[[nodiscard]] RackFrame rackFrame(const QRectF &target);

/// Layout units -> device coordinates: the focus item's rectangle (with a margin) fitted into
/// the diagram area, aspect ratio kept.
[[nodiscard]] QTransform rackTransform(const RackScene &scene, const QRectF &target);

/// Geometry item under a device point (the innermost), or -1.
[[nodiscard]] int rackItemAt(const RackScene &scene, const QRectF &target, const QPointF &point);

/// Tooltip text for an item: what it is, where, and for GPUs the rank, its groups, memory fill
/// and the link classes its collectives use.
[[nodiscard]] QString rackTooltip(const RackScene &scene, int item);

/// Draws the whole picture (title, diagram, legend) into `target`. The only painter of rack
/// diagrams: RackView calls it for the screen, exportRack() for PNG/SVG/PDF.
void renderRack(QPainter &painter, const RackScene &scene, const QRectF &target);

} // namespace scalescope::views
