#include "sessionmanager.h"

#include "dsm/dsmstore.h"
#include "storage/storage.h"

#include <QCborArray>
#include <QCborMap>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SessionManager::SessionManager(CoordinatorConfig config)
    : m_config(config)
    , m_lease(LeaseConfig{std::chrono::milliseconds(config.leaseTtlMs),
                          std::chrono::milliseconds(config.leaseDriftMs)})
{}

void SessionManager::armLease(Context &ctx)
{
    if (m_leaseTimer)
        ctx.cancelTimer(m_leaseTimer);
    const Duration wait = std::max(Duration(1000), m_lease.nextWakeup() - ctx.now());
    m_leaseTimer = ctx.startTimer(wait);
}

void SessionManager::leaseTick(Context &ctx)
{
    applyLease(m_lease.tick(ctx.now()), ctx);
    armLease(ctx);
}

void SessionManager::applyLease(const LeaseActions &actions, Context &ctx)
{
    for (const LeaseAction &a : actions) {
        switch (a.kind) {
        case LeaseAction::Kind::SendAcquire: {
            Envelope e;
            e.type = MsgType::DsmLease;
            e.payload = Payload()
                            .set(Field::Key, leaderKey())
                            .set(Field::TtlMs, m_config.leaseTtlMs)
                            .set(Field::RequestId, static_cast<qint64>(a.requestId))
                            .encode();
            ctx.send(m_dsm, std::move(e));
            break;
        }
        case LeaseAction::Kind::BecameLeader: {
            ctx.trace().fact(TraceKind::Lease, 1, 0, 0, a.token);
            ctx.trace().record(TraceKind::State, u"became leader (fencing token "_s +
                                                     QString::number(a.token) + u')');
            auto waiting = std::exchange(m_waiting, {});
            for (const Envelope &request : waiting)
                onRequest(request, ctx);
            break;
        }
        case LeaseAction::Kind::LostLeadership:
            ctx.trace().fact(TraceKind::Lease, 0, 0, 0, a.token);
            ctx.trace().record(TraceKind::State, u"lost leadership (fencing token "_s +
                                                     QString::number(a.token) + u')');
            break;
        }
    }
    // Requests held during the election go to whoever won it.
    if (!m_lease.isLeader(ctx.now()) && m_lease.leaderHint() != kNoNode) {
        auto waiting = std::exchange(m_waiting, {});
        for (const Envelope &create : waiting)
            refuseNotLeader(create, ctx);
    }
}

void SessionManager::refuseNotLeader(const Envelope &create, Context &ctx)
{
    Envelope e;
    e.type = MsgType::NotLeader;
    e.sessionId = create.sessionId;
    e.payload = Payload().set(Field::Holder, m_lease.leaderHint()).encode();
    ctx.send(create.sender, std::move(e));
}

void SessionManager::start(Context &ctx)
{
    m_rm = ctx.lookup(cast::rm());
    m_billing = ctx.lookup(cast::billing());
    m_dsm = ctx.lookup(cast::dsm());
    recover(ctx);
    m_leaseTimer = ctx.startTimer(std::chrono::milliseconds(m_config.firstLeaseAttemptMs));
}

QByteArray SessionManager::intentRecord(const Tx &tx)
{
    // What recovery needs to finish the transaction and answer for it.
    QCborMap m;
    m.insert(u"protocol"_s, static_cast<int>(tx.protocol));
    m.insert(u"request"_s, static_cast<qint64>(tx.requestId));
    m.insert(u"client"_s, tx.client);
    m.insert(u"subscriber"_s, tx.subscriber);
    m.insert(u"class"_s, static_cast<int>(tx.trafficClass));
    m.insert(u"token"_s, static_cast<qint64>(tx.token));
    if (isRelease(tx)) {
        m.insert(u"setup"_s, static_cast<qint64>(tx.setupTx));
        m.insert(u"duration_ms"_s, tx.durationMs);
    }
    return QCborValue(m).toCbor();
}

