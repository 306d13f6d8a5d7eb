#include "messageflow.h"

#include "core/envelope.h"
#include "faults/faultplan.h"
#include "services/cast.h"
#include "trace/facts.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgecore {

namespace {
quint64 keyOf(NodeId sender, quint64 seq)
{
    return (quint64(sender) << 48) ^ seq;
}
} // namespace

MessageClass classOf(quint16 msgType)
{
    switch (static_cast<MsgType>(msgType)) {
    case MsgType::ClientRequest:
    case MsgType::SessionCreate:
    case MsgType::SessionResult:
    case MsgType::NotLeader:
    case MsgType::SessionRelease:
    case MsgType::ReleaseResult:
        return MessageClass::Client;
    case MsgType::Prepare:
    case MsgType::PreCommit:
        return MessageClass::Prepare;
    case MsgType::Vote:
    case MsgType::Ack:
    case MsgType::PreCommitAck:
    case MsgType::StateRequest:
    case MsgType::StateReport:
        return MessageClass::Vote;
    case MsgType::Commit:
    case MsgType::Abort:
    case MsgType::OutcomeRequest:
        return MessageClass::Decision;
    case MsgType::DsmLease:
    case MsgType::DsmLeaseReply:
    case MsgType::DsmRelease:
        return MessageClass::Lease;
    case MsgType::SessionEvent:
    case MsgType::EventAppend:
    case MsgType::EventSubscribe:
    case MsgType::EventDeliver:
    case MsgType::EventAck:
        return MessageClass::Stream;
    default:
        return MessageClass::Dsm;
    }
}

qsizetype MessageFlow::advance(const TraceStore &trace)
{
    const qsizetype from = m_consumed;
    m_trace = &trace;
    if (m_forger == kNoNode) {
        const QStringList names = trace.nodeNames();
        const qsizetype at = names.indexOf(cast::mallory());
        if (at > 0)
            m_forger = static_cast<NodeId>(at);
    }
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) { apply(m_consumed, e); });
    return m_consumed - from;
}

namespace {

// A Fenwick tree over `counts` (index 0 unused), sized `size` + 1.
void buildFenwick(std::vector<quint32> &tree, const std::vector<quint32> &counts, size_t size)
{
    tree.assign(size + 1, 0);
    for (size_t i = 0; i < counts.size(); ++i)
        tree[i + 1] += counts[i];
    for (size_t j = 1; j < tree.size(); ++j)
        if (const size_t up = j + (j & (~j + 1)); up < tree.size())
            tree[up] += tree[j];
}

} // namespace

void MessageFlow::countSend(NodeId sender, qint64 us)
{
    if (m_bucket0 < 0)
        m_bucket0 = std::max<qint64>(0, us / m_bucketUs);
    if (us / m_bucketUs < m_bucket0)
        return; // before the first message (threads' clocks): not counted
    while (us / m_bucketUs - m_bucket0 >= kMaxBuckets)
        widenBuckets();
    const qint64 bucket = us / m_bucketUs - m_bucket0;
    if (sender >= m_fenwick.size())
        m_fenwick.resize(size_t(sender) + 1);
    std::vector<quint32> &tree = m_fenwick[sender];
    if (static_cast<size_t>(bucket) + 1 >= tree.size()) {
        // Grow by doubling and rebuild from the counts the old tree holds.
        const std::vector<quint32> counts = bucketCounts(sender);
        size_t size = std::max<size_t>(1024, tree.empty() ? 0 : tree.size() - 1);
        while (size <= static_cast<size_t>(bucket) + 1)
            size *= 2;
        buildFenwick(tree, counts, std::min<size_t>(size, size_t(kMaxBuckets)));
    }
    for (size_t j = static_cast<size_t>(bucket) + 1; j < tree.size(); j += j & (~j + 1))
        ++tree[j];
}

