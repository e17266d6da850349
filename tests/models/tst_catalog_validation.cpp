// Tests of the catalog loader on small fixture files: SI conversion (hand calculations in the
// comments), one row per validation rule with the exact message, and overrides by id.

#include "models/catalog/catalog.h"
#include "models/catalog/catalog_loader.h"
#include "models/core/input_error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <functional>

using namespace scalescope::models;

namespace {

std::string errorOf(const std::function<void()> &body) {
    try {
        body();
    } catch (const InputError &error) {
        return error.what();
    }
    return "no error";
}

/// A small valid catalog (one entry of each kind plus a measurement and a SuperPOD).
nlohmann::json fixture(const std::string &kind) {
    using nlohmann::json;
    const std::string url = "https://example.org/spec";
    json items = json::array();
    if (kind == "accelerators") {
        items.push_back({{"id", "gpu-a"},
                         {"name", "GPU A"},
                         {"vendor", "V"},
                         {"bf16_dense_tflops", 100},
                         {"fp8_dense_tflops", 200},
                         {"datasheet_quotes_sparse", true},
                         {"unsupported_precisions", json::array({"FP4"})},
                         {"hbm_gb", 80},
                         {"hbm_bw_tb_s", 2},
                         {"scale_up_interconnect_id", "link-a"},
                         {"scale_up_gb_s_bidir", 400},
                         {"source_url", url}});
    } else if (kind == "cpus") {
        items.push_back({{"id", "cpu-a"}, {"name", "CPU A"}, {"vendor", "V"}, {"source_url", url}});
    } else if (kind == "interconnects") {
        items.push_back({{"id", "link-a"},
                         {"name", "Link A"},
                         {"category", "scale-up-link"},
                         {"per_device_gb_s_bidir", 400},
                         {"source_url", url}});
        items.push_back({{"id", "nccl-a"},
                         {"name", "all_reduce on link A"},
                         {"category", "nccl-measurement"},
                         {"busbw_low_gb_s", 150},
                         {"busbw_high_gb_s", 180},
                         {"measured_interconnect_id", "link-a"},
                         {"source_url", url}});
    } else {
        items.push_back({{"id", "box-a"},
                         {"name", "Box A"},
                         {"vendor", "V"},
                         {"kind", "server"},
                         {"gpu_id", "gpu-a"},
                         {"gpu_count", 8},
                         {"gpus_per_node", 8},
                         {"cpu_id", "cpu-a"},
                         {"cpu_count", 2},
                         {"cpus_per_node", 2},
                         {"scale_up_interconnect_id", "link-a"},
                         {"nics_per_gpu", 1},
                         {"nic_gbps", 400},
                         {"source_url", url}});
        items.push_back({{"id", "pod-a"},
                         {"name", "Pod A"},
                         {"vendor", "V"},
                         {"kind", "superpod"},
                         {"node_system_id", "box-a"},
                         {"su_nodes", 4},
                         {"su_gpus", 32},
                         {"source_url", url}});
    }
    return {{"schema_version", 1}, {"kind", kind}, {"items", items}};
}

void writeFile(const QString &path, const std::string &text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.data(), static_cast<qint64>(text.size()));
}

void writeFixture(const QString &directory) {
    for (const char *kind : {"accelerators", "cpus", "interconnects", "systems"})
        writeFile(directory + "/" + kind + ".json", fixture(kind).dump(2));
}

} // namespace

class TestCatalogValidation : public QObject {
    Q_OBJECT

private slots:
    void fixtureLoadsInSi() {
        QTemporaryDir dir;
        writeFixture(dir.path());
        const Catalog catalog = loadCatalog({dir.path().toStdString()});
        const auto *a = catalog.findAccelerator("gpu-a");
        QVERIFY(a);
        QCOMPARE(a->bf16FlopsPerSecond, 1.0e14); // 100 TFLOP/s
        QCOMPARE(a->hbmBytes, 8.0e10);           // 80 GB
        QCOMPARE(a->hbmBytesPerSecond, 2.0e12);  // 2 TB/s
        QVERIFY(a->datasheetQuotesSparse);
        QCOMPARE(a->unsupportedPrecisions, std::vector<std::string>{"FP4"});
        QVERIFY(!catalog.findAccelerator("absent"));
        const auto *box = catalog.findSystem("box-a");
        QCOMPARE(box->scaleOutBytesPerSecondPerGpu, 5.0e10); // 1 x 400 Gb/s / 8
        // 150 and 180 GB/s busbw over 400 / 2 = 200 GB/s per direction.
        QCOMPARE(catalog.findInterconnect("nccl-a")->achievableFraction, 0.75);
        QCOMPARE(catalog.findInterconnect("link-a")->achievableFractionHigh, 0.9);
        QCOMPARE(catalog.findSystem("pod-a")->gpuId, std::string("gpu-a")); // from box-a
    }