void SessionManager::recover(Context &ctx)
{
    struct Logged
    {
        SessionId session = 0;
        QByteArray intent;
        bool preCommit = false;
        std::optional<bool> decision;
        QString reason;
        bool ended = false;
        bool recorded = false; // a release whose last record write the dsm answered
    };
    std::map<TxId, Logged> logged; // ordered: recovery is deterministic
    const QVector<LogRecord> log = ctx.storage().readAll();
    m_ledger.restore(log);
    for (const DeadLetter &d : deadLettersIn(log))
        m_dead[{d.tx, d.to}] = d;
    for (const LogRecord &r : log) {
        Logged &l = logged[r.txId];
        if (r.kind == u"intent"_s) {
            l.session = r.sessionId;
            l.intent = r.data;
        } else if (r.kind == u"precommit"_s) {
            l.preCommit = true;
        } else if (r.kind == u"decision"_s) {
            l.decision = r.state == u"COMMIT"_s;
            l.reason = QString::fromUtf8(r.data);
        } else if (r.kind == u"end"_s) {
            l.ended = true;
        } else if (r.kind == u"recorded"_s) {
            l.recorded = true;
        }
        m_nextTx = std::max(m_nextTx, (r.txId & 0xffffffffffffULL) + 1);
    }
    int resumed = 0;
    for (auto &[id, l] : logged) {
        const QCborMap intent = QCborValue::fromCbor(l.intent).toMap();
        // A finished release whose record write may have died with the outbox is finished
        // again: without it the record stays RELEASING and the session is never released.
        const bool recordOwed = intent.contains(u"setup"_s) && l.decision && !l.recorded;
        if (l.decision && l.ended && !recordOwed) {
            remember(id, *l.decision);
            continue;
        }
        if (l.intent.isEmpty())
            continue;
        Tx tx;
        // The intent is logged before the claim: only a pre-commit or a decision proves the
        // claim succeeded. Otherwise claim again (or find our own claim) before acting.
        tx.claimed = l.preCommit || l.decision.has_value();
        tx.protocol = static_cast<Protocol>(intent.value(u"protocol"_s).toInteger());
        tx.sessionId = l.session;
        tx.requestId = static_cast<quint64>(intent.value(u"request"_s).toInteger());
        tx.client = static_cast<NodeId>(intent.value(u"client"_s).toInteger());
        tx.subscriber = intent.value(u"subscriber"_s).toString();
        tx.trafficClass = static_cast<TrafficClass>(intent.value(u"class"_s).toInteger());
        tx.token = static_cast<quint64>(intent.value(u"token"_s).toInteger());
        tx.setupTx = static_cast<TxId>(intent.value(u"setup"_s).toInteger());
        tx.durationMs = intent.value(u"duration_ms"_s).toInteger();
        // A release claims its record again whatever it logged: the claim's answer says the
        // record's version (its last write expects it) and whether that write is done.
        if (isRelease(tx))
            tx.claimed = false;
        tx.started = ctx.now();
        CoordinatorActions actions;
        tx.coordinator = std::make_unique<Coordinator>(Coordinator::recover(
            id, tx.protocol, {m_rm, m_billing}, l.preCommit, l.decision, actions));
        Tx &stored = m_txs.emplace(id, std::move(tx)).first->second;
        ++resumed;
        if (!stored.claimed) {
            stored.recovered = std::move(actions);
            if (isRelease(stored))
                readRecord(stored, ctx);
            else
                putSessionRecord(stored, u"PENDING"_s, 0, ctx);
            armTx(stored, m_config.prepareTimeoutMs, ctx);
            continue;
        }
        if (l.decision) {
            // Decided before the crash: resend until everyone acknowledges.
            startDecisionRetries(stored, ctx);
        } else if (stored.coordinator->querying()) {
            armTx(stored, m_config.prepareTimeoutMs, ctx);
        }
        // The outbox died with us: append again what may not have reached the stream (the dsm
        // drops what it already has).
        appendEvent(stored, u"PENDING"_s, {}, ctx);
        if (l.decision) {
            // So did the session's record and the client's answer: a crash right after the
            // decision leaves the record PENDING and the edge asking, and only we can answer.
            // Both are idempotent (the record's CAS expects the PENDING version; the edge
            // ignores a second answer).
            writeRecord(stored, *l.decision ? u"COMMITTED"_s : u"ABORTED"_s, 1, ctx);
            answerClient(stored, *l.decision, l.reason, ctx);
            appendEvent(stored, *l.decision ? u"COMMITTED"_s : u"ABORTED"_s, {}, ctx);
        }
        apply(stored, actions, ctx);
    }
    if (!logged.empty())
        ctx.trace().record(TraceKind::State,
                           u"recovered from the log: "_s + QString::number(logged.size()) +
                               u" transactions, "_s + QString::number(resumed) + u" resumed"_s);
}

void SessionManager::onMessage(const Envelope &msg, Context &ctx)
{
    if (msg.type == MsgType::DsmPutReply) {
        const Payload in = Payload::decode(msg.payload);
        if (in.string(Field::Key).startsWith(u"event:"_s)) {
            onAppended(msg.sessionId, in.string(Field::Key), ctx);
            return;
        }
        if (const qint64 request = in.integer(Field::RequestId); request & kRecordWrite) {
            // A decision's record write answered (written, or refused because the record
            // moved on: either way the dsm has it settled).
            onAppended(msg.sessionId, u'#' + QString::number(request), ctx);
            return;
        }
    }
    if (msg.type == MsgType::SessionCreate || msg.type == MsgType::SessionRelease) {
        if (m_lease.isLeader(ctx.now()))
            onRequest(msg, ctx);
        else if (m_lease.leaderHint() == kNoNode && m_waiting.size() < 10000)
            m_waiting.push_back(msg); // the election is under way: answer once it is decided
        else
            refuseNotLeader(msg, ctx);
        return;
    }
    if (msg.type == MsgType::DsmLeaseReply) {
        const Payload in = Payload::decode(msg.payload);
        applyLease(m_lease.onReply(static_cast<quint64>(in.integer(Field::RequestId)),
                                   in.boolean(Field::Ok),
                                   static_cast<quint64>(in.integer(Field::Version)),
                                   static_cast<NodeId>(in.integer(Field::Holder)), ctx.now()),
                   ctx);
        armLease(ctx);
        return;
    }
    const auto it = m_txs.find(msg.txId);
    if (it == m_txs.end()) {
        if (msg.type == MsgType::OutcomeRequest)
            answerFromHistory(msg, ctx);
        if (msg.type == MsgType::Ack) {
            // A dead letter's participant acknowledged at last: it leaves the queue.
            if (const auto d = m_dead.find({msg.txId, msg.sender}); d != m_dead.end()) {
                const QCborMap data{{u"to"_s, msg.sender}};
                ctx.storage().append(LogRecord{u"dead-letter-done"_s, msg.txId, msg.sessionId,
                                               u"ACKED"_s, QCborValue(data).toCbor(),
                                               toUs(ctx.now())});
                ctx.trace().record(TraceKind::State,
                                   u"dead letter acknowledged by "_s + ctx.nameOf(msg.sender),
                                   msg.txId, msg.sessionId, msg.sender);
                m_dead.erase(d);
            }
        }
        return; // late vote or ack for a finished transaction
    }
    Tx &tx = it->second;
    const Payload in = Payload::decode(msg.payload);
    if (!tx.claimed) {
        if (msg.type == MsgType::DsmPutReply) {
            if (isRelease(tx))
                onReleaseClaimReply(tx, in, ctx);
            else
                onClaimReply(tx, in, ctx);
        }
        return;
    }
    switch (msg.type) {
    case MsgType::StateReport:
        apply(tx,
              tx.coordinator->onParticipantState(
                  msg.sender, static_cast<ParticipantState>(in.integer(Field::State)),
                  in.boolean(Field::Recovering)),
              ctx);
        break;
    case MsgType::PreCommitAck:
        apply(tx, tx.coordinator->onPreCommitAck(msg.sender), ctx);
        break;
    case MsgType::OutcomeRequest:
        // A participant in doubt: answer once decided; until then it keeps asking.
        if (tx.coordinator->decided())
            sendDecision(tx, msg.sender, tx.coordinator->committed(), ctx);
        break;
    case MsgType::Vote:
        apply(tx,
              tx.coordinator->onVote(msg.sender, in.boolean(Field::Vote), in.string(Field::Reason)),
              ctx);
        break;
    case MsgType::Ack:
        apply(tx, tx.coordinator->onAck(msg.sender), ctx);
        break;
    default:
        break;
    }
}

