// `scalescope fit` end to end on Epoch AI's 245 Chinchilla points (extracted from Hoffmann et al.'s
// Figure 4 SVG). The points carry no licence, so they do not ship with the repository: this
// executable reads them from outside (tests/support/test_data.h) and CTest reports it as
// skipped, with the reason, when they are absent (tests/data/README.md). Reference values:
// docs/reference/FITS.md.

#include <QTest>

#include "tests/support/cli_runner.h"
#include "tests/support/numeric_checks.h"
#include "tests/support/test_data.h"

#include <nlohmann/json.hpp>

#include <cmath>

using scalescope::testing::near;
using scalescope::testing::runScalescope;

namespace {
const char *const kEpochPoints = "scaling/epoch_chinchilla_svg_extracted_data.csv";
} // namespace

class TestCliFitEpoch : public QObject {
    Q_OBJECT

    const QString m_path =
        QString::fromStdString(scalescope::testing::externalReferenceFile(kEpochPoints).path);

private slots:
    void epochWithoutExclusionJson() {
        const auto run = runScalescope({"fit", m_path, "--json"});
        QCOMPARE(run.exitCode, 0);
        const auto json = nlohmann::json::parse(run.out.toStdString()); // exactly one document
        QCOMPARE(json["schema_version"].get<int>(), 1);
        QCOMPARE(json["law"].get<std::string>(), std::string("chinchilla"));
        QCOMPARE(json["points_used"].get<int>(), 245);
        // FITS.md §2.1: on all 245 points the grid fit gives A 496, B 12,846, E 1.891,
        // α 0.349, β 0.453 (so D/N at Chinchilla's budget drops to ~6.5).
        const auto &params = json["params"];
        QVERIFY(near(params["A"].get<double>(), 496.0, 0.01));
        QVERIFY(near(params["B"].get<double>(), 12846.0, 0.01));
        QVERIFY(std::abs(params["E"].get<double>() - 1.891) < 1e-3);
        QVERIFY(std::abs(params["alpha"].get<double>() - 0.349) < 1e-3);
        QVERIFY(std::abs(params["beta"].get<double>() - 0.453) < 1e-3);
        QVERIFY(json["seconds"].get<double>() > 0.0);
        QVERIFY(json.contains("compute_optimal"));
        QVERIFY(!json.contains("ci95"));
        QVERIFY(run.err.contains("fit: grid 100% (4500/4500)")); // progress goes to stderr
    }

    void epochWithBootstrapJson() {
        const auto run = runScalescope({"fit", m_path, "--drop-highest-loss", "5", "--bootstrap",
                                        "100", "--seed", "42", "--json"});
        QCOMPARE(run.exitCode, 0);
        const auto json = nlohmann::json::parse(run.out.toStdString());
        QCOMPARE(json["points_used"].get<int>(), 240);
        QCOMPARE(json["points_dropped"].get<int>(), 5);
        // E3: α 0.347313, β 0.367183, a = β/(α+β) = 0.5139.
        QVERIFY(std::abs(json["params"]["alpha"].get<double>() - 0.347313) < 1e-3);
        QVERIFY(std::abs(json["compute_optimal"]["a"].get<double>() - 0.5139) < 1e-3);
        const auto &e = json["ci95"]["E"];
        QCOMPARE(e.size(), std::size_t(2));
        QVERIFY(e[0].get<double>() < 1.8172 && e[1].get<double>() > 1.8172);
        QCOMPARE(json["bootstrap"]["resamples"].get<int>(), 100);
        QVERIFY(run.err.contains("fit: bootstrap 100% (100/100)"));
    }
};

SCALESCOPE_GUILESS_TEST_MAIN_NEEDING(TestCliFitEpoch, kEpochPoints)
#include "tst_cli_fit_epoch.moc"
