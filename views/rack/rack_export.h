#pragma once

// Export of the rack diagram through the same painter as the screen: PNG at 2x for crisp
// slides (QImage), SVG (QSvgGenerator) and PDF (QPdfWriter).

#include "views/rack/rack_scene.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace scalescope::views {

/// The scene rendered at export quality into an image of `logicalSize` x `scale` device pixels
/// (device pixel ratio `scale`, white background).
[[nodiscard]] QImage renderRackImage(const RackScene &scene, const QSize &logicalSize,
                                     double scale = 2.0);

/// Writes the scene to `path`, the format chosen by the suffix (.png at 2x, .svg, .pdf), at
/// `logicalSize` logical pixels. Returns an empty string on success, else the reason.
[[nodiscard]] QString exportRack(const RackScene &scene, const QString &path,
                                 const QSize &logicalSize = QSize(1600, 1000));

} // namespace scalescope::views