    void validationRules_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value"); // JSON text; empty removes the member
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing required number") << "accelerators"
                                                 << "/items/0/hbm_gb"
                                                 << ""
                                                 << "/items/0/hbm_gb: required number is missing";
        QTest::newRow("missing source_url") << "cpus"
                                            << "/items/0/source_url"
                                            << ""
                                            << "/items/0/source_url: required string is missing";
        QTest::newRow("wrong type: string for number")
            << "accelerators"
            << "/items/0/hbm_gb"
            << "\"80\""
            << "/items/0/hbm_gb: expected a number, found string";
        QTest::newRow("wrong type: string for bool")
            << "accelerators"
            << "/items/0/datasheet_quotes_sparse"
            << "\"yes\""
            << "/items/0/datasheet_quotes_sparse: expected true or false, found string";
        QTest::newRow("wrong type: items not an array")
            << "systems"
            << "/items"
            << "{}"
            << "/items: expected an array, found object";
        QTest::newRow("zero where positive") << "accelerators"
                                             << "/items/0/bf16_dense_tflops"
                                             << "0"
                                             << "/items/0/bf16_dense_tflops: must be > 0, found 0";
        QTest::newRow("negative bandwidth")
            << "interconnects"
            << "/items/0/per_device_gb_s_bidir"
            << "-400"
            << "/items/0/per_device_gb_s_bidir: must be > 0, found -400";
        QTest::newRow("fractional GPU count") << "systems"
                                              << "/items/0/gpu_count"
                                              << "8.5"
                                              << "/items/0/gpu_count: expected a whole number, "
                                                 "found 8.5";
        QTest::newRow("duplicate id in a file")
            << "cpus"
            << "/items/1"
            << R"({"id": "cpu-a", "name": "again", "vendor": "V", "source_url": "https://x"})"
            << "/items/1/id: duplicate id \"cpu-a\" (also defined at /items/0)";
        QTest::newRow("unknown gpu_id") << "systems"
                                        << "/items/0/gpu_id"
                                        << "\"gpu-zz\""
                                        << "/items/0/gpu_id: unknown accelerator id \"gpu-zz\"";
        QTest::newRow("unknown cpu_id") << "systems"
                                        << "/items/0/cpu_id"
                                        << "\"cpu-zz\""
                                        << "/items/0/cpu_id: unknown CPU id \"cpu-zz\"";
        QTest::newRow("unknown interconnect of a system")
            << "systems"
            << "/items/0/scale_out_interconnect_id"
            << "\"ib-zz\""
            << "/items/0/scale_out_interconnect_id: unknown interconnect id \"ib-zz\"";
        QTest::newRow("unknown interconnect of an accelerator")
            << "accelerators"
            << "/items/0/scale_up_interconnect_id"
            << "\"nvlink9\""
            << "/items/0/scale_up_interconnect_id: unknown interconnect id \"nvlink9\"";
        QTest::newRow("unknown node system") << "systems"
                                             << "/items/1/node_system_id"
                                             << "\"box-zz\""
                                             << "/items/1/node_system_id: unknown system id "
                                                "\"box-zz\"";
        QTest::newRow("unknown measured link")
            << "interconnects"
            << "/items/1/measured_interconnect_id"
            << "\"link-zz\""
            << "/items/1/measured_interconnect_id: unknown interconnect id \"link-zz\"";
        QTest::newRow("unknown schema version")
            << "cpus"
            << "/schema_version"
            << "2"
            << "/schema_version: unsupported schema version 2 (this build reads 1)";
        QTest::newRow("missing schema version") << "cpus"
                                                << "/schema_version"
                                                << ""
                                                << "/schema_version: required field is missing";
        QTest::newRow("unknown kind") << "cpus"
                                      << "/kind"
                                      << "\"processors\""
                                      << "/kind: unknown kind \"processors\" (expected one of: "
                                         "accelerators, cpus, systems, interconnects)";
        QTest::newRow("unknown field (typo)")
            << "accelerators"
            << "/items/0/hbm_gbs"
            << "80"
            << "/items/0/hbm_gbs: unknown field (see README \"Hardware catalog\" for the field "
               "names)";
        QTest::newRow("unknown precision token")
            << "accelerators"
            << "/items/0/unsupported_precisions"
            << R"(["FP3"])"
            << "/items/0/unsupported_precisions/0: unknown precision \"FP3\"";
        QTest::newRow("efficiency fraction above 1")
            << "accelerators"
            << "/items/0/efficiency"
            << R"({"family": "F", "streaming_multiprocessors": 100, "boost_gemm_fraction": 0.9, "sustained_gemm_fraction": 1.2, "sustained_gemm_fraction_low_precision": 0.6, "epilogue_k": 950, "attention_max_fraction": 0.8, "attention_sequence_half": 1000, "attention_head_dim_half": 40, "hbm_fraction": 0.9, "measured": true, "source": "s"})"
            << "/items/0/efficiency/sustained_gemm_fraction: must be at most 1 (a fraction of the "
               "peak), found 1.2";
        QTest::newRow("efficiency without source")
            << "accelerators"
            << "/items/0/efficiency"
            << R"({"family": "F", "streaming_multiprocessors": 100, "boost_gemm_fraction": 0.9, "sustained_gemm_fraction": 0.7, "sustained_gemm_fraction_low_precision": 0.6, "epilogue_k": 950, "attention_max_fraction": 0.8, "attention_sequence_half": 1000, "attention_head_dim_half": 40, "hbm_fraction": 0.9, "measured": true})"
            << "/items/0/efficiency/source: required string is missing";
        QTest::newRow("bad id characters") << "cpus"
                                           << "/items/0/id"
                                           << "\"CPU A\""
                                           << "/items/0/id: \"CPU A\" must use only lowercase "
                                              "letters, digits, '.', '-', '_'";
        QTest::newRow("unknown system kind") << "systems"
                                             << "/items/0/kind"
                                             << "\"blade\""
                                             << "/items/0/kind: unknown value \"blade\"";
        QTest::newRow("GPUs per node disagree")
            << "systems"
            << "/items/0/gpus_per_node"
            << "4"
            << "/items/0/gpus_per_node: must equal gpu_count 8 for a server, found 4";
        QTest::newRow("CPU count disagrees")
            << "systems"
            << "/items/0/cpu_count"
            << "3"
            << "/items/0/cpu_count: 3 CPUs do not match cpus_per_node 2 x 1 nodes";
        QTest::newRow("SuperPOD GPUs disagree")
            << "systems"
            << "/items/1/su_gpus"
            << "30"
            << "/items/1/su_gpus: 30 does not match su_nodes 4 x 8 GPUs per box-a = 32";
        QTest::newRow("SuperPOD of a SuperPOD")
            << "systems"
            << "/items/1/node_system_id"
            << "\"pod-a\""
            << "/items/1/node_system_id: \"pod-a\" is itself a SuperPOD";
        QTest::newRow("unknown rack slot kind")
            << "systems"
            << "/items/0/rack_layout"
            << R"([{"kind": "shelf"}])"
            << "/items/0/rack_layout/0/kind: unknown value \"shelf\"";
        QTest::newRow("busbw high below low") << "interconnects"
                                              << "/items/1/busbw_high_gb_s"
                                              << "100"
                                              << "/items/1/busbw_high_gb_s: must be >= "
                                                 "busbw_low_gb_s";
        QTest::newRow("measurement without busbw")
            << "interconnects"
            << "/items/1/busbw_low_gb_s"
            << ""
            << "/items/1/busbw_low_gb_s: required number is missing";
    }
    void validationRules() {
        QFETCH(QString, file);
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writeFixture(dir.path());
        nlohmann::json document = fixture(file.toStdString());
        const nlohmann::json::json_pointer where(pointer.toStdString());
        if (value.isEmpty())
            document[where.parent_pointer()].erase(where.back());
        else
            document[where] = nlohmann::json::parse(value.toStdString());
        const QString path = dir.path() + "/" + file + ".json";
        writeFile(path, document.dump(2));
        const QString error =
            QString::fromStdString(errorOf([&] { (void)loadCatalog({dir.path().toStdString()}); }));
        QVERIFY2(error.startsWith(path + ": " + expected), qPrintable(error));
    }

    void truncatedFileNamesFileAndPosition() {
        QTemporaryDir dir;
        writeFixture(dir.path());
        const std::string text = fixture("systems").dump(2);
        writeFile(dir.path() + "/systems.json", text.substr(0, text.size() / 2));
        const QString error =
            QString::fromStdString(errorOf([&] { (void)loadCatalog({dir.path().toStdString()}); }));
        QVERIFY2(error.startsWith(dir.path() + "/systems.json: invalid JSON at line "),
                 qPrintable(error));
        QVERIFY2(error.contains("truncated"), qPrintable(error));
    }

    void missingDirectory() {
        const QString error =
            QString::fromStdString(errorOf([] { (void)loadCatalog({"/nonexistent/catalog"}); }));
        QCOMPARE(error, QString("/nonexistent/catalog: catalog directory does not exist"));
    }

    void duplicateAcrossFilesOfOneDirectory() {
        QTemporaryDir dir;
        writeFixture(dir.path());
        writeFile(dir.path() + "/zz-more.json", fixture("cpus").dump());
        const QString error =
            QString::fromStdString(errorOf([&] { (void)loadCatalog({dir.path().toStdString()}); }));
        QCOMPARE(error, dir.path() +
                            "/zz-more.json: /items/0/id: duplicate id \"cpu-a\" (also "
                            "defined in " +
                            dir.path() + "/cpus.json)");
    }

    void laterDirectoryOverridesById() {
        QTemporaryDir shipped;
        QTemporaryDir user;
        writeFixture(shipped.path());
        nlohmann::json override = fixture("accelerators");
        override["items"][0]["hbm_gb"] = 141;
        nlohmann::json added = override["items"][0];
        added["id"] = "gpu-b";
        override["items"].push_back(added);
        writeFile(user.path() + "/my-gpus.json", override.dump());
        // A system in the user directory may name the GPU defined there.
        nlohmann::json systems = {{"schema_version", 1}, {"kind", "systems"}};
        nlohmann::json box = fixture("systems")["items"][0];
        box["id"] = "box-b";
        box["gpu_id"] = "gpu-b";
        systems["items"] = nlohmann::json::array({box});
        writeFile(user.path() + "/my-systems.json", systems.dump());

        const MergedCatalog merged =
            loadMergedCatalog({shipped.path().toStdString(), user.path().toStdString()});
        const Catalog &catalog = merged.catalog;
        QCOMPARE(catalog.accelerators.size(), std::size_t(2));
        QCOMPARE(catalog.accelerators[0].id, std::string("gpu-a")); // keeps its place
        QCOMPARE(catalog.accelerators[0].hbmBytes, 1.41e11);
        QCOMPARE(catalog.findSystem("box-b")->gpuId, std::string("gpu-b"));
        QCOMPARE(merged.entries["accelerators"][0]["hbm_gb"].get<double>(), 141.0);
        QCOMPARE(merged.entries["systems"].size(), std::size_t(3));
        // An error in the overriding directory names that file.
        override["items"][0]["hbm_gb"] = -1;
        writeFile(user.path() + "/my-gpus.json", override.dump());
        const QString error = QString::fromStdString(errorOf([&] {
            (void)loadCatalog({shipped.path().toStdString(), user.path().toStdString()});
        }));
        QCOMPARE(error, user.path() + "/my-gpus.json: /items/0/hbm_gb: must be > 0, found -1");
    }
};

QTEST_GUILESS_MAIN(TestCatalogValidation)
#include "tst_catalog_validation.moc"
