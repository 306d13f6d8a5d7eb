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
//
// Memory: messages are kept in blocks of consecutive ids. A fold told to hold only a few
// (holdBlocks(), for a trace that spills to its file) lets the oldest blocks go as it grows,
// keeping for each a small summary: its time span, its transactions' ids as a range per
// coordinator, and the fold's state where it began (the frames then on their way, the hosts
// then down). A block let go is
// folded again from the trace (which reads its events back from the file) when a view asks
// for one of its messages, and a few such blocks are kept. Frames still on their way when
// their block goes are kept aside and go on being folded, so nothing is lost and every answer
// is the same as a fold that holds everything.

#include "readback.h"
#include "trace/traceevent.h"

#include <deque>
#include <memory>
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
    // The messages a block holds, and how many blocks a fold that lets them go keeps.
    static constexpr int kBlockMessages = 16384;
    static constexpr qsizetype kHeldBlocks = 32; // about 524,000 messages, 50 MB

    // Folds the trace's events from consumed() up to its end; returns how many were read.
    // The node named mallory is taken as the forger (setForger() chooses another).
    qsizetype advance(const TraceStore &trace);
    // The node whose notes name forgeries it sends raw, and whose sends are forged.
    void setForger(NodeId node) { m_forger = node; }
    // From now on keep at most `blocks` blocks of `blockMessages` messages in memory, the
    // newest, and fold older ones again from the trace advance() reads when asked for them.
    // Before the first message only; the trace must outlive the fold.
    void holdBlocks(qsizetype blocks, int blockMessages = kBlockMessages);
    // Folds one event; index is its position in the trace (events come in trace order).
    void apply(qsizetype index, const TraceEvent &e);
    qsizetype consumed() const { return m_consumed; }

    size_t messageCount() const { return m_count; }
    // One message by id (ids number messages in the order of their first event), folded
    // again from the trace if its block was let go.
    FlowMessage message(int id) const;
    // Every message, in id order (tests and exports: reads every block).
    std::vector<FlowMessage> allMessages() const;
    // Blocks of messages in memory now, held and read back, and how many were let go.
    qsizetype heldBlocks() const;
    qsizetype blocksLetGo() const { return m_letGo; }
    qsizetype refolds() const { return m_refolds; }         // blocks folded again so far
    size_t onTheirWay() const { return m_inFlight.size(); } // frames owed an end
    // Bytes the summaries of the blocks let go take (what grows with the run).
    qsizetype summaryBytes() const;

    const std::vector<LeaderInterval> &leaders() const { return m_leaders; }
    const std::vector<DownInterval> &downs() const { return m_downs; }
    const std::vector<FaultInterval> &faults() const { return m_faults; }
    qint64 lastUs() const { return m_lastUs; } // the latest lab time folded
    qint64 firstUs() const { return m_firstUs; }

    // The messages on screen between two lab times: sent by toUs and not ended before fromUs
    // (in flight counts as not ended). Ids, in order of their send time.
    std::vector<int> visible(qint64 fromUs, qint64 toUs) const;
    // The same by trace position (the diagram's event-order axis, where every step of a
    // stepped run gets its own row although the lab clock stood still): messages whose first
    // event is at or before `to` and that did not end before `from`.
    std::vector<int> visibleByOrder(qsizetype from, qsizetype to) const;
    // Messages sent in [fromUs, toUs): their number (the overview's density). Exact over the
    // blocks in memory; over a block let go that the range cuts, an estimate from its span
    // (a view that draws those messages reads the block back, and then it is exact).
    qsizetype sentBetween(qint64 fromUs, qint64 toUs) const;
    // How many messages `sender` sent in [fromUs, toUs), from a range-count index over
    // buckets of bucketUs() (a Fenwick tree per sender): O(log n) for any range, so a
    // zoomed-out view draws its density per pixel row without visiting each message. Exact at
    // bucket edges; within a bucket, its count is spread evenly (an estimate, as sentBetween()'s
    // over a block let go). Buckets start at kBucketUs and double in width (pairs merged)
    // whenever the run outgrows kMaxBuckets of them, so the index stays within kMaxBuckets
    // counts a sender however long the run (an hour at 10x is ten hours of lab time: 3.6
    // million 10 ms buckets); a view's rows of 10 ms or more still draw from it.
    static constexpr qint64 kBucketUs = 10'000;
    static constexpr qint64 kMaxBuckets = 1 << 17;
    qint64 bucketUs() const { return m_bucketUs; }
    quint64 sentBy(NodeId sender, qint64 fromUs, qint64 toUs) const;
    // Messages whose first event is in [from, to) by trace position (the overview by event
    // order), by binary search; estimated within a block let go, as sentBetween().
    qsizetype startedBetween(qsizetype from, qsizetype to) const;
    // The messages of one transaction, in order of their send time.
    std::vector<int> ofTransaction(TxId tx) const;

