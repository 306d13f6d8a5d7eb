#include "keyring.h"

#include "core/rng.h"

namespace edgecore {

KeyMaterial KeyMaterial::generate(quint64 seed, quint32 keyId)
{
    Rng rng = Rng::derive(seed, 0x6b6579u + keyId);
    QByteArray secret(32, Qt::Uninitialized);
    for (qsizetype i = 0; i < secret.size(); ++i)
        secret[i] = static_cast<char>(rng.next() & 0xff);
    KeyMaterial m;
    m.keys.insert(keyId, secret);
    m.signingKeyId = keyId;
    return m;
}

KeyRing::KeyRing(const KeyMaterial &material)
{
    for (auto it = material.keys.cbegin(); it != material.keys.cend(); ++it)
        add(it.key(), it.value());
    m_signingKeyId = material.signingKeyId;
}

void KeyRing::add(quint32 keyId, QByteArrayView secret)
{
    m_macs[keyId] = std::make_unique<HmacSha256>(secret);
}

void KeyRing::remove(quint32 keyId)
{
    m_macs.erase(keyId);
}

const HmacSha256 *KeyRing::find(quint32 keyId) const
{
    const auto it = m_macs.find(keyId);
    return it == m_macs.end() ? nullptr : it->second.get();
}

} // namespace edgecore
