// The envelope codec, framing and verifier: round trips, stream splitting, and every kind of
// malformed or hostile frame getting its own typed error.

#include "wire/codec.h"
#include "wire/hmac.h"
#include "wire/keyring.h"
#include "wire/verifier.h"

#include <QCborArray>
#include <QDateTime>
#include <QTest>
#include <QtEndian>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kKey = QByteArray(32, '\x2a');

Envelope sample(quint64 seq = 1, QByteArray payload = "hello")
{
    Envelope e;
    e.sender = 2;
    e.receiver = 3;
    e.keyId = 1;
    e.seq = seq;
    e.labTimeUs = 123456789;
    e.wallTimeMs = QDateTime::currentMSecsSinceEpoch();
    e.type = MsgType::Prepare;
    e.txId = 0xdeadbeefULL;
    e.sessionId = 42;
    e.fencingToken = 7;
    e.vclock = {0, 3, 5, 1};
    e.payload = std::move(payload);
    return e;
}

QByteArray bodyOf(const QByteArray &frame)
{
    return frame.mid(kFrameHeaderBytes);
}

} // namespace

// Wire errors compare by name, so a failure prints what was expected and what came.
#define COMPARE_ERR(actual, expected) QCOMPARE(toString(actual), toString(expected))

class TestCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void splitAtEveryOffset();
    void truncatedBody();
    void oversizedLengthRefusedBeforeAllocating();
    void trailingGarbage();
    void unknownType();
    void nonCanonicalOrder();
    void nonShortestEncodingsAreRefused();
    void everyBitFlipIsRejected();
    void replayIsRejected();
    void replayWindowSlides();
    void wrongKeyAndUnknownKey();
    void staleTimestamp();
    void wrongReceiver();
    void payloadDescribedForPeople();
};

void TestCodec::roundTrip_data()
{
    QTest::addColumn<Envelope>("env");
    QTest::newRow("typical") << sample();
    QTest::newRow("empty payload and clock") << [] {
        Envelope e = sample(9, {});
        e.vclock.clear();
        return e;
    }();
    QTest::newRow("negative lab time") << [] {
        Envelope e = sample(10);
        e.labTimeUs = -5;
        return e;
    }();
    QTest::newRow("max integers") << [] {
        Envelope e = sample(std::numeric_limits<quint64>::max());
        e.txId = std::numeric_limits<quint64>::max();
        e.sender = 0xffff;
        e.keyId = 0xffffffffu;
        return e;
    }();
    QTest::newRow("large payload") << sample(11, QByteArray(512 * 1024, 'x'));
}

void TestCodec::roundTrip()
{
    QFETCH(Envelope, env);
    HmacSha256 mac(kKey);
    const QByteArray frame = encodeFrame(env, mac);
    QCOMPARE(qFromBigEndian<quint32>(frame.constData()), quint32(frame.size() - kFrameHeaderBytes));
    DecodedEnvelope d;
    COMPARE_ERR(decodeEnvelope(bodyOf(frame), d), WireError::None);
    QVERIFY(d.env == env);
    QCOMPARE(d.tag.size(), 32);
    // The tag covers exactly the signed range.
    QVERIFY(HmacSha256::equal(
        d.tag,
        mac.mac(QByteArrayView(bodyOf(frame)).sliced(d.signedBegin, d.signedEnd - d.signedBegin))));
}

void TestCodec::splitAtEveryOffset()
{
    HmacSha256 mac(kKey);
    QByteArray stream;
    QVector<Envelope> sent;
    for (quint64 i = 1; i <= 3; ++i) {
        sent << sample(i, QByteArray(int(i) * 7, char('a' + i)));
        stream += encodeFrame(sent.last(), mac);
    }
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        FrameReader reader;
        QVector<Envelope> got;
        auto drain = [&] {
            QByteArray body;
            WireError err = WireError::None;
            while (reader.next(body, err) == FrameReader::Status::Frame) {
                DecodedEnvelope d;
                COMPARE_ERR(decodeEnvelope(body, d), WireError::None);
                got << d.env;
            }
        };
        reader.append(QByteArrayView(stream).first(cut));
        drain();
        reader.append(QByteArrayView(stream).sliced(cut));
        drain();
        QCOMPARE(got.size(), sent.size());
        for (int i = 0; i < sent.size(); ++i)
            QVERIFY2(got[i] == sent[i], qPrintable(u"cut at "_s + QString::number(cut)));
        QVERIFY(!reader.hasPartialFrame());
    }
}

void TestCodec::truncatedBody()
{
    HmacSha256 mac(kKey);
    const QByteArray body = bodyOf(encodeFrame(sample(), mac));
    for (qsizetype keep : {qsizetype(1), body.size() / 2, body.size() - 1}) {
        DecodedEnvelope d;
        COMPARE_ERR(decodeEnvelope(body.first(keep), d), WireError::Truncated);
    }
    // A stream that stops mid-frame is reported as partial.
    FrameReader reader;
    reader.append(QByteArrayView(encodeFrame(sample(), mac)).first(10));
    QByteArray out;
    WireError err = WireError::None;
    QCOMPARE(reader.next(out, err), FrameReader::Status::NeedMore);
    QVERIFY(reader.hasPartialFrame());
}

