#include "models/core/input_error.h"
#include "models/scaling/model_trend.h"

#include <QTest>

#include "tests/support/test_data.h"

#include <cmath>

using namespace scalescope::models;

class TestModelTrend : public QObject {
    Q_OBJECT

private slots:
    void fractionalYears_data() {
        QTest::addColumn<QString>("date");
        QTest::addColumn<double>("year");
        // 2020 is a leap year: 2 July is day 184, (184 − 1)/366 = 0.5 exactly.
        QTest::newRow("mid 2020") << "2020-07-02" << 2020.5;
        QTest::newRow("new year") << "2018-01-01" << 2018.0;
        // 2023 is not: 31 December is day 365, 364/365.
        QTest::newRow("new year's eve") << "2023-12-31" << 2023.0 + 364.0 / 365.0;
    }
    void fractionalYears() {
        QFETCH(QString, date);
        QFETCH(double, year);
        const auto value = fractionalYear(date.toStdString());
        QVERIFY(value);
        QCOMPARE(*value, year);
    }

    void malformedDates() {
        for (const char *bad : {"2021-02-29", "2020-13-01", "2020/01/01", "", "20-01-01"})
            QVERIFY2(!fractionalYear(bad), bad);
        const auto table = CsvTable::parse(
            "Model,Publication date,Domain,Parameters,Training compute (FLOP)\nX,soon,Language,,\n",
            "m.csv");
        try {
            (void)loadNotableModels(table);
            QFAIL("no error");
        } catch (const InputError &error) {
            QCOMPARE(QString(error.what()),
                     QString("m.csv: line 2, column 2 (Publication date): expected a date "
                             "YYYY-MM-DD, found \"soon\""));
        }
    }

    void handComputedTrend() {
        // Three language models a year apart growing 10× a year: slope 1 order of magnitude per
        // year, ×10/yr, doubling every 12·log10(2) = 3.612 months. The vision model is skipped.
        const auto table =
            CsvTable::parse("Model,Publication date,Domain,Parameters,Training compute (FLOP)\n"
                            "a,2019-01-01,Language,1e9,\n"
                            "b,2020-01-01,\"Multimodal,Language\",1e10,\n"
                            "c,2021-01-01,Language,1e11,\n"
                            "v,2020-06-01,Vision,1e15,\n",
                            "t.csv");
        const auto trend = growthTrend(loadNotableModels(table), TrendQuantity::Parameters);
        QCOMPARE(trend.points.size(), std::size_t(3));
        // 2020 has 366 days, so b sits at exactly 2020.0 and the fit is nearly exact.
        QVERIFY(std::abs(trend.ordersOfMagnitudePerYear - 1.0) < 2e-3);
        QVERIFY(std::abs(trend.factorPerYear - 10.0) < 0.05);
        QVERIFY(std::abs(trend.doublingTimeMonths - 3.612) < 0.01);
        // No model has a training compute: an input problem naming the file and the column.
        TrendOptions fromFile;
        fromFile.file = "t.csv";
        try {
            (void)growthTrend(loadNotableModels(table), TrendQuantity::TrainingCompute, fromFile);
            QFAIL("expected InputError");
        } catch (const InputError &error) {
            QCOMPARE(error.file(), std::string("t.csv"));
            QCOMPARE(error.field(), std::string("Training compute (FLOP)"));
            QCOMPARE(error.reason(), std::string("a growth trend needs at least 2 models with a "
                                                 "value, 0 match (domain \"Language\", years "
                                                 "2018 to now)"));
        }
        // Two language models, both of 2019-01-01: a line through one x cannot be fitted.
        const auto sameDay = CsvTable::parse("Model,Publication date,Domain,Parameters,"
                                             "Training compute (FLOP)\n"
                                             "a,2019-01-01,Language,1e9,\n"
                                             "b,2019-01-01,Language,1e10,\n",
                                             "d.csv");
        try {
            (void)growthTrend(loadNotableModels(sameDay), TrendQuantity::Parameters);
            QFAIL("expected InputError");
        } catch (const InputError &error) {
            QCOMPARE(error.field(), std::string("Publication date"));
        }
    }

    void epochLanguageModelsSince2018() {
        // tests/data/reference/models/README.md: language models since 2018 grow ×3.1/yr in
        // parameters (n = 247) and ×9.9/yr in training compute (n = 205).
        const auto models = loadNotableModels(
            CsvTable::readFile(scalescope::testing::shippedDataDir() +
                               "/trend/epoch_notable_ai_models_2025-02-24_slim.csv"));
        QCOMPARE(models.size(), std::size_t(895));
        const auto parameters = growthTrend(models, TrendQuantity::Parameters);
        const auto compute = growthTrend(models, TrendQuantity::TrainingCompute);
        QCOMPARE(parameters.points.size(), std::size_t(247));
        QCOMPARE(compute.points.size(), std::size_t(205));
        QVERIFY2(std::abs(parameters.factorPerYear - 3.1) < 0.05,
                 qPrintable(QString::number(parameters.factorPerYear)));
        QVERIFY2(std::abs(compute.factorPerYear - 9.9) < 0.05,
                 qPrintable(QString::number(compute.factorPerYear)));
        QVERIFY(std::abs(parameters.ordersOfMagnitudePerYear - 0.49) < 0.005);
    }

    void fullFileGivesTheSameTrend() {
        // The 42-column original (tests/data/reference/README.md) of the slim file above.
        const auto models = loadNotableModels(
            CsvTable::readFile(scalescope::testing::testDataDir() +
                               "/reference/models/epoch_notable_ai_models_2025-02-24.csv"));
        QCOMPARE(models.size(), std::size_t(895));
        const auto parameters = growthTrend(models, TrendQuantity::Parameters);
        QCOMPARE(parameters.points.size(), std::size_t(247));
        QVERIFY2(std::abs(parameters.factorPerYear - 3.1) < 0.05,
                 qPrintable(QString::number(parameters.factorPerYear)));
    }
};

QTEST_GUILESS_MAIN(TestModelTrend)
#include "tst_model_trend.moc"
