#include "sessionmanager.h"

#include "storage/storage.h"

#include <QCborArray>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void SessionManager::start(Context &ctx)
{
    m_rm = ctx.lookup(cast::rm());
    m_billing = ctx.lookup(cast::billing());
    m_dsm = ctx.lookup(cast::dsm());
    m_analytics = ctx.lookup(cast::analytics());
}

void SessionManager::onMessage(const Envelope &msg, Context &ctx)
{
    if (msg.type == MsgType::SessionCreate) {
        onSessionCreate(msg, ctx);
        return;
    }
    const auto it = m_txs.find(msg.txId);
    if (it == m_txs.end()) {
        if (msg.type == MsgType::OutcomeRequest)
            answerFromHistory(msg, ctx);
        return; // late vote or ack for a finished transaction
    }
    Tx &tx = it->second;
    const Payload in = Payload::decode(msg.payload);
    switch (msg.type) {
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

void SessionManager::onSessionCreate(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    // Transaction ids carry the coordinator's node id in the top bits: unique across managers.
    const TxId id = (TxId(ctx.self()) << 48) | m_nextTx++;
    Tx tx;
    tx.protocol = static_cast<Protocol>(in.integer(Field::Protocol));
    tx.coordinator =
        std::make_unique<Coordinator>(id, tx.protocol, std::vector<NodeId>{m_rm, m_billing});
    tx.sessionId = msg.sessionId;
    tx.requestId = static_cast<quint64>(in.integer(Field::RequestId));
    tx.client = msg.sender;
    tx.subscriber = in.string(Field::Subscriber);
    tx.trafficClass = static_cast<TrafficClass>(in.integer(Field::TrafficClass));
    tx.started = ctx.now();
    Tx &stored = m_txs.emplace(id, std::move(tx)).first->second;
    apply(stored, stored.coordinator->start(), ctx);
}

void SessionManager::apply(Tx &tx, const CoordinatorActions &actions, Context &ctx)
{
    const TxId id = tx.coordinator->txId();
    for (const CoordinatorAction &a : actions) {
        switch (a.kind) {
        case CoordinatorAction::Kind::LogIntent:
            ctx.storage().append(LogRecord{u"intent"_s, id, tx.sessionId, u"PREPARING"_s,
                                           toString(tx.protocol).toUtf8(), toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"tx PREPARING (intent logged)"_s, id,
                               tx.sessionId);
            putSessionRecord(tx, u"PENDING"_s, ctx);
            tx.timer = ctx.startTimer(std::chrono::milliseconds(m_config.prepareTimeoutMs));
            m_timers.insert(tx.timer, id);
            break;
        case CoordinatorAction::Kind::SendPrepare: {
            Envelope e;
            e.type = MsgType::Prepare;
            e.txId = id;
            e.sessionId = tx.sessionId;
            e.payload = Payload()
                            .set(Field::Subscriber, tx.subscriber)
                            .set(Field::TrafficClass, static_cast<int>(tx.trafficClass))
                            .set(Field::Protocol, static_cast<int>(tx.protocol))
                            .set(Field::Participants, QCborArray{m_rm, m_billing})
                            .encode();
            ctx.send(a.to, std::move(e));
            break;
        }
        case CoordinatorAction::Kind::LogPreCommit:
            ctx.storage().append(
                LogRecord{u"precommit"_s, id, tx.sessionId, u"PRECOMMIT"_s, {}, toUs(ctx.now())});
            ctx.trace().record(TraceKind::State, u"tx PRECOMMITTING (all voted YES)"_s, id,
                               tx.sessionId);
            ctx.cancelTimer(tx.timer);
            m_timers.remove(tx.timer);
            tx.timer = ctx.startTimer(std::chrono::milliseconds(m_config.prepareTimeoutMs));
            m_timers.insert(tx.timer, id);
            break;
        case CoordinatorAction::Kind::SendPreCommit: {
            Envelope e;
            e.type = MsgType::PreCommit;
            e.txId = id;
            e.sessionId = tx.sessionId;
            ctx.send(a.to, std::move(e));
            break;
        }
        case CoordinatorAction::Kind::LogDecision:
            ctx.storage().append(
                LogRecord{u"decision"_s, id, tx.sessionId, a.commit ? u"COMMIT"_s : u"ABORT"_s,
                          tx.coordinator->abortReason().toUtf8(), toUs(ctx.now())});
            break;
        case CoordinatorAction::Kind::SendDecision:
            sendDecision(tx, a.to, a.commit, ctx);
            break;
        case CoordinatorAction::Kind::Decided: {
            ctx.cancelTimer(tx.timer);
            m_timers.remove(tx.timer);
            tx.retriesLeft = m_config.decisionRetries;
            tx.timer = ctx.startTimer(std::chrono::milliseconds(m_config.decisionRetryMs));
            m_timers.insert(tx.timer, id);
            (a.commit ? m_committed : m_aborted)++;
            const QString reason = tx.coordinator->abortReason();
            ctx.trace().record(TraceKind::State,
                               a.commit ? u"tx COMMITTED"_s : u"tx ABORTED: "_s + reason, id,
                               tx.sessionId);
            putSessionRecord(tx, a.commit ? u"COMMITTED"_s : u"ABORTED"_s, ctx);
            const Outcome outcome = a.commit ? Outcome::Committed : Outcome::Aborted;
            Envelope result;
            result.type = MsgType::SessionResult;
            result.txId = id;
            result.sessionId = tx.sessionId;
            result.payload = Payload()
                                 .set(Field::RequestId, static_cast<qint64>(tx.requestId))
                                 .set(Field::Outcome, static_cast<int>(outcome))
                                 .set(Field::Reason, reason)
                                 .encode();
            ctx.send(tx.client, std::move(result));
            Envelope event;
            event.type = MsgType::SessionEvent;
            event.txId = id;
            event.sessionId = tx.sessionId;
            event.payload = Payload()
                                .set(Field::Outcome, static_cast<int>(outcome))
                                .set(Field::TrafficClass, static_cast<int>(tx.trafficClass))
                                .set(Field::Reason, reason)
                                .set(Field::LatencyUs, toUs(ctx.now() - tx.started))
                                .encode();
            ctx.send(m_analytics, std::move(event));
            break;
        }
        case CoordinatorAction::Kind::Finished:
            ctx.cancelTimer(tx.timer);
            m_timers.remove(tx.timer);
            remember(id, tx.coordinator->committed());
            m_txs.erase(id); // tx is dangling from here on
            return;
        }
    }
}

void SessionManager::sendDecision(const Tx &tx, NodeId to, bool commit, Context &ctx)
{
    Envelope e;
    e.type = commit ? MsgType::Commit : MsgType::Abort;
    e.txId = tx.coordinator->txId();
    e.sessionId = tx.sessionId;
    ctx.send(to, std::move(e));
}

void SessionManager::putSessionRecord(const Tx &tx, const QString &state, Context &ctx)
{
    Envelope e;
    e.type = MsgType::DsmPut;
    e.txId = tx.coordinator->txId();
    e.sessionId = tx.sessionId;
    QCborMap record;
    record.insert(u"state"_s, state);
    record.insert(u"subscriber"_s, tx.subscriber);
    record.insert(u"class"_s, toString(tx.trafficClass));
    record.insert(u"tx"_s, static_cast<qint64>(tx.coordinator->txId()));
    e.payload = Payload()
                    .set(Field::Key, QString(u"session/"_s + QString::number(tx.sessionId)))
                    .set(Field::Value, QCborValue(record).toCbor())
                    .encode();
    ctx.send(m_dsm, std::move(e));
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
    if (!tx.coordinator->decided()) {
        apply(tx, tx.coordinator->onTimeout(), ctx);
        return;
    }
    // Decided but not every participant acknowledged: resend, a bounded number of times.
    if (tx.retriesLeft-- <= 0) {
        ctx.trace().record(TraceKind::Note, u"decision unacknowledged after retries"_s, txId,
                           tx.sessionId);
        remember(txId, tx.coordinator->committed());
        m_txs.erase(txIt);
        return;
    }
    const bool commit = tx.coordinator->committed();
    for (NodeId p : tx.coordinator->unacknowledged())
        sendDecision(tx, p, commit, ctx);
    tx.timer = ctx.startTimer(std::chrono::milliseconds(m_config.decisionRetryMs));
    m_timers.insert(tx.timer, txId);
}

} // namespace edgecore
