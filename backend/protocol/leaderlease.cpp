#include "leaderlease.h"

#include "core/check.h"

namespace edgecore {

LeaderLease::LeaderLease(LeaseConfig config)
    : m_config(config)
{
    EC_CHECK(m_config.ttl > m_config.driftBound * 3);
}

Instant LeaderLease::nextWakeup() const
{
    Instant t = m_nextAttempt;
    if (m_pending)
        t = std::min(t, m_pendingSent + m_config.ttl / 3); // give up on a lost request
    if (m_leader)
        t = std::min(t, m_validUntil);
    return t;
}

LeaseActions LeaderLease::lose()
{
    m_leader = false;
    return {{LeaseAction::Kind::LostLeadership, 0, m_token}};
}

LeaseActions LeaderLease::tick(Instant now)
{
    LeaseActions out;
    if (m_leader && now >= m_validUntil) {
        // No renewal came back in time: stop acting as leader before anyone else can start.
        out = lose();
    }
    if (m_pending && now >= m_pendingSent + m_config.ttl / 3)
        m_pending = 0; // lost on the way; ask again
    if (!m_pending && now >= m_nextAttempt) {
        m_pending = m_nextRequest++;
        m_pendingSent = now;
        // Without an answer a leader tries again soon (it must renew before its validity
        // ends); a follower only after half a TTL.
        m_nextAttempt = now + (m_leader ? m_config.ttl / 6 : m_config.ttl / 2);
        out.push_back({LeaseAction::Kind::SendAcquire, m_pending, 0});
    }
    return out;
}

LeaseActions LeaderLease::onReply(quint64 requestId, bool granted, quint64 token, NodeId holder,
                                  Instant now)
{
    if (requestId == 0 || requestId != m_pending)
        return {}; // late or duplicate
    m_pending = 0;
    LeaseActions out;
    if (!granted) {
        m_hint = holder;
        if (m_leader)
            out = lose();
        m_nextAttempt = now + m_config.ttl / 2;
        return out;
    }
    const Instant validUntil = m_pendingSent + m_config.ttl - m_config.driftBound;
    if (validUntil <= now) { // the answer took so long the grant is already unusable
        if (m_leader)
            out = lose();
        m_nextAttempt = now;
        return out;
    }
    const bool newTerm = !m_leader || token != m_token;
    if (m_leader && token != m_token)
        out = lose(); // a different term: the old one ended
    m_leader = true;
    m_token = token;
    m_validUntil = validUntil;
    m_nextAttempt = m_pendingSent + m_config.ttl / 3;
    if (newTerm)
        out.push_back({LeaseAction::Kind::BecameLeader, 0, token});
    return out;
}

} // namespace edgecore