void MessageFlow::widenBuckets()
{
    const qint64 bucket0 = m_bucket0 / 2;
    // Old bucket i (absolute m_bucket0 + i) falls into new bucket (m_bucket0 + i) / 2 - bucket0.
    for (NodeId sender = 0; sender < m_fenwick.size(); ++sender) {
        std::vector<quint32> &tree = m_fenwick[sender];
        if (tree.empty())
            continue;
        const std::vector<quint32> old = bucketCounts(sender);
        std::vector<quint32> counts(old.size() / 2 + 1, 0);
        for (size_t i = 0; i < old.size(); ++i)
            counts[size_t((m_bucket0 + qint64(i)) / 2 - bucket0)] += old[i];
        buildFenwick(tree, counts, tree.size() - 1);
    }
    m_bucket0 = bucket0;
    m_bucketUs *= 2;
}

std::vector<quint32> MessageFlow::bucketCounts(NodeId sender) const
{
    // A Fenwick tree back to its counts in one pass: each node less the nodes it covers.
    std::vector<quint32> counts(m_fenwick[sender].begin() + (m_fenwick[sender].empty() ? 0 : 1),
                                m_fenwick[sender].end());
    for (size_t j = counts.size(); j >= 1; --j)
        if (const size_t up = j + (j & (~j + 1)); up <= counts.size())
            counts[up - 1] -= counts[j - 1];
    return counts;
}

quint64 MessageFlow::prefix(NodeId sender, qint64 bucket) const
{
    if (sender >= m_fenwick.size() || bucket <= 0)
        return 0;
    const std::vector<quint32> &tree = m_fenwick[sender];
    quint64 sum = 0;
    for (size_t j = std::min(static_cast<size_t>(bucket), tree.empty() ? 0 : tree.size() - 1);
         j > 0; j -= j & (~j + 1))
        sum += tree[j];
    return sum;
}

quint64 MessageFlow::sentBy(NodeId sender, qint64 fromUs, qint64 toUs) const
{
    if (m_bucket0 < 0 || toUs <= fromUs)
        return 0;
    // Sends before `us`: exact at a bucket's edge, its count spread evenly within it.
    const auto before = [&](qint64 us) -> double {
        const qint64 b = us / m_bucketUs - m_bucket0;
        if (b < 0 || us < 0)
            return 0;
        const auto whole = double(prefix(sender, b));
        const qint64 within = us - (b + m_bucket0) * m_bucketUs;
        if (within == 0)
            return whole;
        return whole +
               (double(prefix(sender, b + 1)) - whole) * double(within) / double(m_bucketUs);
    };
    return static_cast<quint64>(std::llround(std::max(0.0, before(toUs) - before(fromUs))));
}

void MessageFlow::openFault(FaultInterval::Kind kind, NodeId node, qsizetype index, qint64 us,
                            quint64 value)
{
    closeFaults(kind, node, index, us); // a new setting replaces the one before
    m_faults.push_back(FaultInterval{kind, node, us, -1, index, -1, value});
}

void MessageFlow::closeFaults(FaultInterval::Kind kind, NodeId node, qsizetype index, qint64 us,
                              bool anyNode)
{
    for (FaultInterval &f : m_faults)
        if (f.toUs < 0 && f.kind == kind && (anyNode || f.node == node)) {
            f.toUs = us;
            f.toEvent = index;
        }
}

bool MessageFlow::isDown(NodeId node) const
{
    for (auto it = m_downs.rbegin(); it != m_downs.rend(); ++it)
        if (it->node == node)
            return it->toUs < 0;
    return false;
}

void MessageFlow::loseToCrash(int id, qsizetype index, qint64 us)
{
    FlowMessage &m = mut(id);
    m.fate = MessageFate::Lost;
    m.reason = 4;
    m.endUs = std::max(us, m.sentUs);
    m.endEvent = index;
    m_maxSpanUs = std::max(m_maxSpanUs, m.endUs - m.sentUs);
    if (m.sendEvent >= 0)
        m_maxSpanEvents = std::max(m_maxSpanEvents, index - m.sendEvent);
}

