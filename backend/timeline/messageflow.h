#pragma once
// The trace as the sequence diagram sees it, folded incrementally: every frame's send paired
// with what became of it (delivered, lost in the network, refused by its receiver, or still
// in flight), and each session manager's leadership as intervals of lab time. GUI-free: the
// diagram's layout and painter read it, and tests check it against recorded traces.
//
// Pairing: a send is (sender, frame sequence); its delivery, refusal or loss names the same
// pair (the receiver's event carries the sender as its peer). A copy made by hand in step mode
// (a second send of the pair, duplicatedByHand()) is a message of its own, and the pair's ends
// go to its messages in the order they were sent: the first end to the original, the next to
// the copy (delivered, then refused as a replay). A refused frame that was never sent as such
// (mallory's forgeries go out raw) is a message of its own, from the node that forged it when
// a note names it, ending where it was refused.

#include "trace/traceevent.h"

#include <deque>
#include <unordered_map>
#include <vector>

namespace edgecore {

class TraceStore;

// A host was down (crashed until restarted): its lifeline is greyed over the interval.
struct DownInterval
{
    NodeId node = kNoNode;
    qint64 fromUs = 0;
    qint64 toUs = -1; // -1: still down
    qsizetype fromEvent = 0;
    qsizetype toEvent = -1;
};

// A fault on a host's lifeline (or, for a partition, on the whole lab: node kNoNode). A link
// fault (loss, delay, duplicates, reordering) is on the link from `node` to `peer` (kNoNode:
// every node on that side).
struct FaultInterval
{
    enum class Kind : quint8 { Paused, Slow, Isolated, Partitioned, Link };
    Kind kind = Kind::Paused;
    NodeId node = kNoNode;
    qint64 fromUs = 0;
    qint64 toUs = -1; // -1: still on
    qsizetype fromEvent = 0;
    qsizetype toEvent = -1;
    quint64 value = 0;     // Slow: ms per message
    NodeId peer = kNoNode; // Link: the receiving end
};

enum class MessageFate : quint8 { InFlight, Delivered, Lost, Refused };

// What a message is, by its type, for colour and filters.
enum class MessageClass : quint8 {
    Client,   // session set-up and release between the edge and the session managers
    Prepare,  // PREPARE, PRECOMMIT (the protocol asking)
    Vote,     // votes, acknowledgements, state reports (participants answering)
    Decision, // COMMIT, ABORT, outcome requests
    Lease,    // leader leases
    Dsm,      // DSM reads, writes, watches, locks
    Stream,   // the ordered event stream
    Forged,   // anything mallory sent
};
constexpr int kMessageClassCount = 8;
MessageClass classOf(quint16 msgType);

struct FlowMessage
{
    qint64 sentUs = 0;        // lab time of the send (for a forgery with no send: its note, or the
                              // refusal)
    qint64 endUs = -1;        // delivery, loss or refusal; -1 while in flight
    qsizetype sendEvent = -1; // trace index of the send; -1 when there is none
    qsizetype firstEvent() const { return sendEvent >= 0 ? sendEvent : endEvent; }
    qsizetype endEvent = -1; // trace index of the delivery, loss or refusal
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    quint16 type = 0; // MsgType
    MessageFate fate = MessageFate::InFlight;
    MessageClass cls = MessageClass::Client;
    quint8 reason = 0; // Refused: the WireError; Lost: 1 partition, 2 loss, 3 by hand,
                       // 4 its receiver was down
    quint64 seq = 0;
    TxId tx = 0;
    SessionId session = 0;
    bool duplicate = false; // a copy of a parked frame made by hand in step mode
    qint64 latencyUs() const { return endUs < 0 ? -1 : endUs - sentUs; }
};

// A session manager led from `fromUs` to `toUs` (-1: still leads) under `token`.
struct LeaderInterval
{
    NodeId node = kNoNode;
    qint64 fromUs = 0;
    qint64 toUs = -1;
    quint64 token = 0;
    qsizetype fromEvent = 0; // the same interval by trace position
    qsizetype toEvent = -1;
};

class MessageFlow
{
public:
    // Folds the trace's events from consumed() up to its end; returns how many were read.
    // The node named mallory is taken as the forger (setForger() chooses another).
    qsizetype advance(const TraceStore &trace);
    // The node whose notes name forgeries it sends raw, and whose sends are forged.
    void setForger(NodeId node) { m_forger = node; }
    // Folds one event; index is its position in the trace (events come in trace order).
    void apply(qsizetype index, const TraceEvent &e);
    qsizetype consumed() const { return m_consumed; }

