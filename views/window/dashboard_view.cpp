#include "views/window/dashboard_view.h"

#include "views/charts/gpu_scaling_chart.h"
#include "views/charts/memory_chart.h"
#include "views/charts/scaling_law_chart.h"
#include "views/charts/step_time_chart.h"
#include "views/window/view_registry.h"

#include <QGridLayout>

namespace scalescope::views {

DashboardView::DashboardView(const ViewContext &context, QWidget *parent)
    : QWidget(parent) {
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(6);
    m_charts = {new MemoryChart(context.document, this), new StepTimeChart(context.document, this),
                new GpuScalingChart(context.document, this),
                new ScalingLawChart(context.document, this)};
    for (std::size_t i = 0; i < m_charts.size(); ++i)
        grid->addWidget(m_charts[i], static_cast<int>(i / 2), static_cast<int>(i % 2));
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
}

} // namespace scalescope::views
