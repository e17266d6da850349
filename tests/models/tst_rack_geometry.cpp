#include "models/core/input_error.h"
#include "models/rack/rack_geometry.h"
#include "models/rack/rack_overlay.h"
#include "tests/support/rack_test_systems.h"

#include <QTest>

#include <set>

using namespace scalescope::models;
using namespace scalescope::testing;

Q_DECLARE_METATYPE(scalescope::models::SystemSpec)

namespace {

RackGeometry build(const SystemSpec &system, int gpus) {
    if (system.kind == SystemKind::Superpod) {
        const SystemSpec node = system.nodeSystemId == "gb200-nvl72" ? gb200Nvl72() : dgxH100();
        return buildRackGeometry(system, gpus, &node);
    }
    return buildRackGeometry(system, gpus);
}

/// Kinds of one rack's slots, top to bottom.
std::vector<RackItemKind> slotKinds(const RackGeometry &g, int rackItem) {
    std::vector<RackItemKind> kinds;
    for (const RackItem &item : g.items)
        if (item.parent == rackItem)
            kinds.push_back(item.kind);
    return kinds;
}

} // namespace

class TestRackGeometry : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_catalog = shippedCatalog(); }

    void composition_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("cpus");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("switchTrays");
        QTest::addColumn<int>("switchChips");
        QTest::addColumn<int>("racks");
        QTest::addColumn<int>("nics");
        // Expected counts from the hardware reference README (tests/data/reference/hardware), not
        // from the catalog files. 2b: 18 compute trays x (4 GPUs + 2 Grace), 9 switch trays x 2
        // chips, 4 NICs per tray.
        QTest::newRow("gb200-nvl72") << "gb200-nvl72" << 72 << 72 << 36 << 18 << 9 << 18 << 1 << 72;
        QTest::newRow("gb300-nvl72") << "gb300-nvl72" << 72 << 72 << 36 << 18 << 9 << 18 << 1 << 72;
        // 2a: two racks of 9 compute + 9 switch trays; chips per tray unpublished.
        QTest::newRow("gb200-nvl36x2")
            << "gb200-nvl36x2" << 72 << 72 << 36 << 18 << 18 << 0 << 2 << 72;
        // 2a: 8 GPUs, 2 Xeon, 4 NVSwitch chips (B200: 2), 8 ConnectX-7 per DGX.
        QTest::newRow("dgx-h100") << "dgx-h100" << 8 << 8 << 2 << 1 << 0 << 4 << 1 << 8;
        QTest::newRow("dgx-b200") << "dgx-b200" << 8 << 8 << 2 << 1 << 0 << 2 << 1 << 8;
        // 2c: 4 DGX B300 per rack.
        QTest::newRow("dgx-b300 x32") << "dgx-b300" << 32 << 32 << 8 << 4 << 0 << 8 << 1 << 32;
        // 1,024 GPUs on NVL72: 256 trays -> 15 racks (1,080 GPUs built, 56 idle).
        QTest::newRow("gb200-nvl72 x1024")
            << "gb200-nvl72" << 1024 << 1080 << 540 << 270 << 135 << 270 << 15 << 1080;
        // NVL36x2 instances are whole pairs: 100 GPUs = 25 trays -> 4 racks.
        QTest::newRow("gb200-nvl36x2 x100")
            << "gb200-nvl36x2" << 100 << 144 << 72 << 36 << 36 << 0 << 4 << 144;
        // SuperPOD H100 with 1,024 GPUs: 128 DGX; racks schematic, 4 per rack (32 per SU).
        QTest::newRow("superpod-h100 x1024")
            << "superpod-h100" << 1024 << 1024 << 256 << 128 << 0 << 512 << 32 << 1024;
        // 2a: MGX 2U x86 with 4 L40 on PCIe, 2 ConnectX-7 (0.5 NIC per GPU), CPU count open.
        QTest::newRow("mgx l40 (PCIe)") << "mgx-2u-x86-l40" << 4 << 4 << 0 << 1 << 0 << 0 << 1 << 2;
    }
    void composition() {
        QFETCH(QString, system);
        QFETCH(int, numGpus);
        const RackGeometry g = buildRackGeometry(m_catalog, system.toStdString(), numGpus);
        QTEST(g.count(RackItemKind::Gpu), "gpus");
        QTEST(g.gpus, "gpus");
        QTEST(g.count(RackItemKind::Cpu), "cpus");
        QTEST(g.count(RackItemKind::ComputeNode), "nodes");
        QTEST(g.count(RackItemKind::SwitchTray), "switchTrays");
        QTEST(g.count(RackItemKind::NvSwitchChip), "switchChips");
        QTEST(g.count(RackItemKind::Rack), "racks");
        QTEST(g.count(RackItemKind::Nic), "nics");
        int active = 0;
        for (const RackItem &item : g.items)
            active += item.kind == RackItemKind::Gpu && item.active ? 1 : 0;
        QCOMPARE(active, numGpus);
        QCOMPARE(static_cast<int>(g.gpuItems.size()), g.gpus);
        for (int gpu = 0; gpu < g.gpus; ++gpu)
            QCOMPARE(g.items[static_cast<size_t>(g.gpuItems[static_cast<size_t>(gpu)])].gpu, gpu);
    }

    void handFilledVariants_data() {
        QTest::addColumn<SystemSpec>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("racks");
        // Servers per rack unpublished: 8U DGX H100 grouped 5 to a 42U rack for drawing.
        QTest::newRow("dgx-h100 x64") << dgxH100() << 64 << 64 << 8 << 2;
        QTest::newRow("dgx-h100 x100") << dgxH100() << 100 << 104 << 13 << 3;
        // With 4 servers per rack published: 13 nodes in 4 racks (3 slots stay empty).
        SystemSpec fourPerRack = dgxH100();
        fourPerRack.nodesPerRack = 4;
        QTest::newRow("4 per rack x100") << fourPerRack << 100 << 104 << 13 << 4;
    }
    void handFilledVariants() {
        QFETCH(SystemSpec, system);
        QFETCH(int, numGpus);
        const RackGeometry g = build(system, numGpus);
        QTEST(g.gpus, "gpus");
        QTEST(g.count(RackItemKind::ComputeNode), "nodes");
        QTEST(g.count(RackItemKind::Rack), "racks");
    }

    void nvl72TrayOrderTopToBottom() {
        const RackGeometry g = buildRackGeometry(m_catalog, "gb200-nvl72", 72);
        const auto kinds = slotKinds(g, g.rackItems[0]);
        std::vector<RackItemKind> expected;
        auto add = [&expected](RackItemKind kind, int n) {
            expected.insert(expected.end(), n, kind);
        };
        add(RackItemKind::Management, 2);
        add(RackItemKind::PowerShelf, 4);
        add(RackItemKind::ComputeNode, 10);
        add(RackItemKind::SwitchTray, 9);
        add(RackItemKind::ComputeNode, 8);
        add(RackItemKind::PowerShelf, 4);
        QVERIFY(kinds == expected);
        // Top to bottom means increasing y; the 48 slots of 1U fill 48 units below the header.
        double lastY = -1.0;
        for (const RackItem &item : g.items)
            if (item.parent == g.rackItems[0]) {
                QVERIFY(item.rect.y > lastY);
                QCOMPARE(item.rect.height, 1.0);
                lastY = item.rect.y;
            }
        // Each switch tray holds 2 chips; the NVLink domain outline encloses the whole rack.
        for (const RackItem &item : g.items)
            if (item.kind == RackItemKind::SwitchTray) {
                int chips = 0;
                for (const RackItem &child : g.items)
                    chips +=
                        child.parent >= 0 && &g.items[static_cast<size_t>(child.parent)] == &item
                            ? 1
                            : 0;
                QCOMPARE(chips, 2);
            }
        QCOMPARE(g.count(RackItemKind::NvlinkDomain), 1);
    }

    void superpodFabric_data() {
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("scalableUnits");
        QTest::addColumn<int>("leaves");
        QTest::addColumn<int>("spines");
        // DGX SuperPOD H100 RA table (README 2c): 1 SU 8 leaf / 4 spine ... 4 SU 32 / 16.
        QTest::newRow("256 GPUs") << 256 << 1 << 8 << 4;
        QTest::newRow("512 GPUs") << 512 << 2 << 16 << 8;
        QTest::newRow("768 GPUs") << 768 << 3 << 24 << 16;
        QTest::newRow("1,024 GPUs") << 1024 << 4 << 32 << 16;
    }
    void superpodFabric() {
        QFETCH(int, numGpus);
        const RackGeometry g = buildRackGeometry(m_catalog, "superpod-h100", numGpus);
        QVERIFY(g.hasFabric);
        QCOMPARE(g.fabric.tiers, 2);
        QTEST(g.scalableUnits, "scalableUnits");
        QTEST(g.count(RackItemKind::ScalableUnit), "scalableUnits");
        QTEST(g.count(RackItemKind::LeafSwitch), "leaves");
        QTEST(g.count(RackItemKind::SpineSwitch), "spines");
        QCOMPARE(g.count(RackItemKind::CoreSwitch), 0);
        // Rail-optimized: 8 rails; one cable per NIC to its leaf, every leaf to every spine.
        int nicCables = 0, leafSpineBundles = 0;
        for (const FabricLink &link : g.links) {
            nicCables += link.tier == 1 ? 1 : 0;
            leafSpineBundles += link.tier == 2 ? 1 : 0;
        }
        QCOMPARE(nicCables, numGpus);
        QCOMPARE(leafSpineBundles,
                 g.count(RackItemKind::LeafSwitch) * g.count(RackItemKind::SpineSwitch));
    }

    void catalogSizeTablesReproduced_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<int>("row");
        // Every row of the RA size tables the catalog carries. superpod-b300-mgx is left out:
        // its twin-plane fabric (two parallel 400G planes per 800G NIC) is not this model.
        for (const char *id : {"superpod-h100", "superpod-b200", "superpod-b300"}) {
            // m_catalog, not shippedCatalog(): a pointer into the temporary that returns would
            // dangle as soon as this statement ends (heap-use-after-free under ASan).
            const SystemSpec *pod = m_catalog.findSystem(id);
            QVERIFY(pod);
            for (size_t i = 0; i < pod->sizes.size(); ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2 SU")
                                             .arg(QString::fromLatin1(id))
                                             .arg(pod->sizes[i].scalableUnits)))
                    << QString(id) << static_cast<int>(i);
        }
    }
    void catalogSizeTablesReproduced() {
        QFETCH(QString, system);
        QFETCH(int, row);
        const SystemSpec &pod = *m_catalog.findSystem(system.toStdString());
        const SuperpodSize &size = pod.sizes[static_cast<size_t>(row)];
        // Whole SUs of GPUs: SU 1 of the H100 RA has 31 nodes (a UFM appliance takes a slot),
        // the fabric is built for 32.
        const RackGeometry g =
            buildRackGeometry(m_catalog, pod.id, size.scalableUnits * pod.suGpus);
        QCOMPARE(g.scalableUnits, size.scalableUnits);
        QCOMPARE(g.fabric.leafSwitches, size.leafSwitches);
        QCOMPARE(g.fabric.spineSwitches, size.spineSwitches);
        QCOMPARE(g.fabric.coreSwitches, size.coreSwitches);
    }

    void railsGoToTheirLeaf() {
        // GPU i of every node in an SU is on rail i, which is leaf i of that SU.
        const RackGeometry g = buildRackGeometry(m_catalog, "superpod-h100", 1024);
        for (int gpu : {0, 7, 8, 255, 256, 1023}) {
            const int rail = gpu % 8;
            const int su = gpu / 256;
            QCOMPARE(g.railOfGpu(gpu), rail);
            QCOMPARE(g.leafOfGpu(gpu), su * 8 + rail);
        }
    }

    void unpublishedRacksAreMarked() {
        // A SuperPOD H100 SU holds 32 nodes: 42U / 8U = 5 does not divide 32, so 4 per rack.
        const RackGeometry pod = buildRackGeometry(m_catalog, "superpod-h100", 1024);
        QVERIFY(!pod.rackCompositionPublished);
        QCOMPARE(pod.nodesPerRack, 4);
        QVERIFY(buildRackGeometry(m_catalog, "gb200-nvl72", 72).rackCompositionPublished);
        // DGX B300 publishes 4 per rack but not its height: still schematic.
        const RackGeometry b300 = buildRackGeometry(m_catalog, "dgx-b300", 32);
        QCOMPARE(b300.nodesPerRack, 4);
        QVERIFY(!b300.rackCompositionPublished);
        SystemSpec fourPerRack = dgxH100();
        fourPerRack.nodesPerRack = 4;
        const RackGeometry g = build(fourPerRack, 100);
        QVERIFY(g.rackCompositionPublished);
        QCOMPARE(g.count(RackItemKind::OtherSlot), 3); // the last rack's 3 empty slots
    }

    void nvl72PodUsesItsSuperpod() {
        // 1,024 GPUs on NVL72 racks: 15 racks -> 2 SUs of 8 racks on a 64-port fabric.
        QVERIFY(!buildRackGeometry(gb200Nvl72(), 1024).hasFabric); // no SuperPOD given
        const RackGeometry g = buildRackGeometry(m_catalog, "gb200-nvl72", 1024);
        QVERIFY(g.hasFabric);
        QCOMPARE(g.fabricSystemId, std::string("superpod-gb200"));
        QCOMPARE(g.scalableUnits, 2);
        // 576 GPUs per SU / 32 endpoint ports per leaf = 18 leaves per SU.
        QCOMPARE(g.count(RackItemKind::LeafSwitch), 36);
    }

    void hitTestingFindsTheGpu_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("gpu");
        QTest::newRow("nvl72 first") << "gb200-nvl72" << 72 << 0;
        QTest::newRow("nvl72 last") << "gb200-nvl72" << 72 << 71;
        QTest::newRow("dgx node 4") << "dgx-h100" << 64 << 29;
        QTest::newRow("nvl36x2 second rack") << "gb200-nvl36x2" << 72 << 50;
        QTest::newRow("superpod far corner") << "superpod-h100" << 1024 << 1023;
        QTest::newRow("superpod SU 3") << "superpod-h100" << 1024 << 700;
    }
    void hitTestingFindsTheGpu() {
        QFETCH(QString, system);
        QFETCH(int, numGpus);
        QFETCH(int, gpu);
        const RackGeometry g = buildRackGeometry(m_catalog, system.toStdString(), numGpus);
        const LayoutRect r =
            g.items[static_cast<size_t>(g.gpuItems[static_cast<size_t>(gpu)])].rect;
        // Near each corner (inside) and at the centre.
        QCOMPARE(gpuAt(g, r.centerX(), r.centerY()), gpu);
        QCOMPARE(gpuAt(g, r.x + 0.01, r.y + 0.01), gpu);
        QCOMPARE(gpuAt(g, r.right() - 0.01, r.bottom() - 0.01), gpu);
        // Just outside the box is not this GPU.
        QVERIFY(gpuAt(g, r.x - 0.02, r.centerY()) != gpu);
        QVERIFY(gpuAt(g, r.right() + 0.02, r.centerY()) != gpu);
    }

    void hitTestingByHand() {
        // NVL72 rack 1 at x = 0: 0.5 U frame, 2 U header. Slots 1-6 are management and power,
        // so the first compute tray spans y = 8..9. Inside the tray (0.2 U padding) come
        // CPU 0 (1.05 U wide, x 0.7..1.75), then GPU 0 from x = 1.89 for ~1.65 U.
        const RackGeometry g = buildRackGeometry(m_catalog, "gb200-nvl72", 72);
        QCOMPARE(gpuAt(g, 2.5, 8.5), 0);
        const int cpu = hitTest(g, 1.2, 8.5);
        QVERIFY(cpu >= 0);
        QCOMPARE(g.items[static_cast<size_t>(cpu)].kind, RackItemKind::Cpu);
        // y = 3.5 is in the second management switch: no GPU.
        QCOMPARE(gpuAt(g, 2.5, 3.5), -1);
        QCOMPARE(g.items[static_cast<size_t>(hitTest(g, 2.5, 3.5))].kind, RackItemKind::Management);
        // Far outside everything.
        QCOMPARE(hitTest(g, -100.0, -100.0), -1);
    }

    void linkClasses_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("linkClass");
        QTest::addColumn<int>("tier");
        const int same = static_cast<int>(LinkClass::SameGpu);
        const int nv = static_cast<int>(LinkClass::NvLink);
        const int pcie = static_cast<int>(LinkClass::Pcie);
        const int out = static_cast<int>(LinkClass::ScaleOut);
        QTest::newRow("same gpu") << "dgx-h100" << 16 << 3 << 3 << same << 0;
        QTest::newRow("dgx same node") << "dgx-h100" << 16 << 0 << 7 << nv << 0;
        // Both nodes in SU 1 of the DGX SuperPOD the catalog builds from dgx-h100: one leaf.
        QTest::newRow("dgx next node") << "dgx-h100" << 16 << 7 << 8 << out << 1;
        QTest::newRow("nvl72 across trays") << "gb200-nvl72" << 144 << 0 << 71 << nv << 0;
        QTest::newRow("nvl72 next rack") << "gb200-nvl72" << 144 << 71 << 72 << out << 1;
        QTest::newRow("nvl36x2 across racks") << "gb200-nvl36x2" << 72 << 0 << 71 << nv << 0;
        QTest::newRow("pcie only") << "mgx-2u-x86-l40" << 8 << 0 << 3 << pcie << 0;
        QTest::newRow("pcie next node") << "mgx-2u-x86-l40" << 8 << 3 << 4 << out << 1;
        // H100 NVL cards are NVLink-bridged in pairs: 0-1 NVLink, 1-2 PCIe.
        QTest::newRow("nvl bridge pair") << "mgx-4u-h100-nvl" << 8 << 0 << 1 << nv << 0;
        QTest::newRow("nvl across pairs") << "mgx-4u-h100-nvl" << 8 << 1 << 2 << pcie << 0;
        // SuperPOD: nodes 0 and 1 share all 8 leaves of SU 1 -> one leaf (with PXN);
        // SU 1 to SU 2 crosses the spines.
        QTest::newRow("superpod same SU") << "superpod-h100" << 1024 << 0 << 9 << out << 1;
        QTest::newRow("superpod other SU") << "superpod-h100" << 1024 << 0 << 256 << out << 2;
        // 3-tier B200 fabric (16 SU): between SUs the traffic climbs to the core.
        QTest::newRow("b200 16 SU core") << "superpod-b200" << 4096 << 0 << 4095 << out << 3;
        QTest::newRow("b200 16 SU same pod") << "superpod-b200" << 4096 << 0 << 255 << out << 1;
    }
    void linkClasses() {
        QFETCH(QString, system);
        QFETCH(int, numGpus);
        QFETCH(int, a);
        QFETCH(int, b);
        const RackGeometry g = buildRackGeometry(m_catalog, system.toStdString(), numGpus);
        QTEST(static_cast<int>(linkClass(g, a, b)), "linkClass");
        QTEST(fabricTierBetween(g, a, b), "tier");
    }

    void badInput() {
        try {
            (void)build(dgxH100(), 0);
            QFAIL("zero GPUs accepted");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("/hardware/num_gpus"));
        }
        SystemSpec broken = gb200Nvl72();
        broken.nodesPerRack = 16; // the layout has 18 compute slots
        try {
            (void)build(broken, 72);
            QFAIL("inconsistent rack layout accepted");
        } catch (const InputError &e) {
            QVERIFY(QString::fromStdString(e.what()).contains("18 compute slots"));
        }
        SystemSpec noGpus = dgxH100();
        noGpus.gpusPerNode = 0;
        noGpus.gpuCount = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)build(noGpus, 8));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)buildRackGeometry(superpodH100(), 256));
        Catalog catalog;
        QVERIFY_THROWS_EXCEPTION(InputError, (void)buildRackGeometry(catalog, "nope", 8));
    }

    void catalogResolvesNodeAndFabric() {
        Catalog catalog;
        catalog.systems = {dgxH100(), superpodH100(), gb200Nvl72()};
        const RackGeometry pod = buildRackGeometry(catalog, "superpod-h100", 512);
        QCOMPARE(pod.nodeSystemId, std::string("dgx-h100"));
        QCOMPARE(pod.count(RackItemKind::LeafSwitch), 16);
        // A plain DGX H100 cluster borrows the SuperPOD fabric built from it.
        const RackGeometry cluster = buildRackGeometry(catalog, "dgx-h100", 512);
        QCOMPARE(cluster.fabricSystemId, std::string("superpod-h100"));
        QCOMPARE(cluster.count(RackItemKind::SpineSwitch), 8);
        // One node needs no fabric.
        QVERIFY(!buildRackGeometry(catalog, "dgx-h100", 8).hasFabric);
    }

private:
    Catalog m_catalog;
};

QTEST_GUILESS_MAIN(TestRackGeometry)
#include "tst_rack_geometry.moc"
