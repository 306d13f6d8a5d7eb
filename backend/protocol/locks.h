#pragma once
// Locks and deadlocks, pure like the rest of protocol/. A participant keeps a LockTable of
// exclusive locks on its resources; whenever a transaction has to wait, the table names the
// holder, and the participant reports that wait-for edge to the lock manager. The lock
// manager's WaitForGraph finds cycles and picks victims: by detection (the youngest
// transaction in a cycle) or by timeout (whoever waited too long: the seed's way).

#include "core/types.h"

#include <QString>

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace edgecore {

class LockTable
{
public:
    struct Grant
    {
        TxId tx = 0;
        QString resource;
    };

    // Granted (nullopt) or the transaction it now waits for. Re-acquiring a held lock is a
    // no-op; a transaction waits for at most one lock at a time here.
    std::optional<TxId> acquire(TxId tx, const QString &resource);
    // Releases every lock of tx (and drops it from every queue); returns what that granted.
    std::vector<Grant> release(TxId tx);

    std::optional<TxId> holder(const QString &resource) const;
    std::vector<QString> heldBy(TxId tx) const;
    std::optional<QString> waitingFor(TxId tx) const;
    bool empty() const { return m_locks.empty(); } // nothing held, nobody waiting

private:
    struct Lock
    {
        TxId holder = 0;
        std::deque<TxId> waiters;
    };
    std::map<QString, Lock> m_locks;
    std::map<TxId, QString> m_waiting;
};

enum class DeadlockResolution { Detect, Timeout };

struct DeadlockConfig
{
    DeadlockResolution resolution = DeadlockResolution::Detect;
    Duration timeout = std::chrono::seconds(2); // Timeout: a wait longer than this aborts
};

class WaitForGraph
{
public:
    // A victim, and the cycle it broke (timeout mode: the cycle it was in, if any), formed
    // when the last of the cycle's waits began (or, without a cycle, when its wait began).
    struct Resolution
    {
        TxId victim = 0;
        std::vector<TxId> cycle;
        Instant formedAt{};
    };

    explicit WaitForGraph(DeadlockConfig config = {})
        : m_config(config)
    {}

    // A transaction and when it began (the youngest began last).
    void begin(TxId tx, Instant startedAt) { m_started[tx] = startedAt; }
    // waiter waits for holder since now; replaces waiter's earlier edge to holder.
    void addEdge(TxId waiter, TxId holder, Instant now);
    void removeEdge(TxId waiter, TxId holder);
    // tx finished (decided): every edge from or to it goes.
    void forget(TxId tx);

    // A cycle, as the transactions along it (each waits for the next, the last for the
    // first); empty when there is none.
    std::vector<TxId> findCycle() const;
    // Who to abort now: Detect: the youngest in each cycle found (one per cycle, cycles
    // broken one victim at a time); Timeout: every waiter whose oldest wait exceeds the
    // timeout, the longest first, except one that only waits for victims. Each victim is
    // returned once.
    std::vector<TxId> victims(Instant now);
    // The same, with each victim's cycle.
    std::vector<Resolution> resolve(Instant now);
    // A cycle through tx (tx first), or empty.
    std::vector<TxId> cycleThrough(TxId tx) const;
    // Timeout mode: when the oldest wait not yet given up expires (nullopt: none, or Detect).
    // A transaction that only waits for victims is not due: their locks are about to go.
    std::optional<Instant> nextDeadline() const;
    bool onlyWaitsForVictims(TxId waiter) const;

    size_t edgeCount() const;
    const std::map<TxId, std::map<TxId, Instant>> &edges() const { return m_edges; }

private:
    DeadlockConfig m_config;
    std::map<TxId, std::map<TxId, Instant>> m_edges; // waiter -> holder -> since
    std::map<TxId, Instant> m_started;
    std::set<TxId> m_victims; // already chosen
};

// The lock manager: the participants report each wait-for edge as it appears and goes; it
// keeps the graph, picks victims (DeadlockConfig) and says whom to tell. Pure, like the rest:
// the dsm service hosts it, sends what it returns and calls tick() at nextDeadline().
class LockManager
{
public:
    explicit LockManager(DeadlockConfig config = {})
        : m_config(config)
        , m_graph(config)
    {}

    struct Notice // tell `to` to give `victim` up
    {
        TxId victim = 0;
        NodeId to = kNoNode;
        QString why;
    };
    struct Outcome
    {
        std::vector<WaitForGraph::Resolution> resolved;
        std::vector<Notice> notices;
    };

    // `reporter` says waiter waits there for holder since `since`; the transactions reached
    // it at the given times (the youngest is the one that began last).
    Outcome onWait(NodeId reporter, TxId waiter, TxId holder, Instant waiterStarted,
                   Instant holderStarted, Instant since, Instant now);
    // waiter no longer waits for holder at reporter (granted, or gave up); holder 0: waiter is
    // finished there altogether; waiter 0: the reporter restarted, everything it said is void.
    void onDone(NodeId reporter, TxId waiter, TxId holder);
    // Timeout mode: call at nextDeadline().
    Outcome tick(Instant now);
    std::optional<Instant> nextDeadline() const { return m_graph.nextDeadline(); }

    const DeadlockConfig &config() const { return m_config; }
    const WaitForGraph &graph() const { return m_graph; }
    // Transactions it remembers (in a wait, or waited for): none once every wait is over.
    size_t known() const { return m_started.size(); }
    quint64 deadlocksFound() const { return m_deadlocks; }
    quint64 victims() const { return m_victims; }
    // Lab time from a cycle forming to its victim being named, summed over deadlocks found.
    Duration detectionTotal() const { return m_detectionTotal; }

private:
    Outcome resolve(Instant now);

    DeadlockConfig m_config;
    WaitForGraph m_graph;
    std::map<std::pair<TxId, TxId>, std::set<NodeId>> m_reporters; // (waiter, holder)
    std::map<TxId, Instant> m_started;
    // Finished at a participant while still in a wait (a holder's release is reported before
    // the waiter it unblocks stops waiting): forgotten when its last wait goes.
    std::set<TxId> m_done;
    void forgetIfDone(TxId tx);
    void forget(TxId tx);
    bool inAWait(TxId tx) const;
    quint64 m_deadlocks = 0;
    quint64 m_victims = 0;
    Duration m_detectionTotal{0};
};

} // namespace edgecore
