// The sequence diagram's fold: sends paired with their delivery, loss or refusal, forgeries
// from mallory, leadership intervals, and the queries the diagram paints from (what is on
// screen between two lab times, how many were sent, a transaction's messages), checked
// against recorded runs of the real cast in the simulator and against a brute-force scan.

#include "../integration/headlessrun.h"
#include "faults/faultplan.h"
#include "lab/faultrunner.h"
#include "lab/headless.h"
#include "lab/labcontrols.h"
#include "lab/simcluster.h"
#include "timeline/messageflow.h"
#include "trace/chrometrace.h"
#include "trace/facts.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <random>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestMessageFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pairsEverySendWithItsFate_data();
    void pairsEverySendWithItsFate();
    void forgeriesComeFromMallory();
    void leadershipIntervals();
    void queriesMatchABruteForceScan();
    void foldsIncrementally();
    void faultsOnTheLifelines();
    void linkFaultsOnTheLifelines();
    void simulatedNetworkLossesAreTheSenders();
    void handMadeTrace();
    void aLongRunWidensItsDensityBuckets();
    void duplicateInAStepModeRun();
    void copiesTakeTheEndsInTheOrderSent();
    void lettingBlocksGoChangesNoAnswer_data();
    void lettingBlocksGoChangesNoAnswer();
    void lettingBlocksGoOnRandomTraces();

private:
    std::unique_ptr<TraceStore> record(const QString &scenario, quint64 seed,
                                       const QString &protocol = QString());
    QTemporaryDir m_dir;
};

std::unique_ptr<TraceStore> TestMessageFlow::record(const QString &scenario, quint64 seed,
                                                    const QString &protocol)
{
    HeadlessOptions o;
    o.scenario = scenario;
    o.seed = seed;
    o.sim = true;
    o.protocol = protocol;
    o.outDir = m_dir.filePath(scenario + QString::number(seed) + protocol);
    return testing::recordedTrace(o);
}

void TestMessageFlow::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestMessageFlow::pairsEverySendWithItsFate_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("demo") << u"demo"_s << QString() << quint64(2);
    QTest::newRow("chaos") << u"chaos"_s << QString() << quint64(5);
    QTest::newRow("coordinator-crash 3PC") << u"coordinator-crash"_s << u"3PC"_s << quint64(1);
}

void TestMessageFlow::pairsEverySendWithItsFate()
{
    QFETCH(QString, scenario);
    QFETCH(QString, protocol);
    QFETCH(quint64, seed);
    const auto trace = record(scenario, seed, protocol);
    MessageFlow flow;
    QCOMPARE(flow.advance(*trace), trace->size());
    qsizetype sends = 0;
    qsizetype drops = 0;
    trace->forEach(0, trace->size(), [&](const TraceEvent &e) {
        sends += e.kind == TraceKind::Send;
        drops += e.kind == TraceKind::Drop;
    });
    qsizetype fromSends = 0;
    qsizetype lost = 0;
    for (const FlowMessage &m : flow.allMessages()) {
        if (m.sendEvent < 0) {
            QVERIFY(m.fate == MessageFate::Refused); // only a forgery has no send
            continue;
        }
        ++fromSends;
        const TraceEvent send = trace->at(m.sendEvent);
        QVERIFY(send.kind == TraceKind::Send);
        QCOMPARE(send.node, m.from);
        QCOMPARE(send.peer, m.to);
        QCOMPARE(send.seq, m.seq);
        if (m.fate == MessageFate::InFlight) {
            QCOMPARE(m.endEvent, qsizetype(-1));
            continue;
        }
        const TraceEvent end = trace->at(m.endEvent);
        QVERIFY(m.endEvent > m.sendEvent || (m.reason == 4 && m.endEvent == m.sendEvent));
        QVERIFY(m.endUs >= m.sentUs);
        if (!(m.fate == MessageFate::Lost && m.reason == 4)) // a crash names no frame
            QCOMPARE(end.seq, m.seq);
        switch (m.fate) {
        case MessageFate::Delivered:
            QVERIFY(end.kind == TraceKind::Deliver);
            QCOMPARE(end.node, m.to);
            QCOMPARE(end.peer, m.from);
            break;
        case MessageFate::Refused:
            QVERIFY(end.kind == TraceKind::Reject);
            QCOMPARE(end.node, m.to);
            break;
        case MessageFate::Lost:
            if (m.reason == 4) { // its receiver crashed with it on the way, or was down
                QVERIFY((hostEvent(end) == HostEvent::Crashed && end.node == m.to) ||
                        m.endEvent == m.sendEvent);
                break;
            }
            ++lost;
            QVERIFY(end.kind == TraceKind::Drop);
            QCOMPARE(end.node, m.from);
            QVERIFY(m.reason == 1 || m.reason == 2);
            break;
        case MessageFate::InFlight:
            break;
        }
    }
    QCOMPARE(fromSends, sends); // every send is one message
    QCOMPARE(lost, drops);      // every loss ends one
    if (scenario == u"chaos"_s)
        QVERIFY(lost > 0);
}

