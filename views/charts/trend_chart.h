#pragma once

#include "models/scaling/model_trend.h"
#include "views/charts/result_chart_view.h"

#include <QWidget>

#include <memory>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;

namespace scalescope::views {

/// Notable models from Epoch AI's table, loaded once (null with `error` set when unreadable).
struct NotableModelData {
    std::vector<models::NotableModel> models;
    QString error;
};
/// data/trend/epoch_notable_ai_models_*.csv from the shipped data folder, cached.
[[nodiscard]] std::shared_ptr<const NotableModelData> notableModelData();

/// Model size or training compute of notable language models over time (log scale) with the
/// fitted growth (×/year, doubling time), and the current scenario's model placed at today.
class TrendChart : public ResultChartView {
    Q_OBJECT
public:
    TrendChart(app::ScenarioDocument *document, models::TrendQuantity quantity,
               QWidget *parent = nullptr);

    /// The fitted trend (after the first refresh); nullopt when it could not be fitted.
    [[nodiscard]] const std::optional<models::GrowthTrend> &trend() const { return m_trend; }
    /// The scenario markers as (year, log10 value).
    [[nodiscard]] QList<QPointF> scenarioPoints() const;

protected:
    void refresh(const std::vector<ShownScenario> &shown) override;

private:
    models::TrendQuantity m_quantity;
    std::shared_ptr<const NotableModelData> m_data;
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
    explicit TrendView(app::ScenarioDocument *document, QWidget *parent = nullptr);
    [[nodiscard]] TrendChart *parametersChart() const { return m_parameters; }
    [[nodiscard]] TrendChart *computeChart() const { return m_compute; }

private:
    TrendChart *m_parameters;
    TrendChart *m_compute;
};

} // namespace scalescope::views
