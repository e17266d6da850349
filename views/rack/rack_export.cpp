#include "views/rack/rack_export.h"

#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace scalescope::views {

QImage renderRackImage(const RackScene &scene, const QSize &logicalSize, double scale) {
    QImage image(logicalSize * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    RackScene exported = scene;
    exported.exportQuality = true;
    QPainter painter(&image);
    renderRack(painter, exported, QRectF(QPointF(0, 0), QSizeF(logicalSize)));
    painter.end();
    return image;
}

QString exportRack(const RackScene &original, const QString &path, const QSize &logicalSize) {
    RackScene scene = original;
    scene.exportQuality = true;
    if (logicalSize.width() <= 0 || logicalSize.height() <= 0)
        return QStringLiteral("%1: --size: must be positive").arg(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QRectF target(QPointF(0, 0), QSizeF(logicalSize));
    if (suffix == QLatin1String("png")) {
        const QImage image = renderRackImage(scene, logicalSize, 2.0);
        if (!image.save(path, "PNG"))
            return QStringLiteral("%1: cannot write the PNG file").arg(path);
        return {};
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(logicalSize);
        svg.setViewBox(target);
        svg.setTitle(scene.title);
        svg.setDescription(scene.subtitle);
        QPainter painter;
        if (!painter.begin(&svg))
            return QStringLiteral("%1: cannot write the SVG file").arg(path);
        renderRack(painter, scene, target);
        painter.end();
        return {};
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setTitle(scene.title);
        pdf.setCreator(QStringLiteral("ScaleScope"));
        // One page exactly the picture's size at 96 px per inch (1 px = 0.75 pt).
        pdf.setPageSize(QPageSize(QSizeF(logicalSize) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(192);
        QPainter painter;
        if (!painter.begin(&pdf))
            return QStringLiteral("%1: cannot write the PDF file").arg(path);
        painter.setWindow(target.toRect());
        painter.setViewport(QRect(QPoint(0, 0), QSize(pdf.width(), pdf.height())));
        renderRack(painter, scene, target);
        painter.end();
        return {};
    }
    return QStringLiteral("%1: unknown export format '.%2' (use .png, .svg or .pdf)")
        .arg(path, suffix);
}

} // namespace scalescope::views