void TestMessageFlow::forgeriesComeFromMallory()
{
    const auto trace = record(u"demo"_s, 3);
    MessageFlow flow;
    flow.advance(*trace);
    const NodeId mallory = static_cast<NodeId>(trace->nodeNames().indexOf(u"mallory"_s));
    qsizetype rejects = 0;
    trace->forEach(0, trace->size(),
                   [&](const TraceEvent &e) { rejects += e.kind == TraceKind::Reject; });
    qsizetype forged = 0;
    qsizetype refused = 0;
    for (const FlowMessage &m : flow.allMessages()) {
        refused += m.fate == MessageFate::Refused;
        if (m.cls == MessageClass::Forged) {
            ++forged;
            QCOMPARE(m.from, mallory);
            QVERIFY(m.fate == MessageFate::Refused);
            QVERIFY(m.to != mallory);
        }
    }
    QVERIFY(rejects > 0);
    QCOMPARE(refused, rejects); // every refusal ends exactly one message
    QCOMPARE(forged, rejects);  // in the demo, every refused frame is mallory's
}

void TestMessageFlow::leadershipIntervals()
{
    const auto trace = record(u"failover"_s, 2);
    MessageFlow flow;
    flow.advance(*trace);
    const std::vector<LeaderInterval> &leaders = flow.leaders();
    QVERIFY2(leaders.size() >= 2, "the failover hands the lease on");
    QCOMPARE(trace->nodeName(leaders.front().node), u"sm-1"_s);
    QVERIFY(leaders.front().toUs > leaders.front().fromUs); // it lost the lease when it crashed
    // The crashed leader's lifeline is down from its crash to its restart.
    QVERIFY(!flow.downs().empty());
    const DownInterval &down = flow.downs().front();
    QCOMPARE(down.node, leaders.front().node);
    QCOMPARE(down.fromUs, leaders.front().toUs); // it led until it crashed
    QVERIFY(down.toUs > down.fromUs);            // and came back
    QVERIFY(hostEvent(trace->at(down.fromEvent)) == HostEvent::Crashed);
    QVERIFY(hostEvent(trace->at(down.toEvent)) == HostEvent::Restarted);
    // Tokens grow, and no two intervals with different tokens overlap by more than the
    // lease's drift (the old leader learns late that it lost; fencing covers that).
    for (size_t i = 1; i < leaders.size(); ++i) {
        QVERIFY(leaders[i].token > leaders[i - 1].token);
        QVERIFY(leaders[i].node != kNoNode);
    }
}

void TestMessageFlow::queriesMatchABruteForceScan()
{
    const auto trace = record(u"chaos"_s, 8);
    MessageFlow flow;
    flow.advance(*trace);
    const std::vector<FlowMessage> &all = flow.allMessages();
    std::mt19937_64 rng(8);
    const qint64 span = flow.lastUs() - flow.firstUs();
    for (int round = 0; round < 200; ++round) {
        qint64 a = flow.firstUs() + static_cast<qint64>(rng() % static_cast<quint64>(span + 1));
        qint64 width = round % 3 == 0 ? 1000 : round % 3 == 1 ? 100'000 : span;
        const qint64 b = a + static_cast<qint64>(rng() % static_cast<quint64>(width + 1));
        std::vector<int> expected;
        qsizetype sent = 0;
        for (int id = 0; id < static_cast<int>(all.size()); ++id) {
            const FlowMessage &m = all[static_cast<size_t>(id)];
            if (m.sentUs <= b && (m.endUs < 0 || m.endUs >= a))
                expected.push_back(id);
            sent += m.sentUs >= a && m.sentUs < b;
        }
        std::vector<int> got = flow.visible(a, b);
        std::sort(got.begin(), got.end());
        QCOMPARE(got, expected);
        QCOMPARE(flow.sentBetween(a, b), sent);
        // The range-count index, at bucket edges, per sender.
        const qint64 ab = a / flow.bucketUs() * flow.bucketUs();
        const qint64 bb = (b / flow.bucketUs() + 1) * flow.bucketUs();
        for (NodeId sender = 1; sender <= 9; ++sender) {
            quint64 bySender = 0;
            for (const FlowMessage &m : all)
                bySender += m.from == sender && m.sentUs >= ab && m.sentUs < bb;
            QCOMPARE(flow.sentBy(sender, ab, bb), bySender);
        }
        // By trace position too.
        const qsizetype ea = static_cast<qsizetype>(rng() % static_cast<quint64>(trace->size()));
        const qsizetype eb = ea + static_cast<qsizetype>(rng() % 2000);
        std::vector<int> byOrder;
        for (int id = 0; id < static_cast<int>(all.size()); ++id) {
            const FlowMessage &m = all[static_cast<size_t>(id)];
            if (m.firstEvent() <= eb && (m.endEvent < 0 || m.endEvent >= ea))
                byOrder.push_back(id);
        }
        QCOMPARE(flow.visibleByOrder(ea, eb), byOrder);
    }
    // A transaction's messages: all of them, in order of their send.
    TxId tx = 0;
    for (const FlowMessage &m : all)
        if (m.type == quint16(MsgType::Prepare)) {
            tx = m.tx;
            break;
        }
    const std::vector<int> ofTx = flow.ofTransaction(tx);
    QVERIFY(ofTx.size() >= 4); // two PREPAREs and two votes at least
    for (size_t i = 0; i < ofTx.size(); ++i) {
        QCOMPARE(all[static_cast<size_t>(ofTx[i])].tx, tx);
        if (i)
            QVERIFY(all[static_cast<size_t>(ofTx[i - 1])].sentUs <=
                    all[static_cast<size_t>(ofTx[i])].sentUs);
    }
}

