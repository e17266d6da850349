#include "models/core/input_error.h"
#include "models/planner/fat_tree.h"

#include <QTest>

using namespace scalescope::models;

// Every row is a published DGX SuperPOD table (shared hardware reference README, 2c and 3f).
class TestFatTree : public QObject {
    Q_OBJECT
private slots:
    void referenceArchitectures_data() {
        QTest::addColumn<int>("endpointsPerSu");
        QTest::addColumn<int>("scalableUnits");
        QTest::addColumn<int>("radix");
        QTest::addColumn<int>("tiers");
        QTest::addColumn<int>("leaves");
        QTest::addColumn<int>("spines");
        QTest::addColumn<int>("cores");
        // DGX H100 RA: 256 GPUs per SU on 64-port Quantum-2; 1-4 SU = 8/16/24/32 leaf and
        // 4/8/16/16 spine (3 SU builds 16 spines, not 12).
        QTest::newRow("h100 1 SU") << 256 << 1 << 64 << 2 << 8 << 4 << 0;
        QTest::newRow("h100 2 SU") << 256 << 2 << 64 << 2 << 16 << 8 << 0;
        QTest::newRow("h100 3 SU") << 256 << 3 << 64 << 2 << 24 << 16 << 0;
        QTest::newRow("h100 4 SU (1,024 GPUs)") << 256 << 4 << 64 << 2 << 32 << 16 << 0;
        // DGX B200 RA: 2 tiers up to 8 SU, core tier from 16 SU.
        QTest::newRow("b200 2 SU") << 256 << 2 << 64 << 2 << 16 << 8 << 0;
        QTest::newRow("b200 4 SU") << 256 << 4 << 64 << 2 << 32 << 16 << 0;
        QTest::newRow("b200 8 SU") << 256 << 8 << 64 << 2 << 64 << 32 << 0;
        QTest::newRow("b200 16 SU") << 256 << 16 << 64 << 3 << 128 << 128 << 64;
        QTest::newRow("b200 32 SU") << 256 << 32 << 64 << 3 << 256 << 256 << 128;
        QTest::newRow("b200 64 SU") << 256 << 64 << 64 << 3 << 512 << 512 << 256;
        // DGX B300 XDR RA: 576 GPUs per SU on 144-port Quantum-X800.
        QTest::newRow("b300 1 SU") << 576 << 1 << 144 << 2 << 8 << 4 << 0;
        QTest::newRow("b300 2 SU") << 576 << 2 << 144 << 2 << 16 << 8 << 0;
        QTest::newRow("b300 4 SU") << 576 << 4 << 144 << 2 << 32 << 18 << 0;
        QTest::newRow("b300 8 SU") << 576 << 8 << 144 << 2 << 64 << 36 << 0;
        QTest::newRow("b300 18 SU") << 576 << 18 << 144 << 2 << 144 << 72 << 0;
    }
    void referenceArchitectures() {
        QFETCH(int, endpointsPerSu);
        QFETCH(int, scalableUnits);
        QFETCH(int, radix);
        const FatTreeSize size = sizeFatTree({endpointsPerSu, scalableUnits, radix, 0});
        QTEST(size.tiers, "tiers");
        QTEST(size.leafSwitches, "leaves");
        QTEST(size.spineSwitches, "spines");
        QTEST(size.coreSwitches, "cores");
    }

    void portsBalance() {
        // Non-blocking: every leaf has as many uplinks as downlinks, and the cables between
        // leaves and spines fill exactly the ports they use.
        const FatTreeSize h100 = sizeFatTree({256, 4, 64, 0});
        QCOMPARE(h100.leafDownlinks, 32);
        QCOMPARE(h100.leafUplinks, 32);
        QCOMPARE(h100.linksPerLeafSpine, 2); // 32 uplinks over 16 spines
        QCOMPARE(h100.leafSwitches * h100.leafUplinks, h100.spineSwitches * 64);
        const FatTreeSize b200 = sizeFatTree({256, 16, 64, 0});
        QCOMPARE(b200.spinesPerSu, 8);
        QCOMPARE(b200.linksPerLeafSpine, 4);    // 32 uplinks over the 8 spines of its SU
        QCOMPARE(b200.coreSwitchesPerGroup, 8); // 16 SU x 32 uplinks / 64 ports
        QCOMPARE(b200.linksPerSpineCore, 4);
    }

    void leavesFromTheCatalogWin() {
        const FatTreeSize size = sizeFatTree({256, 1, 64, 16});
        QCOMPARE(size.leafSwitches, 16);
        QCOMPARE(size.leafDownlinks, 16);
    }

    void badInput_data() {
        QTest::addColumn<int>("endpointsPerSu");
        QTest::addColumn<int>("scalableUnits");
        QTest::addColumn<int>("radix");
        QTest::addColumn<int>("leaves");
        QTest::addColumn<QString>("field");
        QTest::newRow("odd radix") << 256 << 1 << 63 << 0 << "/switch_radix";
        QTest::newRow("zero radix") << 256 << 1 << 0 << 0 << "/switch_radix";
        QTest::newRow("no endpoints") << 0 << 1 << 64 << 0 << "/endpoints_per_su";
        QTest::newRow("no SU") << 256 << 0 << 64 << 0 << "/scalable_units";
        QTest::newRow("too few leaves") << 256 << 1 << 64 << 4 << "/leaf_switches_per_su";
        // 64-port, 3 levels: at most 64^3/4 = 65,536 endpoints.
        QTest::newRow("beyond 3 levels") << 256 << 257 << 64 << 0 << "/scalable_units";
    }
    void badInput() {
        QFETCH(int, endpointsPerSu);
        QFETCH(int, scalableUnits);
        QFETCH(int, radix);
        QFETCH(int, leaves);
        QFETCH(QString, field);
        try {
            (void)sizeFatTree({endpointsPerSu, scalableUnits, radix, leaves});
            QFAIL("expected InputError");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), field);
        }
    }
};

QTEST_GUILESS_MAIN(TestFatTree)
#include "tst_fat_tree.moc"