void SessionManager::onRequest(const Envelope &msg, Context &ctx)
{
    if (msg.type == MsgType::SessionRelease)
        onSessionRelease(msg, ctx);
    else
        onSessionCreate(msg, ctx);
}

SessionManager::Tx SessionManager::newTx(const Envelope &msg, const Payload &in, Context &ctx)
{
    // Transaction ids carry the coordinator's node id in the top bits: unique across managers.
    const TxId id = (TxId(ctx.self()) << 48) | m_nextTx++;
    Tx tx;
    tx.protocol = static_cast<Protocol>(in.integer(Field::Protocol));
    tx.trafficClass = static_cast<TrafficClass>(in.integer(Field::TrafficClass));
    // In lock order when preparing one at a time: VOICE the radio first, DATA the credit.
    std::vector<NodeId> participants{m_rm, m_billing};
    if (m_config.orderedPrepare && tx.trafficClass == TrafficClass::Data)
        std::swap(participants[0], participants[1]);
    tx.coordinator = std::make_unique<Coordinator>(id, tx.protocol, std::move(participants),
                                                   m_config.orderedPrepare);
    tx.sessionId = msg.sessionId;
    tx.requestId = static_cast<quint64>(in.integer(Field::RequestId));
    tx.client = msg.sender;
    tx.subscriber = in.string(Field::Subscriber);
    tx.started = ctx.now();
    tx.token = m_lease.token();
    return tx;
}

void SessionManager::onSessionRelease(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    Tx tx = newTx(msg, in, ctx);
    const TxId id = tx.coordinator->txId();
    tx.setupTx = static_cast<TxId>(in.integer(Field::SetupTx));
    tx.durationMs = in.integer(Field::DurationMs);
    if (tx.setupTx == 0) {
        ctx.trace().record(TraceKind::Note, u"release without its set-up transaction: ignored"_s, 0,
                           msg.sessionId, msg.sender);
        return;
    }
    Tx &stored = m_txs.emplace(id, std::move(tx)).first->second;
    // As for a set-up: the intent is durable before the claim. The claim moves the session's
    // record from COMMITTED to RELEASING by compare-and-swap, so only one release can own it.
    ctx.storage().append(LogRecord{u"intent"_s, id, stored.sessionId, u"RELEASING"_s,
                                   intentRecord(stored), toUs(ctx.now())});
    ctx.trace().record(TraceKind::State,
                       u"release of the session set up by tx "_s + formatId(stored.setupTx) +
                           u" (it lasted "_s + QString::number(stored.durationMs / 1000.0) +
                           u" s)"_s,
                       id, stored.sessionId);
    // The claim reads the record first: only a record that says the session is set up may be
    // claimed, at the version it is at (a CAS on a version alone could take a record another
    // release already holds).
    readRecord(stored, ctx);
    armTx(stored, m_config.prepareTimeoutMs, ctx);
}

void SessionManager::readRecord(Tx &tx, Context &ctx)
{
    tx.recordVersion = 0; // not known yet
    Envelope e = message(MsgType::DsmGet, tx);
    e.payload = Payload()
                    .set(Field::Key, QString(u"session/"_s + QString::number(tx.sessionId)))
                    .set(Field::RequestId, kRecordRead)
                    .encode();
    ctx.send(m_dsm, std::move(e));
}

