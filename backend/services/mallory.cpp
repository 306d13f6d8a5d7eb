#include "mallory.h"

#include "host/wiretap.h"
#include "wire/codec.h"

#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
constexpr const char16_t *kModeNames[kMalloryModeCount] = {
    u"bad-signature", u"unknown-key", u"replay", u"tamper",
    u"stale-token",   u"oversized",   u"garbage"};
}

QString toString(MalloryMode m)
{
    return QString::fromUtf16(kModeNames[static_cast<size_t>(m)]);
}

std::optional<MalloryMode> parseMalloryMode(const QString &name)
{
    for (int i = 0; i < kMalloryModeCount; ++i)
        if (name == QString::fromUtf16(kModeNames[i]))
            return static_cast<MalloryMode>(i);
    return std::nullopt;
}

void Mallory::start(Context &ctx)
{
    QByteArray key(32, Qt::Uninitialized);
    for (qsizetype i = 0; i < key.size(); ++i)
        key[i] = static_cast<char>(ctx.rng().next() & 0xff);
    m_forgedKey = std::make_unique<HmacSha256>(key);
    for (const QString &name :
         {cast::rm(), cast::billing(), cast::dsm(), cast::sessionManager(1)}) {
        if (const NodeId id = ctx.lookup(name))
            m_targets.push_back(id);
    }
    for (const QString &name : {cast::rm(), cast::billing()})
        if (const NodeId id = ctx.lookup(name))
            m_participants.push_back(id);
    m_impersonated = ctx.lookup(cast::sessionManager(1));
    // Services have no wall clock: forged sequence numbers start somewhere plausible and random.
    m_seq = (ctx.rng().next() >> 12) + 1;
    reconfigure(m_config, ctx);
}

void Mallory::reconfigure(const MalloryConfig &config, Context &ctx)
{
    std::shared_ptr<Wiretap> tap = m_config.wiretap;
    m_config = config;
    if (!m_config.wiretap)
        m_config.wiretap = tap;
    const bool captures =
        std::any_of(m_config.modes.begin(), m_config.modes.end(), [](MalloryMode m) {
            return m == MalloryMode::Replay || m == MalloryMode::Tamper;
        });
    if (m_config.wiretap)
        m_config.wiretap->arm(captures && m_config.framesPerSecond > 0);
    if (m_timer)
        ctx.cancelTimer(m_timer);
    m_timer = 0;
    schedule(ctx);
}

void Mallory::schedule(Context &ctx)
{
    if (m_config.framesPerSecond <= 0 || m_targets.empty() || m_config.modes.empty())
        return;
    m_timer = ctx.startTimer(Duration(static_cast<qint64>(1e6 / m_config.framesPerSecond)));
}

Envelope Mallory::forgery(NodeId target, Context &ctx)
{
    Envelope e;
    e.sender = target == m_impersonated ? ctx.lookup(cast::edge()) : m_impersonated;
    e.receiver = target;
    e.keyId = 1; // the honest key's id: only the tag gives the forgery away
    e.seq = m_seq++;
    e.labTimeUs = toUs(ctx.now());
    e.wallTimeMs = 0; // the tag gives the forgery away before the timestamp is looked at
    // What would change state if it were believed: a PREPARE that reserves a lot, a COMMIT for
    // an unknown transaction, a DSM write.
    switch (ctx.rng().below(3)) {
    case 0:
        e.type = MsgType::Prepare;
        e.payload = Payload()
                        .set(Field::Subscriber, u"001010000000666"_s)
                        .set(Field::TrafficClass, static_cast<int>(TrafficClass::Data))
                        .encode();
        break;
    case 1:
        e.type = MsgType::Commit;
        break;
    default:
        e.type = MsgType::DsmPut;
        e.payload = Payload()
                        .set(Field::Key, u"session/666"_s)
                        .set(Field::Value, QByteArray("owned"))
                        .encode();
        break;
    }
    e.txId = 0x666000 + ctx.rng().below(1000);
    e.sessionId = 666;
    return e;
}

