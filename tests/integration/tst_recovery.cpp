// Crashes at the worst moments, in the simulator, with the checker reading the trace after
// every step: 2PC blocks while its coordinator is down and finishes when it recovers from its
// log; 3PC participants terminate without it; a restarted participant rebuilds from its log.

#include "lab/checker.h"
#include "lab/simcluster.h"
#include "services/analytics.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "trace/tracestore.h"

#include <QCborMap>
#include <QCborValue>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

// Steps the simulation until pred holds (checking invariants after every step).
bool runUntil(SimCluster &sim, Checker &checker, const std::function<bool()> &pred,
              int maxSteps = 100000)
{
    for (int i = 0; i < maxSteps; ++i) {
        if (pred())
            return true;
        if (!sim.host().step())
            return pred();
        if (!checker.advance())
            return false;
    }
    return pred();
}

int countFacts(const TraceStore &t, TraceKind kind, NodeId node = kNoNode, int value = -1)
{
    int n = 0;
    t.forEach(0, t.size(), [&](const TraceEvent &e) {
        n += e.kind == kind && (node == kNoNode || e.node == node) &&
             (value < 0 || e.reason == value);
    });
    return n;
}

int countState(const TraceStore &t, NodeId node, const QString &detailPrefix)
{
    int n = 0;
    t.forEach(0, t.size(), [&](const TraceEvent &e) {
        n += e.kind == TraceKind::State && e.node == node && e.detail.startsWith(detailPrefix);
    });
    return n;
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coordinatorCrashAfterPrepare2pcBlocksUntilRecovery();
    void coordinatorCrashAfterPrecommit3pcTerminates();
    void coordinatorCrashRightAfterDecidingStillAnswers();
    void participantCrashRebuildsFromLog();
    void analyticsRestartLosesAndRepeatsNothing();
    void checkerCatchesStaleTokensAndTwoLeaders();
    void checkerCatchesWrongAnswers();
};

void TestRecovery::coordinatorCrashAfterPrepare2pcBlocksUntilRecovery()
{
    ClusterConfig cfg;
    cfg.seed = 21;
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    const NodeId sm = sim.id(cast::sessionManager(1));
    sim.submit(u"001010000000001"_s, u"DATA"_s, u"2PC"_s);
    // Both participants have voted YES (durably); crash the coordinator before it decides.
    QVERIFY(runUntil(sim, checker,
                     [&] { return countFacts(sim.trace(), TraceKind::Vote, kNoNode, 1) == 2; }));
    sim.host().crash(sm);
    sim.settle(std::chrono::seconds(10));
    QVERIFY2(checker.advance(), qPrintable(checker.report(21)));
    auto *rm = sim.service<ResourceManager>(cast::rm());
    auto *billing = sim.service<BillingService>(cast::billing());
    // Blocked: in doubt, holding their reservations, asking a coordinator that is not there.
    QCOMPARE(rm->inDoubtCount(), 1);
    QCOMPARE(billing->inDoubtCount(), 1);
    QVERIFY(rm->reservedUnits() > 0);
    QVERIFY(countState(sim.trace(), sim.id(cast::rm()), u"in doubt: asking"_s) >= 2);
    sim.host().restart(sm);
    sim.settle(std::chrono::seconds(10));
    QCOMPARE(rm->inDoubtCount(), 0);
    QCOMPARE(billing->inDoubtCount(), 0);
    QCOMPARE(rm->reservedUnits(), 0); // presumed abort released everything
    QCOMPARE(billing->reservedCredit(), qint64(0));
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(21)));
    QCOMPARE(countFacts(sim.trace(), TraceKind::Decide, sm, 0), 1);
}

void TestRecovery::coordinatorCrashAfterPrecommit3pcTerminates()
{
    ClusterConfig cfg;
    cfg.seed = 22;
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    const NodeId sm = sim.id(cast::sessionManager(1));
    const NodeId rmId = sim.id(cast::rm());
    const NodeId billingId = sim.id(cast::billing());
    sim.submit(u"001010000000002"_s, u"VOICE"_s, u"3PC"_s);
    QVERIFY(runUntil(sim, checker, [&] {
        return countState(sim.trace(), rmId, u"PRECOMMITTED"_s) == 1 &&
               countState(sim.trace(), billingId, u"PRECOMMITTED"_s) == 1;
    }));
    sim.host().crash(sm);
    // No coordinator: the participants time out, ask each other, see PRECOMMITTED and commit.
    QVERIFY(runUntil(sim, checker,
                     [&] { return countFacts(sim.trace(), TraceKind::Decide, kNoNode, 1) == 2; }));
    QVERIFY2(checker.ok(), qPrintable(checker.report(22)));
    QCOMPARE(countState(sim.trace(), rmId, u"coordinator silent: termination"_s), 1);
    auto *rm = sim.service<ResourceManager>(cast::rm());
    QCOMPARE(rm->inDoubtCount(), 0);
    QCOMPARE(rm->allocatedUnits(), 1);
    // The coordinator comes back with PRECOMMIT in its log and no decision: it asks, and agrees.
    sim.host().restart(sm);
    sim.settle(std::chrono::seconds(10));
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(22)));
    QCOMPARE(countFacts(sim.trace(), TraceKind::Decide, sm, 1), 1);
}

