#pragma once
// The envelope codec and framing. A frame is a 4-byte big-endian length, then a CBOR map with
// integer keys 0..13 in order; key 13 is the HMAC-SHA256 tag over the bytes of keys 0..12
// exactly as they stand in the frame. Decoding is strict: any other shape is BadCbor, so the
// signed bytes are canonical by construction.

#include "core/envelope.h"
#include "wireerror.h"

#include <QByteArray>
#include <QByteArrayView>

namespace edgecore {

class HmacSha256;

constexpr qsizetype kMaxFrameBytes = 1 << 20; // 1 MiB, body only
constexpr qsizetype kFrameHeaderBytes = 4;
constexpr qsizetype kMaxVectorClockEntries = 1024;

// Envelope field keys; wire format.
enum class EnvKey : quint8 {
    Version = 0,
    Sender,
    Receiver,
    KeyId,
    Seq,
    LabTime,
    WallTime,
    Type,
    Tx,
    Session,
    Fencing,
    VClock,
    Payload,
    Mac,
};
constexpr int kEnvelopeKeyCount = 14;

// Encodes env (its keyId is used as is) into a complete frame, length prefix included.
QByteArray encodeFrame(const Envelope &env, const HmacSha256 &mac);

struct DecodedEnvelope
{
    Envelope env;
    qsizetype signedBegin = 0; // byte range of keys 0..12 within the body
    qsizetype signedEnd = 0;
    QByteArray tag;
};

// Decodes one frame body (without its length prefix). Checks shape only, not the tag.
WireError decodeEnvelope(const QByteArray &body, DecodedEnvelope &out);

// Splits a byte stream into frame bodies. The length bound is checked before any allocation
// for the body; bytes are held only as they arrive.
class FrameReader
{
public:
    enum class Status { NeedMore, Frame, Error };

    void append(QByteArrayView data);
    Status next(QByteArray &body, WireError &error);
    // True when the stream ended inside a frame (what a close at this point would truncate).
    bool hasPartialFrame() const { return m_pos < m_buf.size(); }
    qsizetype bufferedBytes() const { return m_buf.size() - m_pos; }

private:
    QByteArray m_buf;
    qsizetype m_pos = 0;
};

} // namespace edgecore
