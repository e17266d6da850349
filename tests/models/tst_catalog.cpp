// Tests of the hardware catalog: the shipped data against the hardware reference (README tables
// typed in by hand, and the reference CSVs read independently), the loader's SI conversion and
// derived values (hand calculations in the comments), and one row per validation rule.
//
// References:
//  [1] tests/data/reference/hardware/README.md sections 1a/1b (accelerators), 2a/2b (systems,
//      NVL72 rack), 2c (SuperPODs), 3a/3d/3g (interconnects, NCCL bus bandwidth).
//  [2] tests/data/reference/hardware/{accelerators,cpus,systems,interconnects}.csv.

#include "models/catalog/catalog.h"
#include "models/catalog/catalog_loader.h"
#include "models/core/input_error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/test_data.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>

using namespace scalescope::models;

namespace {

const std::string kShippedCatalog = scalescope::testing::shippedDataDir() + "/catalog";

/// Splits a CSV file with quoted fields ("a, b" and doubled quotes) into rows of cells.
std::vector<std::vector<QString>> readCsv(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    std::vector<std::vector<QString>> rows(1);
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            rows.back().push_back(cell);
            cell.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !rows.back().empty())
        rows.back().push_back(cell);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

/// Rows as maps column name -> cell.
std::vector<std::map<QString, QString>> readCsvRecords(const QString &path) {
    const auto rows = readCsv(path);
    std::vector<std::map<QString, QString>> records;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<QString, QString> record;
        for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c)
            record[rows[0][c]] = rows[r][c];
        records.push_back(record);
    }
    return records;
}

/// The reference CSV cell as a number times `factor`, or 0 for an empty cell.
double csvNumber(const std::map<QString, QString> &record, const QString &column, double factor) {
    const QString cell = record.at(column).trimmed();
    return cell.isEmpty() ? 0.0 : cell.toDouble() * factor;
}

/// The hardware reference tables, shipped for the tests (tests/data/reference/README.md).
QString hardwareReferenceDirectory() {
    return QString::fromStdString(scalescope::testing::testDataDir()) + "/reference/hardware/";
}

