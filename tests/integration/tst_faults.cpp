// Each fault alone, on ThreadHost and in SimHost, with its effect asserted. The faults are
// switched through the same fault-plan steps a user scripts (`--faults`), so the parser, the
// injector and both hosts' send and dispatch points are under test together.

#include "faults/faultplan.h"
#include "lab/checker.h"
#include "lab/deadletters.h"
#include "lab/faultrunner.h"
#include "lab/labcontrols.h"
#include "lab/simcluster.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "trace/tracestore.h"
#include "wire/codec.h"
#include "wire/hmac.h"
#include "wire/keyring.h"
#include "wire/wireerror.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

// The lab on threads (clock at 10x, so lab seconds pass in tenths of wall seconds) or in the
// simulator, behind one interface.
class Lab
{
public:
    explicit Lab(bool sim, quint64 seed = 5, const std::function<void(ClusterConfig &)> &tweak = {})
        : m_seed(seed)
    {
        ClusterConfig cfg;
        cfg.seed = seed;
        cfg.clockSpeed = 10;
        cfg.mallory.framesPerSecond = 0;
        if (tweak)
            tweak(cfg);
        if (sim) {
            m_sim = std::make_unique<SimCluster>(cfg);
            m_controls = std::make_unique<SimControls>(*m_sim);
        } else {
            m_cluster = std::make_unique<Cluster>(cfg);
            m_started = m_cluster->start();
            m_controls = std::make_unique<ThreadControls>(*m_cluster);
        }
    }
    bool started() const { return m_sim || m_started; }
    TraceStore &trace() { return m_sim ? m_sim->trace() : m_cluster->trace(); }
    Instant now() const { return m_controls->now(); }

    // One step of a fault plan, written as a user writes it.
    bool apply(const QString &stepJson)
    {
        QString error;
        const auto plan = FaultPlan::parse(u"{\"steps\": ["_s.toUtf8() + stepJson.toUtf8() + "]}",
                                           castNames(ClusterConfig{}), &error);
        if (!plan) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        for (const FaultStep &s : plan->steps)
            applyFaultStep(s, *m_controls);
        return true;
    }

    QVector<ClientReply> load(int sessions, int concurrency = 1, double voiceShare = 0.5)
    {
        LoadSpec spec;
        spec.sessions = sessions;
        spec.concurrency = concurrency;
        spec.voiceShare = voiceShare;
        return load(spec);
    }
    QVector<ClientReply> load(const LoadSpec &spec)
    {
        if (m_sim)
            return m_sim->runLoad(spec, ++m_loads);
        LoadGenerator load(*m_cluster, spec, ++m_loads);
        QSignalSpy done(&load, &LoadGenerator::finished);
        load.start();
        if (!load.isFinished())
            done.wait(60000);
        return load.replies();
    }

    // Submits one session without waiting for its answer.
    void submit()
    {
        const QString subscriber = LoadGenerator::subscriberFor(m_submitted++);
        if (m_sim) {
            m_sim->submit(subscriber, u"VOICE"_s, u"2PC"_s);
            return;
        }
        if (!m_listening) {
            m_listening = true;
            QObject::connect(m_cluster.get(), &Cluster::sessionFinished, m_cluster.get(),
                             [this](const ClientReply &r) { m_threadReplies.push_back(r); });
        }
        m_cluster->submit(subscriber, u"VOICE"_s, u"2PC"_s);
    }
    // Answers to submit()ted sessions (threads) or to every session (sim).
    const QVector<ClientReply> &replies() const
    {
        return m_sim ? m_sim->replies() : m_threadReplies;
    }
    LabControls &controls() { return *m_controls; }
    // A frame from outside the cast, straight to a service's socket (or its simulated one).
    void inject(const QString &to, const QByteArray &frame)
    {
        if (m_sim) {
            m_sim->host().inject(id(to), frame);
            return;
        }
        const NodeInfo *info = m_cluster->directory().find(id(to));
        auto *socket = new QTcpSocket(m_cluster.get());
        socket->connectToHost(QHostAddress::LocalHost, info->port);
        if (socket->waitForConnected(5000)) {
            socket->write(frame);
            socket->flush();
        }
    }
    // A harmless, well-formed frame as analytics (which never talks to `to` otherwise, so its
    // replay window there is the probe's alone) would send it, signed with key `keyId` of
    // this lab's seed.
    QByteArray probe(const QString &to, quint32 keyId, MsgType type = MsgType::Ack,
                     const QByteArray &payload = {}, TxId tx = 0)
    {
        Envelope e;
        e.sender = id(cast::analytics());
        e.receiver = id(to);
        e.keyId = keyId;
        e.seq = (quint64(1) << 60) + ++m_probes;
        e.labTimeUs = toUs(now());
        e.wallTimeMs =
            m_sim ? 1'700'000'000'000 + toUs(now()) / 1000 : QDateTime::currentMSecsSinceEpoch();
        e.type = type;
        e.txId = tx ? tx : 0x77700 + m_probes;
        e.payload = payload;
        const KeyMaterial k = KeyMaterial::generate(m_seed, keyId);
        return encodeFrame(e, HmacSha256(k.keys.value(keyId)));
    }