int MessageFlow::takeInFlight(quint64 key)
{
    const auto it = m_inFlight.find(key);
    if (it == m_inFlight.end())
        return -1;
    const int id = it->second;
    const auto copies = m_copies.find(key);
    if (copies == m_copies.end()) {
        m_inFlight.erase(it);
        return id;
    }
    it->second = copies->second.front(); // the next copy's end is the next one
    copies->second.pop_front();
    if (copies->second.empty())
        m_copies.erase(copies);
    return id;
}

void MessageFlow::holdBlocks(qsizetype blocks, int blockMessages)
{
    Q_ASSERT(m_count == 0);
    m_holdBlocks = std::max<qsizetype>(0, blocks);
    m_blockMessages = std::max(1, blockMessages);
}

int MessageFlow::add(FlowMessage m, qsizetype index)
{
    const int id = static_cast<int>(m_count);
    if (m_blocks.empty() || m_blocks.back().count == m_blockMessages) {
        Block block;
        block.data = std::make_shared<Data>();
        block.first = id;
        block.firstEvent = index;
        block.minSentUs = block.maxSentUs = m.sentUs;
        if (m_holdBlocks > 0) {
            // Where folding this block again starts: the ends then owed, the hosts then down.
            for (const auto &[key, owed] : m_inFlight)
                block.inFlight.push_back(key);
            for (const auto &[key, ids] : m_copies)
                block.inFlight.insert(block.inFlight.end(), ids.size(), key);
            for (const DownInterval &d : m_downs)
                if (d.toUs < 0 && isDown(d.node) &&
                    std::find(block.down.begin(), block.down.end(), d.node) == block.down.end())
                    block.down.push_back(d.node);
        }
        m_blocks.push_back(std::move(block));
        while (m_holdBlocks > 0 && m_trace &&
               m_blocks.size() - m_firstHeld > static_cast<size_t>(m_holdBlocks))
            letGo(m_firstHeld);
    }
    Block &block = m_blocks.back();
    Data &data = *block.data;
    data.messages.push_back(m);
    const int local = block.count++;
    block.lastFirstEvent = index;
    block.minSentUs = std::min(block.minSentUs, m.sentUs);
    block.maxSentUs = std::max(block.maxSentUs, m.sentUs);
    // Keep bySend ordered by send time: threads stamp lab time on their own reads of the
    // clock, so a send can land a little before the one traced just ahead of it.
    auto at = data.bySend.end();
    while (at != data.bySend.begin() &&
           data.messages[static_cast<size_t>(*(at - 1))].sentUs > m.sentUs)
        --at;
    data.bySend.insert(at, local);
    ++m_count;
    if (m_refolding)
        return id; // a block folded again needs its messages only
    countSend(m.from, m.sentUs);
    if (m.tx)
        m_byTx[m.tx].push_back(id);
    return id;
}

void MessageFlow::letGo(size_t index)
{
    Block &block = m_blocks[index];
    const Data &data = *block.data;
    const int end = block.first + block.count;
    // Frames still owed an end go on being folded here; the rest can be folded again.
    forEachInFlight([&](int id) {
        if (id >= block.first && id < end)
            m_aside[id] = data.messages[static_cast<size_t>(id - block.first)];
    });
    // Folding it again goes on to its messages' last end, but not far beyond the block: one
    // that took much longer (delayed by a fault) is kept aside too.
    const qsizetype reach = block.lastFirstEvent + 4 * qsizetype(m_blockMessages);
    block.foldTo = block.lastFirstEvent;
    std::vector<TxId> txs;
    for (size_t i = 0; i < data.messages.size(); ++i) {
        const FlowMessage &m = data.messages[i];
        if (m.endEvent > reach)
            m_aside[block.first + static_cast<int>(i)] = m;
        else
            block.foldTo = std::max(block.foldTo, m.endEvent);
        if (m.tx)
            txs.push_back(m.tx);
    }
    // Who a refusal with no send came from, and whether it was a forgery, depends on the
    // forgers' notes as they were then (the map forgets, and a note may come after): kept.
    for (size_t i = 0; i < data.messages.size(); ++i)
        if (data.messages[i].sendEvent < 0)
            block.forged.push_back(
                Forged{static_cast<int>(i), data.messages[i].from, data.messages[i].cls});
    block.forged.shrink_to_fit();
    std::sort(txs.begin(), txs.end());
    txs.erase(std::unique(txs.begin(), txs.end()), txs.end());
    // A transaction's id is its coordinator's node in the top 16 bits and a count below: the
    // block keeps a range per coordinator, a few dozen bytes instead of 8 a transaction. A
    // range may hold a transaction the block has not (ofTransaction() then reads the block
    // for nothing), never miss one it has.
    for (const TxId tx : txs) {
        if (block.txs.empty() || block.txs.back().key != tx >> 48)
            block.txs.push_back(TxRange{tx >> 48, tx, tx});
        else
            block.txs.back().hi = tx;
    }
    block.txs.shrink_to_fit();
    for (const TxId tx : txs) {
        const auto it = m_byTx.find(tx);
        if (it == m_byTx.end())
            continue;
        std::vector<int> &ids = it->second;
        ids.erase(std::remove_if(ids.begin(), ids.end(),
                                 [&](int id) { return id >= block.first && id < end; }),
                  ids.end());
        if (ids.empty())
            m_byTx.erase(it);
    }
    block.data.reset();
    m_firstHeld = index + 1;
    ++m_letGo;
}

