#include "models/core/parallel_for.h"

#include <QTest>

#include <atomic>
#include <stdexcept>
#include <vector>

using scalescope::models::ParallelControl;
using scalescope::models::parallelFor;

class TestParallelFor : public QObject {
    Q_OBJECT

private slots:
    void everyIndexOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("one thread") << 1;
        QTest::newRow("all cores") << 0;
        QTest::newRow("more threads than items") << 64;
    }
    void everyIndexOnce() {
        QFETCH(int, threads);
        std::vector<std::atomic<int>> hits(37);
        ParallelControl control;
        control.threads = threads;
        int lastDone = -1;
        control.progress = [&](int done, int total) {
            QCOMPARE(total, 37);
            QVERIFY(done >= lastDone);
            lastDone = done;
        };
        QCOMPARE(parallelFor(
                     37, [&](int i) { ++hits[static_cast<std::size_t>(i)]; }, control),
                 37);
        for (const auto &hit : hits)
            QCOMPARE(hit.load(), 1);
        QCOMPARE(lastDone, 37); // the final report always comes
    }

    void bodyExceptionIsRethrown() {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, parallelFor(100, [](int i) {
                                     if (i == 42)
                                         throw std::runtime_error("item 42");
                                 }));
    }

    void progressExceptionStopsTheWorkers() {
        ParallelControl control;
        control.progress = [](int, int) { throw std::logic_error("progress"); };
        std::atomic<int> ran{0};
        QVERIFY_THROWS_EXCEPTION(std::logic_error, parallelFor(
                                                       1000000,
                                                       [&](int) {
                                                           ++ran;
                                                           volatile double x = 0;
                                                           for (int k = 0; k < 1000; ++k)
                                                               x = x + k;
                                                       },
                                                       control));
        QVERIFY(ran.load() < 1000000);
    }

    void cancelledBeforeStart() {
        std::atomic<bool> cancel{true};
        ParallelControl control;
        control.cancel = &cancel;
        QCOMPARE(parallelFor(
                     10, [](int) {}, control),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestParallelFor)
#include "tst_parallel_for.moc"
