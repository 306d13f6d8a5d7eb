// The sessions table's fold: one row per request the edge took, every change of its state in
// trace order, answered as of any event. Checked against recorded runs of the real cast in the
// simulator (their summaries count the same answers), against a brute-force scan of the trace,
// and against a hand-made trace for the corners a run seldom shows.

#include "../integration/headlessrun.h"
#include "lab/headless.h"
#include "timeline/sessionfold.h"
#include "trace/facts.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <random>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

// The lab's enums have toString() overloads of their own: compare them as numbers.
#define COMPARE_ENUM(a, b) QCOMPARE(int(a), int(b))

class TestSessionFold : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void foldsARecordedRun_data();
    void foldsARecordedRun();
    void asOfAnyEvent();
    void foldsIncrementally();
    void handMadeTrace();
    void factsReadBackAsWritten();
    void lettingBlocksGoChangesNoRow_data();
    void lettingBlocksGoChangesNoRow();
    void anEdgeThatRestartsReusesSessionIds();

private:
    struct Run
    {
        std::unique_ptr<TraceStore> trace;
        QJsonObject summary;
    };
    Run record(const QString &scenario, quint64 seed, const QString &protocol);
    QTemporaryDir m_dir;
};

TestSessionFold::Run TestSessionFold::record(const QString &scenario, quint64 seed,
                                             const QString &protocol)
{
    HeadlessOptions o;
    o.scenario = scenario;
    o.seed = seed;
    o.sim = true;
    o.protocol = protocol;
    o.outDir = m_dir.filePath(scenario + QString::number(seed) + protocol);
    std::unique_ptr<TraceStore> trace = testing::recordedTrace(o);
    QFile summary(QDir(o.outDir).filePath(u"summary.json"_s));
    if (!summary.open(QIODevice::ReadOnly))
        qFatal("no summary");
    return {std::move(trace), QJsonDocument::fromJson(summary.readAll()).object()};
}

void TestSessionFold::foldsARecordedRun_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("demo 2PC") << u"demo"_s << u"2pc"_s << quint64(3);
    QTest::newRow("demo 3PC") << u"demo"_s << u"3pc"_s << quint64(4);
    QTest::newRow("chaos") << u"chaos"_s << QString() << quint64(6);
    QTest::newRow("coordinator crash 3PC") << u"coordinator-crash"_s << u"3pc"_s << quint64(2);
}

void TestSessionFold::foldsARecordedRun()
{
    QFETCH(QString, scenario);
    QFETCH(QString, protocol);
    QFETCH(quint64, seed);
    const Run run = record(scenario, seed, protocol);
    SessionFold fold;
    QCOMPARE(fold.advance(*run.trace), run.trace->size());
    const std::vector<SessionRow> rows = fold.allRows();
    QCOMPARE(qint64(rows.size()), run.summary[u"sessions"_s].toInteger());
    int committed = 0, aborted = 0, released = 0, precommitted = 0;
    for (const SessionRow &r : rows) {
        QVERIFY(!r.changes.empty());
        COMPARE_ENUM(r.changes.front().phase, SessionPhase::Pending);
        for (size_t i = 1; i < r.changes.size(); ++i) {
            QVERIFY(r.changes[i - 1].event < r.changes[i].event);
            QVERIFY(r.changes[i - 1].phase != r.changes[i].phase);
        }
        if (r.answerEvent < 0)
            continue;
        // The answer is the row's own Session fact, and moves it on at exactly that event.
        const TraceEvent told = run.trace->at(r.answerEvent);
        COMPARE_ENUM(told.kind, TraceKind::Session);
        QCOMPARE(told.sessionId, r.session);
        COMPARE_ENUM(sessionFact(told).outcome, r.outcome);
        COMPARE_ENUM(r.phaseAt(r.answerEvent), phaseOf(r.outcome));
        QVERIFY(r.phaseAt(r.answerEvent - 1) != phaseOf(r.outcome));
        QVERIFY(r.latencyUs >= 0);
        if (r.outcome == Outcome::Committed) {
            ++committed;
            // A committed set-up was prepared first, and in 3PC pre-committed.
            const qsizetype prepared = r.changes[1].event;
            COMPARE_ENUM(r.changes[1].phase, SessionPhase::Preparing);
            QVERIFY(prepared < r.answerEvent);
            const TraceEvent prepare = run.trace->at(prepared);
            COMPARE_ENUM(prepare.kind, TraceKind::Send);
            QCOMPARE(prepare.msgType, quint16(MsgType::Prepare));
            QCOMPARE(prepare.txId, r.tx);
            if (r.protocol == Protocol::ThreePhase) {
                const bool pre = std::any_of(r.changes.begin(), r.changes.end(), [](auto &c) {
                    return c.phase == SessionPhase::PreCommitted;
                });
                QVERIFY2(pre, qPrintable(formatId(r.session)));
                ++precommitted;
            }
        }
        if (r.outcome == Outcome::Aborted)
            ++aborted;
        if (r.releaseEvent >= 0) {
            ++released;
            COMPARE_ENUM(r.phaseAt(r.releaseEvent), SessionPhase::Released);
            COMPARE_ENUM(r.phaseAt(r.releaseEvent - 1), SessionPhase::Releasing);
            QVERIFY(r.releaseEvent > r.answerEvent);
        }
    }
    QCOMPARE(committed, run.summary[u"committed"_s].toInt());
    QCOMPARE(aborted, run.summary[u"aborted"_s].toInt());
    QCOMPARE(released, run.summary[u"released"_s].toInt());
    QCOMPARE(fold.count(Outcome::Committed), committed);
    QCOMPARE(fold.count(Outcome::Released), released);
    if (scenario == u"demo"_s) {
        QVERIFY(committed > 100);
        QVERIFY(released > 0);
        QCOMPARE(precommitted > 0, protocol == u"3pc"_s);
    }
}