FlowMessage &MessageFlow::mut(int id)
{
    const size_t index = static_cast<size_t>(id / m_blockMessages);
    Block &block = m_blocks[index];
    if (block.data)
        return block.data->messages[static_cast<size_t>(id - block.first)];
    // Kept aside (only frames on their way change once their block is let go); a copy read
    // back holds its old state, so it is read again when next asked for.
    m_readBack.drop(index);
    return m_aside.at(id);
}

std::shared_ptr<const MessageFlow::Data> MessageFlow::cached(size_t index) const
{
    if (m_blocks[index].data)
        return m_blocks[index].data;
    return m_readBack.peek(index);
}

std::shared_ptr<const MessageFlow::Data> MessageFlow::dataOf(size_t index) const
{
    if (m_blocks[index].data)
        return m_blocks[index].data;
    return m_readBack.get(index, [&] { return refold(index); });
}

std::shared_ptr<MessageFlow::Data> MessageFlow::refold(size_t index) const
{
    const Block &block = m_blocks[index];
    // Fold the block's events again from the state it began in: the same events from the
    // same state make the same messages with the same fates. Ends owed to messages before the
    // block are taken as foreign, so they are neither paired with its frames nor taken for
    // forgeries.
    MessageFlow sub;
    sub.m_refolding = true;
    sub.m_blockMessages = std::numeric_limits<int>::max();
    sub.m_forger = m_forger; // its sends are forged; its notes' say is in block.forged
    for (const quint64 key : block.inFlight) {
        if (sub.m_inFlight.count(key))
            sub.m_copies[key].push_back(kForeign);
        else
            sub.m_inFlight[key] = kForeign;
    }
    for (const NodeId node : block.down)
        sub.m_downs.push_back(DownInterval{node, 0, -1, 0, -1});
    qsizetype at = block.firstEvent;
    if (m_trace)
        m_trace->forEach(block.firstEvent, block.foldTo + 1,
                         [&](const TraceEvent &e) { sub.apply(at++, e); });
    auto data = sub.m_blocks.empty() ? std::make_shared<Data>() : sub.m_blocks.front().data;
    data->messages.resize(static_cast<size_t>(block.count));
    for (const Forged &f : block.forged) {
        data->messages[static_cast<size_t>(f.local)].from = f.from;
        data->messages[static_cast<size_t>(f.local)].cls = f.cls;
    }
    for (int i = 0; i < block.count; ++i)
        if (const auto aside = m_aside.find(block.first + i); aside != m_aside.end())
            data->messages[static_cast<size_t>(i)] = aside->second;
    data->bySend.resize(data->messages.size());
    for (size_t i = 0; i < data->bySend.size(); ++i)
        data->bySend[i] = static_cast<int>(i);
    std::stable_sort(data->bySend.begin(), data->bySend.end(), [&](int a, int b) {
        return data->messages[static_cast<size_t>(a)].sentUs <
               data->messages[static_cast<size_t>(b)].sentUs;
    });
    ++m_refolds;
    return data;
}

