// Sessions that end: a committed session lasts its duration, then its release transaction
// frees its units at rm and writes its charging record at billing, and its record in the dsm
// moves COMMITTED -> RELEASING -> RELEASED. A long run no longer fills the cells; a crash
// anywhere in a release recovers; the checker's RELEASE rules catch a double release.

#include "lab/checker.h"
#include "lab/simcluster.h"
#include "services/analytics.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "storage/sqlitestorage.h"
#include "trace/tracestore.h"

#include <QCborMap>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

int countOf(const QVector<ClientReply> &replies, Outcome o, bool release)
{
    return static_cast<int>(
        std::count_if(replies.begin(), replies.end(), [&](const ClientReply &r) {
            return r.outcome == o && r.release == release;
        }));
}

// Every session record in the dsm, by state.
std::map<QString, int> recordStates(const DsmService &dsm)
{
    std::map<QString, int> states;
    for (const QString &key : dsm.store().keys())
        if (key.startsWith(u"session/"_s))
            states[QCborValue::fromCbor(dsm.get(key).value).toMap().value(u"state"_s).toString()]++;
    return states;
}

LoadSpec endingLoad(int sessions, const QString &protocol = u"2PC"_s)
{
    LoadSpec spec;
    spec.sessions = sessions;
    spec.concurrency = 8;
    spec.thinkMs = 40;
    spec.protocol = protocol;
    spec.holding.on = true;
    return spec;
}

// Nothing is held any more: no units, no credit on hold, no charged session, no record
// other than RELEASED (and ABORTED for sessions that never set up).
void verifyNothingHeld(SimCluster &sim, int released)
{
    auto *rm = sim.service<ResourceManager>(cast::rm());
    auto *billing = sim.service<BillingService>(cast::billing());
    QCOMPARE(rm->reservedUnits(), 0);
    QCOMPARE(rm->allocatedUnits(), 0);
    QCOMPARE(rm->activeSessions(), 0);
    QCOMPARE(billing->reservedCredit(), qint64(0));
    QCOMPARE(billing->activeSessions(), 0);
    QCOMPARE(rm->inDoubtCount(), 0);
    QCOMPARE(billing->inDoubtCount(), 0);
    const std::map<QString, int> states = recordStates(*sim.service<DsmService>(cast::dsm()));
    QCOMPARE(states.count(u"COMMITTED"_s), size_t(0));
    QCOMPARE(states.count(u"RELEASING"_s), size_t(0));
    QCOMPARE(states.count(u"PENDING"_s), size_t(0));
    QCOMPARE(states.at(u"RELEASED"_s), released);
}

} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longRunReleasesEverySession_data();
    void longRunReleasesEverySession();
    void crashMidReleaseRecovers_data();
    void crashMidReleaseRecovers();
    void edgeRefusesABadDuration();
    void settledStateIsForgotten();
    void checkerCatchesDoubleRelease();
    void checkerCatchesReleaseWithoutSetUp();
};

void TestLifecycle::longRunReleasesEverySession_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("2PC") << u"2PC"_s;
    QTest::newRow("3PC") << u"3PC"_s;
}

