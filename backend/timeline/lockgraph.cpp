#include "lockgraph.h"

#include "trace/facts.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <functional>

namespace edgecore {

bool LockGraph::Snapshot::inCycle(TxId tx) const
{
    return std::any_of(cycles.begin(), cycles.end(), [tx](const std::vector<TxId> &c) {
        return std::find(c.begin(), c.end(), tx) != c.end();
    });
}

qsizetype LockGraph::advance(const TraceStore &trace)
{
    const qsizetype from = m_consumed;
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) { apply(m_consumed++, e); });
    return m_consumed - from;
}

int LockGraph::resourceIndex(const QString &resource)
{
    const auto [it, fresh] = m_resourceIndex.emplace(resource, int(m_resources.size()));
    if (fresh)
        m_resources.push_back(resource);
    return it->second;
}

void LockGraph::apply(qsizetype index, const TraceEvent &e)
{
    Item item;
    item.event = index;
    item.node = e.node;
    item.tx = e.txId;
    item.session = e.sessionId;
    if (e.kind == TraceKind::State) {
        if (hostEvent(e) != HostEvent::Crashed)
            return;
        item.op = Op::Crashed;
    } else if (e.kind == TraceKind::Lock) {
        switch (static_cast<LockEvent>(e.reason)) {
        case LockEvent::Acquired:
            item.op = Op::Acquired;
            item.resource = resourceIndex(e.detail);
            break;
        case LockEvent::Waits:
            item.op = Op::Waits;
            item.other = e.seq;
            item.resource = resourceIndex(e.detail);
            break;
        case LockEvent::Released:
            item.op = Op::Released;
            break;
        case LockEvent::Victim:
            item.op = Op::Victim;
            break;
        case LockEvent::Deadlock: {
            Deadlock d;
            d.event = index;
            d.labUs = e.labUs;
            d.victim = e.txId;
            d.detectionUs = static_cast<qint64>(e.seq);
            for (const std::vector<TxId> &c : snapshotOf(m_now, index).cycles)
                if (std::find(c.begin(), c.end(), e.txId) != c.end())
                    d.cycle = c;
            m_deadlocks.push_back(std::move(d));
            return; // the cycle is the waits' already; the victim follows
        }
        default:
            return; // a later kind this fold does not know
        }
    } else {
        return;
    }
    if (m_now.holds.empty() && m_now.waits.empty() && item.op == Op::Crashed)
        return; // nothing to let go: not worth an item
    applyTo(m_now, item);
    m_items.push_back(item);
    if (static_cast<qsizetype>(m_items.size()) % m_every == 0)
        m_checkpoints.push_back(m_now);
}

void LockGraph::applyTo(State &s, const Item &item) const
{
    ++s.items;
    const auto forgetIfGone = [&s](TxId tx) {
        for (const auto &[key, hold] : s.holds)
            if (hold.tx == tx)
                return;
        for (const auto &[key, wait] : s.waits)
            if (wait.tx == tx)
                return;
        s.victims.erase(tx);
    };
    switch (item.op) {
    case Op::Acquired:
        s.waits.erase({item.node, item.tx});
        s.holds[{item.node, item.resource}] = item;
        break;
    case Op::Waits:
        s.waits[{item.node, item.tx}] = item;
        break;
    case Op::Released:
        s.waits.erase({item.node, item.tx});
        for (auto it = s.holds.begin(); it != s.holds.end();)
            it = it->first.first == item.node && it->second.tx == item.tx ? s.holds.erase(it)
                                                                          : std::next(it);
        forgetIfGone(item.tx);
        break;
    case Op::Victim:
        s.victims.insert(item.tx);
        break;
    case Op::Crashed: {
        // Both maps are keyed by the node first: its entries are one range of each.
        std::set<TxId> touched;
        const auto dropNode = [&](auto &map) {
            const auto from = map.lower_bound({item.node, {}});
            auto to = from;
            for (; to != map.end() && to->first.first == item.node; ++to)
                touched.insert(to->second.tx);
            map.erase(from, to);
        };
        dropNode(s.holds);
        dropNode(s.waits);
        for (const TxId tx : touched)
            forgetIfGone(tx);
        break;
    }
    }
}