void TestRecovery::coordinatorCrashRightAfterDecidingStillAnswers()
{
    // sm-1 decides COMMIT, but its session record write and its answer to the edge never
    // leave it: it crashes. The record stays PENDING under sm-1's transaction, so the manager
    // that takes over must not answer, and the edge keeps asking. When sm-1 recovers, the
    // logged decision makes it write the record and answer the client itself.
    ClusterConfig cfg;
    cfg.seed = 25;
    cfg.edge.requestTimeoutMs = 60000;
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    const NodeId sm = sim.id(cast::sessionManager(1));
    const NodeId edge = sim.id(cast::edge());
    const NodeId dsm = sim.id(cast::dsm());
    sim.submit(u"001010000000003"_s, u"DATA"_s, u"2PC"_s);
    QVERIFY(runUntil(sim, checker, [&] {
        return countState(sim.trace(), sm, u"tx PREPARING"_s) == 1; // claimed
    }));
    SessionId session = 0;
    sim.trace().forEach(0, sim.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::State && e.node == sm && e.detail.startsWith(u"tx PREPARING"_s))
            session = e.sessionId;
    });
    LinkFault lost;
    lost.dropPct = 100;
    sim.host().faults().setLink(sm, edge, lost);
    sim.host().faults().setLink(sm, dsm, lost);
    QVERIFY(runUntil(sim, checker,
                     [&] { return countFacts(sim.trace(), TraceKind::Decide, sm, 1) == 1; }));
    sim.host().crash(sm);
    sim.host().faults().clearLinks();
    sim.settle(std::chrono::seconds(10)); // another manager leads; the edge asks it in vain
    QVERIFY2(checker.advance(), qPrintable(checker.report(25)));
    QVERIFY(sim.replies().isEmpty());
    const QString key = u"session/"_s + QString::number(session);
    auto record = [&] {
        return QCborValue::fromCbor(sim.service<DsmService>(cast::dsm())->get(key).value)
            .toMap()
            .value(u"state"_s)
            .toString();
    };
    QCOMPARE(record(), u"PENDING"_s);
    sim.host().restart(sm);
    sim.settle(std::chrono::seconds(10));
    QCOMPARE(sim.replies().size(), 1);
    QCOMPARE(toString(sim.replies()[0].outcome), u"COMMITTED"_s);
    QCOMPARE(record(), u"COMMITTED"_s);
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(25)));
}

void TestRecovery::participantCrashRebuildsFromLog()
{
    ClusterConfig cfg;
    cfg.seed = 23;
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    const NodeId rmId = sim.id(cast::rm());
    // Two sessions commit; the third is caught with rm prepared and then crashed.
    LoadSpec two;
    two.sessions = 2;
    two.concurrency = 1;
    two.voiceShare = 0;
    QCOMPARE(sim.runLoad(two, 23).size(), 2);
    sim.submit(u"001010000000003"_s, u"DATA"_s, u"2PC"_s);
    QVERIFY(runUntil(sim, checker,
                     [&] { return countFacts(sim.trace(), TraceKind::Vote, rmId, 1) == 3; }));
    sim.host().crash(rmId);
    sim.settle(std::chrono::seconds(1));
    sim.host().restart(rmId);
    sim.settle(std::chrono::seconds(10));
    auto *rm = sim.service<ResourceManager>(cast::rm());
    QCOMPARE(rm->inDoubtCount(), 0);
    QCOMPARE(rm->reservedUnits(), 0);
    // The two earlier commits came back from the log, and the third's outcome was learned.
    auto *sm = sim.service<SessionManager>(cast::sessionManager(1));
    QCOMPARE(rm->allocatedUnits(), 4 * static_cast<int>(sm->committed()));
    QCOMPARE(sm->committed(), quint64(3));
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(23)));
}

