#include "views/charts/memory_chart.h"

#include "views/charts/chart_axes.h"
#include "views/charts/chart_series.h"
#include "views/panels/explanation_text.h"
#include "views/style/view_format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QCursor>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace scalescope::views {

namespace {

double termBytes(const models::MemoryBreakdown &memory, MemoryTerm term) {
    switch (term) {
    case MemoryTerm::Weights:
        return memory.weightsBytes;
    case MemoryTerm::Gradients:
        return memory.gradientsBytes;
    case MemoryTerm::Optimizer:
        return memory.optimizerBytes;
    case MemoryTerm::Activations:
        return memory.activationsBytes;
    case MemoryTerm::KvCache:
        return memory.kvCacheBytes;
    case MemoryTerm::Other:
        break;
    }
    return memory.otherBytes;
}

/// Stage indices to draw: all when few, else an even sample keeping the first and last.
std::vector<int> sampledStages(int count, int maximum) {
    std::vector<int> stages;
    if (count <= maximum) {
        for (int i = 0; i < count; ++i)
            stages.push_back(i);
        return stages;
    }
    for (int i = 0; i < maximum; ++i)
        stages.push_back(static_cast<int>(std::lround(double(i) * (count - 1) / (maximum - 1))));
    return stages;
}

} // namespace

MemoryChart::MemoryChart(app::ScenarioDocument *document, QWidget *parent)
    : ResultChartView(document, "memory", parent)
    , m_bars(new QStackedBarSeries(this))
    , m_categoryAxis(new QBarCategoryAxis(this))
    , m_valueAxis(new QCategoryAxis(this)) {
    for (int t = 0; t < kMemoryTermCount; ++t) {
        const auto term = static_cast<MemoryTerm>(t);
        auto *set = new QBarSet(memoryTermName(term), this);
        set->setColor(memoryTermColor(term));
        set->setBorderColor(memoryTermColor(term).darker(130));
        connect(set, &QBarSet::hovered, this,
                [this, term](bool on, int index) { showBarTooltip(on, index, term); });
        m_sets[t] = set;
        m_bars->append(set);
    }
    m_bars->setBarWidth(0.7);
    chart()->addSeries(m_bars);
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->addAxis(m_categoryAxis, Qt::AlignBottom);
    chart()->addAxis(m_valueAxis, Qt::AlignLeft);
    m_bars->attachAxis(m_categoryAxis);
    m_bars->attachAxis(m_valueAxis);
    m_valueAxis->setTitleText(tr("GiB per GPU (binary)"));
}

