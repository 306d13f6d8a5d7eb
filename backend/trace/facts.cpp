#include "facts.h"

#include <QCborMap>
#include <QCborValue>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

QString token(quint64 t)
{
    return t ? u" (token "_s + QString::number(t) + u')' : QString();
}

QString lockEvent(quint8 reason)
{
    switch (static_cast<LockEvent>(reason)) {
    case LockEvent::Acquired:
        return u"acquired"_s;
    case LockEvent::Waits:
        return u"waits"_s;
    case LockEvent::Released:
        return u"released"_s;
    case LockEvent::Deadlock:
        return u"deadlock"_s;
    case LockEvent::Victim:
        return u"victim"_s;
    }
    return QString::number(reason);
}

} // namespace

QString factValue(const TraceEvent &e)
{
    switch (e.kind) {
    case TraceKind::Vote:
        return (e.reason == 1 ? u"YES"_s : u"NO"_s) + token(e.seq);
    case TraceKind::Decide:
        return e.reason == 2 ? u"PRECOMMIT"_s : e.reason == 1 ? u"COMMIT"_s : u"ABORT"_s;
    case TraceKind::Lease:
        return (e.reason == 1 ? u"leader"_s : u"follower"_s) + token(e.seq);
    case TraceKind::Event:
        return u"event "_s + QString::number(e.seq);
    case TraceKind::Drop:
        return e.reason == 1 ? u"partition"_s : u"loss"_s;
    case TraceKind::Lock:
        return lockEvent(e.reason);
    case TraceKind::Session: {
        const SessionFact f = sessionFact(e);
        return f.step == SessionFact::Step::Requested ? toString(f.step) : toString(f.outcome);
    }
    default:
        return QString();
    }
}

HostEvent hostEvent(const TraceEvent &e)
{
    if (e.kind != TraceKind::State || e.reason == 0 || e.reason > 2)
        return HostEvent::None;
    return static_cast<HostEvent>(e.reason);
}

QString toString(HostEvent h)
{
    switch (h) {
    case HostEvent::Crashed:
        return QStringLiteral("crashed");
    case HostEvent::Restarted:
        return QStringLiteral("restarted");
    case HostEvent::None:
        break;
    }
    return {};
}

SessionFact sessionFact(const TraceEvent &e)
{
    SessionFact f;
    f.step = static_cast<SessionFact::Step>(e.msgType & 0xf);
    f.outcome = static_cast<Outcome>(e.reason);
    f.trafficClass = static_cast<TrafficClass>((e.msgType >> 4) & 0xf);
    f.protocol = static_cast<Protocol>((e.msgType >> 8) & 0xf);
    switch (f.step) {
    case SessionFact::Step::Requested:
        f.requestId = e.seq;
        break;
    case SessionFact::Step::Answered:
        f.durationMs = static_cast<qint64>(e.seq);
        break;
    case SessionFact::Step::ReleaseAnswered:
        f.setupTx = e.seq;
        break;
    }
    f.text = e.detail;
    return f;
}

void setSessionFact(TraceEvent &e, const SessionFact &f)
{
    e.reason = static_cast<quint8>(f.outcome);
    e.msgType = static_cast<quint16>(static_cast<quint16>(f.step) |
                                     static_cast<quint16>(f.trafficClass) << 4 |
                                     static_cast<quint16>(f.protocol) << 8);
    switch (f.step) {
    case SessionFact::Step::Requested:
        e.seq = f.requestId;
        break;
    case SessionFact::Step::Answered:
        e.seq = static_cast<quint64>(f.durationMs);
        break;
    case SessionFact::Step::ReleaseAnswered:
        e.seq = f.setupTx;
        break;
    }
    e.detail = f.text;
}

DsmFact dsmFact(const TraceEvent &e)
{
    DsmFact f;
    f.result = static_cast<DsmFact::Result>(std::min<quint8>(e.reason, 2));
    f.op = static_cast<DsmFact::Op>(e.msgType & 0xf);
    f.status = static_cast<quint8>((e.msgType >> 4) & 0xf);
    f.version = e.seq;
    f.writer = e.peer;
    f.token = e.token;
    const QCborMap m = QCborValue::fromCbor(e.payload).toMap();
    f.key = m.value(QStringLiteral("key")).toString();
    if (f.key.isEmpty()) // written before the fact was typed: the key leads the words
        f.key = e.detail.section(u' ', 0, 0);
    f.previous = static_cast<quint64>(m.value(QStringLiteral("previous")).toInteger());
    f.state = m.value(QStringLiteral("state")).toString();
    f.ttlMs = m.value(QStringLiteral("ttl_ms")).toInteger();
    f.holder = static_cast<NodeId>(m.value(QStringLiteral("holder")).toInteger(kNoNode));
    return f;
}

void setDsmFact(TraceEvent &e, const DsmFact &f)
{
    e.reason = static_cast<quint8>(f.result);
    e.msgType = static_cast<quint16>(static_cast<quint16>(f.op) | quint16(f.status & 0xf) << 4);
    e.seq = f.version;
    e.peer = f.writer;
    e.token = f.token;
    QCborMap m;
    m.insert(QStringLiteral("key"), f.key);
    if (f.previous)
        m.insert(QStringLiteral("previous"), static_cast<qint64>(f.previous));
    if (!f.state.isEmpty())
        m.insert(QStringLiteral("state"), f.state);
    if (f.ttlMs)
        m.insert(QStringLiteral("ttl_ms"), f.ttlMs);
    if (f.holder != kNoNode)
        m.insert(QStringLiteral("holder"), f.holder);
    e.payload = QCborValue(m).toCbor();
}

QString toString(DsmFact::Op op)
{
    switch (op) {
    case DsmFact::Op::Put:
        return QStringLiteral("put");
    case DsmFact::Op::Cas:
        return QStringLiteral("cas");
    case DsmFact::Op::Lease:
        return QStringLiteral("lease");
    case DsmFact::Op::Release:
        return QStringLiteral("release");
    }
    return {};
}

QString toString(SessionFact::Step s)
{
    switch (s) {
    case SessionFact::Step::Requested:
        return QStringLiteral("request");
    case SessionFact::Step::Answered:
        return QStringLiteral("answer");
    case SessionFact::Step::ReleaseAnswered:
        return QStringLiteral("release answer");
    }
    return {};
}

bool duplicatedByHand(const TraceEvent &e)
{
    return e.kind == TraceKind::Send && e.reason == 1;
}

} // namespace edgecore
