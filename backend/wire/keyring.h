#pragma once
// The signing keys a host knows, by key id, and which one it signs with. Key material is
// shared as bytes (KeyMaterial); each host builds its own KeyRing with its own MAC contexts.

#include "hmac.h"

#include <QByteArray>
#include <QMap>

#include <map>
#include <memory>
#include <vector>

namespace edgecore {

struct KeyMaterial
{
    QMap<quint32, QByteArray> keys; // key id -> 32 secret bytes
    quint32 signingKeyId = 1;

    static KeyMaterial generate(quint64 seed, quint32 keyId = 1);
};

class KeyRing
{
public:
    KeyRing() = default;
    explicit KeyRing(const KeyMaterial &material);

    void add(quint32 keyId, QByteArrayView secret);
    void remove(quint32 keyId);
    void setSigningKey(quint32 keyId) { m_signingKeyId = keyId; }
    quint32 signingKeyId() const { return m_signingKeyId; }
    const HmacSha256 *find(quint32 keyId) const;
    const HmacSha256 *signer() const { return find(m_signingKeyId); }
    std::vector<quint32> ids() const
    {
        std::vector<quint32> out;
        for (const auto &[id, mac] : m_macs)
            out.push_back(id);
        return out;
    }

private:
    std::map<quint32, std::unique_ptr<HmacSha256>> m_macs;
    quint32 m_signingKeyId = 1;
};

} // namespace edgecore
