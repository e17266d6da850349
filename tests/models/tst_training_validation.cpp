// The runs-table reader (RFC 4180), the row interpretation helpers, and `validate` over the
// shared reference training-runs.csv (median absolute relative error <= 10%).

#include "models/core/input_error.h"
#include "models/planner/model_arithmetic.h"
#include "models/validation/training_validation.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace scalescope::models;

class TestTrainingValidation : public QObject {
    Q_OBJECT
private slots:
    void rfc4180() {
        // Quoted commas, doubled quotes, a quoted line break, CRLF records, a blank line.
        const std::string text = "id,notes,value\r\n"
                                 "a,\"x, y\",1\r\n"
                                 "b,\"say \"\"hi\"\"\",2\r\n"
                                 "\r\n"
                                 "c,\"two\nlines\",3\n";
        const RunsTable table = RunsTable::parse(text, "runs.csv");
        QCOMPARE(table.rowCount(), std::size_t(3));
        QCOMPARE(table.cell(0, "notes"), std::string("x, y"));
        QCOMPARE(table.cell(1, "notes"), std::string("say \"hi\""));
        QCOMPARE(table.cell(2, "notes"), std::string("two\nlines"));
        QCOMPARE(table.cell(2, "value"), std::string("3"));
        QCOMPARE(table.lineOf(2), 5);
        QCOMPARE(table.cell(0, "missing"), std::string());
    }