void SessionManager::onReleaseClaimReply(Tx &tx, const Payload &reply, Context &ctx)
{
    const bool read = reply.integer(Field::RequestId) == kRecordRead;
    if (!read && reply.boolean(Field::Ok)) {
        tx.recordVersion = static_cast<quint64>(reply.integer(Field::Version));
        onClaimed(tx, ctx);
        return;
    }
    const TxId id = tx.coordinator->txId();
    const QCborMap record = QCborValue::fromCbor(reply.get(Field::Value).toByteArray()).toMap();
    const auto owner = static_cast<TxId>(record.value(u"tx"_s).toInteger());
    const QString state = record.value(u"state"_s).toString();
    const auto version = static_cast<quint64>(reply.integer(Field::Version));
    if (owner == id) { // our claim landed earlier (a resend's answer, or before a crash)
        tx.recordVersion = version;
        tx.recordFinal = state != u"RELEASING"_s;
        onClaimed(tx, ctx);
        return;
    }
    if (tx.recovered && tx.coordinator->decided()) {
        // Decided before a crash, and the record moved on from our claim: our last write (the
        // release, or COMMITTED again after an aborted release) already landed.
        tx.recordFinal = true;
        onClaimed(tx, ctx);
        return;
    }
    // The session is still set up: claim it at the version it is at (after an earlier release
    // aborted and wrote it back it is past 2; if the set-up's own COMMITTED write was lost it
    // still says PENDING, which the edge's word covers: it was told COMMITTED by this set-up).
    const bool active = state == u"COMMITTED"_s || (state == u"PENDING"_s && owner == tx.setupTx);
    if (active && tx.versionChases++ < 8) {
        putSessionRecord(tx, u"RELEASING"_s, tx.recordVersion = version, ctx);
        armTx(tx, m_config.prepareTimeoutMs, ctx);
        return;
    }
    if (state == u"RELEASED"_s) {
        // Released already (the edge asked again): say so; nothing more to do.
        ctx.trace().record(TraceKind::State,
                           u"session already released by tx "_s + formatId(owner) +
                               u": answering for it"_s,
                           id, tx.sessionId);
        tell(tx, Outcome::Released, {}, ctx, owner);
        endUnstarted(tx, QByteArray("released already"), ctx);
        return;
    }
    if (state == u"RELEASING"_s) {
        // Another release owns it and answers for it.
        ctx.trace().record(TraceKind::State,
                           u"session's release already claimed by tx "_s + formatId(owner) +
                               u": not started"_s,
                           id, tx.sessionId);
        endUnstarted(tx, QByteArray("claimed elsewhere"), ctx);
        return;
    }
    // Never set up (or not by the transaction the edge named): there is nothing to release.
    ctx.trace().record(TraceKind::State,
                       u"nothing to release: the session's record is "_s +
                           (state.isEmpty() ? u"absent"_s : state),
                       id, tx.sessionId);
    tell(tx, Outcome::Invalid,
         u"the session is not set up ("_s + (state.isEmpty() ? u"no record"_s : state) + u')', ctx);
    endUnstarted(tx, QByteArray("nothing to release"), ctx);
}

void SessionManager::onSessionCreate(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    Tx tx = newTx(msg, in, ctx);
    const TxId id = tx.coordinator->txId();
    Tx &stored = m_txs.emplace(id, std::move(tx)).first->second;
    // The intent is durable before the claim: a coordinator that dies right after claiming
    // still finds the transaction in its log (and answers for it) when it restarts.
    ctx.storage().append(LogRecord{u"intent"_s, id, stored.sessionId, u"PREPARING"_s,
                                   intentRecord(stored), toUs(ctx.now())});
    // Claim the session: its record is created PENDING by compare-and-swap from "absent", so a
    // session can only ever become one transaction. PREPARE waits for it.
    putSessionRecord(stored, u"PENDING"_s, 0, ctx);
    armTx(stored, m_config.prepareTimeoutMs, ctx);
}

Envelope SessionManager::message(MsgType type, const Tx &tx)
{
    Envelope e;
    e.type = type;
    e.txId = tx.coordinator->txId();
    e.sessionId = tx.sessionId;
    // Every message of a transaction carries the token it began under, never the lease's
    // current one: a participant holds a decision to the token its PREPARE carried, so a
    // transaction whose leader lost and regained the lease in between must not mix the two.
    e.fencingToken = tx.token;
    return e;
}

void SessionManager::armTx(Tx &tx, qint64 ms, Context &ctx)
{
    armTxAfter(tx, std::chrono::milliseconds(ms), ctx);
}

void SessionManager::armTxAfter(Tx &tx, Duration after, Context &ctx)
{
    // One timer per transaction: the deadline of whatever it is waiting for now.
    disarmTx(tx, ctx);
    tx.timer = ctx.startTimer(after);
    m_timers.insert(tx.timer, tx.coordinator->txId());
}

void SessionManager::disarmTx(Tx &tx, Context &ctx)
{
    if (!tx.timer)
        return;
    ctx.cancelTimer(tx.timer);
    m_timers.remove(tx.timer);
    tx.timer = 0;
}

void SessionManager::appendEvent(const Tx &tx, const QString &state, const QString &reason,
                                 Context &ctx)
{
    // The session's ordered stream (kept by the dsm): PENDING, then COMMITTED or ABORTED.
    QCborMap event{{u"state"_s, state},
                   {u"tx"_s, static_cast<qint64>(tx.coordinator->txId())},
                   {u"class"_s, static_cast<int>(tx.trafficClass)},
                   {u"protocol"_s, static_cast<int>(tx.protocol)},
                   {u"reason"_s, reason},
                   {u"latency_us"_s, toUs(ctx.now() - tx.started)},
                   {u"lab_us"_s, toUs(ctx.now())}};
    if (isRelease(tx)) {
        event.insert(u"setup"_s, static_cast<qint64>(tx.setupTx));
        event.insert(u"duration_ms"_s, tx.durationMs);
    }
    Envelope e = message(MsgType::EventAppend, tx);
    e.payload = Payload()
                    .set(Field::Value, QCborValue(event).toCbor())
                    .set(Field::Key, QString(u"event:"_s + formatId(e.txId) + u':' + state))
                    .encode();
    m_outbox[tx.sessionId].queue.push_back(std::move(e));
    pumpOutbox(tx.sessionId, ctx);
}

