#pragma once
// One session manager's side of leader election: a lease on a DSM key, acquired with a TTL
// and renewed at a third of it. The holder's fencing token is the lease's version. Validity is
// measured from when the request was *sent*, less a drift bound:
//     valid until = sent + TTL - drift   (= now + TTL - round trip - drift at the reply)
// so a leader stops acting as one before the DSM can grant the lease to anyone else.
// Pure: stepped with ticks and replies, time passed in.

#include "core/types.h"

#include <vector>

namespace edgecore {

struct LeaseConfig
{
    Duration ttl = std::chrono::milliseconds(3000);
    Duration driftBound = std::chrono::milliseconds(100);
};

struct LeaseAction
{
    enum class Kind { SendAcquire, BecameLeader, LostLeadership };
    Kind kind;
    quint64 requestId = 0; // SendAcquire
    quint64 token = 0;     // BecameLeader / LostLeadership
};
using LeaseActions = std::vector<LeaseAction>;

class LeaderLease
{
public:
    explicit LeaderLease(LeaseConfig config = {});

    // Call at start and whenever nextWakeup() is reached.
    LeaseActions tick(Instant now);
    // The DSM's answer to request `requestId`: granted with `token`, or held by `holder`.
    LeaseActions onReply(quint64 requestId, bool granted, quint64 token, NodeId holder,
                         Instant now);

    bool isLeader(Instant now) const { return m_leader && now < m_validUntil; }
    quint64 token() const { return m_token; }
    NodeId leaderHint() const { return m_hint; }
    Instant validUntil() const { return m_validUntil; }
    Instant nextWakeup() const;
    const LeaseConfig &config() const { return m_config; }

private:
    LeaseActions lose();

    LeaseConfig m_config;
    bool m_leader = false;
    quint64 m_token = 0;
    NodeId m_hint = kNoNode;
    Instant m_validUntil{};
    Instant m_nextAttempt{};
    quint64 m_nextRequest = 1;
    quint64 m_pending = 0; // request id awaiting its reply, 0 if none
    Instant m_pendingSent{};
};

} // namespace edgecore