private:
    // A block's messages and their order by send time (local indices).
    struct Data
    {
        std::vector<FlowMessage> messages;
        std::vector<int> bySend;
    };
    struct TxRange
    {
        quint64 key; // the coordinator's node (the id's top 16 bits)
        TxId lo, hi;
    };
    struct Forged
    {
        int local;
        NodeId from;
        MessageClass cls;
    };
    struct Block
    {
        std::shared_ptr<Data> data; // null once let go
        int first = 0;              // id of its first message
        int count = 0;
        qsizetype firstEvent = 0; // the first and last of its messages' first events
        qsizetype lastFirstEvent = 0;
        qint64 minSentUs = 0;
        qint64 maxSentUs = 0;
        // Kept when it is let go: where folding it again ends, and its transactions (sorted).
        qsizetype foldTo = -1;
        std::vector<TxRange> txs;   // per coordinator (sorted by key)
        std::vector<Forged> forged; // refusals with no send: who and what, as folded
        // The fold's state where its first message was made: the frames then on their way
        // (a key once for every end still owed to them) and the hosts then down.
        std::vector<quint64> inFlight;
        std::vector<NodeId> down;
    };
    static constexpr int kForeign = -2; // an end owed to a message before a block folded again

    int add(FlowMessage m, qsizetype index); // index: the event that makes it
    FlowMessage &mut(int id);
    const FlowMessage &peek(int id) const;                  // held, kept aside, or read back
    std::shared_ptr<const Data> dataOf(size_t block) const; // held or read back
    std::shared_ptr<const Data> cached(size_t block) const; // held or read back already, or null
    std::shared_ptr<Data> refold(size_t block) const;
    void letGo(size_t block);
    bool isDown(NodeId node) const;
    void loseToCrash(int id, qsizetype index, qint64 us); // reason 4: its receiver was down
    qsizetype countFirstBefore(qsizetype event) const;    // messages with first event before it

    std::vector<Block> m_blocks;
    size_t m_count = 0;
    int m_blockMessages = kBlockMessages;
    qsizetype m_holdBlocks = 0; // 0: hold every block
    size_t m_firstHeld = 0;     // blocks before it were let go
    qsizetype m_letGo = 0;
    bool m_refolding = false; // folding a block again: no indexes
    const TraceStore *m_trace = nullptr;
    std::unordered_map<int, FlowMessage> m_aside; // on its way when its block was let go
    static constexpr size_t kReadBackBlocks = 6;
    mutable ReadBack<Data> m_readBack{kReadBackBlocks};
    mutable qsizetype m_refolds = 0;

    std::unordered_map<quint64, int> m_inFlight; // (sender, seq) -> id, the next to end
    // Copies made by hand of a frame in m_inFlight, in the order sent: they end after it.
    std::unordered_map<quint64, std::deque<int>> m_copies;
    int takeInFlight(quint64 key); // the id the key's next end goes to, kForeign, or -1
    template <typename F> void forEachInFlight(F &&f) const
    {
        for (const auto &[key, id] : m_inFlight)
            if (id >= 0)
                f(id);
        for (const auto &[key, ids] : m_copies)
            for (const int id : ids)
                if (id >= 0)
                    f(id);
    }
    std::unordered_map<TxId, NodeId> m_forgedBy;       // a forgery's tx -> who forged it (notes)
    std::unordered_map<TxId, std::vector<int>> m_byTx; // of the held blocks
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
    void widenBuckets(); // doubles m_bucketUs, merging each pair of buckets
    std::vector<quint32> bucketCounts(NodeId sender) const; // its tree's counts, per bucket
    std::vector<std::vector<quint32>> m_fenwick; // per sender, over buckets from m_bucket0
    qint64 m_bucket0 = -1;                       // the first message's bucket
    qint64 m_bucketUs = kBucketUs;
    qint64 m_maxSpanUs = 0;
    qsizetype m_maxSpanEvents = 0; // the longest a delivered message took: bounds visible()'s scan
    qsizetype m_consumed = 0;
    qint64 m_lastUs = 0;
    qint64 m_firstUs = -1;
};

} // namespace edgecore
