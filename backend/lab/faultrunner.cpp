#include "faultrunner.h"

#include "trace/tracestore.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

NodeId idOrAny(const QString &name, LabControls &lab)
{
    return name == u"*"_s ? kNoNode : lab.id(name);
}

void changeNode(const QString &name, LabControls &lab, const std::function<void(NodeFault &)> &f)
{
    const NodeId id = lab.id(name);
    if (id == kNoNode)
        return;
    NodeFault fault = lab.faults().node(id);
    f(fault);
    lab.faults().setNode(id, fault);
    lab.faultsChanged(name);
}

} // namespace

void applyFaultStep(const FaultStep &s, LabControls &lab)
{
    FaultInjector &faults = lab.faults();
    QString on;   // the node the trace event belongs to; none for lab-wide steps
    QString peer; // a link's other end
    quint64 value = s.action == FaultStep::Action::Slow ? static_cast<quint64>(s.slowMs) : 0;
    switch (s.action) {
    case FaultStep::Action::Link:
        faults.setLink(idOrAny(s.from, lab), idOrAny(s.to, lab), s.link);
        if (s.bothWays)
            faults.setLink(idOrAny(s.to, lab), idOrAny(s.from, lab), s.link);
        on = s.from == u"*"_s ? QString() : s.from;
        peer = s.to == u"*"_s ? QString() : s.to;
        value = s.link.any() ? 1 : 0;
        break;
    case FaultStep::Action::ClearLinks:
        faults.clearLinks();
        break;
    case FaultStep::Action::Isolate: {
        std::vector<NodeId> rest;
        for (const QString &name : lab.services())
            if (name != s.service)
                rest.push_back(lab.id(name));
        faults.setPartition({{lab.id(s.service)}, rest});
        on = s.service;
        break;
    }
    case FaultStep::Action::Split: {
        std::vector<std::vector<NodeId>> groups;
        for (const QStringList &g : s.groups) {
            std::vector<NodeId> ids;
            for (const QString &name : g)
                ids.push_back(lab.id(name));
            groups.push_back(ids);
        }
        faults.setPartition(groups);
        break;
    }
    case FaultStep::Action::Heal:
        faults.heal();
        break;
    case FaultStep::Action::Crash:
        lab.crash(s.service);
        on = s.service;
        break;
    case FaultStep::Action::Restart:
        lab.restart(s.service);
        on = s.service;
        break;
    case FaultStep::Action::Pause:
    case FaultStep::Action::Resume: {
        const bool pause = s.action == FaultStep::Action::Pause;
        changeNode(s.service, lab, [pause](NodeFault &f) { f.paused = pause; });
        on = s.service;
        break;
    }
    case FaultStep::Action::Slow:
        changeNode(s.service, lab, [&s](NodeFault &f) { f.slowMs = s.slowMs; });
        on = s.service;
        break;
    case FaultStep::Action::Participant:
        changeNode(s.service, lab, [&s](NodeFault &f) {
            f.abortPct = s.abortPct;
            f.prepareDelayMs = s.prepareDelayMs;
        });
        on = s.service;
        break;
    case FaultStep::Action::Mallory: {
        MalloryConfig m;
        m.framesPerSecond = s.malloryRate;
        m.modes.clear();
        for (const QString &name : s.malloryModes)
            m.modes.push_back(*parseMalloryMode(name));
        lab.configureMallory(m);
        on = cast::mallory();
        break;
    }
    case FaultStep::Action::RotateKey:
        lab.rotateKey();
        break;
    case FaultStep::Action::RetireKeys:
        lab.retireOldKeys();
        break;
    case FaultStep::Action::ReplayDeadLetters:
        lab.replayDeadLetters();
        break;
    case FaultStep::Action::Clear:
        lab.configureMallory(MalloryConfig{0, {}, nullptr});
        faults.clear();
        for (const QString &name : lab.services()) {
            lab.faultsChanged(name);
            lab.restart(name); // a no-op for those running
        }
        break;
    }
    lab.traceFault(on, s.describe(), s.action, value, peer);
}

std::optional<qint64> FaultRunner::nextAtMs() const
{
    if (done())
        return std::nullopt;
    return m_plan.steps[m_next].atMs;
}

void FaultRunner::onTick(LabControls &lab)
{
    if (!m_start)
        m_start = lab.now();
    const qint64 elapsedMs = toUs(lab.now() - *m_start) / 1000;
    while (m_next < m_plan.steps.size() && m_plan.steps[m_next].atMs <= elapsedMs) {
        const FaultStep step = m_plan.steps[m_next++];
        applyFaultStep(step, lab);
        if (step.action == FaultStep::Action::RotateKey && step.overlapMs > 0) {
            // The old key is retired after the overlap: a step of its own, in time order.
            FaultStep retire;
            retire.action = FaultStep::Action::RetireKeys;
            retire.atMs = step.atMs + step.overlapMs;
            const auto at = std::upper_bound(
                m_plan.steps.begin() + static_cast<std::ptrdiff_t>(m_next), m_plan.steps.end(),
                retire, [](const FaultStep &a, const FaultStep &b) { return a.atMs < b.atMs; });
            m_plan.steps.insert(at, retire);
        }
    }
}

QStringList FaultRunner::findings(const TraceStore &trace) const
{
    int windows = 0;
    int drops = 0;
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        windows += e.kind == TraceKind::Fault;
        drops += e.kind == TraceKind::Drop;
    });
    return {(m_plan.name.isEmpty() ? u"fault plan"_s : m_plan.name) + u": "_s +
                QString::number(m_next) + u" of "_s + QString::number(m_plan.steps.size()) +
                u" steps applied ("_s + QString::number(windows) + u" fault events traced)"_s,
            QString::number(drops) + u" frames dropped by the network"_s};
}

} // namespace edgecore
