#include "views/rack/rack_export.h"

#include "views/export/export_file.h"

#include <QBuffer>
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

namespace {

/// The scene in `suffix`'s format as bytes, or an error naming `path`.
QString encodeRack(const RackScene &scene, const QString &suffix, const QSize &logicalSize,
                   const QString &path, QByteArray &bytes) {
    const QRectF target(QPointF(0, 0), QSizeF(logicalSize));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        const QImage image = renderRackImage(scene, logicalSize, 2.0);
        if (!image.save(&buffer, "PNG"))
            return QStringLiteral("%1: cannot encode the PNG image").arg(path);
        return {};
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(logicalSize);
        svg.setViewBox(target);
        svg.setTitle(scene.title);
        svg.setDescription(scene.subtitle);
        QPainter painter;
        if (!painter.begin(&svg))
            return QStringLiteral("%1: cannot render the SVG file").arg(path);
        renderRack(painter, scene, target);
        painter.end();
        return {};
    }
    QPdfWriter pdf(&buffer);
    pdf.setTitle(scene.title);
    pdf.setCreator(QStringLiteral("ScaleScope"));
    // One page exactly the picture's size at 96 px per inch (1 px = 0.75 pt).
    pdf.setPageSize(QPageSize(QSizeF(logicalSize) * 0.75, QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setResolution(192);
    QPainter painter;
    if (!painter.begin(&pdf))
        return QStringLiteral("%1: cannot render the PDF file").arg(path);
    painter.setWindow(target.toRect());
    painter.setViewport(QRect(QPoint(0, 0), QSize(pdf.width(), pdf.height())));
    renderRack(painter, scene, target);
    painter.end();
    return {};
}

} // namespace

QString exportRack(const RackScene &original, const QString &path, const QSize &logicalSize) {
    RackScene scene = original;
    scene.exportQuality = true;
    if (logicalSize.width() <= 0 || logicalSize.height() <= 0)
        return QStringLiteral("%1: --size: must be positive").arg(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf"))
        return QStringLiteral("%1: unknown export format '.%2' (use .png, .svg or .pdf)")
            .arg(path, suffix);
    // Rendered in memory, then written through QSaveFile: a failed export never leaves a
    // truncated file behind, and a file it replaces survives the failure.
    QByteArray bytes;
    if (const QString error = encodeRack(scene, suffix, logicalSize, path, bytes); !error.isEmpty())
        return error;
    return writeExportFile(path, bytes);
}

} // namespace scalescope::views
