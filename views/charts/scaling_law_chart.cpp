#include "views/charts/scaling_law_chart.h"

#include "app/document/scenario_document.h"
#include "models/core/format.h"
#include "models/scaling/scaling_laws.h"
#include "views/charts/chart_axes.h"
#include "views/panels/explanation_text.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace scalescope::views {

namespace {

QString lossText(double loss) {
    return QString::fromStdString(models::formatSignificant(loss));
}

QString flopText(double flop) {
    return QString::fromStdString(models::formatScientific(flop, "FLOP", 2));
}

QLineSeries *line(QObject *parent, const QString &name, const QColor &color, Qt::PenStyle style,
                  double width) {
    auto *series = new QLineSeries(parent);
    series->setName(name);
    series->setPen(QPen(color, width, style, Qt::RoundCap));
    return series;
}

} // namespace

ScalingLawChart::ScalingLawChart(app::ScenarioDocument *document, QWidget *parent)
    : ResultChartView(document, "scaling", parent)
    , m_computeAxis(new QCategoryAxis(this))
    , m_lossAxis(new QCategoryAxis(this))
    , m_epoch(line(this, tr("Epoch 2024 fit (default)"), Qt::black, Qt::SolidLine, 3))
    , m_hoffmann(line(this, tr("Hoffmann 2022"), Qt::black, Qt::DashLine, 2))
    , m_kaplan(
          line(this, tr("Kaplan 2020 (other tokens)"), QColor(0x99, 0x99, 0x99), Qt::DotLine, 2.5))
    , m_fit(line(this, tr("your fit"), scenarioColor(2), Qt::SolidLine, 3))
    , m_bandLower(new QLineSeries(this))
    , m_bandUpper(new QLineSeries(this))
    , m_band(new QAreaSeries(m_bandUpper, m_bandLower))
    , m_optima(new QScatterSeries(this))
    , m_doubled(new QScatterSeries(this)) {
    m_band->setParent(this);
    m_band->setName(tr("your fit, 95% bootstrap band"));
    QColor bandColor = scenarioColor(2);
    bandColor.setAlpha(60);
    m_band->setBrush(bandColor);
    m_band->setPen(Qt::NoPen);
    for (auto *&runs : m_runs) {
        runs = new QScatterSeries(this);
        runs->setMarkerSize(15);
        runs->setBorderColor(Qt::black);
    }
    m_optima->setName(tr("optimum"));
    m_optima->setMarkerSize(11);
    m_optima->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_doubled->setName(tr("2× cluster"));
    m_doubled->setMarkerSize(9);
    chart()->addAxis(m_computeAxis, Qt::AlignBottom);
    chart()->addAxis(m_lossAxis, Qt::AlignLeft);
    m_computeAxis->setTitleText(tr("Training compute C (log scale)"));
    m_lossAxis->setTitleText(tr("Loss (nats/token)"));
    for (QAbstractSeries *series :
         std::initializer_list<QAbstractSeries *>{m_band, m_kaplan, m_hoffmann, m_epoch, m_fit,
                                                  m_doubled, m_optima, m_runs[0], m_runs[1]}) {
        chart()->addSeries(series);
        series->attachAxis(m_computeAxis);
        series->attachAxis(m_lossAxis);
    }
    // On the right, one entry per line like the other charts: along the bottom the seven
    // entries of compare mode did not fit and Qt cut their names short.
    chart()->legend()->setAlignment(Qt::AlignRight);
    // Line segments in the legend, so solid, dashed and dotted laws can be told apart.
    chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    applyLawPens();
    for (std::size_t slot = 0; slot < m_runs.size(); ++slot)
        connect(
            m_runs[slot], &QScatterSeries::hovered, this,
            [this, slot](const QPointF &point, bool on) { showRunTooltip(int(slot), point, on); });
}

void ScalingLawChart::showRunTooltip(int slot, const QPointF &point, bool on) {
    if (!on || slot >= static_cast<int>(m_shownResults.size())) {
        QToolTip::hideText();
        return;
    }
    {
        const auto result = m_shownResults[slot];
        if (!result->scaling)
            return;
        const auto &s = *result->scaling;
        QToolTip::showText(
            QCursor::pos(),
            explanationTooltip(*result, "scaling",
                               tr("Loss %1 at C = %2 (law %3)")
                                   .arg(lossText(point.y()), flopText(std::pow(10.0, point.x())),
                                        QString::fromStdString(s.law))),
            this);
    }
}

QList<QPointF> ScalingLawChart::curvePoints(const QString &name) const {
    const QLineSeries *series = name == "epoch"      ? m_epoch
                                : name == "hoffmann" ? m_hoffmann
                                : name == "kaplan"   ? m_kaplan
                                                     : m_fit;
    return series->points();
}

QList<QPointF> ScalingLawChart::scenarioPoints() const {
    return m_runs[0]->points() + m_runs[1]->points();
}

