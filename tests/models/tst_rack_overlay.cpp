#include "models/core/input_error.h"
#include "models/rack/rack_geometry.h"
#include "models/rack/rack_overlay.h"
#include "tests/support/rack_test_systems.h"

#include <QTest>

#include <set>

using namespace scalescope::models;
using namespace scalescope::testing;

namespace {

ParallelOverlay layout(const RackGeometry &g, int tp, int cp, int ep, int dp, int pp) {
    return buildParallelOverlay(g, tp * cp * dp * pp, tpCpEpDpPpOrder(tp, cp, ep, dp));
}

const std::vector<RackGroup> &groupsOf(const ParallelOverlay &o, GroupKind kind) {
    return o.groups[static_cast<size_t>(kind)];
}

} // namespace

class TestRackOverlay : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_catalog = shippedCatalog(); }

    void tp8OnDgxH100StaysInOneNode_data() {
        QTest::addColumn<int>("gpus");
        QTest::addColumn<int>("pp");
        QTest::addColumn<int>("dp");
        QTest::newRow("64 GPUs, PP 4, DP 2") << 64 << 4 << 2;
        QTest::newRow("1,024 GPUs, PP 8, DP 16") << 1024 << 8 << 16;
    }
    void tp8OnDgxH100StaysInOneNode() {
        QFETCH(int, gpus);
        QFETCH(int, pp);
        QFETCH(int, dp);
        const RackGeometry g = buildRackGeometry(m_catalog, "dgx-h100", gpus);
        const ParallelOverlay o = layout(g, 8, 1, 1, dp, pp);
        const auto &tp = groupsOf(o, GroupKind::Tensor);
        QCOMPARE(static_cast<int>(tp.size()), gpus / 8);
        for (const RackGroup &group : tp) {
            QCOMPARE(static_cast<int>(group.gpus.size()), 8);
            QCOMPARE(group.nodes, 1);
            std::set<int> nodes;
            for (int gpu : group.gpus)
                nodes.insert(gpu / 8); // DGX H100: GPUs 8n..8n+7 are node n
            QCOMPARE(static_cast<int>(nodes.size()), 1);
            QVERIFY(!group.spillsNvlinkDomain());
            QCOMPARE(group.linkClass, LinkClass::NvLink);
        }
        QCOMPARE(o.spillingGroups(GroupKind::Tensor), 0);
        // DP and PP peers are in other nodes: their collectives run on the scale-out fabric.
        QCOMPARE(groupsOf(o, GroupKind::Data).front().linkClass, LinkClass::ScaleOut);
        QCOMPARE(groupsOf(o, GroupKind::Pipeline).front().linkClass, LinkClass::ScaleOut);
    }

    void tp16OnDgxH100Spills() {
        const RackGeometry g = buildRackGeometry(m_catalog, "dgx-h100", 64);
        const ParallelOverlay o = layout(g, 16, 1, 1, 2, 2);
        const auto &tp = groupsOf(o, GroupKind::Tensor);
        QCOMPARE(static_cast<int>(tp.size()), 4);
        for (const RackGroup &group : tp) {
            QVERIFY(group.spillsNvlinkDomain());
            QCOMPARE(group.nvlinkDomains, 2);
            QCOMPARE(group.linkClass, LinkClass::ScaleOut);
        }
        QCOMPARE(o.spillingGroups(GroupKind::Tensor), 4);
        // The same TP 16 fits one GB200 NVL72 domain.
        const RackGeometry nvl = buildRackGeometry(m_catalog, "gb200-nvl72", 64);
        QCOMPARE(layout(nvl, 16, 1, 1, 2, 2).spillingGroups(GroupKind::Tensor), 0);
    }

    void groupsAndColours() {
        // 16 GPUs, TP 2, CP 2, DP 4 with EP 2 folded into DP, PP 1, rank r on GPU r. By hand:
        // GPU 13 = 1 + 2*0 + 4*3 -> tp 1, cp 0, dp 3, so ep = 3 mod 2 = 1, expertDp = 1.
        // TP group {12, 13}; CP group {13, 15}; EP group: dp 2 and 3 with tp 1, cp 0 -> {9, 13};
        // DP group: tp 1, cp 0, dp 0..3 -> {1, 5, 9, 13}.
        const RackGeometry g = buildRackGeometry(dgxH100(), 16);
        const ParallelOverlay o = layout(g, 2, 2, 2, 4, 1);
        const RankPlacement p = o.placementOfGpu[13];
        QCOMPARE(p.tp, 1);
        QCOMPARE(p.cp, 0);
        QCOMPARE(p.dp, 3);
        QCOMPARE(p.ep, 1);
        QCOMPARE(p.expertDp, 1);
        auto members = [&](GroupKind kind) {
            const int id = o.groupOfGpu[static_cast<size_t>(kind)][13];
            return groupsOf(o, kind)[static_cast<size_t>(id)].gpus;
        };
        QCOMPARE(members(GroupKind::Tensor), (std::vector<int>{12, 13}));
        QCOMPARE(members(GroupKind::Context), (std::vector<int>{13, 15}));
        QCOMPARE(members(GroupKind::Expert), (std::vector<int>{9, 13}));
        QCOMPARE(members(GroupKind::Data), (std::vector<int>{1, 5, 9, 13}));
        QCOMPARE(members(GroupKind::Pipeline), (std::vector<int>{13}));
        // Colour classes: 8 TP groups, 8 EP groups, 4 DP replicas, 1 PP stage.
        QCOMPARE(o.colourClasses(GroupKind::Tensor), 8);
        QCOMPARE(o.colourClasses(GroupKind::Expert), 8);
        QCOMPARE(o.colourClasses(GroupKind::Data), 4);
        QCOMPARE(o.colourClasses(GroupKind::Pipeline), 1);
        QCOMPARE(o.colourClass(13, GroupKind::Data), 3);
        QCOMPARE(o.colourClass(12, GroupKind::Tensor), o.colourClass(13, GroupKind::Tensor));
        QVERIFY(o.colourClass(11, GroupKind::Tensor) != o.colourClass(13, GroupKind::Tensor));
    }

    void idleGpusHaveNoGroup() {
        const RackGeometry g = buildRackGeometry(gb200Nvl72(), 64); // 72 built
        const ParallelOverlay o = layout(g, 4, 1, 1, 16, 1);
        QCOMPARE(o.rankOfGpu[63], 63);
        QCOMPARE(o.rankOfGpu[64], -1);
        QCOMPARE(o.colourClass(70, GroupKind::Tensor), -1);
    }

    void trafficByHand() {
        // 16 GPUs on 2 DGX H100, TP 8 x DP 2. Per step each GPU sends 9 GB of TP traffic and
        // 1 GB of DP traffic. TP stays on NVLink (450 GB/s per direction): 9e9 / 450e9 = 20 ms.
        // DP crosses InfiniBand (50 GB/s per direction): 1e9 / 50e9 = 20 ms as well; with 2 GB
        // of DP it is 40 ms and scale-out becomes the bottleneck.
        const RackGeometry g = buildRackGeometry(dgxH100(), 16);
        const ParallelOverlay o = layout(g, 8, 1, 1, 2, 1);
        StepTraffic traffic;
        traffic.bytesPerGpu[static_cast<size_t>(GroupKind::Tensor)] = 9e9;
        traffic.bytesPerGpu[static_cast<size_t>(GroupKind::Data)] = 2e9;
        const LinkBandwidths bw{450e9, 0.0, 50e9};
        const TrafficOverlay t = buildTrafficOverlay(g, o, traffic, bw);
        QCOMPARE(static_cast<int>(t.classes.size()), 2);
        QCOMPARE(t.classes[0].linkClass, LinkClass::NvLink);
        QCOMPARE(t.classes[0].bytesPerGpu, 9e9);
        QVERIFY(qAbs(t.classes[0].seconds - 0.020) < 1e-12);
        QCOMPARE(t.classes[1].linkClass, LinkClass::ScaleOut);
        QVERIFY(qAbs(t.classes[1].seconds - 0.040) < 1e-12);
        QCOMPARE(t.bottleneckClass, 1);
        QVERIFY(qAbs(t.scaleUpSeconds[5] - 0.020) < 1e-12);
        QVERIFY(qAbs(t.busiestSeconds - 0.040) < 1e-12);
    }

    void fabricCablesCarryTheirRail() {
        // 512 GPUs of a SuperPOD H100 (2 SU), TP 8 x DP 64: each DP group holds GPU i of all 64
        // nodes = rail i in both SUs, so it climbs to the spines. Every NIC cable carries the
        // GPU's 1 GB; each leaf sends its 32 GPUs' 32 GB up, spread over 8 spines with 4 cables
        // each (32 uplinks / 8 spines): 32e9 / 8 / 4 = 1 GB per cable.
        SystemSpec node = dgxH100();
        const RackGeometry g = buildRackGeometry(superpodH100(), 512, &node);
        QCOMPARE(g.fabric.spineSwitches, 8);
        QCOMPARE(g.fabric.linksPerLeafSpine, 4);
        const ParallelOverlay o = layout(g, 8, 1, 1, 64, 1);
        QCOMPARE(groupsOf(o, GroupKind::Data).front().fabricTier, 2);
        StepTraffic traffic;
        traffic.bytesPerGpu[static_cast<size_t>(GroupKind::Data)] = 1e9;
        const TrafficOverlay t = buildTrafficOverlay(g, o, traffic, {450e9, 0.0, 50e9});
        for (size_t l = 0; l < g.links.size(); ++l) {
            const double expected = 1e9;
            QVERIFY2(qAbs(t.linkBytes[l] - expected) < 1.0, qPrintable(QString::number(l)));
        }
        QVERIFY(qAbs(t.tierBytes[2] - 512e9) < 1.0);
        // One SU only: the DP group stays under its leaves (tier 1), no spine traffic.
        const RackGeometry one = buildRackGeometry(superpodH100(), 256, &node);
        const ParallelOverlay o1 = layout(one, 8, 1, 1, 32, 1);
        QCOMPARE(groupsOf(o1, GroupKind::Data).front().fabricTier, 1);
        const TrafficOverlay t1 = buildTrafficOverlay(one, o1, traffic, {450e9, 0.0, 50e9});
        for (size_t l = 0; l < one.links.size(); ++l)
            QCOMPARE(t1.linkBytes[l], one.links[l].tier == 1 ? 1e9 : 0.0);
    }

    void memoryFill() {
        // PP 2 on 16 GPUs: stage 0 holds 60 GB, stage 1 40 GB of an 80 GB H100.
        const RackGeometry g = buildRackGeometry(dgxH100(), 16);
        const ParallelOverlay o = layout(g, 8, 1, 1, 1, 2);
        const std::vector<double> fill = memoryFillPerGpu(o, {60e9, 40e9}, 80e9);
        QCOMPARE(fill[0], 0.75);
        QCOMPARE(fill[15], 0.5);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)memoryFillPerGpu(o, {60e9}, 80e9));
        QVERIFY_THROWS_EXCEPTION(InputError, (void)memoryFillPerGpu(o, {60e9, 40e9}, 0.0));
    }

    void badMappings() {
        const RackGeometry g = buildRackGeometry(dgxH100(), 8);
        QVERIFY_THROWS_EXCEPTION(InputError, (void)layout(g, 8, 1, 1, 2, 1)); // 16 > 8 GPUs
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 (void)buildParallelOverlay(g, 0, tpCpEpDpPpOrder(1, 1, 1, 1)));
        const RankMapper sameGpu = [](int) {
            RankPlacement p;
            p.gpu = 3;
            return p;
        };
        try {
            (void)buildParallelOverlay(g, 2, sameGpu);
            QFAIL("two ranks on one GPU accepted");
        } catch (const InputError &e) {
            QVERIFY(QString::fromStdString(e.what()).contains("both map to GPU 3"));
        }
        const RankMapper outside = [](int rank) {
            RankPlacement p;
            p.tp = rank;
            p.gpu = 99;
            return p;
        };
        QVERIFY_THROWS_EXCEPTION(InputError, (void)buildParallelOverlay(g, 1, outside));
    }

private:
    Catalog m_catalog;
};

QTEST_GUILESS_MAIN(TestRackOverlay)
#include "tst_rack_overlay.moc"
