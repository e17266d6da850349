#include "models/scaling/scaling_laws.h"

#include <QTemporaryDir>
#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/test_data.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

// `scalescope fit` end to end: the real executable, its exit status, stdout and stderr. The fits
// of Epoch's Chinchilla points need data outside the repository: tst_cli_fit_epoch.cpp.

using scalescope::testing::runScalescope;

namespace {

QString fixture(const char *name) {
    return QString::fromStdString(scalescope::testing::testDataDir()) + "/scaling/" + name;
}

bool near(double value, double expected, double relative) {
    return std::abs(value - expected) <= relative * std::abs(expected);
}

} // namespace

class TestCliFit : public QObject {
    Q_OBJECT

private slots:
    void muennighoffGridJson() {
        // Muennighoff et al.'s C4 base fit (docs/reference/FITS.md M1: E = e^0.6254804 = 1.8691,
        // α = β = 0.3526596) from the shipped 54 points; tied exponents make a = b = 1/2.
        const QString path = QString::fromStdString(scalescope::testing::shippedDataDir()) +
                             "/scaling/muennighoff2023_chinchilla_c4_isoflops.csv";
        const auto run = runScalescope({"fit", path, "--grid", "muennighoff", "--json"});
        QCOMPARE(run.exitCode, 0);
        const auto json = nlohmann::json::parse(run.out.toStdString());
        QCOMPARE(json["points_used"].get<int>(), 54);
        QCOMPARE(json["fit"]["starts"].get<int>(), 400);
        QVERIFY(json["fit"]["tie_exponents"].get<bool>());
        const double alpha = json["params"]["alpha"].get<double>();
        QCOMPARE(json["params"]["beta"].get<double>(), alpha);
        QVERIFY2(std::abs(alpha - 0.3526596) < 5e-4, qPrintable(QString::number(alpha)));
        QVERIFY(near(json["params"]["E"].get<double>(), 1.8691, 1e-3));
        QCOMPARE(json["compute_optimal"]["a"].get<double>(), 0.5);
        QVERIFY(run.err.contains("fit: grid 100% (400/400)"));
    }

