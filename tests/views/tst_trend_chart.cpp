#include "app/data/app_data.h"
#include "app/data/data_paths.h"
#include "app/document/scenario_document.h"
#include "app/document/workspace_file.h"
#include "views/charts/trend_chart.h"

#include <QDate>
#include <QTest>

#include <cmath>

using namespace scalescope;

class TestTrendChart : public QObject {
    Q_OBJECT
private slots:
    void trendsGrowAndTheScenarioIsPlacedToday_data() {
        QTest::addColumn<bool>("parameters");
        QTest::newRow("parameters") << true;
        QTest::newRow("training compute") << false;
    }
    void trendsGrowAndTheScenarioIsPlacedToday() {
        QFETCH(bool, parameters);
        const auto data = app::loadAppData();
        app::ScenarioDocument document(app::plannerEvaluator(data));
        document.resetWorkspace(app::readWorkspaceFile(app::defaultWorkspacePath(), *data), {});
        // The table and its trends are loaded once with AppData; the chart draws them.
        views::TrendChart chart(&document, data->notableModels,
                                parameters ? models::TrendQuantity::Parameters
                                           : models::TrendQuantity::TrainingCompute);
        chart.refreshNow();
        QVERIFY(chart.trend().has_value());
        const auto &loaded =
            data->notableModels->trend(parameters ? models::TrendQuantity::Parameters
                                                  : models::TrendQuantity::TrainingCompute);
        QVERIFY(loaded.has_value());
        QCOMPARE(chart.trend()->factorPerYear, loaded->factorPerYear);
        QCOMPARE(chart.trend()->points, loaded->points);
        const auto &trend = *chart.trend();
        QVERIFY(trend.points.size() > 100);
        // Sevilla et al. 2022 report language-model compute doubling in months, not years:
        // both quantities grow by more than 2x a year over 2018-2025.
        QVERIFY(trend.factorPerYear > 2.0);
        QCOMPARE(trend.doublingTimeMonths, 12.0 * std::log10(2.0) / trend.fit.slope);
        const auto marks = chart.scenarioPoints();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(std::floor(marks[0].x()), double(QDate::currentDate().year()));
        const auto result = document.result();
        const double expected =
            parameters ? result->parameters : result->scaling->computeBudgetFlop;
        QCOMPARE(marks[0].y(), std::log10(expected));
    }
};

QTEST_MAIN(TestTrendChart)
#include "tst_trend_chart.moc"
