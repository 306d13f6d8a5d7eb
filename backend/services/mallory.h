#pragma once
// The malicious node: forges frames that claim to come from the session manager and signs
// them with a key nobody trusts. Every one must be refused before any state changes.

#include "cast.h"
#include "host/service.h"
#include "wire/hmac.h"

#include <memory>
#include <vector>

namespace edgecore {

class Mallory final : public Service
{
public:
    explicit Mallory(MalloryConfig config = {})
        : m_config(config)
    {}

    void start(Context &ctx) override;
    void onMessage(const Envelope &, Context &) override {}
    void onTimer(TimerId id, Context &ctx) override;

    quint64 framesSent() const { return m_sent; }

private:
    void schedule(Context &ctx);

    MalloryConfig m_config;
    std::unique_ptr<HmacSha256> m_forgedKey;
    std::vector<NodeId> m_targets;
    NodeId m_impersonated = kNoNode;
    quint64 m_seq = 1;
    quint64 m_sent = 0;
};

} // namespace edgecore
