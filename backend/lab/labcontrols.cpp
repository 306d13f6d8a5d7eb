#include "labcontrols.h"

#include "services/mallory.h"
#include "services/sessionmanager.h"
#include "simcluster.h"

#include <QDateTime>

namespace edgecore {

namespace {

void appendFault(TraceStore &trace, NodeId node, NodeId peer, Instant now, qint64 wallUs,
                 const QString &detail, std::optional<FaultStep::Action> what, quint64 value)
{
    TraceEvent e;
    e.kind = TraceKind::Fault;
    e.node = node;
    e.peer = peer;
    e.reason = what ? faultReason(*what) : 0;
    e.seq = value;
    e.labUs = toUs(now);
    e.wallUs = wallUs;
    e.detail = detail;
    trace.append(e);
}

} // namespace

QStringList castNames(const ClusterConfig &config)
{
    QStringList names;
    for (const CastMember &m : buildCast(config))
        names << m.name;
    return names;
}

Instant SimControls::now() const
{
    return m_sim.host().now();
}

void SimControls::crash(const QString &node)
{
    if (const NodeId id = m_sim.id(node); id != kNoNode) // an unknown name: nothing to crash
        m_sim.host().crash(id);
}

void SimControls::restart(const QString &node)
{
    if (const NodeId id = m_sim.id(node); id != kNoNode)
        m_sim.host().restart(id);
}

void SimControls::crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger)
{
    m_sim.host().crashWhen(m_sim.id(node), std::move(trigger));
}

FaultInjector &SimControls::faults()
{
    return m_sim.host().faults();
}

NodeId SimControls::id(const QString &node) const
{
    return m_sim.id(node);
}

QStringList SimControls::services() const
{
    return m_sim.host().directory().names().mid(1);
}

void SimControls::faultsChanged(const QString &node)
{
    if (const NodeId id = m_sim.id(node); id != kNoNode)
        m_sim.host().faultsChanged(id);
}

void SimControls::traceFault(const QString &node, const QString &detail,
                             std::optional<FaultStep::Action> what, quint64 value,
                             const QString &peer)
{
    appendFault(m_sim.trace(), m_sim.id(node), m_sim.id(peer), now(), 0, detail, what,
                value); // no wall time: deterministic
}

Instant ThreadControls::now() const
{
    return m_cluster.clock().now();
}

void ThreadControls::crash(const QString &node)
{
    if (ThreadHost *h = m_cluster.host(node))
        h->crash();
}

void ThreadControls::restart(const QString &node)
{
    if (ThreadHost *h = m_cluster.host(node))
        h->restart();
}

void ThreadControls::crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger)
{
    if (ThreadHost *h = m_cluster.host(node))
        h->crashWhen(std::move(trigger));
}

FaultInjector &ThreadControls::faults()
{
    return m_cluster.faults();
}

NodeId ThreadControls::id(const QString &node) const
{
    return m_cluster.directory().lookup(node);
}

QStringList ThreadControls::services() const
{
    return m_cluster.directory().names().mid(1);
}

void ThreadControls::faultsChanged(const QString &node)
{
    if (ThreadHost *h = m_cluster.host(node))
        h->faultsChanged();
}

void ThreadControls::traceFault(const QString &node, const QString &detail,
                                std::optional<FaultStep::Action> what, quint64 value,
                                const QString &peer)
{
    appendFault(m_cluster.trace(), id(node), id(peer), now(),
                QDateTime::currentMSecsSinceEpoch() * 1000, detail, what, value);
}

void SimControls::configureMallory(const MalloryConfig &config)
{
    m_sim.host().runOn(m_sim.id(cast::mallory()), [&config](Service &s, Context &ctx) {
        static_cast<Mallory &>(s).reconfigure(config, ctx);
    });
}

quint32 SimControls::rotateKey()
{
    return m_sim.host().rotateKey();
}

void SimControls::retireOldKeys()
{
    m_sim.host().retireOldKeys();
}

void ThreadControls::configureMallory(const MalloryConfig &config)
{
    if (ThreadHost *h = m_cluster.host(cast::mallory()))
        h->runOn([&config](Service &s, Context &ctx) {
            static_cast<Mallory &>(s).reconfigure(config, ctx);
        });
}

int SimControls::replayDeadLetters()
{
    int n = 0;
    for (const QString &name : services())
        if (name.startsWith(u"sm-"))
            m_sim.host().runOn(m_sim.id(name), [&n](Service &s, Context &ctx) {
                n += static_cast<SessionManager &>(s).replayDeadLetters(ctx);
            });
    return n;
}

int ThreadControls::replayDeadLetters()
{
    int n = 0;
    for (const QString &name : services())
        if (name.startsWith(u"sm-"))
            if (ThreadHost *h = m_cluster.host(name))
                h->runOn([&n](Service &s, Context &ctx) {
                    n += static_cast<SessionManager &>(s).replayDeadLetters(ctx);
                });
    return n;
}

void SimControls::setStepMode(bool on)
{
    m_sim.host().setStepMode(on);
}

bool SimControls::stepMode() const
{
    return m_sim.host().stepMode();
}

std::vector<PendingFrame> SimControls::pending()
{
    return m_sim.host().pending();
}

bool SimControls::deliver(quint64 pendingId)
{
    return m_sim.host().deliverPending(pendingId);
}

bool SimControls::drop(quint64 pendingId)
{
    return m_sim.host().dropPending(pendingId);
}

bool SimControls::duplicate(quint64 pendingId)
{
    return m_sim.host().duplicatePending(pendingId);
}

bool SimControls::advanceToNextDeadline()
{
    return m_sim.host().advanceToNextDeadline();
}

void ThreadControls::setStepMode(bool on)
{
    if (on)
        m_cluster.clock().pause();
    else
        m_cluster.clock().resume(); // the parked frames go on, in order
}

bool ThreadControls::stepMode() const
{
    return m_cluster.clock().isPaused();
}

std::vector<PendingFrame> ThreadControls::pending()
{
    std::vector<PendingFrame> all;
    for (ThreadHost *h : m_cluster.hosts()) {
        const std::vector<PendingFrame> here = h->pending();
        all.insert(all.end(), here.begin(), here.end());
    }
    std::sort(all.begin(), all.end(), [](const PendingFrame &a, const PendingFrame &b) {
        return a.since != b.since ? a.since < b.since : a.id < b.id;
    });
    return all;
}

bool ThreadControls::onParked(quint64 pendingId, bool (ThreadHost::*act)(quint64))
{
    for (ThreadHost *h : m_cluster.hosts())
        if ((h->*act)(pendingId))
            return true;
    return false;
}

bool ThreadControls::deliver(quint64 pendingId)
{
    return onParked(pendingId, &ThreadHost::deliverPending);
}

bool ThreadControls::drop(quint64 pendingId)
{
    return onParked(pendingId, &ThreadHost::dropPending);
}

bool ThreadControls::duplicate(quint64 pendingId)
{
    return onParked(pendingId, &ThreadHost::duplicatePending);
}

bool ThreadControls::advanceToNextDeadline()
{
    std::optional<Instant> next;
    for (ThreadHost *h : m_cluster.hosts())
        if (const std::optional<Instant> t = h->nextDeadline())
            next = next ? std::min(*next, *t) : *t;
    if (!next)
        return false;
    m_cluster.clock().advanceTo(*next); // each host fires what is due on the clock's change
    return true;
}

} // namespace edgecore
