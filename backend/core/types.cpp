#include "types.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString formatId(quint64 id)
{
    if (id == 0)
        return {};
    return QString::number(id >> 48) + u'.' + QString::number(id & 0xffffffffffffULL);
}

QString toString(TrafficClass c)
{
    return c == TrafficClass::Voice ? u"VOICE"_s : u"DATA"_s;
}

QString toString(Protocol p)
{
    return p == Protocol::TwoPhase ? u"2PC"_s : u"3PC"_s;
}

std::optional<TrafficClass> parseTrafficClass(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t == u"VOICE"_s)
        return TrafficClass::Voice;
    if (t == u"DATA"_s)
        return TrafficClass::Data;
    return std::nullopt;
}

std::optional<Protocol> parseProtocol(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t == u"2PC"_s)
        return Protocol::TwoPhase;
    if (t == u"3PC"_s)
        return Protocol::ThreePhase;
    return std::nullopt;
}

QString toString(Outcome o)
{
    switch (o) {
    case Outcome::Pending:
        return u"PENDING"_s;
    case Outcome::Committed:
        return u"COMMITTED"_s;
    case Outcome::Aborted:
        return u"ABORTED"_s;
    case Outcome::Invalid:
        return u"INVALID"_s;
    case Outcome::Unknown:
        return u"UNKNOWN"_s;
    case Outcome::Released:
        return u"RELEASED"_s;
    }
    return u"?"_s;
}

} // namespace edgecore