void TestCodec::oversizedLengthRefusedBeforeAllocating()
{
    FrameReader reader;
    QByteArray header(4, Qt::Uninitialized);
    qToBigEndian<quint32>(0xfffffff0u, header.data());
    reader.append(header);
    QByteArray out;
    WireError err = WireError::None;
    QCOMPARE(reader.next(out, err), FrameReader::Status::Error);
    COMPARE_ERR(err, WireError::Oversized);
    QCOMPARE(out.size(), 0);
    QVERIFY(reader.bufferedBytes() <= 4);
    // Exactly at the bound is still a frame size the reader waits for.
    FrameReader atBound;
    qToBigEndian<quint32>(quint32(kMaxFrameBytes), header.data());
    atBound.append(header);
    QCOMPARE(atBound.next(out, err), FrameReader::Status::NeedMore);
}

void TestCodec::trailingGarbage()
{
    HmacSha256 mac(kKey);
    const QByteArray body = bodyOf(encodeFrame(sample(), mac)) + QByteArray("\x00\x01", 2);
    DecodedEnvelope d;
    COMPARE_ERR(decodeEnvelope(body, d), WireError::TrailingGarbage);
}

void TestCodec::unknownType()
{
    HmacSha256 mac(kKey);
    Envelope e = sample();
    e.type = static_cast<MsgType>(999);
    DecodedEnvelope d;
    COMPARE_ERR(decodeEnvelope(bodyOf(encodeFrame(e, mac)), d), WireError::UnknownType);
}

void TestCodec::nonCanonicalOrder()
{
    // Not a map; a map of the wrong size; a map with string keys: all BadCbor.
    DecodedEnvelope d;
    COMPARE_ERR(decodeEnvelope(QByteArray("\x01", 1), d), WireError::BadCbor);
    COMPARE_ERR(decodeEnvelope(QByteArray("\xa1\x00\x01", 3), d), WireError::BadCbor);
    COMPARE_ERR(decodeEnvelope(QByteArray("\xae\x61x\x01", 4), d), WireError::BadCbor);
}

void TestCodec::nonShortestEncodingsAreRefused()
{
    // One envelope, one encoding: a head in a longer form than needed (the map's size, a
    // key, a value, the vector clock's length, a byte string's length) is refused, so no
    // two byte strings decode to the same envelope. Found by the envelope fuzzer (kept in
    // tests/fuzz/regressions/envelope/non-shortest-key).
    HmacSha256 mac(kKey);
    const QByteArray body = bodyOf(encodeFrame(sample(77), mac));
    DecodedEnvelope d;
    COMPARE_ERR(decodeEnvelope(body, d), WireError::None);
    QCOMPARE(quint8(body[0]), quint8(0xae)); // map of 14
    QCOMPARE(quint8(body[1]), quint8(0x00)); // key 0 (version)
    QCOMPARE(quint8(body[2]), quint8(0x01)); // version 1
    auto widened = [&](qsizetype at, const char *longer, qsizetype n) {
        QByteArray b = body;
        b.replace(at, 1, QByteArray(longer, n));
        return b;
    };
    COMPARE_ERR(decodeEnvelope(widened(0, "\xb8\x0e", 2), d), WireError::BadCbor);
    COMPARE_ERR(decodeEnvelope(widened(1, "\x18\x00", 2), d), WireError::BadCbor);
    COMPARE_ERR(decodeEnvelope(widened(2, "\x19\x00\x01", 3), d), WireError::BadCbor);
    // The signed part ends with key 11, the clock [0, 3, 5, 1], key 12 and "hello".
    const qsizetype end = d.signedEnd;
    QCOMPARE(body.mid(end - 13, 13), QByteArray("\x0b\x84\x00\x03\x05\x01\x0c\x45hello", 13));
    COMPARE_ERR(decodeEnvelope(widened(end - 12, "\x98\x04", 2), d), WireError::BadCbor);
    COMPARE_ERR(decodeEnvelope(widened(end - 6, "\x58\x05", 2), d), WireError::BadCbor);
    // And a chunked (indefinite-length) payload with the same bytes.
    COMPARE_ERR(decodeEnvelope(widened(end - 6, "\x5f\x45", 2).insert(end - 6 + 2 + 5, '\xff'), d),
                WireError::BadCbor);
}

