#include "participant.h"

#include "cast.h"
#include "roles.h"
#include "storage/storage.h"
#include "trace/traceevent.h"
#include "wire/wireerror.h"

#include <QCborArray>
#include <QCborMap>

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

int Participant::waitingForLocks() const
{
    int n = 0;
    for (const auto &[id, tx] : m_txs)
        n += tx.parked;
    return n;
}

int Participant::inDoubtCount() const
{
    int n = 0;
    for (const auto &[id, tx] : m_txs)
        n += tx.logic.inDoubt();
    return n;
}

bool Participant::fenced(const Envelope &msg, quint64 floor, Context &ctx)
{
    // New work (PREPARE) with a token older than any seen comes from a deposed leader and must
    // not change anything. A decision must carry at least the token its transaction was
    // prepared under: a deposed coordinator may still finish what it began, nothing more.
    // Token 0 is unfenced (a recovering coordinator's resend, an answer from history).
    // A PREPARE always carries its leader's token: 0 is stale once any leader was seen.
    const bool unfenced = msg.fencingToken == 0 && msg.type != MsgType::Prepare;
    if (unfenced || msg.fencingToken >= floor) {
        if (msg.type == MsgType::Prepare && msg.fencingToken > m_highestToken) {
            m_highestToken = msg.fencingToken;
            // A newer leader seen: the floor is durable before anything is answered, so that
            // no restart lets a deposed leader's PREPARE in again (whatever this one's vote).
            ctx.storage().append(
                LogRecord{u"fence"_s, 0, 0, QString::number(m_highestToken), {}, toUs(ctx.now())});
        }
        return false;
    }
    ctx.trace().refuse(msg, static_cast<quint8>(WireError::StaleToken),
                       u"stale fencing token "_s + QString::number(msg.fencingToken) + u" < "_s +
                           QString::number(floor));
    return true;
}

bool Participant::fromCoordinator(const Envelope &msg, Context &ctx)
{
    return senderMay(ctx.nameOf(msg.sender).startsWith(u"sm-"_s), msg, ctx);
}

Participant::Tx &Participant::txFor(const Envelope &msg, Protocol protocol,
                                    std::vector<NodeId> peers, TxId setupTx)
{
    auto it = m_txs.find(msg.txId);
    if (it == m_txs.end()) {
        Tx tx{ParticipantTx(msg.txId, protocol, msg.sender, peers),
              msg.sessionId,
              0,
              false,
              msg.type == MsgType::Prepare ? msg.payload : QByteArray(),
              protocol,
              peers,
              msg.type == MsgType::Prepare ? msg.fencingToken : 0};
        tx.firstSeen = instantFromUs(msg.labTimeUs);
        tx.setupTx = setupTx;
        it = m_txs.emplace(msg.txId, std::move(tx)).first;
    }
    return it->second;
}

void Participant::start(Context &ctx)
{
    m_self = ctx.self();
    m_lockManager = ctx.lookup(cast::dsm());
    recover(ctx);
    if (m_config.exclusiveLocks && m_lockManager != kNoNode) {
        // Whatever this participant reported before a crash is void: its waits died with it.
        reportDone(0, 0, ctx);
    }
}