bool close(double actual, double expected) {
    return std::abs(actual - expected) <= 1e-9 * std::max(std::abs(expected), 1.0);
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT

private:
    Catalog m_catalog;

private slots:
    void initTestCase() { m_catalog = loadCatalog({kShippedCatalog}); }

    void shippedCounts() {
        // [1] README: 31 accelerators, 6 CPUs, 31 systems, 40 interconnects.
        QCOMPARE(m_catalog.accelerators.size(), std::size_t(31));
        QCOMPARE(m_catalog.cpus.size(), std::size_t(6));
        QCOMPARE(m_catalog.systems.size(), std::size_t(31));
        QCOMPARE(m_catalog.interconnects.size(), std::size_t(40));
    }

    void everyEntryHasSourceUrl() {
        const auto check = [](const auto &entries) {
            for (const auto &entry : entries)
                QVERIFY2(entry.sourceUrl.rfind("https://", 0) == 0, entry.id.c_str());
        };
        check(m_catalog.accelerators);
        check(m_catalog.cpus);
        check(m_catalog.systems);
        check(m_catalog.interconnects);
    }

    void stableIdsExist_data() {
        QTest::addColumn<QString>("id");
        // docs/catalog.md, "Stable ids" (accelerators, CPUs, systems).
        for (const char *id : {"v100-sxm2-32gb",
                               "a100-sxm4-40gb",
                               "a100-sxm4-80gb",
                               "a100-pcie-80gb",
                               "h100-sxm",
                               "h100-pcie",
                               "h100-nvl",
                               "h800-sxm",
                               "h200-sxm",
                               "gh200-96gb",
                               "gh200-144gb",
                               "b100",
                               "b200",
                               "gb200",
                               "b300",
                               "gb300",
                               "rubin",
                               "mi250x",
                               "mi300x",
                               "mi325x",
                               "mi355x",
                               "tpu-v4",
                               "tpu-v5e",
                               "tpu-v5p",
                               "tpu-v6e",
                               "tpu-v7",
                               "gaudi3",
                               "l40",
                               "l40s",
                               "l4",
                               "rtx-pro-6000",
                               "grace",
                               "grace-superchip",
                               "vera",
                               "xeon-8480c",
                               "epyc-7742",
                               "xeon-8570",
                               "dgx-a100",
                               "dgx-h100",
                               "dgx-h200",
                               "dgx-b200",
                               "dgx-b300",
                               "hgx-h100",
                               "hgx-h200",
                               "hgx-b200",
                               "gb200-nvl72",
                               "gb300-nvl72",
                               "gb200-nvl36x2",
                               "gh200-nvl2",
                               "mi300x-platform",
                               "superpod-a100",
                               "superpod-h100",
                               "superpod-b200",
                               "superpod-gb200",
                               "superpod-b300"})
            QTest::newRow(id) << QString(id);
    }
    void stableIdsExist() {
        QFETCH(QString, id);
        const std::string key = id.toStdString();
        QVERIFY(m_catalog.findAccelerator(key) || m_catalog.findCpu(key) ||
                m_catalog.findSystem(key));
    }

    void mgxReferenceDesigns() {
        // [1] 2a: the nine "MGX ..." rows of the Computex 2023 slide, plus GH200 NVL2 (the
        // slide's "NVLink Dual GH200 system"), which is a product and so a server.
        int mgx = 0;
        for (const auto &system : m_catalog.systems)
            if (system.id.rfind("mgx-", 0) == 0) {
                ++mgx;
                QCOMPARE(system.kind, SystemKind::Reference);
            }
        QCOMPARE(mgx, 9);
        QVERIFY(m_catalog.findSystem("gh200-nvl2"));
    }

    void acceleratorSpotValues_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("expected");
        // Typed in from [1] 1a/1b, converted by hand (1 TFLOP/s = 1e12 FLOP/s, 1 GB = 1e9 B).
        QTest::newRow("H100 BF16 989.5 TF") << "h100-sxm"
                                            << "bf16" << 9.895e14;
        QTest::newRow("H100 HBM 80 GB") << "h100-sxm"
                                        << "hbm" << 8.0e10;
        QTest::newRow("H100 3.35 TB/s") << "h100-sxm"
                                        << "hbm_bw" << 3.35e12;
        QTest::newRow("H100 NVLink 900 GB/s") << "h100-sxm"
                                              << "scale_up" << 9.0e11;
        QTest::newRow("H100 700 W") << "h100-sxm"
                                    << "tdp" << 700.0;
        QTest::newRow("H100 L2 50 MB") << "h100-sxm"
                                       << "l2" << 5.0e7;
        QTest::newRow("B200 BF16 2250 TF") << "b200"
                                           << "bf16" << 2.25e15;
        QTest::newRow("B200 HBM 180 GB") << "b200"
                                         << "hbm" << 1.8e11;
        QTest::newRow("B200 NVLink 1800 GB/s") << "b200"
                                               << "scale_up" << 1.8e12;
        QTest::newRow("B200 FP4 9 PF") << "b200"
                                       << "fp4" << 9.0e15;
        QTest::newRow("GB300 FP4 15 PF (not halved)") << "gb300"
                                                      << "fp4" << 1.5e16;
        QTest::newRow("V100 FP16 125 TF") << "v100-sxm2-32gb"
                                          << "bf16" << 1.25e14;
        QTest::newRow("MI300X BF16 1307.4 TF") << "mi300x"
                                               << "bf16" << 1.3074e15;
        QTest::newRow("TPU v5p HBM 95 GB") << "tpu-v5p"
                                           << "hbm" << 9.5e10;
        QTest::newRow("L4 FP8 242.5 TF (half of 485*)") << "l4"
                                                        << "fp8" << 2.425e14;
        QTest::newRow("Gaudi 3 HBM 3.67 TB/s") << "gaudi3"
                                               << "hbm_bw" << 3.67e12;
    }
    void acceleratorSpotValues() {
        QFETCH(QString, id);
        QFETCH(QString, field);
        QFETCH(double, expected);
        const auto *a = m_catalog.findAccelerator(id.toStdString());
        QVERIFY(a);
        const std::map<QString, double> values = {
            {"bf16", a->bf16FlopsPerSecond},
            {"fp4", a->fp4FlopsPerSecond},
            {"fp8", a->fp8FlopsPerSecond},
            {"hbm", a->hbmBytes},
            {"hbm_bw", a->hbmBytesPerSecond},
            {"scale_up", a->scaleUpBytesPerSecondBidirectional},
            {"tdp", a->tdpWatts},
            {"l2", a->l2Bytes}};
        QVERIFY2(close(values.at(field), expected), qPrintable(QString::number(values.at(field))));
    }

    void denseFlopsPerPrecision_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("precision");
        QTest::addColumn<double>("expected");
        QTest::newRow("H100 fp8") << "h100-sxm"
                                  << "fp8" << 1.979e15;
        QTest::newRow("H100 tf32") << "h100-sxm"
                                   << "tf32" << 4.945e14;
        QTest::newRow("H100 fp32 (non-tensor)") << "h100-sxm"
                                                << "fp32" << 6.7e13;
        QTest::newRow("H100 int8") << "h100-sxm"
                                   << "int8" << 1.979e15;
        QTest::newRow("H100 fp4 unsupported") << "h100-sxm"
                                              << "fp4" << 0.0;
        QTest::newRow("A100 fp8 unsupported") << "a100-sxm4-80gb"
                                              << "fp8" << 0.0;
        QTest::newRow("B200 fp6") << "b200"
                                  << "fp6" << 4.5e15;
        QTest::newRow("V100 fp16 as bf16") << "v100-sxm2-32gb"
                                           << "fp16" << 1.25e14;
        QTest::newRow("TPU v4 tf32 unsupported") << "tpu-v4"
                                                 << "tf32" << 0.0;
    }
    void denseFlopsPerPrecision() {
        QFETCH(QString, id);
        QFETCH(QString, precision);
        QFETCH(double, expected);
        const auto *a = m_catalog.findAccelerator(id.toStdString());
        QVERIFY(a);
        const auto parsed = parsePrecision(precision.toStdString());
        QVERIFY(parsed);
        QVERIFY(close(a->denseFlopsPerSecond(*parsed), expected));
    }

    void nvl72Composition() {
        // [1] 2a/2b: 72 GPUs, 36 Grace, 18 compute trays of 4 GPUs + 2 CPUs, 9 switch trays of
        // 2 chips = 18 chips; order top to bottom: management/power, 10 compute, 9 switch,
        // 8 compute, power.
        for (const char *id : {"gb200-nvl72", "gb300-nvl72"}) {
            const auto *s = m_catalog.findSystem(id);
            QVERIFY(s);
            QCOMPARE(s->kind, SystemKind::Rack);
            QCOMPARE(s->gpuCount, 72);
            QCOMPARE(s->cpuCount, 36);
            QCOMPARE(s->cpuId, std::string("grace"));
            QCOMPARE(s->gpusPerNode, 4);
            QCOMPARE(s->cpusPerNode, 2);
            QCOMPARE(s->nodesPerRack, 18);
            QCOMPARE(s->nvswitchTrays, 9);
            QCOMPARE(s->nvswitchChips, 18);
            QCOMPARE(s->nvlinkDomainGpus, 72);
            std::string order;
            for (const auto &slot : s->rackLayout)
                if (order.empty() || order.back() != slot.kind.front())
                    order += slot.kind.front();
            QCOMPARE(order, std::string("mpcscp"));
            int compute = 0;
            int switches = 0;
            for (const auto &slot : s->rackLayout) {
                compute += slot.kind == "compute";
                switches += slot.kind == "switch";
            }
            QCOMPARE(compute, 18);
            QCOMPARE(switches, 9);
        }
        const auto *gb200 = m_catalog.findSystem("gb200-nvl72");
        QCOMPARE(gb200->gpuId, std::string("gb200"));
        QVERIFY(close(gb200->powerWatts, 120e3));
        // One 400 Gb/s ConnectX-7 per GPU: 400e9 / 8 = 5e10 B/s each way.
        QVERIFY(close(gb200->scaleOutBytesPerSecondPerGpu, 5.0e10));
        const auto *nvl36 = m_catalog.findSystem("gb200-nvl36x2");
        QCOMPARE(nvl36->racksPerSystem, 2);
        QCOMPARE(nvl36->nodesPerRack, 9);
        QCOMPARE(nvl36->rackLayout.front().rackUnits, 2);
    }

    void systemsLinkToInterconnects() {
        const auto *dgx = m_catalog.findSystem("dgx-h100");
        QVERIFY(dgx);
        QCOMPARE(dgx->gpuId, std::string("h100-sxm"));
        QCOMPARE(dgx->cpuId, std::string("xeon-8480c"));
        QCOMPARE(dgx->cpuCount, 2);
        QVERIFY(close(dgx->powerWatts, 10.2e3));
        const auto *nvlink = m_catalog.findInterconnect(dgx->scaleUpInterconnectId);
        const auto *ib = m_catalog.findInterconnect(dgx->scaleOutInterconnectId);
        QVERIFY(nvlink && ib);
        QCOMPARE(nvlink->id, std::string("nvlink4"));
        QVERIFY(close(nvlink->peakBytesPerSecondPerDirection(), 4.5e11)); // 900 / 2 GB/s
        QCOMPARE(ib->id, std::string("ib-ndr"));
        QVERIFY(close(ib->peakBytesPerSecondPerDirection(), 5.0e10)); // 400 Gb/s / 8
        // Every reference in the shipped data resolves.
        for (const auto &s : m_catalog.systems) {
            QVERIFY2(s.gpuId.empty() || m_catalog.findAccelerator(s.gpuId), s.id.c_str());
            QVERIFY2(s.cpuId.empty() || m_catalog.findCpu(s.cpuId), s.id.c_str());
            for (const auto &link : {s.scaleUpInterconnectId, s.scaleOutInterconnectId, s.nicId})
                QVERIFY2(link.empty() || m_catalog.findInterconnect(link), s.id.c_str());
        }
    }

    void superpods() {
        // [1] 2c: DGX H100 SuperPOD, SU = 32 nodes / 256 GPUs; 4 SU = 127 nodes / 1,016 GPUs
        // with 32 leaf and 16 spine QM9700 (64-port) switches, two tiers.
        const auto *h100 = m_catalog.findSystem("superpod-h100");
        QVERIFY(h100);
        QCOMPARE(h100->kind, SystemKind::Superpod);
        QCOMPARE(h100->nodeSystemId, std::string("dgx-h100"));
        QCOMPARE(h100->suNodes, 32);
        QCOMPARE(h100->suGpus, 256);
        QCOMPARE(h100->fabricTiers, 2);
        QCOMPARE(h100->switchRadix, 64);
        QCOMPARE(m_catalog.findInterconnect(h100->fabricSwitchId)->switchPorts, 64);
        const SuperpodSize fourSu{4, 127, 1016, 32, 16, 0};
        QCOMPARE(h100->sizes.back(), fourSu);
        // B300 XDR: the RA prints 9,216 GPUs for 18 SU; the catalog derives 1,296 x 8 = 10,368.
        const auto *b300 = m_catalog.findSystem("superpod-b300");
        QCOMPARE(b300->sizes.back().nodes, 1296);
        QCOMPARE(b300->sizes.back().gpus, 10368);
        // GB200: SU = 8 NVL72 racks = 576 GPUs.
        const auto *gb200 = m_catalog.findSystem("superpod-gb200");
        QCOMPARE(gb200->suNodes * m_catalog.findSystem(gb200->nodeSystemId)->gpuCount, 576);
        // B200: 64 SU = 16,384 GPUs on 512 leaf / 512 spine / 256 core switches.
        const SuperpodSize b200Largest{64, 2048, 16384, 512, 512, 256};
        QCOMPARE(m_catalog.findSystem("superpod-b200")->sizes.back(), b200Largest);
        // Quantum-2 two-tier limit k^2/2 = 64^2/2 = 2,048 endpoints.
        QVERIFY(close(m_catalog.findInterconnect("quantum-2")->fatTree2TierEndpoints, 2048.0));
    }

    void achievableFractions_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // [1] 3g busbw over the per-direction peak: NVLink4 900/2 = 450 GB/s, NVLink5 900 GB/s,
        // NDR 400/8 = 50 GB/s, HDR 25 GB/s, Infinity Fabric 896/2 = 448 GB/s.
        QTest::newRow("8x H100") << "nccl-allreduce-8x-h100" << 450.0 / 450 << 480.0 / 450;
        QTest::newRow("8x H200 ring..NVLS")
            << "nccl-allreduce-8x-h200" << 365.0 / 450 << 482.0 / 450;
        QTest::newRow("8x B200") << "nccl-allreduce-8x-b200" << 682.0 / 900 << 846.0 / 900;
        QTest::newRow("NDR per NIC") << "nccl-internode-ndr" << 46.0 / 50 << 48.0 / 50;
        QTest::newRow("EFA explicit") << "nccl-allreduce-4x8-b200-efa" << 0.74 << 0.74;
        QTest::newRow("MI300X RCCL") << "rccl-allreduce-8x-mi300x" << 313.0 / 448 << 313.0 / 448;
        // Links take the lowest low end and the highest high end of their measurements.
        QTest::newRow("nvlink4") << "nvlink4" << 365.0 / 450 << 482.0 / 450;
        QTest::newRow("nvlink5") << "nvlink5" << 680.0 / 900 << 850.0 / 900;
        QTest::newRow("ib-ndr") << "ib-ndr" << 0.92 << 0.96;
        QTest::newRow("ib-hdr") << "ib-hdr" << 24.0 / 25 << 24.0 / 25;
        QTest::newRow("ib-xdr unmeasured") << "ib-xdr" << 0.0 << 0.0;
    }
    void achievableFractions() {
        QFETCH(QString, id);
        QFETCH(double, low);
        QFETCH(double, high);
        const auto *c = m_catalog.findInterconnect(id.toStdString());
        QVERIFY(c);
        QVERIFY2(close(c->achievableFraction, low),
                 qPrintable(QString::number(c->achievableFraction)));
        QVERIFY2(close(c->achievableFractionHigh, high),
                 qPrintable(QString::number(c->achievableFractionHigh)));
    }

    void acceleratorsMatchReferenceCsv() {
        const auto records = readCsvRecords(hardwareReferenceDirectory() + "accelerators.csv");
        QCOMPARE(records.size(), m_catalog.accelerators.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto &r = records[i];
            const auto &a = m_catalog.accelerators[i];
            QCOMPARE(QString::fromStdString(a.name), r.at("name"));
            const std::vector<std::pair<double, double>> pairs = {
                {a.fp64FlopsPerSecond, csvNumber(r, "fp64_tflops", 1e12)},
                {a.fp64TensorFlopsPerSecond, csvNumber(r, "fp64_tensor_tflops", 1e12)},
                {a.fp32FlopsPerSecond, csvNumber(r, "fp32_tflops", 1e12)},
                {a.tf32FlopsPerSecond, csvNumber(r, "tf32_tflops_dense", 1e12)},
                {a.bf16FlopsPerSecond, csvNumber(r, "bf16_fp16_tflops_dense", 1e12)},
                {a.fp8FlopsPerSecond, csvNumber(r, "fp8_tflops_dense", 1e12)},
                {a.fp6FlopsPerSecond, csvNumber(r, "fp6_tflops_dense", 1e12)},
                {a.fp4FlopsPerSecond, csvNumber(r, "fp4_tflops_dense", 1e12)},
                {a.int8OpsPerSecond, csvNumber(r, "int8_tops_dense", 1e12)},
                {a.hbmBytes, csvNumber(r, "memory_gb", 1e9)},
                {a.hbmBytesPerSecond, csvNumber(r, "memory_bw_tbs", 1e12)},
                {a.l2Bytes, csvNumber(r, "l2_cache_mb", 1e6)},
                {a.scaleUpBytesPerSecondBidirectional, csvNumber(r, "scaleup_bw_gbs_bidir", 1e9)},
                {double(a.maxScaleUpDomain), csvNumber(r, "max_scaleup_domain", 1)},
                {double(a.pcieGen), csvNumber(r, "pcie_gen", 1)},
                {a.tdpWatts, csvNumber(r, "tdp_w", 1)},
                {a.transistorsBillion, csvNumber(r, "transistors_billion", 1)},
                {double(a.launchYear), csvNumber(r, "launch_year", 1)}};
            for (std::size_t k = 0; k < pairs.size(); ++k)
                QVERIFY2(close(pairs[k].first, pairs[k].second),
                         qPrintable(QString("%1 column %2").arg(a.id.c_str()).arg(k)));
            QCOMPARE(QString::fromStdString(a.sourceUrl), r.at("source_url"));
        }
    }

    void cpusSystemsInterconnectsMatchReferenceCsv() {
        const QString dir = hardwareReferenceDirectory();
        const auto cpus = readCsvRecords(dir + "cpus.csv");
        QCOMPARE(cpus.size(), m_catalog.cpus.size());
        for (std::size_t i = 0; i < cpus.size(); ++i) {
            const auto &c = m_catalog.cpus[i];
            QCOMPARE(QString::fromStdString(c.name), cpus[i].at("name"));
            QVERIFY(close(c.cores, csvNumber(cpus[i], "cores", 1)));
            QVERIFY(close(c.memoryBytesPerSecond, csvNumber(cpus[i], "memory_bw_gbs", 1e9)));
            QVERIFY(close(c.tdpWatts, csvNumber(cpus[i], "tdp_w", 1)));
        }
        const auto systems = readCsvRecords(dir + "systems.csv");
        QCOMPARE(systems.size(), m_catalog.systems.size());
        for (std::size_t i = 0; i < systems.size(); ++i) {
            const auto &s = m_catalog.systems[i];
            QCOMPARE(QString::fromStdString(s.name), systems[i].at("name"));
            QVERIFY2(close(s.gpuCount, csvNumber(systems[i], "gpu_count", 1)), s.id.c_str());
            QVERIFY2(close(s.cpuCount, csvNumber(systems[i], "cpu_count", 1)), s.id.c_str());
            QVERIFY2(close(s.nvlinkDomainGpus, csvNumber(systems[i], "nvlink_domain_gpus", 1)),
                     s.id.c_str());
            QVERIFY2(close(s.nvswitchChips, csvNumber(systems[i], "nvswitch_chips", 1)),
                     s.id.c_str());
            const double power = csvNumber(systems[i], "total_power_kw", 1e3);
            QVERIFY2(
                close(s.kind == SystemKind::Superpod ? s.powerPerSuWatts : s.powerWatts, power),
                s.id.c_str());
            QVERIFY2(
                close(s.gpuMemoryTotalBytes, csvNumber(systems[i], "gpu_memory_total_gb", 1e9)),
                s.id.c_str());
            if (s.kind == SystemKind::Superpod)
                QVERIFY2(close(s.suGpus, csvNumber(systems[i], "su_gpus", 1)), s.id.c_str());
        }
        const auto links = readCsvRecords(dir + "interconnects.csv");
        QCOMPARE(links.size(), m_catalog.interconnects.size());
        for (std::size_t i = 0; i < links.size(); ++i) {
            const auto &c = m_catalog.interconnects[i];
            QCOMPARE(QString::fromStdString(c.name), links[i].at("name"));
            QVERIFY(close(c.perDeviceBytesPerSecondBidirectional,
                          csvNumber(links[i], "per_device_bw_gbs_bidir", 1e9)));
            QVERIFY(close(c.portBitsPerSecond, csvNumber(links[i], "port_speed_gbps", 1e9)));
            QVERIFY(close(c.switchPorts, csvNumber(links[i], "switch_ports", 1)));
            QVERIFY(close(c.busBwLowBytesPerSecond, csvNumber(links[i], "busbw_low_gbs", 1e9)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
