// Rank order, coordinates and group spans, worked out by hand.

#include "models/planner/rank_layout.h"

#include <QTest>

using namespace scalescope::models;

namespace {
Parallelism layout(int tp, int cp, int dp, int pp, int ep = 1) {
    Parallelism p;
    p.tp = tp;
    p.cp = cp;
    p.dp = dp;
    p.pp = pp;
    p.ep = ep;
    return p;
}
} // namespace

class TestRankLayout : public QObject {
    Q_OBJECT
private slots:
    void names_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("default") << "tp-cp-ep-dp-pp" << true << "tp-cp-ep-dp-pp";
        QTest::newRow("without ep") << "tp-cp-dp-pp" << true << "tp-cp-ep-dp-pp";
        QTest::newRow("pp inside dp") << "tp-cp-pp-dp" << true << "tp-cp-pp-ep-dp";
        QTest::newRow("tp not innermost") << "cp-tp-dp-pp" << false << "";
        QTest::newRow("ep away from dp") << "tp-ep-cp-dp-pp" << false << "";
        QTest::newRow("missing pp") << "tp-cp-dp" << false << "";
        QTest::newRow("repeated") << "tp-tp-dp-pp" << false << "";
        QTest::newRow("unknown") << "tp-cp-dp-xx" << false << "";
    }
    void names() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        const auto order = parseRankOrder(name.toStdString());
        QCOMPARE(order.has_value(), valid);
        if (order)
            QCOMPARE(QString::fromStdString(rankOrderName(*order)), canonical);
    }

    void coordinates() {
        // tp 2, cp 2, dp 4 (ep 2), pp 2 = 32 ranks, 8 GPUs per node.
        // rank = tp + 2 (cp + 2 (dp + 4 pp)); 13 = 1 + 2 (0 + 2 (3 + 0)).
        const Parallelism p = layout(2, 2, 4, 2, 2);
        const RankCoordinates c = rankCoordinates(13, p, RankOrder{}, 8, 8);
        QCOMPARE(c.tp, 1);
        QCOMPARE(c.cp, 0);
        QCOMPARE(c.dp, 3);
        QCOMPARE(c.ep, 1);       // 3 % 2
        QCOMPARE(c.expertDp, 1); // 3 / 2
        QCOMPARE(c.pp, 0);
        QCOMPARE(c.node, 1);
        QCOMPARE(c.gpuInNode, 5);
        QCOMPARE(c.scaleUpDomain, 1);
        // 29 = 13 + 16 = 1 + 2 (0 + 2 (3 + 4 * 1)): the same GPU slot on pipeline stage 1.
        QCOMPARE(rankCoordinates(29, p, RankOrder{}, 8, 8).pp, 1);
        for (int rank = 0; rank < 32; ++rank) {
            const RankCoordinates r = rankCoordinates(rank, p, RankOrder{}, 8, 8);
            QCOMPARE(rankOf(r.tp, r.cp, r.dp, r.pp, p, RankOrder{}), rank);
        }
    }

    void pipelineInsideData() {
        // Order tp-cp-pp-dp: rank = tp + 2 (cp + 1 (pp + 2 dp)); rank 6 = 0 + 2 (1 + 2 * 1):
        // tp 0, pp 1, dp 1.
        const auto order = parseRankOrder("tp-cp-pp-dp");
        QVERIFY(order);
        const RankCoordinates c = rankCoordinates(6, layout(2, 1, 2, 2), *order, 8, 8);
        QCOMPARE(c.tp, 0);
        QCOMPARE(c.pp, 1);
        QCOMPARE(c.dp, 1);
    }

    void spans_data() {
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("tp");
        QTest::addColumn<int>("dp");
        QTest::addColumn<int>("pp");
        QTest::addColumn<int>("domain");
        QTest::addColumn<int>("perDomain");
        QTest::addColumn<int>("domains");
        // DGX (8-GPU NVLink domain), TP 8: TP inside a node; DP stride 8: one per node.
        QTest::newRow("TP8 in DGX") << int(CommGroup::Tensor) << 8 << 4 << 1 << 8 << 8 << 1;
        QTest::newRow("DP over nodes") << int(CommGroup::Data) << 8 << 4 << 1 << 8 << 1 << 4;
        // TP 2, DP 8: DP stride 2, four members per node, two nodes.
        QTest::newRow("DP half in node") << int(CommGroup::Data) << 2 << 8 << 1 << 8 << 4 << 2;
        // PP outermost, stride tp x dp = 16: every stage in another node.
        QTest::newRow("PP") << int(CommGroup::Pipeline) << 8 << 2 << 4 << 8 << 1 << 4;
        // GB200 NVL72 (72-GPU domain), TP 4, DP 16: stride 4, 16 members within 72 GPUs.
        QTest::newRow("DP in NVL72") << int(CommGroup::Data) << 4 << 16 << 1 << 72 << 16 << 1;
    }
    void spans() {
        QFETCH(int, group);
        QFETCH(int, tp);
        QFETCH(int, dp);
        QFETCH(int, pp);
        QFETCH(int, domain);
        QFETCH(int, perDomain);
        QFETCH(int, domains);
        const GroupSpan s =
            groupSpan(static_cast<CommGroup>(group), layout(tp, 1, dp, pp), RankOrder{}, domain);
        QCOMPARE(s.membersPerDomain, perDomain);
        QCOMPARE(s.domains, domains);
    }
};

QTEST_GUILESS_MAIN(TestRankLayout)
#include "tst_rank_layout.moc"