void TestRecovery::analyticsRestartLosesAndRepeatsNothing()
{
    // Analytics crashes twice while sessions commit, once while events are in flight to it,
    // on a network that loses 2% of frames (appends, deliveries and acknowledgements).
    ClusterConfig cfg;
    cfg.seed = 24;
    SimNetwork lossy;
    lossy.lossRate = 0.02;
    SimCluster sim(cfg, lossy);
    Checker checker(sim.trace());
    const NodeId analytics = sim.id(cast::analytics());
    sim.host().afterEvent = [&checker] { checker.advance(); };
    LoadSpec spec;
    spec.sessions = 40;
    spec.concurrency = 4;
    sim.runLoad(spec, 24);
    sim.host().crash(analytics);
    sim.runLoad(spec, 25); // these events pile up at the dsm, pending
    sim.host().restart(analytics);
    sim.host().runUntil(sim.host().now() + std::chrono::milliseconds(3));
    sim.host().crash(analytics); // mid-redelivery
    sim.host().restart(analytics);
    sim.host().setNetwork(SimNetwork{});
    sim.settle(std::chrono::seconds(20));
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(24)));
    auto *a = sim.service<Analytics>(cast::analytics());
    auto *sm = sim.service<SessionManager>(cast::sessionManager(1));
    // Every decision the coordinator made reached analytics exactly once, in order.
    QCOMPARE(a->decisions(), sm->committed() + sm->aborted());
    QCOMPARE(sim.service<DsmService>(cast::dsm())->pending(Analytics::group()), 0);
    // (A delivery that overtook a lost one is a gap analytics waits out, not an error: what
    // counts is that every event was accepted once, in order, as the checker and this say.)
    int accepted = 0;
    sim.trace().forEach(0, sim.trace().size(),
                        [&](const TraceEvent &e) { accepted += e.kind == TraceKind::Event; });
    QCOMPARE(quint64(accepted), sim.service<DsmService>(cast::dsm())->streamEvents());
}

void TestRecovery::checkerCatchesStaleTokensAndTwoLeaders()
{
    // The checker's fencing rules on a hand-made trace: rm votes YES under token 5, then under
    // token 3 (a deposed leader's PREPARE got through); two nodes claim token 7.
    TraceStore trace(4);
    trace.setNodeNames({QString(), u"sm-1"_s, u"sm-2"_s, u"rm"_s, u"billing"_s});
    auto fact = [&trace](TraceKind k, NodeId node, quint8 value, TxId tx, quint64 number) {
        TraceEvent e;
        e.kind = k;
        e.node = node;
        e.reason = value;
        e.txId = tx;
        e.seq = number;
        trace.append(e);
    };
    fact(TraceKind::Vote, 3, 1, 10, 5);
    fact(TraceKind::Vote, 3, 1, 11, 3);
    fact(TraceKind::Lease, 1, 1, 0, 7);
    fact(TraceKind::Lease, 2, 1, 0, 7);
    Checker checker(trace);
    QVERIFY(!checker.advance());
    QCOMPARE(checker.violations().size(), size_t(2));
    QCOMPARE(checker.violations()[0].invariant, u"FENCE"_s);
    QVERIFY(checker.violations()[0].detail.contains(
        u"rm accepted a PREPARE with fencing token 3 after token 5"_s));
    QCOMPARE(checker.violations()[1].invariant, u"LEASE"_s);
}

void TestRecovery::checkerCatchesWrongAnswers()
{
    // The case the edge's failover resend must never produce: the old leader (sm-1) answers
    // ABORTED for session 100 while the new leader's tx (sm-2's 21) commits it. Also a client
    // told COMMITTED (session 101) with no commit anywhere, and one honest answer (102).
    TraceStore trace(4);
    trace.setNodeNames({QString(), u"sm-1"_s, u"sm-2"_s, u"rm"_s, u"billing"_s, u"edge"_s});
    auto event = [&trace](TraceKind k, NodeId node, quint8 value, TxId tx, SessionId session,
                          NodeId peer = kNoNode) {
        TraceEvent e;
        e.kind = k;
        e.node = node;
        e.peer = peer;
        e.reason = value;
        e.txId = tx;
        e.sessionId = session;
        e.msgType = static_cast<quint16>(MsgType::Prepare);
        trace.append(e);
    };
    const auto told = [](Outcome o) { return static_cast<quint8>(o); };
    for (const auto &[tx, session] : {std::pair<TxId, SessionId>{21, 100}, {40, 102}}) {
        event(TraceKind::Send, 2, 0, tx, session, 3);
        event(TraceKind::Send, 2, 0, tx, session, 4);
        event(TraceKind::Vote, 3, 1, tx, session);
        event(TraceKind::Vote, 4, 1, tx, session);
    }
    event(TraceKind::Session, 5, told(Outcome::Aborted), 20, 100);
    event(TraceKind::Decide, 2, 1, 21, 100);
    event(TraceKind::Session, 5, told(Outcome::Committed), 30, 101);
    event(TraceKind::Decide, 2, 1, 40, 102);
    event(TraceKind::Session, 5, told(Outcome::Committed), 40, 102);
    event(TraceKind::Session, 5, told(Outcome::Unknown), 0, 103);
    Checker checker(trace);
    QVERIFY(!checker.advance());
    QCOMPARE(checker.violations().size(), size_t(2));
    QCOMPARE(checker.violations()[0].invariant, u"ANSWER"_s);
    QVERIFY2(checker.violations()[0].detail.contains(u"after its client was told ABORTED"_s),
             qPrintable(checker.violations()[0].detail));
    QCOMPARE(checker.violations()[1].invariant, u"ANSWER"_s);
    QVERIFY2(checker.violations()[1].detail.contains(u"no coordinator committed it"_s),
             qPrintable(checker.violations()[1].detail));
}

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