// rowsAt() and phaseAt() against a scan of the trace up to each of many events.
void TestSessionFold::asOfAnyEvent()
{
    const Run run = record(u"demo"_s, 7, u"3pc"_s);
    SessionFold fold;
    fold.advance(*run.trace);
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<qsizetype> pick(0, run.trace->size() - 1);
    std::vector<qsizetype> at{0, run.trace->size() - 1};
    for (int i = 0; i < 40; ++i)
        at.push_back(pick(rng));
    for (const qsizetype e : at) {
        SessionFold upTo;
        run.trace->forEach(0, e + 1, [&upTo, i = qsizetype(0)](const TraceEvent &ev) mutable {
            upTo.apply(i++, ev);
        });
        QCOMPARE(fold.rowsAt(e), qsizetype(upTo.rowCount()));
        for (size_t r = 0; r < upTo.rowCount(); ++r) {
            const SessionRow &then = upTo.row(qsizetype(r));
            const SessionRow &whole = fold.row(qsizetype(r));
            COMPARE_ENUM(whole.phaseAt(e), then.changes.back().phase);
            QCOMPARE(whole.answeredBy(e), then.answerEvent >= 0);
            QCOMPARE(whole.releasedBy(e), then.releaseEvent >= 0);
        }
    }
}

void TestSessionFold::foldsIncrementally()
{
    const Run run = record(u"demo"_s, 3, u"2pc"_s);
    SessionFold whole;
    whole.advance(*run.trace);
    SessionFold bits;
    qsizetype firstChanged = -1;
    for (qsizetype from = 0; from < run.trace->size(); from += 997) {
        run.trace->forEach(from, std::min(from + 997, run.trace->size()),
                           [&bits, i = from](const TraceEvent &e) mutable { bits.apply(i++, e); });
        const qsizetype changed = bits.takeChangedFrom();
        if (changed >= 0 && firstChanged < 0)
            firstChanged = changed;
        QCOMPARE(bits.takeChangedFrom(), qsizetype(-1)); // taken
    }
    QCOMPARE(firstChanged, qsizetype(0));
    QCOMPARE(bits.rowCount(), whole.rowCount());
    for (size_t r = 0; r < whole.rowCount(); ++r) {
        QCOMPARE(bits.row(qsizetype(r)).changes.size(), whole.row(qsizetype(r)).changes.size());
        QCOMPARE(bits.row(qsizetype(r)).answerEvent, whole.row(qsizetype(r)).answerEvent);
        QCOMPARE(bits.row(qsizetype(r)).reason, whole.row(qsizetype(r)).reason);
    }
}

