#include "views/charts/step_time_chart.h"

#include "views/charts/chart_axes.h"
#include "views/charts/chart_series.h"
#include "views/panels/explanation_text.h"
#include "views/style/view_format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QCursor>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QToolTip>

#include <algorithm>

namespace scalescope::views {

double stepTermSeconds(const models::StepBreakdown &step, StepTerm term) {
    switch (term) {
    case StepTerm::Compute:
        return step.computeSeconds;
    case StepTerm::TpComm:
        return step.tpCommSeconds;
    case StepTerm::CpComm:
        return step.cpCommSeconds;
    case StepTerm::EpComm:
        return step.epCommSeconds;
    case StepTerm::DpComm:
        return step.dpCommSeconds;
    case StepTerm::PpComm:
        return step.ppCommSeconds;
    case StepTerm::Bubble:
        return step.bubbleSeconds;
    case StepTerm::Optimizer:
        break;
    }
    return step.optimizerSeconds;
}

StepTimeChart::StepTimeChart(app::ScenarioDocument *document, QWidget *parent)
    : ResultChartView(document, "time", parent)
    , m_bars(new QHorizontalStackedBarSeries(this))
    , m_categoryAxis(new QBarCategoryAxis(this))
    , m_valueAxis(new QCategoryAxis(this)) {
    for (int t = 0; t < kStepTermCount; ++t) {
        const auto term = static_cast<StepTerm>(t);
        auto *set = new QBarSet(stepTermName(term), this);
        set->setColor(stepTermColor(term));
        set->setBorderColor(stepTermColor(term).darker(130));
        connect(set, &QBarSet::hovered, this,
                [this, term](bool on, int index) { showBarTooltip(on, index, term); });
        m_sets[t] = set;
        m_bars->append(set);
    }
    m_bars->setBarWidth(0.5);
    chart()->addSeries(m_bars);
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->addAxis(m_categoryAxis, Qt::AlignLeft);
    chart()->addAxis(m_valueAxis, Qt::AlignBottom);
    m_bars->attachAxis(m_categoryAxis);
    m_bars->attachAxis(m_valueAxis);
    m_valueAxis->setTitleText(tr("Time per optimizer step"));
}

void StepTimeChart::refresh(const std::vector<ShownScenario> &shown) {
    m_shown = shown;
    QStringList categories;
    // Bars read top to bottom as A, B: horizontal bar charts stack categories bottom-up.
    std::vector<int> order;
    for (int s = static_cast<int>(shown.size()) - 1; s >= 0; --s)
        order.push_back(s);
    // Scenario names are in the title and the window; the bar says what a presenter quotes.
    const bool compare = compareMode();
    for (int s : order)
        categories
            << (compare ? tr("%1: MFU %2").arg(scenarioLetter(s), percentText(shown[s].result->mfu))
                        : tr("MFU %1").arg(percentText(shown[s].result->mfu)));
    double maximum = 0.0;
    for (int t = 0; t < kStepTermCount; ++t) {
        QList<qreal> values;
        for (int s : order)
            values << stepTermSeconds(shown[s].result->step, static_cast<StepTerm>(t));
        replaceValues(m_sets[t], values);
    }
    for (const auto &item : shown) {
        double total = 0.0;
        for (int t = 0; t < kStepTermCount; ++t)
            total += stepTermSeconds(item.result->step, static_cast<StepTerm>(t));
        maximum = std::max({maximum, total, item.result->step.timeSeconds});
    }
    m_categoryAxis->setCategories(categories);
    // Terms that are zero everywhere (KV cache while training, CP traffic without CP) would
    // only crowd the legend.
    const auto markers = chart()->legend()->markers(m_bars);
    for (int t = 0; t < kStepTermCount && t < markers.size(); ++t)
        markers[t]->setVisible(m_sets[t]->sum() > 0.0);
    setLinearTicks(
        m_valueAxis, 0.0, niceCeiling(maximum > 0.0 ? maximum * 1.05 : 1.0),
        [](double seconds) { return durationText(seconds); }, 6);

    if (shown.empty()) {
        setTitleLines(tr("Step time"));
        return;
    }
    const auto &a = *shown.front().result;
    if (compare && shown.size() == 2) {
        const auto &b = *shown[1].result;
        setTitleLines(tr("Step time and MFU"),
                      tr("A %1 · B %2 · B ÷ A %3 step time, MFU %4 → %5")
                          .arg(durationText(a.step.timeSeconds), durationText(b.step.timeSeconds),
                               ratioText(b.step.timeSeconds, a.step.timeSeconds),
                               percentText(a.mfu), percentText(b.mfu)));
        return;
    }
    setTitleLines(
        tr("Step time %1 · MFU %2").arg(durationText(a.step.timeSeconds), percentText(a.mfu)),
        tr("%1 tokens/s per GPU · %2 per GPU · %3")
            .arg(countText(a.tokensPerSecondPerGpu), siText(a.modelFlopsPerSecondPerGpu, "FLOP/s"),
                 QString::fromStdString(a.mfuBasis)));
}

void StepTimeChart::showBarTooltip(bool hovering, int index, StepTerm term) {
    const int count = static_cast<int>(m_shown.size());
    if (!hovering || index < 0 || index >= count) {
        QToolTip::hideText();
        return;
    }
    const auto &result = *m_shown[count - 1 - index].result;
    const double seconds = stepTermSeconds(result.step, term);
    const QString headline =
        tr("%1: %2 (%3 of the step)")
            .arg(stepTermName(term), durationText(seconds),
                 percentText(result.step.timeSeconds > 0 ? seconds / result.step.timeSeconds : 0));
    QToolTip::showText(QCursor::pos(), explanationTooltip(result, stepTermKey(term), headline),
                       this);
}

double StepTimeChart::plottedSeconds(StepTerm term, int bar) const {
    return m_sets[static_cast<int>(term)]->at(bar);
}

int StepTimeChart::barCount() const {
    return m_sets[0]->count();
}

} // namespace scalescope::views