void MemoryChart::refresh(const std::vector<ShownScenario> &shown) {
    m_shown = shown;
    m_barOrigin.clear();
    QStringList categories;
    const bool compare = compareMode();
    for (int s = 0; s < static_cast<int>(shown.size()); ++s) {
        const auto &result = *shown[s].result;
        const int stages = static_cast<int>(result.stageMemory.size());
        if (compare || stages <= 1) {
            m_barOrigin.emplace_back(s, -1);
            categories << (compare ? shown[s].shortLabel : tr("Most loaded GPU"));
            continue;
        }
        for (int stage : sampledStages(stages, kMaxStages)) {
            m_barOrigin.emplace_back(s, stage);
            categories << tr("Stage %1").arg(stage + 1);
        }
    }

    double maximumGib = 1.0;
    for (int t = 0; t < kMemoryTermCount; ++t) {
        QList<qreal> values;
        for (const auto &[s, stage] : m_barOrigin) {
            const auto &result = *shown[s].result;
            const auto &memory = stage < 0 ? result.memory : result.stageMemory[stage];
            values << termBytes(memory, static_cast<MemoryTerm>(t)) / kGib;
        }
        replaceValues(m_sets[t], values);
    }
    for (int bar = 0; bar < static_cast<int>(m_barOrigin.size()); ++bar) {
        double total = 0.0;
        for (int t = 0; t < kMemoryTermCount; ++t)
            total += m_sets[t]->at(bar);
        maximumGib = std::max(maximumGib, total);
    }

    // HBM capacity: one line across all bars, or one short segment over each scenario's bar.
    const int bars = static_cast<int>(m_barOrigin.size());
    m_hbmShown = 0;
    for (int s = 0; s < static_cast<int>(shown.size()); ++s) {
        const double hbmGib = shown[s].result->hbmBytes / kGib;
        if (hbmGib <= 0.0)
            continue;
        maximumGib = std::max(maximumGib, hbmGib);
        if (static_cast<int>(m_hbmLines.size()) <= m_hbmShown) {
            auto *created = new QLineSeries(this);
            chart()->addSeries(created);
            created->attachAxis(m_categoryAxis);
            created->attachAxis(m_valueAxis);
            m_hbmLines.push_back(created);
        }
        QLineSeries *line = m_hbmLines[m_hbmShown++];
        line->setVisible(true);
        const double from = compare ? s - 0.45 : -0.5;
        const double to = compare ? s + 0.45 : bars - 0.5;
        line->replace({QPointF(from, hbmGib), QPointF(to, hbmGib)});
        QPen pen(compare ? shown[s].color : palette().color(QPalette::WindowText));
        pen.setWidthF(2.5);
        pen.setStyle(Qt::DashLine);
        line->setPen(pen);
        line->setName(compare
                          ? tr("HBM %1: %2").arg(scenarioLetter(s), usableMemoryText(hbmGib * kGib))
                          : tr("HBM %1").arg(usableMemoryText(hbmGib * kGib)));
    }
    for (int i = m_hbmShown; i < static_cast<int>(m_hbmLines.size()); ++i)
        m_hbmLines[i]->setVisible(false);

    m_categoryAxis->setCategories(categories);
    // Terms that are zero everywhere (KV cache while training, CP traffic without CP) would
    // only crowd the legend.
    const auto markers = chart()->legend()->markers(m_bars);
    for (int t = 0; t < kMemoryTermCount && t < markers.size(); ++t)
        markers[t]->setVisible(m_sets[t]->sum() > 0.0);
    setLinearTicks(
        m_valueAxis, 0.0, niceCeiling(maximumGib * 1.08),
        [](double gib) { return bytesText(gib * kGib); }, 6);

    if (shown.empty()) {
        setTitleLines(tr("Memory per GPU"));
        return;
    }
    const auto &first = *shown.front().result;
    const QString fits = first.fitsInMemory ? tr("fits") : tr("does NOT fit");
    QString title =
        tr("Memory per GPU: %1 of %2 (%3)")
            .arg(bytesText(first.memory.totalBytes()), usableMemoryText(first.hbmBytes), fits);
    QString subtitle;
    if (compare && shown.size() == 2) {
        const auto &second = *shown[1].result;
        title = tr("Memory per GPU (most loaded)");
        subtitle =
            tr("A %1 of %2 · B %3 of %4 · B ÷ A %5")
                .arg(bytesText(first.memory.totalBytes()), usableMemoryText(first.hbmBytes),
                     bytesText(second.memory.totalBytes()), usableMemoryText(second.hbmBytes),
                     ratioText(second.memory.totalBytes(), first.memory.totalBytes()));
    } else if (first.stageMemory.size() > 1) {
        subtitle =
            tr("%1 pipeline stages; dashed line: HBM capacity").arg(first.stageMemory.size());
    }
    setTitleLines(title, subtitle);
}

void MemoryChart::showBarTooltip(bool hovering, int index, MemoryTerm term) {
    if (!hovering || index < 0 || index >= static_cast<int>(m_barOrigin.size())) {
        QToolTip::hideText();
        return;
    }
    const auto &[s, stage] = m_barOrigin[index];
    const auto &result = *m_shown[s].result;
    const auto &memory = stage < 0 ? result.memory : result.stageMemory[stage];
    const QString where = stage < 0 ? QString() : tr(" (stage %1)").arg(stage + 1);
    const QString headline =
        tr("%1%2: %3").arg(memoryTermName(term), where, bytesText(termBytes(memory, term)));
    QToolTip::showText(QCursor::pos(), explanationTooltip(result, memoryTermKey(term), headline),
                       this);
}

double MemoryChart::plottedGib(MemoryTerm term, int bar) const {
    return m_sets[static_cast<int>(term)]->at(bar);
}

int MemoryChart::barCount() const {
    return static_cast<int>(m_barOrigin.size());
}

std::vector<double> MemoryChart::hbmLinesGib() const {
    std::vector<double> out;
    for (int i = 0; i < m_hbmShown; ++i)
        out.push_back(m_hbmLines[i]->at(0).y());
    return out;
}

} // namespace scalescope::views