LockGraph::Snapshot LockGraph::snapshotOf(const State &s, qsizetype asOf) const
{
    Snapshot out;
    out.asOf = asOf;
    out.holds.reserve(s.holds.size());
    for (const auto &[key, item] : s.holds)
        out.holds.push_back(
            Hold{item.node, item.tx, item.session, m_resources.value(item.resource), item.event});
    out.waits.reserve(s.waits.size());
    for (const auto &[key, item] : s.waits)
        out.waits.push_back(Wait{item.node, item.tx, item.other, item.session,
                                 m_resources.value(item.resource), item.event});
    out.cycles = cyclesOf(out.waits);
    out.victims = s.victims;
    return out;
}

LockGraph::Snapshot LockGraph::at(qsizetype event) const
{
    if (event >= m_consumed - 1)
        return snapshotOf(m_now, m_consumed - 1);
    // The items up to the event, from the last checkpoint before them.
    const auto end = std::upper_bound(m_items.begin(), m_items.end(), event,
                                      [](qsizetype e, const Item &i) { return e < i.event; });
    const auto items = static_cast<qsizetype>(end - m_items.begin());
    State s;
    const qsizetype checkpoint = items / m_every; // checkpoints [0, checkpoint) are at or before
    if (checkpoint > 0)
        s = m_checkpoints[static_cast<size_t>(checkpoint - 1)];
    for (qsizetype i = s.items; i < items; ++i)
        applyTo(s, m_items[static_cast<size_t>(i)]);
    return snapshotOf(s, event);
}

std::vector<std::vector<TxId>> LockGraph::cyclesOf(const std::vector<Wait> &waits)
{
    // Tarjan's strongly connected components over waiter -> holder.
    std::map<TxId, std::vector<TxId>> edges;
    for (const Wait &w : waits) {
        edges[w.waiter].push_back(w.holder);
        edges.try_emplace(w.holder);
    }
    for (auto &[tx, to] : edges) {
        std::sort(to.begin(), to.end());
        to.erase(std::unique(to.begin(), to.end()), to.end());
    }
    std::map<TxId, int> index, low;
    std::set<TxId> onStack;
    std::vector<TxId> stack;
    std::vector<std::vector<TxId>> out;
    int next = 0;
    const std::function<void(TxId)> visit = [&](TxId v) {
        index[v] = low[v] = next++;
        stack.push_back(v);
        onStack.insert(v);
        for (const TxId w : edges[v]) {
            if (!index.count(w)) {
                visit(w);
                low[v] = std::min(low[v], low[w]);
            } else if (onStack.count(w)) {
                low[v] = std::min(low[v], index[w]);
            }
        }
        if (low[v] != index[v])
            return;
        std::set<TxId> group;
        TxId w = 0;
        do {
            w = stack.back();
            stack.pop_back();
            onStack.erase(w);
            group.insert(w);
        } while (w != v);
        const auto &self = edges[v];
        if (group.size() < 2 && std::find(self.begin(), self.end(), v) == self.end())
            return;
        // Ordered from its lowest id along the waits (the first wait that stays in the group).
        std::vector<TxId> cycle{*group.begin()};
        std::set<TxId> seen{cycle.front()};
        for (;;) {
            TxId step = 0;
            bool found = false;
            for (const TxId to : edges[cycle.back()])
                if (group.count(to) && !seen.count(to)) {
                    step = to;
                    found = true;
                    break;
                }
            if (!found)
                break;
            cycle.push_back(step);
            seen.insert(step);
        }
        for (const TxId tx : group) // a group that is more than one ring: the rest after it
            if (!seen.count(tx))
                cycle.push_back(tx);
        out.push_back(std::move(cycle));
    };
    for (const auto &[tx, to] : edges)
        if (!index.count(tx))
            visit(tx);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace edgecore