void SessionManager::pumpOutbox(SessionId session, Context &ctx)
{
    const auto it = m_outbox.find(session);
    if (it == m_outbox.end())
        return;
    Outbox &o = it->second;
    if (o.queue.empty()) {
        m_outbox.erase(it);
        return;
    }
    if (o.inFlight)
        return;
    o.inFlight = true;
    o.resends = 0;
    o.due = ctx.now() + m_config.outboxRetry.delay(1, ctx.rng());
    ctx.send(m_dsm, o.queue.front());
    if (!m_outboxTimer)
        m_outboxTimer = ctx.startTimer(std::chrono::milliseconds(500));
}

QString SessionManager::outboxKey(const Envelope &e)
{
    const Payload p = Payload::decode(e.payload);
    return e.type == MsgType::DsmCas ? u'#' + QString::number(p.integer(Field::RequestId))
                                     : p.string(Field::Key);
}

void SessionManager::onAppended(SessionId session, const QString &key, Context &ctx)
{
    const auto it = m_outbox.find(session);
    if (it == m_outbox.end() || !it->second.inFlight || it->second.queue.empty() ||
        outboxKey(it->second.queue.front()) != key)
        return; // an answer to a resend already answered
    if (const Envelope &done = it->second.queue.front(); done.type == MsgType::DsmCas) {
        // A release's last record write is settled: recovery need not write it again.
        const QCborMap record =
            QCborValue::fromCbor(Payload::decode(done.payload).get(Field::Value).toByteArray())
                .toMap();
        if (record.contains(u"setup"_s))
            ctx.storage().append(LogRecord{u"recorded"_s,
                                           done.txId,
                                           session,
                                           record.value(u"state"_s).toString(),
                                           {},
                                           toUs(ctx.now())});
    }
    it->second.queue.pop_front();
    it->second.inFlight = false;
    pumpOutbox(session, ctx);
}

void SessionManager::resendOutbox(Context &ctx)
{
    m_outboxTimer = 0;
    for (auto &[session, o] : m_outbox) {
        // Each resend waits longer (outboxRetry). The stream must stay whole and in order,
        // so an event is never given up: it waits for the dsm however long it takes.
        // (The timer looks every 500 ms: a resend is due within that of its time.)
        if (o.inFlight && ctx.now() >= o.due) {
            ++o.resends;
            o.due = ctx.now() + m_config.outboxRetry.delay(o.resends + 1, ctx.rng());
            ctx.send(m_dsm, o.queue.front());
        }
    }
    if (!m_outbox.empty())
        m_outboxTimer = ctx.startTimer(std::chrono::milliseconds(500));
}

void SessionManager::onClaimReply(Tx &tx, const Payload &reply, Context &ctx)
{
    if (reply.boolean(Field::Ok)) {
        onClaimed(tx, ctx);
        return;
    }
    // The record exists. Ours (an earlier claim of this transaction that landed, e.g. before
    // a crash) or another coordinator's, which owns the session and answers for it: the edge
    // asked again after a failover. Then say nothing and start nothing.
    const QCborMap record = QCborValue::fromCbor(reply.get(Field::Value).toByteArray()).toMap();
    // A released (or releasing) session's record names its release; "setup" names the set-up.
    const auto owner = static_cast<TxId>(
        record.value(record.contains(u"setup"_s) ? u"setup"_s : u"tx"_s).toInteger());
    if (owner == tx.coordinator->txId()) {
        onClaimed(tx, ctx);
        return;
    }
    // The edge asked again because it has no answer: give it the outcome if it is settled.
    // The record only says COMMITTED or ABORTED once that decision is durable; a transaction
    // of ours that finished is in our history even if its record's last write was lost.
    const QString state = record.value(u"state"_s).toString();
    std::optional<bool> settled;
    if (state == u"COMMITTED"_s || state == u"ABORTED"_s)
        settled = state == u"COMMITTED"_s;
    else if (state == u"RELEASING"_s || state == u"RELEASED"_s)
        settled = true; // only a committed session is released
    else if (const auto h = m_history.find(owner); h != m_history.end())
        settled = h->second;
    QString note = u"session already claimed by tx "_s + formatId(owner);
    if (!settled)
        note += u": not started"_s;
    else
        note += *settled ? u", committed: answering for it"_s : u", aborted: answering for it"_s;
    ctx.trace().record(TraceKind::State, note, tx.coordinator->txId(), tx.sessionId);
    if (settled)
        tell(tx, *settled ? Outcome::Committed : Outcome::Aborted,
             *settled ? QString() : u"as recorded"_s, ctx, owner);
    endUnstarted(tx, QByteArray("claimed elsewhere"), ctx);
}

