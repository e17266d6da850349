#include "views/rack/rack_panel.h"

#include "app/document/scenario_document.h"
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"
#include "models/rack/rack_traffic.h"
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
    // The job comes from the evaluated result (models::plannerRackJob with the planner's
    // effective bandwidths); this panel only places it on the catalog's racks and draws it.
    const auto result = m_document->result();
    QString problem;
    if (!result->rackJob) {
        // The planner's own words: "/parallelism/tp: ..." (the field, then the reason).
        const std::string reason = !result->rackError.empty() ? result->rackError
                                   : result->errorField.empty()
                                       ? result->error
                                       : result->errorField + ": " + result->error;
        problem = QString::fromStdString(reason);
    } else {
        try {
            m_view->setScene(makeRackScene(*m_catalog, m_document->current(), result->rackJob.get(),
                                           m_view->overlay()));
        } catch (const models::InputError &error) {
            problem = QString::fromStdString(error.what());
        }
    }
    // A rejected scenario keeps the last drawn picture; the reason is shown above it.
    m_problem->setText(
        problem.isEmpty() ? QString() : tr("Cannot place this scenario on racks: %1").arg(problem));
    m_problem->setVisible(!problem.isEmpty());
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
