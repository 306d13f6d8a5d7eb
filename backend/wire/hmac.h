#pragma once
// HMAC-SHA256 through OpenSSL's EVP_MAC, keyed once: each tag reuses the keyed context
// instead of re-deriving the key pads. Not thread-safe; each host thread owns its own.

#include <QByteArray>
#include <QByteArrayView>

#include <array>

struct evp_mac_ctx_st;

namespace edgecore {

using Tag = std::array<unsigned char, 32>;

class HmacSha256
{
public:
    explicit HmacSha256(QByteArrayView key);
    ~HmacSha256();
    HmacSha256(const HmacSha256 &) = delete;
    HmacSha256 &operator=(const HmacSha256 &) = delete;

    Tag mac(QByteArrayView data) const;
    QByteArray macBytes(QByteArrayView data) const;

    // Constant-time comparison of a received tag with the expected one.
    static bool equal(QByteArrayView received, const Tag &expected);

private:
    evp_mac_ctx_st *m_ctx = nullptr;
};

} // namespace edgecore
