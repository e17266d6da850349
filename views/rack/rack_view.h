#pragma once

// The rack diagram widget: an overlay selector, zoom controls and a canvas that paints the
// scene with renderRack(). Zoom levels: pod -> rack -> tray/node -> GPU (wheel or double-click
// zooms into the item under the cursor, right-click / Backspace / the button zooms out).
// Hovering a GPU highlights every group it belongs to; tooltips explain each item.

#include "views/rack/rack_scene.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace scalescope::views {

class RackCanvas;

/// Zoom levels of the rack diagram.
enum class RackZoom { Pod = 0, Rack = 1, Node = 2, Gpu = 3 };

/// Zoom level an item belongs to (SU and pod: Pod; rack and NVLink domain: Rack; slots and
/// fabric switches: Node; parts: Gpu).
[[nodiscard]] RackZoom rackZoomOf(models::RackItemKind kind);

/// The item to zoom into from `focus` when the user points at `hit`: the ancestor of `hit`
/// one level deeper than `focus`; `focus` itself when there is none.
[[nodiscard]] int rackZoomInTarget(const models::RackGeometry &geometry, int focus, int hit);
/// The ancestor of `focus` one level up (the pod, item 0, at the top).
[[nodiscard]] int rackZoomOutTarget(const models::RackGeometry &geometry, int focus);

class RackView : public QWidget {
    Q_OBJECT
public:
    explicit RackView(QWidget *parent = nullptr);
    ~RackView() override;

    /// Replaces the picture; keeps the chosen overlay and, when the geometry's item count is
    /// unchanged, the zoom.
    void setScene(RackScene scene);
    [[nodiscard]] const RackScene &scene() const { return m_scene; }

    void setOverlay(RackOverlay overlay);
    [[nodiscard]] RackOverlay overlay() const { return m_scene.overlay; }
    /// Shows geometry item `item` full size (0 = the pod).
    void zoomTo(int item);
    void zoomOut();
    void setHoveredGpu(int gpu);

    /// Where the canvas paints, in its own coordinates (for tests and hit-testing).
    [[nodiscard]] QRectF canvasRect() const;
    [[nodiscard]] QWidget *canvas() const;

signals:
    void overlayChanged(scalescope::views::RackOverlay overlay);
    void zoomChanged(int focusItem);
    void gpuHovered(int gpu);

private:
    friend class RackCanvas;
    void zoomInAt(const QPointF &canvasPoint);
    void hoverAt(const QPointF &canvasPoint);
    void updateBreadcrumb();

    RackScene m_scene;
    QComboBox *m_overlayBox = nullptr;
    QToolButton *m_zoomOutButton = nullptr;
    QLabel *m_breadcrumb = nullptr;
    RackCanvas *m_canvas = nullptr;
};

} // namespace scalescope::views

Q_DECLARE_METATYPE(scalescope::views::RackOverlay)