void SessionManager::onClaimed(Tx &tx, Context &ctx)
{
    disarmTx(tx, ctx);
    tx.claimed = true;
    if (!isRelease(tx)) // a release's stream event is the one RELEASED
        appendEvent(tx, u"PENDING"_s, {}, ctx);
    if (tx.recovered) {
        const CoordinatorActions actions = *std::exchange(tx.recovered, std::nullopt);
        if (isRelease(tx) && tx.coordinator->decided()) {
            // A release decided before the crash: finish its record, answer, resend.
            startDecisionRetries(tx, ctx);
            settle(tx, tx.coordinator->committed(), tx.coordinator->abortReason(), ctx);
        } else if (tx.coordinator->querying()) {
            armTx(tx, m_config.prepareTimeoutMs, ctx);
        }
        apply(tx, actions, ctx);
        return;
    }
    apply(tx, tx.coordinator->start(), ctx);
}

void SessionManager::onClaimTimeout(Tx &tx, Context &ctx)
{
    // The dsm did not answer: ask again (a claim that did land comes back as our own record).
    // A recovered transaction asks until it knows: it may have prepared before the crash. So
    // does a release: a claim of its that lands after it gave up would leave the record
    // RELEASING under a transaction that no longer runs, and the session never released.
    if (tx.recovered || isRelease(tx) || tx.claimRetriesLeft-- > 0) {
        if (isRelease(tx) && tx.recordVersion == 0)
            readRecord(tx, ctx);
        else if (isRelease(tx))
            putSessionRecord(tx, u"RELEASING"_s, tx.recordVersion, ctx);
        else
            putSessionRecord(tx, u"PENDING"_s, 0, ctx);
        armTx(tx, m_config.prepareTimeoutMs, ctx);
        return;
    }
    // Give up without starting (a set-up: a release never gives up). Whether the session is
    // someone else's is not known, so the client hears UNKNOWN, not ABORTED.
    ctx.trace().record(TraceKind::State, u"session not claimed (dsm silent): not started"_s,
                       tx.coordinator->txId(), tx.sessionId);
    tell(tx, Outcome::Unknown, u"the dsm did not answer the session's claim"_s, ctx);
    endUnstarted(tx, QByteArray("not claimed"), ctx);
}

void SessionManager::endUnstarted(Tx &tx, const QByteArray &why, Context &ctx)
{
    // Log that it ended (so recovery leaves it alone) and forget it. Nothing was prepared.
    // It is still a decision: audited and traced like every other one.
    const TxId id = tx.coordinator->txId();
    ++m_unclaimed;
    ctx.storage().append(
        LogRecord{u"decision"_s, id, tx.sessionId, u"ABORT"_s, why, toUs(ctx.now())});
    m_ledger.append(ctx.storage(), id, tx.sessionId, false, toUs(ctx.now()));
    ctx.trace().fact(TraceKind::Decide, 0, id, tx.sessionId, tx.setupTx);
    ctx.storage().append(LogRecord{u"end"_s, id, tx.sessionId, u"END"_s, {}, toUs(ctx.now())});
    disarmTx(tx, ctx);
    remember(id, false); // a claim of it that lands late is answered as aborted
    m_txs.erase(id);
}