    // Runs the lab until pred holds or `lab` of lab time passed.
    bool runUntil(const std::function<bool()> &pred, Duration lab = std::chrono::seconds(30))
    {
        const Instant until = now() + lab;
        if (m_sim) { // event by event, so the lab stops right where pred starts to hold
            while (!pred() && now() < until) {
                SimHost &h = m_sim->host();
                if (h.hasPending() && h.nextAt() <= now() + std::chrono::milliseconds(10))
                    h.step();
                else // nothing soon: move the clock on a little and look again
                    h.runUntil(now() + std::chrono::milliseconds(10));
            }
            return pred();
        }
        QElapsedTimer wall;
        wall.start();
        while (!pred() && now() < until && wall.elapsed() < 60000)
            QTest::qWait(5);
        return pred();
    }
    void settle()
    {
        if (m_sim)
            m_sim->settle(std::chrono::seconds(15));
        else
            runUntil([] { return false; }, std::chrono::seconds(15));
    }

    template <typename S, typename F> void inspect(const QString &name, F &&f)
    {
        if (m_sim)
            f(*m_sim->service<S>(name));
        else
            m_cluster->inspect<S>(name, std::forward<F>(f));
    }

    int count(const std::function<bool(const TraceEvent &)> &match)
    {
        int n = 0;
        trace().forEach(0, trace().size(), [&](const TraceEvent &e) { n += match(e) ? 1 : 0; });
        return n;
    }
    NodeId id(const QString &name) const { return m_controls->id(name); }
    bool checkerOk()
    {
        Checker checker(trace());
        checker.finish(false);
        if (!checker.ok())
            qWarning("%s", qPrintable(checker.report(5)));
        return checker.ok();
    }

private:
    std::unique_ptr<SimCluster> m_sim;
    std::unique_ptr<Cluster> m_cluster;
    std::unique_ptr<LabControls> m_controls;
    bool m_started = false;
    quint64 m_seed = 5;
    quint64 m_probes = 0;
    quint64 m_loads = 100;
    quint64 m_submitted = 7000;
    bool m_listening = false;
    QVector<ClientReply> m_threadReplies;
};

int reservedAt(Lab &lab)
{
    int reserved = 0;
    lab.inspect<ResourceManager>(cast::rm(),
                                 [&](ResourceManager &rm) { reserved += rm.reservedUnits(); });
    lab.inspect<BillingService>(cast::billing(), [&](BillingService &b) {
        reserved += static_cast<int>(b.reservedCredit());
    });
    return reserved;
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hosts_data();
    void droppedPrepareAbortsAndReleases_data() { hosts_data(); }
    void droppedPrepareAbortsAndReleases();
    void partitionedLeaderIsReplacedAndFenced_data() { hosts_data(); }
    void partitionedLeaderIsReplacedAndFenced();
    void pausedParticipantHoldsTheCoordinator_data() { hosts_data(); }
    void pausedParticipantHoldsTheCoordinator();
    void slowServiceDelaysTheQueueBehindIt_data() { hosts_data(); }
    void slowServiceDelaysTheQueueBehindIt();
    void abortingParticipantVotesNo_data() { hosts_data(); }
    void abortingParticipantVotesNo();
    void prepareDelayAddsToLatency_data() { hosts_data(); }
    void prepareDelayAddsToLatency();
    void linkLatencyAddsToLatency_data() { hosts_data(); }
    void linkLatencyAddsToLatency();
    void duplicatesAndReorderingChangeNoOutcome_data() { hosts_data(); }
    void duplicatesAndReorderingChangeNoOutcome();
    void faultWindowsAreTraced();
    void keyRotationLosesNothing_data() { hosts_data(); }
    void keyRotationLosesNothing();
    void rateLimitPerClass_data() { hosts_data(); }
    void rateLimitPerClass();
    void circuitBreakerOpensAndRecovers_data() { hosts_data(); }
    void circuitBreakerOpensAndRecovers();
    void unacknowledgedDecisionGoesToTheDeadLetterQueue_data() { hosts_data(); }
    void unacknowledgedDecisionGoesToTheDeadLetterQueue();
    void deadlock_data();
    void deadlock();
    void lockMessagesOnlyFromTheirRoles_data() { hosts_data(); }
    void lockMessagesOnlyFromTheirRoles();
};

