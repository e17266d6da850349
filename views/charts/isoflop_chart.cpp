#include "views/charts/isoflop_chart.h"

#include "app/document/scenario_document.h"
#include "models/core/format.h"
#include "models/scaling/scaling_laws.h"
#include "views/charts/chart_axes.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QCategoryAxis>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>

#include <cmath>

namespace scalescope::views {

namespace {

constexpr int kPointsPerCurve = 50;
/// Each curve spans the optimum's size divided and multiplied by this.
constexpr double kSpan = 40.0;

QString flopText(double flop) {
    return QString::fromStdString(models::formatScientific(flop, "FLOP", 2));
}

} // namespace

IsoFlopChart::IsoFlopChart(app::ScenarioDocument *document, QWidget *parent)
    : ResultChartView(document, "isoflop", parent)
    , m_parameterAxis(new QCategoryAxis(this))
    , m_lossAxis(new QCategoryAxis(this))
    , m_optima(new QScatterSeries(this))
    , m_run(new QScatterSeries(this)) {
    chart()->addAxis(m_parameterAxis, Qt::AlignBottom);
    chart()->addAxis(m_lossAxis, Qt::AlignLeft);
    m_parameterAxis->setTitleText(tr("Parameters N (log scale); tokens D = C / 6N"));
    m_lossAxis->setTitleText(tr("Loss (nats/token)"));
    // Light to dark: small to large budgets.
    const QColor base = scenarioColor(0);
    for (int i = 0; i < kCurves; ++i) {
        auto *curve = new QLineSeries(this);
        QColor color = base.lighter(100 + (kCurves - 1 - i) * 35);
        curve->setPen(QPen(color, 2.5));
        m_curves[i] = curve;
        chart()->addSeries(curve);
        curve->attachAxis(m_parameterAxis);
        curve->attachAxis(m_lossAxis);
    }
    m_optima->setName(tr("optimum of each budget"));
    m_optima->setMarkerSize(9);
    m_optima->setColor(QColor(Qt::white));
    m_optima->setBorderColor(base);
    m_run->setName(tr("this run"));
    m_run->setMarkerSize(15);
    m_run->setColor(scenarioColor(1));
    m_run->setBorderColor(Qt::black);
    for (QScatterSeries *series : {m_optima, m_run}) {
        chart()->addSeries(series);
        series->attachAxis(m_parameterAxis);
        series->attachAxis(m_lossAxis);
    }
    chart()->legend()->setAlignment(Qt::AlignRight);
}

QList<QPointF> IsoFlopChart::curvePoints(int index) const {
    return index >= 0 && index < kCurves ? m_curves[index]->points() : QList<QPointF>{};
}

QList<QPointF> IsoFlopChart::optimaPoints() const {
    return m_optima->points();
}

void IsoFlopChart::refresh(const std::vector<ShownScenario> &shown) {
    const auto law = models::epochLikelihoodLaw();
    const ShownScenario *first = shown.empty() ? nullptr : &shown.front();
    const bool hasRun = first && first->result->scaling.has_value();
    // The run's budget and the decades below and above it (rounded to a power of ten when no
    // run is shown).
    const double center = hasRun ? first->result->scaling->computeBudgetFlop : 1e24;
    m_budgets = {center / 100.0, center / 10.0, center, center * 10.0};

    double lowN = 1e300, highN = 0.0, lowLoss = 1e300, highLoss = 0.0;
    QList<QPointF> optima;
    for (int i = 0; i < kCurves; ++i) {
        const double budget = m_budgets[i];
        const auto optimum = law.computeOptimal(budget);
        const double nOpt = optimum.parameters.count;
        QList<QPointF> points;
        for (const auto &point :
             law.isoFlopCurve(budget, nOpt / kSpan, nOpt * kSpan, kPointsPerCurve)) {
            points << QPointF(std::log10(point.parameters.count), point.loss);
            lowN = std::min(lowN, point.parameters.count);
            highN = std::max(highN, point.parameters.count);
            lowLoss = std::min(lowLoss, point.loss);
            highLoss = std::max(highLoss, point.loss);
        }
        m_curves[i]->replace(points);
        m_curves[i]->setName(i == 2 && hasRun ? tr("C = %1 (this run)").arg(flopText(budget))
                                              : tr("C = %1").arg(flopText(budget)));
        optima << QPointF(std::log10(nOpt), optimum.loss);
    }
    m_optima->replace(optima);

    QList<QPointF> run;
    QString subtitle;
    if (hasRun) {
        const auto &s = *first->result->scaling;
        const auto &scenario = first->scenario;
        // The planner places MoE models by their active parameters
        // (models/scaling/scenario_scaling.h).
        const double parameters =
            scenario.model.isMoe() ? first->result->activeParameters : first->result->parameters;
        if (parameters > 0.0) {
            run << QPointF(std::log10(parameters), s.predictedLoss);
            lowN = std::min(lowN, parameters);
            highN = std::max(highN, parameters);
            lowLoss = std::min(lowLoss, s.predictedLoss);
            highLoss = std::max(highLoss, s.predictedLoss);
        }
        subtitle = tr("this run: %1 params on %2 tokens · optimum at its budget: %3 on %4")
                       .arg(countText(parameters), countText(scenario.training.totalTokens),
                            countText(s.optimalParameters), countText(s.optimalTokens));
    }
    m_run->replace(run);

    // The curves climb steeply at the ends; show the bowl, not the walls.
    const double smallestOptimum = optima.first().y();
    const double largestOptimum = optima.last().y();
    double top = std::min(highLoss, smallestOptimum +
                                        std::max(0.15, 0.6 * (smallestOptimum - largestOptimum)));
    if (!run.isEmpty())
        top = std::max(top, run.first().y() + 0.05);
    const double pad = (top - lowLoss) * 0.05;
    setLinearTicks(
        m_lossAxis, std::max(0.0, lowLoss - pad), top + pad,
        [](double loss) { return QString::fromStdString(models::formatSignificant(loss)); }, 6);
    setLogTicks(m_parameterAxis, std::log10(lowN), std::log10(highN), 10.0, countText, 8);
    setTitleLines(tr("IsoFLOP curves (Chinchilla, Epoch 2024 fit)"), subtitle);
}

} // namespace scalescope::views
