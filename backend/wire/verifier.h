#pragma once
// Checks a received frame body in the order docs/architecture.md fixes: CBOR shape, key id, tag
// (constant time), receiver, replay window (per sender, 64 wide) and timestamp window. Only a
// frame that passes all of them reaches a service.

#include "codec.h"
#include "keyring.h"

#include <unordered_map>

namespace edgecore {

// IPsec-style sliding window over sequence numbers.
class ReplayWindow
{
public:
    static constexpr quint64 kWidth = 64;
    bool wouldAccept(quint64 seq) const;
    void mark(quint64 seq);

private:
    quint64 m_highest = 0;
    quint64 m_bits = 0; // bit i set: m_highest - i seen
};

class Verifier
{
public:
    Verifier(NodeId self, const KeyRing *keys, qint64 timestampWindowMs = 30000)
        : m_self(self)
        , m_keys(keys)
        , m_timestampWindowMs(timestampWindowMs)
    {}

    // On success fills out and returns None. On failure out may be partly filled (the sender
    // is known once the shape check passed) and nothing is remembered.
    WireError verify(const QByteArray &body, Envelope &out, qint64 nowWallMs);

private:
    NodeId m_self;
    const KeyRing *m_keys;
    qint64 m_timestampWindowMs;
    std::unordered_map<NodeId, ReplayWindow> m_windows;
};

} // namespace edgecore
