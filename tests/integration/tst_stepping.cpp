// Step mode, one surface over both hosts: the lab clock stands still, every frame that
// arrives is parked at its receiver, and the user delivers, drops or duplicates one at a time
// or moves the clock to the next deadline. Each step is exactly one change the diagram's fold
// sees, a copy made by hand is refused by its receiver as a replay, and in the simulator the
// same seed and the same choices give the same trace.

#include "lab/cluster.h"
#include "lab/labcontrols.h"
#include "lab/simcluster.h"
#include "timeline/messageflow.h"
#include "trace/facts.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

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
    void simDuplicateIsRefusedAsAReplay();
    void simCopyDeliveredFirstIsTheOneAccepted();
    void simIsRepeatableWithDuplicates();
    void threadsStepASessionThrough();
    void threadsDuplicateIsRefusedAsAReplay();
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
    for (const FlowMessage &m : flow.allMessages()) {
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

// The parked frames that carry f's frame (its copies included).
std::vector<PendingFrame> sameFrame(const std::vector<PendingFrame> &pending, const PendingFrame &f)
{
    std::vector<PendingFrame> out;
    for (const PendingFrame &p : pending)
        if (p.from == f.from && p.to == f.to && p.seq == f.seq)
            out.push_back(p);
    return out;
}

// Duplicates f through the controls and checks what that did: one more parked frame for the
// same frame, with a new id and f's fields, parked since now; and a send by hand at the sender
// in the trace. *copy is the copy. (Callers check QTest::currentTestFailed() after it.)
void duplicateChecked(LabControls &controls, const TraceStore &trace, const PendingFrame &f,
                      PendingFrame *copy)
{
    const std::vector<PendingFrame> before = controls.pending();
    const qsizetype events = trace.size();
    QVERIFY(controls.duplicate(f.id));
    const std::vector<PendingFrame> after = controls.pending();
    const std::vector<PendingFrame> same = sameFrame(after, f);
    for (const PendingFrame &p : same)
        if (p.id != f.id)
            *copy = p;
    QVERIFY(after.size() >= before.size() + 1);             // one frame more parked
    QCOMPARE(same.size(), sameFrame(before, f).size() + 1); // one more of that frame
    QVERIFY(copy->id != 0 && copy->id != f.id);             // under a new id
    QVERIFY(std::none_of(before.begin(), before.end(),
                         [&](const PendingFrame &p) { return p.id == copy->id; }));
    QCOMPARE(copy->from, f.from);
    QCOMPARE(copy->to, f.to);
    QCOMPARE(copy->type, f.type);
    QCOMPARE(copy->seq, f.seq);
    QCOMPARE(copy->tx, f.tx);
    QCOMPARE(copy->session, f.session);
    QCOMPARE(copy->since, controls.now()); // parked since now
    // The trace: one send by hand at the sender's side, naming the frame.
    std::vector<TraceEvent> byHand;
    trace.forEach(events, trace.size(), [&](const TraceEvent &e) {
        if (duplicatedByHand(e))
            byHand.push_back(e);
    });
    QCOMPARE(byHand.size(), size_t(1));
    const TraceEvent &e = byHand.front();
    QVERIFY(e.kind == TraceKind::Send);
    QCOMPARE(e.reason, quint8(1));
    QCOMPARE(e.node, f.from);
    QCOMPARE(e.peer, f.to);
    QCOMPARE(e.seq, f.seq);
    QCOMPARE(e.msgType, f.type);
    QCOMPARE(e.txId, f.tx);
    QCOMPARE(e.sessionId, f.session);
    QCOMPARE(e.labUs, toUs(controls.now()));
}

// What the receiver did with f's frame (both copies) from trace position `from` on.
struct Fates
{
    qsizetype delivered = 0;
    qsizetype replays = 0;   // refused as a replay
    qsizetype otherwise = 0; // refused for another reason
    std::vector<TraceKind> order;
};

Fates fatesOf(const TraceStore &trace, qsizetype from, const PendingFrame &f)
{
    Fates out;
    trace.forEach(from, trace.size(), [&](const TraceEvent &e) {
        if (e.node != f.to || e.peer != f.from || e.seq != f.seq)
            return;
        if (e.kind == TraceKind::Deliver) {
            ++out.delivered;
            out.order.push_back(e.kind);
        } else if (e.kind == TraceKind::Reject) {
            (e.reason == quint8(WireError::Replay) ? out.replays : out.otherwise) += 1;
            out.order.push_back(e.kind);
        }
    });
    return out;
}

// The diagram's messages for f's frame: the original and its copy, in the order sent.
std::vector<FlowMessage> flowOf(const TraceStore &trace, const PendingFrame &f)
{
    MessageFlow flow;
    flow.advance(trace);
    std::vector<FlowMessage> out;
    for (const FlowMessage &m : flow.allMessages())
        if (m.from == f.from && m.to == f.to && m.seq == f.seq)
            out.push_back(m);
    return out;
}

// The first parked frame that crossed the network (not a local client request).
std::optional<PendingFrame> firstRemote(const std::vector<PendingFrame> &pending)
{
    for (const PendingFrame &p : pending)
        if (p.from != kNoNode)
            return p;
    return std::nullopt;
}
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
    const std::vector<FlowMessage> all = flow.allMessages();
    const auto lost = std::find_if(
        all.begin(), all.end(), [](const FlowMessage &m) { return m.fate == MessageFate::Lost; });
    QVERIFY(lost != all.end());
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

void TestStepping::simDuplicateIsRefusedAsAReplay()
{
    SimLab lab(8);
    const std::optional<PendingFrame> f = firstRemote(lab.controls.pending());
    QVERIFY(f);
    QVERIFY(!lab.controls.duplicate(987654321)); // no such frame
    const qsizetype mark = lab.sim.trace().size();
    PendingFrame copy;
    duplicateChecked(lab.controls, lab.sim.trace(), *f, &copy);
    QVERIFY(!QTest::currentTestFailed());
    // The original first, then the copy: the receiver refuses the copy as a real network
    // duplicate, by its replay window.
    QVERIFY(lab.controls.deliver(f->id));
    QVERIFY(lab.controls.deliver(copy.id));
    QVERIFY(!lab.controls.deliver(copy.id));
    const Fates fates = fatesOf(lab.sim.trace(), mark, *f);
    QCOMPARE(fates.delivered, 1);
    QCOMPARE(fates.replays, 1);
    QCOMPARE(fates.otherwise, 0);
    QCOMPARE(fates.order, (std::vector<TraceKind>{TraceKind::Deliver, TraceKind::Reject}));
    // The diagram draws both: the original delivered, the copy refused.
    const std::vector<FlowMessage> both = flowOf(lab.sim.trace(), *f);
    QCOMPARE(both.size(), size_t(2));
    QVERIFY(both[0].fate == MessageFate::Delivered);
    QVERIFY(!both[0].duplicate);
    QVERIFY(both[1].fate == MessageFate::Refused);
    QCOMPARE(both[1].reason, quint8(WireError::Replay));
    QVERIFY(both[1].duplicate);
    // Nothing else changed: the session goes on and commits.
    int guard = 0;
    while (lab.sim.replies().isEmpty() && guard++ < 200) {
        QVERIFY(!lab.controls.pending().empty());
        QVERIFY(lab.controls.deliver(lab.controls.pending().front().id));
    }
    QCOMPARE(lab.sim.replies().size(), 1);
    QVERIFY(lab.sim.replies().front().outcome == Outcome::Committed);
}

void TestStepping::simCopyDeliveredFirstIsTheOneAccepted()
{
    // In the simulator a parked frame is still on the network (its bytes are verified when it
    // is delivered), so whichever of the two identical frames comes first is accepted and the
    // other is the replay. The diagram gives the first end to the original either way.
    SimLab lab(9);
    const std::optional<PendingFrame> f = firstRemote(lab.controls.pending());
    QVERIFY(f);
    const qsizetype mark = lab.sim.trace().size();
    PendingFrame copy;
    duplicateChecked(lab.controls, lab.sim.trace(), *f, &copy);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(lab.controls.deliver(copy.id));
    QVERIFY(lab.controls.deliver(f->id));
    const Fates fates = fatesOf(lab.sim.trace(), mark, *f);
    QCOMPARE(fates.order, (std::vector<TraceKind>{TraceKind::Deliver, TraceKind::Reject}));
    QCOMPARE(fates.replays, 1);
    const std::vector<FlowMessage> both = flowOf(lab.sim.trace(), *f);
    QCOMPARE(both.size(), size_t(2));
    QVERIFY(both[0].fate == MessageFate::Delivered && !both[0].duplicate);
    QVERIFY(both[1].fate == MessageFate::Refused && both[1].duplicate);
}

void TestStepping::simIsRepeatableWithDuplicates()
{
    // The same seed and the same choices, duplicates among them (every fourth step copies the
    // oldest frame), give the same trace, event for event (reason included: traceDigest).
    const auto runOnce = [] {
        SimLab lab(10);
        for (int i = 0; i < 60; ++i) {
            const std::vector<PendingFrame> pending = lab.controls.pending();
            if (pending.empty()) {
                if (!lab.controls.advanceToNextDeadline())
                    break;
                continue;
            }
            if (i % 4 == 1)
                lab.controls.duplicate(pending.front().id);
            else if (i % 7 == 6)
                lab.controls.drop(pending.back().id);
            else
                lab.controls.deliver(pending.back().id);
        }
        qsizetype copies = 0;
        qsizetype replays = 0;
        lab.sim.trace().forEach(0, lab.sim.trace().size(), [&](const TraceEvent &e) {
            copies += duplicatedByHand(e);
            replays += e.kind == TraceKind::Reject && e.reason == quint8(WireError::Replay);
        });
        return std::make_tuple(traceDigest(lab.sim.trace()), lab.sim.trace().size(), copies,
                               replays);
    };
    const auto a = runOnce();
    const auto b = runOnce();
    QVERIFY(std::get<1>(a) > 50);
    QVERIFY(std::get<2>(a) >= 5);
    QVERIFY(std::get<3>(a) >= 1); // some copy was delivered after its original
    QCOMPARE(std::get<0>(a), std::get<0>(b));
    QCOMPARE(std::get<1>(a), std::get<1>(b));
    QCOMPARE(std::get<2>(a), std::get<2>(b));
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

void TestStepping::threadsDuplicateIsRefusedAsAReplay()
{
    Cluster cluster(quietConfig(11));
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    QVERIFY(cluster.settle(5000));
    ThreadControls controls(cluster);
    QSignalSpy replies(&cluster, &Cluster::sessionFinished);
    cluster.submit(u"001010000000003"_s, u"DATA"_s, u"2PC"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, 15000); // warm: connections up, leader known
    controls.setStepMode(true);
    cluster.submit(u"001010000000004"_s, u"VOICE"_s, u"2PC"_s);
    // The client request waits at the edge first: a local message, nothing to copy.
    QTRY_VERIFY_WITH_TIMEOUT(!controls.pending().empty(), 10000);
    std::optional<PendingFrame> f = firstRemote(controls.pending());
    if (!f) {
        const PendingFrame local = controls.pending().front();
        QCOMPARE(local.from, kNoNode);
        QVERIFY(!controls.duplicate(local.id));
        QVERIFY(controls.deliver(local.id));
        QTRY_VERIFY_WITH_TIMEOUT((f = firstRemote(controls.pending())).has_value(), 10000);
    }
    QVERIFY(!controls.duplicate(987654321)); // no such frame
    // Over real TCP: the copy is parked beside the original, at the same receiver.
    qsizetype mark = cluster.trace().size();
    PendingFrame copy;
    duplicateChecked(controls, cluster.trace(), *f, &copy);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(controls.deliver(f->id));
    QVERIFY(controls.deliver(copy.id));
    Fates fates = fatesOf(cluster.trace(), mark, *f);
    QCOMPARE(fates.delivered, 1);
    QCOMPARE(fates.replays, 1);
    QCOMPARE(fates.otherwise, 0);
    QCOMPARE(fates.order, (std::vector<TraceKind>{TraceKind::Deliver, TraceKind::Reject}));
    std::vector<FlowMessage> both = flowOf(cluster.trace(), *f);
    QCOMPARE(both.size(), size_t(2));
    QVERIFY(both[0].fate == MessageFate::Delivered && !both[0].duplicate);
    QVERIFY(both[1].fate == MessageFate::Refused && both[1].duplicate);
    QCOMPARE(both[1].reason, quint8(WireError::Replay));
    // On threads a frame is verified when it arrives, before it is parked, so the original is
    // in the replay window already: a copy delivered first is the one refused, and the
    // original is still delivered after it.
    QTRY_VERIFY_WITH_TIMEOUT((f = firstRemote(controls.pending())).has_value(), 10000);
    mark = cluster.trace().size();
    duplicateChecked(controls, cluster.trace(), *f, &copy);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(controls.deliver(copy.id));
    QCOMPARE(sameFrame(controls.pending(), *f).size(), size_t(1)); // the original waits on
    QVERIFY(controls.deliver(f->id));
    fates = fatesOf(cluster.trace(), mark, *f);
    QCOMPARE(fates.order, (std::vector<TraceKind>{TraceKind::Reject, TraceKind::Deliver}));
    QCOMPARE(fates.replays, 1);
    // Neither copy disturbed the session: stepped through, it commits.
    int steps = 0;
    while (replies.size() < 2 && steps++ < 300) {
        QTRY_VERIFY_WITH_TIMEOUT(!controls.pending().empty() || replies.size() >= 2, 10000);
        if (replies.size() >= 2)
            break;
        QVERIFY(controls.deliver(controls.pending().front().id));
    }
    QCOMPARE(replies.size(), 2);
    QVERIFY(replies.at(1).at(0).value<ClientReply>().outcome == Outcome::Committed);
    controls.setStepMode(false);
    cluster.stop();
}

QTEST_GUILESS_MAIN(TestStepping)
#include "tst_stepping.moc"
