#include "views/window/view_registry.h"

#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "views/charts/gpu_scaling_chart.h"
#include "views/charts/memory_chart.h"
#include "views/charts/step_time_chart.h"
#include "views/charts/trend_chart.h"
#include "views/panels/catalog_browser.h"
#include "views/panels/fit_panel.h"
#include "views/panels/search_view.h"
#include "views/rack/rack_panel.h"
#include "views/window/dashboard_view.h"
#include "views/window/scaling_view.h"

namespace scalescope::views {

const std::vector<ViewInfo> &viewRegistry() {
    static const std::vector<ViewInfo> views = {
        {"dashboard", QObject::tr("Dashboard"),
         [](const ViewContext &c, QWidget *p) { return new DashboardView(c, p); }},
        {"memory", QObject::tr("Memory"),
         [](const ViewContext &c, QWidget *p) { return new MemoryChart(c.document, p); }},
        {"time", QObject::tr("Step time"),
         [](const ViewContext &c, QWidget *p) { return new StepTimeChart(c.document, p); }},
        {"cost", QObject::tr("Time && cost"),
         [](const ViewContext &c, QWidget *p) { return new GpuScalingChart(c.document, p); }},
        {"scaling", QObject::tr("Scaling"),
         [](const ViewContext &c, QWidget *p) { return new ScalingView(c.document, p); }},
        {"fit", QObject::tr("Fit"),
         [](const ViewContext &c, QWidget *p) { return new FitPanel(c.document, p); }},
        {"trend", QObject::tr("Trend"),
         [](const ViewContext &c, QWidget *p) {
             return new TrendView(
                 c.document,
                 c.data ? c.data->notableModels
                        : app::loadNotableModelTable(app::shippedDataDirectory() + "/trend"),
                 p);
         }},
        {"rack", QObject::tr("Racks"),
         [](const ViewContext &c, QWidget *p) {
             return new RackPanel(c.document, c.fields.catalog, p);
         }},
        {"search", QObject::tr("Search"),
         [](const ViewContext &c, QWidget *p) {
             return new SearchView(c.document, c.fields.catalog, p);
         }},
        {"catalog", QObject::tr("Catalog"),
         [](const ViewContext &c, QWidget *p) { return new CatalogBrowser(c.fields.catalog, p); }},
    };
    return views;
}

const ViewInfo *findView(const QString &name) {
    for (const auto &view : viewRegistry())
        if (view.name == name)
            return &view;
    return nullptr;
}

QStringList viewNames() {
    QStringList names;
    for (const auto &view : viewRegistry())
        names << view.name;
    return names;
}

} // namespace scalescope::views