void Participant::recover(Context &ctx)
{
    // Replays the log in order: reservations are taken, finalised and released again exactly
    // as before the crash; what was prepared and never decided is in doubt again.
    int replayed = 0;
    for (const LogRecord &r : ctx.storage().readAll()) {
        ++replayed;
        if (r.kind == u"fence"_s) {
            m_highestToken = std::max(m_highestToken, r.state.toULongLong());
        } else if (r.kind == u"prepared"_s) {
            const QCborMap rec = QCborValue::fromCbor(r.data).toMap();
            const QByteArray request = rec.value(u"request"_s).toByteArray();
            const auto protocol = static_cast<Protocol>(rec.value(u"protocol"_s).toInteger());
            const auto coordinator = static_cast<NodeId>(rec.value(u"coordinator"_s).toInteger());
            std::vector<NodeId> peers;
            for (const QCborValue &v : rec.value(u"peers"_s).toArray())
                peers.push_back(static_cast<NodeId>(v.toInteger()));
            if (const auto refusal = reserve(r.txId, Payload::decode(request)))
                ctx.trace().record(TraceKind::Note,
                                   u"recovery could not reserve again: "_s + *refusal, r.txId,
                                   r.sessionId);
            const auto token = static_cast<quint64>(rec.value(u"token"_s).toInteger());
            Tx tx{ParticipantTx::recover(r.txId, protocol, coordinator, peers,
                                         ParticipantState::Prepared),
                  r.sessionId,
                  0,
                  false,
                  request,
                  protocol,
                  peers,
                  token};
            tx.setupTx = releaseOf(Payload::decode(request));
            // The highest token it ever voted under is its fencing floor again.
            m_highestToken = std::max(m_highestToken, token);
            m_txs.insert_or_assign(r.txId, std::move(tx));
            // A prepared transaction held its lock until its decision: it holds it again.
            if (m_config.exclusiveLocks)
                if (const QString key = lockKey(Payload::decode(request)); !key.isEmpty())
                    m_locks.acquire(r.txId, key);
        } else if (r.kind == u"precommitted"_s) {
            if (auto it = m_txs.find(r.txId); it != m_txs.end())
                it->second.logic = ParticipantTx::recover(
                    r.txId, it->second.protocol, it->second.logic.coordinator(), it->second.peers,
                    ParticipantState::PreCommitted);
        } else if (r.kind == u"outcome"_s) {
            const bool commit = r.state == u"COMMIT"_s;
            auto it = m_txs.find(r.txId);
            if (it == m_txs.end()) { // aborted before voting (asked for its state)
                Tx tx{ParticipantTx(r.txId, Protocol::ThreePhase, kNoNode, {}),
                      r.sessionId,
                      0,
                      false,
                      {},
                      Protocol::ThreePhase,
                      {}};
                tx.logic.onPrepare(false);
                m_txs.insert_or_assign(r.txId, std::move(tx));
            } else if (it->second.logic.inDoubt()) {
                m_locks.release(r.txId);
                for (const ParticipantAction &a : it->second.logic.onDecision(commit)) {
                    if (a.kind == ParticipantAction::Kind::Finalize)
                        finalize(r.txId);
                    else if (a.kind == ParticipantAction::Kind::Release)
                        release(r.txId);
                }
            }
            remember(r.txId);
        }
    }
    int inDoubt = 0;
    for (auto &[id, tx] : m_txs) {
        if (!tx.logic.inDoubt())
            continue;
        ++inDoubt;
        arm(tx, 1, false, ctx); // ask (2PC) or terminate (3PC) right away
    }
    if (replayed)
        ctx.trace().record(TraceKind::State, u"recovered from the log: "_s +
                                                 QString::number(replayed) + u" records, "_s +
                                                 QString::number(inDoubt) + u" in doubt"_s);
}

void Participant::prepare(Tx &tx, const Payload &request, Context &ctx)
{
    // An injected fault may make it vote NO without reserving anything.
    const TxId id = tx.logic.txId();
    const double abortPct = ctx.injected().abortPct;
    const std::optional<QString> refusal =
        abortPct > 0 && ctx.rng().uniform() * 100 < abortPct
            ? std::optional<QString>(u"injected abort ("_s + QString::number(abortPct) +
                                     u"% of PREPAREs)"_s)
            : reserve(id, request);
    if (refusal)
        ++m_no;
    else
        ++m_yes;
    apply(id, tx.logic.onPrepare(!refusal, refusal.value_or(QString())), ctx);
}

void Participant::onMessage(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    switch (msg.type) {
    case MsgType::Prepare: {
        if (fenced(msg, m_highestToken, ctx) || !fromCoordinator(msg, ctx))
            return;
        const auto protocol = static_cast<Protocol>(in.integer(Field::Protocol));
        Tx &tx = txFor(msg, protocol, peersFrom(in, m_self), releaseOf(in));
        if (tx.logic.state() != ParticipantState::Init) {
            apply(msg.txId, tx.logic.onPrepare(true), ctx); // a resend: same vote again
            return;
        }
        if (tx.parked)
            return; // a resend while it waits for its lock: it votes once granted
        if (m_config.exclusiveLocks) {
            if (const QString key = lockKey(in); !key.isEmpty()) {
                if (const auto holder = m_locks.acquire(msg.txId, key)) {
                    tx.parked = true;
                    reportWait(tx, *holder, key, ctx);
                    return;
                }
                ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Acquired), msg.txId,
                                 msg.sessionId, 0, key);
            }
        }
        prepare(tx, in, ctx);
        grantWaiting(ctx);
        return;
    }
    case MsgType::DeadlockVictim:
        onDeadlockVictim(msg, ctx);
        grantWaiting(ctx);
        return;
    case MsgType::PreCommit:
    case MsgType::Commit:
    case MsgType::Abort: {
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
        if (fenced(msg, it->second.token, ctx) || !fromCoordinator(msg, ctx))
            return;
        if (msg.type == MsgType::PreCommit)
            apply(msg.txId, it->second.logic.onPreCommit(), ctx);
        else
            apply(msg.txId, it->second.logic.onDecision(msg.type == MsgType::Commit), ctx);
        grantWaiting(ctx);
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
    grantWaiting(ctx);
}

