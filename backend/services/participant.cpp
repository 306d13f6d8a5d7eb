#include "participant.h"

#include "storage/storage.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Participant::onMessage(const Envelope &msg, Context &ctx)
{
    switch (msg.type) {
    case MsgType::Prepare: {
        if (const auto it = m_prepared.constFind(msg.txId); it != m_prepared.cend()) {
            vote(msg, *it, {}, ctx); // a resent PREPARE gets the same vote again
            return;
        }
        if (m_decided.contains(msg.txId))
            return;
        const std::optional<QString> refusal = reserve(msg.txId, Payload::decode(msg.payload));
        if (refusal) {
            ++m_no;
            m_decided.insert(msg.txId, false);
            ctx.trace().record(TraceKind::State, u"vote NO: "_s + *refusal, msg.txId,
                               msg.sessionId);
            vote(msg, false, *refusal, ctx);
            return;
        }
        // PREPARED is durable before the YES leaves (the host flushes storage first).
        ctx.storage().append(LogRecord{u"prepared"_s, msg.txId, msg.sessionId, u"PREPARED"_s,
                                       describe(msg.txId).toUtf8(), toUs(ctx.now())});
        m_prepared.insert(msg.txId, true);
        ++m_yes;
        ctx.trace().record(TraceKind::State, u"PREPARED, vote YES: "_s + describe(msg.txId),
                           msg.txId, msg.sessionId);
        vote(msg, true, {}, ctx);
        return;
    }
    case MsgType::Commit:
    case MsgType::Abort: {
        const bool commit = msg.type == MsgType::Commit;
        if (m_prepared.remove(msg.txId)) {
            if (commit)
                finalize(msg.txId);
            else
                release(msg.txId);
            ctx.storage().append(LogRecord{u"outcome"_s,
                                           msg.txId,
                                           msg.sessionId,
                                           commit ? u"COMMIT"_s : u"ABORT"_s,
                                           {},
                                           toUs(ctx.now())});
            m_decided.insert(msg.txId, commit);
            ctx.trace().record(TraceKind::State,
                               commit ? u"COMMITTED: reservation finalised"_s
                                      : u"ABORTED: reservation released"_s,
                               msg.txId, msg.sessionId);
        }
        ack(msg, ctx);
        return;
    }
    default:
        return;
    }
}

void Participant::vote(const Envelope &prepare, bool yes, const QString &reason, Context &ctx)
{
    Envelope v;
    v.type = MsgType::Vote;
    v.txId = prepare.txId;
    v.sessionId = prepare.sessionId;
    v.payload = Payload().set(Field::Vote, yes).set(Field::Reason, reason).encode();
    ctx.send(prepare.sender, std::move(v));
}

void Participant::ack(const Envelope &decision, Context &ctx)
{
    Envelope a;
    a.type = MsgType::Ack;
    a.txId = decision.txId;
    a.sessionId = decision.sessionId;
    ctx.send(decision.sender, std::move(a));
}

} // namespace edgecore