void TestFaults::hosts_data()
{
    QTest::addColumn<bool>("sim");
    QTest::newRow("sim") << true;
    QTest::newRow("threads") << false;
}

void TestFaults::droppedPrepareAbortsAndReleases()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"link\", \"from\": \"sm-1\", \"to\": \"rm\", "
                      "\"drop_pct\": 100}"_s));
    const QVector<ClientReply> replies = lab.load(1);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(toString(replies[0].outcome), u"ABORTED"_s);
    QVERIFY2(replies[0].reason.contains(u"timeout"_s), qPrintable(replies[0].reason));
    // The PREPARE was sent and lost on the way, and traced as such.
    const NodeId sm1 = lab.id(cast::sessionManager(1));
    const NodeId rm = lab.id(cast::rm());
    QVERIFY(lab.count([&](const TraceEvent &e) {
        return e.kind == TraceKind::Drop && e.node == sm1 && e.peer == rm &&
               e.msgType == quint16(MsgType::Prepare);
    }) >= 1);
    lab.settle();
    QCOMPARE(reservedAt(lab), 0); // billing's reservation released by the ABORT
    QVERIFY(lab.checkerOk());
}

void TestFaults::partitionedLeaderIsReplacedAndFenced()
{
    // sm-1 leads; its link to rm is slow (8 s). A session begins: billing votes YES, rm's
    // PREPARE is still on the way. Then sm-1 is cut off from the dsm, so it cannot renew its
    // lease: another manager takes over with a higher token and prepares a new session at rm.
    // When sm-1's old PREPARE finally arrives, rm refuses it: stale token.
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    const NodeId sm1 = lab.id(cast::sessionManager(1));
    const NodeId billing = lab.id(cast::billing());
    const NodeId rm = lab.id(cast::rm());
    QCOMPARE(lab.load(2).size(), 2); // sm-1 leads (token 1)
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"link\", \"from\": \"sm-1\", \"to\": \"rm\", "
                      "\"latency_ms\": 8000}"_s));
    auto votesAt = [&](NodeId node) {
        return lab.count(
            [&](const TraceEvent &e) { return e.kind == TraceKind::Vote && e.node == node; });
    };
    const int billingVotes = votesAt(billing);
    const int rmVotes = votesAt(rm);
    const qsizetype answered = lab.replies().size();
    lab.submit();
    QVERIFY(lab.runUntil([&] { return votesAt(billing) > billingVotes; }));
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"split\", \"groups\": [[\"sm-1\"], [\"dsm\"]]}"_s));
    // A new leader with a higher token.
    auto newLeader = [&] {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Lease && e.reason == 1 && e.node != sm1 && e.seq > 1;
        });
    };
    QVERIFY(lab.runUntil([&] { return newLeader() >= 1; }));
    // The first session ends (sm-1 gave up waiting for rm's vote); a second one goes to the
    // new leader and is prepared at rm under the new token.
    QVERIFY(lab.runUntil([&] { return lab.replies().size() > answered; }));
    lab.submit();
    QVERIFY(lab.runUntil([&] { return votesAt(rm) > rmVotes; }));
    // Then sm-1's PREPARE arrives: refused for its stale token, and rm votes nothing on it.
    auto staleRefusals = [&] {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Reject && e.node == rm && e.peer == sm1 &&
                   e.reason == quint8(WireError::StaleToken);
        });
    };
    QVERIFY(lab.runUntil([&] { return staleRefusals() >= 1; }));
    QCOMPARE(votesAt(rm), rmVotes + 1);
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"clear\"}"_s));
    QVERIFY(lab.runUntil([&] { return lab.replies().size() >= answered + 2; }));
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    QVERIFY(lab.checkerOk());
}

void TestFaults::pausedParticipantHoldsTheCoordinator()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"pause\", \"service\": \"rm\"}"_s));
    const QVector<ClientReply> replies = lab.load(1);
    QCOMPARE(replies.size(), 1);
    // The coordinator waited for rm's vote until its timeout (2 s of lab time), then aborted.
    QCOMPARE(toString(replies[0].outcome), u"ABORTED"_s);
    QVERIFY2(replies[0].reason.contains(u"timeout"_s), qPrintable(replies[0].reason));
    QVERIFY2(replies[0].latencyUs >= 2'000'000, qPrintable(QString::number(replies[0].latencyUs)));
    const NodeId rm = lab.id(cast::rm());
    QCOMPARE(lab.count([&](const TraceEvent &e) {
        return e.kind == TraceKind::Deliver && e.node == rm &&
               e.msgType == quint16(MsgType::Prepare);
    }),
             0); // held, not processed
    // Resumed, rm processes what waited (the PREPARE, then the ABORT) and holds nothing.
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"resume\", \"service\": \"rm\"}"_s));
    QVERIFY(lab.runUntil([&] {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Deliver && e.node == rm &&
                   e.msgType == quint16(MsgType::Abort);
        }) >= 1;
    }));
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    QVERIFY(lab.checkerOk());
}

