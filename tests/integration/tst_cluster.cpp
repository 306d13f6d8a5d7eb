// The whole cast on ThreadHost over loopback: sessions commit end to end, a full cell aborts
// with every reservation released, mallory's forgeries change nothing, and the coordinator's
// SQLite log has each intent before its decision.

#include "lab/checker.h"
#include "lab/cluster.h"
#include "lab/loadgenerator.h"
#include "services/analytics.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/mallory.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "wire/wireerror.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sessionsCommit();
    void threePhaseCommits();
    void fullCellAbortsAndReleases();
    void emptyAccountAbortsAndReleases();
    void malloryChangesNothing();
    void invalidRequestIsRefusedAtTheEdge();
    void participantAndAnalyticsRestartOnThreads();

private:
    static QVector<ClientReply> runLoad(Cluster &c, LoadSpec spec, quint64 seed);
};

QVector<ClientReply> TestCluster::runLoad(Cluster &c, LoadSpec spec, quint64 seed)
{
    LoadGenerator load(c, spec, seed);
    QSignalSpy done(&load, &LoadGenerator::finished);
    load.start();
    if (!load.isFinished())
        [&] { QVERIFY(done.wait(30000)); }();
    return load.replies();
}

void TestCluster::sessionsCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ClusterConfig cfg;
    cfg.seed = 3;
    cfg.dataDir = dir.path();
    Cluster c(cfg);
    QString error;
    QVERIFY2(c.start(&error), qPrintable(error));
    LoadSpec spec;
    spec.sessions = 60;
    spec.concurrency = 6;
    const QVector<ClientReply> replies = runLoad(c, spec, 3);
    QCOMPARE(replies.size(), 60);
    int voice = 0;
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), toString(Outcome::Committed));
        QVERIFY(r.txId != 0);
        voice += r.trafficClass == TrafficClass::Voice;
    }
    // Once quiet, every frame sent was delivered; analytics heard of every decision and the
    // participants hold nothing in doubt.
    QVERIFY(c.settle(10000));
    c.inspect<Analytics>(cast::analytics(), [&](Analytics &a) {
        QCOMPARE(a.events(), quint64(120)); // each session's stream: PENDING, then its outcome
        QCOMPARE(a.decisions(), quint64(60));
        QCOMPARE(a.gaps(), quint64(0));
    });
    c.inspect<Analytics>(cast::analytics(), [&](Analytics &a) {
        QCOMPARE(a.committed(TrafficClass::Voice), quint64(voice));
        QCOMPARE(a.committed(TrafficClass::Data), quint64(60 - voice));
    });
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            int n = -1;
            c.inspect<SessionManager>(cast::sessionManager(1),
                                      [&](SessionManager &s) { n = s.activeTransactions(); });
            return n;
        }(),
        0, 10000);
    c.inspect<ResourceManager>(cast::rm(), [&](ResourceManager &rm) {
        QCOMPARE(rm.reservedUnits(), 0);
        QCOMPARE(rm.allocatedUnits(), voice * 1 + (60 - voice) * 4);
    });
    c.inspect<BillingService>(cast::billing(), [&](BillingService &b) {
        QCOMPARE(b.reservedCredit(), qint64(0));
        QCOMPARE(b.activeSessions(), 60); // never ending: charged, no charging record yet
        QCOMPARE(b.chargingRecords(), quint64(0));
    });
    c.inspect<DsmService>(cast::dsm(), [&](DsmService &d) {
        QCOMPARE(d.keyCount(), 61); // 60 session records and the leader lease
        // PENDING then COMMITTED: two versions per session record.
        QCOMPARE(d.get(u"session/"_s + QString::number(replies.first().sessionId)).version,
                 quint64(2));
    });
    c.stop();

    // The coordinator's log: for every transaction, the intent is durable before the decision.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(dir.filePath(u"sm-1.sqlite"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(
            q.exec(u"SELECT COUNT(*) FROM log i JOIN log d ON i.tx = d.tx WHERE i.kind = 'intent' "
                   "AND d.kind = 'decision' AND i.id < d.id AND d.state = 'COMMIT'"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 60);
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

