// Locks and the wait-for graph: the AB/BA deadlock across two participants is found and
// exactly one victim (the youngest) is aborted, after which the other gets its lock; 1,000
// random acyclic wait graphs give no false deadlock, and on 1,000 random graphs the finder
// agrees with a reference (transitive closure); timeout mode aborts whoever waited too long.

#include "core/rng.h"
#include "protocol/locks.h"

#include <QTest>

using namespace edgecore;
using namespace std::chrono_literals;

namespace {

// Reference: a graph has a cycle iff some node reaches itself (Floyd-Warshall closure).
bool hasCycleReference(int n, const std::vector<std::pair<int, int>> &edges)
{
    std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
    for (const auto &[a, b] : edges)
        reach[a][b] = true;
    for (int k = 0; k < n; ++k)
        for (int i = 0; i < n; ++i)
            if (reach[i][k])
                for (int j = 0; j < n; ++j)
                    if (reach[k][j])
                        reach[i][j] = true;
    for (int i = 0; i < n; ++i)
        if (reach[i][i])
            return true;
    return false;
}

} // namespace

class TestLocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lockTableQueuesAndGrants();
    void abBaDeadlockHasOneVictim();
    void randomAcyclicGraphsHaveNoDeadlock();
    void randomGraphsAgreeWithReference();
    void timeoutModeAbortsLongWaits();
    void lockManagerTellsTheVictimsParticipant();
    void lockManagerForgetsWhatARestartedParticipantSaid();
};

void TestLocks::lockTableQueuesAndGrants()
{
    LockTable t;
    QVERIFY(!t.acquire(1, QStringLiteral("A")));
    QVERIFY(!t.acquire(1, QStringLiteral("A"))); // held already
    QCOMPARE(t.acquire(2, QStringLiteral("A")).value(), TxId(1));
    QCOMPARE(t.acquire(3, QStringLiteral("A")).value(), TxId(1));
    QCOMPARE(t.waitingFor(2).value(), QStringLiteral("A"));
    const auto granted = t.release(1);
    QCOMPARE(granted.size(), size_t(1));
    QCOMPARE(granted[0].tx, TxId(2)); // first come, first served
    QCOMPARE(t.holder(QStringLiteral("A")).value(), TxId(2));
    QVERIFY(!t.waitingFor(2));
    QVERIFY(t.release(3).empty()); // a waiter that gives up leaves the queue
    QVERIFY(t.release(2).empty());
    QVERIFY(!t.holder(QStringLiteral("A")));
}

void TestLocks::abBaDeadlockHasOneVictim()
{
    // t1 (older) locks cell A at rm, t2 locks account B at billing; then t1 wants B and t2
    // wants A. Each participant reports its wait-for edge; the lock manager finds the cycle.
    LockTable rm;
    LockTable billing;
    WaitForGraph g;
    const Instant t0{};
    g.begin(1, t0);
    g.begin(2, t0 + 10ms);
    QVERIFY(!rm.acquire(1, QStringLiteral("cell/A")));
    QVERIFY(!billing.acquire(2, QStringLiteral("account/B")));
    const auto w1 = billing.acquire(1, QStringLiteral("account/B"));
    QCOMPARE(w1.value(), TxId(2));
    g.addEdge(1, *w1, t0 + 20ms);
    QVERIFY(g.victims(t0 + 20ms).empty()); // one edge: no cycle yet
    const auto w2 = rm.acquire(2, QStringLiteral("cell/A"));
    QCOMPARE(w2.value(), TxId(1));
    g.addEdge(2, *w2, t0 + 30ms);
    const std::vector<TxId> cycle = g.findCycle();
    QCOMPARE(cycle.size(), size_t(2));
    const std::vector<TxId> victims = g.victims(t0 + 30ms);
    QCOMPARE(victims, std::vector<TxId>{2}); // exactly one: the youngest
    QVERIFY(g.victims(t0 + 40ms).empty());   // and only once
    // The victim aborts: its locks go, and t1 gets B.
    QVERIFY(rm.release(2).empty());
    const auto granted = billing.release(2);
    QCOMPARE(granted.size(), size_t(1));
    QCOMPARE(granted[0].tx, TxId(1));
    g.forget(2); // every edge from or to the victim goes, t1's wait included
    QCOMPARE(g.edgeCount(), size_t(0));
    QVERIFY(g.findCycle().empty());
}

