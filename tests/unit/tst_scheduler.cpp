// PriorityScheduler: VOICE strictly before DATA, a bounded worker pool, queue delay per class,
// and aging that lets old DATA through only when it is switched on.

#include "protocol/priorityscheduler.h"

#include <QTest>

using namespace edgecore;

namespace {
Instant ms(qint64 v)
{
    return Instant(std::chrono::milliseconds(v));
}
} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void order_data();
    void order();
    void workerPoolBoundsConcurrency();
    void queueDelayPerClass();
    void queueBound();
};

void TestScheduler::order_data()
{
    // Tasks: odd ids VOICE, even DATA, enqueued at 10 ms per id; one worker, dispatched at
    // 1000 ms one at a time.
    QTest::addColumn<QList<quint64>>("ids");
    QTest::addColumn<bool>("aging");
    QTest::addColumn<QList<quint64>>("expected");
    QTest::newRow("strict: voice first, then data, each in arrival order")
        << QList<quint64>{2, 1, 4, 3, 6, 5} << false << QList<quint64>{1, 3, 5, 2, 4, 6};
    QTest::newRow("aging: data older than 500 ms goes by arrival")
        << QList<quint64>{2, 1, 4, 3, 6, 5} << true << QList<quint64>{2, 1, 4, 3, 6, 5};
    QTest::newRow("only data") << QList<quint64>{2, 4} << false << QList<quint64>{2, 4};
}

void TestScheduler::order()
{
    QFETCH(QList<quint64>, ids);
    QFETCH(bool, aging);
    QFETCH(QList<quint64>, expected);
    SchedulerConfig cfg;
    cfg.workers = 1;
    cfg.aging = aging;
    PriorityScheduler s(cfg);
    qint64 t = 0;
    for (quint64 id : ids)
        QVERIFY(s.enqueue(id, id % 2 ? TrafficClass::Voice : TrafficClass::Data, ms(t += 10)));
    QList<quint64> got;
    for (int i = 0; i < ids.size(); ++i) {
        const auto started = s.dispatch(ms(1000));
        QCOMPARE(started.size(), size_t(1));
        got << started.front();
        s.complete();
    }
    QCOMPARE(got, expected);
}

void TestScheduler::workerPoolBoundsConcurrency()
{
    SchedulerConfig cfg;
    cfg.workers = 2;
    PriorityScheduler s(cfg);
    for (quint64 id = 1; id <= 5; ++id)
        s.enqueue(id, TrafficClass::Data, ms(0));
    QCOMPARE(s.dispatch(ms(1)).size(), size_t(2));
    QCOMPARE(s.busy(), 2);
    QVERIFY(s.dispatch(ms(2)).empty());
    s.complete();
    QCOMPARE(s.dispatch(ms(3)), std::vector<quint64>{3});
    QCOMPARE(s.queued(TrafficClass::Data), 2);
}

void TestScheduler::queueDelayPerClass()
{
    SchedulerConfig cfg;
    cfg.workers = 1;
    PriorityScheduler s(cfg);
    s.enqueue(1, TrafficClass::Data, ms(0));
    s.enqueue(2, TrafficClass::Voice, ms(100));
    s.dispatch(ms(150)); // voice waited 50 ms
    s.complete();
    s.dispatch(ms(400)); // data waited 400 ms
    QCOMPARE(s.delay(TrafficClass::Voice).count, quint64(1));
    QCOMPARE(s.delay(TrafficClass::Voice).maxUs, qint64(50'000));
    QCOMPARE(s.delay(TrafficClass::Data).maxUs, qint64(400'000));
    QCOMPARE(s.delay(TrafficClass::Data).meanUs(), 400'000.0);
}

void TestScheduler::queueBound()
{
    SchedulerConfig cfg;
    cfg.maxQueued = 2;
    PriorityScheduler s(cfg);
    QVERIFY(s.enqueue(1, TrafficClass::Voice, ms(0)));
    QVERIFY(s.enqueue(2, TrafficClass::Voice, ms(0)));
    QVERIFY(!s.enqueue(3, TrafficClass::Voice, ms(0)));
    QVERIFY(s.enqueue(4, TrafficClass::Data, ms(0)));
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