FlowMessage MessageFlow::message(int id) const
{
    const size_t index = static_cast<size_t>(id / m_blockMessages);
    const Block &block = m_blocks[index];
    if (block.data)
        return block.data->messages[static_cast<size_t>(id - block.first)];
    if (const auto aside = m_aside.find(id); aside != m_aside.end())
        return aside->second;
    return dataOf(index)->messages[static_cast<size_t>(id - block.first)];
}

std::vector<FlowMessage> MessageFlow::allMessages() const
{
    std::vector<FlowMessage> all;
    all.reserve(m_count);
    for (size_t i = 0; i < m_blocks.size(); ++i) {
        const auto data = dataOf(i);
        all.insert(all.end(), data->messages.begin(), data->messages.end());
    }
    return all;
}

qsizetype MessageFlow::summaryBytes() const
{
    qsizetype bytes = 0;
    for (const Block &b : m_blocks)
        bytes +=
            qsizetype(sizeof(Block) + b.txs.capacity() * sizeof(TxRange) +
                      b.forged.capacity() * sizeof(Forged) +
                      b.inFlight.capacity() * sizeof(quint64) + b.down.capacity() * sizeof(NodeId));
    for (const auto &tree : m_fenwick)
        bytes += qsizetype(tree.capacity() * sizeof(quint32));
    return bytes + qsizetype(m_aside.size() * (sizeof(FlowMessage) + 32));
}

qsizetype MessageFlow::heldBlocks() const
{
    return static_cast<qsizetype>(m_blocks.size() - m_firstHeld + m_readBack.size());
}

