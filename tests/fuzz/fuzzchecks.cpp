#include "fuzzchecks.h"

#include "core/check.h"
#include "core/envelope.h"
#include "wire/codec.h"
#include "wire/hmac.h"
#include "wire/keyring.h"
#include "wire/verifier.h"

#include <vector>

namespace edgecore::fuzz {

namespace {

const HmacSha256 &testMac()
{
    static const HmacSha256 mac(QByteArray(32, '\x42'));
    return mac;
}

struct Read
{
    std::vector<QByteArray> bodies;
    WireError error = WireError::None;
    bool operator==(const Read &o) const { return bodies == o.bodies && error == o.error; }
};

// Reads a stream through FrameReader, fed in pieces whose sizes come from `cuts`.
Read readStream(const QByteArray &stream, const std::uint8_t *cuts, std::size_t ncuts)
{
    Read r;
    FrameReader reader;
    qsizetype pos = 0;
    std::size_t c = 0;
    while (pos < stream.size() && r.error == WireError::None) {
        const qsizetype piece =
            ncuts ? std::min<qsizetype>(1 + cuts[c++ % ncuts], stream.size() - pos)
                  : stream.size() - pos;
        reader.append(QByteArrayView(stream.constData() + pos, piece));
        pos += piece;
        for (;;) {
            QByteArray body;
            WireError e = WireError::None;
            const auto st = reader.next(body, e);
            if (st == FrameReader::Status::NeedMore)
                break;
            if (st == FrameReader::Status::Error) {
                r.error = e;
                break;
            }
            r.bodies.push_back(body);
        }
    }
    return r;
}

} // namespace

void checkFrames(const std::uint8_t *data, std::size_t size)
{
    // The first byte says how much of the input is cut sizes; the rest is the stream.
    if (size == 0)
        return;
    const std::size_t ncuts = std::min<std::size_t>(data[0] % 16, size - 1);
    const std::uint8_t *cuts = data + 1;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1 + ncuts),
                            static_cast<qsizetype>(size - 1 - ncuts));
    const Read whole = readStream(stream, nullptr, 0);
    const Read pieces = readStream(stream, cuts, ncuts);
    EC_CHECK(whole == pieces);
    for (const QByteArray &body : whole.bodies) {
        DecodedEnvelope d;
        if (decodeEnvelope(body, d) != WireError::None)
            continue;
        // What decodes, re-encodes and decodes to the same envelope.
        const QByteArray again = encodeFrame(d.env, testMac());
        DecodedEnvelope d2;
        EC_CHECK(decodeEnvelope(again.mid(kFrameHeaderBytes), d2) == WireError::None);
        EC_CHECK(d2.env.sender == d.env.sender && d2.env.receiver == d.env.receiver &&
                 d2.env.seq == d.env.seq && d2.env.type == d.env.type &&
                 d2.env.txId == d.env.txId && d2.env.sessionId == d.env.sessionId &&
                 d2.env.fencingToken == d.env.fencingToken && d2.env.vclock == d.env.vclock &&
                 d2.env.payload == d.env.payload && d2.env.keyId == d.env.keyId);
    }
}

void checkEnvelope(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    DecodedEnvelope d;
    const WireError shape = decodeEnvelope(body, d);
    // The verifier never accepts what the decoder refuses, and never accepts a forged tag.
    KeyMaterial keys;
    keys.keys.insert(1, QByteArray(32, '\x42'));
    KeyRing ring(keys);
    Verifier verifier(2, &ring);
    Envelope out;
    const WireError verdict = verifier.verify(body, out, 1'700'000'000'000);
    if (shape != WireError::None)
        EC_CHECK(verdict != WireError::None);
    if (verdict == WireError::None) {
        // Accepted: then the tag really is the key's over the signed bytes.
        const QByteArray again = encodeFrame(out, testMac());
        EC_CHECK(again.mid(kFrameHeaderBytes) == body);
    }
    if (shape == WireError::None)
        (void)Payload::decode(d.env.payload); // never crashes on any payload
}

} // namespace edgecore::fuzz
