#include "views/charts/gpu_scaling_chart.h"

#include "app/document/scenario_document.h"
#include "views/charts/chart_axes.h"
#include "views/panels/explanation_text.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QCategoryAxis>
#include <QCursor>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace scalescope::views {

GpuScalingChart::GpuScalingChart(app::ScenarioDocument *document, QWidget *parent)
    : ResultChartView(document, "cost", parent)
    , m_gpuAxis(new QCategoryAxis(this))
    , m_daysAxis(new QCategoryAxis(this))
    , m_costAxis(new QCategoryAxis(this)) {
    chart()->addAxis(m_gpuAxis, Qt::AlignBottom);
    chart()->addAxis(m_daysAxis, Qt::AlignLeft);
    chart()->addAxis(m_costAxis, Qt::AlignRight);
    m_gpuAxis->setTitleText(tr("GPUs (log scale)"));
    m_daysAxis->setTitleText(tr("Time to train (solid)"));
    m_costAxis->setTitleText(tr("Cost (dashed)"));
    m_costAxis->setGridLineVisible(false);
}

const std::vector<GpuSweepPoint> &GpuScalingChart::plotted(int slot) const {
    static const std::vector<GpuSweepPoint> none;
    return slot >= 0 && slot < static_cast<int>(m_plotted.size()) ? m_plotted[slot] : none;
}

GpuScalingChart::Slot &GpuScalingChart::slot(int index) {
    while (static_cast<int>(m_slots.size()) <= index) {
        Slot slot;
        slot.days = new QLineSeries(this);
        slot.cost = new QLineSeries(this);
        slot.here = new QScatterSeries(this);
        slot.days->setPointsVisible(true);
        slot.cost->setPointsVisible(true);
        slot.here->setMarkerSize(14);
        for (QXYSeries *series :
             {static_cast<QXYSeries *>(slot.days), static_cast<QXYSeries *>(slot.cost),
              static_cast<QXYSeries *>(slot.here)}) {
            chart()->addSeries(series);
            series->attachAxis(m_gpuAxis);
            series->attachAxis(series == slot.cost ? m_costAxis : m_daysAxis);
        }
        const int which = static_cast<int>(m_slots.size());
        connect(slot.here, &QScatterSeries::hovered, this,
                [this, which](const QPointF &, bool on) { showScenarioTooltip(which, on); });
        m_slots.push_back(slot);
    }
    return m_slots[index];
}

void GpuScalingChart::showScenarioTooltip(int index, bool on) {
    if (!on || index >= static_cast<int>(m_heldResults.size())) {
        QToolTip::hideText();
        return;
    }
    const auto &held = *m_heldResults[index];
    const QString headline = tr("%1 to train · %2 · %3 GPU-hours")
                                 .arg(durationText(held.trainingSeconds), usdText(held.costUsd),
                                      countText(held.gpuHours));
    QToolTip::showText(QCursor::pos(), explanationTooltip(held, "training.time", headline), this);
}