void TestMessageFlow::foldsIncrementally()
{
    // Folding a trace in pieces (as the window does, thirty times a second) gives what one
    // pass gives.
    const auto trace = record(u"demo"_s, 4);
    MessageFlow whole;
    whole.advance(*trace);
    MessageFlow pieces;
    TraceStore growing(trace->nodeCount(), trace->size() + 1);
    growing.setNodeNames(trace->nodeNames());
    for (qsizetype i = 0; i < trace->size(); ++i) {
        growing.append(trace->at(i));
        if (i % 97 == 0)
            pieces.advance(growing);
    }
    pieces.advance(growing);
    QCOMPARE(pieces.consumed(), whole.consumed());
    QCOMPARE(pieces.messageCount(), whole.messageCount());
    for (size_t i = 0; i < whole.messageCount(); ++i) {
        QCOMPARE(pieces.message(int(i)).endEvent, whole.message(int(i)).endEvent);
        QVERIFY(pieces.message(int(i)).fate == whole.message(int(i)).fate);
    }
}

namespace {
// Every Drop in the trace is the sender's, names its frame (reason 1 partition, 2 loss, 3 by
// hand) and ends exactly one message as lost. Returns how many there were.
int everyLossEndsAMessage(const TraceStore &trace, const MessageFlow &flow)
{
    std::vector<int> endedBy(static_cast<size_t>(trace.size()), -1);
    for (size_t id = 0; id < flow.messageCount(); ++id)
        if (flow.message(int(id)).endEvent >= 0)
            endedBy[static_cast<size_t>(flow.message(int(id)).endEvent)] = int(id);
    int drops = 0;
    for (qsizetype i = 0; i < trace.size(); ++i) {
        const TraceEvent e = trace.at(i);
        if (e.kind != TraceKind::Drop)
            continue;
        ++drops;
        const int id = endedBy[static_cast<size_t>(i)];
        if (e.reason < 1 || e.reason > 3 || id < 0) {
            qWarning("#%lld %s (reason %d) ends no message", static_cast<long long>(i),
                     qPrintable(e.detail), e.reason);
            return -1;
        }
        const FlowMessage m = flow.message(id);
        if (m.fate != MessageFate::Lost || m.from != e.node || m.seq != e.seq)
            return -1;
    }
    return drops;
}
} // namespace

void TestMessageFlow::faultsOnTheLifelines()
{
    // Chaos switches pauses, slow services, isolation and partitions on and off; everything
    // heals at 20 s. The fold reads them from the typed fault facts, not from their text.
    const auto trace = record(u"chaos"_s, 21);
    MessageFlow flow;
    flow.advance(*trace);
    QVERIFY(!flow.faults().empty());
    qsizetype faultEvents = 0;
    trace->forEach(0, trace->size(),
                   [&](const TraceEvent &e) { faultEvents += faultAction(e).has_value(); });
    QVERIFY(faultEvents > 0); // every fault event typed
    // Its splits lose frames, some of them already on their way: each the sender's loss.
    QVERIFY(everyLossEndsAMessage(*trace, flow) > 0);
    // This seed pauses sm-2, slows the dsm and splits the cast twice.
    const auto has = [&](FaultInterval::Kind k) {
        return std::any_of(flow.faults().begin(), flow.faults().end(),
                           [k](const FaultInterval &f) { return f.kind == k; });
    };
    QVERIFY(has(FaultInterval::Kind::Paused));
    QVERIFY(has(FaultInterval::Kind::Slow));
    QVERIFY(has(FaultInterval::Kind::Partitioned));
    for (const FaultInterval &f : flow.faults()) {
        const TraceEvent opened = trace->at(f.fromEvent);
        QVERIFY(opened.kind == TraceKind::Fault);
        if (f.kind != FaultInterval::Kind::Partitioned)
            QCOMPARE(opened.node, f.node);
        // Everything heals at 20 s: nothing is left on at the end.
        QVERIFY2(f.toUs >= f.fromUs, qPrintable(opened.detail));
        if (f.kind == FaultInterval::Kind::Slow)
            QVERIFY(f.value > 0);
    }
}

// A link's fault is on the link: from its sender to its receiver (either may be every node),
// from the step that makes it faulty to the one that makes it clean (or clear-links, or
// clear). The documented plan: sm-1 <-> rm lossy from 500 ms until the clear at 7 s.

