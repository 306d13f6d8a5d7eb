#include "dsmservice.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void DsmService::onMessage(const Envelope &msg, Context &ctx)
{
    if (msg.type != MsgType::DsmPut)
        return;
    const Payload in = Payload::decode(msg.payload);
    const QString key = in.string(Field::Key);
    Entry &e = m_entries[key];
    const quint64 old = e.version;
    e.version = old + 1;
    e.value = in.get(Field::Value).toByteArray();
    e.writer = msg.sender;
    const QCborMap record = QCborValue::fromCbor(e.value).toMap();
    ctx.trace().fact(TraceKind::DsmWrite, 1, msg.txId, msg.sessionId, e.version,
                     key + u" v"_s + QString::number(old) + u"→v"_s + QString::number(e.version) +
                         u" "_s + record.value(u"state"_s).toString());
    Envelope reply;
    reply.type = MsgType::DsmPutReply;
    reply.txId = msg.txId;
    reply.sessionId = msg.sessionId;
    reply.payload = Payload()
                        .set(Field::Key, key)
                        .set(Field::Version, static_cast<qint64>(e.version))
                        .set(Field::Ok, true)
                        .encode();
    ctx.send(msg.sender, std::move(reply));
}

} // namespace edgecore