void TestCodec::everyBitFlipIsRejected()
{
    KeyRing ring;
    ring.add(1, kKey);
    HmacSha256 mac(kKey);
    const Envelope e = sample(77);
    const QByteArray body = bodyOf(encodeFrame(e, mac));
    for (qsizetype i = 0; i < body.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray flipped = body;
            flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
            Verifier v(3, &ring);
            Envelope out;
            const WireError err = v.verify(flipped, out, e.wallTimeMs);
            QVERIFY2(err != WireError::None, qPrintable(u"byte "_s + QString::number(i) +
                                                        u" bit "_s + QString::number(bit)));
        }
    }
    Verifier v(3, &ring);
    Envelope out;
    COMPARE_ERR(v.verify(body, out, e.wallTimeMs), WireError::None);
}

void TestCodec::replayIsRejected()
{
    KeyRing ring;
    ring.add(1, kKey);
    HmacSha256 mac(kKey);
    const Envelope e = sample(500);
    const QByteArray body = bodyOf(encodeFrame(e, mac));
    Verifier v(3, &ring);
    Envelope out;
    COMPARE_ERR(v.verify(body, out, e.wallTimeMs), WireError::None);
    COMPARE_ERR(v.verify(body, out, e.wallTimeMs), WireError::Replay);
}

void TestCodec::replayWindowSlides()
{
    ReplayWindow w;
    for (quint64 s : {100u, 98u, 99u, 150u}) {
        QVERIFY(w.wouldAccept(s));
        w.mark(s);
    }
    QVERIFY(!w.wouldAccept(150)); // duplicate
    QVERIFY(!w.wouldAccept(86));  // 64 or more behind the highest: too old
    QVERIFY(w.wouldAccept(87));   // 63 behind: still inside
    QVERIFY(!w.wouldAccept(100)); // seen, now 50 behind
    QVERIFY(!w.wouldAccept(0));
}

void TestCodec::wrongKeyAndUnknownKey()
{
    KeyRing ring;
    ring.add(1, kKey);
    Verifier v(3, &ring);
    Envelope out;
    const Envelope e = sample(600);
    HmacSha256 forged(QByteArray(32, '\x01'));
    COMPARE_ERR(v.verify(bodyOf(encodeFrame(e, forged)), out, e.wallTimeMs), WireError::BadTag);
    Envelope other = sample(601);
    other.keyId = 9;
    COMPARE_ERR(v.verify(bodyOf(encodeFrame(other, forged)), out, e.wallTimeMs),
                WireError::UnknownKey);
}

void TestCodec::staleTimestamp()
{
    KeyRing ring;
    ring.add(1, kKey);
    HmacSha256 mac(kKey);
    Verifier v(3, &ring, 30000);
    const Envelope e = sample(700);
    Envelope out;
    COMPARE_ERR(v.verify(bodyOf(encodeFrame(e, mac)), out, e.wallTimeMs + 31000),
                WireError::StaleTimestamp);
    // Refused frames are not remembered: the same frame in time is accepted.
    COMPARE_ERR(v.verify(bodyOf(encodeFrame(e, mac)), out, e.wallTimeMs), WireError::None);
}

void TestCodec::wrongReceiver()
{
    KeyRing ring;
    ring.add(1, kKey);
    HmacSha256 mac(kKey);
    Verifier v(4, &ring);
    Envelope out;
    const Envelope e = sample(800);
    COMPARE_ERR(v.verify(bodyOf(encodeFrame(e, mac)), out, e.wallTimeMs), WireError::WrongReceiver);
}

void TestCodec::payloadDescribedForPeople()
{
    // The Message pane's decoded payload: every field by name, in the order sent, values as text.
    Payload p;
    p.set(Field::RequestId, 42)
        .set(Field::Subscriber, u"001010000000007"_s)
        .set(Field::Participants, QCborArray{5, 6})
        .set(Field::Commit, true)
        .set(Field::Value, QByteArray("\x01\xff", 2));
    const auto lines = describePayload(p.encode());
    QCOMPARE(lines.size(), size_t(5));
    QCOMPARE(lines[0], std::make_pair(u"requestId"_s, u"42"_s));
    QCOMPARE(lines[1], std::make_pair(u"subscriber"_s, u"001010000000007"_s));
    QCOMPARE(lines[2], std::make_pair(u"participants"_s, u"[5, 6]"_s));
    QCOMPARE(lines[3], std::make_pair(u"commit"_s, u"true"_s));
    QCOMPARE(lines[4], std::make_pair(u"value"_s, u"01 ff"_s));
    QVERIFY(describePayload({}).empty());
    // Bytes that are no CBOR map say so, with their first bytes.
    const auto junk = describePayload(QByteArray("\xff\x00garbage", 9));
    QCOMPARE(junk.size(), size_t(1));
    QCOMPARE(junk[0].first, u"payload"_s);
    QVERIFY(junk[0].second.contains(u"not a CBOR map"_s));
    // A field this lab does not know keeps its number.
    QCOMPARE(toString(static_cast<Field>(99)), u"field 99"_s);
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
