#pragma once
// The fault injector: what the network and the services are doing wrong right now. Both
// hosts ask it at the same two points, so a seeded simulation and a real run obey the same
// plan: the send path asks about the link (drop, duplicate, delay, reorder, partition), the
// dispatch path about the receiving service (paused, slow, prepare delay). Thread-safe: the
// lab changes it while worker threads read it.

#include "core/rng.h"
#include "core/types.h"

#include <QString>

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

namespace edgecore {

// One direction of one link (or every link from/to a node: kNoNode is a wildcard).
struct LinkFault
{
    qint64 latencyMs = 0;    // added to every frame
    qint64 jitterMs = 0;     // plus a uniform 0..jitter
    double dropPct = 0;      // 0-100
    double duplicatePct = 0; // 0-100: the copy arrives too (and is refused as a replay)
    double reorderPct = 0;   // 0-100: held back so that later frames overtake it

    bool any() const
    {
        return latencyMs > 0 || jitterMs > 0 || dropPct > 0 || duplicatePct > 0 || reorderPct > 0;
    }
    QString describe() const;
};

// What a service is doing wrong.
struct NodeFault
{
    bool paused = false;       // processes nothing (frames and timers wait), keeps connections
    qint64 slowMs = 0;         // extra processing time per message
    double abortPct = 0;       // participants: vote NO on this share of PREPAREs
    qint64 prepareDelayMs = 0; // participants: take this long to prepare

    bool any() const { return paused || slowMs > 0 || abortPct > 0 || prepareDelayMs > 0; }
    QString describe() const;
};

// The injector's answer for one frame on one link.
struct LinkVerdict
{
    enum class Drop { No, Partition, Loss } drop = Drop::No;
    int copies = 1;
    Duration delay{}; // extra, on top of the transport's own
};

class FaultInjector
{
public:
    // Links: from/to kNoNode means any. A rule for (a, b) replaces the earlier one.
    void setLink(NodeId from, NodeId to, const LinkFault &fault);
    void clearLinks();
    // Nodes in different groups cannot reach each other; nodes in no group reach everyone.
    void setPartition(const std::vector<std::vector<NodeId>> &groups);
    void heal();
    bool reachable(NodeId a, NodeId b) const;
    bool partitioned() const;

    void setNode(NodeId id, const NodeFault &fault);
    NodeFault node(NodeId id) const;

    // Everything off.
    void clear();
    // Fast path: false while no fault of any kind is set.
    bool active() const { return m_active.load(std::memory_order_acquire); }

    LinkVerdict onSend(NodeId from, NodeId to, Rng &rng) const;

    // Everything it holds, to be put back as it was (the simulator's record of a run, which
    // Branch from here plays again); and a count of its changes, to notice one.
    struct State
    {
        std::map<std::pair<NodeId, NodeId>, LinkFault> links;
        std::map<NodeId, int> group;
        std::map<NodeId, NodeFault> nodes;
    };
    State state() const;
    void restore(const State &state);
    quint64 generation() const { return m_generation.load(std::memory_order_acquire); }

private:
    void refresh(); // m_active from the state; m_mutex held
    LinkFault linkFor(NodeId from, NodeId to) const;

    mutable std::mutex m_mutex;
    std::atomic<bool> m_active{false};
    std::atomic<quint64> m_generation{0};
    std::map<std::pair<NodeId, NodeId>, LinkFault> m_links;
    std::map<NodeId, int> m_group;
    std::map<NodeId, NodeFault> m_nodes;
};

} // namespace edgecore
