#include "views/window/scaling_view.h"

#include "views/charts/isoflop_chart.h"
#include "views/charts/scaling_law_chart.h"

#include <QHBoxLayout>

namespace scalescope::views {

ScalingView::ScalingView(app::ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_loss(new ScalingLawChart(document, this))
    , m_isoFlop(new IsoFlopChart(document, this)) {
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(4, 4, 4, 4);
    row->addWidget(m_loss, 1);
    row->addWidget(m_isoFlop, 1);
}

} // namespace scalescope::views
