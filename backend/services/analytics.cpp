#include "analytics.h"

#include "cast.h"
#include "storage/storage.h"

#include <QCborMap>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Analytics::start(Context &ctx)
{
    for (const LogRecord &r : ctx.storage().readAll()) {
        if (r.kind != u"seen"_s)
            continue;
        m_lastSeq[r.sessionId] = r.txId; // the sequence number
        const QCborMap event = QCborValue::fromCbor(r.data).toMap();
        account(event);
        if (const QString state = event.value(u"state"_s).toString();
            state == u"RELEASED"_s || state == u"ABORTED"_s)
            finished(r.sessionId);
        ++m_accepted;
    }
    Envelope sub;
    sub.type = MsgType::EventSubscribe;
    sub.payload = Payload().set(Field::Group, group()).encode();
    ctx.send(ctx.lookup(cast::dsm()), std::move(sub));
}

void Analytics::finished(SessionId session)
{
    m_finished.push_back(session);
    while (m_finished.size() > kFinishedKept) {
        m_lastSeq.erase(m_finished.front());
        m_finished.pop_front();
    }
}

void Analytics::account(const QCborMap &event)
{
    const QString state = event.value(u"state"_s).toString();
    if (state == u"RELEASED"_s) {
        ++m_released;
        m_heldMsSum += event.value(u"duration_ms"_s).toInteger();
        return;
    }
    if (state != u"COMMITTED"_s && state != u"ABORTED"_s)
        return;
    ++m_decisions;
    const auto cls = static_cast<size_t>(event.value(u"class"_s).toInteger() == 0 ? 0 : 1);
    const auto proto = static_cast<size_t>(event.value(u"protocol"_s).toInteger() == 0 ? 0 : 1);
    if (state == u"COMMITTED"_s) {
        ++m_committed[cls];
    } else {
        ++m_aborted[cls];
        ++m_reasons[event.value(u"reason"_s).toString()];
    }
    m_latencySumUs[cls * 2 + proto] += event.value(u"latency_us"_s).toInteger();
    ++m_latencyCount[cls * 2 + proto];
}

double Analytics::meanLatencyMs(TrafficClass c, Protocol p) const
{
    const size_t i = static_cast<size_t>(c) * 2 + static_cast<size_t>(p);
    return m_latencyCount[i] ? double(m_latencySumUs[i]) / double(m_latencyCount[i]) / 1000.0 : 0.0;
}

void Analytics::onMessage(const Envelope &msg, Context &ctx)
{
    if (msg.type != MsgType::EventDeliver)
        return;
    const Payload in = Payload::decode(msg.payload);
    const auto seq = static_cast<quint64>(in.integer(Field::Seq));
    quint64 &last = m_lastSeq[msg.sessionId];
    auto ack = [&] {
        Envelope a;
        a.type = MsgType::EventAck;
        a.sessionId = msg.sessionId;
        a.payload = Payload()
                        .set(Field::Group, group())
                        .set(Field::EventId, in.integer(Field::EventId))
                        .encode();
        ctx.send(msg.sender, std::move(a));
    };
    if (seq <= last) { // seen before (a redelivery): acknowledge again, count nothing twice
        ++m_duplicates;
        ack();
        return;
    }
    if (seq > last + 1) { // an earlier one is missing: wait for it to be redelivered
        ++m_gaps;
        ctx.trace().record(TraceKind::Note,
                           u"gap in session stream: got "_s + QString::number(seq) + u" after "_s +
                               QString::number(last),
                           0, msg.sessionId, msg.sender);
        return;
    }
    last = seq;
    const QByteArray event = in.get(Field::Value).toByteArray();
    // Durable before the acknowledgement leaves (the host flushes storage first).
    ctx.storage().append(
        LogRecord{u"seen"_s, seq, msg.sessionId, u"SEEN"_s, event, toUs(ctx.now())});
    const QCborMap accepted = QCborValue::fromCbor(event).toMap();
    account(accepted);
    ++m_accepted;
    if (const QString state = accepted.value(u"state"_s).toString();
        state == u"RELEASED"_s || state == u"ABORTED"_s)
        finished(msg.sessionId);
    ctx.trace().fact(TraceKind::Event, 1, 0, msg.sessionId, seq);
    ack();
}

} // namespace edgecore