bool Mallory::sendOne(MalloryMode mode, Context &ctx)
{
    const NodeId target = m_targets[ctx.rng().below(m_targets.size())];
    auto note = [&](const QString &what, NodeId to, TxId tx = 0) {
        ctx.trace().record(TraceKind::Note, u"mallory ("_s + toString(mode) + u"): "_s + what, tx,
                           0, to);
    };
    switch (mode) {
    case MalloryMode::BadSignature:
    case MalloryMode::UnknownKey: {
        Envelope e = forgery(target, ctx);
        if (mode == MalloryMode::UnknownKey)
            e.keyId = 0x6666;
        note(u"forged "_s + toString(e.type) + u" as "_s + ctx.nameOf(e.sender), target, e.txId);
        ctx.sendRaw(target, encodeFrame(e, *m_forgedKey));
        return true;
    }
    case MalloryMode::Replay:
    case MalloryMode::Tamper: {
        if (!m_config.wiretap)
            return false;
        const auto captured = m_config.wiretap->sample(ctx.rng());
        if (!captured)
            return false; // nothing captured yet
        if (mode == MalloryMode::Replay) {
            note(u"replayed a captured frame from "_s + ctx.nameOf(captured->from), captured->to);
            ctx.sendRaw(captured->to, captured->frame);
            return true;
        }
        DecodedEnvelope d;
        if (decodeEnvelope(captured->frame.mid(kFrameHeaderBytes), d) != WireError::None)
            return false;
        // Change what it says, keep the tag it had.
        Envelope e = d.env;
        if (e.payload.isEmpty())
            e.txId ^= 1;
        else
            e.payload[e.payload.size() - 1] = static_cast<char>(e.payload.back() ^ 0x01);
        QByteArray frame = encodeFrame(e, *m_forgedKey);
        frame.replace(frame.size() - d.tag.size(), d.tag.size(), d.tag);
        note(u"tampered with a captured "_s + toString(e.type) + u" from "_s +
                 ctx.nameOf(captured->from),
             captured->to, e.txId);
        ctx.sendRaw(captured->to, frame);
        return true;
    }
    case MalloryMode::StaleToken: {
        // Authentic (mallory is in the cast and signs as itself), but under token 0: older than
        // any leader's. A participant refuses it before looking at anything else.
        const NodeId to = m_participants[ctx.rng().below(m_participants.size())];
        Envelope e;
        e.type = MsgType::Prepare;
        e.txId = 0x666000 + ctx.rng().below(1000);
        e.sessionId = 666;
        e.fencingToken = 0;
        e.payload = Payload()
                        .set(Field::Subscriber, u"001010000000666"_s)
                        .set(Field::TrafficClass, static_cast<int>(TrafficClass::Data))
                        .encode();
        note(u"PREPARE under a stale fencing token"_s, to, e.txId);
        ctx.send(to, std::move(e));
        return true;
    }
    case MalloryMode::Oversized: {
        QByteArray frame(kFrameHeaderBytes + 16, '\0');
        qToBigEndian<quint32>(0x7fffffff, frame.data());
        note(u"a length prefix of 2 GiB"_s, target);
        ctx.sendRaw(target, frame);
        return true;
    }
    case MalloryMode::Garbage: {
        const auto size = static_cast<qsizetype>(4 + ctx.rng().below(60));
        QByteArray frame(kFrameHeaderBytes + size, '\0');
        qToBigEndian<quint32>(static_cast<quint32>(size), frame.data());
        for (qsizetype i = kFrameHeaderBytes; i < frame.size(); ++i)
            frame[i] = static_cast<char>(ctx.rng().next() & 0xff);
        // A random first byte could happen to open a map of 14: make it a shape error for sure.
        frame[kFrameHeaderBytes] = static_cast<char>(0xff);
        note(QString::number(size) + u" random bytes"_s, target);
        ctx.sendRaw(target, frame);
        return true;
    }
    }
    return false;
}

void Mallory::onTimer(TimerId id, Context &ctx)
{
    if (id != m_timer)
        return;
    m_timer = 0;
    const MalloryMode mode = m_config.modes[ctx.rng().below(m_config.modes.size())];
    if (sendOne(mode, ctx)) {
        ++m_sent;
        ++m_sentByMode[static_cast<size_t>(mode)];
    }
    schedule(ctx);
}

} // namespace edgecore
