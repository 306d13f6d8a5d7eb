#include "wireerror.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString toString(WireError e)
{
    switch (e) {
    case WireError::None:
        return u"ok"_s;
    case WireError::Truncated:
        return u"truncated"_s;
    case WireError::Oversized:
        return u"oversized"_s;
    case WireError::BadCbor:
        return u"bad-cbor"_s;
    case WireError::TrailingGarbage:
        return u"trailing-garbage"_s;
    case WireError::UnknownType:
        return u"unknown-type"_s;
    case WireError::BadVersion:
        return u"bad-version"_s;
    case WireError::WrongReceiver:
        return u"wrong-receiver"_s;
    case WireError::UnknownKey:
        return u"unknown-key"_s;
    case WireError::BadTag:
        return u"bad-signature"_s;
    case WireError::Replay:
        return u"replay"_s;
    case WireError::StaleTimestamp:
        return u"stale-timestamp"_s;
    case WireError::StaleToken:
        return u"stale-token"_s;
    case WireError::NotAuthorized:
        return u"not-authorized"_s;
    }
    return u"unknown"_s;
}

bool closesConnection(WireError e)
{
    switch (e) {
    case WireError::Truncated:
    case WireError::Oversized:
    case WireError::BadCbor:
    case WireError::TrailingGarbage:
    case WireError::UnknownType:
    case WireError::BadVersion:
        return true;
    default:
        return false;
    }
}

} // namespace edgecore
