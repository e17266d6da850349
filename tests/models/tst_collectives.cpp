// Collective volumes (nccl-tests definitions) and times on a hand-built two-level fabric.

#include "models/planner/collectives.h"

#include <QTest>

using namespace scalescope::models;

namespace {

// NVLink 4 (450 GB/s per direction x 0.8) inside 8-GPU domains, NDR (50 GB/s x 0.92) outside;
// zero latency so the bandwidth terms can be checked exactly.
FabricRates dgxLike() {
    FabricRates fabric;
    fabric.scaleUp = {450e9, 0.8, 0.0};
    fabric.scaleOut = {50e9, 0.92, 0.0};
    fabric.scaleUpDomainGpus = 8;
    return fabric;
}

GroupSpan span(int size, int stride, int perDomain, int domains) {
    GroupSpan s;
    s.size = size;
    s.stride = stride;
    s.membersPerDomain = perDomain;
    s.domains = domains;
    return s;
}

constexpr double up = 450e9 * 0.8;
constexpr double out = 50e9 * 0.92;

} // namespace

class TestCollectives : public QObject {
    Q_OBJECT
private slots:
    void bytesPerRank_data() {
        QTest::addColumn<int>("collective");
        QTest::addColumn<int>("ranks");
        QTest::addColumn<double>("expected"); // for a 1-byte message
        // nccl-tests PERFORMANCE.md: all-reduce 2(n-1)/n, reduce-scatter/all-gather (n-1)/n.
        QTest::newRow("all-reduce 8") << int(Collective::AllReduce) << 8 << 1.75;
        QTest::newRow("reduce-scatter 8") << int(Collective::ReduceScatter) << 8 << 0.875;
        QTest::newRow("all-gather 4") << int(Collective::AllGather) << 4 << 0.75;
        QTest::newRow("all-to-all 8") << int(Collective::AllToAll) << 8 << 0.875;
        QTest::newRow("p2p") << int(Collective::PointToPoint) << 2 << 1.0;
        QTest::newRow("single rank") << int(Collective::AllReduce) << 1 << 0.0;
    }
    void bytesPerRank() {
        QFETCH(int, collective);
        QFETCH(int, ranks);
        QFETCH(double, expected);
        QCOMPARE(collectiveBytesPerRank(static_cast<Collective>(collective), 1.0, ranks), expected);
    }

    void timesOnTwoLevels_data() {
        QTest::addColumn<int>("collective");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("perDomain");
        QTest::addColumn<int>("domains");
        QTest::addColumn<double>("expected"); // seconds for 1 GB
        const double m = 1e9;
        // TP 8 inside one node: 2 (7/8) M / Bu.
        QTest::newRow("AR in node")
            << int(Collective::AllReduce) << 8 << 8 << 1 << 2.0 * 7.0 / 8.0 * m / up;
        // DP 16 with TP 8 inside the nodes: one member per node, 2 (15/16) M / Bo.
        QTest::newRow("AR across nodes")
            << int(Collective::AllReduce) << 16 << 1 << 16 << 2.0 * 15.0 / 16.0 * m / out;
        // 16 ranks, 8 per node: reduce-scatter in the node, all-reduce of M/8 across the two
        // nodes on all 8 NICs, all-gather in the node [NCCL hierarchical].
        QTest::newRow("AR hierarchical") << int(Collective::AllReduce) << 16 << 8 << 2
                                         << 2.0 * 7.0 / 8.0 * m / up + 2.0 * 0.5 * (m / 8) / out;
        QTest::newRow("RS hierarchical") << int(Collective::ReduceScatter) << 16 << 8 << 2
                                         << 7.0 / 8.0 * m / up + 0.5 * (m / 8) / out;
        // All-to-all over 8 ranks in one node: (7/8) M / Bu; across 8 nodes: (7/8) M / Bo.
        QTest::newRow("A2A in node")
            << int(Collective::AllToAll) << 8 << 8 << 1 << 7.0 / 8.0 * m / up;
        QTest::newRow("A2A across")
            << int(Collective::AllToAll) << 8 << 1 << 8 << 7.0 / 8.0 * m / out;
        // 16 ranks, 8 per node: 7/16 of M to node peers, 8/16 across; the slower side wins.
        QTest::newRow("A2A mixed") << int(Collective::AllToAll) << 16 << 8 << 2
                                   << std::max(7.0 / 16.0 * m / up, 8.0 / 16.0 * m / out);
        QTest::newRow("p2p across") << int(Collective::PointToPoint) << 4 << 1 << 4 << m / out;
        QTest::newRow("p2p inside") << int(Collective::PointToPoint) << 2 << 2 << 1 << m / up;
    }
    void timesOnTwoLevels() {
        QFETCH(int, collective);
        QFETCH(int, size);
        QFETCH(int, perDomain);
        QFETCH(int, domains);
        QFETCH(double, expected);
        const double seconds = collectiveSeconds(static_cast<Collective>(collective), 1e9,
                                                 span(size, 1, perDomain, domains), dgxLike());
        QVERIFY2(qAbs(seconds / expected - 1.0) < 1e-12, qPrintable(QString::number(seconds)));
    }

    void latencyTerms() {
        FabricRates fabric = dgxLike();
        fabric.scaleUp.latencySeconds = 2e-6;
        fabric.scaleOut.latencySeconds = 5e-6;
        // All-reduce: ring in the node 2 (q - 1) au, tree across 2 ceil(log2 k) ao.
        const double allReduce =
            collectiveSeconds(Collective::AllReduce, 1.0, span(64, 1, 8, 8), fabric);
        QVERIFY(qAbs(allReduce - (2.0 * 7 * 2e-6 + 2.0 * 3 * 5e-6)) < 1e-9);
        // Reduce-scatter is ring-only in NCCL: n - 1 steps at the inter-node latency.
        const double scatter =
            collectiveSeconds(Collective::ReduceScatter, 1.0, span(64, 1, 8, 8), fabric);
        QVERIFY(qAbs(scatter - 63 * 5e-6) < 1e-9);
    }

    void nothingForOneRank() {
        QCOMPARE(collectiveSeconds(Collective::AllReduce, 1e9, span(1, 1, 1, 1), dgxLike()), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCollectives)
#include "tst_collectives.moc"