    void kaplanLawFromGeneratedRuns() {
        QTemporaryDir dir;
        const QString path = dir.filePath("kaplan.csv");
        {
            std::ofstream out(path.toStdString());
            out << "params,loss\n";
            for (double n = 1e6; n <= 1e10; n *= 4)
                out << n << ","
                    << scalescope::models::kaplanLossFromParameters(
                           scalescope::models::nonEmbeddingParameters(n))
                    << "\n";
        }
        const auto run = runScalescope({"fit", path, "--law", "kaplan-n", "--json"});
        QCOMPARE(run.exitCode, 0);
        const auto json = nlohmann::json::parse(run.out.toStdString());
        // Kaplan Table 5: N_c = 8.8e13, α_N = 0.076 (the CSV holds 6 significant digits).
        QVERIFY(near(json["params"]["N_c"].get<double>(), 8.8e13, 1e-3));
        QVERIFY(std::abs(json["params"]["alpha_N"].get<double>() - 0.076) < 1e-5);
        // "--law=kaplan-n" is the same option (CliArguments reads both spellings).
        const auto human = runScalescope({"fit", path, "--law=kaplan-n"});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("Kaplan-style fit of"));
        QVERIFY(human.out.contains("alpha_N 0.076"));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected"); // the one stderr line, after "error: "
        const QString dir =
            QString::fromStdString(scalescope::testing::testDataDir()) + "/scaling/";
        QTest::newRow("unterminated quote")
            << QStringList{"fit", fixture("unterminated_quote.csv")}
            << dir + "unterminated_quote.csv: line 3, column 2: unterminated quoted field (the "
                     "closing \" is missing)";
        QTest::newRow("missing column")
            << QStringList{"fit", fixture("missing_loss.csv")}
            << dir + "missing_loss.csv: line 1: missing loss column (looked for \"loss\", \"L\", "
                     "\"final_loss\", \"val_loss\"; name it with the column option)";
        QTest::newRow("named column missing")
            << QStringList{"fit", fixture("missing_loss.csv"), "--loss-column", "val"}
            << dir + "missing_loss.csv: line 1: missing column \"val\" (the header has \"N\", "
                     "\"D\", \"final\")";
        QTest::newRow("non-positive")
            << QStringList{"fit", fixture("negative_tokens.csv")}
            << dir + "negative_tokens.csv: line 3, column 2 (D): must be > 0, found -4e+10";
        QTest::newRow("non-finite") << QStringList{"fit", fixture("nan_loss.csv")}
                                    << dir + "nan_loss.csv: line 3, column 3 (loss): non-finite "
                                             "value \"nan\"";
        QTest::newRow("fewer points than parameters")
            << QStringList{"fit", fixture("four_points.csv")}
            << dir + "four_points.csv: line 5, column 3 (loss): 4 data points but the Chinchilla "
                     "law has 5 parameters (need at least 5)";
        QTest::newRow("one model size")
            << QStringList{"fit", fixture("one_model_size.csv")}
            << dir + "one_model_size.csv: column 1 (N): all 5 runs have the same model size "
                     "(1e+09); the Chinchilla law needs at least 2 different ones";
        QTest::newRow("kaplan-d without tokens")
            << QStringList{"fit",        fixture("one_model_size.csv"),
                           "--law",      "kaplan-d",
                           "--d-column", "tokens"}
            << dir + "one_model_size.csv: line 1: missing column \"tokens\" (the header has "
                     "\"N\", \"D\", \"loss\")";
        QTest::newRow("no such file")
            << QStringList{"fit", dir + "absent.csv"}
            << dir + "absent.csv: cannot open file: No such file or directory";
        QTest::newRow("unknown law")
            << QStringList{"fit", fixture("four_points.csv"), "--law", "gpt"}
            << "command line: --law: unknown law \"gpt\" (expected one of: chinchilla, kaplan-n, "
               "kaplan-d, kaplan-c)";
        QTest::newRow("unknown grid")
            << QStringList{"fit", fixture("four_points.csv"), "--grid", "epoch"}
            << "command line: --grid: unknown grid \"epoch\" (expected hoffmann or muennighoff)";
        QTest::newRow("tied Kaplan law")
            << QStringList{"fit", fixture("four_points.csv"), "--law", "kaplan-n",
                           "--tie-exponents"}
            << "command line: --tie-exponents: applies to --law chinchilla only";
        const QString usage =
            " (usage: scalescope fit FILE.csv [--law chinchilla|kaplan-n|kaplan-d|kaplan-c] "
            "[--n-column NAME] [--d-column NAME] [--c-column NAME] [--loss-column NAME] "
            "[--drop-highest-loss K] [--bootstrap N] [--seed S] [--irreducible] "
            "[--tie-exponents] [--grid hoffmann|muennighoff] [--json])";
        QTest::newRow("unknown option")
            << QStringList{"fit", fixture("four_points.csv"), "--sigma", "2"}
            << "command line: --sigma: unknown option" + usage;
        QTest::newRow("two files")
            << QStringList{"fit", fixture("four_points.csv"), fixture("nan_loss.csv")}
            << "command line: fit: expected one CSV file" + usage;
        QTest::newRow("no file") << QStringList{"fit", "--json"}
                                 << "command line: fit: expected one CSV file" + usage;
        QTest::newRow("flag with a value")
            << QStringList{"fit", fixture("four_points.csv"), "--json=yes"}
            << "command line: --json: takes no value" + usage;
        QTest::newRow("missing value") << QStringList{"fit", fixture("four_points.csv"), "--law"}
                                       << QString("command line: --law: needs a law");
        QTest::newRow("inline grid on Kaplan")
            << QStringList{"fit", fixture("four_points.csv"), "--law=kaplan-c", "--grid=hoffmann"}
            << QString("command line: --grid: applies to --law chinchilla only");
        QTest::newRow("bad count")
            << QStringList{"fit", fixture("four_points.csv"), "--bootstrap", "many"}
            << "command line: --bootstrap: expected a whole number from 0 to 1000000, found "
               "\"many\"";
    }
    void badInput() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const auto run = runScalescope(arguments);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QString());
        QCOMPARE(run.err, "error: " + expected + "\n");
    }
};

QTEST_GUILESS_MAIN(TestCliFit)
#include "tst_cli_fit.moc"
