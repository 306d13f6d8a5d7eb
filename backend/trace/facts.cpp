#include "facts.h"

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

} // namespace edgecore
