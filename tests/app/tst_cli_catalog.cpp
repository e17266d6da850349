// End-to-end tests of `scalescope catalog`: the built binary run through QProcess.
// Expected numbers are typed in from the hardware reference README (tests/data/reference/hardware)
// tables 1a/1b (H100 SXM: 989.5 TFLOP/s dense BF16, 80 GB, 900 GB/s NVLink; B200: 2,250 TFLOP/s,
// 180 GB, 1,800 GB/s) and the ratios worked out by hand (2,250 / 989.5 = 2.27 -> 2.3x; 180 / 80
// = 2.25 -> 2.3x; 2x).

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"

namespace {} // namespace

class TestCliCatalog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home; // isolates the user data folder

    scalescope::testing::CliRun run(const QStringList &arguments) {
        return scalescope::testing::runScalescope(
            arguments, scalescope::testing::cliEnvironment(m_home.path()));
    }

    /// The cells of the table row that starts with `label` (cells are 2+ spaces apart).
    static QStringList rowCells(const QString &table, const QString &label) {
        for (const QString &line : table.split('\n'))
            if (line.startsWith(label + "  "))
                return line.mid(label.size()).trimmed().split(QRegularExpression("\\s{2,}"));
        return {};
    }

    static void writeFile(const QString &path, const QByteArray &bytes) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

    static QByteArray shipped(const QString &name) {
        QFile file(QString(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog/" + name);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void compareH100WithB200_data() {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QStringList>("cells");
        QTest::newRow("BF16") << "Dense BF16/FP16 [TFLOP/s]"
                              << QStringList{"989.5", "2,250", "2.3×"};
        QTest::newRow("FP8") << "Dense FP8 [TFLOP/s]" << QStringList{"1,979", "4,500", "2.3×"};
        QTest::newRow("FP4") << "Dense FP4 [TFLOP/s]" << QStringList{"unsupported", "9,000"};
        QTest::newRow("HBM") << "Usable HBM" << QStringList{"80 GiB", "180 GiB", "2.3×"};
        QTest::newRow("HBM bandwidth")
            << "HBM bandwidth [TB/s]" << QStringList{"3.35", "8", "2.4×"};
        QTest::newRow("NVLink") << "Scale-up bandwidth [GB/s, both ways]"
                                << QStringList{"900", "1,800", "2×"};
        QTest::newRow("TDP") << "TDP [W]" << QStringList{"700", "1,000", "1.4×"};
        QTest::newRow("year") << "Launch year" << QStringList{"2022", "2024"};
    }
    void compareH100WithB200() {
        QFETCH(QString, label);
        QFETCH(QStringList, cells);
        const scalescope::testing::CliRun result =
            run({"catalog", "--compare", "h100-sxm", "b200"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QVERIFY(result.out.contains("b200 / h100-sxm"));
        QCOMPARE(rowCells(result.out, label), cells);
    }

    void compareSystems() {
        const scalescope::testing::CliRun result =
            run({"catalog", "--compare", "dgx-h100", "gb200-nvl72"});
        QCOMPARE(result.exitCode, 0);
        // 72 / 8 GPUs = 9x; 72 x 2,500 TFLOP/s = 180 PFLOP/s vs 8 x 989.5 = 7.916 PFLOP/s.
        QCOMPARE(rowCells(result.out, "GPUs (SuperPOD: per SU)"), (QStringList{"8", "72", "9×"}));
        QCOMPARE(rowCells(result.out, "Dense BF16, all GPUs [PFLOP/s]"),
                 (QStringList{"7.916", "180", "23×"}));
        QCOMPARE(rowCells(result.out, "CPUs"), (QStringList{"2× xeon-8480c", "36× grace"}));
    }

    void jsonListsEverything() {
        const scalescope::testing::CliRun result = run({"catalog", "--json"});
        QCOMPARE(result.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(root["schema_version"].toInt(), 1);
        QCOMPARE(root["accelerators"].toArray().size(), 31);
        QCOMPARE(root["cpus"].toArray().size(), 6);
        QCOMPARE(root["systems"].toArray().size(), 31);
        QCOMPARE(root["interconnects"].toArray().size(), 40);
        for (const char *kind : {"accelerators", "cpus", "systems", "interconnects"})
            for (const auto &entry : root[kind].toArray())
                QVERIFY2(entry.toObject()["source_url"].toString().startsWith("https://"),
                         qPrintable(entry.toObject()["id"].toString()));
        // The files' units: TFLOP/s and GB.
        const QJsonObject h100 = root["accelerators"].toArray()[4].toObject();
        QCOMPARE(h100["id"].toString(), QString("h100-sxm"));
        QCOMPARE(h100["bf16_dense_tflops"].toDouble(), 989.5);
        QCOMPARE(h100["hbm_gb"].toDouble(), 80.0);
    }

    void jsonWithCompareKeepsNamedEntries() {
        const scalescope::testing::CliRun result =
            run({"catalog", "--json", "--compare", "b200", "gb200-nvl72"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(root["schema_version"].toInt(), 1);
        QCOMPARE(root["accelerators"].toArray().size(), 1);
        QCOMPARE(root["systems"].toArray().size(), 1);
        QCOMPARE(root["systems"].toArray()[0].toObject()["gpu_count"].toInt(), 72);
    }

    void summaryWithoutArguments() {
        const scalescope::testing::CliRun result = run({"catalog"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("Accelerators (31;"));
        QVERIFY(result.out.contains("\nCPUs (6;"));
        QVERIFY(result.out.contains("\nSystems (31;"));
        QVERIFY(result.out.contains("\nInterconnects (40;"));
        QCOMPARE(rowCells(result.out, "h100-sxm").mid(0, 3),
                 (QStringList{"2022", "989.5", "1,979"}));
    }

    void userDirectoryOverridesById() {
        QTemporaryDir extra;
        QJsonObject root = QJsonDocument::fromJson(shipped("accelerators.json")).object();
        QJsonArray items = root["items"].toArray();
        QJsonObject h100 = items[4].toObject();
        h100["hbm_gb"] = 96;
        root["items"] = QJsonArray{h100};
        writeFile(extra.path() + "/mine.json", QJsonDocument(root).toJson());
        const scalescope::testing::CliRun result =
            run({"catalog", "--catalog", extra.path(), "--compare", "h100-sxm", "b200"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(rowCells(result.out, "Usable HBM"), (QStringList{"96 GiB", "180 GiB", "1.9×"}));
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("accelerators"); // file written into --catalog DIR
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected"); // regular expression for the one stderr line
        const QByteArray text = shipped("accelerators.json");
        QByteArray wrongType = text;
        wrongType.replace("\"hbm_gb\": 32,", "\"hbm_gb\": \"32\",");
        QTest::newRow("truncated catalog file")
            << text.left(text.size() / 3) << QStringList{"catalog"}
            << "^error: .*/accelerators\\.json: invalid JSON at line \\d+, column \\d+ "
               "\\(unexpected end of input: truncated file\\?\\)$";
        QTest::newRow("wrong type")
            << wrongType << QStringList{"catalog", "--json"}
            << "^error: .*/accelerators\\.json: /items/0/hbm_gb: expected a number, found string$";
        QTest::newRow("unknown id") << QByteArray() << QStringList{"catalog", "--compare", "h1000"}
                                    << "^error: command line: --compare: unknown catalog id "
                                       "\"h1000\" \\(see scalescope catalog\\)$";
        QTest::newRow("unknown option") << QByteArray() << QStringList{"catalog", "--fast"}
                                        << "^error: command line: --fast: unknown argument";
        QTest::newRow("missing directory")
            << QByteArray() << QStringList{"catalog", "--catalog", "/nonexistent/dir"}
            << "^error: /nonexistent/dir: catalog directory does not exist$";
    }
    void badInput() {
        QFETCH(QByteArray, accelerators);
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QTemporaryDir extra;
        if (!accelerators.isEmpty()) {
            writeFile(extra.path() + "/accelerators.json", accelerators);
            arguments << "--catalog" << extra.path();
        }
        const scalescope::testing::CliRun result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QVERIFY2(result.err.endsWith('\n') && result.err.count('\n') == 1, qPrintable(result.err));
        QVERIFY2(QRegularExpression(expected).match(result.err.trimmed()).hasMatch(),
                 qPrintable(result.err));
    }

    void help() {
        const scalescope::testing::CliRun result = run({"catalog", "--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith("Usage: scalescope catalog"));
        const scalescope::testing::CliRun top = run({"--help"});
        QVERIFY(top.out.contains("scalescope catalog [--json] [--compare ID ID ...]"));
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_cli_catalog.moc"