void TestLocks::randomAcyclicGraphsHaveNoDeadlock()
{
    Rng rng(7);
    for (int round = 0; round < 1000; ++round) {
        // Edges only from a later to an earlier transaction of a random order: acyclic.
        const int n = 2 + static_cast<int>(rng.below(30));
        std::vector<TxId> order(n);
        for (int i = 0; i < n; ++i)
            order[i] = TxId(100 + i);
        for (int i = n - 1; i > 0; --i)
            std::swap(order[i], order[rng.below(static_cast<quint64>(i + 1))]);
        WaitForGraph g;
        const int m = static_cast<int>(rng.below(static_cast<quint64>(n * 3)));
        for (int e = 0; e < m; ++e) {
            const auto a = static_cast<int>(rng.below(static_cast<quint64>(n)));
            const auto b = static_cast<int>(rng.below(static_cast<quint64>(n)));
            if (a > b)
                g.addEdge(order[a], order[b], Instant{});
        }
        QVERIFY(g.findCycle().empty());
        QVERIFY(g.victims(Instant{}).empty());
    }
}

void TestLocks::randomGraphsAgreeWithReference()
{
    Rng rng(11);
    int cyclic = 0;
    for (int round = 0; round < 1000; ++round) {
        const int n = 2 + static_cast<int>(rng.below(12));
        std::vector<std::pair<int, int>> edges;
        WaitForGraph g;
        const int m = static_cast<int>(rng.below(static_cast<quint64>(n * 2)));
        for (int e = 0; e < m; ++e) {
            const auto a = static_cast<int>(rng.below(static_cast<quint64>(n)));
            const auto b = static_cast<int>(rng.below(static_cast<quint64>(n)));
            if (a == b)
                continue;
            edges.emplace_back(a, b);
            g.addEdge(TxId(a + 1), TxId(b + 1), Instant{});
        }
        const std::vector<TxId> cycle = g.findCycle();
        QCOMPARE(!cycle.empty(), hasCycleReference(n, edges));
        if (cycle.empty())
            continue;
        ++cyclic;
        // What it reports is a real cycle: each waits for the next, the last for the first.
        for (size_t i = 0; i < cycle.size(); ++i) {
            const TxId from = cycle[i];
            const TxId to = cycle[(i + 1) % cycle.size()];
            QVERIFY(g.edges().count(from) && g.edges().at(from).count(to));
        }
        // Breaking cycles by victims leaves none.
        const std::vector<TxId> victims = g.victims(Instant{});
        QVERIFY(!victims.empty());
        WaitForGraph rest = g;
        for (TxId v : victims)
            rest.forget(v);
        QVERIFY(rest.findCycle().empty());
    }
    QVERIFY(cyclic > 100 && cyclic < 900); // the sample had both kinds
}

void TestLocks::timeoutModeAbortsLongWaits()
{
    WaitForGraph g(DeadlockConfig{DeadlockResolution::Timeout, 2s});
    const Instant t0{};
    g.addEdge(1, 2, t0);
    g.addEdge(2, 1, t0 + 500ms); // a cycle, but timeout mode does not look for it
    QVERIFY(g.victims(t0 + 1s).empty());
    QCOMPARE(g.nextDeadline().value(), t0 + 2s + 1us);      // 1's wait expires first
    QCOMPARE(g.victims(t0 + 2100ms), std::vector<TxId>{1}); // waited longest
    // 2 waits only for the victim, whose locks are about to go: it is spared, and nothing
    // is due any more (the host sets no timer).
    QVERIFY(g.victims(t0 + 2600ms).empty());
    QVERIFY(!g.nextDeadline());
    QVERIFY(g.victims(t0 + 10s).empty());
    // Once 1 is gone, a new wait of 2's that lasts too long is its own.
    g.forget(1);
    g.addEdge(2, 3, t0 + 11s);
    QCOMPARE(g.victims(t0 + 13100ms), std::vector<TxId>{2});

    // Two waits expire in the same tick: the older one is the victim, the other spared.
    WaitForGraph h(DeadlockConfig{DeadlockResolution::Timeout, 2s});
    h.addEdge(5, 4, t0 + 300ms);
    h.addEdge(4, 5, t0 + 100ms);
    QCOMPARE(h.victims(t0 + 5s), std::vector<TxId>{4});
}

