// Step mode, one surface over both hosts: the lab clock stands still, every frame that
// arrives is parked at its receiver, and the user delivers or drops one at a time or moves the
// clock to the next deadline. Each step is exactly one change the diagram's fold sees, and in
// the simulator the same seed and the same choices give the same trace.

#include "lab/cluster.h"
#include "lab/labcontrols.h"
#include "lab/simcluster.h"
#include "timeline/messageflow.h"
#include "trace/tracestore.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestStepping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void simDeliversOneFrameAtATime();
    void simDropEndsInALoss();
    void simAdvancesToTheNextDeadlineOnly();
    void simIsRepeatableStepByStep();
    void threadsStepASessionThrough();
};

namespace {
struct Counts
{
    qsizetype delivered = 0;
    qsizetype lost = 0;
    qsizetype inFlight = 0;
};

Counts count(const MessageFlow &flow)
{
    Counts c;
    for (const FlowMessage &m : flow.messages()) {
        c.delivered += m.fate == MessageFate::Delivered;
        c.lost += m.fate == MessageFate::Lost;
        c.inFlight += m.fate == MessageFate::InFlight;
    }
    return c;
}

ClusterConfig quietConfig(quint64 seed)
{
    ClusterConfig config;
    config.seed = seed;
    config.mallory.framesPerSecond = 0;
    return config;
}

// A simulated cast, settled (a leader elected), then in step mode with one session asked for.
struct SimLab
{
    explicit SimLab(quint64 seed)
        : sim(quietConfig(seed))
        , controls(sim)
    {
        sim.settle(std::chrono::seconds(2));
        controls.setStepMode(true);
        sim.submit(u"001010000000123"_s, u"VOICE"_s, u"2PC"_s);
        sim.host().runUntil(sim.host().now()); // what is due now: the request, its frames park
    }
    SimCluster sim;
    SimControls controls;
};
} // namespace

void TestStepping::simDeliversOneFrameAtATime()
{
    SimLab lab(3);
    const Instant frozen = lab.controls.now();
    MessageFlow flow;
    flow.advance(lab.sim.trace());
    QVERIFY(!lab.controls.pending().empty());
    int steps = 0;
    while (lab.sim.replies().isEmpty() && steps < 200) {
        const std::vector<PendingFrame> pending = lab.controls.pending();
        QVERIFY2(!pending.empty(), "the session stalled with nothing to deliver");
        const Counts before = count(flow);
        const PendingFrame oldest = pending.front();
        QVERIFY(lab.controls.deliver(oldest.id));
        QVERIFY(!lab.controls.deliver(oldest.id)); // gone once delivered
        flow.advance(lab.sim.trace());
        const Counts after = count(flow);
        // Exactly that frame arrived (local client requests have no arrow).
        if (oldest.from != kNoNode)
            QCOMPARE(after.delivered, before.delivered + 1);
        QCOMPARE(lab.controls.now(), frozen); // the clock never moved
        ++steps;
    }
    QCOMPARE(lab.sim.replies().size(), 1);
    QVERIFY(lab.sim.replies().front().outcome == Outcome::Committed);
    QVERIFY2(steps >= 8, "a 2PC set-up is at least PREPARE, votes, COMMIT, acks and more");
}

void TestStepping::simDropEndsInALoss()
{
    SimLab lab(4);
    // Deliver until a PREPARE is parked, then drop it: the fold ends it in a loss, by hand.
    int guard = 0;
    std::optional<PendingFrame> prepare;
    while (!prepare && guard++ < 100) {
        for (const PendingFrame &f : lab.controls.pending())
            if (f.type == quint16(MsgType::Prepare))
                prepare = f;
        if (!prepare) {
            QVERIFY(!lab.controls.pending().empty());
            QVERIFY(lab.controls.deliver(lab.controls.pending().front().id));
        }
    }
    QVERIFY(prepare);
    MessageFlow flow;
    flow.advance(lab.sim.trace());
    const Counts before = count(flow);
    QVERIFY(lab.controls.drop(prepare->id));
    QVERIFY(!lab.controls.drop(prepare->id));
    flow.advance(lab.sim.trace());
    QCOMPARE(count(flow).lost, before.lost + 1);
    const auto lost =
        std::find_if(flow.messages().begin(), flow.messages().end(),
                     [](const FlowMessage &m) { return m.fate == MessageFate::Lost; });
    QVERIFY(lost != flow.messages().end());
    QCOMPARE(lost->type, quint16(MsgType::Prepare));
    QCOMPARE(lost->reason, quint8(3));
}

