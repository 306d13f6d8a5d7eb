#include "verifier.h"

#include <cstdlib>

namespace edgecore {

bool ReplayWindow::wouldAccept(quint64 seq) const
{
    if (seq == 0)
        return false;
    if (seq > m_highest)
        return true;
    const quint64 age = m_highest - seq;
    if (age >= kWidth)
        return false;
    return (m_bits & (quint64(1) << age)) == 0;
}

void ReplayWindow::mark(quint64 seq)
{
    if (seq > m_highest) {
        const quint64 shift = seq - m_highest;
        m_bits = shift >= kWidth ? 0 : (m_bits << shift);
        m_bits |= 1;
        m_highest = seq;
    } else {
        m_bits |= quint64(1) << (m_highest - seq);
    }
}

WireError Verifier::verify(const QByteArray &body, Envelope &out, qint64 nowWallMs)
{
    DecodedEnvelope d;
    if (const WireError e = decodeEnvelope(body, d); e != WireError::None) {
        out = std::move(d.env);
        return e;
    }
    out = std::move(d.env);
    const HmacSha256 *mac = m_keys ? m_keys->find(out.keyId) : nullptr;
    if (!mac)
        return WireError::UnknownKey;
    const Tag expected =
        mac->mac(QByteArrayView(body).sliced(d.signedBegin, d.signedEnd - d.signedBegin));
    if (!HmacSha256::equal(d.tag, expected))
        return WireError::BadTag;
    if (out.receiver != m_self)
        return WireError::WrongReceiver;
    ReplayWindow &window = m_windows[out.sender];
    if (!window.wouldAccept(out.seq))
        return WireError::Replay;
    if (std::llabs(nowWallMs - out.wallTimeMs) > m_timestampWindowMs)
        return WireError::StaleTimestamp;
    window.mark(out.seq);
    return WireError::None;
}

} // namespace edgecore
