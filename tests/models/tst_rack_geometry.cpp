#include "models/input_error.h"
#include "models/rack_geometry.h"
#include "models/rack_overlay.h"
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
    void composition_data() {
        QTest::addColumn<SystemSpec>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("cpus");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("switchTrays");
        QTest::addColumn<int>("switchChips");
        QTest::addColumn<int>("racks");
        QTest::addColumn<int>("nics");
        // README 2b: 18 compute trays x (4 GPUs + 2 Grace), 9 switch trays x 2 chips.
        QTest::newRow("gb200-nvl72") << gb200Nvl72() << 72 << 72 << 36 << 18 << 9 << 18 << 1 << 72;
        // README 2a: two racks of 9 compute + 9 switch trays; chips per tray unpublished.
        QTest::newRow("gb200-nvl36x2")
            << gb200Nvl36x2() << 72 << 72 << 36 << 18 << 18 << 0 << 2 << 72;
        // README 2a: 8 GPUs, 2 Xeon, 4 NVSwitch chips, 8 ConnectX-7 per DGX H100.
        QTest::newRow("dgx-h100") << dgxH100() << 8 << 8 << 2 << 1 << 0 << 4 << 1 << 8;
        QTest::newRow("dgx-b200") << dgxB200() << 8 << 8 << 2 << 1 << 0 << 2 << 1 << 8;
        // Servers per rack unpublished: 8U DGX H100 grouped 5 to a 42U rack for drawing.
        // 64 GPUs = 8 nodes = 2 racks; 100 GPUs round up to 13 nodes = 3 racks.
        QTest::newRow("dgx-h100 x64") << dgxH100() << 64 << 64 << 16 << 8 << 0 << 32 << 2 << 64;
        QTest::newRow("dgx-h100 x100")
            << dgxH100() << 100 << 104 << 26 << 13 << 0 << 52 << 3 << 104;
        // With 4 servers per rack published: 13 nodes in 4 racks (3 slots stay empty).
        SystemSpec fourPerRack = dgxH100();
        fourPerRack.nodesPerRack = 4;
        QTest::newRow("4 per rack x100")
            << fourPerRack << 100 << 104 << 26 << 13 << 0 << 52 << 4 << 104;
        // 1,024 GPUs on NVL72: 256 trays -> 15 racks (1,080 GPUs built, 56 idle).
        QTest::newRow("gb200-nvl72 x1024")
            << gb200Nvl72() << 1024 << 1080 << 540 << 270 << 135 << 270 << 15 << 1080;
        // NVL36x2 instances are whole pairs: 100 GPUs = 25 trays -> 4 racks.
        QTest::newRow("gb200-nvl36x2 x100")
            << gb200Nvl36x2() << 100 << 144 << 72 << 36 << 36 << 0 << 4 << 144;
        // SuperPOD H100 with 1,024 GPUs: 128 DGX in 32 racks.
        QTest::newRow("superpod-h100 x1024")
            << superpodH100() << 1024 << 1024 << 256 << 128 << 0 << 512 << 32 << 1024;
        QTest::newRow("mgx l40 (PCIe)") << mgxL40() << 4 << 4 << 1 << 1 << 0 << 0 << 1 << 2;
    }
    void composition() {
        QFETCH(SystemSpec, system);
        QFETCH(int, numGpus);
        const RackGeometry g = build(system, numGpus);
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

    void nvl72TrayOrderTopToBottom() {
        const RackGeometry g = build(gb200Nvl72(), 72);
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
        const RackGeometry g = build(superpodH100(), numGpus);
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

    void railsGoToTheirLeaf() {
        // GPU i of every node in an SU is on rail i, which is leaf i of that SU.
        const RackGeometry g = build(superpodH100(), 1024);
        for (int gpu : {0, 7, 8, 255, 256, 1023}) {
            const int rail = gpu % 8;
            const int su = gpu / 256;
            QCOMPARE(g.railOfGpu(gpu), rail);
            QCOMPARE(g.leafOfGpu(gpu), su * 8 + rail);
        }
    }

    void unpublishedRacksAreMarked() {
        // A SuperPOD H100 SU holds 32 nodes: 42U / 8U = 5 does not divide 32, so 4 per rack.
        const RackGeometry pod = build(superpodH100(), 1024);
        QVERIFY(!pod.rackCompositionPublished);
        QCOMPARE(pod.nodesPerRack, 4);
        QVERIFY(build(gb200Nvl72(), 72).rackCompositionPublished);
        SystemSpec fourPerRack = dgxH100();
        fourPerRack.nodesPerRack = 4;
        const RackGeometry g = build(fourPerRack, 100);
        QVERIFY(g.rackCompositionPublished);
        QCOMPARE(g.count(RackItemKind::OtherSlot), 3); // the last rack's 3 empty slots
    }

    void nvl72PodUsesItsSuperpod() {
        // 1,024 GPUs on NVL72 racks: 15 racks -> 2 SUs of 8 racks on a 64-port fabric.
        const RackGeometry g = buildRackGeometry(gb200Nvl72(), 1024);
        QVERIFY(!g.hasFabric); // no SuperPOD spec given: no switches drawn
        const SystemSpec pod = superpodGb200();
        const RackGeometry withFabric = buildRackGeometry(gb200Nvl72(), 1024, nullptr, &pod);
        QVERIFY(withFabric.hasFabric);
        QCOMPARE(withFabric.scalableUnits, 2);
        // 576 GPUs per SU / 32 endpoint ports per leaf = 18 leaves per SU.
        QCOMPARE(withFabric.count(RackItemKind::LeafSwitch), 36);
    }

    void hitTestingFindsTheGpu_data() {
        QTest::addColumn<SystemSpec>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("gpu");
        QTest::newRow("nvl72 first") << gb200Nvl72() << 72 << 0;
        QTest::newRow("nvl72 last") << gb200Nvl72() << 72 << 71;
        QTest::newRow("dgx node 3") << dgxH100() << 64 << 29;
        QTest::newRow("superpod far corner") << superpodH100() << 1024 << 1023;
        QTest::newRow("superpod SU 3") << superpodH100() << 1024 << 700;
    }
    void hitTestingFindsTheGpu() {
        QFETCH(SystemSpec, system);
        QFETCH(int, numGpus);
        QFETCH(int, gpu);
        const RackGeometry g = build(system, numGpus);
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
        const RackGeometry g = build(gb200Nvl72(), 72);
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
        QTest::addColumn<SystemSpec>("system");
        QTest::addColumn<int>("numGpus");
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("linkClass");
        QTest::addColumn<int>("tier");
        const int same = static_cast<int>(LinkClass::SameGpu);
        const int nv = static_cast<int>(LinkClass::NvLink);
        const int pcie = static_cast<int>(LinkClass::Pcie);
        const int out = static_cast<int>(LinkClass::ScaleOut);
        QTest::newRow("same gpu") << dgxH100() << 16 << 3 << 3 << same << 0;
        QTest::newRow("dgx same node") << dgxH100() << 16 << 0 << 7 << nv << 0;
        QTest::newRow("dgx next node") << dgxH100() << 16 << 7 << 8 << out << 1;
        QTest::newRow("nvl72 across trays") << gb200Nvl72() << 144 << 0 << 71 << nv << 0;
        QTest::newRow("nvl72 next rack") << gb200Nvl72() << 144 << 71 << 72 << out << 1;
        QTest::newRow("nvl36x2 across racks") << gb200Nvl36x2() << 72 << 0 << 71 << nv << 0;
        QTest::newRow("pcie only") << mgxL40() << 8 << 0 << 3 << pcie << 0;
        QTest::newRow("pcie next node") << mgxL40() << 8 << 3 << 4 << out << 1;
        // SuperPOD: nodes 0 and 1 share all 8 leaves of SU 1 -> one leaf (with PXN);
        // SU 1 to SU 2 crosses the spines.
        QTest::newRow("superpod same SU") << superpodH100() << 1024 << 0 << 9 << out << 1;
        QTest::newRow("superpod other SU") << superpodH100() << 1024 << 0 << 256 << out << 2;
    }
    void linkClasses() {
        QFETCH(SystemSpec, system);
        QFETCH(int, numGpus);
        QFETCH(int, a);
        QFETCH(int, b);
        const RackGeometry g = build(system, numGpus);
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
};

QTEST_GUILESS_MAIN(TestRackGeometry)
#include "tst_rack_geometry.moc"
