// The TraceStore: append-only, readable by index while threads append, bounded in memory.

#include "trace/tracestore.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestTraceStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendAndRead();
    void concurrentAppendersAndReader();
    void capacityBoundsMemory();
    void millionEvents();
};

void TestTraceStore::appendAndRead()
{
    TraceStore store(3, 100);
    TraceEvent e;
    e.kind = TraceKind::Send;
    e.node = 2;
    e.peer = 3;
    e.msgType = static_cast<quint16>(MsgType::Prepare);
    e.labUs = 1500;
    e.seq = 99;
    e.txId = 7;
    e.vclock = {0, 1, 4, 2};
    e.detail = u"hello"_s;
    QCOMPARE(store.append(e), 0);
    QCOMPARE(store.size(), 1);
    const TraceEvent back = store.at(0);
    QCOMPARE(toString(back.kind), toString(TraceKind::Send));
    QCOMPARE(back.node, NodeId(2));
    QCOMPARE(back.peer, NodeId(3));
    QCOMPARE(back.seq, quint64(99));
    QCOMPARE(back.txId, TxId(7));
    QCOMPARE(back.detail, u"hello"_s);
    QCOMPARE(back.vclock, (VectorClock{0, 1, 4, 2}));
}

void TestTraceStore::concurrentAppendersAndReader()
{
    TraceStore store(4, 200000);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::atomic<bool> done{false};
    qsizetype readerSaw = 0;
    bool orderOk = true;
    std::thread reader([&] {
        // Reads incrementally, as the views do, while the writers append.
        std::vector<quint64> lastSeq(kThreads + 1, 0);
        while (!done.load() || readerSaw < store.size()) {
            const qsizetype to = store.size();
            store.forEach(readerSaw, to, [&](const TraceEvent &e) {
                if (e.seq <= lastSeq[e.node] && lastSeq[e.node] != 0)
                    orderOk = false;
                lastSeq[e.node] = e.seq;
            });
            readerSaw = to;
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> writers;
    for (int t = 1; t <= kThreads; ++t) {
        writers.emplace_back([&store, t] {
            TraceEvent e;
            e.node = static_cast<NodeId>(t);
            for (int i = 1; i <= kPerThread; ++i) {
                e.seq = static_cast<quint64>(i);
                store.append(e);
            }
        });
    }
    for (auto &w : writers)
        w.join();
    done = true;
    reader.join();
    QCOMPARE(store.size(), qsizetype(kThreads * kPerThread));
    QCOMPARE(readerSaw, store.size());
    QVERIFY(orderOk); // each writer's events appear in its own order
}

void TestTraceStore::capacityBoundsMemory()
{
    TraceStore store(2, 10);
    TraceEvent e;
    for (int i = 0; i < 15; ++i)
        store.append(e);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.dropped(), quint64(5));
}

void TestTraceStore::millionEvents()
{
    TraceStore store(9, 1'000'000);
    TraceEvent e;
    e.kind = TraceKind::Deliver;
    e.vclock = VectorClock(10, 1);
    e.detail = u"same literal detail"_s;
    for (int i = 0; i < 1'000'000; ++i) {
        e.seq = static_cast<quint64>(i);
        QVERIFY(store.append(e) >= 0);
    }
    QCOMPARE(store.size(), 1'000'000);
    QCOMPARE(store.at(999'999).seq, quint64(999'999));
    QCOMPARE(store.dropped(), quint64(0));
    // The fixed part per event stays small enough for a million events in well under 200 MB.
    QVERIFY(TraceStore::bytesPerEvent(9) < 200);
}

QTEST_GUILESS_MAIN(TestTraceStore)
#include "tst_tracestore.moc"