void TestLifecycle::longRunReleasesEverySession()
{
    // 2,400 sessions: before sessions ended, the cells filled after about 1,600 commits and
    // every later session aborted "cell full".
    QFETCH(QString, protocol);
    QTemporaryDir dir;
    ClusterConfig cfg;
    cfg.seed = 41;
    cfg.dataDir = dir.path();
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    const QVector<ClientReply> replies = sim.runLoad(endingLoad(2400, protocol), cfg.seed);
    sim.settle();
    checker.finish(true); // AC4 too: with no faults every set-up and every release commits
    QVERIFY2(checker.ok(), qPrintable(checker.report(cfg.seed)));
    QCOMPARE(countOf(replies, Outcome::Committed, false), 2400);
    QCOMPARE(countOf(replies, Outcome::Released, true), 2400);
    // Each release reply names the session's duration, and each came after it.
    for (const ClientReply &r : replies)
        QVERIFY(!r.release || r.durationMs >= 50);
    verifyNothingHeld(sim, 2400);
    auto *billing = sim.service<BillingService>(cast::billing());
    QCOMPARE(billing->chargingRecords(), quint64(2400));
    QCOMPARE(sim.service<ResourceManager>(cast::rm())->releasedSessions(), quint64(2400));
    QCOMPARE(sim.service<SessionManager>(cast::sessionManager(1))->released(), quint64(2400));
    // The stream carried each release, once.
    QCOMPARE(sim.service<Analytics>(cast::analytics())->released(), quint64(2400));
    QVERIFY(sim.service<Analytics>(cast::analytics())->meanHoldingMs() > 50);

    // The charging records are in billing's log, one per session, with duration and units.
    SqliteStorage log;
    QVERIFY2(log.open(dir.filePath(u"billing.sqlite"_s), false), qPrintable(log.lastError()));
    std::set<qint64> setUps;
    qint64 units = 0;
    for (const LogRecord &r : log.readAll()) {
        if (r.kind != u"cdr"_s)
            continue;
        const QCborMap cdr = QCborValue::fromCbor(r.data).toMap();
        QVERIFY(cdr.value(u"duration_ms"_s).toInteger() >= 50);
        const qint64 u = cdr.value(u"units"_s).toInteger();
        QVERIFY(u == 1 || u == 4); // VOICE holds 1, DATA 4
        units += u;
        QVERIFY(!cdr.value(u"subscriber"_s).toString().isEmpty());
        QVERIFY(setUps.insert(cdr.value(u"setup"_s).toInteger()).second); // once per session
    }
    QCOMPARE(setUps.size(), size_t(2400));
    QVERIFY(units > 2400);
}

void TestLifecycle::crashMidReleaseRecovers_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("victim");
    QTest::addColumn<int>("type"); // the message it crashes instead of handling
    QTest::addColumn<int>("nth");  // the nth release message of that type
    for (const QString &p : {u"2PC"_s, u"3PC"_s}) {
        const QByteArray tag = p.toLatin1();
        // The coordinator: with the votes in (undecided: recovery aborts the release and the
        // edge asks again), and with the acknowledgements coming (decided: recovery finishes).
        QTest::newRow(QByteArray(tag + " sm-1 before the votes").constData())
            << p << cast::sessionManager(1) << int(MsgType::Vote) << 7;
        QTest::newRow(QByteArray(tag + " sm-1 before the acks").constData())
            << p << cast::sessionManager(1) << int(MsgType::Ack) << 7;
        // A participant prepared to release (in doubt when it comes back).
        QTest::newRow(QByteArray(tag + " rm before the commit").constData())
            << p << cast::rm() << int(MsgType::Commit) << 5;
        QTest::newRow(QByteArray(tag + " billing before the commit").constData())
            << p << cast::billing() << int(MsgType::Commit) << 5;
        QTest::newRow(QByteArray(tag + " rm before the prepare").constData())
            << p << cast::rm() << int(MsgType::Prepare) << 5;
    }
}

void TestLifecycle::crashMidReleaseRecovers()
{
    QFETCH(QString, protocol);
    QFETCH(QString, victim);
    QFETCH(int, type);
    QFETCH(int, nth);
    ClusterConfig cfg;
    cfg.seed = 97;
    SimCluster sim(cfg);
    SimHost &host = sim.host();
    Checker checker(sim.trace());
    const NodeId node = sim.id(victim);
    // Release transactions are known by their PREPARE, which names the set-up it ends.
    auto releases = std::make_shared<std::set<TxId>>();
    auto seen = std::make_shared<int>(0);
    auto crashedAt = std::make_shared<std::optional<Instant>>();
    host.afterEvent = [&] { checker.advance(); };
    // Learn release ids from the rm's and billing's PREPAREs as they arrive (the trace's
    // state lines name them too, but the envelope is what the trigger sees).
    auto learn = [releases](const Envelope &e) {
        if (e.type == MsgType::Prepare && Payload::decode(e.payload).integer(Field::SetupTx))
            releases->insert(e.txId);
    };
    for (const QString &p : {cast::rm(), cast::billing()})
        if (p != victim)
            host.crashWhen(sim.id(p), [learn](const Envelope &e) {
                learn(e);
                return false;
            });
    host.crashWhen(node, [&, learn, releases, seen, crashedAt, type, nth](const Envelope &e) {
        learn(e);
        if (int(e.type) != type || !releases->count(e.txId) || ++*seen < nth)
            return false;
        *crashedAt = host.now();
        host.at(host.now() + std::chrono::seconds(3), [&host, node] { host.restart(node); });
        return true;
    });
    const QVector<ClientReply> replies = sim.runLoad(endingLoad(60, protocol), cfg.seed);
    sim.settle(std::chrono::seconds(30));
    checker.finish(false);
    QVERIFY2(crashedAt->has_value(), "the crash point was never reached");
    QVERIFY(host.isUp(node));
    QVERIFY2(checker.ok(), qPrintable(checker.report(cfg.seed)));
    // Every session that committed was released exactly once (the checker's RELEASE rules
    // hold: no session released twice, no units freed twice), and nothing is held.
    const int committed = countOf(replies, Outcome::Committed, false);
    QVERIFY(committed > 50);
    QCOMPARE(countOf(replies, Outcome::Released, true), committed);
    verifyNothingHeld(sim, committed);
    QCOMPARE(sim.service<BillingService>(cast::billing())->chargingRecords(), quint64(committed));
}