void TestMessageFlow::linkFaultsOnTheLifelines()
{
    HeadlessOptions o;
    o.scenario = u"demo"_s;
    o.seed = 4;
    o.sim = true;
    o.sessions = 60;
    o.faultsFile = QFINDTESTDATA("../docs/examples/lossy-then-split.json");
    QVERIFY(!o.faultsFile.isEmpty());
    o.outDir = m_dir.filePath(u"links"_s);
    const std::unique_ptr<TraceStore> trace = testing::recordedTrace(o);
    MessageFlow flow;
    flow.advance(*trace);
    const QStringList names = trace->nodeNames();
    const auto sm1 = NodeId(names.indexOf(u"sm-1"_s));
    const auto rm = NodeId(names.indexOf(u"rm"_s));
    std::vector<FaultInterval> links;
    for (const FaultInterval &f : flow.faults())
        if (f.kind == FaultInterval::Kind::Link)
            links.push_back(f);
    QCOMPARE(links.size(), size_t(1)); // both ways: one step, one interval
    const FaultInterval &l = links.front();
    QCOMPARE(l.node, sm1);
    QCOMPARE(l.peer, rm);
    QCOMPARE(l.fromUs, qint64(500'000));
    QCOMPARE(l.toUs, qint64(7'000'000)); // the clear
    const TraceEvent opened = trace->at(l.fromEvent);
    QVERIFY(faultAction(opened) == FaultStep::Action::Link);
    QCOMPARE(opened.peer, rm);
    QCOMPARE(opened.seq, quint64(1));
    // Every loss in this run (the lossy link's, the split's) is the sender's and ends one
    // message as lost.
    QVERIFY(everyLossEndsAMessage(*trace, flow) > 10);
    // Hand-made: a link made faulty, faulty again (replaced), clean; every link, then
    // clear-links.
    TraceStore t(3, 100);
    t.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s});
    const auto step = [&t](NodeId from, NodeId to, quint64 on, FaultStep::Action a, qint64 us) {
        TraceEvent e;
        e.kind = TraceKind::Fault;
        e.node = from;
        e.peer = to;
        e.reason = faultReason(a);
        e.seq = on;
        e.labUs = us;
        t.append(e);
    };
    step(1, 2, 1, FaultStep::Action::Link, 100);
    step(1, 2, 1, FaultStep::Action::Link, 200);
    step(1, 3, 1, FaultStep::Action::Link, 250);
    step(1, 2, 0, FaultStep::Action::Link, 300);
    step(kNoNode, kNoNode, 1, FaultStep::Action::Link, 400);
    step(kNoNode, kNoNode, 0, FaultStep::Action::ClearLinks, 500);
    MessageFlow hand;
    hand.advance(t);
    QCOMPARE(hand.faults().size(), size_t(4));
    const auto &f = hand.faults();
    QCOMPARE(f[0].fromUs, 100);
    QCOMPARE(f[0].toUs, 200);
    QCOMPARE(f[1].fromUs, 200);
    QCOMPARE(f[1].toUs, 300);
    QCOMPARE(f[2].peer, NodeId(3));
    QCOMPARE(f[2].toUs, 500); // clear-links ends it
    QCOMPARE(f[3].node, kNoNode);
    QCOMPARE(f[3].peer, kNoNode);
    QCOMPARE(f[3].toUs, 500);
}

void TestMessageFlow::handMadeTrace()
{
    // A restarted sender reuses its frame numbers; a duplicate is drawn once; a frame still
    // in flight is on screen at any later time.
    TraceStore trace(3, 100);
    trace.setNodeNames({QString(), u"a"_s, u"b"_s, u"mallory"_s});
    const auto ev = [&](TraceKind k, NodeId node, NodeId peer, quint64 seq, qint64 us) {
        TraceEvent e;
        e.kind = k;
        e.node = node;
        e.peer = peer;
        e.seq = seq;
        e.labUs = us;
        e.msgType = quint16(MsgType::Prepare);
        trace.append(e);
    };
    ev(TraceKind::Send, 1, 2, 1, 100);
    ev(TraceKind::Deliver, 2, 1, 1, 150);
    ev(TraceKind::Deliver, 2, 1, 1, 160); // the network's duplicate
    ev(TraceKind::Send, 1, 2, 1, 1000);   // after a restart: frame 1 again
    ev(TraceKind::Send, 1, 2, 2, 1100);   // never delivered
    ev(TraceKind::Deliver, 2, 1, 1, 1200);
    MessageFlow flow;
    flow.advance(trace);
    QCOMPARE(flow.messageCount(), size_t(3));
    QCOMPARE(flow.message(int(0)).endUs, 150);
    QCOMPARE(flow.message(int(1)).endUs, 1200);
    QVERIFY(flow.message(int(2)).fate == MessageFate::InFlight);
    QCOMPARE(flow.visible(5000, 6000), std::vector<int>{2});
    QCOMPARE(flow.visible(0, 120), std::vector<int>{0});
}

