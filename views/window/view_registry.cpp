#include "views/view_registry.h"

#include "views/catalog_browser.h"
#include "views/dashboard_view.h"
#include "views/fit_panel.h"
#include "views/gpu_scaling_chart.h"
#include "views/memory_chart.h"
#include "views/rack_panel.h"
#include "views/scaling_view.h"
#include "views/search_view.h"
#include "views/step_time_chart.h"
#include "views/trend_chart.h"

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
         [](const ViewContext &c, QWidget *p) {
             return new ScalingView(c.document, c.scaling, p);
         }},
        {"fit", QObject::tr("Fit"),
         [](const ViewContext &c, QWidget *p) { return new FitPanel(c.scaling, p); }},
        {"trend", QObject::tr("Trend"),
         [](const ViewContext &c, QWidget *p) { return new TrendView(c.document, p); }},
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
