#pragma once
// Why an incoming frame or message was refused. Every refusal is traced with one of these and
// counted.

#include <QString>
#include <QtGlobal>

namespace edgecore {

enum class WireError : quint8 {
    None = 0,
    Truncated, // the frame's CBOR ends before the envelope does (or the stream ends mid-frame)
    Oversized, // the length prefix exceeds the maximum frame size
    BadCbor,   // not the envelope's CBOR shape (wrong types, keys, order or encoding)
    TrailingGarbage, // bytes after the envelope inside the frame
    UnknownType,     // message type this build does not know
    BadVersion,      // wire version this build does not speak
    WrongReceiver,   // addressed to another node
    UnknownKey,      // key id not in the key ring
    BadTag,          // HMAC does not match
    Replay,          // sequence number already seen or too old for the replay window
    StaleTimestamp,  // wall time outside the accepted window
    StaleToken,      // a coordinator message with a fencing token older than one already seen
    NotAuthorized,   // authentic, but the sender's role may not send it (a PREPARE from mallory)
};
constexpr int kWireErrorCount = 14;

QString toString(WireError e);
// Framing and shape errors leave the stream unusable: the connection is closed. Authentication
// errors refuse the frame only.
bool closesConnection(WireError e);

} // namespace edgecore