void MessageFlow::apply(qsizetype index, const TraceEvent &e)
{
    m_consumed = index + 1;
    m_lastUs = std::max(m_lastUs, e.labUs);
    if (m_firstUs < 0)
        m_firstUs = e.labUs;
    const auto finish = [&](int id, MessageFate fate) {
        FlowMessage &m = mut(id);
        m.fate = fate;
        m.endUs = std::max(e.labUs, m.sentUs);
        m.endEvent = index;
        m.reason = e.reason;
        m_maxSpanUs = std::max(m_maxSpanUs, m.endUs - m.sentUs);
        if (m.sendEvent >= 0)
            m_maxSpanEvents = std::max(m_maxSpanEvents, index - m.sendEvent);
    };
    switch (e.kind) {
    case TraceKind::Send: {
        FlowMessage m;
        m.sentUs = e.labUs;
        m.sendEvent = index;
        m.from = e.node;
        m.to = e.peer;
        m.type = e.msgType;
        m.cls = e.node == m_forger ? MessageClass::Forged : classOf(e.msgType);
        m.seq = e.seq;
        m.tx = e.txId;
        m.session = e.sessionId;
        m.duplicate = duplicatedByHand(e);
        const int id = add(m, index);
        const quint64 key = keyOf(e.node, e.seq);
        if (m.duplicate && m_inFlight.count(key)) {
            m_copies[key].push_back(id); // ends after the original (and earlier copies)
        } else {
            // A restarted node counts its frames from 1 again: the newer send takes the key.
            m_inFlight[key] = id;
            m_copies.erase(key);
        }
        if (isDown(e.peer)) // nobody listens there: lost, unless it is delivered after all
            loseToCrash(id, index, e.labUs);
        break;
    }
    case TraceKind::Deliver:
    case TraceKind::Drop:
    case TraceKind::Reject: {
        if (e.kind == TraceKind::Deliver && e.peer == kNoNode)
            break; // a local client request at the edge: no frame
        // The receiver's events name the sender as peer; a loss is the sender's own event.
        const NodeId sender = e.kind == TraceKind::Drop ? e.node : e.peer;
        const int id = takeInFlight(keyOf(sender, e.seq));
        if (id == kForeign)
            break; // owed to a message before the block being folded again
        if (id >= 0) {
            finish(id, e.kind == TraceKind::Deliver ? MessageFate::Delivered
                       : e.kind == TraceKind::Drop  ? MessageFate::Lost
                                                    : MessageFate::Refused);
            break;
        }
        if (e.kind != TraceKind::Reject)
            break; // a duplicate delivery: the frame is drawn once
        // A refused frame never traced as sent: a forgery, from whoever noted forging it.
        FlowMessage m;
        const auto forger = m_forgedBy.find(e.txId);
        m.from = forger != m_forgedBy.end() ? forger->second : e.peer;
        m.to = e.node;
        m.sentUs = e.labUs;
        m.type = e.msgType;
        m.cls = forger != m_forgedBy.end() ? MessageClass::Forged : classOf(e.msgType);
        m.seq = e.seq;
        m.tx = e.txId;
        m.session = e.sessionId;
        finish(add(m, index), MessageFate::Refused);
        break;
    }
    case TraceKind::Note:
        // mallory notes each forgery (its tx) before sending it raw.
        if (e.node == m_forger && e.node != kNoNode && e.txId) {
            m_forgedBy[e.txId] = e.node;
            if (m_forgedBy.size() > 4096)
                m_forgedBy.clear();
        }
        break;
    case TraceKind::State:
        switch (hostEvent(e)) {
        case HostEvent::Crashed:
            m_downs.push_back(DownInterval{e.node, e.labUs, -1, index, -1});
            // Frames on their way to it are lost with it (a delivery after all, from a sender
            // that queued it until the restart, still claims one).
            {
                std::vector<int> lost;
                forEachInFlight([&](int id) {
                    const FlowMessage &m = peek(id);
                    if (m.to == e.node && m.fate == MessageFate::InFlight)
                        lost.push_back(id);
                });
                for (const int id : lost)
                    loseToCrash(id, index, e.labUs);
            }
            // A crashed leader leads no more.
            for (LeaderInterval &l : m_leaders)
                if (l.node == e.node && l.toUs < 0) {
                    l.toUs = e.labUs;
                    l.toEvent = index;
                }
            break;
        case HostEvent::Restarted:
            for (auto it = m_downs.rbegin(); it != m_downs.rend(); ++it)
                if (it->node == e.node && it->toUs < 0) {
                    it->toUs = e.labUs;
                    it->toEvent = index;
                    break;
                }
            break;
        case HostEvent::None:
            break;
        }
        break;
    case TraceKind::Fault: {
        using K = FaultInterval::Kind;
        const std::optional<FaultStep::Action> action = faultAction(e);
        if (!action)
            break;
        using A = FaultStep::Action;
        switch (*action) {
        case A::Pause:
            openFault(K::Paused, e.node, index, e.labUs);
            break;
        case A::Resume:
            closeFaults(K::Paused, e.node, index, e.labUs);
            break;
        case A::Slow:
            if (e.seq > 0)
                openFault(K::Slow, e.node, index, e.labUs, e.seq);
            else
                closeFaults(K::Slow, e.node, index, e.labUs);
            break;
        case A::Isolate:
            openFault(K::Isolated, e.node, index, e.labUs);
            break;
        case A::Split:
            openFault(K::Partitioned, kNoNode, index, e.labUs);
            break;
        case A::Heal:
            closeFaults(K::Isolated, kNoNode, index, e.labUs, true);
            closeFaults(K::Partitioned, kNoNode, index, e.labUs, true);
            break;
        case A::Link:
            // A new setting of the link replaces the one before; a clean link ends it.
            for (FaultInterval &f : m_faults)
                if (f.toUs < 0 && f.kind == K::Link && f.node == e.node && f.peer == e.peer) {
                    f.toUs = e.labUs;
                    f.toEvent = index;
                }
            if (e.seq > 0) {
                m_faults.push_back(FaultInterval{K::Link, e.node, e.labUs, -1, index, -1, 0});
                m_faults.back().peer = e.peer;
            }
            break;
        case A::ClearLinks:
            closeFaults(K::Link, kNoNode, index, e.labUs, true);
            break;
        case A::Clear:
            for (const K k : {K::Paused, K::Slow, K::Isolated, K::Partitioned, K::Link})
                closeFaults(k, kNoNode, index, e.labUs, true);
            break;
        default:
            break;
        }
        break;
    }
    case TraceKind::Lease:
        if (e.reason == 1) {
            // A newer token: whoever led before has lost the lease by now, even if it never
            // said so (it crashed, or it is cut off).
            for (LeaderInterval &l : m_leaders)
                if (l.toUs < 0 && l.node != e.node && l.token < e.seq)
                    l.toUs = e.labUs;
            for (LeaderInterval &l : m_leaders)
                if (l.toEvent < 0 && l.toUs >= 0)
                    l.toEvent = index;
            m_leaders.push_back(LeaderInterval{e.node, e.labUs, -1, e.seq, index, -1});
        } else {
            for (auto it = m_leaders.rbegin(); it != m_leaders.rend(); ++it)
                if (it->node == e.node && it->toUs < 0) {
                    it->toUs = e.labUs;
                    it->toEvent = index;
                    break;
                }
        }
        break;
    default:
        break;
    }
}