void TestStepping::simAdvancesToTheNextDeadlineOnly()
{
    SimLab lab(5);
    const Instant before = lab.controls.now();
    MessageFlow flow;
    flow.advance(lab.sim.trace());
    const qsizetype parked = static_cast<qsizetype>(lab.controls.pending().size());
    QVERIFY(lab.controls.advanceToNextDeadline());
    const Instant after = lab.controls.now();
    QVERIFY(after > before);
    // Nothing parked was delivered by moving the clock; what it ran may park more.
    flow.advance(lab.sim.trace());
    QVERIFY(static_cast<qsizetype>(lab.controls.pending().size()) >= parked);
    // Leaving step mode lets every parked frame go on: the session completes.
    lab.controls.setStepMode(false);
    lab.sim.settle(std::chrono::seconds(10));
    QCOMPARE(lab.sim.replies().size(), 1);
}

void TestStepping::simIsRepeatableStepByStep()
{
    // The same seed and the same choices (deliver the newest, drop every third) give the same
    // trace, event for event.
    const auto runOnce = [] {
        SimLab lab(6);
        for (int i = 0; i < 40; ++i) {
            const std::vector<PendingFrame> pending = lab.controls.pending();
            if (pending.empty()) {
                if (!lab.controls.advanceToNextDeadline())
                    break;
                continue;
            }
            if (i % 3 == 2)
                lab.controls.drop(pending.back().id);
            else
                lab.controls.deliver(pending.back().id);
        }
        QCryptographicHash h(QCryptographicHash::Sha256);
        lab.sim.trace().forEach(0, lab.sim.trace().size(), [&](const TraceEvent &e) {
            const QByteArray line = QByteArray::number(int(e.kind)) + QByteArray::number(e.node) +
                                    QByteArray::number(e.peer) + QByteArray::number(e.labUs) +
                                    QByteArray::number(e.seq) + e.detail.toUtf8();
            h.addData(line);
        });
        return std::make_pair(h.result(), lab.sim.trace().size());
    };
    const auto a = runOnce();
    const auto b = runOnce();
    QVERIFY(a.second > 50);
    QCOMPARE(a.first, b.first);
    QCOMPARE(a.second, b.second);
}

void TestStepping::threadsStepASessionThrough()
{
    Cluster cluster(quietConfig(7));
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    QVERIFY(cluster.settle(5000));
    // Wait until a leader is known at the edge (the first session would be redirected).
    ThreadControls controls(cluster);
    QSignalSpy replies(&cluster, &Cluster::sessionFinished);
    cluster.submit(u"001010000000001"_s, u"DATA"_s, u"2PC"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, 15000); // warm: connections up, leader known
    controls.setStepMode(true);
    QVERIFY(controls.stepMode());
    const Instant frozen = controls.now();
    MessageFlow flow;
    cluster.submit(u"001010000000002"_s, u"VOICE"_s, u"2PC"_s);
    int steps = 0;
    while (replies.size() < 2 && steps < 300) {
        // Frames cross real TCP and park at their receivers; wait for the next one.
        QTRY_VERIFY_WITH_TIMEOUT(!controls.pending().empty() || replies.size() >= 2, 10000);
        if (replies.size() >= 2)
            break;
        flow.advance(cluster.trace());
        const Counts before = count(flow);
        const PendingFrame oldest = controls.pending().front();
        QVERIFY(controls.deliver(oldest.id));
        flow.advance(cluster.trace());
        if (oldest.from != kNoNode)
            QCOMPARE(count(flow).delivered, before.delivered + 1);
        QCOMPARE(controls.now(), frozen);
        ++steps;
    }
    QCOMPARE(replies.size(), 2);
    QVERIFY(replies.at(1).at(0).value<ClientReply>().outcome == Outcome::Committed);
    QVERIFY(steps >= 8);
    // A timer is due somewhere (a lease renewal at least): the clock moves to it, no further.
    QVERIFY(controls.advanceToNextDeadline());
    QVERIFY(controls.now() > frozen);
    controls.setStepMode(false);
    cluster.stop();
}

QTEST_GUILESS_MAIN(TestStepping)
#include "tst_stepping.moc"
