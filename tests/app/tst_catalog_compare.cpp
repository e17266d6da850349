// Unit tests of the comparison renderer the CLI and the no-argument launch share, and of the
// table helpers. Expected values come from the hardware reference README
// (tests/data/reference/hardware) (1a/1b, 2a) and hand arithmetic in the comments.

#include "app/cli/text_table.h"
#include "app/data/catalog_compare.h"
#include "models/catalog/catalog.h"
#include "models/core/input_error.h"

#include <QRegularExpression>
#include <QTest>

#include <functional>

using namespace scalescope;

class TestCatalogCompare : public QObject {
    Q_OBJECT

private:
    models::Catalog m_catalog;

    static std::string errorOf(const std::function<void()> &body) {
        try {
            body();
        } catch (const models::InputError &error) {
            return error.what();
        }
        return "no error";
    }

    static models::Scenario scenarioOn(const std::string &system, const std::string &gpu = {}) {
        models::Scenario scenario;
        scenario.hardware.systemId = system;
        scenario.hardware.gpuId = gpu;
        return scenario;
    }

private slots:
    void initTestCase() {
        m_catalog = models::loadCatalog({std::string(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog"});
    }

    void tableNumbers_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("unpublished") << 0.0 << "—";
        QTest::newRow("four digits") << 989.5 << "989.5";
        QTest::newRow("thousands") << 2250.0 << "2,250";
        QTest::newRow("rounded to 4 digits") << 1234.5 << "1,235";
        QTest::newRow("ten thousands stay whole") << 35000.0 << "35,000";
        QTest::newRow("millions") << 1234567.0 << "1,234,567";
        QTest::newRow("small") << 0.02134 << "0.02134";
        QTest::newRow("negative large") << -12000.0 << "-12,000";
    }
    void tableNumbers() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(app::formatTableNumber(value)), text);
    }

    void tableAlignsUtf8() {
        app::TextTable table({"", "a", "ratio"});
        table.addRow({"row one", "1", "2×"});
        table.addRow({"x", "1,000"});
        // Widths: 7, 5, 5 code points ("×" counts once); rule = 7 + 2 + 5 + 2 + 5 = 21.
        const std::string expected = "             a  ratio\n"
                                     "---------------------\n"
                                     "row one      1     2×\n"
                                     "x        1,000\n";
        QCOMPARE(table.render(), expected);
        QCOMPARE(app::displayWidth("2×"), std::size_t(2));
    }

    void comparisonErrors_data() {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QStringList{}
                              << "command line: --compare: needs at least one catalog id";
        QTest::newRow("unknown") << QStringList{"h100-sxm", "h999"}
                                 << "command line: --compare: unknown catalog id \"h999\" (see "
                                    "scalescope catalog)";
        QTest::newRow("cpu") << QStringList{"grace", "vera"}
                             << "command line: --compare: \"grace\" is a CPU or interconnect; "
                                "compare accelerators or systems";
        QTest::newRow("mixed") << QStringList{"b200", "dgx-b200"}
                               << "command line: --compare: compare accelerators with "
                                  "accelerators or systems with systems, not both";
    }
    void comparisonErrors() {
        QFETCH(QStringList, ids);
        QFETCH(QString, expected);
        std::vector<std::string> list;
        for (const auto &id : ids)
            list.push_back(id.toStdString());
        QCOMPARE(QString::fromStdString(
                     errorOf([&] { (void)app::renderCatalogComparison(m_catalog, list); })),
                 expected);
    }

    void threeWayComparisonHasTwoRatioColumns() {
        const std::string text =
            app::renderCatalogComparison(m_catalog, {"a100-sxm4-80gb", "h100-sxm", "b200"});
        QVERIFY(text.find("h100-sxm / a100-sxm4-80gb") != std::string::npos);
        QVERIFY(text.find("b200 / a100-sxm4-80gb") != std::string::npos);
        // Dense BF16: 312 -> 989.5 (3.2x) -> 2,250 (7.2x).
        const QRegularExpression row(
            "\\nDense BF16/FP16 \\[TFLOP/s\\] +312 +989\\.5 +2,250 +3\\.2× +7\\.2×\\n");
        QVERIFY2(row.match(QString::fromStdString(text)).hasMatch(), text.c_str());
    }

    void workspaceComparison() {
        models::Workspace workspace;
        workspace.scenarios = {scenarioOn("dgx-h100"), scenarioOn("dgx-b200"),
                               scenarioOn("dgx-h100"), scenarioOn("", "gb200")};
        const auto ids = app::workspaceAcceleratorIds(m_catalog, workspace);
        QCOMPARE(ids, (std::vector<std::string>{"h100-sxm", "b200", "gb200"}));
        const std::string text = app::renderWorkspaceHardwareComparison(m_catalog, workspace);
        QVERIFY(text.rfind("Accelerators: dense peaks", 0) == 0);
        QVERIFY(text.find("\nSystems, ratios against dgx-h100") != std::string::npos);
        QVERIFY(text.find("dgx-b200 / dgx-h100") != std::string::npos);

        models::Workspace empty;
        QCOMPARE(app::renderWorkspaceHardwareComparison(m_catalog, empty),
                 std::string("The workspace names no accelerator from the catalog.\n"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogCompare)
#include "tst_catalog_compare.moc"
