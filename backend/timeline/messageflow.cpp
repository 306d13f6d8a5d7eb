#include "messageflow.h"

#include "core/envelope.h"
#include "faults/faultplan.h"
#include "services/cast.h"
#include "trace/facts.h"
#include "trace/tracestore.h"

#include <algorithm>

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
    if (m_forger == kNoNode) {
        const QStringList names = trace.nodeNames();
        const qsizetype at = names.indexOf(cast::mallory());
        if (at > 0)
            m_forger = static_cast<NodeId>(at);
    }
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) { apply(m_consumed, e); });
    return m_consumed - from;
}

void MessageFlow::countSend(NodeId sender, qint64 us)
{
    if (m_bucket0 < 0)
        m_bucket0 = std::max<qint64>(0, us / kBucketUs);
    const qint64 bucket = us / kBucketUs - m_bucket0;
    if (bucket < 0)
        return; // before the first message (threads' clocks): not counted
    if (sender >= m_fenwick.size())
        m_fenwick.resize(size_t(sender) + 1);
    std::vector<quint32> &tree = m_fenwick[sender];
    if (static_cast<size_t>(bucket) + 1 >= tree.size()) {
        // Grow by doubling and rebuild from the counts the old tree holds.
        std::vector<quint32> counts(tree.empty() ? 0 : tree.size() - 1);
        for (size_t i = 0; i < counts.size(); ++i)
            counts[i] =
                static_cast<quint32>(prefix(sender, qint64(i) + 1) - prefix(sender, qint64(i)));
        size_t size = std::max<size_t>(1024, tree.size());
        while (size <= static_cast<size_t>(bucket) + 1)
            size *= 2;
        tree.assign(size + 1, 0);
        for (size_t i = 0; i < counts.size(); ++i)
            for (size_t j = i + 1; j < tree.size() && counts[i]; j += j & (~j + 1))
                tree[j] += counts[i];
    }
    for (size_t j = static_cast<size_t>(bucket) + 1; j < tree.size(); j += j & (~j + 1))
        ++tree[j];
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
    const qint64 a = std::max<qint64>(0, fromUs / kBucketUs - m_bucket0);
    const qint64 b = std::max<qint64>(0, toUs / kBucketUs - m_bucket0);
    return prefix(sender, b) - prefix(sender, a);
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
    FlowMessage &m = m_messages[static_cast<size_t>(id)];
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

int MessageFlow::add(FlowMessage m)
{
    const int id = static_cast<int>(m_messages.size());
    m_messages.push_back(m);
    // Keep m_bySend ordered by send time: threads stamp lab time on their own reads of the
    // clock, so a send can land a little before the one traced just ahead of it.
    auto at = m_bySend.end();
    while (at != m_bySend.begin() && m_messages[static_cast<size_t>(*(at - 1))].sentUs > m.sentUs)
        --at;
    m_bySend.insert(at, id);
    countSend(m.from, m.sentUs);
    if (m.tx)
        m_byTx[m.tx].push_back(id);
    return id;
}

void MessageFlow::apply(qsizetype index, const TraceEvent &e)
{
    m_consumed = index + 1;
    m_lastUs = std::max(m_lastUs, e.labUs);
    if (m_firstUs < 0)
        m_firstUs = e.labUs;
    const auto finish = [&](int id, MessageFate fate) {
        FlowMessage &m = m_messages[static_cast<size_t>(id)];
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
        const int id = add(m);
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
        if (const int id = takeInFlight(keyOf(sender, e.seq)); id >= 0) {
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
        finish(add(m), MessageFate::Refused);
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
            forEachInFlight([&](int id) {
                if (m_messages[static_cast<size_t>(id)].to == e.node &&
                    m_messages[static_cast<size_t>(id)].fate == MessageFate::InFlight)
                    loseToCrash(id, index, e.labUs);
            });
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

std::vector<int> MessageFlow::visible(qint64 fromUs, qint64 toUs) const
{
    std::vector<int> out;
    const auto sentOf = [this](int id) { return m_messages[static_cast<size_t>(id)].sentUs; };
    // Ended messages sent before fromUs - m_maxSpanUs ended before fromUs: start there.
    const auto begin = std::lower_bound(m_bySend.begin(), m_bySend.end(), fromUs - m_maxSpanUs,
                                        [&](int id, qint64 t) { return sentOf(id) < t; });
    const auto end = std::upper_bound(begin, m_bySend.end(), toUs,
                                      [&](qint64 t, int id) { return t < sentOf(id); });
    for (auto it = begin; it != end; ++it) {
        const FlowMessage &m = m_messages[static_cast<size_t>(*it)];
        if (m.endUs < 0 || m.endUs >= fromUs)
            out.push_back(*it);
    }
    // Frames in flight since before the scan's start (parked for long) are on screen too.
    const size_t scanned = out.size();
    forEachInFlight([&](int id) {
        if (sentOf(id) < fromUs - m_maxSpanUs &&
            m_messages[static_cast<size_t>(id)].fate == MessageFate::InFlight)
            out.push_back(id);
    });
    if (out.size() > scanned) // the scan's part is in order already
        std::sort(out.begin(), out.end(), [&](int a, int b) {
            return sentOf(a) != sentOf(b) ? sentOf(a) < sentOf(b) : a < b;
        });
    return out;
}

std::vector<int> MessageFlow::visibleByOrder(qsizetype from, qsizetype to) const
{
    // Messages are numbered in the order of their first event: binary search on it.
    const auto firstOf = [this](size_t id) { return m_messages[id].firstEvent(); };
    size_t lo = 0;
    size_t hi = m_messages.size();
    const qsizetype start = from - m_maxSpanEvents;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (firstOf(mid) < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    std::vector<int> out;
    for (size_t id = lo; id < m_messages.size() && firstOf(id) <= to; ++id) {
        const FlowMessage &m = m_messages[id];
        if (m.endEvent < 0 || m.endEvent >= from)
            out.push_back(static_cast<int>(id));
    }
    const size_t scanned = out.size();
    forEachInFlight([&](int id) {
        if (m_messages[static_cast<size_t>(id)].firstEvent() < start &&
            m_messages[static_cast<size_t>(id)].fate == MessageFate::InFlight)
            out.push_back(id);
    });
    if (out.size() > scanned)
        std::sort(out.begin(), out.end());
    return out;
}

qsizetype MessageFlow::startedBetween(qsizetype from, qsizetype to) const
{
    const auto firstAtOrAfter = [this](qsizetype event) {
        size_t lo = 0;
        size_t hi = m_messages.size();
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (m_messages[mid].firstEvent() < event)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    };
    return to <= from ? 0 : static_cast<qsizetype>(firstAtOrAfter(to) - firstAtOrAfter(from));
}

qsizetype MessageFlow::sentBetween(qint64 fromUs, qint64 toUs) const
{
    const auto sentOf = [this](int id) { return m_messages[static_cast<size_t>(id)].sentUs; };
    const auto a = std::lower_bound(m_bySend.begin(), m_bySend.end(), fromUs,
                                    [&](int id, qint64 t) { return sentOf(id) < t; });
    const auto b =
        std::lower_bound(a, m_bySend.end(), toUs, [&](int id, qint64 t) { return sentOf(id) < t; });
    return b - a;
}

std::vector<int> MessageFlow::ofTransaction(TxId tx) const
{
    const auto it = m_byTx.find(tx);
    if (it == m_byTx.end())
        return {};
    std::vector<int> ids = it->second;
    std::stable_sort(ids.begin(), ids.end(), [this](int a, int b) {
        return m_messages[static_cast<size_t>(a)].sentUs <
               m_messages[static_cast<size_t>(b)].sentUs;
    });
    return ids;
}

} // namespace edgecore
