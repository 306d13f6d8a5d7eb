#include "hmac.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

namespace edgecore {

namespace {
EVP_MAC *hmacAlgorithm()
{
    // Fetched once per process; EVP_MAC objects are reference counted and thread-safe.
    static EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}
} // namespace

HmacSha256::HmacSha256(QByteArrayView key)
{
    EVP_MAC *alg = hmacAlgorithm();
    if (!alg)
        throw std::runtime_error("OpenSSL has no HMAC");
    m_ctx = EVP_MAC_CTX_new(alg);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    const auto *k = reinterpret_cast<const unsigned char *>(key.data());
    if (!m_ctx || EVP_MAC_init(m_ctx, k, static_cast<size_t>(key.size()), params) != 1)
        throw std::runtime_error("EVP_MAC_init failed");
}

HmacSha256::~HmacSha256()
{
    EVP_MAC_CTX_free(m_ctx);
}

Tag HmacSha256::mac(QByteArrayView data) const
{
    Tag out{};
    size_t len = 0;
    // A NULL key re-initialises with the key already set: the pads are not recomputed.
    EVP_MAC_init(m_ctx, nullptr, 0, nullptr);
    EVP_MAC_update(m_ctx, reinterpret_cast<const unsigned char *>(data.data()),
                   static_cast<size_t>(data.size()));
    EVP_MAC_final(m_ctx, out.data(), &len, out.size());
    Q_ASSERT(len == out.size());
    return out;
}

QByteArray HmacSha256::macBytes(QByteArrayView data) const
{
    const Tag t = mac(data);
    return QByteArray(reinterpret_cast<const char *>(t.data()), static_cast<qsizetype>(t.size()));
}

bool HmacSha256::equal(QByteArrayView received, const Tag &expected)
{
    if (received.size() != static_cast<qsizetype>(expected.size()))
        return false;
    return CRYPTO_memcmp(received.data(), expected.data(), expected.size()) == 0;
}

} // namespace edgecore