void TestCluster::threePhaseCommits()
{
    ClusterConfig cfg;
    cfg.seed = 8;
    Cluster c(cfg);
    QVERIFY(c.start());
    LoadSpec spec;
    spec.sessions = 30;
    spec.protocol = u"3PC"_s;
    const QVector<ClientReply> replies = runLoad(c, spec, 8);
    QCOMPARE(replies.size(), 30);
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
        QCOMPARE(toString(r.protocol), u"3PC"_s);
    }
    QVERIFY(c.settle(10000));
    int precommits = 0;
    int precommitAcks = 0;
    c.trace().forEach(0, c.trace().size(), [&](const TraceEvent &e) {
        if (e.kind != TraceKind::Deliver)
            return;
        precommits += e.msgType == quint16(MsgType::PreCommit);
        precommitAcks += e.msgType == quint16(MsgType::PreCommitAck);
    });
    QCOMPARE(precommits, 60); // two participants per session
    QCOMPARE(precommitAcks, 60);
    c.inspect<ResourceManager>(cast::rm(), [](ResourceManager &rm) {
        QCOMPARE(rm.reservedUnits(), 0);
        QCOMPARE(rm.inDoubtCount(), 0);
    });
}

void TestCluster::fullCellAbortsAndReleases()
{
    ClusterConfig cfg;
    cfg.seed = 4;
    cfg.resources.cells = 1;
    cfg.resources.capacityPerCell = 10;
    cfg.resources.dataUnits = 4; // two DATA sessions fit, the third does not
    Cluster c(cfg);
    QVERIFY(c.start());
    QSignalSpy finished(&c, &Cluster::sessionFinished);
    QVector<ClientReply> replies;
    for (int i = 0; i < 6; ++i) {
        c.submit(LoadGenerator::subscriberFor(static_cast<quint64>(i)), u"DATA"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 10000);
        replies << finished.at(i).at(0).value<ClientReply>();
    }
    QCOMPARE(toString(replies[0].outcome), u"COMMITTED"_s);
    QCOMPARE(toString(replies[1].outcome), u"COMMITTED"_s);
    for (int i = 2; i < 6; ++i) {
        QCOMPARE(toString(replies[i].outcome), u"ABORTED"_s);
        QCOMPARE(replies[i].reason, u"cell 0 full"_s);
    }
    // Billing had reserved credit for the aborted ones too (it voted YES); all of it is back.
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            qint64 held = -1;
            c.inspect<BillingService>(cast::billing(),
                                      [&](BillingService &b) { held = b.reservedCredit(); });
            return held;
        }(),
        qint64(0), 10000);
    c.inspect<BillingService>(cast::billing(), [&](BillingService &b) {
        QCOMPARE(b.chargedTotal(), qint64(2 * cfg.billing.dataCost));
        QCOMPARE(b.balance(LoadGenerator::subscriberFor(5)), cfg.billing.initialCredit);
    });
    c.inspect<ResourceManager>(cast::rm(), [&](ResourceManager &rm) {
        QCOMPARE(rm.reservedUnits(), 0);
        QCOMPARE(rm.allocatedUnits(), 8);
    });
}

void TestCluster::emptyAccountAbortsAndReleases()
{
    // Here rm reserves and votes YES, billing votes NO: rm's reservation must come back.
    ClusterConfig cfg;
    cfg.seed = 6;
    cfg.billing.initialCredit = 1;
    cfg.billing.dataCost = 2;
    Cluster c(cfg);
    QVERIFY(c.start());
    QSignalSpy finished(&c, &Cluster::sessionFinished);
    c.submit(LoadGenerator::subscriberFor(1), u"DATA"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const auto r = finished.at(0).at(0).value<ClientReply>();
    QCOMPARE(toString(r.outcome), u"ABORTED"_s);
    QCOMPARE(r.reason, u"insufficient credit"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            int held = -1;
            c.inspect<ResourceManager>(cast::rm(), [&](ResourceManager &rm) {
                held = rm.reservedUnits() + rm.allocatedUnits();
            });
            return held;
        }(),
        0, 10000);
    c.inspect<ResourceManager>(cast::rm(),
                               [](ResourceManager &rm) { QCOMPARE(rm.votesYes(), quint64(1)); });
    c.inspect<BillingService>(cast::billing(), [](BillingService &b) {
        QCOMPARE(b.reservedCredit(), qint64(0));
        QCOMPARE(b.chargedTotal(), qint64(0));
    });
}