void Participant::onDeadlockVictim(const Envelope &msg, Context &ctx)
{
    if (!senderMay(msg.sender == m_lockManager, msg, ctx))
        return;
    const auto it = m_txs.find(msg.txId);
    if (it == m_txs.end() || !it->second.parked)
        return; // granted meanwhile (it voted), or decided: nothing waits here any more
    Tx &tx = it->second;
    tx.parked = false;
    const QString why = Payload::decode(msg.payload).string(Field::Reason);
    ++m_victims;
    ++m_no;
    apply(msg.txId, tx.logic.onPrepare(false, why), ctx); // votes NO, which lets go of it
}

void Participant::releaseLocks(TxId id, Context &ctx)
{
    if (!m_config.exclusiveLocks)
        return;
    const auto it = m_txs.find(id);
    const SessionId session = it == m_txs.end() ? 0 : it->second.sessionId;
    if (it != m_txs.end())
        it->second.parked = false;
    const bool held = !m_locks.heldBy(id).empty() || m_locks.waitingFor(id).has_value();
    const std::vector<LockTable::Grant> granted = m_locks.release(id);
    if (held)
        ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Released), id, session);
    if (m_reported.erase(id))
        reportDone(id, 0, ctx);
    m_grants.insert(m_grants.end(), granted.begin(), granted.end());
}

void Participant::grantWaiting(Context &ctx)
{
    // Each grant: the new holder stops waiting and votes; those still queued behind it now
    // wait for it instead. A vote may release again (NO), which may grant more.
    while (!m_grants.empty()) {
        const LockTable::Grant g = m_grants.front();
        m_grants.erase(m_grants.begin());
        const auto it = m_txs.find(g.tx);
        if (it == m_txs.end() || !it->second.parked)
            continue;
        Tx &tx = it->second;
        tx.parked = false;
        reportDone(g.tx, std::exchange(tx.waitsFor, 0), ctx);
        if (tx.token < m_highestToken) {
            // A newer leader appeared while it waited: its coordinator is deposed, so the
            // PREPARE is refused now as it would have been on arrival. Nothing was reserved.
            ctx.trace().record(TraceKind::State,
                               u"PREPARE dropped after its lock wait: stale fencing token "_s +
                                   QString::number(tx.token) + u" < "_s +
                                   QString::number(m_highestToken),
                               g.tx, tx.sessionId);
            releaseLocks(g.tx, ctx); // the lock just granted goes on to the next in line
            m_txs.erase(g.tx);
            continue;
        }
        ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Acquired), g.tx, tx.sessionId, 0,
                         g.resource);
        for (auto &[id, other] : m_txs)
            if (other.parked && m_locks.waitingFor(id) == g.resource && other.waitsFor != g.tx) {
                reportDone(id, other.waitsFor, ctx);
                reportWait(other, g.tx, g.resource, ctx);
            }
        prepare(tx, Payload::decode(tx.request), ctx);
    }
}

void Participant::reportWait(Tx &tx, TxId holder, const QString &resource, Context &ctx)
{
    const TxId id = tx.logic.txId();
    tx.waitsFor = holder;
    ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Waits), id, tx.sessionId, holder, resource);
    if (m_lockManager == kNoNode)
        return;
    const auto h = m_txs.find(holder);
    const Instant holderSeen = h == m_txs.end() ? tx.firstSeen : h->second.firstSeen;
    m_reported.insert(id);
    m_reported.insert(holder);
    Envelope e;
    e.type = MsgType::LockWait;
    e.txId = id;
    e.sessionId = tx.sessionId;
    e.payload = Payload()
                    .set(Field::Blocker, static_cast<qint64>(holder))
                    .set(Field::Key, resource)
                    .set(Field::Since, toUs(ctx.now()))
                    .set(Field::Started, toUs(tx.firstSeen))
                    .set(Field::BlockerStarted, toUs(holderSeen))
                    .encode();
    ctx.send(m_lockManager, std::move(e));
}