void TestFaults::slowServiceDelaysTheQueueBehindIt()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"slow\", \"service\": \"rm\", \"ms\": 400}"_s));
    const QVector<ClientReply> replies = lab.load(4, 4);
    QCOMPARE(replies.size(), 4);
    qint64 slowest = 0;
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
        slowest = std::max(slowest, r.latencyUs);
    }
    // Four PREPAREs at once: the last waits for three 400 ms turns at rm.
    QVERIFY2(slowest >= 1'200'000, qPrintable(QString::number(slowest)));
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"slow\", \"service\": \"rm\", \"ms\": 0}"_s));
    // No longer slow: nothing queues behind rm. Lab time on threads follows a wall clock that a
    // busy machine stretches, so the check is that rm no longer takes 400 ms turns (a lower
    // bound the lab clock guarantees) rather than that the sessions were quick.
    const NodeId rm = lab.id(cast::rm());
    const qsizetype mark = lab.trace().size();
    const QVector<ClientReply> after = lab.load(4, 4);
    QCOMPARE(after.size(), 4);
    std::vector<qint64> prepares; // lab us of each PREPARE's delivery at rm
    lab.trace().forEach(mark, lab.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::Deliver && e.node == rm && e.msgType == quint16(MsgType::Prepare))
            prepares.push_back(e.labUs);
    });
    QCOMPARE(prepares.size(), size_t(4));
    for (const ClientReply &r : after)
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    // Four PREPAREs 400 ms apart would span 1.2 s; in the simulator they arrive together.
    if (sim)
        QVERIFY2(prepares.back() - prepares.front() < 400'000,
                 qPrintable(QString::number(prepares.back() - prepares.front())));
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::abortingParticipantVotesNo()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"participant\", \"service\": \"rm\", "
                      "\"abort_pct\": 100}"_s));
    const QVector<ClientReply> replies = lab.load(3);
    QCOMPARE(replies.size(), 3);
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), u"ABORTED"_s);
        QVERIFY2(r.reason.contains(u"injected abort"_s), qPrintable(r.reason));
    }
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"participant\", \"service\": \"rm\"}"_s));
    const QVector<ClientReply> after = lab.load(3);
    for (const ClientReply &r : after)
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::prepareDelayAddsToLatency()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"participant\", \"service\": \"billing\", "
                      "\"prepare_delay_ms\": 600}"_s));
    const QVector<ClientReply> replies = lab.load(2);
    QCOMPARE(replies.size(), 2);
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
        QVERIFY2(r.latencyUs >= 600'000, qPrintable(QString::number(r.latencyUs)));
    }
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::linkLatencyAddsToLatency()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QCOMPARE(lab.load(1).size(), 1); // the leader is known
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"link\", \"from\": \"edge\", \"to\": \"*\", "
                      "\"both_ways\": true, \"latency_ms\": 300, \"jitter_ms\": 20}"_s));
    const QVector<ClientReply> replies = lab.load(2);
    for (const ClientReply &r : replies) {
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
        // SESSION_CREATE out and SESSION_RESULT back: two slow hops.
        QVERIFY2(r.latencyUs >= 600'000, qPrintable(QString::number(r.latencyUs)));
    }
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::duplicatesAndReorderingChangeNoOutcome()
{
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"link\", \"from\": \"*\", \"to\": \"*\", "
                      "\"duplicate_pct\": 100, \"reorder_pct\": 50}"_s));
    const QVector<ClientReply> replies = lab.load(6, 3);
    QCOMPARE(replies.size(), 6);
    for (const ClientReply &r : replies)
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    // Every copy is refused by the receiver's replay window; nothing is applied twice.
    QVERIFY(lab.count([](const TraceEvent &e) {
        return e.kind == TraceKind::Reject && e.reason == quint8(WireError::Replay);
    }) >= 6 * 10);
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    QVERIFY(lab.checkerOk());
}

