#include "participant.h"

#include "storage/storage.h"
#include "wire/wireerror.h"

#include <QCborArray>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
std::vector<NodeId> peersFrom(const Payload &p, NodeId self)
{
    std::vector<NodeId> peers;
    const QCborArray all = p.get(Field::Participants).toArray();
    for (const QCborValue &v : all)
        if (const auto id = static_cast<NodeId>(v.toInteger()); id != self && id != kNoNode)
            peers.push_back(id);
    return peers;
}
} // namespace

std::optional<ParticipantState> Participant::stateOf(TxId tx) const
{
    const auto it = m_txs.find(tx);
    if (it == m_txs.end())
        return std::nullopt;
    return it->second.logic.state();
}

int Participant::inDoubtCount() const
{
    int n = 0;
    for (const auto &[id, tx] : m_txs)
        n += tx.logic.inDoubt();
    return n;
}

bool Participant::fenced(const Envelope &msg, Context &ctx)
{
    // Coordinator messages carry the leader's fencing token; an older one than any seen comes
    // from a deposed leader and must not change anything.
    if (msg.fencingToken == 0)
        return false;
    if (msg.fencingToken < m_highestToken) {
        ctx.trace().refuse(msg, static_cast<quint8>(WireError::StaleToken),
                           u"stale fencing token "_s + QString::number(msg.fencingToken) +
                               u" < "_s + QString::number(m_highestToken));
        return true;
    }
    m_highestToken = msg.fencingToken;
    return false;
}

Participant::Tx &Participant::txFor(const Envelope &msg, Protocol protocol,
                                    std::vector<NodeId> peers)
{
    auto it = m_txs.find(msg.txId);
    if (it == m_txs.end()) {
        it = m_txs
                 .emplace(msg.txId,
                          Tx{ParticipantTx(msg.txId, protocol, msg.sender, std::move(peers)),
                             msg.sessionId, 0, false})
                 .first;
    }
    return it->second;
}

void Participant::onMessage(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    switch (msg.type) {
    case MsgType::Prepare: {
        if (fenced(msg, ctx))
            return;
        const auto protocol = static_cast<Protocol>(in.integer(Field::Protocol));
        Tx &tx = txFor(msg, protocol, peersFrom(in, m_self));
        if (tx.logic.state() != ParticipantState::Init) {
            apply(msg.txId, tx.logic.onPrepare(true), ctx); // a resend: same vote again
            return;
        }
        const std::optional<QString> refusal = reserve(msg.txId, in);
        if (refusal)
            ++m_no;
        else
            ++m_yes;
        apply(msg.txId, tx.logic.onPrepare(!refusal, refusal.value_or(QString())), ctx);
        return;
    }
    case MsgType::PreCommit:
    case MsgType::Commit:
    case MsgType::Abort: {
        if (fenced(msg, ctx))
            return;
        const auto it = m_txs.find(msg.txId);
        if (it == m_txs.end()) {
            // Never heard of it (or long forgotten): acknowledge so the coordinator can finish;
            // nothing here depends on it.
            if (msg.type != MsgType::PreCommit) {
                Envelope ack;
                ack.type = MsgType::Ack;
                ack.txId = msg.txId;
                ack.sessionId = msg.sessionId;
                ctx.send(msg.sender, std::move(ack));
            }
            return;
        }
        if (msg.type == MsgType::PreCommit)
            apply(msg.txId, it->second.logic.onPreCommit(), ctx);
        else
            apply(msg.txId, it->second.logic.onDecision(msg.type == MsgType::Commit), ctx);
        return;
    }
    case MsgType::StateRequest: {
        const auto protocol = static_cast<Protocol>(in.integer(Field::Protocol, 1));
        Tx &tx = txFor(msg, protocol, {});
        apply(msg.txId, tx.logic.onStateRequest(msg.sender), ctx);
        return;
    }
    case MsgType::StateReport: {
        const auto it = m_txs.find(msg.txId);
        if (it != m_txs.end())
            apply(msg.txId,
                  it->second.logic.onPeerState(
                      msg.sender, static_cast<ParticipantState>(in.integer(Field::State))),
                  ctx);
        return;
    }
    default:
        return;
    }
}

void Participant::onTimer(TimerId id, Context &ctx)
{
    const auto t = m_timers.find(id);
    if (t == m_timers.end())
        return;
    const TxId txId = *t;
    m_timers.erase(t);
    const auto it = m_txs.find(txId);
    if (it == m_txs.end())
        return;
    Tx &tx = it->second;
    tx.timer = 0;
    if (tx.terminationTimer)
        apply(txId, tx.logic.onTerminationTimeout(), ctx);
    else
        apply(txId, tx.logic.onTimeout(), ctx);
}