// The corners: a request refused as invalid (no session id: its answer pairs with it at its
// edge), a release that fails once then succeeds, a 3PC set-up, a decision before the answer,
// and an answer with no request in the trace (a cut trace).
void TestSessionFold::handMadeTrace()
{
    std::vector<TraceEvent> t;
    const auto fact = [&t](NodeId node, SessionFact f, TxId tx, SessionId s, qint64 us) {
        TraceEvent e;
        e.kind = TraceKind::Session;
        e.node = node;
        e.txId = tx;
        e.sessionId = s;
        e.labUs = us;
        setSessionFact(e, f);
        t.push_back(e);
    };
    const auto event = [&t](TraceKind k, quint16 type, quint8 reason, TxId tx, SessionId s,
                            quint64 seq, qint64 us) {
        TraceEvent e;
        e.kind = k;
        e.node = 2;
        e.msgType = type;
        e.reason = reason;
        e.txId = tx;
        e.sessionId = s;
        e.seq = seq;
        e.labUs = us;
        t.push_back(e);
    };
    SessionFact req;
    req.step = SessionFact::Step::Requested;
    req.requestId = 41;
    req.text = u"alice"_s;
    req.protocol = Protocol::ThreePhase;
    req.trafficClass = TrafficClass::Voice;
    fact(1, req, 0, 100, 1000);                                            // 0
    event(TraceKind::Send, quint16(MsgType::Prepare), 0, 7, 100, 1, 1100); // 1
    event(TraceKind::Send, quint16(MsgType::Prepare), 0, 7, 100, 2, 1100); // 2
    event(TraceKind::Decide, 0, 2, 7, 100, 0, 1300);                       // 3
    event(TraceKind::Decide, 0, 1, 7, 100, 0, 1400);                       // 4
    SessionFact bad;
    bad.step = SessionFact::Step::Requested;
    bad.requestId = 42;
    bad.text = u"not a number"_s;
    fact(1, bad, 0, 0, 1450); // 5
    SessionFact invalid;
    invalid.outcome = Outcome::Invalid;
    invalid.text = u"subscriber must be digits"_s;
    fact(1, invalid, 0, 0, 1450); // 6
    SessionFact ok;
    ok.outcome = Outcome::Committed;
    ok.durationMs = 2000;
    fact(1, ok, 7, 100, 1500);                                             // 7
    event(TraceKind::Send, quint16(MsgType::Prepare), 0, 8, 100, 3, 3600); // 8: release
    event(TraceKind::Decide, 0, 0, 8, 100, 7, 3700);                       // 9: aborts
    event(TraceKind::Send, quint16(MsgType::Prepare), 0, 9, 100, 4, 3800); // 10: again
    SessionFact rel;
    rel.step = SessionFact::Step::ReleaseAnswered;
    rel.outcome = Outcome::Released;
    rel.setupTx = 7;
    fact(1, rel, 9, 100, 4000); // 11
    SessionFact stray;
    stray.outcome = Outcome::Aborted;
    fact(1, stray, 5, 555, 4100); // 12
    SessionFold fold;
    for (size_t i = 0; i < t.size(); ++i)
        fold.apply(qsizetype(i), t[i]);
    QCOMPARE(fold.rowCount(), size_t(2));
    const SessionRow &a = fold.row(qsizetype(0));
    QCOMPARE(a.requestId, quint64(41));
    QCOMPARE(a.subscriber, u"alice"_s);
    COMPARE_ENUM(a.protocol, Protocol::ThreePhase);
    COMPARE_ENUM(a.trafficClass, TrafficClass::Voice);
    const std::vector<std::pair<qsizetype, SessionPhase>> expected{
        {0, SessionPhase::Pending},    {1, SessionPhase::Preparing},
        {2, SessionPhase::Preparing},  {3, SessionPhase::PreCommitted},
        {4, SessionPhase::Committing}, {6, SessionPhase::Committing},
        {7, SessionPhase::Active},     {8, SessionPhase::Releasing},
        {10, SessionPhase::Releasing}, {11, SessionPhase::Released},
    };
    for (const auto &[at, phase] : expected)
        COMPARE_ENUM(a.phaseAt(at), phase);
    QCOMPARE(a.latencyUs, qint64(500));
    QCOMPARE(a.durationMs, qint64(2000));
    QCOMPARE(a.tx, TxId(7));
    QCOMPARE(a.releaseUs, qint64(4000 - (1000 + 500 + 2000 * 1000)));
    const SessionRow &b = fold.row(qsizetype(1));
    QCOMPARE(b.requestId, quint64(42));
    QCOMPARE(b.session, SessionId(0));
    COMPARE_ENUM(b.outcome, Outcome::Invalid);
    QCOMPARE(b.reason, u"subscriber must be digits"_s);
    COMPARE_ENUM(b.phaseAt(5), SessionPhase::Pending);
    COMPARE_ENUM(b.phaseAt(6), SessionPhase::Invalid);
    QCOMPARE(fold.rowsAt(4), qsizetype(1));
    QCOMPARE(fold.rowsAt(5), qsizetype(2));
    QCOMPARE(fold.count(Outcome::Committed), 1);
    QCOMPARE(fold.count(Outcome::Invalid), 1);
    QCOMPARE(fold.count(Outcome::Released), 1);
    QCOMPARE(fold.count(Outcome::Aborted), 0); // the stray answer has no row
}

