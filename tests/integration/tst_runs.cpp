// What a run leaves behind, checked from outside as a sceptical user would: each run owns its
// folder; the simulator writes the services' SQLite logs as the threads do, and every decision
// in them is audited and traced; a full disk stops the services it hits and fails the run,
// naming the file, instead of acting on writes that never happened.

#include "headlessrun.h"
#include "lab/checker.h"
#include "lab/headless.h"
#include "lab/simcluster.h"
#include "lab/summary.h"
#include "trace/tracestore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUuid>

#include <unistd.h>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

using testing::Run;
using testing::run;

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Counts rows of a service log, read-only, by an SQL condition on the log table.
int countRows(const QString &file, const QString &where)
{
    const QString name = u"count-"_s + QUuid::createUuid().toString();
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(file);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"SELECT count(*) FROM log WHERE "_s + where) && q.next())
                n = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

// A small tmpfs of its own: a real full disk (needs root, as CI and ./lab test run).
class TinyDisk
{
public:
    explicit TinyDisk(const QString &size)
    {
        if (geteuid() != 0 || !m_dir.isValid())
            return;
        m_mounted = QProcess::execute(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size="_s + size,
                                                   u"tmpfs"_s, m_dir.path()}) == 0;
    }
    ~TinyDisk()
    {
        if (m_mounted)
            QProcess::execute(u"umount"_s, {m_dir.path()});
    }
    bool mounted() const { return m_mounted; }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace

class TestRuns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRunOwnsItsFolder();
    void serviceLogsAreAuditedOnBothHosts_data();
    void serviceLogsAreAuditedOnBothHosts();
    void fullDiskHaltsTheServiceAndFailsTheRun_data();
    void fullDiskHaltsTheServiceAndFailsTheRun();
    void aHaltedServiceActsOnNothingMore();
    void aFullTraceIsSaidNotMisread();
    void aTallyAnswersAsTheRepliesDo();
};

void TestRuns::aRunOwnsItsFolder()
{
    // A threaded run of 40 sessions, then a simulated one of 10 into the same folder: refused
    // (nothing touched) until --force, which replaces every file of the earlier run.
    QTemporaryDir dir;
    HeadlessOptions first;
    first.seed = 3;
    first.sessions = 40;
    first.speed = 10;
    first.outDir = dir.path();
    QCOMPARE(run(first).code, int(ExitOk));
    const QString sm1 = dir.filePath(u"data/sm-1.sqlite"_s);
    QCOMPARE(countRows(sm1, u"kind = 'decision'"_s), 80); // 40 set-ups, 40 releases
    const QByteArray summaryBefore = bytesOf(dir.filePath(u"summary.json"_s));
    const QByteArray logBefore = bytesOf(sm1);

    HeadlessOptions second;
    second.sim = true;
    second.seed = 4;
    second.sessions = 10;
    second.outDir = dir.path();
    const Run refused = run(second);
    QCOMPARE(refused.code, int(ExitUsage));
    QVERIFY2(
        refused.err.startsWith(u"edgecore-lab: output folder "_s) &&
            refused.err.contains(u"holds an earlier run (summary.json, trace.json, trace.ectrace, "
                                 "data/*.sqlite): choose another folder, or pass --force"_s),
        qPrintable(refused.err));
    QVERIFY(refused.out.isEmpty());
    QCOMPARE(bytesOf(dir.filePath(u"summary.json"_s)), summaryBefore);
    QCOMPARE(bytesOf(sm1), logBefore);

    second.force = true;
    const Run replaced = run(second);
    QVERIFY2(replaced.code == int(ExitOk), qPrintable(replaced.err));
    QCOMPARE(countRows(sm1, u"kind = 'decision'"_s), 20); // this run's log, not the last one's
    const QJsonObject summary =
        QJsonDocument::fromJson(bytesOf(dir.filePath(u"summary.json"_s))).object();
    QCOMPARE(summary.value(u"host"_s).toString(), u"sim"_s);
    QCOMPARE(summary.value(u"sessions"_s).toInt(), 10);
}

void TestRuns::serviceLogsAreAuditedOnBothHosts_data()
{
    QTest::addColumn<bool>("sim");
    QTest::newRow("sim") << true;
    QTest::newRow("threads") << false;
}

