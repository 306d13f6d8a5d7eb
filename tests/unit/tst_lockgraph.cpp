// The lock graph's fold: holds, waits, cycles and victims as of any event. Checked on a
// recorded run of the real cast in the simulator (the AB/BA deadlock, before, during and
// after), against folds of every prefix of it, and on hand-made traces for the corners a run
// seldom shows (a crash, a queue that moves on, rings of three).

#include "../integration/headlessrun.h"
#include "lab/headless.h"
#include "timeline/lockgraph.h"
#include "trace/facts.h"
#include "trace/tracestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

using WaitEdges = std::vector<std::pair<TxId, TxId>>; // waiter, holder
using Cycles = std::vector<std::vector<TxId>>;
Q_DECLARE_METATYPE(WaitEdges)
Q_DECLARE_METATYPE(Cycles)

class TestLockGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theDeadlockFormsAndBreaks();
    void everyEventAsAFoldOfItsPrefix_data();
    void everyEventAsAFoldOfItsPrefix();
    void handMade();
    void cycles_data();
    void cycles();

private:
    std::unique_ptr<TraceStore> m_deadlock;
    QTemporaryDir m_dir;
};

namespace {

bool same(const LockGraph::Snapshot &a, const LockGraph::Snapshot &b, QString *why)
{
    const auto fail = [why](const QString &what) {
        *why = what;
        return false;
    };
    if (a.holds.size() != b.holds.size())
        return fail(u"holds: %1 against %2"_s.arg(a.holds.size()).arg(b.holds.size()));
    for (size_t i = 0; i < a.holds.size(); ++i) {
        const LockGraph::Hold &x = a.holds[i];
        const LockGraph::Hold &y = b.holds[i];
        if (x.node != y.node || x.tx != y.tx || x.session != y.session ||
            x.resource != y.resource || x.since != y.since)
            return fail(u"hold %1 differs"_s.arg(i));
    }
    if (a.waits.size() != b.waits.size())
        return fail(u"waits: %1 against %2"_s.arg(a.waits.size()).arg(b.waits.size()));
    for (size_t i = 0; i < a.waits.size(); ++i) {
        const LockGraph::Wait &x = a.waits[i];
        const LockGraph::Wait &y = b.waits[i];
        if (x.node != y.node || x.waiter != y.waiter || x.holder != y.holder ||
            x.session != y.session || x.resource != y.resource || x.since != y.since)
            return fail(u"wait %1 differs"_s.arg(i));
    }
    if (a.cycles != b.cycles)
        return fail(u"cycles differ"_s);
    if (a.victims != b.victims)
        return fail(u"victims differ"_s);
    return true;
}

struct Maker
{
    TraceStore trace{6, 10'000};
    Maker() { trace.setNodeNames({QString(), u"rm"_s, u"billing"_s, u"dsm"_s, u"x"_s, u"y"_s}); }
    void lock(LockEvent ev, NodeId node, TxId tx, TxId other = 0, const QString &res = {})
    {
        TraceEvent e;
        e.kind = TraceKind::Lock;
        e.reason = quint8(ev);
        e.node = node;
        e.txId = tx;
        e.seq = other;
        e.detail = res;
        e.labUs = qint64(trace.size()) * 100;
        trace.append(e);
    }
    void crash(NodeId node)
    {
        TraceEvent e;
        e.kind = TraceKind::State;
        e.reason = quint8(HostEvent::Crashed);
        e.node = node;
        e.detail = u"crashed"_s;
        e.labUs = qint64(trace.size()) * 100;
        trace.append(e);
    }
    void note()
    {
        TraceEvent e;
        e.kind = TraceKind::Note;
        e.labUs = qint64(trace.size()) * 100;
        trace.append(e);
    }
};

} // namespace

void TestLockGraph::initTestCase()
{
    QVERIFY(m_dir.isValid());
    HeadlessOptions o;
    o.scenario = u"deadlock"_s;
    o.seed = 1;
    o.sim = true;
    o.outDir = m_dir.filePath(u"deadlock"_s);
    m_deadlock = testing::recordedTrace(o);
}

void TestLockGraph::theDeadlockFormsAndBreaks()
{
    LockGraph g;
    QCOMPARE(g.advance(*m_deadlock), m_deadlock->size());
    QVERIFY(g.lockEvents() > 0);
    // One AB/BA deadlock, found with the cycle of two the waits make, its victim in it.
    QCOMPARE(g.deadlocks().size(), size_t(1));
    const LockGraph::Deadlock &d = g.deadlocks().front();
    QCOMPARE(d.cycle.size(), size_t(2));
    QVERIFY(std::find(d.cycle.begin(), d.cycle.end(), d.victim) != d.cycle.end());
    QVERIFY(d.detectionUs >= 0);
    QCOMPARE(int(m_deadlock->at(d.event).kind), int(TraceKind::Lock));

    // At its detection: each of the two holds one resource and waits for the other's, at two
    // participants; the victim is not named yet.
    const LockGraph::Snapshot found = g.at(d.event);
    QCOMPARE(found.cycles, Cycles{d.cycle});
    QCOMPARE(found.waits.size(), size_t(2));
    QVERIFY(found.waits[0].node != found.waits[1].node);
    QVERIFY(found.waits[0].resource != found.waits[1].resource);
    for (const LockGraph::Wait &w : found.waits) {
        QVERIFY(found.inCycle(w.waiter) && found.inCycle(w.holder));
        QVERIFY(std::any_of(found.holds.begin(), found.holds.end(), [&](const LockGraph::Hold &h) {
            return h.tx == w.holder && h.resource == w.resource && h.node == w.node;
        }));
    }
    QVERIFY(found.victims.empty());

    // Before the first wait: no wait, no cycle. The cycle formed at the second wait.
    qsizetype firstWait = -1, victimNamed = -1;
    for (qsizetype i = 0; i < m_deadlock->size(); ++i) {
        const TraceEvent e = m_deadlock->at(i);
        if (e.kind != TraceKind::Lock)
            continue;
        if (firstWait < 0 && e.reason == quint8(LockEvent::Waits))
            firstWait = i;
        if (victimNamed < 0 && e.reason == quint8(LockEvent::Victim))
            victimNamed = i;
    }
    QVERIFY(firstWait >= 0 && firstWait < d.event);
    QVERIFY(g.at(firstWait - 1).waits.empty());
    QCOMPARE(g.at(firstWait).waits.size(), size_t(1));
    QVERIFY(g.at(firstWait).cycles.empty());
    const qsizetype formed = std::max(found.waits[0].since, found.waits[1].since);
    QVERIFY(g.at(formed - 1).cycles.empty());
    QCOMPARE(g.at(formed).cycles.size(), size_t(1));

    // Named: marked while it is in the graph; then the cycle breaks and at the end nothing is
    // held or waited for.
    QVERIFY(victimNamed > d.event);
    QCOMPARE(g.at(victimNamed).victims, std::set<TxId>{d.victim});
    const LockGraph::Snapshot end = g.now();
    QVERIFY(end.holds.empty());
    QVERIFY(end.waits.empty());
    QVERIFY(end.cycles.empty());
    QVERIFY(end.victims.empty());
    QCOMPARE(end.asOf, m_deadlock->size() - 1);
}

void TestLockGraph::everyEventAsAFoldOfItsPrefix_data()
{
    QTest::addColumn<int>("every");
    QTest::newRow("a checkpoint every lock event") << 1;
    QTest::newRow("every 3") << 3;
    QTest::newRow("the default") << int(LockGraph::kCheckpointEvery);
}

void TestLockGraph::everyEventAsAFoldOfItsPrefix()
{
    QFETCH(int, every);
    LockGraph whole;
    whole.setCheckpointEvery(every);
    whole.advance(*m_deadlock);
    // The prefix grows one event at a time; a fold that follows it is the graph "now".
    TraceStore prefix(m_deadlock->nodeCount(), m_deadlock->size() + 1);
    prefix.setNodeNames(m_deadlock->nodeNames());
    LockGraph following;
    QString why;
    QVERIFY2(same(whole.at(-1), LockGraph().now(), &why), qPrintable(why));
    for (qsizetype i = 0; i < m_deadlock->size(); ++i) {
        prefix.append(m_deadlock->at(i));
        following.advance(prefix);
        QVERIFY2(same(whole.at(i), following.now(), &why),
                 qPrintable(u"event %1: "_s.arg(i) + why));
    }
    QCOMPARE(following.deadlocks().size(), whole.deadlocks().size());
}

void TestLockGraph::handMade()
{
    Maker m;
    constexpr NodeId rm = 1, billing = 2, dsm = 3;
    m.lock(LockEvent::Acquired, rm, 10, 0, u"cell/1"_s);         // 0
    m.lock(LockEvent::Waits, rm, 11, 10, u"cell/1"_s);           // 1: 11 queues behind 10
    m.lock(LockEvent::Waits, rm, 12, 10, u"cell/1"_s);           // 2: and 12
    m.lock(LockEvent::Released, rm, 10);                         // 3: 10 done
    m.lock(LockEvent::Acquired, rm, 11, 0, u"cell/1"_s);         // 4: granted to 11
    m.lock(LockEvent::Waits, rm, 12, 11, u"cell/1"_s);           // 5: the queue moved on
    m.lock(LockEvent::Acquired, billing, 12, 0, u"account/a"_s); // 6
    m.lock(LockEvent::Waits, billing, 11, 12, u"account/a"_s);   // 7: a ring of two
    m.lock(LockEvent::Deadlock, dsm, 12, 400);                   // 8
    m.lock(LockEvent::Victim, dsm, 12);                          // 9
    m.note();                                                    // 10
    m.crash(billing);                                            // 11: 12's hold and 11's wait die
    m.lock(LockEvent::Released, rm, 12);                         // 12: the victim gives up at rm
    LockGraph g;
    g.setCheckpointEvery(2);
    g.advance(m.trace);

    LockGraph::Snapshot s = g.at(2);
    QCOMPARE(s.holds.size(), size_t(1));
    QCOMPARE(s.waits.size(), size_t(2));
    QCOMPARE(s.waits[0].holder, TxId(10));
    QCOMPARE(s.waits[1].holder, TxId(10));
    s = g.at(3); // released: holds nothing; the waits stand until the queue moves
    QVERIFY(s.holds.empty());
    QCOMPARE(s.waits.size(), size_t(2));
    s = g.at(5);
    QCOMPARE(s.holds.size(), size_t(1));
    QCOMPARE(s.holds[0].tx, TxId(11));
    QCOMPARE(s.holds[0].since, qsizetype(4));
    QCOMPARE(s.waits.size(), size_t(1));
    QCOMPARE(s.waits[0].waiter, TxId(12));
    QCOMPARE(s.waits[0].holder, TxId(11));
    QCOMPARE(s.waits[0].since, qsizetype(5));
    QVERIFY(g.at(6).cycles.empty());
    s = g.at(7);
    QCOMPARE(s.cycles, (Cycles{{11, 12}}));
    QCOMPARE(g.deadlocks().size(), size_t(1));
    QCOMPARE(g.deadlocks()[0].cycle, (std::vector<TxId>{11, 12}));
    QCOMPARE(g.deadlocks()[0].detectionUs, qint64(400));
    QCOMPARE(g.deadlocks()[0].event, qsizetype(8));
    QCOMPARE(g.at(9).victims, std::set<TxId>{12});
    QCOMPARE(g.at(10).victims, std::set<TxId>{12}); // an event of another kind: nothing moves
    s = g.at(11); // billing crashed: 12's hold there and 11's wait there are gone
    QCOMPARE(s.holds.size(), size_t(1));
    QCOMPARE(s.holds[0].node, rm);
    QCOMPARE(s.waits.size(), size_t(1));
    QCOMPARE(s.waits[0].waiter, TxId(12));
    QVERIFY(s.cycles.empty());
    QCOMPARE(s.victims, std::set<TxId>{12}); // still waiting at rm
    s = g.now();
    QCOMPARE(s.holds.size(), size_t(1)); // 11 still holds cell/1
    QVERIFY(s.waits.empty());
    QVERIFY(s.victims.empty()); // out of the graph: no longer marked
    QCOMPARE(g.at(1000).asOf, m.trace.size() - 1);
}

void TestLockGraph::cycles_data()
{
    QTest::addColumn<WaitEdges>("edges");
    QTest::addColumn<Cycles>("expected");
    using E = WaitEdges;
    using C = Cycles;
    QTest::newRow("none") << E{} << C{};
    QTest::newRow("a chain") << E{{1, 2}, {2, 3}, {3, 4}} << C{};
    QTest::newRow("AB/BA") << E{{2, 1}, {1, 2}} << C{{1, 2}};
    QTest::newRow("a ring of three, from its lowest") << E{{5, 3}, {3, 4}, {4, 5}} << C{{3, 4, 5}};
    QTest::newRow("two rings and a tail")
        << E{{1, 2}, {2, 1}, {7, 8}, {8, 9}, {9, 7}, {6, 1}} << C{{1, 2}, {7, 8, 9}};
    QTest::newRow("waits for itself") << E{{4, 4}} << C{{4}};
}

void TestLockGraph::cycles()
{
    QFETCH(WaitEdges, edges);
    QFETCH(Cycles, expected);
    std::vector<LockGraph::Wait> waits;
    NodeId node = 1;
    for (const auto &[waiter, holder] : edges) {
        LockGraph::Wait w;
        w.node = node++;
        w.waiter = waiter;
        w.holder = holder;
        waits.push_back(w);
    }
    QCOMPARE(LockGraph::cyclesOf(waits), expected);
}

QTEST_GUILESS_MAIN(TestLockGraph)
#include "tst_lockgraph.moc"
