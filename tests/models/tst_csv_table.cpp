#include "models/core/csv_table.h"
#include "models/core/input_error.h"
#include "models/scaling/scaling_dataset.h"

#include <QTest>

#include "tests/support/test_data.h"

#include <cmath>

using namespace scalescope::models;

namespace {

template <typename F> std::string errorOf(F body) {
    try {
        body();
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

} // namespace

class TestCsvTable : public QObject {
    Q_OBJECT

private slots:
    void headerAndColumns() {
        const auto table = CsvTable::parse("N,D,loss\n1e9,2e10,2.5\n2e9,4e10,2.3\n", "t.csv");
        QCOMPARE(table.rowCount(), std::size_t(2));
        QCOMPARE(table.columnCount(), std::size_t(3));
        QCOMPARE(table.column("loss"), std::size_t(2));
        QCOMPARE(*table.findColumn("LOSS"), std::size_t(2)); // case-insensitive fallback
        QVERIFY(!table.findColumn("tokens"));
        QCOMPARE(table.number(1, 0), 2e9);
        QCOMPARE(table.lineOf(1), 3);
    }

    void rfc4180Quoting() {
        // Section 2 of RFC 4180: quoted commas, doubled quotes, quoted CRLF line breaks, CRLF
        // record ends. The second record spans physical lines 3-4, so the third starts on 5.
        const std::string text = "name,note,value\r\n"
                                 "\"a, b\",\"say \"\"hi\"\"\",1\r\n"
                                 "c,\"two\r\nlines\",2\r\n"
                                 "d,plain,3\r\n";
        const auto table = CsvTable::parse(text, "q.csv");
        QCOMPARE(table.rowCount(), std::size_t(3));
        QCOMPARE(table.cell(0, 0), std::string("a, b"));
        QCOMPARE(table.cell(0, 1), std::string("say \"hi\""));
        QCOMPARE(table.cell(1, 1), std::string("two\r\nlines"));
        QCOMPARE(table.lineOf(1), 3);
        QCOMPARE(table.lineOf(2), 5);
        QCOMPARE(table.number(2, 2), 3.0);
    }

    void byteOrderMarkAndBlankLines() {
        const auto table = CsvTable::parse("\xEF\xBB\xBFx,y\n\n1,2\n\n", "b.csv");
        QCOMPARE(table.header().front(), std::string("x"));
        QCOMPARE(table.rowCount(), std::size_t(1));
        QCOMPARE(table.lineOf(0), 3);
    }

    void errors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unterminated quote")
            << "a,b\n1,\"open\n2,3\n"
            << "e.csv: line 2, column 2: unterminated quoted field (the closing \" is missing)";
        QTest::newRow("text after closing quote")
            << "a,b\n1,\"x\"y\n"
            << "e.csv: line 2, column 2: unexpected character 'y' after a "
               "closing quote";
        QTest::newRow("short row") << "a,b,c\n1,2\n"
                                   << "e.csv: line 2: expected 3 fields as in the header, found 2";
        QTest::newRow("duplicate header") << "a,b,a\n1,2,3\n"
                                          << "e.csv: line 1, column 3: duplicate column name \"a\"";
        QTest::newRow("empty") << ""
                               << "e.csv: line 1: empty file (a header row is required)";
    }
    void errors() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto message = errorOf([&] { (void)CsvTable::parse(text.toStdString(), "e.csv"); });
        QCOMPARE(QString::fromStdString(message), expected);
    }

    // Cells must be well-formed UTF-8 (Unicode 15, table 3-7): byte sequences as bytes, since
    // QString would repair them.
    void utf8_data() {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<QString>("badByte"); // empty: accepted
        QTest::newRow("ascii") << QByteArray("GPT 22B") << QString();
        QTest::newRow("e acute C3 A9") << QByteArray("caf\xC3\xA9") << QString();
        QTest::newRow("euro E2 82 AC") << QByteArray("\xE2\x82\xAC 5") << QString();
        QTest::newRow("emoji F0 9F 98 80") << QByteArray("\xF0\x9F\x98\x80") << QString();
        QTest::newRow("U+10FFFF F4 8F BF BF") << QByteArray("\xF4\x8F\xBF\xBF") << QString();
        QTest::newRow("FF") << QByteArray("GPT \xFF 22B") << QString("FF");
        QTest::newRow("latin-1 e acute E9") << QByteArray("caf\xE9") << QString("E9");
        QTest::newRow("lone continuation 80") << QByteArray("a\x80") << QString("80");
        QTest::newRow("overlong C0 80") << QByteArray("\xC0\x80", 2) << QString("C0");
        QTest::newRow("overlong E0 80 AF") << QByteArray("\xE0\x80\xAF") << QString("E0");
        QTest::newRow("surrogate ED A0 80") << QByteArray("\xED\xA0\x80") << QString("ED");
        QTest::newRow("above U+10FFFF F4 90 80 80")
            << QByteArray("\xF4\x90\x80\x80") << QString("F4");
        QTest::newRow("F5") << QByteArray("\xF5\x80\x80\x80") << QString("F5");
        QTest::newRow("cut E2 82 at the end") << QByteArray("\xE2\x82") << QString("E2");
    }
    void utf8() {
        QFETCH(QByteArray, cell);
        QFETCH(QString, badByte);
        const std::string text = "id,model\nr1," + cell.toStdString() + "\n";
        const auto message = errorOf([&] { (void)CsvTable::parse(text, "u.csv"); });
        if (badByte.isEmpty()) {
            QCOMPARE(QString::fromStdString(message), QString("no error"));
            QCOMPARE(CsvTable::parse(text, "u.csv").cell(0, 1), cell.toStdString());
        } else {
            QCOMPARE(QString::fromStdString(message),
                     "u.csv: line 2, column 2: not valid UTF-8 (byte 0x" + badByte +
                         "): save the file as UTF-8");
        }
    }