void TestFaults::faultWindowsAreTraced()
{
    // A plan replayed by the runner in the simulator: each step at its lab time, each a Fault
    // trace event on the service it concerns.
    Lab lab(true);
    QString error;
    auto plan = FaultPlan::parse(R"({"steps": [
        {"at_ms": 100, "do": "pause", "service": "billing"},
        {"at_ms": 900, "do": "resume", "service": "billing"},
        {"at_ms": 1000, "do": "isolate", "service": "rm"},
        {"at_ms": 1500, "do": "heal"}
    ]})",
                                 castNames(ClusterConfig{}), &error);
    QVERIFY2(plan, qPrintable(error));
    FaultRunner runner(*plan);
    const Instant start = lab.now();
    QVERIFY(lab.runUntil([&] {
        runner.onTick(lab.controls());
        return runner.done();
    }));
    struct Seen
    {
        qint64 ms;
        NodeId node;
        QString detail;
    };
    std::vector<Seen> seen;
    lab.trace().forEach(0, lab.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::Fault)
            seen.push_back({(e.labUs - toUs(start)) / 1000, e.node, e.detail});
    });
    QCOMPARE(seen.size(), size_t(4));
    const qint64 at[] = {100, 900, 1000, 1500};
    const QString what[] = {u"billing paused"_s, u"billing resumed"_s, u"rm isolated"_s,
                            u"partition healed"_s};
    for (size_t i = 0; i < 4; ++i) {
        QCOMPARE(seen[i].detail, what[i]);
        QVERIFY2(seen[i].ms >= at[i] && seen[i].ms <= at[i] + 10, qPrintable(seen[i].detail));
    }
    QCOMPARE(seen[0].node, lab.id(cast::billing()));
    QCOMPARE(seen[3].node, kNoNode);
}

void TestFaults::keyRotationLosesNothing()
{
    // Sessions run while the signing key rotates. During the overlap both keys verify: frames
    // signed before the switch and a probe under the old key are accepted. Once the old key
    // is retired it is refused (unknown-key). Honest traffic sees no refusal at all.
    QFETCH(bool, sim);
    Lab lab(sim);
    QVERIFY(lab.started());
    QCOMPARE(lab.load(5).size(), 5);
    for (int i = 0; i < 6; ++i)
        lab.submit();
    const qsizetype answered = lab.replies().size();
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"rotate-key\"}"_s));
    for (int i = 0; i < 6; ++i)
        lab.submit();
    const NodeId rm = lab.id(cast::rm());
    auto delivered = [&](TxId tx) {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Deliver && e.node == rm && e.txId == tx;
        });
    };
    lab.inject(cast::rm(), lab.probe(cast::rm(), 1)); // old key, in the overlap
    QVERIFY(lab.runUntil([&] { return delivered(0x77701) == 1; }));
    lab.inject(cast::rm(), lab.probe(cast::rm(), 2)); // new key
    QVERIFY(lab.runUntil([&] { return delivered(0x77702) == 1; }));
    QVERIFY(lab.runUntil([&] { return lab.replies().size() >= answered + 12; }));
    for (const ClientReply &r : lab.replies())
        QVERIFY2(r.outcome == Outcome::Committed, qPrintable(r.reason));
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"retire-keys\"}"_s));
    QCOMPARE(lab.load(5).size(), 5);
    QCOMPARE(lab.count([](const TraceEvent &e) { return e.kind == TraceKind::Reject; }), 0);
    lab.inject(cast::rm(), lab.probe(cast::rm(), 1)); // old key, retired
    QVERIFY(lab.runUntil([&] {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Reject && e.node == rm &&
                   e.reason == quint8(WireError::UnknownKey);
        }) == 1;
    }));
    QCOMPARE(delivered(0x77703), 0);
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::rateLimitPerClass()
{
    // VOICE limited to 2/s with a burst of 3, DATA unlimited: 10 VOICE at once get 3 through
    // (the rest refused at once, nothing started), 10 DATA all commit.
    QFETCH(bool, sim);
    Lab lab(sim, 5, [](ClusterConfig &c) {
        c.edge.voiceRatePerSec = 2;
        c.edge.rateBurst = 3;
    });
    QVERIFY(lab.started());
    const QVector<ClientReply> voice = lab.load(10, 10, 1.0);
    QCOMPARE(voice.size(), 10);
    int committed = 0;
    int limited = 0;
    for (const ClientReply &r : voice) {
        committed += r.outcome == Outcome::Committed;
        if (r.reason.startsWith(u"rate limited (VOICE: 2/s)"_s)) {
            ++limited;
            QCOMPARE(r.txId, TxId(0));
        }
    }
    QCOMPARE(committed, 3);
    QCOMPARE(limited, 7);
    const QVector<ClientReply> data = lab.load(10, 10, 0.0);
    for (const ClientReply &r : data)
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::circuitBreakerOpensAndRecovers()
{
    // Every session manager paused: three set-ups in a row get no answer (1 s timeout), the
    // breaker opens and the next request fails fast. Resumed, and after the cool-down, one
    // probe goes through, commits, and the breaker closes.
    QFETCH(bool, sim);
    Lab lab(sim, 5, [](ClusterConfig &c) {
        c.edge.requestTimeoutMs = 1000;
        c.edge.breakerFailures = 3;
        c.edge.breakerCoolDownMs = 2000;
    });
    QVERIFY(lab.started());
    QCOMPARE(lab.load(2).size(), 2);
    for (int i = 1; i <= 3; ++i)
        QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"pause\", \"service\": \"sm-"_s +
                          QString::number(i) + u"\"}"_s));
    for (const ClientReply &r : lab.load(3))
        QCOMPARE(toString(r.outcome), u"UNKNOWN"_s);
    const NodeId edge = lab.id(cast::edge());
    const auto isCreate = [edge](const TraceEvent &e) {
        return e.kind == TraceKind::Send && e.node == edge &&
               e.msgType == quint16(MsgType::SessionCreate);
    };
    const int sentCreates = lab.count(isCreate);
    const QVector<ClientReply> fast = lab.load(1);
    QCOMPARE(toString(fast[0].outcome), u"ABORTED"_s);
    QVERIFY2(fast[0].reason.startsWith(u"circuit open"_s), qPrintable(fast[0].reason));
    // Refused at once, not after a timeout: the edge asked no session manager.
    QCOMPARE(fast[0].txId, TxId(0));
    QVERIFY2(sentCreates == lab.count(isCreate), "the request reached a session manager");
    for (int i = 1; i <= 3; ++i)
        QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"resume\", \"service\": \"sm-"_s +
                          QString::number(i) + u"\"}"_s));
    // Wait out the cool-down and a new election, then probe.
    const Instant resumed = lab.now();
    QVERIFY(lab.runUntil([&] { return lab.now() >= resumed + std::chrono::seconds(8); },
                         std::chrono::seconds(9)));
    const QVector<ClientReply> probe = lab.load(1);
    QVERIFY2(probe[0].outcome == Outcome::Committed, qPrintable(probe[0].reason));
    auto said = [&](const QString &what) {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::State && e.detail.startsWith(what);
        });
    };
    QCOMPARE(said(u"circuit breaker open (3 failures in a row)"_s), 1);
    QCOMPARE(said(u"circuit breaker half-open"_s), 1);
    QCOMPARE(said(u"circuit breaker closed"_s), 1);
    lab.settle();
    QVERIFY(lab.checkerOk());
}

