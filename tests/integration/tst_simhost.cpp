// The simulator: the same seed gives the same trace; the cast commits 2PC and 3PC sessions
// on a simulated network; loss, crashes and partitions have their effects, and nothing stays
// in doubt once the network heals.

#include "lab/simcluster.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "trace/tracestore.h"

#include <QElapsedTimer>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray runDigest(quint64 seed, double loss = 0)
{
    ClusterConfig cfg;
    cfg.seed = seed;
    cfg.mallory.framesPerSecond = 50;
    SimNetwork net;
    net.lossRate = loss;
    SimCluster sim(cfg, net);
    LoadSpec spec;
    spec.sessions = 100;
    sim.runLoad(spec, seed);
    sim.settle();
    return traceDigest(sim.trace());
}

int count(const QVector<ClientReply> &replies, Outcome o)
{
    return static_cast<int>(std::count_if(replies.begin(), replies.end(),
                                          [o](const ClientReply &r) { return r.outcome == o; }));
}

} // namespace

class TestSimHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameTrace();
    void sessionsCommit_data();
    void sessionsCommit();
    void lossResolvesOnceHealed();
    void crashedParticipantThenRestart();
    void partitionThenHeal();
    void dsmServiceCasLeaseWatch();
    void edgeServesVoiceBeforeData();
};

void TestSimHost::sameSeedSameTrace()
{
    const QByteArray a = runDigest(5, 0.02);
    QCOMPARE(runDigest(5, 0.02), a);
    QVERIFY(runDigest(6, 0.02) != a);
    QCOMPARE(a.size(), 64);
}

void TestSimHost::sessionsCommit_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("2PC") << u"2PC"_s;
    QTest::newRow("3PC") << u"3PC"_s;
}

void TestSimHost::sessionsCommit()
{
    QFETCH(QString, protocol);
    ClusterConfig cfg;
    cfg.seed = 11;
    SimCluster sim(cfg);
    LoadSpec spec;
    spec.sessions = 200;
    spec.concurrency = 16;
    spec.protocol = protocol;
    QElapsedTimer wall;
    wall.start();
    const QVector<ClientReply> replies = sim.runLoad(spec, 11);
    const double speed = double(toUs(sim.host().now())) / (double(wall.nsecsElapsed()) / 1000.0);
    qInfo("simulated %lld events, %.1fx real time",
          static_cast<long long>(sim.host().eventsProcessed()), speed);
    QCOMPARE(replies.size(), 200);
    QCOMPARE(count(replies, Outcome::Committed), 200);
    sim.settle();
    QCOMPARE(sim.service<ResourceManager>(cast::rm())->reservedUnits(), 0);
    QCOMPARE(sim.service<SessionManager>(cast::sessionManager(1))->activeTransactions(), 0);
}

void TestSimHost::lossResolvesOnceHealed()
{
    ClusterConfig cfg;
    cfg.seed = 12;
    SimNetwork lossy;
    lossy.lossRate = 0.1;
    SimCluster sim(cfg, lossy);
    LoadSpec spec;
    spec.sessions = 100;
    const QVector<ClientReply> replies = sim.runLoad(spec, 12);
    QCOMPARE(replies.size(), 100);
    QVERIFY(count(replies, Outcome::Aborted) > 0); // lost PREPAREs and votes time out
    QVERIFY(count(replies, Outcome::Committed) > 0);
    sim.host().setNetwork(SimNetwork{});
    sim.settle(std::chrono::seconds(30));
    // In-doubt participants asked until answered; every hold matches a committed session.
    auto *rm = sim.service<ResourceManager>(cast::rm());
    auto *billing = sim.service<BillingService>(cast::billing());
    QCOMPARE(rm->inDoubtCount(), 0);
    QCOMPARE(billing->inDoubtCount(), 0);
    QCOMPARE(rm->reservedUnits(), 0);
    QCOMPARE(billing->reservedCredit(), qint64(0));
    // Every transaction the coordinator committed was charged once (and, never ending, is
    // still charged: no charging record yet); the client was told COMMITTED for a subset (a
    // lost answer leaves the edge with UNKNOWN, never a wrong ABORTED).
    auto *sm = sim.service<SessionManager>(cast::sessionManager(1));
    QCOMPARE(quint64(billing->activeSessions()), sm->committed());
    QCOMPARE(billing->chargingRecords(), quint64(0));
    QVERIFY(quint64(count(replies, Outcome::Committed)) <= sm->committed());
    QVERIFY(quint64(count(replies, Outcome::Aborted)) <= sm->aborted() + sm->unclaimed());
    QCOMPARE(count(replies, Outcome::Committed) + count(replies, Outcome::Aborted) +
                 count(replies, Outcome::Unknown),
             100);
}

