#include "nodecore.h"

#include "storage/storage.h"
#include "trace/tracestore.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

NodeCore::NodeCore(const HostConfig &config, std::unique_ptr<Service> service)
    : m_config(config)
    , m_service(std::move(service))
    , m_storage(std::make_unique<MemoryStorage>())
    , m_keys(config.keys)
    , m_verifier(config.id, &m_keys, config.timestampWindowMs)
    , m_rng(Rng::derive(config.seed, config.id))
    , m_vclock(static_cast<size_t>(config.id) + 1, 0)
    // By default sequence numbers start from the wall clock in microseconds, so a restarted
    // sender is still ahead of what its peers' replay windows remember.
    , m_nextSeq(config.firstSeq ? config.firstSeq
                                : static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) * 1000)
{}

NodeCore::~NodeCore() = default;

void NodeCore::setDirectory(std::shared_ptr<const Directory> directory)
{
    m_directory = std::move(directory);
    if (m_vclock.size() < m_directory->nodes.size() + 1)
        m_vclock.resize(m_directory->nodes.size() + 1, 0);
}

NodeId NodeCore::lookup(const QString &name) const
{
    return m_directory ? m_directory->lookup(name) : kNoNode;
}

QString NodeCore::nameOf(NodeId id) const
{
    const NodeInfo *n = m_directory ? m_directory->find(id) : nullptr;
    return n ? n->name : QString();
}

quint64 NodeCore::lamport() const
{
    // The sum of a vector clock grows along every causal chain, so it serves as the Lamport
    // clock without a wire field of its own.
    quint64 sum = 0;
    for (quint64 c : m_vclock)
        sum += c;
    return sum;
}

namespace {
// What the user did to a parked frame, as the sender's event (the frame's own fields).
TraceEvent byHand(const PendingFrame &f, TraceKind kind, quint8 reason, Instant now, qint64 wallUs,
                  const QString &detail)
{
    TraceEvent e;
    e.kind = kind;
    e.node = f.from;
    e.peer = f.to;
    e.msgType = f.type;
    e.reason = reason;
    e.labUs = toUs(now);
    e.wallUs = wallUs;
    e.seq = f.seq;
    e.txId = f.tx;
    e.sessionId = f.session;
    e.detail = detail;
    return e;
}
} // namespace

TraceEvent droppedByHand(const PendingFrame &f, Instant now, qint64 wallUs)
{
    return byHand(f, TraceKind::Drop, 3, now, wallUs, u"dropped by hand (step mode)"_s);
}

TraceEvent lostByTheNetwork(const PendingFrame &f, bool partition, Instant now, qint64 wallUs,
                            const QString &detail)
{
    return byHand(f, TraceKind::Drop, partition ? 1 : 2, now, wallUs, detail);
}

TraceEvent copiedByHand(const PendingFrame &f, Instant now, qint64 wallUs)
{
    return byHand(f, TraceKind::Send, 1, now, wallUs, u"duplicated by hand (step mode)"_s);
}

TraceEvent NodeCore::stamped(TraceKind kind, TxId tx, SessionId session) const
{
    TraceEvent e;
    e.kind = kind;
    e.node = m_config.id;
    e.labUs = toUs(now());
    e.wallUs = wallMsNow() * 1000;
    e.lamport = lamport();
    e.txId = tx;
    e.sessionId = session;
    e.vclock = m_vclock;
    return e;
}

void NodeCore::recordHost(HostEvent what)
{
    TraceEvent e = stamped(TraceKind::State);
    e.reason = static_cast<quint8>(what);
    e.detail = toString(what);
    m_config.trace->append(e);
}

void NodeCore::record(TraceKind kind, const QString &detail, TxId tx, SessionId session,
                      NodeId peer)
{
    TraceEvent e = stamped(kind, tx, session);
    e.peer = peer;
    e.detail = detail;
    m_config.trace->append(e);
}

void NodeCore::traceMessage(TraceKind kind, const Envelope &env, NodeId peer, quint8 reason,
                            const QString &detail)
{
    TraceEvent e = stamped(kind, env.txId, env.sessionId);
    e.peer = peer;
    e.msgType = static_cast<quint16>(env.type);
    e.reason = reason;
    e.seq = env.seq;
    e.detail = detail;
    if (kind == TraceKind::Send) {
        e.keyId = env.keyId;
        e.token = env.fencingToken;
        e.payload = env.payload;
    }
    m_config.trace->append(e);
}

void NodeCore::fact(TraceKind kind, quint8 value, TxId tx, SessionId session, quint64 number,
                    const QString &detail)
{
    Envelope e;
    e.txId = tx;
    e.sessionId = session;
    e.seq = number;
    traceMessage(kind, e, kNoNode, value, detail);
}

void NodeCore::session(const SessionFact &f, TxId tx, SessionId session)
{
    TraceEvent e = stamped(TraceKind::Session, tx, session);
    setSessionFact(e, f);
    m_config.trace->append(e);
}