// Twelve hours of lab time (an hour at 10x and more): the density index widens its buckets
// rather than growing past kMaxBuckets a sender, and still counts exactly at its edges, late
// sends (threads' clocks) included.
void TestMessageFlow::aLongRunWidensItsDensityBuckets()
{
    TraceStore trace(4, 100'000);
    trace.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s, u"mallory"_s});
    std::mt19937_64 rng(99);
    std::vector<std::pair<NodeId, qint64>> sends;
    MessageFlow flow;
    qint64 us = 5'000'000;
    for (int i = 0; i < 20'000; ++i) {
        us += qint64(rng() % 5'000'000);
        const auto from = static_cast<NodeId>(1 + rng() % 3);
        const qint64 at = i > 0 && rng() % 5 == 0 ? us - qint64(rng() % 5000) : us; // late
        TraceEvent e;
        e.kind = TraceKind::Send;
        e.node = from;
        e.peer = static_cast<NodeId>(1 + (from % 3));
        e.seq = quint64(i + 1);
        e.labUs = at;
        e.msgType = quint16(MsgType::Prepare);
        trace.append(e);
        sends.emplace_back(from, at);
        if (i % 1000 == 999)
            flow.advance(trace);
    }
    flow.advance(trace);
    QVERIFY2(us > 12 * 3600 * qint64(1'000'000), "twelve hours of lab time");
    QVERIFY(flow.bucketUs() > MessageFlow::kBucketUs);
    QCOMPARE(flow.bucketUs() % MessageFlow::kBucketUs, qint64(0));
    QVERIFY(MessageFlow::kMaxBuckets * flow.bucketUs() > us - sends.front().second);
    // Bounded: at most kMaxBuckets counts a sender (plus the blocks' own summaries).
    QVERIFY(flow.summaryBytes() < qsizetype(5 * (MessageFlow::kMaxBuckets + 1) * 4));
    for (int k = 0; k < 200; ++k) {
        const qint64 w = flow.bucketUs();
        const qint64 a = qint64(rng() % quint64(us)) / w * w;
        const qint64 b = a + (1 + qint64(rng() % 5000)) * w;
        for (NodeId sender = 1; sender <= 3; ++sender) {
            quint64 expected = 0;
            for (const auto &[from, at] : sends)
                expected += from == sender && at >= a && at < b;
            QCOMPARE(flow.sentBy(sender, a, b), expected);
        }
    }
    // Within a bucket its count is spread evenly: quarters of a bucket add up to it.
    for (int k = 0; k < 100; ++k) {
        const qint64 w = flow.bucketUs();
        const qint64 lo = qint64(rng() % quint64(us)) / w * w;
        const auto sender = static_cast<NodeId>(1 + rng() % 3);
        const quint64 whole = flow.sentBy(sender, lo, lo + w);
        quint64 parts = 0;
        for (int q = 0; q < 4; ++q)
            parts += flow.sentBy(sender, lo + q * w / 4, lo + (q + 1) * w / 4);
        QVERIFY2(parts + 2 >= whole && parts <= whole + 2,
                 qPrintable(QString::number(parts) + u" for "_s + QString::number(whole)));
    }
    const qint64 end = (us / flow.bucketUs() + 1) * flow.bucketUs();
    QCOMPARE(flow.sentBy(1, 0, end) + flow.sentBy(2, 0, end) + flow.sentBy(3, 0, end),
             quint64(sends.size()));
}

// The simulator's own network losses (a lossy SimNetwork) and the frames a split cuts while
// they are on their way: each recorded as its sender's loss of that frame, so the diagram ends
// the arrow in a cross instead of leaving it in flight for ever.
void TestMessageFlow::simulatedNetworkLossesAreTheSenders()
{
    ClusterConfig config;
    config.seed = 5;
    config.mallory.framesPerSecond = 0;
    SimNetwork net;
    net.lossRate = 0.03;
    net.delayMin = std::chrono::milliseconds(5); // long enough on the wire to be cut there
    net.delayMax = std::chrono::milliseconds(20);
    SimCluster sim(config, net);
    SimControls controls(sim);
    sim.settle(std::chrono::seconds(2)); // a leader, the connections up
    LoadSpec load;
    load.sessions = 60;
    load.concurrency = 4;
    load.thinkMs = 20;
    // A split in the middle of the load, healed 300 ms later.
    const Instant at = sim.host().now();
    sim.host().at(at + std::chrono::milliseconds(300), [&] {
        FaultStep split;
        split.action = FaultStep::Action::Split;
        split.groups = {{u"sm-1"_s, u"edge"_s}, {u"rm"_s, u"billing"_s, u"dsm"_s}};
        applyFaultStep(split, controls);
    });
    sim.host().at(at + std::chrono::milliseconds(600), [&] {
        FaultStep heal;
        heal.action = FaultStep::Action::Heal;
        applyFaultStep(heal, controls);
    });
    sim.runLoad(load, 5, std::chrono::seconds(60));
    MessageFlow flow;
    flow.advance(sim.trace());
    int inFlight = 0;
    sim.trace().forEach(0, sim.trace().size(), [&](const TraceEvent &e) {
        inFlight += e.kind == TraceKind::Drop && e.detail.startsWith(u"dropped in flight"_s);
    });
    QVERIFY(inFlight > 0);
    QVERIFY(everyLossEndsAMessage(sim.trace(), flow) > inFlight);
}