void TestSimHost::crashedParticipantThenRestart()
{
    ClusterConfig cfg;
    cfg.seed = 13;
    SimCluster sim(cfg);
    sim.host().crash(sim.id(cast::rm()));
    LoadSpec spec;
    spec.sessions = 5;
    QVector<ClientReply> replies = sim.runLoad(spec, 13);
    QCOMPARE(count(replies, Outcome::Aborted), 5);
    QCOMPARE(replies.first().reason, u"timeout waiting for votes"_s);
    sim.host().restart(sim.id(cast::rm()));
    replies = sim.runLoad(spec, 14);
    QCOMPARE(count(replies, Outcome::Committed), 5);
}

void TestSimHost::partitionThenHeal()
{
    ClusterConfig cfg;
    cfg.seed = 15;
    SimCluster sim(cfg);
    const NodeId sm = sim.id(cast::sessionManager(1));
    const NodeId billing = sim.id(cast::billing());
    std::vector<NodeId> rest;
    for (const NodeInfo &n : sim.host().directory().nodes)
        if (n.id != billing)
            rest.push_back(n.id);
    sim.host().partition({{billing}, rest});
    QVERIFY(!sim.host().reachable(sm, billing));
    LoadSpec spec;
    spec.sessions = 4;
    QCOMPARE(count(sim.runLoad(spec, 15), Outcome::Aborted), 4);
    sim.host().heal();
    QCOMPARE(count(sim.runLoad(spec, 16), Outcome::Committed), 4);
}

namespace {
// Sends a scripted list of DSM requests on start and keeps every reply.
class DsmProbe final : public Service
{
public:
    std::vector<Envelope> script;
    std::vector<Payload> replies;
    void start(Context &ctx) override
    {
        for (Envelope e : script)
            ctx.send(ctx.lookup(cast::dsm()), std::move(e));
    }
    void onMessage(const Envelope &msg, Context &) override
    {
        replies.push_back(Payload::decode(msg.payload));
    }
    void onTimer(TimerId, Context &) override {}
};

Envelope dsmRequest(MsgType type, const QString &key, qint64 version = 0,
                    const QByteArray &value = {})
{
    Envelope e;
    e.type = type;
    e.payload = Payload()
                    .set(Field::Key, key)
                    .set(Field::Version, version)
                    .set(Field::Value, value)
                    .set(Field::TtlMs, 3000)
                    .encode();
    return e;
}
} // namespace