void TestLifecycle::settledStateIsForgotten()
{
    // A long run's settled state leaves memory: the dsm forgets released records 120 s after
    // their write and acknowledged stream events at once; the checker keeps no settled
    // transaction open. A trace far too small for the run fills up, yet the checker, which
    // follows it, sees every event and checks the end-of-run rules too.
    ClusterConfig cfg;
    cfg.seed = 43;
    cfg.traceCapacity = 20'000; // about 150 sessions' worth
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    checker.follow();
    const QVector<ClientReply> replies = sim.runLoad(endingLoad(3000), cfg.seed);
    QCOMPARE(countOf(replies, Outcome::Released, true), 3000);
    auto *dsm = sim.service<DsmService>(cast::dsm());
    QVERIFY(dsm->keyCount() > 100); // the last two minutes' records, still kept
    sim.settle(std::chrono::seconds(125));
    checker.finish(true);
    QVERIFY(sim.trace().dropped() > 0);
    QVERIFY2(checker.blind().isEmpty(), qPrintable(checker.blind()));
    QVERIFY2(checker.ok(), qPrintable(checker.report(cfg.seed)));
    QCOMPARE(checker.transactions(), qsizetype(6000)); // every set-up and release seen
    QCOMPARE(checker.open(), qsizetype(0));            // and each forgotten once settled
    QCOMPARE(dsm->keyCount(), 1);                      // only the leader lease is left
    QCOMPARE(dsm->streamEvents(), quint64(3 * 3000));  // PENDING, COMMITTED, RELEASED each
    QCOMPARE(dsm->streamEventsHeld(), quint64(0));     // all acknowledged: out of memory
    QCOMPARE(sim.service<Analytics>(cast::analytics())->released(), quint64(3000));

    // The follower still catches what breaks a rule past the store's capacity: a forged
    // second release of the last session, appended to the full trace.
    const ClientReply &last = replies.back();
    QVERIFY(last.release);
    TxId setUp = 0;
    for (const ClientReply &r : replies)
        if (!r.release && r.sessionId == last.sessionId)
            setUp = r.txId;
    QVERIFY(setUp != 0);
    const TxId again = last.txId + 1'000'000;
    TraceEvent e;
    e.txId = again;
    e.sessionId = last.sessionId;
    e.kind = TraceKind::Send;
    e.msgType = quint16(MsgType::Prepare);
    e.node = sim.id(cast::sessionManager(1));
    e.peer = sim.id(cast::rm());
    sim.trace().append(e);
    e.kind = TraceKind::Vote;
    e.node = sim.id(cast::rm());
    e.reason = 1;
    sim.trace().append(e);
    QVERIFY(checker.ok());
    e.kind = TraceKind::Decide;
    e.node = sim.id(cast::sessionManager(1));
    e.seq = setUp;
    sim.trace().append(e);
    QVERIFY(!checker.ok());
    QCOMPARE(checker.violations().back().invariant, u"RELEASE"_s);
}

