#include "faultinjector.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString LinkFault::describe() const
{
    QStringList parts;
    if (latencyMs > 0 || jitterMs > 0)
        parts << u"+"_s + QString::number(latencyMs) + u" ms"_s +
                     (jitterMs > 0 ? u" ±"_s + QString::number(jitterMs) + u" ms"_s : QString());
    if (dropPct > 0)
        parts << u"drop "_s + QString::number(dropPct) + u'%';
    if (duplicatePct > 0)
        parts << u"duplicate "_s + QString::number(duplicatePct) + u'%';
    if (reorderPct > 0)
        parts << u"reorder "_s + QString::number(reorderPct) + u'%';
    return parts.isEmpty() ? u"healthy"_s : parts.join(u", "_s);
}

QString NodeFault::describe() const
{
    QStringList parts;
    if (paused)
        parts << u"paused"_s;
    if (slowMs > 0)
        parts << u"slow +"_s + QString::number(slowMs) + u" ms/message"_s;
    if (abortPct > 0)
        parts << u"votes NO "_s + QString::number(abortPct) + u'%';
    if (prepareDelayMs > 0)
        parts << u"prepare delay "_s + QString::number(prepareDelayMs) + u" ms"_s;
    return parts.isEmpty() ? u"healthy"_s : parts.join(u", "_s);
}

void FaultInjector::refresh()
{
    bool any = !m_group.empty();
    for (const auto &[link, f] : m_links)
        any = any || f.any();
    for (const auto &[id, f] : m_nodes)
        any = any || f.any();
    m_active.store(any, std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
}

FaultInjector::State FaultInjector::state() const
{
    const std::lock_guard lock(m_mutex);
    return State{m_links, m_group, m_nodes};
}

void FaultInjector::restore(const State &state)
{
    const std::lock_guard lock(m_mutex);
    m_links = state.links;
    m_group = state.group;
    m_nodes = state.nodes;
    refresh();
}

void FaultInjector::setLink(NodeId from, NodeId to, const LinkFault &fault)
{
    const std::lock_guard lock(m_mutex);
    if (fault.any())
        m_links[{from, to}] = fault;
    else
        m_links.erase({from, to});
    refresh();
}

void FaultInjector::clearLinks()
{
    const std::lock_guard lock(m_mutex);
    m_links.clear();
    refresh();
}

void FaultInjector::setPartition(const std::vector<std::vector<NodeId>> &groups)
{
    const std::lock_guard lock(m_mutex);
    m_group.clear();
    for (size_t g = 0; g < groups.size(); ++g)
        for (NodeId id : groups[g])
            m_group[id] = static_cast<int>(g);
    refresh();
}

void FaultInjector::heal()
{
    const std::lock_guard lock(m_mutex);
    m_group.clear();
    refresh();
}

bool FaultInjector::reachable(NodeId a, NodeId b) const
{
    if (!active())
        return true;
    const std::lock_guard lock(m_mutex);
    const auto ga = m_group.find(a);
    const auto gb = m_group.find(b);
    return ga == m_group.end() || gb == m_group.end() || ga->second == gb->second;
}

bool FaultInjector::partitioned() const
{
    const std::lock_guard lock(m_mutex);
    return !m_group.empty();
}

void FaultInjector::setNode(NodeId id, const NodeFault &fault)
{
    const std::lock_guard lock(m_mutex);
    if (fault.any())
        m_nodes[id] = fault;
    else
        m_nodes.erase(id);
    refresh();
}

NodeFault FaultInjector::node(NodeId id) const
{
    if (!active())
        return {};
    const std::lock_guard lock(m_mutex);
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? NodeFault{} : it->second;
}

void FaultInjector::clear()
{
    const std::lock_guard lock(m_mutex);
    m_links.clear();
    m_group.clear();
    m_nodes.clear();
    refresh();
}

LinkFault FaultInjector::linkFor(NodeId from, NodeId to) const
{
    // The most specific rule wins: (from, to), then (from, any), then (any, to), then (any, any).
    for (const auto &key : {std::pair{from, to}, std::pair{from, kNoNode}, std::pair{kNoNode, to},
                            std::pair{kNoNode, kNoNode}}) {
        const auto it = m_links.find(key);
        if (it != m_links.end())
            return it->second;
    }
    return {};
}

LinkVerdict FaultInjector::onSend(NodeId from, NodeId to, Rng &rng) const
{
    LinkVerdict v;
    if (!active())
        return v;
    LinkFault f;
    {
        const std::lock_guard lock(m_mutex);
        const auto ga = m_group.find(from);
        const auto gb = m_group.find(to);
        if (ga != m_group.end() && gb != m_group.end() && ga->second != gb->second) {
            v.drop = LinkVerdict::Drop::Partition;
            return v;
        }
        f = linkFor(from, to);
    }
    if (!f.any())
        return v;
    if (f.dropPct > 0 && rng.uniform() * 100 < f.dropPct) {
        v.drop = LinkVerdict::Drop::Loss;
        return v;
    }
    if (f.duplicatePct > 0 && rng.uniform() * 100 < f.duplicatePct)
        v.copies = 2;
    qint64 us = f.latencyMs * 1000;
    if (f.jitterMs > 0)
        us += static_cast<qint64>(rng.below(static_cast<quint64>(f.jitterMs) * 1000 + 1));
    if (f.reorderPct > 0 && rng.uniform() * 100 < f.reorderPct)
        us += 2000 + static_cast<qint64>(rng.below(8001)); // 2-10 ms: later frames overtake it
    v.delay = Duration(us);
    return v;
}

} // namespace edgecore
