#include "views/charts/result_chart_view.h"

#include "app/document/scenario_document.h"
#include "views/style/theme.h"

#include <QAbstractSeries>
#include <QEvent>
#include <QShowEvent>

namespace scalescope::views {

ResultChartView::ResultChartView(app::ScenarioDocument *document, QString viewName, QWidget *parent)
    : QChartView(parent)
    , m_document(document)
    , m_viewName(std::move(viewName)) {
    setRenderHint(QPainter::Antialiasing);
    // Four of these fit a 1280×720 projector in presentation mode, two rows of two.
    setMinimumSize(280, 180);
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(6, 6, 6, 6));
    connect(m_document, &app::ScenarioDocument::changed, this, &ResultChartView::onDocumentChanged);
}

bool ResultChartView::compareMode() const {
    return m_document->comparison().enabled;
}

std::vector<ShownScenario> ResultChartView::shownScenarios() const {
    std::vector<int> indices;
    const auto &comparison = m_document->comparison();
    if (comparison.enabled)
        indices = {comparison.a, comparison.b};
    else if (m_document->currentIndex() >= 0)
        indices = {m_document->currentIndex()};
    std::vector<ShownScenario> shown;
    for (std::size_t slot = 0; slot < indices.size(); ++slot) {
        const int index = indices[slot];
        ShownScenario item;
        item.index = index;
        item.result = m_document->resultAt(index);
        item.scenario = m_document->scenarioAt(index);
        if (!item.result->valid) {
            item.stale = true;
            item.error = QString::fromStdString(item.result->error);
            item.result = m_document->lastValidResultAt(index);
            if (!item.result || !m_document->lastValidScenarioAt(index))
                continue;
            item.scenario = *m_document->lastValidScenarioAt(index);
        }
        const QString name = QString::fromStdString(m_document->scenarioAt(index).name);
        item.label = comparison.enabled
                         ? scenarioLetter(static_cast<int>(slot)) + QStringLiteral(" · ") + name
                         : name;
        const auto &hardware = m_document->scenarioAt(index).hardware;
        const QString machine =
            QStringLiteral("%1× %2")
                .arg(hardware.numGpus)
                .arg(QString::fromStdString(hardware.systemId.empty() ? hardware.gpuId
                                                                      : hardware.systemId));
        item.shortLabel = comparison.enabled ? scenarioLetter(static_cast<int>(slot)) +
                                                   QStringLiteral(" · ") + machine
                                             : machine;
        item.color = scenarioColor(static_cast<int>(slot));
        shown.push_back(std::move(item));
    }
    return shown;
}

void ResultChartView::refreshNow() {
    const auto shown = shownScenarios();
    m_stale = false;
    m_staleReason.clear();
    for (const auto &item : shown) {
        if (item.stale) {
            m_stale = true;
            m_staleReason = item.error;
        }
    }
    if (shown.empty() && m_document->currentIndex() >= 0) {
        m_stale = true;
        m_staleReason = QString::fromStdString(m_document->result()->error);
    }
    refresh(shown);
    if (!m_styled) {
        // Axes and legend exist now; later palette or font changes restyle in changeEvent.
        styleChart(chart(), palette(), font());
        m_styled = true;
    }
    applyStaleLook();
    m_outOfDate = false;
}

void ResultChartView::setTitleLines(const QString &title, const QString &subtitle) {
    QString text = "<b>" + title.toHtmlEscaped() + "</b>";
    QString second = subtitle;
    if (m_stale)
        second = tr("Invalid input (%1): showing the last valid result").arg(m_staleReason);
    if (!second.isEmpty())
        text += "<br><span style='font-weight:normal; font-size:small'>" + second.toHtmlEscaped() +
                "</span>";
    chart()->setTitle(text);
}

void ResultChartView::applyStaleLook() {
    const double opacity = m_stale ? 0.3 : 1.0;
    for (QAbstractSeries *series : chart()->series())
        series->setOpacity(opacity);
}

void ResultChartView::onDocumentChanged() {
    if (isVisible())
        refreshNow();
    else
        m_outOfDate = true;
}

void ResultChartView::showEvent(QShowEvent *event) {
    if (m_outOfDate)
        refreshNow();
    QChartView::showEvent(event);
}

void ResultChartView::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        styleChart(chart(), palette(), font());
        // Series drawn in theme colours (the HBM line) are coloured in refresh: redo it.
        if (m_styled)
            onDocumentChanged();
    }
    QChartView::changeEvent(event);
}

} // namespace scalescope::views