void TestRuns::serviceLogsAreAuditedOnBothHosts()
{
    // The failover scenario, whose new leader finds sessions claimed by the old one and ends
    // the transactions it began for them: every decision any coordinator logged has its
    // ledger entry and its Decide event in trace.json, on both hosts.
    QFETCH(bool, sim);
    QTemporaryDir dir;
    HeadlessOptions o;
    o.scenario = u"failover"_s;
    o.sim = sim;
    o.speed = 10;
    o.outDir = dir.path();
    const Run r = run(o);
    QVERIFY2(r.code == int(ExitOk), qPrintable(r.out + r.err));
    const QJsonObject trace =
        QJsonDocument::fromJson(bytesOf(dir.filePath(u"trace.json"_s))).object();
    QHash<QString, int> tracks; // node name -> tid
    QHash<int, int> decides;    // tid -> COMMIT/ABORT events
    for (const QJsonValue &v : trace.value(u"traceEvents"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"name"_s).toString() == u"thread_name"_s)
            tracks.insert(e.value(u"args"_s).toObject().value(u"name"_s).toString(),
                          e.value(u"tid"_s).toInt());
        else if (e.value(u"cat"_s).toString() == u"decide"_s &&
                 e.value(u"args"_s).toObject().value(u"value"_s).toString() != u"PRECOMMIT"_s)
            decides[e.value(u"tid"_s).toInt()]++;
    }
    int decisions = 0;
    int claimedElsewhere = 0;
    for (int i = 1; i <= 3; ++i) {
        const QString name = u"sm-"_s + QString::number(i);
        const QString file = dir.filePath(u"data/"_s + name + u".sqlite"_s);
        QVERIFY2(QFile::exists(file), qPrintable(file));
        const int logged = countRows(file, u"kind = 'decision'"_s);
        QCOMPARE(countRows(file, u"kind = 'ledger'"_s), logged);
        QCOMPARE(decides.value(tracks.value(name)), logged);
        decisions += logged;
        claimedElsewhere +=
            countRows(file, u"kind = 'decision' AND CAST(data AS TEXT) = 'claimed elsewhere'"_s);
    }
    QVERIFY(decisions >= 60);
    if (sim) // deterministic: the new leader's claim of a session sm-1 had claimed conflicts
        QVERIFY(claimedElsewhere > 0);
}

void TestRuns::fullDiskHaltsTheServiceAndFailsTheRun_data()
{
    QTest::addColumn<bool>("sim");
    QTest::newRow("sim") << true;
    QTest::newRow("threads") << false;
}

void TestRuns::fullDiskHaltsTheServiceAndFailsTheRun()
{
    // The run folder on a 1.2 MB filesystem: the services' logs fill it mid-run. A service
    // whose log cannot be written stops (traced), sends nothing that depended on it, and the
    // run fails naming the file; summary.json is never left empty.
    QFETCH(bool, sim);
    TinyDisk disk(u"1200k"_s);
    if (!disk.mounted())
        QSKIP("needs root to mount a small tmpfs (./lab test and CI run as root)");
    HeadlessOptions o;
    o.sim = sim;
    o.speed = 10;
    o.seed = 8;
    o.outDir = QDir(disk.path()).filePath(u"run"_s);
    const Run r = run(o);
    QCOMPARE(r.code, int(ExitRunFailed));
    const QString dataDir = QDir(o.outDir).filePath(u"data"_s);
    QVERIFY2(r.err.startsWith(u"edgecore-lab: "_s) &&
                 r.err.contains(u": cannot write "_s + dataDir) &&
                 r.err.contains(u".sqlite: database or disk is full"_s),
             qPrintable(r.err));
    QVERIFY2(r.out.contains(u"services halted"_s), qPrintable(r.out));
    // summary.json, if the disk had room for it, is whole and names the halted services.
    const QString summaryPath = QDir(o.outDir).filePath(u"summary.json"_s);
    if (QFile::exists(summaryPath)) {
        const QJsonObject summary = QJsonDocument::fromJson(bytesOf(summaryPath)).object();
        QVERIFY(!summary.value(u"halted"_s).toArray().isEmpty());
    } else {
        QVERIFY2(r.err.contains(u"cannot write "_s + summaryPath + u": No space left on device"_s),
                 qPrintable(r.err));
    }
}