void TestSimHost::dsmServiceCasLeaseWatch()
{
    TraceStore trace(3);
    SimHost sim(1, &trace, KeyMaterial::generate(1));
    DsmProbe *a = nullptr;
    DsmProbe *b = nullptr;
    const NodeId dsm = sim.add(cast::dsm(), [] { return std::make_unique<DsmService>(); });
    const NodeId pa = sim.add(u"probe-a"_s, [&a] {
        auto p = std::make_unique<DsmProbe>();
        p->script = {dsmRequest(MsgType::DsmCas, u"session/1"_s, 0, "PENDING"),
                     dsmRequest(MsgType::DsmCas, u"session/1"_s, 1, "COMMITTED"),
                     dsmRequest(MsgType::DsmCas, u"session/1"_s, 1, "ABORTED"), // stale: now at 2
                     dsmRequest(MsgType::DsmLease, leaderKey()),
                     dsmRequest(MsgType::DsmGet, u"session/1"_s),
                     dsmRequest(MsgType::DsmRelease, leaderKey()),
                     dsmRequest(MsgType::DsmLease, leaderKey())};
        a = p.get();
        return p;
    });
    sim.add(u"probe-b"_s, [&b] {
        auto p = std::make_unique<DsmProbe>();
        p->script = {dsmRequest(MsgType::DsmWatch, u"session/"_s)};
        b = p.get();
        return p;
    });
    sim.start();
    sim.runUntil(Instant(std::chrono::milliseconds(100)));
    QCOMPARE(a->replies.size(), size_t(7));
    QVERIFY(a->replies[0].boolean(Field::Ok));
    QVERIFY(a->replies[1].boolean(Field::Ok));
    QVERIFY(!a->replies[2].boolean(Field::Ok)); // the stale CAS
    QCOMPARE(a->replies[2].integer(Field::Version), 2);
    QVERIFY(a->replies[3].boolean(Field::Ok)); // lease granted
    QCOMPARE(a->replies[3].integer(Field::Holder), qint64(pa));
    QCOMPARE(a->replies[4].get(Field::Value).toByteArray(), QByteArray("COMMITTED")); // GET
    QCOMPARE(a->replies[4].integer(Field::Version), 2);
    QVERIFY(a->replies[5].boolean(Field::Ok)); // RELEASE
    QVERIFY(a->replies[6].boolean(Field::Ok)); // acquired again: a new term
    QVERIFY(a->replies[6].integer(Field::Version) > a->replies[3].integer(Field::Version));
    auto *d = static_cast<DsmService *>(sim.service(dsm));
    QCOMPARE(d->get(u"session/1"_s).value, QByteArray("COMMITTED"));
    int conflicts = 0;
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        const DsmFact f = e.kind == TraceKind::DsmWrite ? dsmFact(e) : DsmFact{};
        conflicts += e.node == dsm && f.result == DsmFact::Result::Refused &&
                     f.key == u"session/1"_s && f.status == quint8(DsmStatus::Conflict) &&
                     f.op == DsmFact::Op::Cas && e.detail.contains(u"session/1: conflict"_s);
    });
    QCOMPARE(conflicts, 1);
    // The watcher was told of every change under its prefix after it registered.
    QVERIFY(!b->replies.empty());
    QCOMPARE(b->replies.back().string(Field::Key), u"session/1"_s);
    // A restarted dsm comes back with every version it had.
    sim.crash(dsm);
    sim.restart(dsm);
    d = static_cast<DsmService *>(sim.service(dsm));
    QCOMPARE(d->get(u"session/1"_s).version, quint64(2));
    QCOMPARE(d->store().leaseHolder(leaderKey(), sim.now()), pa);
}

void TestSimHost::edgeServesVoiceBeforeData()
{
    ClusterConfig cfg;
    cfg.seed = 17;
    cfg.edge.workers = 1; // one session set-up towards the core at a time
    SimCluster sim(cfg);
    sim.host().runUntil(Instant(std::chrono::milliseconds(50))); // the first election is over
    for (int i = 0; i < 6; ++i)
        sim.submit(LoadGenerator::subscriberFor(static_cast<quint64>(i)), u"DATA"_s, u"2PC"_s);
    for (int i = 0; i < 6; ++i)
        sim.submit(LoadGenerator::subscriberFor(static_cast<quint64>(100 + i)), u"VOICE"_s,
                   u"2PC"_s);
    sim.settle(std::chrono::seconds(2));
    QCOMPARE(sim.replies().size(), 12);
    // The order sessions reached the core: the first DATA took the free worker at once; every
    // VOICE went before the DATA that queued behind it.
    QStringList order;
    for (const ClientReply &r : sim.replies())
        order << toString(r.trafficClass);
    QCOMPARE(order.join(u' '),
             u"DATA VOICE VOICE VOICE VOICE VOICE VOICE DATA DATA DATA DATA DATA"_s);
    const ClientReply &lastData = sim.replies().back();
    QVERIFY(lastData.queueUs > sim.replies()[1].queueUs);
    QCOMPARE(toString(lastData.outcome), u"COMMITTED"_s);
}

QTEST_GUILESS_MAIN(TestSimHost)
#include "tst_simhost.moc"
