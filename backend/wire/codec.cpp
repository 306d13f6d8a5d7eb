#include "codec.h"

#include "hmac.h"

#include <QBuffer>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QtEndian>

namespace edgecore {

QByteArray encodeFrame(const Envelope &env, const HmacSha256 &mac)
{
    QByteArray frame;
    frame.reserve(96 + env.payload.size() + static_cast<qsizetype>(env.vclock.size()) * 3);
    frame.resize(kFrameHeaderBytes);
    qsizetype signedBegin = 0;
    {
        // QCborStreamWriter(QByteArray *) writes from offset 0 over what is there (Qt 6.4);
        // an appending QBuffer keeps the length prefix and lets us read the bytes mid-stream.
        QBuffer device(&frame);
        device.open(QIODevice::WriteOnly | QIODevice::Append);
        QCborStreamWriter w(&device);
        w.startMap(kEnvelopeKeyCount);
        signedBegin = frame.size();
        auto key = [&w](EnvKey k) { w.append(static_cast<quint64>(k)); };
        key(EnvKey::Version);
        w.append(static_cast<quint64>(env.version));
        key(EnvKey::Sender);
        w.append(static_cast<quint64>(env.sender));
        key(EnvKey::Receiver);
        w.append(static_cast<quint64>(env.receiver));
        key(EnvKey::KeyId);
        w.append(static_cast<quint64>(env.keyId));
        key(EnvKey::Seq);
        w.append(env.seq);
        key(EnvKey::LabTime);
        w.append(env.labTimeUs);
        key(EnvKey::WallTime);
        w.append(env.wallTimeMs);
        key(EnvKey::Type);
        w.append(static_cast<quint64>(env.type));
        key(EnvKey::Tx);
        w.append(env.txId);
        key(EnvKey::Session);
        w.append(env.sessionId);
        key(EnvKey::Fencing);
        w.append(env.fencingToken);
        key(EnvKey::VClock);
        w.startArray(static_cast<quint64>(env.vclock.size()));
        for (quint64 c : env.vclock)
            w.append(c);
        w.endArray();
        key(EnvKey::Payload);
        w.append(env.payload);
        const qsizetype signedEnd = frame.size();
        const Tag tag = mac.mac(QByteArrayView(frame).sliced(signedBegin, signedEnd - signedBegin));
        key(EnvKey::Mac);
        w.append(QByteArray::fromRawData(reinterpret_cast<const char *>(tag.data()),
                                         static_cast<qsizetype>(tag.size())));
        w.endMap();
    }
    qToBigEndian<quint32>(static_cast<quint32>(frame.size() - kFrameHeaderBytes), frame.data());
    return frame;
}

namespace {

// The bytes a CBOR head takes in its shortest form for this argument (RFC 8949 4.2.1).
qint64 shortestHead(quint64 argument)
{
    return argument < 24               ? 1
           : argument <= 0xff          ? 2
           : argument <= 0xffff        ? 3
           : argument <= 0xffffffffULL ? 5
                                       : 9;
}

// Strict reader helpers: each returns None or the error that ends decoding. Only the
// shortest encoding of each integer and length is accepted, so every envelope has exactly
// one encoding: what decodes re-encodes to the same bytes (the fuzzers check it).
class Strict
{
public:
    explicit Strict(const QByteArray &body)
        : r(body)
    {}

    // The item that began at `begin` and ended where the reader is now took `expected` bytes.
    WireError shortest(qint64 begin, qint64 expected) const
    {
        return r.currentOffset() - begin == expected ? WireError::None : WireError::BadCbor;
    }

    WireError fail()
    {
        return r.lastError() == QCborError::EndOfFile ? WireError::Truncated : WireError::BadCbor;
    }

    WireError uint(quint64 &out)
    {
        if (!r.isUnsignedInteger())
            return r.type() == QCborStreamReader::Invalid ? fail() : WireError::BadCbor;
        const qint64 begin = r.currentOffset();
        out = r.toUnsignedInteger();
        if (!r.next())
            return fail();
        return shortest(begin, shortestHead(out));
    }

    WireError sint(qint64 &out)
    {
        if (!r.isInteger())
            return r.type() == QCborStreamReader::Invalid ? fail() : WireError::BadCbor;
        const QCborStreamReader::Type t = r.type();
        const qint64 begin = r.currentOffset();
        quint64 argument = 0;
        if (t == QCborStreamReader::UnsignedInteger) {
            const quint64 v = r.toUnsignedInteger();
            if (v > static_cast<quint64>(std::numeric_limits<qint64>::max()))
                return WireError::BadCbor;
            out = static_cast<qint64>(v);
            argument = v;
        } else {
            // QCborNegativeInteger holds the magnitude: -1 is 1. Magnitudes past qint64's
            // range (and 0, which stands for -2^64) are refused.
            const quint64 v = quint64(r.toNegativeInteger());
            if (v == 0 || v > static_cast<quint64>(std::numeric_limits<qint64>::max()))
                return WireError::BadCbor;
            out = -static_cast<qint64>(v);
            argument = v - 1; // -1 is encoded as 0
        }
        if (!r.next())
            return fail();
        return shortest(begin, shortestHead(argument));
    }

    WireError bytes(QByteArray &out)
    {
        if (!r.isByteArray())
            return r.type() == QCborStreamReader::Invalid ? fail() : WireError::BadCbor;
        if (!r.isLengthKnown()) // chunked: not the one encoding
            return WireError::BadCbor;
        const qint64 begin = r.currentOffset();
        out.clear();
        auto chunk = r.readByteArray();
        while (chunk.status == QCborStreamReader::Ok) {
            out += chunk.data;
            chunk = r.readByteArray();
        }
        if (chunk.status != QCborStreamReader::EndOfString)
            return fail();
        return shortest(begin, shortestHead(quint64(out.size())) + out.size());
    }