const FlowMessage &MessageFlow::peek(int id) const
{
    // Frames on their way are held or kept aside, never only read back.
    const size_t index = static_cast<size_t>(id / m_blockMessages);
    const Block &block = m_blocks[index];
    if (block.data)
        return block.data->messages[static_cast<size_t>(id - block.first)];
    return m_aside.at(id);
}

std::vector<int> MessageFlow::visible(qint64 fromUs, qint64 toUs) const
{
    // Ended messages sent before fromUs - m_maxSpanUs ended before fromUs: start there.
    const qint64 start = fromUs - m_maxSpanUs;
    std::vector<std::pair<qint64, int>> out; // (sent, id)
    int blocks = 0;
    for (size_t i = 0; i < m_blocks.size(); ++i) {
        const Block &block = m_blocks[i];
        if (block.maxSentUs < start || block.minSentUs > toUs)
            continue;
        ++blocks;
        const auto data = dataOf(i);
        const auto sentOf = [&](int local) {
            return data->messages[static_cast<size_t>(local)].sentUs;
        };
        const auto begin = std::lower_bound(data->bySend.begin(), data->bySend.end(), start,
                                            [&](int local, qint64 t) { return sentOf(local) < t; });
        const auto end = std::upper_bound(begin, data->bySend.end(), toUs,
                                          [&](qint64 t, int local) { return t < sentOf(local); });
        for (auto it = begin; it != end; ++it) {
            const FlowMessage &m = data->messages[static_cast<size_t>(*it)];
            if (m.endUs < 0 || m.endUs >= fromUs)
                out.emplace_back(m.sentUs, block.first + *it);
        }
    }
    // Frames in flight since before the scan's start (parked for long) are on screen too.
    const size_t scanned = out.size();
    forEachInFlight([&](int id) {
        const FlowMessage &m = peek(id);
        if (m.sentUs < start && m.fate == MessageFate::InFlight)
            out.emplace_back(m.sentUs, id);
    });
    if (out.size() > scanned || blocks > 1) // one block's part is in order already
        std::sort(out.begin(), out.end());
    std::vector<int> ids(out.size());
    for (size_t i = 0; i < out.size(); ++i)
        ids[i] = out[i].second;
    return ids;
}

std::vector<int> MessageFlow::visibleByOrder(qsizetype from, qsizetype to) const
{
    // Messages are numbered in the order of their first event: binary search on it.
    const qsizetype start = from - m_maxSpanEvents;
    std::vector<int> out;
    const auto firstBlock =
        std::lower_bound(m_blocks.begin(), m_blocks.end(), start,
                         [](const Block &b, qsizetype event) { return b.lastFirstEvent < event; });
    for (auto b = firstBlock; b != m_blocks.end() && b->firstEvent <= to; ++b) {
        const auto data = dataOf(static_cast<size_t>(b - m_blocks.begin()));
        const std::vector<FlowMessage> &messages = data->messages;
        auto it = std::lower_bound(
            messages.begin(), messages.end(), start,
            [](const FlowMessage &m, qsizetype event) { return m.firstEvent() < event; });
        for (; it != messages.end() && it->firstEvent() <= to; ++it)
            if (it->endEvent < 0 || it->endEvent >= from)
                out.push_back(b->first + static_cast<int>(it - messages.begin()));
    }
    const size_t scanned = out.size();
    forEachInFlight([&](int id) {
        const FlowMessage &m = peek(id);
        if (m.firstEvent() < start && m.fate == MessageFate::InFlight)
            out.push_back(id);
    });
    if (out.size() > scanned)
        std::sort(out.begin(), out.end());
    return out;
}

