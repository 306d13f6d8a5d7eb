#include "mallory.h"

#include "wire/codec.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Mallory::start(Context &ctx)
{
    QByteArray key(32, Qt::Uninitialized);
    for (qsizetype i = 0; i < key.size(); ++i)
        key[i] = static_cast<char>(ctx.rng().next() & 0xff);
    m_forgedKey = std::make_unique<HmacSha256>(key);
    for (const QString &name :
         {cast::rm(), cast::billing(), cast::dsm(), cast::sessionManager(1)}) {
        if (const NodeId id = ctx.lookup(name))
            m_targets.push_back(id);
    }
    m_impersonated = ctx.lookup(cast::sessionManager(1));
    // Services have no wall clock: forged sequence numbers start somewhere plausible and random.
    m_seq = (ctx.rng().next() >> 12) + 1;
    schedule(ctx);
}

void Mallory::schedule(Context &ctx)
{
    if (m_config.framesPerSecond <= 0 || m_targets.empty())
        return;
    ctx.startTimer(Duration(static_cast<qint64>(1e6 / m_config.framesPerSecond)));
}

void Mallory::onTimer(TimerId, Context &ctx)
{
    const NodeId target = m_targets[ctx.rng().below(m_targets.size())];
    Envelope e;
    e.sender = target == m_impersonated ? ctx.lookup(cast::edge()) : m_impersonated;
    e.receiver = target;
    e.keyId = 1; // the honest key's id: only the tag gives the forgery away
    e.seq = m_seq++;
    e.labTimeUs = toUs(ctx.now());
    e.wallTimeMs = 0; // the tag gives the forgery away before the timestamp is looked at
    // What would change state if it were believed: a PREPARE that reserves a lot, a COMMIT for
    // an unknown transaction, a DSM write.
    switch (ctx.rng().below(3)) {
    case 0:
        e.type = MsgType::Prepare;
        e.payload = Payload()
                        .set(Field::Subscriber, u"001010000000666"_s)
                        .set(Field::TrafficClass, static_cast<int>(TrafficClass::Data))
                        .encode();
        break;
    case 1:
        e.type = MsgType::Commit;
        break;
    default:
        e.type = MsgType::DsmPut;
        e.payload = Payload()
                        .set(Field::Key, u"session/666"_s)
                        .set(Field::Value, QByteArray("owned"))
                        .encode();
        break;
    }
    e.txId = 0x666000 + ctx.rng().below(1000);
    e.sessionId = 666;
    ++m_sent;
    ctx.trace().record(TraceKind::Note,
                       u"forged "_s + toString(e.type) + u" as "_s + ctx.nameOf(e.sender) +
                           u" (bad signature)"_s,
                       e.txId, e.sessionId, target);
    ctx.sendRaw(target, encodeFrame(e, *m_forgedKey));
    schedule(ctx);
}

} // namespace edgecore
