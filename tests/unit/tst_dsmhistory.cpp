// The dsm's history fold: every key's chain of versions, refusals against what they expected,
// the leader lease's terms, the store at any event. Checked on recorded runs of the real cast
// in the simulator (a failover: leadership changes hands; chaos: claims that conflict) against
// a brute-force scan of their traces, and on a hand-made trace for a lease's corners.

#include "../integration/headlessrun.h"
#include "dsm/dsmstore.h"
#include "lab/headless.h"
#include "services/cast.h"
#include "timeline/dsmhistory.h"
#include "trace/facts.h"
#include "trace/tracestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestDsmHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chainsMatchTheTrace_data();
    void chainsMatchTheTrace();
    void leadershipChangesHands();
    void leaseTerms();

private:
    std::unique_ptr<TraceStore> record(const QString &scenario, quint64 seed);
    QTemporaryDir m_dir;
};

std::unique_ptr<TraceStore> TestDsmHistory::record(const QString &scenario, quint64 seed)
{
    HeadlessOptions o;
    o.scenario = scenario;
    o.seed = seed;
    o.sim = true;
    o.outDir = m_dir.filePath(scenario + QString::number(seed));
    return testing::recordedTrace(o);
}

void TestDsmHistory::chainsMatchTheTrace_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("demo") << u"demo"_s << quint64(1);
    QTest::newRow("failover") << u"failover"_s << quint64(2);
    QTest::newRow("chaos 3") << u"chaos"_s << quint64(3);
    QTest::newRow("chaos 8") << u"chaos"_s << quint64(8);
}

void TestDsmHistory::chainsMatchTheTrace()
{
    QFETCH(QString, scenario);
    QFETCH(quint64, seed);
    const auto trace = record(scenario, seed);
    DsmHistory h;
    // In pieces, as the window folds a live run.
    TraceStore prefix(trace->nodeCount(), trace->size() + 1);
    prefix.setNodeNames(trace->nodeNames());
    for (qsizetype i = 0; i < trace->size(); ++i) {
        prefix.append(trace->at(i));
        if (i % 997 == 0)
            h.advance(prefix);
    }
    h.advance(prefix);

    // Every DsmWrite of the trace is one entry of its key, in order; a stored one moves the
    // key's version on from the one before it; a refused one names the version that stood.
    std::map<QString, std::vector<qsizetype>> byKey;
    std::map<QString, quint64> current;
    qsizetype writes = 0, refused = 0, conflicts = 0;
    for (qsizetype i = 0; i < trace->size(); ++i) {
        const TraceEvent e = trace->at(i);
        if (e.kind != TraceKind::DsmWrite)
            continue;
        ++writes;
        const DsmFact f = dsmFact(e);
        QVERIFY(!f.key.isEmpty());
        QVERIFY2(e.detail.startsWith(f.key), qPrintable(e.detail));
        byKey[f.key].push_back(i);
        const DsmHistory::Entry *entry = h.entryAt(i);
        QVERIFY(entry);
        QCOMPARE(entry->event, i);
        QCOMPARE(entry->fact.key, f.key);
        quint64 &v = current[f.key];
        switch (f.result) {
        case DsmFact::Result::Stored:
            QVERIFY2(f.version > v, qPrintable(e.detail));
            QCOMPARE(f.previous, v);
            v = f.version;
            break;
        case DsmFact::Result::Renewed:
            QCOMPARE(f.version, v);
            QCOMPARE(int(f.op), int(DsmFact::Op::Lease));
            break;
        case DsmFact::Result::Refused:
            ++refused;
            QCOMPARE(f.version, v);
            QVERIFY(f.status != quint8(DsmStatus::Ok));
            if (f.op == DsmFact::Op::Cas) {
                ++conflicts;
                QVERIFY2(f.previous != f.version, qPrintable(e.detail)); // it expected another
            }
            break;
        }
        // The store as of here: this key at its version now.
        const DsmHistory::Entry *at = h.versionAt(f.key, i);
        if (v == 0) {
            QVERIFY(!at);
        } else {
            QVERIFY(at);
            QCOMPARE(at->fact.version, v);
        }
    }
    QCOMPARE(h.writes(), writes);
    QVERIFY(writes > 100);
    QCOMPARE(size_t(h.keys().size()), byKey.size());
    for (const auto &[key, events] : byKey) {
        const std::vector<DsmHistory::Entry> &chain = h.history(key);
        QCOMPARE(chain.size(), events.size());
        for (size_t j = 0; j < chain.size(); ++j)
            QCOMPARE(chain[j].event, events[j]);
    }
    QVERIFY(!h.entryAt(0) || trace->at(0).kind == TraceKind::DsmWrite);
    // Filtered by prefix: session records, and the store at the end holds each once.
    const QStringList sessions = h.keys(u"session/"_s);
    QVERIFY(!sessions.isEmpty());
    QVERIFY(std::all_of(sessions.begin(), sessions.end(),
                        [](const QString &k) { return k.startsWith(u"session/"_s); }));
    QCOMPARE(h.storeAt(trace->size() - 1, u"session/"_s).size(), size_t(sessions.size()));
    QVERIFY(h.storeAt(-1).empty());
    if (scenario == u"chaos"_s)
        qInfo("%lld refused, %lld conflicts", qlonglong(refused), qlonglong(conflicts));
}

