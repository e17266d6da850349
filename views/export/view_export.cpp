#include "views/export/view_export.h"

#include "app/document/background_job.h"
#include "app/document/scenario_document.h"
#include "models/core/input_error.h"
#include "views/charts/result_chart_view.h"
#include "views/export/export_file.h"
#include "views/panels/fit_panel.h"
#include "views/panels/search_view.h"
#include "views/panels/summary_strip.h"
#include "views/rack/rack_export.h"
#include "views/rack/rack_panel.h"
#include "views/rack/rack_view.h"
#include "views/style/view_format.h"
#include "views/window/view_registry.h"

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QVBoxLayout>

namespace scalescope::views {

namespace {

[[noreturn]] void fail(const QString &path, const QString &reason) {
    throw models::InputError(path.toStdString(), "", reason.toStdString());
}

void refreshCharts(QWidget *root) {
    // A search view shows nothing until searched: run it (synchronously here) for the export.
    auto searches = root->findChildren<SearchView *>();
    if (auto *search = qobject_cast<SearchView *>(root))
        searches << search;
    for (auto *search : searches) {
        if (!search->result()) {
            search->run();
            search->job()->waitForIdle();
        }
    }
    // Likewise the fit panel fits its first dataset.
    auto fits = root->findChildren<FitPanel *>();
    if (auto *fit = qobject_cast<FitPanel *>(root))
        fits << fit;
    for (auto *fit : fits) {
        if (!fit->outcome()) {
            fit->fit();
            fit->job()->waitForIdle();
        }
    }
    for (auto *chart : root->findChildren<ResultChartView *>())
        chart->refreshNow();
    if (auto *chart = qobject_cast<ResultChartView *>(root))
        chart->refreshNow();
    for (auto *strip : root->findChildren<SummaryStrip *>())
        strip->refresh();
    for (auto *racks : root->findChildren<RackPanel *>())
        racks->refreshNow();
}

/// Lays `widget` out at `size` without showing a window, so charts get their real geometry.
/// Only posted events (layout requests, deferred chart updates) are delivered, never user
/// input or timers: an export started from the GUI cannot re-enter it.
void layOut(QWidget *widget, QSize size) {
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(size);
    widget->show();
    QCoreApplication::sendPostedEvents();
    refreshCharts(widget);
    QCoreApplication::sendPostedEvents();
}

void renderPdfPage(QPainter &painter, QWidget *widget, const QRect &page) {
    const QSize size = widget->size();
    const double scale =
        std::min(double(page.width()) / size.width(), double(page.height()) / size.height());
    painter.save();
    painter.translate(page.topLeft());
    painter.scale(scale, scale);
    widget->render(&painter, QPoint(), QRegion(),
                   QWidget::DrawChildren | QWidget::DrawWindowBackground);
    painter.restore();
}

QString reportTableHtml(const app::ScenarioDocument &document) {
    QString html = "<h1>ScaleScope workspace report</h1>";
    if (!document.filePath().isEmpty())
        html += "<p>" + QFileInfo(document.filePath()).fileName().toHtmlEscaped() + "</p>";
    html += "<table border='1' cellspacing='0' cellpadding='6' width='100%'><tr>"
            "<th align='left'>Scenario</th><th>GPUs</th><th>Memory / GPU</th><th>Step</th>"
            "<th>MFU</th><th>Time to train</th><th>GPU-hours</th><th>Cost</th><th>Energy</th>"
            "</tr>";
    for (int i = 0; i < document.count(); ++i) {
        const auto &scenario = document.scenarioAt(i);
        const auto result = document.resultAt(i);
        html += "<tr><td>" + QString::fromStdString(scenario.name).toHtmlEscaped() + "</td>";
        html += "<td align='right'>" + integerText(scenario.hardware.numGpus) + "</td>";
        if (!result->valid) {
            html += "<td colspan='7'>invalid: " +
                    QString::fromStdString(result->error).toHtmlEscaped() + "</td></tr>";
            continue;
        }
        const QString fit = result->fitsInMemory ? QString() : QStringLiteral(" (does not fit)");
        for (const QString &cell :
             {bytesText(result->memory.totalBytes()) + " / " + bytesText(result->hbmBytes) + fit,
              durationText(result->step.timeSeconds), percentText(result->mfu),
              durationText(result->trainingSeconds), countText(result->gpuHours),
              usdText(result->costUsd), energyText(result->energyJoules)})
            html += "<td align='right'>" + cell.toHtmlEscaped() + "</td>";
        html += "</tr>";
    }
    return html + "</table>";
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString &path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png")
        return ExportFormat::Png;
    if (suffix == "svg")
        return ExportFormat::Svg;
    if (suffix == "pdf")
        return ExportFormat::Pdf;
    return std::nullopt;
}

namespace {

/// The rack panel `widget` shows (itself, or the only view of an export frame), if any: rack
/// diagrams export through their own painter (title and legend included), not as a widget
/// grab with the overlay/zoom toolbar.
RackPanel *rackPanelOf(QWidget *widget) {
    if (auto *panel = qobject_cast<RackPanel *>(widget))
        return panel;
    const auto panels = widget->findChildren<RackPanel *>();
    if (panels.size() == 1 && widget->findChildren<ResultChartView *>().isEmpty())
        return panels.first();
    return nullptr;
}

} // namespace

namespace {

/// `widget` rendered in `format` into memory (PNG at `pngScale`x, SVG and PDF as vectors).
QByteArray renderWidget(QWidget *widget, ExportFormat format, double pngScale,
                        const QString &path) {
    const QSize size = widget->size();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
    case ExportFormat::Png: {
        QImage image(size * pngScale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(pngScale);
        image.fill(widget->palette().color(QPalette::Window));
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            widget->render(&painter, QPoint(), QRegion(),
                           QWidget::DrawChildren | QWidget::DrawWindowBackground);
        }
        if (!image.save(&buffer, "PNG"))
            fail(path, "cannot encode the PNG image");
        break;
    }
    case ExportFormat::Svg: {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(), size));
        generator.setResolution(widget->logicalDpiX());
        generator.setTitle(QStringLiteral("ScaleScope"));
        QPainter painter;
        if (!painter.begin(&generator))
            fail(path, "cannot render the SVG file");
        widget->render(&painter, QPoint(), QRegion(),
                       QWidget::DrawChildren | QWidget::DrawWindowBackground);
        painter.end();
        break;
    }
    case ExportFormat::Pdf: {
        QPdfWriter writer(&buffer);
        // One device pixel per logical pixel at the widget's DPI keeps fonts their size.
        const int dpi = widget->logicalDpiX();
        writer.setResolution(dpi);
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / dpi, QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(QStringLiteral("ScaleScope"));
        writer.setCreator(QStringLiteral("ScaleScope"));
        QPainter painter;
        if (!painter.begin(&writer))
            fail(path, "cannot render the PDF file");
        renderPdfPage(painter, widget, QRect(QPoint(), size));
        painter.end();
        break;
    }
    }
    return bytes;
}