qsizetype MessageFlow::countFirstBefore(qsizetype event) const
{
    const auto b =
        std::lower_bound(m_blocks.begin(), m_blocks.end(), event,
                         [](const Block &block, qsizetype e) { return block.lastFirstEvent < e; });
    if (b == m_blocks.end())
        return static_cast<qsizetype>(m_count);
    if (b->firstEvent >= event)
        return b->first;
    if (const auto data = cached(static_cast<size_t>(b - m_blocks.begin()))) {
        const auto it =
            std::lower_bound(data->messages.begin(), data->messages.end(), event,
                             [](const FlowMessage &m, qsizetype e) { return m.firstEvent() < e; });
        return b->first + (it - data->messages.begin());
    }
    // Let go: spread its messages evenly over its events.
    const double share =
        double(event - b->firstEvent) / double(b->lastFirstEvent - b->firstEvent + 1);
    return b->first + static_cast<qsizetype>(share * b->count);
}

qsizetype MessageFlow::startedBetween(qsizetype from, qsizetype to) const
{
    return to <= from ? 0 : countFirstBefore(to) - countFirstBefore(from);
}

qsizetype MessageFlow::sentBetween(qint64 fromUs, qint64 toUs) const
{
    qsizetype n = 0;
    for (size_t i = 0; i < m_blocks.size(); ++i) {
        const Block &block = m_blocks[i];
        if (block.maxSentUs < fromUs || block.minSentUs >= toUs || toUs <= fromUs)
            continue;
        if (block.minSentUs >= fromUs && block.maxSentUs < toUs) {
            n += block.count;
            continue;
        }
        if (const auto data = cached(i)) {
            const auto sentOf = [&](int local) {
                return data->messages[static_cast<size_t>(local)].sentUs;
            };
            const auto a = std::lower_bound(data->bySend.begin(), data->bySend.end(), fromUs,
                                            [&](int local, qint64 t) { return sentOf(local) < t; });
            const auto b = std::lower_bound(a, data->bySend.end(), toUs,
                                            [&](int local, qint64 t) { return sentOf(local) < t; });
            n += b - a;
            continue;
        }
        // Let go: spread its messages evenly over its span.
        const qint64 span = block.maxSentUs - block.minSentUs + 1;
        const qint64 cut = std::min(toUs, block.maxSentUs + 1) - std::max(fromUs, block.minSentUs);
        n += static_cast<qsizetype>(double(cut) / double(span) * block.count);
    }
    return n;
}

std::vector<int> MessageFlow::ofTransaction(TxId tx) const
{
    std::vector<std::pair<qint64, int>> found; // (sent, id), ids ascending
    for (size_t i = 0; i < m_firstHeld; ++i) {
        const Block &block = m_blocks[i];
        if (std::none_of(block.txs.begin(), block.txs.end(), [tx](const TxRange &r) {
                return r.key == tx >> 48 && tx >= r.lo && tx <= r.hi;
            }))
            continue;
        const auto data = dataOf(i);
        for (size_t j = 0; j < data->messages.size(); ++j)
            if (data->messages[j].tx == tx)
                found.emplace_back(data->messages[j].sentUs, block.first + static_cast<int>(j));
    }
    if (const auto it = m_byTx.find(tx); it != m_byTx.end())
        for (const int id : it->second)
            found.emplace_back(peek(id).sentUs, id);
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<int> ids(found.size());
    for (size_t i = 0; i < found.size(); ++i)
        ids[i] = found[i].second;
    return ids;
}

} // namespace edgecore