void TestCluster::malloryChangesNothing()
{
    ClusterConfig cfg;
    cfg.seed = 5;
    cfg.mallory.framesPerSecond = 400;
    Cluster c(cfg);
    QVERIFY(c.start());
    auto rejected = [&c] {
        int n = 0;
        c.trace().forEach(0, c.trace().size(),
                          [&](const TraceEvent &e) { n += e.kind == TraceKind::Reject; });
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rejected() >= 200, 20000);
    // Everything mallory has sent so far arrives and is refused (it keeps sending meanwhile).
    quint64 sent = 0;
    c.inspect<Mallory>(cast::mallory(), [&](Mallory &m) { sent = m.framesSent(); });
    QVERIFY(sent >= 200);
    QTRY_VERIFY_WITH_TIMEOUT(quint64(rejected()) >= sent, 20000);
    c.inspect<DsmService>(cast::dsm(),
                          [](DsmService &d) { QVERIFY(!d.get(u"session/666"_s).exists()); });
    c.stop();
    int delivered666 = 0;
    c.trace().forEach(0, c.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::Reject)
            QCOMPARE(toString(static_cast<WireError>(e.reason)), toString(WireError::BadTag));
        if (e.kind == TraceKind::Deliver && e.sessionId == 666)
            ++delivered666;
        // Nothing anywhere changed on account of a forged frame (mallory's claim session 666).
        if ((e.kind == TraceKind::State || e.kind == TraceKind::DsmWrite ||
             e.kind == TraceKind::Vote || e.kind == TraceKind::Decide) &&
            (e.sessionId == 666 || (e.txId >> 12) == 0x666))
            QFAIL(qPrintable(u"state changed: "_s + e.detail));
    });
    QCOMPARE(delivered666, 0);
}

void TestCluster::invalidRequestIsRefusedAtTheEdge()
{
    Cluster c(ClusterConfig{});
    QVERIFY(c.start());
    QSignalSpy finished(&c, &Cluster::sessionFinished);
    c.submit(u"12ab"_s, u"VOICE"_s);
    c.submit(u"001010000000001"_s, u"VIDEO"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    for (const auto &args : finished) {
        const auto r = args.at(0).value<ClientReply>();
        QCOMPARE(toString(r.outcome), u"INVALID"_s);
        QVERIFY(!r.reason.isEmpty());
        QCOMPARE(r.txId, TxId(0));
    }
    c.inspect<SessionManager>(cast::sessionManager(1), [](SessionManager &s) {
        QCOMPARE(s.committed() + s.aborted(), quint64(0));
    });
}

void TestCluster::participantAndAnalyticsRestartOnThreads()
{
    QTemporaryDir dir;
    ClusterConfig cfg;
    cfg.seed = 9;
    cfg.dataDir = dir.path();
    cfg.clockSpeed = 10; // timeouts of lab seconds pass in tenths of wall seconds
    Cluster c(cfg);
    QVERIFY(c.start());
    LoadSpec spec;
    spec.sessions = 20;
    spec.concurrency = 4;
    QCOMPARE(runLoad(c, spec, 9).size(), 20);
    QVERIFY(c.settle(10000));
    int allocated = -1;
    c.inspect<ResourceManager>(cast::rm(),
                               [&](ResourceManager &rm) { allocated = rm.allocatedUnits(); });
    QVERIFY(allocated > 0);

    // rm crashes: sessions abort on the vote timeout; analytics crashes too, so the stream's
    // events pile up at the dsm.
    c.host(cast::rm())->crash();
    c.host(cast::analytics())->crash();
    spec.sessions = 4;
    for (const ClientReply &r : runLoad(c, spec, 10))
        QCOMPARE(toString(r.outcome), u"ABORTED"_s);
    // Both come back from their SQLite files: rm with every allocation it had, analytics with
    // everything it had counted, and the dsm redelivers what it missed.
    QVERIFY(c.host(cast::rm())->restart());
    QVERIFY(c.host(cast::analytics())->restart());
    c.inspect<ResourceManager>(cast::rm(), [&](ResourceManager &rm) {
        QCOMPARE(rm.allocatedUnits(), allocated);
        QCOMPARE(rm.reservedUnits(), 0);
    });
    spec.sessions = 10;
    for (const ClientReply &r : runLoad(c, spec, 11))
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    QVERIFY(c.settle(10000));
    quint64 decided = 0;
    c.inspect<SessionManager>(cast::sessionManager(1),
                              [&](SessionManager &sm) { decided = sm.committed() + sm.aborted(); });
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            quint64 n = 0;
            c.inspect<Analytics>(cast::analytics(), [&](Analytics &a) { n = a.decisions(); });
            return n;
        }(),
        decided, 10000);
    c.stop();
    Checker checker(c.trace());
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(9)));
}

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