void GpuScalingChart::refresh(const std::vector<ShownScenario> &shown) {
    m_plotted.clear();
    m_heldResults.clear();
    const bool compare = compareMode();
    // Time is plotted as log10(seconds) and labelled at round durations (1 month, 1 year).
    double minGpus = 1e300, maxGpus = 0.0, minSeconds = 1e300, maxSeconds = 0.0, maxCost = 0.0;
    for (int s = 0; s < static_cast<int>(shown.size()); ++s) {
        const auto &scenario = shown[s].scenario;
        const auto &result = *shown[s].result;
        const auto &points = result.gpuSweep;
        QList<QPointF> days;
        QList<QPointF> cost;
        for (const auto &point : points) {
            const double x = std::log2(point.gpus);
            days << QPointF(x, std::log10(point.trainingSeconds));
            cost << QPointF(x, point.costUsd);
            minGpus = std::min(minGpus, double(point.gpus));
            maxGpus = std::max(maxGpus, double(point.gpus));
            minSeconds = std::min(minSeconds, point.trainingSeconds);
            maxSeconds = std::max(maxSeconds, point.trainingSeconds);
            maxCost = std::max(maxCost, point.costUsd);
        }
        const QColor color = compare ? shown[s].color : scenarioColor(0);
        const QColor costColor = compare ? shown[s].color : scenarioColor(1);
        Slot &series = slot(s);
        series.days->replace(days);
        series.cost->replace(cost);
        series.days->setPen(QPen(color, 3));
        series.cost->setPen(QPen(costColor, 2.5, Qt::DashLine));
        // Compare mode: one legend entry per scenario; solid/dashed are named on the axes.
        series.days->setName(compare ? shown[s].shortLabel : tr("time"));
        series.cost->setName(tr("cost"));
        series.days->setVisible(true);
        series.cost->setVisible(true);
        chart()->legend()->markers(series.cost).value(0)->setVisible(!compare);

        // The scenario itself, with the planner's explanation on hover.
        const int gpus = scenario.hardware.numGpus;
        const bool marked = result.trainingSeconds > 0.0 && gpus > 0;
        series.here->setVisible(marked);
        m_heldResults.push_back(shown[s].result);
        if (marked) {
            series.here->setName(tr("this scenario (%1 GPUs)").arg(integerText(gpus)));
            series.here->setColor(color);
            series.here->setBorderColor(palette().color(QPalette::WindowText));
            series.here->replace({QPointF(std::log2(gpus), std::log10(result.trainingSeconds))});
            chart()->legend()->markers(series.here).value(0)->setVisible(!compare);
            minGpus = std::min(minGpus, double(gpus));
            maxGpus = std::max(maxGpus, double(gpus));
            minSeconds = std::min(minSeconds, result.trainingSeconds);
            maxSeconds = std::max(maxSeconds, result.trainingSeconds);
            maxCost = std::max(maxCost, result.costUsd);
        }
        m_plotted.push_back(points);
    }
    for (std::size_t s = shown.size(); s < m_slots.size(); ++s) {
        m_slots[s].days->setVisible(false);
        m_slots[s].cost->setVisible(false);
        m_slots[s].here->setVisible(false);
    }

    if (maxGpus <= 0.0) {
        setLogTicks(m_gpuAxis, 0, 1, 2.0, integerText);
        setDurationLogTicks(m_daysAxis, 4, 7);
        setLinearTicks(m_costAxis, 0, 1, usdText);
        setTitleLines(tr("Time and cost vs GPU count"), tr("no feasible GPU count"));
        return;
    }
    const double gpuLo = std::log2(minGpus) - 0.3, gpuHi = std::log2(maxGpus) + 0.3;
    setLogTicks(m_gpuAxis, gpuLo, gpuHi, 2.0, integerText, 12);
    const double timeLo = std::log10(minSeconds) - 0.1, timeHi = std::log10(maxSeconds) + 0.1;
    setDurationLogTicks(m_daysAxis, timeLo, timeHi, 8);
    setLinearTicks(m_costAxis, 0.0, niceCeiling(maxCost * 1.1), usdText, 5);

    const auto &a = *shown.front().result;
    if (compare && shown.size() == 2) {
        const auto &b = *shown[1].result;
        setTitleLines(tr("Time and cost vs GPU count"),
                      tr("at their GPU counts: B ÷ A %1 time, %2 cost")
                          .arg(ratioText(b.trainingSeconds, a.trainingSeconds),
                               ratioText(b.costUsd, a.costUsd)));
        return;
    }
    setTitleLines(tr("Time and cost vs GPU count"),
                  tr("%1 GPUs: %2 · %3 · %4 GPU-hours")
                      .arg(integerText(shown.front().scenario.hardware.numGpus),
                           durationText(a.trainingSeconds), usdText(a.costUsd),
                           countText(a.gpuHours)));
}

} // namespace scalescope::views