    void malformed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("unterminated quote") << "id,v\na,\"open\n"
                                            << "line 2";
        QTest::newRow("text after quote") << "id,v\na,\"x\"y\n"
                                          << "line 2";
        QTest::newRow("field count") << "id,v\na,1,2\n"
                                     << "line 2";
        QTest::newRow("empty") << ""
                               << "line 1";
    }
    void malformed() {
        QFETCH(QString, text);
        QFETCH(QString, where);
        try {
            (void)RunsTable::parse(text.toStdString(), "runs.csv");
            QFAIL("no error");
        } catch (const InputError &error) {
            QCOMPARE(QString::fromStdString(error.file()), QString("runs.csv"));
            QVERIFY2(QString::fromStdString(error.field()).startsWith(where), error.what());
        }
    }

    void leadingNumbers_data() {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("present");
        QTest::newRow("plain") << "2048" << 2048.0 << true;
        QTest::newRow("annotated") << "8 (one KV group per TP rank)" << 8.0 << true;
        QTest::newRow("approximate thousands") << "~7,000,000" << 7e6 << true;
        QTest::newRow("suffix") << "4M" << 4e6 << true;
        QTest::newRow("decimal") << "37.83" << 37.83 << true;
        QTest::newRow("text") << "not stated" << 0.0 << false;
        QTest::newRow("empty") << "" << 0.0 << false;
        QTest::newRow("list is not thousands") << "8, 16" << 8.0 << true;
    }
    void leadingNumbers() {
        QFETCH(QString, cell);
        QFETCH(double, value);
        QFETCH(bool, present);
        const auto parsed = leadingNumber(cell.toStdString());
        QCOMPARE(parsed.has_value(), present);
        if (present)
            QCOMPARE(*parsed, value);
    }

    void sourceLabels() {
        // Rows citing the same document share the ids' common prefix; a lone row its first token.
        const auto labels = scalescope::models::sourceLabels(
            {"kor22-t5-22B-full", "kor22-530B-dp8", "mlm-readme-h100-1.7B", "mlm-readme-h100-7B",
             "bloom-176b"},
            {"Korthikanti", "Korthikanti", "Megatron README", "Megatron README", "BLOOM"});
        QCOMPARE(labels, (std::vector<std::string>{"kor22", "kor22", "mlm-readme-h100",
                                                   "mlm-readme-h100", "bloom"}));
    }

    void quantiles() {
        // Linear interpolation between order statistics (numpy's default).
        QCOMPARE(quantile({4.0, 1.0, 3.0, 2.0}, 0.5), 2.5);
        QVERIFY(std::abs(quantile({1.0, 2.0, 3.0, 4.0}, 0.9) - 3.7) < 1e-12);
        QCOMPARE(quantile({}, 0.5), 0.0);
    }

    void korthikantiConventionMatchesTheirMfu() {
        // Korthikanti Table 5, 22B (L 48, h 6144, s 2048, V 51200, B 4) with SP + selective:
        // 1.10 s per iteration on 8 A100s and MFU 41.5% of 312 TFLOP/s. Their model-FLOP
        // formula 72 B s L h^2 (1 + s/6h + V/12hL) must give 0.415 x 312 TFLOP/s x 8 x 1.10 s.
        ModelShape model;
        model.layers = 48;
        model.hidden = 6144;
        model.heads = 64;
        model.kvHeads = 64;
        model.ffn = 24576;
        model.vocab = 51200;
        model.seqLen = 2048;
        const ModelArithmetic arithmetic = computeModelArithmetic(model);
        const double flops =
            conventionFlopsPerStep(FlopConvention::KorthikantiModel, model, arithmetic, 4.0);
        QVERIFY(std::abs(flops / (0.415 * 312e12 * 8 * 1.10) - 1.0) < 0.01);
        // The Megatron r0.8.0 counter (full attention) equals 3 x forward of the arithmetic;
        // the NeMo 25.x counter halves the attention scores (causal).
        const double full =
            conventionFlopsPerStep(FlopConvention::MegatronFull, model, arithmetic, 1.0);
        const double causal =
            conventionFlopsPerStep(FlopConvention::NemoCausal, model, arithmetic, 1.0);
        const double attention = 3.0 * 48 * 4.0 * 2048 * 6144 * 2048; // 3 x L x 4 s h x s
        QVERIFY(std::abs((full - causal) / (0.5 * attention) - 1.0) < 1e-9);
    }

    void sharedRunsTable() {
        // SCALESCOPE_SHARED_REFERENCE_DIR in the environment overrides the build's default
        // (../shared/reference next to the source tree).
        const QString path = qEnvironmentVariable("SCALESCOPE_SHARED_REFERENCE_DIR",
                                                  QString(SCALESCOPE_SHARED_REFERENCE_DIR)) +
                             "/runs/training-runs.csv";
        if (!QFile::exists(path))
            QSKIP("shared reference runs table not present");
        const std::string data = SCALESCOPE_SOURCE_DATA_DIR;
        const Catalog catalog = loadCatalog({data + "/catalog"});
        const ModelPresets presets = loadModelPresets({data + "/models"});
        const RunsTable table = RunsTable::readFile(path.toStdString());
        const ValidationReport report = validateRuns(table, catalog, presets);
        // Every row is either compared or listed as skipped with a reason.
        QCOMPARE(report.rows.size() + report.skipped.size(), table.rowCount());
        for (const auto &skipped : report.skipped)
            QVERIFY2(!skipped.reason.empty(), skipped.id.c_str());
        int korthikanti = 0;
        for (const auto &row : report.rows) {
            QVERIFY2(std::isfinite(row.predicted) && row.predicted > 0.0, row.id.c_str());
            korthikanti += row.id.rfind("kor22-t5-", 0) == 0 ? 1 : 0;
        }
        QCOMPARE(korthikanti, 8);
        qInfo("%d rows compared, %d skipped: median |error| %.1f%%, p90 %.1f%%",
              report.summary.rows, int(report.skipped.size()),
              100.0 * report.summary.medianAbsRelativeError,
              100.0 * report.summary.p90AbsRelativeError);
        QVERIFY(report.summary.rows >= 60);
        QVERIFY(report.summary.medianAbsRelativeError <= 0.10);
        for (const auto &source : report.perSource)
            if (source.source == "kor22")
                QVERIFY(source.medianAbsRelativeError <= 0.03);
    }
};

QTEST_GUILESS_MAIN(TestTrainingValidation)
#include "tst_training_validation.moc"
