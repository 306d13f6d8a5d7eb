#include "corpus.h"

#include "core/envelope.h"
#include "wire/codec.h"
#include "wire/hmac.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore::fuzz {

namespace {

std::vector<QByteArray> validFrames()
{
    const HmacSha256 mac(QByteArray(32, '\x42'));
    std::vector<QByteArray> out;
    for (int t = 1; t <= 28; ++t) {
        Envelope e;
        e.sender = 3;
        e.receiver = 2;
        e.keyId = 1;
        e.seq = 1000 + static_cast<quint64>(t);
        e.labTimeUs = 5'000'000;
        e.wallTimeMs = 1'700'000'000'000;
        e.type = static_cast<MsgType>(t);
        e.txId = (quint64(3) << 48) | static_cast<quint64>(t);
        e.sessionId = (quint64(1) << 48) | static_cast<quint64>(t);
        e.fencingToken = static_cast<quint64>(t % 4);
        e.vclock = {0, 1, 2, static_cast<quint64>(t)};
        if (t % 2)
            e.payload = Payload()
                            .set(Field::Subscriber, u"001010000000042"_s)
                            .set(Field::TrafficClass, t % 3)
                            .set(Field::Key, u"session/42"_s)
                            .encode();
        out.push_back(encodeFrame(e, mac));
    }
    return out;
}

} // namespace

std::vector<QByteArray> seedFrames()
{
    const std::vector<QByteArray> frames = validFrames();
    std::vector<QByteArray> out;
    for (size_t i = 0; i < frames.size(); ++i) {
        // A stream of up to three frames, cut in pieces of 1-7 bytes.
        QByteArray input(1, static_cast<char>(3));
        input += QByteArray("\x00\x06\x02", 3);
        for (size_t k = i; k < std::min(frames.size(), i + 3); ++k)
            input += frames[k];
        out.push_back(input);
    }
    return out;
}

std::vector<QByteArray> seedBodies()
{
    std::vector<QByteArray> out;
    for (const QByteArray &f : validFrames())
        out.push_back(f.mid(kFrameHeaderBytes));
    return out;
}

} // namespace edgecore::fuzz
