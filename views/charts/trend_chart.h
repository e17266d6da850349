#pragma once

#include "app/data/app_data.h"
#include "models/scaling/model_trend.h"
#include "views/charts/result_chart_view.h"

#include <QWidget>

#include <memory>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

/// Model size or training compute of notable language models over time (log scale) with the
/// fitted growth (×/year, doubling time), and the current scenario's model placed at today.
/// The table and its trends are AppData's (app::NotableModelTable); the chart draws them.
class TrendChart : public ResultChartView {
    Q_OBJECT
public:
    TrendChart(app::ScenarioDocument *document, std::shared_ptr<const app::NotableModelTable> table,
               models::TrendQuantity quantity, QWidget *parent = nullptr);

    /// The fitted trend (after the first refresh); nullopt when it could not be fitted.
    [[nodiscard]] const std::optional<models::GrowthTrend> &trend() const { return m_trend; }
    /// The scenario markers as (year, log10 value).
    [[nodiscard]] QList<QPointF> scenarioPoints() const;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    models::TrendQuantity m_quantity;
    std::shared_ptr<const app::NotableModelTable> m_data;
    std::optional<models::GrowthTrend> m_trend;
    QCategoryAxis *m_yearAxis;
    QCategoryAxis *m_valueAxis;
    QScatterSeries *m_models;
    QLineSeries *m_fit;
    QScatterSeries *m_scenario;
};

/// The Trend tab: parameters and training compute over time, side by side.
class TrendView : public QWidget {
    Q_OBJECT
public:
    TrendView(app::ScenarioDocument *document, std::shared_ptr<const app::NotableModelTable> table,
              QWidget *parent = nullptr);
    [[nodiscard]] TrendChart *parametersChart() const { return m_parameters; }
    [[nodiscard]] TrendChart *computeChart() const { return m_compute; }

private:
    TrendChart *m_parameters;
    TrendChart *m_compute;
};

} // namespace scalescope::views