void SessionManager::apply(Tx &tx, const CoordinatorActions &actions, Context &ctx)
{
    const TxId id = tx.coordinator->txId();
    for (const CoordinatorAction &a : actions) {
        switch (a.kind) {
        case CoordinatorAction::Kind::LogIntent: // logged before the claim (onSessionCreate)
            ctx.trace().record(TraceKind::State, u"tx PREPARING (intent logged)"_s, id,
                               tx.sessionId);
            armTx(tx, m_config.prepareTimeoutMs, ctx);
            break;
        case CoordinatorAction::Kind::SendPrepare: {
            Envelope e = message(MsgType::Prepare, tx);
            Payload p;
            p.set(Field::Subscriber, tx.subscriber)
                .set(Field::TrafficClass, static_cast<int>(tx.trafficClass))
                .set(Field::Protocol, static_cast<int>(tx.protocol))
                .set(Field::Participants, QCborArray{m_rm, m_billing});
            if (isRelease(tx)) // what to release, and for how long it was held
                p.set(Field::SetupTx, static_cast<qint64>(tx.setupTx))
                    .set(Field::DurationMs, tx.durationMs);
            e.payload = p.encode();
            ctx.send(a.to, std::move(e));
            break;
        }
        case CoordinatorAction::Kind::LogPreCommit:
            ctx.storage().append(
                LogRecord{u"precommit"_s, id, tx.sessionId, u"PRECOMMIT"_s, {}, toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"tx PRECOMMITTING (all voted YES)"_s, id,
                               tx.sessionId);
            ctx.trace().fact(TraceKind::Decide, 2, id, tx.sessionId); // durable pre-commit
            armTx(tx, m_config.prepareTimeoutMs, ctx);
            break;
        case CoordinatorAction::Kind::SendPreCommit: {
            Envelope e = message(MsgType::PreCommit, tx);
            ctx.send(a.to, std::move(e));
            break;
        }
        case CoordinatorAction::Kind::LogDecision:
            ctx.storage().append(
                LogRecord{u"decision"_s, id, tx.sessionId, a.commit ? u"COMMIT"_s : u"ABORT"_s,
                          tx.coordinator->abortReason().toUtf8(), toUs(ctx.now())});
            m_ledger.append(ctx.storage(), id, tx.sessionId, a.commit, toUs(ctx.now()));
            break;
        case CoordinatorAction::Kind::SendDecision:
            sendDecision(tx, a.to, a.commit, ctx);
            break;
        case CoordinatorAction::Kind::Decided: {
            startDecisionRetries(tx, ctx);
            if (isRelease(tx))
                m_released += a.commit;
            else
                (a.commit ? m_committed : m_aborted)++;
            // A release's decision names the set-up it ends (the checker's RELEASE rules).
            ctx.trace().fact(TraceKind::Decide, a.commit ? 1 : 0, id, tx.sessionId, tx.setupTx);
            const QString reason = tx.coordinator->abortReason();
            const QString what = isRelease(tx) ? u"release"_s : u"tx"_s;
            ctx.trace().record(TraceKind::State,
                               a.commit ? QString(what + u" COMMITTED"_s)
                                        : QString(what + u" ABORTED: "_s + reason),
                               id, tx.sessionId);
            settle(tx, a.commit, reason, ctx);
            break;
        }
        case CoordinatorAction::Kind::QueryState: {
            Envelope e = message(MsgType::StateRequest, tx);
            e.payload =
                Payload().set(Field::Protocol, static_cast<int>(Protocol::ThreePhase)).encode();
            ctx.send(a.to, std::move(e));
            break;
        }
        case CoordinatorAction::Kind::Finished:
            // Everyone knows: recovery need not resend this decision.
            ctx.storage().append(
                LogRecord{u"end"_s, id, tx.sessionId, u"END"_s, {}, toUs(ctx.now())});
            disarmTx(tx, ctx);
            remember(id, tx.coordinator->committed());
            m_txs.erase(id); // tx is dangling from here on
            return;
        }
    }
}

void SessionManager::settle(Tx &tx, bool commit, const QString &reason, Context &ctx)
{
    if (!isRelease(tx)) {
        writeRecord(tx, commit ? u"COMMITTED"_s : u"ABORTED"_s, 1, ctx);
        answerClient(tx, commit, reason, ctx);
        appendEvent(tx, commit ? u"COMMITTED"_s : u"ABORTED"_s, reason, ctx);
        return;
    }
    // A release: RELEASED, or back to COMMITTED (the session goes on; the edge asks again).
    if (!tx.recordFinal) {
        if (commit)
            writeRecord(tx, u"RELEASED"_s, tx.recordVersion, ctx);
        else
            writeRecord(tx, u"COMMITTED"_s, tx.recordVersion, ctx, tx.setupTx);
    }
    answerClient(tx, commit, reason, ctx);
    if (commit)
        appendEvent(tx, u"RELEASED"_s, {}, ctx);
}

void SessionManager::answerClient(const Tx &tx, bool commit, const QString &reason, Context &ctx)
{
    tell(tx, commit ? (isRelease(tx) ? Outcome::Released : Outcome::Committed) : Outcome::Aborted,
         reason, ctx);
}

void SessionManager::tell(const Tx &tx, Outcome outcome, const QString &reason, Context &ctx,
                          TxId answeredBy)
{
    Envelope result = message(isRelease(tx) ? MsgType::ReleaseResult : MsgType::SessionResult, tx);
    if (answeredBy)
        result.txId = answeredBy; // another transaction's outcome, answered for it
    result.payload = Payload()
                         .set(Field::RequestId, static_cast<qint64>(tx.requestId))
                         .set(Field::Outcome, static_cast<int>(outcome))
                         .set(Field::Reason, reason)
                         .encode();
    ctx.send(tx.client, std::move(result));
}

void SessionManager::sendDecision(const Tx &tx, NodeId to, bool commit, Context &ctx)
{
    ctx.send(to, message(commit ? MsgType::Commit : MsgType::Abort, tx));
}

void SessionManager::writeRecord(const Tx &tx, const QString &state, quint64 expectedVersion,
                                 Context &ctx, TxId owner)
{
    // A decision's record write must land, or the session's record stays PENDING (or
    // RELEASING, owned by a finished transaction) for good: it goes through the session's
    // outbox, resent until the dsm answers, in order with the session's stream events. A
    // resend is harmless: it expects the version the first one replaced.
    Envelope e = recordMessage(tx, state, expectedVersion, owner);
    Payload p = Payload::decode(e.payload);
    p.set(Field::RequestId, static_cast<qint64>(kRecordWrite | ++m_recordWrites));
    e.payload = p.encode();
    m_outbox[tx.sessionId].queue.push_back(std::move(e));
    pumpOutbox(tx.sessionId, ctx);
}

void SessionManager::putSessionRecord(const Tx &tx, const QString &state, quint64 expectedVersion,
                                      Context &ctx, TxId owner)
{
    ctx.send(m_dsm, recordMessage(tx, state, expectedVersion, owner));
}

Envelope SessionManager::recordMessage(const Tx &tx, const QString &state, quint64 expectedVersion,
                                       TxId owner) const
{
    Envelope e = message(MsgType::DsmCas, tx);
    QCborMap record;
    record.insert(u"state"_s, state);
    record.insert(u"subscriber"_s, tx.subscriber);
    record.insert(u"class"_s, toString(tx.trafficClass));
    record.insert(u"tx"_s, static_cast<qint64>(owner ? owner : tx.coordinator->txId()));
    if (isRelease(tx))
        record.insert(u"setup"_s, static_cast<qint64>(tx.setupTx));
    e.payload = Payload()
                    .set(Field::Key, QString(u"session/"_s + QString::number(tx.sessionId)))
                    .set(Field::Value, QCborValue(record).toCbor())
                    .set(Field::Version, static_cast<qint64>(expectedVersion))
                    .encode();
    return e;
}

void SessionManager::remember(TxId id, bool commit)
{
    m_history.emplace(id, commit);
    m_historyOrder.push_back(id);
    while (m_historyOrder.size() > 100000) {
        m_history.erase(m_historyOrder.front());
        m_historyOrder.pop_front();
    }
}

void SessionManager::answerFromHistory(const Envelope &msg, Context &ctx)
{
    // Finished here: answer from memory. Never heard of it: presumed abort (nothing
    // undecided can have been committed).
    const auto it = m_history.find(msg.txId);
    Envelope e;
    e.type = it != m_history.end() && it->second ? MsgType::Commit : MsgType::Abort;
    e.txId = msg.txId;
    e.sessionId = msg.sessionId;
    ctx.send(msg.sender, std::move(e));
}

void SessionManager::onTimer(TimerId id, Context &ctx)
{
    if (id == m_outboxTimer) {
        resendOutbox(ctx);
        return;
    }
    if (id == m_leaseTimer) {
        m_leaseTimer = 0;
        leaseTick(ctx);
        return;
    }
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return;
    const TxId txId = *it;
    m_timers.erase(it);
    const auto txIt = m_txs.find(txId);
    if (txIt == m_txs.end())
        return;
    Tx &tx = txIt->second;
    tx.timer = 0;
    if (!tx.claimed) {
        onClaimTimeout(tx, ctx);
        return;
    }
    if (!tx.coordinator->decided()) {
        apply(tx, tx.coordinator->onTimeout(), ctx);
        if (!tx.coordinator->decided() && tx.timer == 0) { // recovery still waiting for answers
            armTx(tx, m_config.prepareTimeoutMs, ctx);
        }
        return;
    }
    // Decided but not every participant acknowledged: resend, backing off, a bounded number of
    // times; then each unacknowledged decision goes to the dead-letter queue.
    const bool commit = tx.coordinator->committed();
    if (m_config.decisionRetry.exhausted(++tx.retries)) {
        for (NodeId p : tx.coordinator->unacknowledged()) {
            const DeadLetter d{txId, tx.sessionId, p, commit, tx.token, toUs(ctx.now())};
            m_dead[{txId, p}] = d;
            const QCborMap data{{u"to"_s, p}, {u"token"_s, static_cast<qint64>(tx.token)}};
            ctx.storage().append(LogRecord{u"dead-letter"_s, txId, tx.sessionId,
                                           commit ? u"COMMIT"_s : u"ABORT"_s,
                                           QCborValue(data).toCbor(), toUs(ctx.now())});
            ctx.trace().record(TraceKind::State,
                               u"dead letter: "_s + (commit ? u"COMMIT"_s : u"ABORT"_s) +
                                   u" for "_s + ctx.nameOf(p) + u" unacknowledged after "_s +
                                   QString::number(tx.retries - 1) + u" retries"_s,
                               txId, tx.sessionId, p);
        }
        // Finished as far as the coordinator goes: the queue holds what is left.
        ctx.storage().append(
            LogRecord{u"end"_s, txId, tx.sessionId, u"END"_s, {}, toUs(ctx.now())});
        remember(txId, commit);
        m_txs.erase(txIt);
        return;
    }
    for (NodeId p : tx.coordinator->unacknowledged())
        sendDecision(tx, p, commit, ctx);
    armTxAfter(tx, m_config.decisionRetry.delay(tx.retries + 1, ctx.rng()), ctx);
}

void SessionManager::startDecisionRetries(Tx &tx, Context &ctx)
{
    tx.retries = 0;
    armTxAfter(tx, m_config.decisionRetry.delay(1, ctx.rng()), ctx);
}

std::vector<SessionManager::DeadLetter> SessionManager::deadLetters() const
{
    std::vector<DeadLetter> out;
    for (const auto &[key, d] : m_dead)
        out.push_back(d);
    return out;
}

int SessionManager::replayDeadLetters(Context &ctx)
{
    for (const auto &[key, d] : m_dead) {
        Envelope e;
        e.type = d.commit ? MsgType::Commit : MsgType::Abort;
        e.txId = d.tx;
        e.sessionId = d.session;
        e.fencingToken = d.token;
        ctx.trace().record(TraceKind::State, u"dead letter replayed to "_s + ctx.nameOf(d.to), d.tx,
                           d.session, d.to);
        ctx.send(d.to, std::move(e));
    }
    return static_cast<int>(m_dead.size());
}

std::vector<SessionManager::DeadLetter> SessionManager::deadLettersIn(const QVector<LogRecord> &log)
{
    std::map<std::pair<TxId, NodeId>, DeadLetter> dead;
    for (const LogRecord &r : log) {
        if (r.kind != u"dead-letter"_s && r.kind != u"dead-letter-done"_s)
            continue;
        const QCborMap data = QCborValue::fromCbor(r.data).toMap();
        const auto to = static_cast<NodeId>(data.value(u"to"_s).toInteger());
        if (r.kind == u"dead-letter-done"_s) {
            dead.erase({r.txId, to});
            continue;
        }
        dead[{r.txId, to}] = DeadLetter{r.txId,
                                        r.sessionId,
                                        to,
                                        r.state == u"COMMIT"_s,
                                        static_cast<quint64>(data.value(u"token"_s).toInteger()),
                                        r.labUs};
    }
    std::vector<DeadLetter> out;
    for (const auto &[key, d] : dead)
        out.push_back(d);
    return out;
}

} // namespace edgecore