void TestSessionFold::factsReadBackAsWritten()
{
    for (const auto step : {SessionFact::Step::Requested, SessionFact::Step::Answered,
                            SessionFact::Step::ReleaseAnswered}) {
        SessionFact f;
        f.step = step;
        f.outcome = step == SessionFact::Step::Requested ? Outcome::Pending : Outcome::Unknown;
        f.trafficClass = TrafficClass::Voice;
        f.protocol = Protocol::ThreePhase;
        f.requestId = step == SessionFact::Step::Requested ? 0xfedcba9876543210ULL : 0;
        f.durationMs = step == SessionFact::Step::Answered ? 86'400'000 : 0;
        f.setupTx = step == SessionFact::Step::ReleaseAnswered ? (TxId(3) << 48 | 9) : 0;
        f.text = u"why ü"_s;
        TraceEvent e;
        e.kind = TraceKind::Session;
        setSessionFact(e, f);
        const SessionFact back = sessionFact(e);
        COMPARE_ENUM(back.step, f.step);
        COMPARE_ENUM(back.outcome, f.outcome);
        COMPARE_ENUM(back.trafficClass, f.trafficClass);
        COMPARE_ENUM(back.protocol, f.protocol);
        QCOMPARE(back.requestId, f.requestId);
        QCOMPARE(back.durationMs, f.durationMs);
        QCOMPARE(back.setupTx, f.setupTx);
        QCOMPARE(back.text, f.text);
    }
}

void TestSessionFold::lettingBlocksGoChangesNoRow_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("blockRows");
    QTest::addColumn<qsizetype>("reach");
    const qsizetype far = SessionFold::kReach;
    QTest::newRow("demo 2PC, blocks of 3") << u"demo"_s << u"2pc"_s << quint64(3) << 3 << far;
    QTest::newRow("demo 3PC, blocks of 16") << u"demo"_s << u"3pc"_s << quint64(9) << 16 << far;
    QTest::newRow("chaos, blocks of 5") << u"chaos"_s << QString() << quint64(6) << 5 << far;
    // Rows that close more than 400 events after their block's last request are kept aside.
    QTest::newRow("demo 2PC, a short reach")
        << u"demo"_s << u"2pc"_s << quint64(5) << 4 << qsizetype(400);
    QTest::newRow("coordinator crash 3PC")
        << u"coordinator-crash"_s << u"3pc"_s << quint64(2) << 1 << far;
}

