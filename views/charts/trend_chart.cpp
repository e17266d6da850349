#include "views/charts/trend_chart.h"

#include "app/document/scenario_document.h"
#include "models/core/format.h"
#include "views/charts/chart_axes.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QCategoryAxis>
#include <QCursor>
#include <QDate>
#include <QHBoxLayout>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>

#include <cmath>

namespace scalescope::views {

namespace {

/// Today as a fractional year, where the scenario is placed.
double currentYear() {
    const QDate today = QDate::currentDate();
    return today.year() + (today.dayOfYear() - 1.0) / today.daysInYear();
}

QString valueText(models::TrendQuantity quantity, double value) {
    return quantity == models::TrendQuantity::Parameters
               ? countText(value)
               : QString::fromStdString(models::formatScientific(value, "FLOP", 2));
}

} // namespace

TrendChart::TrendChart(app::ScenarioDocument *document,
                       std::shared_ptr<const app::NotableModelTable> table,
                       models::TrendQuantity quantity, QWidget *parent)
    : ResultChartView(document,
                      quantity == models::TrendQuantity::Parameters ? "trend-parameters"
                                                                    : "trend-compute",
                      parent)
    , m_quantity(quantity)
    , m_data(table ? std::move(table) : std::make_shared<const app::NotableModelTable>())
    , m_trend(m_data->trend(quantity))
    , m_yearAxis(new QCategoryAxis(this))
    , m_valueAxis(new QCategoryAxis(this))
    , m_models(new QScatterSeries(this))
    , m_fit(new QLineSeries(this))
    , m_scenario(new QScatterSeries(this)) {
    chart()->addAxis(m_yearAxis, Qt::AlignBottom);
    chart()->addAxis(m_valueAxis, Qt::AlignLeft);
    m_yearAxis->setTitleText(tr("Publication date"));
    m_valueAxis->setTitleText(quantity == models::TrendQuantity::Parameters
                                  ? tr("Parameters (log scale)")
                                  : tr("Training compute (log scale)"));
    m_models->setName(tr("notable language models (Epoch AI)"));
    m_models->setMarkerSize(7);
    m_models->setColor(scenarioColor(0));
    m_models->setBorderColor(scenarioColor(0).darker(130));
    m_fit->setName(tr("fitted growth"));
    m_fit->setPen(QPen(scenarioColor(3), 3));
    m_scenario->setName(tr("this scenario (today)"));
    m_scenario->setMarkerSize(16);
    m_scenario->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_scenario->setColor(scenarioColor(1));
    m_scenario->setBorderColor(Qt::black);
    for (QAbstractSeries *series :
         std::initializer_list<QAbstractSeries *>{m_models, m_fit, m_scenario}) {
        chart()->addSeries(series);
        series->attachAxis(m_yearAxis);
        series->attachAxis(m_valueAxis);
    }
    chart()->legend()->setAlignment(Qt::AlignBottom);
    connect(m_models, &QScatterSeries::hovered, this, [this](const QPointF &point, bool on) {
        if (!on || !m_trend) {
            QToolTip::hideText();
            return;
        }
        // The nearest model to the hovered marker.
        const models::TrendPoint *best = nullptr;
        double distance = 1e300;
        for (const auto &candidate : m_trend->points) {
            const double d =
                std::hypot(candidate.year - point.x(), std::log10(candidate.value) - point.y());
            if (d < distance) {
                distance = d;
                best = &candidate;
            }
        }
        if (best)
            QToolTip::showText(QCursor::pos(),
                               QStringLiteral("<b>%1</b><br>%2 · %3")
                                   .arg(QString::fromStdString(best->model).toHtmlEscaped(),
                                        QString::number(best->year, 'f', 1),
                                        valueText(m_quantity, best->value)),
                               this);
    });
}

QList<QPointF> TrendChart::scenarioPoints() const {
    return m_scenario->points();
}

void TrendChart::refresh(const std::vector<ShownScenario> &shown) {
    const QString what = m_quantity == models::TrendQuantity::Parameters
                             ? tr("Model size over time")
                             : tr("Training compute over time");
    if (!m_trend) {
        setTitleLines(what, m_data->error.isEmpty() ? tr("too few models to fit a trend")
                                                    : m_data->error);
        return;
    }
    const auto &trend = *m_trend;
    double firstYear = 1e9, lastYear = 0.0, low = 1e300, high = 0.0;
    QList<QPointF> points;
    for (const auto &point : trend.points) {
        points << QPointF(point.year, std::log10(point.value));
        firstYear = std::min(firstYear, point.year);
        lastYear = std::max(lastYear, point.year);
        low = std::min(low, point.value);
        high = std::max(high, point.value);
    }
    m_models->replace(points);
    // Where each shown scenario stands today: its parameters (MoE: total) or the compute its
    // cluster spends on the run.
    const double today = currentYear();
    QList<QPointF> marks;
    for (const auto &item : shown) {
        const double value =
            m_quantity == models::TrendQuantity::Parameters
                ? item.result->parameters
                : (item.result->scaling ? item.result->scaling->computeBudgetFlop : 0.0);
        if (value > 0.0) {
            marks << QPointF(today, std::log10(value));
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    m_scenario->replace(marks);
    lastYear = std::max(lastYear, today);
    const double intercept = trend.fit.intercept;
    const double slope = trend.fit.slope;
    m_fit->replace({QPointF(firstYear, intercept + slope * firstYear),
                    QPointF(lastYear, intercept + slope * lastYear)});
    setLinearTicks(
        m_yearAxis, std::floor(firstYear), std::ceil(lastYear) + 0.01,
        [](double year) { return QString::number(std::lround(year)); }, 8);
    setLogTicks(
        m_valueAxis, std::log10(low) - 0.2, std::log10(high) + 0.2, 10.0,
        [this](double value) { return valueText(m_quantity, value); }, 8);
    QString subtitle =
        tr("%1 language models since 2018 · ×%2 per year · doubling every %3 "
           "months (R² %4)")
            .arg(trend.points.size())
            .arg(QString::fromStdString(models::formatSignificant(trend.factorPerYear, 2)))
            .arg(QString::fromStdString(models::formatSignificant(trend.doublingTimeMonths, 2)))
            .arg(QString::number(trend.fit.rSquared, 'f', 2));
    setTitleLines(what, subtitle);
}

TrendView::TrendView(app::ScenarioDocument *document,
                     std::shared_ptr<const app::NotableModelTable> table, QWidget *parent)
    : QWidget(parent)
    , m_parameters(new TrendChart(document, table, models::TrendQuantity::Parameters, this))
    , m_compute(new TrendChart(document, table, models::TrendQuantity::TrainingCompute, this)) {
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(4, 4, 4, 4);
    row->addWidget(m_parameters, 1);
    row->addWidget(m_compute, 1);
}

} // namespace scalescope::views