void Participant::arm(Tx &tx, qint64 ms, bool termination, Context &ctx)
{
    disarm(tx, ctx);
    tx.timer = ctx.startTimer(std::chrono::milliseconds(ms));
    tx.terminationTimer = termination;
    m_timers.insert(tx.timer, tx.logic.txId());
}

void Participant::disarm(Tx &tx, Context &ctx)
{
    if (!tx.timer)
        return;
    ctx.cancelTimer(tx.timer);
    m_timers.remove(tx.timer);
    tx.timer = 0;
}

void Participant::send(NodeId to, MsgType type, const Tx &tx, Payload payload, Context &ctx)
{
    Envelope e;
    e.type = type;
    e.txId = tx.logic.txId();
    e.sessionId = tx.sessionId;
    e.payload = payload.encode();
    ctx.send(to, std::move(e));
}

void Participant::remember(TxId id)
{
    // Decided transactions stay to answer late questions, the oldest forgotten past a bound.
    m_decided.push_back(id);
    while (static_cast<int>(m_decided.size()) > m_config.decidedKept && m_decided.front() != id) {
        m_txs.erase(m_decided.front());
        m_decided.pop_front();
    }
}

void Participant::apply(TxId id, const ParticipantActions &actions, Context &ctx)
{
    using K = ParticipantAction::Kind;
    Tx &tx = m_txs.at(id);
    for (const ParticipantAction &a : actions) {
        switch (a.kind) {
        case K::LogPrepared:
            // PREPARED is durable before the YES leaves (the host flushes storage first).
            ctx.storage().append(LogRecord{u"prepared"_s, id, tx.sessionId, u"PREPARED"_s,
                                           describe(id).toUtf8(), toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"PREPARED, vote YES: "_s + describe(id), id,
                               tx.sessionId);
            break;
        case K::VoteYes:
            send(a.to, MsgType::Vote, tx, Payload().set(Field::Vote, true), ctx);
            arm(tx, m_config.inDoubtTimeoutMs, false, ctx);
            break;
        case K::VoteNo:
            remember(id);
            ctx.trace().record(TraceKind::State, u"vote NO: "_s + a.reason, id, tx.sessionId);
            send(a.to, MsgType::Vote, tx,
                 Payload().set(Field::Vote, false).set(Field::Reason, a.reason), ctx);
            break;
        case K::LogPreCommitted:
            ctx.storage().append(LogRecord{
                u"precommitted"_s, id, tx.sessionId, u"PRECOMMITTED"_s, {}, toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"PRECOMMITTED"_s, id, tx.sessionId);
            break;
        case K::AckPreCommit:
            send(a.to, MsgType::PreCommitAck, tx, {}, ctx);
            arm(tx, m_config.inDoubtTimeoutMs, false, ctx);
            break;
        case K::LogOutcome:
            remember(id);
            ctx.storage().append(LogRecord{u"outcome"_s,
                                           id,
                                           tx.sessionId,
                                           a.commit ? u"COMMIT"_s : u"ABORT"_s,
                                           {},
                                           toUs(ctx.now())});
            break;
        case K::Finalize:
            finalize(id);
            break;
        case K::Release:
            release(id);
            break;
        case K::AckDecision:
            send(a.to, MsgType::Ack, tx, {}, ctx);
            break;
        case K::AskOutcome:
            ctx.trace().record(TraceKind::State, u"in doubt: asking the coordinator"_s, id,
                               tx.sessionId);
            send(a.to, MsgType::OutcomeRequest, tx, {}, ctx);
            arm(tx, m_config.inDoubtTimeoutMs, false, ctx);
            break;
        case K::RequestStates:
            if (!tx.terminationTimer || !tx.timer) {
                ctx.trace().record(TraceKind::State, u"coordinator silent: termination protocol"_s,
                                   id, tx.sessionId);
                arm(tx, m_config.terminationTimeoutMs, true, ctx);
            }
            send(a.to, MsgType::StateRequest, tx,
                 Payload().set(Field::Protocol, static_cast<int>(Protocol::ThreePhase)), ctx);
            break;
        case K::ReportState:
            send(a.to, MsgType::StateReport, tx,
                 Payload().set(Field::State, static_cast<int>(a.state)), ctx);
            break;
        case K::Decided:
            disarm(tx, ctx);
            ctx.trace().record(TraceKind::State,
                               (a.commit ? u"COMMITTED"_s : u"ABORTED"_s) +
                                   (a.reason.isEmpty() ? QString() : u": "_s + a.reason),
                               id, tx.sessionId);
            break;
        }
    }
}

} // namespace edgecore