    WireError key(EnvKey expected)
    {
        quint64 k = 0;
        if (const WireError e = uint(k); e != WireError::None)
            return e;
        return k == static_cast<quint64>(expected) ? WireError::None : WireError::BadCbor;
    }

    QCborStreamReader r;
};

template <typename T> WireError narrow(quint64 v, T &out)
{
    if (v > std::numeric_limits<T>::max())
        return WireError::BadCbor;
    out = static_cast<T>(v);
    return WireError::None;
}

} // namespace

#define EC_TRY(expr)                                                                               \
    do {                                                                                           \
        if (const WireError e_ = (expr); e_ != WireError::None)                                    \
            return e_;                                                                             \
    } while (false)

WireError decodeEnvelope(const QByteArray &body, DecodedEnvelope &out)
{
    Strict s(body);
    QCborStreamReader &r = s.r;
    if (!r.isMap())
        return r.type() == QCborStreamReader::Invalid ? s.fail() : WireError::BadCbor;
    if (!r.isLengthKnown() || r.length() != kEnvelopeKeyCount)
        return WireError::BadCbor;
    if (!r.enterContainer())
        return s.fail();
    out.signedBegin = r.currentOffset();
    if (out.signedBegin != shortestHead(kEnvelopeKeyCount))
        return WireError::BadCbor;
    Envelope &env = out.env;
    quint64 v = 0;

    EC_TRY(s.key(EnvKey::Version));
    EC_TRY(s.uint(v));
    EC_TRY(narrow(v, env.version));
    if (env.version != kWireVersion)
        return WireError::BadVersion;
    EC_TRY(s.key(EnvKey::Sender));
    EC_TRY(s.uint(v));
    EC_TRY(narrow(v, env.sender));
    EC_TRY(s.key(EnvKey::Receiver));
    EC_TRY(s.uint(v));
    EC_TRY(narrow(v, env.receiver));
    EC_TRY(s.key(EnvKey::KeyId));
    EC_TRY(s.uint(v));
    EC_TRY(narrow(v, env.keyId));
    EC_TRY(s.key(EnvKey::Seq));
    EC_TRY(s.uint(env.seq));
    EC_TRY(s.key(EnvKey::LabTime));
    EC_TRY(s.sint(env.labTimeUs));
    EC_TRY(s.key(EnvKey::WallTime));
    EC_TRY(s.sint(env.wallTimeMs));
    EC_TRY(s.key(EnvKey::Type));
    EC_TRY(s.uint(v));
    if (v > 0xffff || !isKnownMsgType(static_cast<quint16>(v)))
        return WireError::UnknownType;
    env.type = static_cast<MsgType>(v);
    EC_TRY(s.key(EnvKey::Tx));
    EC_TRY(s.uint(env.txId));
    EC_TRY(s.key(EnvKey::Session));
    EC_TRY(s.uint(env.sessionId));
    EC_TRY(s.key(EnvKey::Fencing));
    EC_TRY(s.uint(env.fencingToken));
    EC_TRY(s.key(EnvKey::VClock));
    if (!r.isArray())
        return r.type() == QCborStreamReader::Invalid ? s.fail() : WireError::BadCbor;
    if (!r.isLengthKnown() || r.length() > kMaxVectorClockEntries)
        return WireError::BadCbor;
    env.vclock.resize(static_cast<size_t>(r.length()));
    const qint64 arrayBegin = r.currentOffset();
    if (!r.enterContainer())
        return s.fail();
    EC_TRY(s.shortest(arrayBegin, shortestHead(env.vclock.size())));
    for (quint64 &c : env.vclock)
        EC_TRY(s.uint(c));
    if (r.lastError() != QCborError::NoError)
        return s.fail();
    if (!r.leaveContainer())
        return s.fail();
    EC_TRY(s.key(EnvKey::Payload));
    EC_TRY(s.bytes(env.payload));
    out.signedEnd = r.currentOffset();
    EC_TRY(s.key(EnvKey::Mac));
    EC_TRY(s.bytes(out.tag));
    if (out.tag.size() != 32)
        return WireError::BadCbor;
    if (r.hasNext())
        return WireError::BadCbor;
    if (!r.leaveContainer())
        return s.fail();
    if (r.currentOffset() != body.size())
        return WireError::TrailingGarbage;
    return WireError::None;
}

#undef EC_TRY

void FrameReader::append(QByteArrayView data)
{
    if (m_pos > 0 && m_pos == m_buf.size()) {
        m_buf.clear();
        m_pos = 0;
    }
    m_buf.append(data);
}

FrameReader::Status FrameReader::next(QByteArray &body, WireError &error)
{
    const qsizetype available = m_buf.size() - m_pos;
    if (available < kFrameHeaderBytes)
        return Status::NeedMore;
    const quint32 length = qFromBigEndian<quint32>(m_buf.constData() + m_pos);
    if (length > static_cast<quint32>(kMaxFrameBytes)) {
        error = WireError::Oversized;
        return Status::Error;
    }
    if (length == 0) {
        error = WireError::Truncated;
        return Status::Error;
    }
    if (available < kFrameHeaderBytes + qsizetype(length))
        return Status::NeedMore;
    body = m_buf.mid(m_pos + kFrameHeaderBytes, length);
    m_pos += kFrameHeaderBytes + qsizetype(length);
    // Compact once the consumed prefix dominates, so the buffer never grows without bound.
    if (m_pos == m_buf.size()) {
        m_buf.clear();
        m_pos = 0;
    } else if (m_pos > 64 * 1024 && m_pos > m_buf.size() / 2) {
        m_buf.remove(0, m_pos);
        m_pos = 0;
    }
    return Status::Frame;
}

} // namespace edgecore
