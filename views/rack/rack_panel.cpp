#include "views/rack/rack_panel.h"

#include "app/document/scenario_document.h"
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "views/rack/rack_scene_builder.h"
#include "views/rack/rack_view.h"

#include <QLabel>
#include <QShowEvent>
#include <QVBoxLayout>

namespace scalescope::views {

RackPanel::RackPanel(app::ScenarioDocument *document, const models::Catalog *catalog,
                     QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_catalog(catalog)
    , m_view(new RackView(this))
    , m_problem(new QLabel(this)) {
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_problem->setObjectName("panelBanner");
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    column->addWidget(m_problem);
    column->addWidget(m_view, 1);
    // Start with the job visible: which GPUs form each pipeline stage.
    m_view->setOverlay(RackOverlay::PipelineStages);
    // The overlay choice survives scenario changes; re-place the job when it changes.
    connect(m_view, &RackView::overlayChanged, this, [this] { refreshNow(); });
    connect(m_document, &app::ScenarioDocument::changed, this, [this] {
        if (isVisible())
            refreshNow();
        else
            m_outOfDate = true;
    });
}

void RackPanel::refreshNow() {
    m_outOfDate = false;
    if (m_catalog == nullptr || m_document->currentIndex() < 0)
        return;
    try {
        m_view->setScene(makeRackScene(*m_catalog, m_document->current(), m_view->overlay()));
        m_problem->clear();
        m_problem->setVisible(false);
    } catch (const models::InputError &error) {
        // The last drawn picture stays; the reason is shown above it.
        m_problem->setText(tr("Cannot place this scenario on racks: %1")
                               .arg(QString::fromStdString(error.what())));
        m_problem->setVisible(true);
    }
}

QString RackPanel::problem() const {
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void RackPanel::showEvent(QShowEvent *event) {
    if (m_outOfDate)
        refreshNow();
    QWidget::showEvent(event);
}

} // namespace scalescope::views