void NodeCore::dsm(const DsmFact &f, const QString &detail, TxId tx, SessionId session)
{
    TraceEvent e = stamped(TraceKind::DsmWrite, tx, session);
    e.detail = detail;
    setDsmFact(e, f);
    m_config.trace->append(e);
}

void NodeCore::refuse(const Envelope &msg, quint8 reason, const QString &detail)
{
    ++m_stats.framesRejected;
    if (reason < m_stats.rejectedByReason.size())
        ++m_stats.rejectedByReason[reason];
    traceMessage(TraceKind::Reject, msg, msg.sender, reason, detail);
}

void NodeCore::rejectFrame(WireError error, const Envelope &claimed, qsizetype bytes)
{
    // The sender named in a refused frame is only what the frame claims.
    refuse(claimed, static_cast<quint8>(error),
           toString(error) + u" ("_s + QString::number(bytes) + u" bytes)"_s);
}

QByteArray NodeCore::seal(NodeId to, Envelope &msg)
{
    const HmacSha256 *mac = m_keys.signer();
    if (!mac || !m_directory || !m_directory->find(to))
        return {};
    ++m_vclock[m_config.id];
    msg.version = kWireVersion;
    msg.sender = m_config.id;
    msg.receiver = to;
    msg.keyId = m_keys.signingKeyId();
    msg.seq = m_nextSeq++;
    msg.labTimeUs = toUs(now());
    msg.wallTimeMs = wallMsNow();
    msg.vclock = m_vclock;
    QByteArray frame = encodeFrame(msg, *mac);
    if (m_config.wiretap && m_config.wiretap->armed())
        m_config.wiretap->offer(m_config.id, to, frame);
    traceMessage(TraceKind::Send, msg, to);
    ++m_stats.framesSent;
    m_stats.bytesSent += static_cast<quint64>(frame.size());
    return frame;
}

NodeCore::Outgoing NodeCore::outgoing(NodeId to, Envelope &msg)
{
    Outgoing out;
    out.frame = seal(to, msg);
    if (out.frame.isEmpty())
        return out;
    if (!m_config.faults || !m_config.faults->active()) {
        out.copies = 1;
        return out;
    }
    const LinkVerdict v = m_config.faults->onSend(m_config.id, to, m_rng);
    if (v.drop != LinkVerdict::Drop::No) {
        const bool cut = v.drop == LinkVerdict::Drop::Partition;
        traceMessage(TraceKind::Drop, msg, to, cut ? 1 : 2,
                     cut ? u"dropped: partition"_s : u"dropped: loss"_s);
        return out;
    }
    out.copies = v.copies;
    out.delay = v.delay;
    return out;
}

void NodeCore::admit(const Envelope &env, bool local, bool delayed)
{
    if (!m_config.faults || (!m_config.faults->active() && m_held.empty())) {
        dispatch(env, local);
        return;
    }
    const NodeFault f = injected();
    if (!delayed && !local && f.prepareDelayMs > 0 && env.type == MsgType::Prepare) {
        delayDelivery(env, local, now() + std::chrono::milliseconds(f.prepareDelayMs));
        return;
    }
    const Instant busyUntil = f.slowMs > 0 ? m_busyUntil : Instant{};
    if (f.paused || !m_held.empty() || now() < busyUntil) {
        m_held.emplace_back(env, local);
        if (!f.paused)
            scheduleRelease(std::max(busyUntil, now()));
        return;
    }
    dispatch(env, local);
    if (f.slowMs > 0)
        m_busyUntil = now() + std::chrono::milliseconds(f.slowMs);
}

void NodeCore::releaseHeld()
{
    const NodeFault f = injected();
    // No longer slow: what waited goes at once.
    const auto busyUntil = [&] { return f.slowMs > 0 ? m_busyUntil : Instant{}; };
    while (!m_held.empty() && !f.paused && now() >= busyUntil() && hasService()) {
        auto [env, local] = std::move(m_held.front());
        m_held.pop_front();
        dispatch(env, local);
        if (f.slowMs > 0)
            m_busyUntil = now() + std::chrono::milliseconds(f.slowMs);
    }
    if (!m_held.empty() && !f.paused)
        scheduleRelease(busyUntil());
}

void NodeCore::dispatch(const Envelope &env, bool local)
{
    if (m_crashPending)
        return;
    if (m_crashTrigger && m_crashTrigger(env)) {
        m_crashTrigger = nullptr;
        m_crashPending = true;
        requestCrash();
        return;
    }
    if (!local) {
        const size_t n = std::min(env.vclock.size(), m_vclock.size());
        for (size_t i = 0; i < n; ++i)
            m_vclock[i] = std::max(m_vclock[i], env.vclock[i]);
    }
    ++m_vclock[m_config.id];
    ++m_stats.framesDelivered;
    traceMessage(TraceKind::Deliver, env, local ? kNoNode : env.sender);
    m_service->onMessage(env, *this);
}

} // namespace edgecore