void TestMessageFlow::duplicateInAStepModeRun()
{
    // A real step-mode run in the simulator: a frame duplicated by hand, the original and then
    // the copy delivered, the session stepped on to its end; the trace saved and read back.
    ClusterConfig config;
    config.seed = 12;
    config.mallory.framesPerSecond = 0;
    SimCluster sim(config);
    SimControls controls(sim);
    sim.settle(std::chrono::seconds(2));
    controls.setStepMode(true);
    sim.submit(u"001010000000077"_s, u"VOICE"_s, u"2PC"_s);
    sim.host().runUntil(sim.host().now());
    QVERIFY(!controls.pending().empty());
    const PendingFrame original = controls.pending().front();
    QVERIFY(original.from != kNoNode);
    QVERIFY(controls.duplicate(original.id));
    const PendingFrame copy = controls.pending().back();
    QVERIFY(copy.id != original.id);
    QCOMPARE(copy.seq, original.seq);
    QVERIFY(controls.deliver(original.id));
    QVERIFY(controls.deliver(copy.id));
    for (int guard = 0; sim.replies().isEmpty() && guard < 200; ++guard) {
        QVERIFY(!controls.pending().empty());
        QVERIFY(controls.deliver(controls.pending().front().id));
    }
    QCOMPARE(sim.replies().size(), 1);
    const QString path = m_dir.filePath(u"duplicate.ectrace"_s);
    QString error;
    QVERIFY2(writeTraceFile(sim.trace(), path, &error), qPrintable(error));
    TraceFileContents run = readTraceFile(path);
    QVERIFY2(run.trace, qPrintable(run.error));
    const TraceStore &trace = *run.trace;

    MessageFlow flow;
    QCOMPARE(flow.advance(trace), trace.size());
    std::vector<FlowMessage> both;
    qsizetype sends = 0;
    trace.forEach(0, trace.size(),
                  [&](const TraceEvent &e) { sends += e.kind == TraceKind::Send; });
    qsizetype fromSends = 0;
    qsizetype duplicates = 0;
    for (const FlowMessage &m : flow.allMessages()) {
        fromSends += m.sendEvent >= 0;
        duplicates += m.duplicate;
        if (m.from == original.from && m.to == original.to && m.seq == original.seq)
            both.push_back(m);
    }
    QCOMPARE(fromSends, sends); // the copy's send is a message of its own
    QCOMPARE(duplicates, 1);
    QCOMPARE(both.size(), size_t(2));
    // The original first: delivered, by the frame's Deliver.
    QVERIFY(both[0].fate == MessageFate::Delivered);
    QVERIFY(!both[0].duplicate);
    QVERIFY(!duplicatedByHand(trace.at(both[0].sendEvent)));
    QVERIFY(trace.at(both[0].endEvent).kind == TraceKind::Deliver);
    // Then the copy: sent by hand at the original's sender, refused by its receiver as a replay.
    QVERIFY(both[1].duplicate);
    QVERIFY(both[1].fate == MessageFate::Refused);
    QCOMPARE(both[1].reason, quint8(WireError::Replay));
    QCOMPARE(both[1].type, both[0].type);
    QCOMPARE(both[1].tx, both[0].tx);
    QCOMPARE(both[1].session, both[0].session);
    const TraceEvent sent = trace.at(both[1].sendEvent);
    QVERIFY(duplicatedByHand(sent));
    QCOMPARE(sent.node, original.from);
    QCOMPARE(sent.peer, original.to);
    const TraceEvent refused = trace.at(both[1].endEvent);
    QVERIFY(refused.kind == TraceKind::Reject);
    QCOMPARE(refused.node, original.to);
    QCOMPARE(refused.peer, original.from);
    QCOMPARE(refused.seq, original.seq);
    QVERIFY(both[1].sendEvent > both[0].sendEvent);
    QVERIFY(both[1].endEvent > both[0].endEvent);
    // The Chrome trace: the copy's send has no arrow of its own, the original keeps its.
    QBuffer json;
    QVERIFY(json.open(QIODevice::WriteOnly));
    QVERIFY(writeChromeTrace(trace, json, &error));
    const QJsonArray events =
        QJsonDocument::fromJson(json.data()).object().value(u"traceEvents"_s).toArray();
    QSet<qint64> starts;
    qsizetype ends = 0;
    for (const QJsonValue &v : events) {
        const QJsonObject o = v.toObject();
        if (o.value(u"ph"_s) == u"s"_s)
            starts.insert(o.value(u"id"_s).toInteger());
        else if (o.value(u"ph"_s) == u"f"_s) {
            ++ends;
            QVERIFY(starts.contains(o.value(u"id"_s).toInteger()));
        }
    }
    QCOMPARE(starts.size(), sends - 1);
    QVERIFY(ends > 0);
}

void TestMessageFlow::copiesTakeTheEndsInTheOrderSent()
{
    // Ends of one (sender, seq) go to its messages first sent, first ended; a copy still on its
    // way is on screen and lost with a crashed receiver; a send of a restarted sender's
    // reused number forgets the copies of the old one.
    TraceStore trace(3, 100);
    trace.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s});
    const auto ev = [&](TraceKind k, NodeId node, NodeId peer, quint64 seq, qint64 us,
                        quint8 reason = 0) {
        TraceEvent e;
        e.kind = k;
        e.node = node;
        e.peer = peer;
        e.seq = seq;
        e.labUs = us;
        e.reason = reason;
        e.msgType = quint16(MsgType::Prepare);
        trace.append(e);
    };
    const quint8 replay = quint8(WireError::Replay);
    ev(TraceKind::Send, 1, 2, 7, 100);           // 0: the original
    ev(TraceKind::Send, 1, 2, 7, 200, 1);        // 1: a copy by hand
    ev(TraceKind::Send, 1, 2, 7, 300, 1);        // 2: another
    ev(TraceKind::Deliver, 2, 1, 7, 400);        // the original's
    ev(TraceKind::Reject, 2, 1, 7, 500, replay); // the first copy's
    ev(TraceKind::Drop, 1, 2, 7, 600, 3);        // the second copy, dropped by hand
    ev(TraceKind::Send, 1, 3, 8, 1000);          // 3: to c
    ev(TraceKind::Send, 1, 3, 8, 1100, 1);       // 4: its copy
    ev(TraceKind::Send, 1, 3, 9, 1200, 1);       // 5: a copy of a frame never seen sent
    MessageFlow flow;
    flow.advance(trace);
    QCOMPARE(flow.messageCount(), size_t(6));
    std::vector<FlowMessage> m = flow.allMessages(); // a copy: taken again after each fold
    QVERIFY(m[0].fate == MessageFate::Delivered && !m[0].duplicate);
    QVERIFY(m[1].fate == MessageFate::Refused && m[1].duplicate);
    QCOMPARE(m[1].reason, replay);
    QCOMPARE(m[1].endUs, 500);
    QVERIFY(m[2].fate == MessageFate::Lost && m[2].duplicate);
    QCOMPARE(m[2].reason, quint8(3));
    QVERIFY(m[3].fate == MessageFate::InFlight && m[4].fate == MessageFate::InFlight);
    QVERIFY(m[4].duplicate && m[5].duplicate);
    // Still on their way long after: on screen, the copies too.
    QCOMPARE(flow.visible(50'000, 60'000), (std::vector<int>{3, 4, 5}));
    QCOMPARE(flow.visibleByOrder(100, 120), (std::vector<int>{3, 4, 5}));
    // c crashes: the original and both copies on their way to it are lost with it.
    TraceEvent crash;
    crash.kind = TraceKind::State;
    crash.node = 3;
    crash.reason = quint8(HostEvent::Crashed);
    crash.labUs = 2000;
    trace.append(crash);
    flow.advance(trace);
    m = flow.allMessages();
    for (int id : {3, 4, 5}) {
        QVERIFY(m[size_t(id)].fate == MessageFate::Lost);
        QCOMPARE(m[size_t(id)].reason, quint8(4));
    }
    // a restarts and numbers its frames anew, 8 again: the new send takes the key, and the
    // end that follows is its own (the old frame and its copy are forgotten).
    ev(TraceKind::Send, 1, 2, 8, 3000); // 6: reuses 8 (to b this time)
    ev(TraceKind::Deliver, 2, 1, 8, 3100);
    ev(TraceKind::Deliver, 3, 1, 8, 3200); // a late delivery for c: nothing left
    flow.advance(trace);
    m = flow.allMessages();
    QCOMPARE(flow.messageCount(), size_t(7));
    QVERIFY(m[6].fate == MessageFate::Delivered && !m[6].duplicate);
    QCOMPARE(m[6].endUs, 3100);
    QVERIFY(m[4].fate == MessageFate::Lost);
}