void TestFaults::unacknowledgedDecisionGoesToTheDeadLetterQueue()
{
    // billing votes YES, then every frame from sm-1 to billing is lost: the COMMIT and its
    // resends (backing off: ~1, 2, 4, 8 s) never arrive, and after the last retry the decision
    // goes to the dead-letter queue, durably. Listed, then replayed once the link heals: billing
    // acknowledges and the queue is empty.
    QFETCH(bool, sim);
    QTemporaryDir dir;
    Lab lab(sim, 5, [&](ClusterConfig &c) {
        if (!sim)
            c.dataDir = dir.path();
    });
    QVERIFY(lab.started());
    QCOMPARE(lab.load(2).size(), 2);
    const NodeId billing = lab.id(cast::billing());
    const NodeId sm1 = lab.id(cast::sessionManager(1));
    const int votes = lab.count(
        [&](const TraceEvent &e) { return e.kind == TraceKind::Vote && e.node == billing; });
    // rm takes a second to prepare: the window in which billing has voted and sm-1 has not
    // decided yet.
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"participant\", \"service\": \"rm\", "
                      "\"prepare_delay_ms\": 1000}"_s));
    lab.submit();
    QVERIFY(lab.runUntil([&] {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Vote && e.node == billing;
        }) > votes;
    }));
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"link\", \"from\": \"sm-1\", \"to\": \"billing\", "
                      "\"drop_pct\": 100}"_s));
    auto deadLetters = [&] {
        return lab.count([](const TraceEvent &e) {
            return e.kind == TraceKind::State && e.detail.startsWith(u"dead letter: COMMIT"_s);
        });
    };
    QVERIFY(lab.runUntil([&] { return deadLetters() == 1; }, std::chrono::seconds(40)));
    // The decision and its four resends (1, 2, 4, 8 s nominal, equal jitter) span 7.5-15 s
    // before sm-1 gives up.
    qint64 firstCommit = -1;
    qint64 gaveUp = -1;
    lab.trace().forEach(0, lab.trace().size(), [&](const TraceEvent &e) {
        if (firstCommit < 0 && e.kind == TraceKind::Drop && e.node == sm1 && e.peer == billing &&
            e.msgType == quint16(MsgType::Commit))
            firstCommit = e.labUs;
        if (e.kind == TraceKind::State && e.detail.startsWith(u"dead letter: COMMIT"_s))
            gaveUp = e.labUs;
    });
    QVERIFY(firstCommit > 0 && gaveUp > firstCommit);
    // (On threads, lab time also runs while a busy machine schedules the handlers: 100 ms of
    // wall time at 10x is a lab second.)
    const qint64 slackUs = sim ? 100'000 : 1'000'000;
    QVERIFY2(gaveUp - firstCommit >= 7'500'000 && gaveUp - firstCommit <= 15'000'000 + slackUs,
             qPrintable(QString::number(gaveUp - firstCommit)));
    std::vector<SessionManager::DeadLetter> queued;
    lab.inspect<SessionManager>(cast::sessionManager(1),
                                [&](SessionManager &s) { queued = s.deadLetters(); });
    QCOMPARE(queued.size(), size_t(1));
    QCOMPARE(queued[0].to, billing);
    QVERIFY(queued[0].commit);
    if (!sim) { // kept in sm-1's SQLite file, and listed from it
        QString listing;
        QString errors;
        QTextStream out(&listing);
        QTextStream err(&errors);
        QCOMPARE(listDeadLetters(dir.path(), out, err), 0);
        out.flush();
        QVERIFY2(listing.contains(u"sm-1  tx "_s + formatId(queued[0].tx)) &&
                     listing.contains(u"COMMIT to node "_s + QString::number(billing)) &&
                     listing.endsWith(u"1 dead letter\n"_s),
                 qPrintable(listing + errors));
    }
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"clear\"}"_s));
    QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"replay-dead-letters\"}"_s));
    QVERIFY(lab.runUntil([&] {
        std::vector<SessionManager::DeadLetter> left{SessionManager::DeadLetter{}};
        lab.inspect<SessionManager>(cast::sessionManager(1),
                                    [&](SessionManager &s) { left = s.deadLetters(); });
        return left.empty();
    }));
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    QVERIFY(lab.checkerOk());
}