void TestRuns::aHaltedServiceActsOnNothingMore()
{
    // In the simulator, step by step: once a service's log write fails it halts, and from
    // that moment it sends nothing (not even what the failed step had already queued) and
    // decides nothing; the checker still holds over what was durable.
    TinyDisk disk(u"600k"_s);
    if (!disk.mounted())
        QSKIP("needs root to mount a small tmpfs (./lab test and CI run as root)");
    ClusterConfig cfg;
    cfg.seed = 12;
    cfg.dataDir = disk.path();
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    LoadSpec spec;
    spec.sessions = 300;
    sim.runLoad(spec, 12, std::chrono::seconds(120));
    QSet<NodeId> halted;
    QStringList after;
    // The frames each node sent in its current step (since the last delivery to it, at the
    // same lab time): when the step ends in a halt, they must never arrive.
    QHash<NodeId, QVector<TraceEvent>> stepSends;
    QSet<QPair<NodeId, quint64>> voided;
    qsizetype index = 0;
    sim.trace().forEach(0, sim.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::Halt) {
            halted.insert(e.node);
            QVERIFY2(e.detail.startsWith(u"cannot write "_s + disk.path()), qPrintable(e.detail));
            for (const TraceEvent &s : stepSends.value(e.node))
                if (s.labUs == e.labUs)
                    voided.insert({e.node, s.seq});
        } else if (halted.contains(e.node) &&
                   (e.kind == TraceKind::Send || e.kind == TraceKind::Deliver ||
                    e.kind == TraceKind::Vote || e.kind == TraceKind::Decide)) {
            after << sim.trace().nodeName(e.node) + u' ' + toString(e.kind) + u" at #"_s +
                         QString::number(index);
        } else if (e.kind == TraceKind::Send) {
            stepSends[e.node].push_back(e);
        }
        if (e.kind == TraceKind::Deliver) {
            stepSends[e.node].clear();
            if (voided.contains({e.peer, e.seq}))
                after << u"a frame of "_s + sim.trace().nodeName(e.peer) +
                             u"'s failed step delivered at #"_s + QString::number(index);
        }
        ++index;
    });
    QVERIFY2(!halted.isEmpty(), "the disk never filled: make it smaller");
    QVERIFY2(!voided.isEmpty(), "no halted step had sent anything: the check proves nothing");
    QVERIFY2(after.isEmpty(), qPrintable(after.mid(0, 10).join(u"; "_s)));
    checker.finish(false);
    // Liveness (AC5) cannot hold for what a halted participant never finishes; safety must.
    for (const Violation &v : checker.violations())
        QVERIFY2(v.invariant == u"AC5"_s, qPrintable(v.invariant + u": "_s + v.detail));
}

void TestRuns::aFullTraceIsSaidNotMisread()
{
    // A trace that holds 3,000 events of a 100-session run: it fills a third of the way in.
    // The summary counts what it dropped; the checker says what it could not check and calls
    // nothing a violation for lack of seeing it (it used to report AC5 for every transaction
    // whose end fell past the cap).
    ClusterConfig cfg;
    cfg.seed = 5;
    cfg.traceCapacity = 3000;
    SimCluster sim(cfg);
    LoadSpec spec;
    spec.sessions = 100;
    const QVector<ClientReply> replies = sim.runLoad(spec, 5);
    QCOMPARE(replies.size(), 100);
    sim.settle();
    QCOMPARE(sim.trace().size(), qsizetype(3000));
    QVERIFY(sim.trace().dropped() > 3000);
    Checker checker(sim.trace());
    checker.finish(true);
    QVERIFY2(checker.ok(), qPrintable(checker.report(5)));
    QVERIFY2(checker.blind().startsWith(u"the trace filled up after 3000 events"_s),
             qPrintable(checker.blind()));
    QVERIFY(checker.report(5).contains(u"not checked: "_s));
    const Summary s = Summary::compute(u"demo"_s, 5, replies, sim.trace(), 1.0);
    QCOMPARE(s.traceDropped, sim.trace().dropped());
    QVERIFY2(s.toText().contains(u" dropped: the trace was full)"_s), qPrintable(s.toText()));
    QCOMPARE(s.toJson().value(u"trace_dropped"_s).toInteger(), qint64(sim.trace().dropped()));
}

// The window folds its replies as they come (ReplyFold) rather than keeping each: the summary
// it makes is the one the kept replies make: exact, and past a quarter of a million values a
// histogram's percentiles within 0.05% of theirs.
namespace {
bool near(double histogram, double exact)
{
    // Rounded down to the bucket's lower edge: exact below 4.096 ms, within 1/2,048 above.
    return histogram <= exact && exact - histogram <= exact / 2048.0 + 1e-9;
}
} // namespace