namespace {
bool same(const FlowMessage &a, const FlowMessage &b)
{
    return a.sentUs == b.sentUs && a.endUs == b.endUs && a.sendEvent == b.sendEvent &&
           a.endEvent == b.endEvent && a.from == b.from && a.to == b.to && a.type == b.type &&
           a.fate == b.fate && a.cls == b.cls && a.reason == b.reason && a.seq == b.seq &&
           a.tx == b.tx && a.session == b.session && a.duplicate == b.duplicate;
}
} // namespace

// Checks a fold holding `blocks` blocks against one holding everything, as the two tests below
// do: every message, and the queries over random windows.
void compareHeldToWhole(const TraceStore &trace, int blockMessages, quint64 seed)
{
    MessageFlow whole;
    whole.advance(trace);
    MessageFlow held;
    held.holdBlocks(2, blockMessages);
    TraceStore growing(trace.nodeCount(), trace.size() + 1);
    growing.setNodeNames(trace.nodeNames());
    for (qsizetype i = 0; i < trace.size(); ++i) {
        growing.append(trace.at(i));
        if (i % 89 == 0)
            held.advance(growing);
    }
    held.advance(growing);
    QCOMPARE(held.messageCount(), whole.messageCount());
    QVERIFY(held.blocksLetGo() > 2);
    QVERIFY(held.heldBlocks() <= 2 + 1 + 6); // the newest, the one filling, a few read back
    const std::vector<FlowMessage> all = whole.allMessages();
    for (size_t id = 0; id < all.size(); ++id)
        if (!same(held.message(int(id)), all[id]))
            QFAIL(qPrintable(u"message %1 differs"_s.arg(id)));
    QVERIFY(held.refolds() > 0);
    QVERIFY(held.heldBlocks() <= 2 + 1 + 6);
    std::mt19937_64 rng(seed);
    const qint64 span = whole.lastUs() - whole.firstUs();
    for (int round = 0; round < 90; ++round) {
        const qint64 a =
            whole.firstUs() + static_cast<qint64>(rng() % static_cast<quint64>(span + 1));
        const qint64 width = round % 3 == 0 ? 1000 : round % 3 == 1 ? 100'000 : span;
        const qint64 b = a + static_cast<qint64>(rng() % static_cast<quint64>(width + 1));
        QCOMPARE(held.visible(a, b), whole.visible(a, b));
        const qsizetype ea = static_cast<qsizetype>(rng() % static_cast<quint64>(trace.size()));
        const qsizetype eb = ea + static_cast<qsizetype>(rng() % 2000);
        QCOMPARE(held.visibleByOrder(ea, eb), whole.visibleByOrder(ea, eb));
        // Counts over blocks let go are estimates within the two blocks the range cuts.
        QVERIFY(std::abs(held.sentBetween(a, b) - whole.sentBetween(a, b)) <= 2 * blockMessages);
        QVERIFY(std::abs(held.startedBetween(ea, eb) - whole.startedBetween(ea, eb)) <=
                2 * blockMessages);
        const TxId tx = all[static_cast<size_t>(rng() % all.size())].tx;
        QCOMPARE(held.ofTransaction(tx), whole.ofTransaction(tx));
    }
    QCOMPARE(held.sentBetween(whole.firstUs(), whole.lastUs() + 1),
             static_cast<qsizetype>(all.size()));
}

