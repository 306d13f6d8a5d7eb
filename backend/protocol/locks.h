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
    // timeout. Each victim is returned once.
    std::vector<TxId> victims(Instant now);

    size_t edgeCount() const;
    const std::map<TxId, std::map<TxId, Instant>> &edges() const { return m_edges; }

private:
    DeadlockConfig m_config;
    std::map<TxId, std::map<TxId, Instant>> m_edges; // waiter -> holder -> since
    std::map<TxId, Instant> m_started;
    std::set<TxId> m_victims; // already chosen
};

} // namespace edgecore
