// One number for a GPU's usable memory: the planner, the Memory chart, the Catalog table, the
// catalog comparison and the rack tooltip all read models::usableMemoryBytes and write it with
// models::usableMemoryText.

#include "app/data/app_data.h"
#include "app/data/catalog_compare.h"
#include "app/document/scenario_document.h"
#include "models/planner/planner_context.h"
#include "models/rack/rack_traffic.h"
#include "views/charts/memory_chart.h"
#include "views/panels/catalog_browser.h"
#include "views/rack/rack_scene_builder.h"

#include "tests/support/rack_test_systems.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTest>

#include <map>

using namespace scalescope;

namespace {

constexpr double kGib = 1073741824.0; // 2^30

/// hbm_gb of every accelerator, read straight from the shipped JSON (not through the loader).
std::map<QString, double> datasheetGb() {
    QFile file(QStringLiteral(SCALESCOPE_SOURCE_DATA_DIR) + "/catalog/accelerators.json");
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::map<QString, double> out;
    for (const auto &item : QJsonDocument::fromJson(file.readAll())["items"].toArray()) {
        const QJsonObject object = item.toObject();
        out[object["id"].toString()] = object["hbm_gb"].toDouble();
    }
    return out;
}

/// The datasheet's "GB" read as GiB, written by hand: every shipped hbm_gb is a whole number
/// below 1000, so three significant digits print it as it is: 80 -> "80 GiB", 186 -> "186 GiB".
QString expectedText(double gb) {
    return QString::number(gb, 'f', 0) + " GiB";
}

/// The cell of `id`'s row in the Catalog table's "Usable HBM" column.
QString browserCell(const views::CatalogBrowser &browser, const std::string &id) {
    const auto *model = browser.table()->model();
    int column = -1;
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString() == "Usable HBM")
            column = c;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(Qt::UserRole).toString() == QString::fromStdString(id))
            return model->index(row, column).data().toString();
    return {};
}

/// The "Usable HBM" line of `scalescope catalog --compare ID`.
QString comparisonLine(const models::Catalog &catalog, const std::string &id) {
    const QString text = QString::fromStdString(app::renderCatalogComparison(catalog, {id}));
    for (const QString &line : text.split('\n'))
        if (line.startsWith("Usable HBM"))
            return line;
    return {};
}

} // namespace

class TestUsableMemory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_data = app::loadAppData();
        m_gb = datasheetGb();
        QVERIFY(m_gb.size() >= 20);
    }

    void datasheetGigabytesAreBinary() {
        // The three cases: H100 "80 GB" = 80 x 2^30 = 85,899,345,920 B; B200 "180 GB";
        // GB200 "186 GB". Not 74.5 / 168 / 173 GiB (the decimal reading).
        const auto &catalog = m_data->catalog;
        QCOMPARE(models::usableMemoryBytes(*catalog.findAccelerator("h100-sxm")), 85899345920.0);
        QCOMPARE(models::usableMemoryText(85899345920.0), std::string("80 GiB"));
        QCOMPARE(
            models::usableMemoryText(models::usableMemoryBytes(*catalog.findAccelerator("b200"))),
            std::string("180 GiB"));
        QCOMPARE(
            models::usableMemoryText(models::usableMemoryBytes(*catalog.findAccelerator("gb200"))),
            std::string("186 GiB"));
    }

    void everyViewShowsTheSameNumber() {
        const auto &catalog = m_data->catalog;
        views::CatalogBrowser browser(&catalog);
        app::ScenarioDocument document(app::plannerEvaluator(m_data));
        views::MemoryChart chart(&document);
        int planned = 0, racked = 0;
        for (const auto &gpu : catalog.accelerators) {
            const QString id = QString::fromStdString(gpu.id);
            QVERIFY2(m_gb.count(id), qPrintable(id));
            const double gb = m_gb[id];
            const QString text = expectedText(gb);
            QCOMPARE(browserCell(browser, gpu.id), text);
            QVERIFY2(comparisonLine(catalog, gpu.id).contains(text), qPrintable(id));

            // The planner and the Memory chart: Llama 3 8B data-parallel on 8 of this GPU.
            models::Scenario s = testing::presetScenario(gpu.id, "llama3-8b", "", 8, 1, 1, 8);
            s.hardware.gpuId = gpu.id;
            const models::SystemSpec *system = nullptr;
            for (const auto &candidate : catalog.systems)
                if (candidate.gpuId == gpu.id && candidate.gpusPerNode > 0) {
                    system = &candidate;
                    break;
                }
            if (system) {
                s.hardware.gpuId.clear();
                s.hardware.systemId = system->id;
                s.hardware.numGpus = system->gpusPerNode;
                s.parallelism.dp = system->gpusPerNode;
            }
            document.resetWorkspace({"", "", {s}, std::nullopt}, {});
            const auto result = document.result();
            if (!result->valid)
                continue; // no dense BF16 peak: the planner cannot train on it
            ++planned;
            QCOMPARE(result->hbmBytes, gb * kGib);
            chart.refreshNow();
            QCOMPARE(chart.hbmLinesGib(), std::vector<double>{gb});

            // The rack tooltip of GPU 0 on the first system built from this GPU.
            if (!system || !result->rackJob)
                continue;
            const views::RackScene scene = views::makeRackScene(catalog, s, result->rackJob.get(),
                                                                views::RackOverlay::MemoryFill);
            const QString tooltip = views::rackTooltip(scene, scene.geometry->gpuItems[0]);
            QVERIFY2(tooltip.contains(" of " + text + " ("), qPrintable(tooltip));
            ++racked;
        }
        // Most of the catalog trains, and every NVIDIA server generation has a rack.
        QVERIFY2(planned >= 20, qPrintable(QString::number(planned)));
        QVERIFY2(racked >= 8, qPrintable(QString::number(racked)));
    }

private:
    std::shared_ptr<const app::AppData> m_data;
    std::map<QString, double> m_gb;
};

QTEST_MAIN(TestUsableMemory)
#include "tst_usable_memory.moc"