void TestLifecycle::edgeRefusesABadDuration()
{
    ClusterConfig cfg;
    SimCluster sim(cfg);
    const NodeId edge = sim.id(cast::edge());
    for (const QCborValue &bad : {QCborValue(-5), QCborValue(qint64(kMaxSessionDurationMs) + 1),
                                  QCborValue(1.5), QCborValue(u"long"_s)}) {
        Envelope e = clientRequest(900, u"001010000000001"_s, u"VOICE"_s, u"2PC"_s);
        Payload p = Payload::decode(e.payload);
        p.set(Field::DurationMs, bad);
        e.payload = p.encode();
        const qsizetype before = sim.replies().size();
        sim.host().post(edge, e);
        sim.settle(std::chrono::seconds(1));
        QCOMPARE(sim.replies().size(), before + 1);
        QCOMPARE(int(sim.replies().back().outcome), int(Outcome::Invalid));
        QVERIFY2(sim.replies().back().reason.contains(u"duration"_s),
                 qPrintable(sim.replies().back().reason));
    }
    // Nothing reached the core.
    QCOMPARE(sim.service<SessionManager>(cast::sessionManager(1))->committed(), quint64(0));
}

namespace {
// A hand-written trace: sm-1 (node 2) coordinates, rm (node 5) takes part.
struct Story
{
    TraceStore trace{9, 1000};
    void prepare(TxId tx, SessionId s)
    {
        TraceEvent e;
        e.kind = TraceKind::Send;
        e.node = 2;
        e.peer = 5;
        e.msgType = quint16(MsgType::Prepare);
        e.txId = tx;
        e.sessionId = s;
        trace.append(e);
        fact(TraceKind::Vote, 5, 1, tx, s, 0);
    }
    void fact(TraceKind kind, NodeId node, quint8 value, TxId tx, SessionId s, quint64 seq)
    {
        TraceEvent e;
        e.kind = kind;
        e.node = node;
        e.reason = value;
        e.txId = tx;
        e.sessionId = s;
        e.seq = seq;
        trace.append(e);
    }
    void commit(TxId tx, SessionId s, TxId setup = 0)
    {
        prepare(tx, s);
        fact(TraceKind::Decide, 2, 1, tx, s, setup);
        fact(TraceKind::Decide, 5, 1, tx, s, setup);
    }
};
} // namespace

void TestLifecycle::checkerCatchesDoubleRelease()
{
    {
        Story s;
        s.commit(10, 1);
        s.commit(11, 1, 10); // the release
        s.fact(TraceKind::Session, 1, quint8(Outcome::Released), 11, 1, 10);
        Checker c(s.trace);
        QVERIFY2(c.advance(), qPrintable(c.report(0))); // one set-up, one release: fine
        s.commit(12, 1, 10);                            // a second release commits
        QVERIFY(!c.advance());
        QCOMPARE(c.violations().front().invariant, u"RELEASE"_s);
        QVERIFY2(c.violations().front().detail.contains(u"again by tx"_s),
                 qPrintable(c.violations().front().detail));
        // ... and rm committed both: what it held was freed twice.
        QVERIFY(std::any_of(c.violations().begin(), c.violations().end(), [](const Violation &v) {
            return v.detail.contains(u"freed twice"_s);
        }));
    }
    {
        Story s;
        s.commit(10, 1);
        s.fact(TraceKind::Session, 1, quint8(Outcome::Released), 11, 1, 10); // told, never done
        Checker c(s.trace);
        QVERIFY(!c.advance());
        QCOMPARE(c.violations().front().invariant, u"ANSWER"_s);
    }
}

void TestLifecycle::checkerCatchesReleaseWithoutSetUp()
{
    Story s;
    s.prepare(10, 1);
    s.fact(TraceKind::Decide, 2, 0, 10, 1, 0); // the set-up aborted
    s.commit(11, 1, 10);                       // and yet a release of it commits
    Checker c(s.trace);
    QVERIFY(!c.advance());
    QCOMPARE(c.violations().front().invariant, u"RELEASE"_s);
    QVERIFY2(c.violations().front().detail.contains(u"never committed"_s),
             qPrintable(c.violations().front().detail));
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