void TestSessionFold::lettingBlocksGoChangesNoRow()
{
    // A fold that keeps two blocks of rows (folded in pieces, as the window does, so blocks
    // go while sessions of theirs are still open) shows every row as one that holds them all:
    // every field and every change, the table at any event, the counts.
    QFETCH(QString, scenario);
    QFETCH(QString, protocol);
    QFETCH(quint64, seed);
    QFETCH(int, blockRows);
    QFETCH(qsizetype, reach);
    const Run run = record(scenario, seed, protocol);
    SessionFold whole;
    whole.advance(*run.trace);
    SessionFold held;
    held.holdBlocks(2, blockRows, reach);
    TraceStore growing(run.trace->nodeCount(), run.trace->size() + 1);
    growing.setNodeNames(run.trace->nodeNames());
    for (qsizetype i = 0; i < run.trace->size(); ++i) {
        growing.append(run.trace->at(i));
        if (i % 61 == 0)
            held.advance(growing);
    }
    held.advance(growing);
    QCOMPARE(held.rowCount(), whole.rowCount());
    QVERIFY(held.blocksLetGo() > 2);
    const std::vector<SessionRow> all = whole.allRows();
    for (size_t r = 0; r < all.size(); ++r) {
        const SessionRow &a = held.row(qsizetype(r));
        const SessionRow &b = all[r];
        const bool same =
            a.requestId == b.requestId && a.session == b.session && a.edge == b.edge &&
            a.subscriber == b.subscriber && a.trafficClass == b.trafficClass &&
            a.protocol == b.protocol && a.answerEvent == b.answerEvent && a.outcome == b.outcome &&
            a.tx == b.tx && a.latencyUs == b.latencyUs && a.durationMs == b.durationMs &&
            a.reason == b.reason && a.releaseEvent == b.releaseEvent &&
            a.releaseUs == b.releaseUs && a.changes.size() == b.changes.size() &&
            std::equal(a.changes.begin(), a.changes.end(), b.changes.begin(),
                       [](const SessionRow::Change &x, const SessionRow::Change &y) {
                           return x.event == y.event && x.labUs == y.labUs && x.phase == y.phase;
                       });
        if (!same)
            QFAIL(qPrintable(u"row %1 differs"_s.arg(r)));
    }
    QVERIFY(held.refolds() > 0);
    QVERIFY(held.heldBlocks() <= 2 + 1 + 8);
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 300; ++i) {
        const qsizetype e = static_cast<qsizetype>(rng() % quint64(run.trace->size() + 10)) - 5;
        QCOMPARE(held.rowsAt(e), whole.rowsAt(e));
    }
    for (const Outcome o : {Outcome::Committed, Outcome::Aborted, Outcome::Invalid,
                            Outcome::Unknown, Outcome::Released})
        QCOMPARE(held.count(o), whole.count(o));
}

void TestSessionFold::anEdgeThatRestartsReusesSessionIds()
{
    // An edge that restarts counts its session ids from 1 again: each id's later events go to
    // its newest row, in a fold that lets blocks go (of 2 rows, holding 1) as in one that
    // holds everything, and whether the old row's block goes before or after the new row.
    const SessionId base = SessionId(1) << 48;
    TraceStore trace(3, 1000);
    const auto fact = [&trace](SessionFact f, TxId tx, SessionId s) {
        TraceEvent e;
        e.kind = TraceKind::Session;
        e.node = 1;
        e.txId = tx;
        e.sessionId = s;
        e.labUs = trace.size() * 100;
        setSessionFact(e, f);
        trace.append(e);
    };
    const auto request = [&](SessionId s) {
        SessionFact f;
        f.step = SessionFact::Step::Requested;
        f.requestId = trace.size();
        f.text = u"001010000000001"_s;
        fact(f, 0, s);
    };
    const auto answer = [&](SessionId s, Outcome o) {
        SessionFact f;
        f.outcome = o;
        fact(f, 7, s);
    };
    for (int life = 0; life < 3; ++life) { // three lives of the edge, ids 1..5 each time
        for (SessionId n = 1; n <= 5; ++n)
            request(base | n);
        for (SessionId n = 1; n <= 5; ++n)
            answer(base | n, (n + SessionId(life)) % 2 ? Outcome::Committed : Outcome::Aborted);
    }
    SessionFold whole;
    whole.advance(trace);
    // Blocks of 2 holding 3: the old row's block goes while its id already names a new row.
    // Holding 1 with a reach of 3 events: the old rows go first, some kept aside.
    for (const auto &[blocks, reach] :
         {std::pair<qsizetype, qsizetype>{3, SessionFold::kReach}, {1, 3}}) {
        SessionFold held;
        held.holdBlocks(blocks, 2, reach);
        held.advance(trace);
        QCOMPARE(held.rowCount(), size_t(15));
        QVERIFY(held.blocksLetGo() > 3);
        for (qsizetype r = 0; r < 15; ++r) {
            const SessionRow a = held.row(r);
            const SessionRow &b = whole.row(r);
            QVERIFY2(a.answerEvent == b.answerEvent && a.outcome == b.outcome &&
                         a.changes.size() == b.changes.size(),
                     qPrintable(u"row %1, holding %2"_s.arg(r).arg(blocks)));
            QVERIFY(b.answerEvent >= 0); // every row answered once, in its own life
        }
        QCOMPARE(held.count(Outcome::Committed), whole.count(Outcome::Committed));
        QCOMPARE(held.count(Outcome::Aborted), whole.count(Outcome::Aborted));
    }
}

QTEST_GUILESS_MAIN(TestSessionFold)
#include "tst_sessionfold.moc"