void TestMessageFlow::lettingBlocksGoChangesNoAnswer_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("blockMessages");
    QTest::newRow("chaos, blocks of 5") << u"chaos"_s << QString() << quint64(8) << 5;
    QTest::newRow("chaos, blocks of 64") << u"chaos"_s << QString() << quint64(21) << 64;
    QTest::newRow("coordinator crash 3PC") << u"coordinator-crash"_s << u"3PC"_s << quint64(3) << 7;
    QTest::newRow("failover") << u"failover"_s << QString() << quint64(5) << 11;
    QTest::newRow("demo (mallory)") << u"demo"_s << QString() << quint64(4) << 9;
}

void TestMessageFlow::lettingBlocksGoChangesNoAnswer()
{
    // A fold that keeps two blocks and folds the rest again from the trace when asked gives
    // every answer a fold holding everything gives: every message field by field, what is on
    // screen by time and by order, a transaction's messages. Folded in pieces as the window
    // does, so blocks go while frames of theirs are still on their way.
    QFETCH(QString, scenario);
    QFETCH(QString, protocol);
    QFETCH(quint64, seed);
    QFETCH(int, blockMessages);
    const auto trace = record(scenario, seed, protocol);
    compareHeldToWhole(*trace, blockMessages, seed);
}

void TestMessageFlow::lettingBlocksGoOnRandomTraces()
{
    // Hand-made traces that the cast makes rarely: frames ended in any order, long after
    // their send (so many blocks later), refused as replays, copied by hand, lost with a
    // crashed receiver and delivered after all, senders restarting and numbering from 1,
    // forgeries with no send.
    for (quint64 seed = 1; seed <= 16; ++seed) {
        std::mt19937_64 rng(seed);
        TraceStore trace(4, 10'000);
        // Node 4 is mallory: its notes name forgeries (by transaction), before or after a
        // refusal of that transaction, so who a refusal came from depends on when.
        trace.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s, u"mallory"_s});
        std::vector<quint64> next(5, 1);
        std::vector<bool> down(5, false);
        struct Frame
        {
            NodeId from, to;
            quint64 seq;
        };
        std::vector<Frame> onTheWay;
        qint64 us = 0;
        const auto append = [&](TraceKind kind, NodeId node, NodeId peer, quint64 seq,
                                quint8 reason = 0) {
            TraceEvent e;
            e.kind = kind;
            e.node = node;
            e.peer = peer;
            e.seq = seq;
            e.reason = reason;
            e.labUs = us;
            e.txId = 1 + rng() % 40;
            e.msgType = quint16(MsgType::Prepare);
            trace.append(e);
        };
        for (int step = 0; step < 3000; ++step) {
            us += static_cast<qint64>(rng() % 300);
            const auto pick = rng() % 100;
            if (pick < 45 || onTheWay.empty()) {
                const NodeId from = NodeId(1 + rng() % 4);
                const NodeId to = NodeId(1 + (from + rng() % 3) % 4);
                if (!onTheWay.empty() && rng() % 10 == 0) { // a copy by hand
                    const Frame f = onTheWay[rng() % onTheWay.size()];
                    append(TraceKind::Send, f.from, f.to, f.seq, 1);
                    onTheWay.push_back(f);
                    continue;
                }
                append(TraceKind::Send, from, to, next[from]);
                onTheWay.push_back(Frame{from, to, next[from]++});
            } else if (pick < 88) {
                // Any frame on its way ends, old ones too.
                const size_t i = rng() % 3 == 0 ? rng() % onTheWay.size()
                                                : onTheWay.size() - 1 -
                                                      rng() % std::min<size_t>(onTheWay.size(), 8);
                const Frame f = onTheWay[i];
                onTheWay.erase(onTheWay.begin() + static_cast<std::ptrdiff_t>(i));
                const auto how = rng() % 3;
                if (how == 0)
                    append(TraceKind::Deliver, f.to, f.from, f.seq);
                else if (how == 1)
                    append(TraceKind::Reject, f.to, f.from, f.seq, quint8(WireError::Replay));
                else
                    append(TraceKind::Drop, f.from, f.to, f.seq, 2);
            } else if (pick < 90) {
                TraceEvent note;
                note.kind = TraceKind::Note;
                note.node = 4;
                note.labUs = us;
                note.txId = 1 + rng() % 40;
                trace.append(note);
            } else if (pick < 93) {
                append(TraceKind::Reject, NodeId(1 + rng() % 4), NodeId(1 + rng() % 4),
                       900'000 + rng() % 1000, quint8(WireError::BadTag)); // forged
            } else if (pick < 97) {
                const NodeId node = NodeId(1 + rng() % 4);
                TraceEvent e;
                e.kind = TraceKind::State;
                e.node = node;
                e.labUs = us;
                e.reason = quint8(down[node] ? HostEvent::Restarted : HostEvent::Crashed);
                trace.append(e);
                if (down[node])
                    next[node] = 1; // a restarted node numbers its frames from 1 again
                down[node] = !down[node];
            } else {
                // A frame ended twice (a duplicate delivery).
                const Frame f = onTheWay[rng() % onTheWay.size()];
                append(TraceKind::Deliver, f.to, f.from, f.seq);
            }
        }
        compareHeldToWhole(trace, 3 + static_cast<int>(seed % 5), seed);
        if (QTest::currentTestFailed()) {
            qWarning("seed %llu", static_cast<unsigned long long>(seed));
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestMessageFlow)
#include "tst_messageflow.moc"