void Participant::reportDone(TxId id, TxId holder, Context &ctx)
{
    if (m_lockManager == kNoNode)
        return;
    Envelope e;
    e.type = MsgType::LockDone;
    e.txId = id;
    e.payload = Payload().set(Field::Blocker, static_cast<qint64>(holder)).encode();
    ctx.send(m_lockManager, std::move(e));
}

void Participant::arm(Tx &tx, qint64 ms, bool termination, Context &ctx)
{
    arm(tx, Duration(std::chrono::milliseconds(ms)), termination, ctx);
}

void Participant::arm(Tx &tx, Duration after, bool termination, Context &ctx)
{
    disarm(tx, ctx);
    tx.timer = ctx.startTimer(after);
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
        case K::LogPrepared: {
            // PREPARED is durable before the YES leaves (the host flushes storage first), with
            // what recovery needs to take the reservation again and finish the transaction.
            QCborArray peers;
            for (NodeId p : tx.peers)
                peers.append(p);
            const QCborMap record{{u"request"_s, tx.request},
                                  {u"protocol"_s, static_cast<int>(tx.protocol)},
                                  {u"coordinator"_s, tx.logic.coordinator()},
                                  {u"peers"_s, peers},
                                  // The fencing token it voted under: after a crash no older
                                  // leader's PREPARE may be accepted again.
                                  {u"token"_s, static_cast<qint64>(tx.token)}};
            ctx.storage().append(LogRecord{u"prepared"_s, id, tx.sessionId, u"PREPARED"_s,
                                           QCborValue(record).toCbor(), toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"PREPARED, vote YES: "_s + describe(id), id,
                               tx.sessionId);
            break;
        }
        case K::VoteYes:
            ctx.trace().fact(TraceKind::Vote, 1, id, tx.sessionId, tx.token); // under this token
            send(a.to, MsgType::Vote, tx, Payload().set(Field::Vote, true), ctx);
            arm(tx, m_config.inDoubtTimeoutMs, false, ctx);
            break;
        case K::VoteNo:
            remember(id);
            releaseLocks(id, ctx);
            ctx.trace().record(TraceKind::State, u"vote NO: "_s + a.reason, id, tx.sessionId);
            ctx.trace().fact(TraceKind::Vote, 0, id, tx.sessionId);
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
            // A release's decision names the set-up it ends (the checker's RELEASE rules).
            ctx.trace().fact(TraceKind::Decide, a.commit ? 1 : 0, id, tx.sessionId, tx.setupTx);
            ctx.storage().append(LogRecord{u"outcome"_s,
                                           id,
                                           tx.sessionId,
                                           a.commit ? u"COMMIT"_s : u"ABORT"_s,
                                           {},
                                           toUs(ctx.now())});
            break;
        case K::Finalize:
            if (const QByteArray record = finalRecord(id); !record.isEmpty()) {
                ctx.storage().append(
                    LogRecord{u"cdr"_s, id, tx.sessionId, u"CDR"_s, record, toUs(ctx.now())});
                ctx.trace().record(TraceKind::State, u"charging record: "_s + describe(id), id,
                                   tx.sessionId);
            }
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
            // In doubt it may not decide alone, so it never gives up; it asks less often.
            arm(tx, m_config.outcomeQuery.delay(++tx.asks, ctx.rng()), false, ctx);
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
                 Payload()
                     .set(Field::State, static_cast<int>(a.state))
                     .set(Field::Recovering, a.recovering),
                 ctx);
            break;
        case K::Decided:
            disarm(tx, ctx);
            releaseLocks(id, ctx); // strict 2PL: held until the decision, whatever it is
            ctx.trace().record(TraceKind::State,
                               (a.commit ? u"COMMITTED"_s : u"ABORTED"_s) +
                                   (a.reason.isEmpty() ? QString() : u": "_s + a.reason),
                               id, tx.sessionId);
            break;
        }
    }
}

} // namespace edgecore