void TestFaults::deadlock_data()
{
    QTest::addColumn<bool>("sim");
    QTest::addColumn<bool>("timeout");
    QTest::newRow("detect, sim") << true << false;
    QTest::newRow("detect, threads") << false << false;
    QTest::newRow("timeout, sim") << true << true;
    QTest::newRow("timeout, threads") << false << true;
}

void TestFaults::deadlock()
{
    // One subscriber, a VOICE and a DATA session at once. With exclusive locks and PREPAREs
    // in lock order, VOICE holds the cell at rm and waits for the account at billing, DATA
    // holds the account and waits for the cell: AB/BA. The lock manager names one victim
    // (detect: the youngest, as soon as the cycle closes; timeout: the longest waiter after
    // 1 s, sparing the other, which only waits for the victim). The victim votes NO, its
    // coordinator aborts, its locks go, and the other session commits. As in the scenario,
    // taking a lock takes a second at both participants (a prepare delay), so the PREPAREs
    // cross however the threads are scheduled, and the coordinators wait 6 s for votes.
    QFETCH(bool, sim);
    QFETCH(bool, timeout);
    Lab lab(sim, 5, [&](ClusterConfig &c) {
        c.participants.exclusiveLocks = true;
        c.coordinator.orderedPrepare = true;
        c.coordinator.prepareTimeoutMs = 6000;
        if (timeout)
            c.deadlock = DeadlockConfig{DeadlockResolution::Timeout, std::chrono::seconds(1)};
    });
    QVERIFY(lab.started());
    QCOMPARE(lab.load(4).size(), 4); // a leader, and sessions that never wait
    for (const QString &p : {cast::rm(), cast::billing()})
        QVERIFY(lab.apply(u"{\"at_ms\": 0, \"do\": \"participant\", \"service\": \""_s + p +
                          u"\", \"prepare_delay_ms\": 1000}"_s));
    const NodeId dsm = lab.id(cast::dsm());
    auto locks = [&](LockEvent what) {
        return lab.count([&](const TraceEvent &e) {
            return e.kind == TraceKind::Lock && e.reason == quint8(what);
        });
    };
    QCOMPARE(locks(LockEvent::Waits), 0);

    LoadSpec spec;
    spec.sessions = 2;
    spec.concurrency = 2;
    spec.subscribers = 1;
    spec.classes = {u"VOICE"_s, u"DATA"_s};
    const QVector<ClientReply> replies = lab.load(spec);
    QCOMPARE(replies.size(), 2);
    const int aborted = replies[0].outcome == Outcome::Aborted ? 0 : 1;
    QCOMPARE(toString(replies[aborted].outcome), u"ABORTED"_s);
    QCOMPARE(toString(replies[1 - aborted].outcome), u"COMMITTED"_s);
    QCOMPARE(replies[aborted].reason,
             timeout ? u"lock wait timed out"_s : u"deadlock victim (youngest in the cycle)"_s);
    // Both waited, once each; one cycle found, one victim named, at the lock manager: the
    // aborted session's transaction.
    QCOMPARE(locks(LockEvent::Waits), 2);
    QCOMPARE(locks(LockEvent::Deadlock), 1);
    QCOMPARE(locks(LockEvent::Victim), 1);
    qint64 detectionUs = -1;
    TxId victim = 0;
    lab.trace().forEach(0, lab.trace().size(), [&](const TraceEvent &e) {
        if (e.kind == TraceKind::Lock && e.reason == quint8(LockEvent::Deadlock)) {
            QCOMPARE(e.node, dsm);
            detectionUs = qint64(e.seq);
            victim = e.txId;
        }
    });
    QCOMPARE(victim, replies[aborted].txId);
    // From the cycle closing (the second wait beginning at its participant) to the victim
    // being named: timeout: the first wait's 1 s, less the gap between the two waits;
    // detect: as soon as the closing wait's report reached the lock manager (in the
    // simulator, one hop of 0.2-2 ms).
    if (timeout)
        QVERIFY2(detectionUs > 900'000, qPrintable(QString::number(detectionUs)));
    else if (sim)
        QVERIFY2(detectionUs >= 200 && detectionUs <= 2000,
                 qPrintable(QString::number(detectionUs)));
    // Detection, either way, beat the coordinators' vote timeout: the victim's abort reason
    // says so (above; on threads that is the check, lab time there following a wall clock a
    // busy machine stretches). Afterwards nothing is held, nothing waits, the graph is empty.
    if (sim)
        QVERIFY2(detectionUs < 2'000'000, qPrintable(QString::number(detectionUs)));
    lab.settle();
    QCOMPARE(reservedAt(lab), 0);
    quint64 gaveUp = 0; // the victim waited at rm (DATA) or at billing (VOICE)
    lab.inspect<ResourceManager>(cast::rm(), [&](ResourceManager &rm) {
        QCOMPARE(rm.waitingForLocks(), 0);
        QVERIFY(rm.locks().empty());
        gaveUp += rm.deadlockVictims();
    });
    lab.inspect<BillingService>(cast::billing(), [&](BillingService &b) {
        QCOMPARE(b.waitingForLocks(), 0);
        QVERIFY(b.locks().empty());
        gaveUp += b.deadlockVictims();
    });
    QCOMPARE(gaveUp, quint64(1));
    lab.inspect<DsmService>(cast::dsm(), [](DsmService &d) {
        QCOMPARE(d.lockManager().graph().edgeCount(), size_t(0));
        QCOMPARE(d.lockManager().deadlocksFound(), quint64(1));
        QCOMPARE(d.lockManager().victims(), quint64(1));
    });
    QVERIFY(lab.checkerOk());
}

void TestFaults::lockMessagesOnlyFromTheirRoles()
{
    // Authentic frames from analytics (a cast member, but no participant and no lock
    // manager): a wait report to the dsm and a victim notice to rm. Both are refused as
    // not-authorized and change nothing: no edge in the graph, rm's transaction untouched.
    QFETCH(bool, sim);
    Lab lab(sim, 5, [](ClusterConfig &c) {
        c.participants.exclusiveLocks = true;
        c.coordinator.orderedPrepare = true;
    });
    QVERIFY(lab.started());
    QCOMPARE(lab.load(2).size(), 2);
    auto notAuthorized = [&] {
        return lab.count([](const TraceEvent &e) {
            return e.kind == TraceKind::Reject && e.reason == quint8(WireError::NotAuthorized);
        });
    };
    const QByteArray wait = Payload()
                                .set(Field::Blocker, 0x99)
                                .set(Field::Key, u"cell/1"_s)
                                .set(Field::Since, 0)
                                .encode();
    lab.inject(cast::dsm(), lab.probe(cast::dsm(), 1, MsgType::LockWait, wait, 0x98));
    lab.inject(cast::rm(), lab.probe(cast::rm(), 1, MsgType::DeadlockVictim, {}, 0x98));
    QVERIFY(lab.runUntil([&] { return notAuthorized() == 2; }));
    lab.settle();
    QCOMPARE(notAuthorized(), 2);
    lab.inspect<DsmService>(cast::dsm(), [](DsmService &d) {
        QCOMPARE(d.lockManager().graph().edgeCount(), size_t(0));
    });
    lab.inspect<ResourceManager>(cast::rm(), [](ResourceManager &rm) {
        QCOMPARE(rm.deadlockVictims(), quint64(0));
        QVERIFY(rm.locks().empty());
    });
    QVERIFY(lab.checkerOk());
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