void TestDsmHistory::leadershipChangesHands()
{
    const auto trace = record(u"failover"_s, 2);
    DsmHistory h;
    h.advance(*trace);
    const std::vector<DsmHistory::Term> terms = h.terms(leaderKey());
    QVERIFY2(terms.size() >= 2, "the leader is crashed: another takes the lease");
    // Each term after the first starts at or after the one before ended, with a higher token;
    // the leadership facts (TraceKind::Lease) agree on who led with which token.
    std::map<quint64, NodeId> leaderOfToken;
    for (qsizetype i = 0; i < trace->size(); ++i) {
        const TraceEvent e = trace->at(i);
        if (e.kind == TraceKind::Lease && e.reason == 1)
            leaderOfToken[e.seq] = e.node;
    }
    for (size_t i = 0; i < terms.size(); ++i) {
        QVERIFY(terms[i].token > 0);
        if (leaderOfToken.count(terms[i].token))
            QCOMPARE(leaderOfToken[terms[i].token], terms[i].holder);
        if (i == 0)
            continue;
        QVERIFY(terms[i].token > terms[i - 1].token);
        QVERIFY(terms[i - 1].toUs >= 0);
        QVERIFY(terms[i].fromUs >= terms[i - 1].toUs);
    }
    QVERIFY(terms.front().holder != terms.back().holder);
    // The crashed leader's term lapsed (nobody released it): a gap before the next.
    bool gap = false;
    for (size_t i = 1; i < terms.size(); ++i)
        gap = gap || (!terms[i - 1].released && terms[i].fromUs > terms[i - 1].toUs);
    QVERIFY(gap);
}

void TestDsmHistory::leaseTerms()
{
    TraceStore trace(4, 1000);
    trace.setNodeNames({QString(), u"dsm"_s, u"sm-1"_s, u"sm-2"_s});
    const auto write = [&](qint64 ms, DsmFact::Op op, DsmFact::Result result, NodeId writer,
                           quint64 version, quint64 token, qint64 ttlMs) {
        TraceEvent e;
        e.kind = TraceKind::DsmWrite;
        e.node = 1;
        e.labUs = ms * 1000;
        DsmFact f;
        f.op = op;
        f.result = result;
        f.key = u"leader/x"_s;
        f.writer = writer;
        f.version = version;
        f.token = token;
        f.ttlMs = ttlMs;
        if (result == DsmFact::Result::Refused)
            f.status = quint8(DsmStatus::LeaseHeld);
        setDsmFact(e, f);
        e.detail = u"leader/x ..."_s;
        trace.append(e);
    };
    using Op = DsmFact::Op;
    using R = DsmFact::Result;
    write(0, Op::Lease, R::Stored, 2, 1, 1, 3000);     // sm-1 leads from 0
    write(1000, Op::Lease, R::Renewed, 2, 1, 1, 3000); // renewed: until 4 s
    write(1500, Op::Lease, R::Refused, 3, 1, 1, 3000); // sm-2 refused
    write(9000, Op::Lease, R::Stored, 3, 2, 2, 3000);  // lapsed at 4 s; sm-2 leads from 9 s
    write(10000, Op::Release, R::Stored, 3, 3, 2, 0);  // and lets go at 10 s
    write(11000, Op::Lease, R::Stored, 2, 4, 3, 3000); // sm-1 again, still held at the end
    DsmHistory h;
    h.advance(trace);
    const std::vector<DsmHistory::Term> t = h.terms(u"leader/x"_s);
    QCOMPARE(t.size(), size_t(3));
    QCOMPARE(t[0].holder, NodeId(2));
    QCOMPARE(t[0].fromUs, qint64(0));
    QCOMPARE(t[0].toUs, qint64(4'000'000));
    QVERIFY(!t[0].released);
    QCOMPARE(t[1].holder, NodeId(3));
    QCOMPARE(t[1].fromUs, qint64(9'000'000));
    QCOMPARE(t[1].toUs, qint64(10'000'000));
    QVERIFY(t[1].released);
    QCOMPARE(t[1].token, quint64(2));
    QCOMPARE(t[2].toUs, qint64(-1));
    QCOMPARE(t[2].fromEvent, qsizetype(5));
    // The store between: version 1 until the 9 s term, 3 after the release.
    QCOMPARE(h.versionAt(u"leader/x"_s, 2)->fact.version, quint64(1));
    QCOMPARE(h.versionAt(u"leader/x"_s, 4)->fact.version, quint64(3));
    QCOMPARE(h.history(u"leader/x"_s).size(), size_t(6));
    QVERIFY(h.history(u"nothing"_s).empty());
    QVERIFY(!h.versionAt(u"nothing"_s, 5));
    QCOMPARE(int(h.entryAt(2)->fact.result), int(R::Refused));
}

QTEST_GUILESS_MAIN(TestDsmHistory)
#include "tst_dsmhistory.moc"
