#pragma once
// The malicious node. In each of its modes it sends what an attacker on the loopback could:
// forged frames, frames under an unknown key, captured frames replayed or tampered with, its
// own authentic PREPARE under a stale fencing token, an oversized length prefix, garbage. Each
// must be refused with its own reason before any state changes.

#include "cast.h"
#include "host/service.h"
#include "wire/hmac.h"

#include <array>
#include <memory>
#include <vector>

namespace edgecore {

class Mallory final : public Service
{
public:
    explicit Mallory(MalloryConfig config = {})
        : m_config(std::move(config))
    {}

    void start(Context &ctx) override;
    void onMessage(const Envelope &, Context &) override {}
    void onTimer(TimerId id, Context &ctx) override;

    // New modes and rate, at once (on the service's thread).
    void reconfigure(const MalloryConfig &config, Context &ctx);
    quint64 framesSent() const { return m_sent; }
    quint64 framesSent(MalloryMode m) const { return m_sentByMode[static_cast<size_t>(m)]; }

private:
    void schedule(Context &ctx);
    bool sendOne(MalloryMode mode, Context &ctx); // false: nothing to send in that mode yet
    Envelope forgery(NodeId target, Context &ctx);

    MalloryConfig m_config;
    std::unique_ptr<HmacSha256> m_forgedKey;
    std::vector<NodeId> m_targets;
    std::vector<NodeId> m_participants;
    NodeId m_impersonated = kNoNode;
    quint64 m_seq = 1;
    quint64 m_sent = 0;
    std::array<quint64, kMalloryModeCount> m_sentByMode{};
    TimerId m_timer = 0;
};

} // namespace edgecore
