#pragma once

#include <QSize>
#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace scalescope::views {

struct ViewContext;

enum class ExportFormat { Png, Svg, Pdf };

/// The format a file name asks for (by extension, case-insensitive), or nullopt.
[[nodiscard]] std::optional<ExportFormat> exportFormatForPath(const QString &path);

/// Renders `widget` as it is laid out now into `path`: PNG at `pngScale`× its logical size
/// (crisp on slides), SVG and PDF as vectors. Throws models::InputError(path, "", reason)
/// when the extension is unknown or the file cannot be written.
void exportWidget(QWidget *widget, const QString &path, double pngScale = 2.0);

/// A standalone widget showing view `name` (the dashboard and "compare" with the summary
/// strip under them), laid out at `size` without appearing on screen, every chart refreshed.
/// The views draw a private copy of the document, so the document itself is never changed:
/// "compare" turns compare mode on in the copy (A and B as selected, by default the first two
/// scenarios). The copy evaluates through `context.document`, so the widget must not outlive
/// it. Null when no view has that name.
[[nodiscard]] std::unique_ptr<QWidget> createExportWidget(const QString &name,
                                                          const ViewContext &context, QSize size);

/// A multi-page PDF of the workspace: a table of every scenario's key numbers, then one
/// dashboard page per scenario, then A vs B when there are two or more. Renders from a copy of
/// the document: the document emits no changed() and keeps its selection and comparison.
void exportReport(const ViewContext &context, const QString &path, QSize pageSize = {1600, 1000});

/// Names createExportWidget accepts (the registry's views plus "compare").
[[nodiscard]] QStringList exportViewNames();

} // namespace scalescope::views