void TestRuns::aTallyAnswersAsTheRepliesDo()
{
    ClusterConfig cfg;
    cfg.seed = 11;
    SimCluster sim(cfg);
    LoadSpec spec;
    spec.sessions = 300;
    spec.holding.on = true; // releases too, with their own latencies
    spec.holding.voiceMeanMs = 50;
    spec.holding.voiceMaxMs = 200;
    spec.holding.dataMinMs = 20;
    spec.holding.dataMaxMs = 100;
    const QVector<ClientReply> replies = sim.runLoad(spec, 11);
    QVERIFY(replies.size() > 300);
    ReplyFold fold;
    for (const ClientReply &r : replies)
        fold.add(r);
    QCOMPARE(fold.replies(), quint64(replies.size()));

    // Against the summary made the old way: every reply kept, percentiles sorted.
    QVector<double> latencies, releases;
    int committed = 0;
    for (const ClientReply &r : replies) {
        if (r.release && r.outcome == Outcome::Released)
            releases << double(r.latencyUs) / 1000.0;
        if (!r.release && (r.outcome == Outcome::Committed || r.outcome == Outcome::Aborted))
            latencies << double(r.latencyUs) / 1000.0;
        committed += !r.release && r.outcome == Outcome::Committed;
    }
    QVERIFY(committed > 0);
    QVERIFY(!releases.isEmpty());
    const Summary s = Summary::compute(u"demo"_s, 11, fold, sim.trace(), 1.0);
    QCOMPARE(s.committed, committed);
    QCOMPARE(s.latencyP50Ms, percentile(latencies, 50));
    QCOMPARE(s.latencyP99Ms, percentile(latencies, 99));
    QCOMPARE(s.latencyMaxMs, percentile(latencies, 100));
    QCOMPARE(s.releaseP99Ms, percentile(releases, 99));
    // The rest of what the fold keeps, counted here from the replies.
    int aborted = 0, released = 0, refused = 0, voice = 0;
    QMap<QString, int> reasons;
    QVector<double> voiceQueue, dataQueue;
    for (const ClientReply &r : replies) {
        if (r.release) {
            (r.outcome == Outcome::Released ? released : refused)++;
            continue;
        }
        if (r.outcome == Outcome::Aborted) {
            ++aborted;
            reasons[r.reason.isEmpty() ? u"unknown"_s : r.reason]++;
        }
        voice += r.outcome == Outcome::Committed && r.trafficClass == TrafficClass::Voice;
        if (r.outcome != Outcome::Invalid)
            (r.trafficClass == TrafficClass::Voice ? voiceQueue : dataQueue)
                << double(r.queueUs) / 1000.0;
    }
    QCOMPARE(s.sessions, 300);
    QCOMPARE(s.aborted, aborted);
    QCOMPARE(s.abortReasons, reasons);
    QCOMPARE(s.released, released);
    QCOMPARE(s.releaseRefused, refused);
    QCOMPARE(s.active, committed - released - refused);
    QCOMPARE(s.voiceCommitted, voice);
    QCOMPARE(s.dataCommitted, committed - voice);
    QCOMPARE(s.voiceQueueP99Ms, percentile(voiceQueue, 99));
    QCOMPARE(s.dataQueueP99Ms, percentile(dataQueue, 99));
    QVERIFY(released > 0 && voice > 0 && committed - voice > 0);

    // Its histograms at every rank, over small values (exact) and up to an hour, against
    // percentile(); and the buckets' edges, which must tile the values without a gap.
    quint64 x = 7;
    for (const qint64 range : {qint64(500), qint64(4096), qint64(3'600'000'000)}) {
        for (int n : {1, 2, 3, 10, 101, 5000, int(ReplyFold::Histogram::kExactValues) + 5000}) {
            ReplyFold::Histogram h;
            QVector<double> values;
            for (int i = 0; i < n; ++i) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                const qint64 us = qint64((x >> 20) % quint64(range));
                h.add(us);
                values << double(us) / 1000.0;
            }
            for (double p : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
                const double exact = percentile(values, p);
                if (h.exact() || range <= ReplyFold::Histogram::kExactUs || p == 100.0)
                    QCOMPARE(h.percentileMs(p), exact);
                else
                    QVERIFY2(near(h.percentileMs(p), exact),
                             qPrintable(QString::number(h.percentileMs(p)) + u" for "_s +
                                        QString::number(exact)));
            }
            QCOMPARE(h.exact(), size_t(n) <= ReplyFold::Histogram::kExactValues);
            QVERIFY(h.buckets() < 60'000); // an hour in microseconds: 32 octaves at most
        }
    }
    for (size_t b = 0; b < 70'000; ++b) {
        const qint64 lo = ReplyFold::Histogram::lowestOf(b);
        QCOMPARE(ReplyFold::Histogram::bucketOf(lo), b);
        QCOMPARE(ReplyFold::Histogram::bucketOf(ReplyFold::Histogram::lowestOf(b + 1) - 1), b);
    }
    QCOMPARE(ReplyFold::Histogram().percentileMs(99), 0.0);
}

QTEST_GUILESS_MAIN(TestRuns)
#include "tst_runs.moc"