void ScalingLawChart::refresh(const std::vector<ShownScenario> &shown) {
    // The budget range: around the shown runs, or a typical frontier-model range.
    double lowC = 1e300, highC = 0.0;
    for (const auto &item : shown)
        if (item.result->scaling && item.result->scaling->computeBudgetFlop > 0.0) {
            lowC = std::min(lowC, item.result->scaling->computeBudgetFlop);
            highC = std::max(highC, item.result->scaling->computeBudgetFlop * 2.0);
        }
    if (highC <= 0.0) {
        lowC = 1e21;
        highC = 1e25;
    }
    const double from = std::floor(std::log10(lowC)) - 2.0;
    const double to = std::ceil(std::log10(highC)) + 1.0;

    double lossLow = 1e300, lossHigh = 0.0;
    // The document's samples at the budgets in view (a little room right of the last decade).
    const auto frontiers = document()->scalingFrontiers();
    auto frontier = [&](const std::vector<double> &losses, bool setsRange = true) {
        QList<QPointF> points;
        for (std::size_t i = 0; i < losses.size() && i < frontiers->log10Compute.size(); ++i) {
            const double x = frontiers->log10Compute[i];
            const double loss = losses[i];
            if (x < from - 1e-9 || x > to + 0.3 + 1e-9 || !std::isfinite(loss) || loss <= 0.0)
                continue;
            points << QPointF(x, loss);
            if (setsRange) {
                lossLow = std::min(lossLow, loss);
                lossHigh = std::max(lossHigh, loss);
            }
        }
        return points;
    };
    m_epoch->replace(frontier(frontiers->epoch));
    m_hoffmann->replace(frontier(frontiers->hoffmann));
    // Kaplan's losses are in WebText2 tokens: its slope is the point, not its level, so it does
    // not stretch the axis away from the Chinchilla curves.
    m_kaplan->replace(frontier(frontiers->kaplan, false));
    const auto &fit = document()->scalingFit();
    const bool fitted = fit.has_value() && !frontiers->fit.empty();
    m_fit->setVisible(fitted);
    m_fit->replace(fitted ? frontier(frontiers->fit) : QList<QPointF>());
    QList<QPointF> lower, upper;
    if (fitted && !fit->band.empty()) {
        const auto &band = fit->band;
        for (std::size_t i = 0; i < band.computeFlop.size(); ++i) {
            const double x = std::log10(band.computeFlop[i]);
            if (x < from || x > to)
                continue;
            lower << QPointF(x, band.lower[i]);
            upper << QPointF(x, band.upper[i]);
            lossLow = std::min(lossLow, band.lower[i]);
            lossHigh = std::max(lossHigh, band.upper[i]);
        }
    }
    m_bandLower->replace(lower);
    m_bandUpper->replace(upper);
    m_band->setVisible(!lower.isEmpty());

    QList<QPointF> optima, doubled;
    const bool compare = compareMode();
    m_shownResults.clear();
    for (std::size_t slot = 0; slot < m_runs.size(); ++slot) {
        m_runs[slot]->setVisible(slot < shown.size() && shown[slot].result->scaling.has_value());
        m_runs[slot]->clear();
    }
    for (std::size_t slot = 0; slot < shown.size() && slot < m_runs.size(); ++slot) {
        const auto &item = shown[slot];
        m_shownResults.push_back(item.result);
        if (!item.result->scaling)
            continue;
        const auto &s = *item.result->scaling;
        const double x = std::log10(s.computeBudgetFlop);
        m_runs[slot]->replace({QPointF(x, s.predictedLoss)});
        m_runs[slot]->setName(compare ? tr("%1: this run").arg(item.shortLabel) : tr("this run"));
        m_runs[slot]->setColor(compare ? item.color : scenarioColor(1));
        optima << QPointF(x, s.optimalLoss);
        doubled << QPointF(std::log10(2.0 * s.computeBudgetFlop), s.doubledClusterLoss);
        for (double loss : {s.predictedLoss, s.optimalLoss, s.doubledClusterLoss}) {
            lossLow = std::min(lossLow, loss);
            lossHigh = std::max(lossHigh, loss);
        }
    }
    m_optima->replace(optima);
    m_doubled->replace(doubled);
    m_optima->setColor(QColor(Qt::white));
    m_optima->setBorderColor(scenarioColor(0));
    m_doubled->setColor(scenarioColor(3));

    // Loss is linear (a decade of loss never fits: Qt 6.4's log axis would label nothing).
    if (lossHigh <= lossLow) {
        lossLow = 1.5;
        lossHigh = 3.5;
    }
    const double pad = (lossHigh - lossLow) * 0.06;
    setLinearTicks(m_lossAxis, std::max(0.0, lossLow - pad), lossHigh + pad, lossText, 6);
    // A little room right of the last decade so its label is not cut at the edge.
    setLogTicks(
        m_computeAxis, from, to + 0.3, 10.0, [](double c) { return flopText(c); }, 8);

    if (shown.empty() || !shown.front().result->scaling) {
        setTitleLines(tr("Scaling law: loss vs compute"),
                      tr("no training budget for this scenario"));
        return;
    }
    const auto &a = *shown.front().result->scaling;
    if (compareMode() && shown.size() == 2 && shown[1].result->scaling) {
        const auto &b = *shown[1].result->scaling;
        setTitleLines(tr("Scaling law: loss vs compute"),
                      tr("A %1 → loss %2 · B %3 → loss %4 · B ÷ A %5 compute")
                          .arg(flopText(a.computeBudgetFlop), lossText(a.predictedLoss),
                               flopText(b.computeBudgetFlop), lossText(b.predictedLoss),
                               ratioText(b.computeBudgetFlop, a.computeBudgetFlop)));
        return;
    }
    setTitleLines(tr("Scaling law: loss vs compute"),
                  tr("C = %1 · this run %2 · optimal %3 (%4 params, %5 tokens) · 2× cluster %6")
                      .arg(flopText(a.computeBudgetFlop), lossText(a.predictedLoss),
                           lossText(a.optimalLoss), countText(a.optimalParameters),
                           countText(a.optimalTokens), lossText(a.doubledClusterLoss)));
}

void ScalingLawChart::applyLawPens() {
    const QColor text = palette().color(QPalette::WindowText);
    for (auto [series, style, width] :
         {std::tuple{m_epoch, Qt::SolidLine, 3.0}, std::tuple{m_hoffmann, Qt::DashLine, 2.0}})
        series->setPen(QPen(text, width, style, Qt::RoundCap));
}

void ScalingLawChart::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        applyLawPens();
    ResultChartView::changeEvent(event);
}

} // namespace scalescope::views