    const std::vector<FlowMessage> &messages() const { return m_messages; }
    const std::vector<LeaderInterval> &leaders() const { return m_leaders; }
    const std::vector<DownInterval> &downs() const { return m_downs; }
    const std::vector<FaultInterval> &faults() const { return m_faults; }
    qint64 lastUs() const { return m_lastUs; } // the latest lab time folded
    qint64 firstUs() const { return m_firstUs; }

    // The messages on screen between two lab times: sent by toUs and not ended before fromUs
    // (in flight counts as not ended). Ids into messages(), in order of their send time.
    std::vector<int> visible(qint64 fromUs, qint64 toUs) const;
    // The same by trace position (the diagram's event-order axis, where every step of a
    // stepped run gets its own row although the lab clock stood still): messages whose first
    // event is at or before `to` and that did not end before `from`.
    std::vector<int> visibleByOrder(qsizetype from, qsizetype to) const;
    // Messages sent in [fromUs, toUs): their number (the overview's density), found by
    // binary search.
    qsizetype sentBetween(qint64 fromUs, qint64 toUs) const;
    // How many messages `sender` sent in [fromUs, toUs), from a range-count index over
    // 10 ms buckets (a Fenwick tree per sender): O(log n) for any range, so a zoomed-out view
    // draws its density per pixel row without visiting each message. Exact only at bucket
    // edges; a row shorter than kBucketUs should count messages one by one instead.
    static constexpr qint64 kBucketUs = 10'000;
    quint64 sentBy(NodeId sender, qint64 fromUs, qint64 toUs) const;
    // Messages whose first event is in [from, to) by trace position (the overview by event
    // order), by binary search.
    qsizetype startedBetween(qsizetype from, qsizetype to) const;
    // The messages of one transaction, in order of their send time.
    std::vector<int> ofTransaction(TxId tx) const;

private:
    int add(FlowMessage m);
    bool isDown(NodeId node) const;
    void loseToCrash(int id, qsizetype index, qint64 us); // reason 4: its receiver was down

    std::vector<FlowMessage> m_messages;
    std::vector<int> m_bySend; // ids ordered by sentUs (frames arrive nearly in order)
    std::unordered_map<quint64, int> m_inFlight; // (sender, seq) -> id, the next to end
    // Copies made by hand of a frame in m_inFlight, in the order sent: they end after it.
    std::unordered_map<quint64, std::deque<int>> m_copies;
    int takeInFlight(quint64 key); // the id the key's next end goes to, or -1
    template <typename F> void forEachInFlight(F &&f) const
    {
        for (const auto &[key, id] : m_inFlight)
            f(id);
        for (const auto &[key, ids] : m_copies)
            for (const int id : ids)
                f(id);
    }
    std::unordered_map<TxId, NodeId> m_forgedBy; // a forgery's tx -> who forged it (notes)
    std::unordered_map<TxId, std::vector<int>> m_byTx;
    std::vector<LeaderInterval> m_leaders;
    std::vector<DownInterval> m_downs;
    std::vector<FaultInterval> m_faults;
    void openFault(FaultInterval::Kind kind, NodeId node, qsizetype index, qint64 us,
                   quint64 value = 0);
    void closeFaults(FaultInterval::Kind kind, NodeId node, qsizetype index, qint64 us,
                     bool anyNode = false);
    NodeId m_forger = kNoNode; // mallory: its notes name forgeries, its sends are forged
    void countSend(NodeId sender, qint64 us);
    quint64 prefix(NodeId sender, qint64 bucket) const; // sends in buckets [0, bucket)
    std::vector<std::vector<quint32>> m_fenwick;        // per sender, over buckets from m_bucket0
    qint64 m_bucket0 = -1;                              // the first message's bucket
    qint64 m_maxSpanUs = 0;
    qsizetype m_maxSpanEvents = 0; // the longest a delivered message took: bounds visible()'s scan
    qsizetype m_consumed = 0;
    qint64 m_lastUs = 0;
    qint64 m_firstUs = -1;
};

} // namespace edgecore