void TestLocks::lockManagerTellsTheVictimsParticipant()
{
    // rm (node 10) reports t1 waiting for t2; billing (node 11) reports t2 waiting for t1.
    // t2 reached its participant later: it is the youngest, and only billing, where it
    // waits, is told to give it up.
    LockManager m;
    const Instant t0{};
    LockManager::Outcome out = m.onWait(10, 1, 2, t0, t0 + 5ms, t0 + 20ms, t0 + 21ms);
    QVERIFY(out.resolved.empty() && out.notices.empty());
    out = m.onWait(11, 2, 1, t0 + 5ms, t0, t0 + 30ms, t0 + 32ms);
    QCOMPARE(out.resolved.size(), size_t(1));
    QCOMPARE(out.resolved[0].victim, TxId(2));
    QCOMPARE(out.resolved[0].cycle.size(), size_t(2));
    QCOMPARE(out.resolved[0].formedAt, t0 + 30ms); // when the second wait began
    QCOMPARE(out.notices.size(), size_t(1));
    QCOMPARE(out.notices[0].victim, TxId(2));
    QCOMPARE(out.notices[0].to, NodeId(11));
    QCOMPARE(m.deadlocksFound(), quint64(1));
    QCOMPARE(m.victims(), quint64(1));
    QCOMPARE(m.detectionTotal(), Duration(2ms));
    // A repeat of the same report names nobody again.
    QVERIFY(m.onWait(11, 2, 1, t0 + 5ms, t0, t0 + 30ms, t0 + 40ms).resolved.empty());
    // The victim finishes at billing; t1 gets the lock at rm and stops waiting: nothing left.
    m.onDone(11, 2, 0);
    QCOMPARE(m.graph().edgeCount(), size_t(1));
    m.onDone(10, 1, 2);
    QCOMPARE(m.graph().edgeCount(), size_t(0));
    m.onDone(10, 1, 0);
    QCOMPARE(m.known(), size_t(0));
    // A holder's release reaches the lock manager before the wait it ends (the participant
    // reports its holder done, then grants the waiter): once both are in, neither is
    // remembered (it was, for ever: a few hundred bytes a lock wait).
    LockManager order;
    order.onWait(10, 7, 8, t0, t0, t0, t0);
    order.onDone(10, 8, 0); // the holder finished
    QCOMPARE(order.known(), size_t(2));
    order.onDone(10, 7, 8); // its waiter stops waiting
    QCOMPARE(order.known(), size_t(1));
    order.onDone(10, 7, 0); // and finishes
    QCOMPARE(order.known(), size_t(0));
    QCOMPARE(order.graph().edgeCount(), size_t(0));
    // A participant that restarts voids its waits, and nobody reports them done after: they are
    // forgotten then, but not a transaction another participant still reports waiting.
    LockManager restart;
    restart.onWait(10, 1, 2, t0, t0, t0, t0);
    restart.onWait(11, 3, 4, t0, t0, t0, t0);
    restart.onWait(10, 3, 5, t0, t0, t0, t0);
    QCOMPARE(restart.known(), size_t(5));
    restart.onDone(10, 0, 0);
    QCOMPARE(restart.known(), size_t(2)); // 3 waiting for 4 at billing
    restart.onDone(11, 3, 4);
    restart.onDone(11, 3, 0);
    QCOMPARE(restart.known(), size_t(1)); // 4, until it is done too
    restart.onDone(11, 4, 0);
    QCOMPARE(restart.known(), size_t(0));
    // Detection also names no one where there is no cycle: a chain of three waits.
    LockManager chain;
    QVERIFY(chain.onWait(10, 1, 2, t0, t0, t0, t0).resolved.empty());
    QVERIFY(chain.onWait(10, 2, 3, t0, t0, t0, t0).resolved.empty());
    QVERIFY(chain.onWait(11, 3, 4, t0, t0, t0, t0).resolved.empty());
    QCOMPARE(chain.deadlocksFound(), quint64(0));
}

void TestLocks::lockManagerForgetsWhatARestartedParticipantSaid()
{
    // Timeout mode: rm reports two waits, then restarts (waits died with it): nothing is
    // due any more; billing's own report still is.
    LockManager m(DeadlockConfig{DeadlockResolution::Timeout, 1s});
    const Instant t0{};
    m.onWait(10, 1, 2, t0, t0, t0, t0);
    m.onWait(10, 3, 2, t0, t0, t0 + 100ms, t0 + 100ms);
    m.onWait(11, 4, 5, t0, t0, t0 + 200ms, t0 + 200ms);
    QCOMPARE(m.nextDeadline().value(), t0 + 1s + 1us);
    m.onDone(10, 0, 0);
    QCOMPARE(m.graph().edgeCount(), size_t(1));
    QCOMPARE(m.nextDeadline().value(), t0 + 1200ms + 1us);
    const LockManager::Outcome out = m.tick(t0 + 1200ms + 1us);
    QCOMPARE(out.notices.size(), size_t(1));
    QCOMPARE(out.notices[0].victim, TxId(4));
    QCOMPARE(out.notices[0].to, NodeId(11));
    QVERIFY(out.resolved[0].cycle.empty()); // a long wait, not a cycle: no deadlock counted
    QCOMPARE(m.deadlocksFound(), quint64(0));
    QCOMPARE(m.victims(), quint64(1));
}

QTEST_GUILESS_MAIN(TestLocks)
#include "tst_locks.moc"