    void numberErrors_data() {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << "abc"
                              << "n.csv: line 2, column 2 (loss): expected a number, found \"abc\"";
        QTest::newRow("nan") << "nan"
                             << "n.csv: line 2, column 2 (loss): non-finite value \"nan\"";
        QTest::newRow("inf") << "-inf"
                             << "n.csv: line 2, column 2 (loss): non-finite value \"-inf\"";
        QTest::newRow("overflow") << "1e999"
                                  << "n.csv: line 2, column 2 (loss): non-finite value \"1e999\"";
        QTest::newRow("zero") << "0"
                              << "n.csv: line 2, column 2 (loss): must be > 0, found 0";
        QTest::newRow("negative") << "-2.5"
                                  << "n.csv: line 2, column 2 (loss): must be > 0, found -2.5";
        QTest::newRow("empty") << ""
                               << "n.csv: line 2, column 2 (loss): empty value (a number is "
                                  "required)";
    }
    void numberErrors() {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        const auto table = CsvTable::parse("N,loss\n1e9," + cell.toStdString() + "\n", "n.csv");
        const auto message = errorOf([&] { (void)table.positiveNumber(0, 1); });
        QCOMPARE(QString::fromStdString(message), expected);
    }

    void tokensDerivedFromCompute() {
        // D = C / (6N): 6e19 FLOP on a 1e9-parameter model is 1e10 tokens.
        const auto table =
            CsvTable::parse("Model Size,Training FLOP,loss\n1e9,6e19,3.1\n", "c.csv");
        const auto dataset = loadScalingDataset(table);
        QCOMPARE(dataset.points.size(), std::size_t(1));
        QCOMPARE(dataset.points[0].tokens, 1e10);
        QCOMPARE(dataset.points[0].line, 2);
        QCOMPARE(dataset.lossField, std::string("column 3 (loss)"));
    }

    void missingColumns() {
        const auto table = CsvTable::parse("N,loss\n1e9,3.1\n", "m.csv");
        const auto noTokens = errorOf([&] { (void)loadScalingDataset(table); });
        QVERIFY2(noTokens.rfind("m.csv: line 1: missing training-token (D) column", 0) == 0,
                 noTokens.c_str());
        ScalingColumns named;
        named.loss = "final";
        const auto noLoss = errorOf([&] { (void)loadScalingDataset(table, named); });
        QCOMPARE(QString::fromStdString(noLoss),
                 QString("m.csv: line 1: missing column \"final\" (the header has \"N\", "
                         "\"loss\")"));
    }

    void fewerPointsThanParameters() {
        const auto table =
            CsvTable::parse("N,D,loss\n1e9,2e10,3\n2e9,4e10,2.9\n4e9,8e10,2.8\n", "few.csv");
        const auto dataset = loadScalingDataset(table);
        const auto message = errorOf([&] { requireEnoughPoints(dataset, 5, "Chinchilla"); });
        QCOMPARE(QString::fromStdString(message),
                 QString("few.csv: line 4, column 3 (loss): 3 data points but the Chinchilla "
                         "law has 5 parameters (need at least 5)"));
    }

    void dropHighestFollowsEpoch() {
        // Epoch keep loss < the 2nd-largest loss for K = 2: with losses {5, 4, 4, 3} the
        // threshold is 4, so both 4s go and only 3 remains.
        const auto table = CsvTable::parse("N,D,loss\n1,1,5\n1,1,4\n1,1,4\n1,1,3\n", "d.csv");
        const auto kept = dropHighestLosses(loadScalingDataset(table), 2);
        QCOMPARE(kept.points.size(), std::size_t(1));
        QCOMPARE(kept.points[0].loss, 3.0);
    }

    void epochNotableModelsWithQuotedNewlines() {
        // Epoch's full notable-models file: 895 models, 42 columns, many quoted multi-line
        // fields (tests/data/reference/README.md).
        const auto table = CsvTable::readFile(scalescope::testing::testDataDir() +
                                              "/reference/models/"
                                              "epoch_notable_ai_models_2025-02-24.csv");
        QCOMPARE(table.rowCount(), std::size_t(895));
        QCOMPARE(table.columnCount(), std::size_t(42));
        QVERIFY(table.lineOf(894) > 896); // quoted newlines push physical lines beyond rows
    }
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csv_table.moc"
