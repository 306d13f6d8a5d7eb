#include "dsmservice.h"

#include "storage/storage.h"

#include <QCborMap>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void DsmService::start(Context &ctx)
{
    // Every version is in the log; the newest per key wins (watches are not durable:
    // watchers register again).
    for (const LogRecord &r : ctx.storage().readAll()) {
        if (r.kind != u"dsm"_s)
            continue;
        const QCborMap m = QCborValue::fromCbor(r.data).toMap();
        DsmEntry e;
        e.value = m.value(u"value"_s).toByteArray();
        e.version = static_cast<quint64>(m.value(u"version"_s).toInteger());
        e.writer = static_cast<NodeId>(m.value(u"writer"_s).toInteger());
        e.fencingToken = static_cast<quint64>(m.value(u"token"_s).toInteger());
        e.leaseOwner = static_cast<NodeId>(m.value(u"owner"_s).toInteger());
        if (m.contains(u"expiry"_s))
            e.leaseExpiry = instantFromUs(m.value(u"expiry"_s).toInteger());
        m_store.restore(r.state, e);
    }
    if (m_store.size())
        ctx.trace().record(TraceKind::State, u"recovered "_s + QString::number(m_store.size()) +
                                                 u" keys from the log"_s);
}

void DsmService::persist(const QString &key, const DsmEntry &e, Context &ctx)
{
    QCborMap m{{u"value"_s, e.value},
               {u"version"_s, static_cast<qint64>(e.version)},
               {u"writer"_s, e.writer},
               {u"token"_s, static_cast<qint64>(e.fencingToken)},
               {u"owner"_s, e.leaseOwner}};
    if (e.leaseExpiry)
        m.insert(u"expiry"_s, toUs(*e.leaseExpiry));
    ctx.storage().append(LogRecord{u"dsm"_s, 0, 0, key, QCborValue(m).toCbor(), toUs(ctx.now())});
}

void DsmService::traceWrite(const Envelope &msg, const QString &key, const DsmResult &r,
                            Context &ctx)
{
    const QString state = QCborValue::fromCbor(r.entry.value).toMap().value(u"state"_s).toString();
    if (r.ok()) {
        ctx.trace().fact(
            TraceKind::DsmWrite, 1, msg.txId, msg.sessionId, r.entry.version,
            key + u" v"_s + QString::number(r.oldVersion) + u"→v"_s +
                QString::number(r.entry.version) + (state.isEmpty() ? QString() : u" "_s + state) +
                u" by "_s + ctx.nameOf(msg.sender) +
                (msg.fencingToken ? u" token "_s + QString::number(msg.fencingToken) : QString()));
    } else {
        ctx.trace().record(TraceKind::State,
                           key + u": "_s + toString(r.status) + u" for "_s +
                               ctx.nameOf(msg.sender) + u" (at v"_s +
                               QString::number(r.entry.version) + u')',
                           msg.txId, msg.sessionId, msg.sender);
    }
}

void DsmService::onMessage(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    const QString key = in.string(Field::Key);
    Envelope reply;
    reply.txId = msg.txId;
    reply.sessionId = msg.sessionId;
    switch (msg.type) {
    case MsgType::DsmPut:
    case MsgType::DsmCas: {
        const QByteArray value = in.get(Field::Value).toByteArray();
        const DsmResult r = msg.type == MsgType::DsmPut
                                ? m_store.put(key, value, msg.sender, msg.fencingToken)
                                : m_store.cas(key, static_cast<quint64>(in.integer(Field::Version)),
                                              value, msg.sender, msg.fencingToken);
        if (r.ok())
            persist(key, r.entry, ctx);
        traceWrite(msg, key, r, ctx);
        reply.type = MsgType::DsmPutReply;
        reply.payload = Payload()
                            .set(Field::Key, key)
                            .set(Field::Version, static_cast<qint64>(r.entry.version))
                            .set(Field::Ok, r.ok())
                            .set(Field::Status, static_cast<int>(r.status))
                            .set(Field::RequestId, in.integer(Field::RequestId))
                            .encode();
        break;
    }
    case MsgType::DsmLease: {
        const DsmResult r = m_store.acquireLease(
            key, msg.sender, std::chrono::milliseconds(in.integer(Field::TtlMs)), ctx.now());
        if (r.ok())
            persist(key, r.entry, ctx);
        if (r.ok() && r.oldVersion != r.entry.version)
            traceWrite(msg, key, r, ctx); // a new term; renewals are not worth a line each
        reply.type = MsgType::DsmLeaseReply;
        reply.payload = Payload()
                            .set(Field::Key, key)
                            .set(Field::Ok, r.ok())
                            .set(Field::Version, static_cast<qint64>(r.entry.version))
                            .set(Field::Holder, m_store.leaseHolder(key, ctx.now()))
                            .set(Field::RequestId, in.integer(Field::RequestId))
                            .encode();
        break;
    }
    case MsgType::DsmWatch:
        m_store.watch(key, msg.sender);
        ctx.trace().record(TraceKind::State, ctx.nameOf(msg.sender) + u" watches "_s + key + u'*',
                           0, 0, msg.sender);
        // Tell the watcher what is there now, so it need not race the first change.
        for (const QString &k : m_store.keys()) {
            if (!k.startsWith(key))
                continue;
            const DsmEntry e = m_store.get(k);
            Envelope now;
            now.type = MsgType::DsmChanged;
            now.payload = Payload()
                              .set(Field::Key, k)
                              .set(Field::Version, static_cast<qint64>(e.version))
                              .set(Field::Holder, m_store.leaseHolder(k, ctx.now()))
                              .encode();
            ctx.send(msg.sender, std::move(now));
        }
        return;
    default:
        return;
    }
    ctx.send(msg.sender, std::move(reply));
    notifyWatchers(ctx);
}

void DsmService::notifyWatchers(Context &ctx)
{
    for (const DsmChange &c : m_store.takeChanges()) {
        Envelope e;
        e.type = MsgType::DsmChanged;
        e.payload = Payload()
                        .set(Field::Key, c.key)
                        .set(Field::Version, static_cast<qint64>(c.entry.version))
                        .set(Field::Holder, m_store.leaseHolder(c.key, ctx.now()))
                        .encode();
        ctx.send(c.watcher, std::move(e));
    }
}

} // namespace edgecore
