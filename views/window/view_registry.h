#pragma once

#include "app/document/field_metadata.h"
#include "app/document/scenario_fields.h"

#include <QString>

#include <functional>
#include <vector>

class QWidget;

namespace scalescope::app {
class ScenarioDocument;
struct AppData;
} // namespace scalescope::app

namespace scalescope::views {

/// What a view needs besides the document: the catalog and presets (through the field context),
/// the panel metadata and the loaded data (the Trend tab's table).
struct ViewContext {
    app::ScenarioDocument *document = nullptr;
    app::FieldContext fields;
    const app::FieldMetadata *metadata = nullptr;
    /// The loaded data; null: the Trend tab reads its table itself (callers without AppData).
    const app::AppData *data = nullptr;
};

/// One view the main window shows as a tab and `scalescope export --view NAME` renders.
struct ViewInfo {
    QString name;  ///< CLI name: "dashboard", "memory", ...
    QString title; ///< tab title
    std::function<QWidget *(const ViewContext &, QWidget *parent)> create;
};

/// Every view of this build, in tab order (dashboard first).
[[nodiscard]] const std::vector<ViewInfo> &viewRegistry();
/// The view called `name`, or null.
[[nodiscard]] const ViewInfo *findView(const QString &name);
/// Names for --help and error messages.
[[nodiscard]] QStringList viewNames();

} // namespace scalescope::views