/// Writes an export rendered in memory; a failure throws with the OS reason (the text of
/// writeExportFile starts with the path, which InputError adds again).
void commitExport(const QString &path, const QByteArray &bytes) {
    const QString error = writeExportFile(path, bytes);
    if (!error.isEmpty())
        fail(path, error.mid(path.size() + 2));
}

} // namespace

void exportWidget(QWidget *widget, const QString &path, double pngScale) {
    const auto format = exportFormatForPath(path);
    // Without a scene (no catalog, invalid scenario) the panel's message is exported instead.
    if (auto *panel = rackPanelOf(widget); panel && format && panel->rackView()->scene().geometry) {
        const QString error = exportRack(panel->rackView()->scene(), path, widget->size());
        if (!error.isEmpty())
            fail(path, error.startsWith(path + ": ") ? error.mid(path.size() + 2) : error);
        return;
    }
    if (!format)
        fail(path, "unknown export format: use .png, .svg or .pdf");
    if (widget->size().isEmpty())
        fail(path, "the view has no size to render");
    // Rendered in memory, then written through QSaveFile: never a truncated file, and the
    // file it replaces survives any failure.
    commitExport(path, renderWidget(widget, *format, pngScale, path));
}

namespace {

/// A frame that owns the private copy of the document its views draw: exports select
/// scenarios and switch compare mode on the copy, never on the document the user is editing.
class ExportFrame : public QWidget {
public:
    explicit ExportFrame(std::unique_ptr<app::ScenarioDocument> document)
        : m_document(std::move(document)) {}
    ~ExportFrame() override {
        // The views watch the copy: delete them while it still exists.
        qDeleteAll(findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    }
    [[nodiscard]] app::ScenarioDocument *document() const { return m_document.get(); }

private:
    std::unique_ptr<app::ScenarioDocument> m_document;
};

/// A copy of `live` (scenarios, selection, comparison, file name) that reuses the live
/// results: a scenario equal to one of `live` gets that scenario's result, any other is
/// evaluated through `live` without touching it.
std::unique_ptr<app::ScenarioDocument> copyDocument(const app::ScenarioDocument &live) {
    const app::ScenarioDocument *source = &live;
    auto copy = std::make_unique<app::ScenarioDocument>([source](const models::Scenario &scenario) {
        for (int i = 0; i < source->count(); ++i)
            if (source->scenarioAt(i) == scenario)
                return *source->resultAt(i);
        return *source->evaluate(scenario);
    });
    copy->resetWorkspace(live.workspace(), live.filePath());
    copy->setCurrentIndex(live.currentIndex());
    copy->setComparison(live.comparison());
    return copy;
}

/// createExportWidget on a copy of the document; `comparison`, when given, replaces the
/// copy's comparison before the views are built.
std::unique_ptr<ExportFrame> createExportFrame(const QString &name, const ViewContext &context,
                                               QSize size,
                                               std::optional<app::Comparison> comparison) {
    const bool compare = name == "compare";
    const ViewInfo *view = findView(compare ? QStringLiteral("dashboard") : name);
    if (view == nullptr)
        return nullptr;
    auto frame = std::make_unique<ExportFrame>(copyDocument(*context.document));
    ViewContext local = context;
    local.document = frame->document();
    if (comparison)
        local.document->setComparison(*comparison);
    if (compare) {
        const auto &current = local.document->comparison();
        local.document->setComparison({true, current.a, current.b});
    }
    frame->setAutoFillBackground(true);
    auto *column = new QVBoxLayout(frame.get());
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(view->create(local, frame.get()), 1);
    if (name == "dashboard" || compare)
        column->addWidget(new SummaryStrip(local.document, frame.get()));
    layOut(frame.get(), size);
    return frame;
}

/// Lays out what the copy's last change altered (labels that grew a line), without running
/// the event loop: no user input or timer can re-enter while a report is written.
void settleLayout() {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

} // namespace

QStringList exportViewNames() {
    QStringList names = viewNames();
    names << "compare";
    return names;
}

std::unique_ptr<QWidget> createExportWidget(const QString &name, const ViewContext &context,
                                            QSize size) {
    return createExportFrame(name, context, size, std::nullopt);
}

void exportReport(const ViewContext &context, const QString &path, QSize pageSize) {
    if (exportFormatForPath(path) != ExportFormat::Pdf)
        fail(path, "a report is a PDF: use a .pdf file name");
    const app::Comparison live = context.document->comparison();
    auto page =
        createExportFrame("dashboard", context, pageSize, app::Comparison{false, live.a, live.b});
    app::ScenarioDocument *document = page->document();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    const int dpi = page->logicalDpiX();
    writer.setResolution(dpi);
    writer.setPageSize(QPageSize(QSizeF(pageSize) * 72.0 / dpi, QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(QStringLiteral("ScaleScope workspace report"));
    writer.setCreator(QStringLiteral("ScaleScope"));
    QPainter painter;
    if (!painter.begin(&writer))
        fail(path, "cannot render the PDF file");

    QTextDocument table;
    table.setDefaultFont(page->font());
    table.setHtml(reportTableHtml(*document));
    table.setTextWidth(pageSize.width() - 80);
    painter.save();
    painter.translate(40, 40);
    table.drawContents(&painter);
    painter.restore();

    const QRect full(QPoint(), pageSize);
    for (int i = 0; i < document->count(); ++i) {
        writer.newPage();
        document->setCurrentIndex(i);
        refreshCharts(page.get());
        settleLayout();
        renderPdfPage(painter, page.get(), full);
    }
    if (document->count() >= 2) {
        writer.newPage();
        document->setComparison({true, 0, 1});
        refreshCharts(page.get());
        settleLayout();
        renderPdfPage(painter, page.get(), full);
    }
    painter.end();
    commitExport(path, bytes);
}

} // namespace scalescope::views
