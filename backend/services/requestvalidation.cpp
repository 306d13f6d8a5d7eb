#include "requestvalidation.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

ValidationResult validateRequest(const QString &subscriber, const QString &trafficClass,
                                 const QString &protocol)
{
    ValidationResult r;
    QString s = subscriber.trimmed().toLower();
    for (const QString &prefix : {u"imsi-"_s, u"tel:"_s, u"+"_s}) {
        if (s.startsWith(prefix)) {
            s.remove(0, prefix.size());
            break;
        }
    }
    s.remove(u' ');
    s.remove(u'-');
    if (s.size() < 5 || s.size() > 15) {
        r.error = u"subscriber id must have 5 to 15 digits"_s;
        return r;
    }
    for (QChar c : std::as_const(s)) {
        if (c < u'0' || c > u'9') {
            r.error = u"subscriber id may contain digits only"_s;
            return r;
        }
    }
    const auto cls = parseTrafficClass(trafficClass);
    if (!cls) {
        r.error = u"traffic class must be VOICE or DATA"_s;
        return r;
    }
    const auto proto =
        protocol.trimmed().isEmpty() ? std::optional(Protocol::TwoPhase) : parseProtocol(protocol);
    if (!proto) {
        r.error = u"protocol must be 2PC or 3PC"_s;
        return r;
    }
    r.request = SessionRequest{s, *cls, *proto};
    return r;
}

} // namespace edgecore
