#include "locks.h"

#include <algorithm>
#include <deque>
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
    for (const Resolution &r : resolve(now))
        out.push_back(r.victim);
    return out;
}

std::vector<TxId> WaitForGraph::cycleThrough(TxId tx) const
{
    // Breadth-first from tx's waits back to tx: the shortest cycle through it.
    std::map<TxId, TxId> parent;
    std::deque<TxId> queue{tx};
    while (!queue.empty()) {
        const TxId v = queue.front();
        queue.pop_front();
        const auto it = m_edges.find(v);
        if (it == m_edges.end())
            continue;
        for (const auto &[w, since] : it->second) {
            (void)since;
            if (w == tx) {
                std::vector<TxId> cycle{v};
                while (cycle.back() != tx)
                    cycle.push_back(parent.at(cycle.back()));
                std::reverse(cycle.begin(), cycle.end());
                return cycle;
            }
            if (parent.emplace(w, v).second)
                queue.push_back(w);
        }
    }
    return {};
}

bool WaitForGraph::onlyWaitsForVictims(TxId waiter) const
{
    const auto it = m_edges.find(waiter);
    if (it == m_edges.end())
        return false;
    for (const auto &[h, since] : it->second) {
        (void)since;
        if (!m_victims.count(h))
            return false;
    }
    return true;
}

std::optional<Instant> WaitForGraph::nextDeadline() const
{
    if (m_config.resolution != DeadlockResolution::Timeout)
        return std::nullopt;
    std::optional<Instant> next;
    for (const auto &[waiter, holders] : m_edges) {
        if (m_victims.count(waiter) || onlyWaitsForVictims(waiter))
            continue;
        for (const auto &[h, since] : holders) {
            (void)h;
            // A wait expires once it has lasted longer than the timeout.
            const Instant due = since + m_config.timeout + Duration(1);
            if (!next || due < *next)
                next = due;
        }
    }
    return next;
}

std::vector<WaitForGraph::Resolution> WaitForGraph::resolve(Instant now)
{
    // When a cycle formed: when the last of its waits began.
    auto formed = [this](const std::vector<TxId> &cycle) {
        Instant at{};
        for (size_t i = 0; i < cycle.size(); ++i) {
            const TxId next = cycle[(i + 1) % cycle.size()];
            at = std::max(at, m_edges.at(cycle[i]).at(next));
        }
        return at;
    };
    std::vector<Resolution> out;
    if (m_config.resolution == DeadlockResolution::Timeout) {
        // Expired waits, the longest first. One whose every holder is already a victim is
        // spared: those locks are about to go (in a cycle, one victim is enough).
        std::vector<std::pair<Instant, TxId>> expired;
        for (const auto &[waiter, holders] : m_edges) {
            if (m_victims.count(waiter))
                continue;
            Instant oldest = Instant::max();
            for (const auto &[h, since] : holders) {
                (void)h;
                oldest = std::min(oldest, since);
            }
            if (now - oldest > m_config.timeout)
                expired.emplace_back(oldest, waiter);
        }
        std::sort(expired.begin(), expired.end());
        for (const auto &[since, waiter] : expired) {
            if (onlyWaitsForVictims(waiter))
                continue;
            Resolution r{waiter, cycleThrough(waiter), since};
            if (!r.cycle.empty())
                r.formedAt = formed(r.cycle);
            out.push_back(std::move(r));
            m_victims.insert(waiter);
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
        out.push_back({youngest, cycle, formed(cycle)});
        m_victims.insert(youngest);
        rest.forget(youngest);
    }
    return out;
}

LockManager::Outcome LockManager::onWait(NodeId reporter, TxId waiter, TxId holder,
                                         Instant waiterStarted, Instant holderStarted,
                                         Instant since, Instant now)
{
    for (const auto &[tx, at] : {std::pair{waiter, waiterStarted}, {holder, holderStarted}}) {
        // The earliest anyone saw it is when it began.
        const auto [it, fresh] = m_started.emplace(tx, at);
        if (!fresh && at < it->second)
            it->second = at;
        m_graph.begin(tx, it->second);
    }
    m_reporters[{waiter, holder}].insert(reporter);
    m_graph.addEdge(waiter, holder, since);
    return resolve(now);
}

void LockManager::onDone(NodeId reporter, TxId waiter, TxId holder)
{
    if (waiter == 0) { // the reporter starts afresh (it restarted): all it said is void
        for (auto it = m_reporters.begin(); it != m_reporters.end();) {
            it->second.erase(reporter);
            if (it->second.empty()) {
                const auto [a, b] = it->first;
                m_graph.removeEdge(a, b);
                it = m_reporters.erase(it);
                // Its waits died with it, and so did its reports of them being done: whoever
                // is left in no wait is forgotten (a wait reported again brings it back).
                for (const TxId tx : {a, b})
                    if (!inAWait(tx))
                        forget(tx);
            } else {
                ++it;
            }
        }
        return;
    }
    for (auto it = m_reporters.lower_bound({waiter, 0});
         it != m_reporters.end() && it->first.first == waiter;) {
        if (holder == 0 || it->first.second == holder) {
            it->second.erase(reporter);
            if (it->second.empty()) { // nobody reports this wait any more
                const TxId held = it->first.second;
                m_graph.removeEdge(waiter, held);
                it = m_reporters.erase(it);
                forgetIfDone(held);
                continue;
            }
        }
        ++it;
    }
    if (holder != 0) {
        forgetIfDone(waiter);
        return;
    }
    // Finished at this participant: once no participant reports it waiting or being waited
    // for, the graph forgets it (and a later victim choice may name it again). Still in a
    // wait, it is forgotten when the last goes.
    m_done.insert(waiter);
    forgetIfDone(waiter);
}

bool LockManager::inAWait(TxId tx) const
{
    for (const auto &[edge, who] : m_reporters)
        if ((edge.first == tx || edge.second == tx) && !who.empty())
            return true;
    return false;
}

void LockManager::forgetIfDone(TxId tx)
{
    if (m_done.count(tx) && !inAWait(tx))
        forget(tx);
}

void LockManager::forget(TxId tx)
{
    m_graph.forget(tx);
    m_started.erase(tx);
    m_done.erase(tx);
}

LockManager::Outcome LockManager::tick(Instant now)
{
    return resolve(now);
}

LockManager::Outcome LockManager::resolve(Instant now)
{
    Outcome out;
    out.resolved = m_graph.resolve(now);
    for (const WaitForGraph::Resolution &r : out.resolved) {
        ++m_victims;
        if (!r.cycle.empty()) {
            ++m_deadlocks;
            m_detectionTotal += now - r.formedAt;
        }
        const QString why = m_config.resolution == DeadlockResolution::Detect
                                ? QStringLiteral("deadlock victim (youngest in the cycle)")
                                : QStringLiteral("lock wait timed out");
        std::set<NodeId> told;
        for (const auto &[edge, who] : m_reporters)
            if (edge.first == r.victim)
                for (NodeId n : who)
                    if (told.insert(n).second)
                        out.notices.push_back({r.victim, n, why});
    }
    return out;
}

} // namespace edgecore
