#include "locks.h"

#include <algorithm>
#include <functional>

namespace edgecore {

std::optional<TxId> LockTable::acquire(TxId tx, const QString &resource)
{
    Lock &lock = m_locks[resource];
    if (lock.holder == 0 || lock.holder == tx) {
        lock.holder = tx;
        m_waiting.erase(tx);
        return std::nullopt;
    }
    if (std::find(lock.waiters.begin(), lock.waiters.end(), tx) == lock.waiters.end())
        lock.waiters.push_back(tx);
    m_waiting[tx] = resource;
    return lock.holder;
}

std::vector<LockTable::Grant> LockTable::release(TxId tx)
{
    std::vector<Grant> granted;
    m_waiting.erase(tx);
    for (auto it = m_locks.begin(); it != m_locks.end();) {
        Lock &lock = it->second;
        lock.waiters.erase(std::remove(lock.waiters.begin(), lock.waiters.end(), tx),
                           lock.waiters.end());
        if (lock.holder == tx) {
            lock.holder = 0;
            if (!lock.waiters.empty()) { // first come, first served
                lock.holder = lock.waiters.front();
                lock.waiters.pop_front();
                m_waiting.erase(lock.holder);
                granted.push_back({lock.holder, it->first});
            }
        }
        if (lock.holder == 0 && lock.waiters.empty())
            it = m_locks.erase(it);
        else
            ++it;
    }
    return granted;
}

std::optional<TxId> LockTable::holder(const QString &resource) const
{
    const auto it = m_locks.find(resource);
    if (it == m_locks.end() || it->second.holder == 0)
        return std::nullopt;
    return it->second.holder;
}

std::vector<QString> LockTable::heldBy(TxId tx) const
{
    std::vector<QString> out;
    for (const auto &[name, lock] : m_locks)
        if (lock.holder == tx)
            out.push_back(name);
    return out;
}

std::optional<QString> LockTable::waitingFor(TxId tx) const
{
    const auto it = m_waiting.find(tx);
    if (it == m_waiting.end())
        return std::nullopt;
    return it->second;
}

void WaitForGraph::addEdge(TxId waiter, TxId holder, Instant now)
{
    if (waiter == holder)
        return;
    m_edges[waiter].emplace(holder, now); // keeps the earliest "since"
}

void WaitForGraph::removeEdge(TxId waiter, TxId holder)
{
    const auto it = m_edges.find(waiter);
    if (it == m_edges.end())
        return;
    it->second.erase(holder);
    if (it->second.empty())
        m_edges.erase(it);
}

void WaitForGraph::forget(TxId tx)
{
    m_edges.erase(tx);
    for (auto it = m_edges.begin(); it != m_edges.end();) {
        it->second.erase(tx);
        it = it->second.empty() ? m_edges.erase(it) : std::next(it);
    }
    m_started.erase(tx);
    m_victims.erase(tx);
}

size_t WaitForGraph::edgeCount() const
{
    size_t n = 0;
    for (const auto &[w, hs] : m_edges)
        n += hs.size();
    return n;
}

std::vector<TxId> WaitForGraph::findCycle() const
{
    // Depth-first search with colours; the stack holds the current path.
    enum Colour { White, Grey, Black };
    std::map<TxId, Colour> colour;
    std::vector<TxId> path;
    std::vector<TxId> cycle;
    std::function<bool(TxId)> visit = [&](TxId v) {
        colour[v] = Grey;
        path.push_back(v);
        if (const auto it = m_edges.find(v); it != m_edges.end()) {
            for (const auto &[w, since] : it->second) {
                (void)since;
                const Colour c = colour.count(w) ? colour[w] : White;
                if (c == Grey) { // back edge: the cycle is the path from w
                    cycle.assign(std::find(path.begin(), path.end(), w), path.end());
                    return true;
                }
                if (c == White && visit(w))
                    return true;
            }
        }
        path.pop_back();
        colour[v] = Black;
        return false;
    };
    for (const auto &[v, out] : m_edges) {
        (void)out;
        if ((!colour.count(v) || colour[v] == White) && visit(v))
            return cycle;
    }
    return {};
}

std::vector<TxId> WaitForGraph::victims(Instant now)
{
    std::vector<TxId> out;
    if (m_config.resolution == DeadlockResolution::Timeout) {
        for (const auto &[waiter, holders] : m_edges) {
            if (m_victims.count(waiter))
                continue;
            for (const auto &[h, since] : holders) {
                (void)h;
                if (now - since > m_config.timeout) {
                    out.push_back(waiter);
                    m_victims.insert(waiter);
                    break;
                }
            }
        }
        return out;
    }
    // Detection: break cycles one at a time, each by its youngest member. A chosen victim's
    // edges are set aside while looking for further cycles (it is about to release).
    WaitForGraph rest = *this;
    for (TxId v : m_victims)
        rest.forget(v);
    for (;;) {
        const std::vector<TxId> cycle = rest.findCycle();
        if (cycle.empty())
            break;
        const TxId youngest = *std::max_element(cycle.begin(), cycle.end(), [&](TxId a, TxId b) {
            const auto sa = m_started.find(a);
            const auto sb = m_started.find(b);
            const Instant ta = sa == m_started.end() ? Instant{} : sa->second;
            const Instant tb = sb == m_started.end() ? Instant{} : sb->second;
            return ta != tb ? ta < tb : a < b; // ties: the higher id is the younger
        });
        out.push_back(youngest);
        m_victims.insert(youngest);
        rest.forget(youngest);
    }
    return out;
}

} // namespace edgecore
