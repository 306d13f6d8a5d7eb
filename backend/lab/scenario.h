#pragma once
// Built-in scenarios: a named load and cluster set-up that the headless runner and the
// window can start.

#include "cluster.h"
#include "faults/faultplan.h"
#include "loadgenerator.h"

#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace edgecore {

// What a scenario script may do to the running lab, on threads or in the simulator.
class LabControls
{
public:
    virtual ~LabControls() = default;
    virtual Instant now() const = 0;
    virtual void crash(const QString &node) = 0;
    virtual void restart(const QString &node) = 0;
    // Crash the node instead of delivering the first message that matches.
    virtual void crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger) = 0;
    // Faults: the injector every host obeys, the cast's names and ids, and the hosts' cue
    // that a node's faults changed (so what it held back goes on).
    virtual FaultInjector &faults() = 0;
    virtual NodeId id(const QString &node) const = 0;
    virtual QStringList services() const = 0;
    virtual void faultsChanged(const QString &node) = 0;
    // mallory's modes and rate, now.
    virtual void configureMallory(const MalloryConfig &config) = 0;
    // Key rotation: every node learns a new key and signs with it (both verify); later the
    // old keys are retired and refused.
    virtual quint32 rotateKey() = 0;
    virtual void retireOldKeys() = 0;
    // Every session manager sends its dead letters again; returns how many.
    virtual int replayDeadLetters() = 0;
    // A fault window opened or closed: a trace event on the node (none: the whole lab).
    // `what` and `value` type it (faultAction()), for the views; a link's names its other end
    // in `peer` (none: every node), `value` 1 while the link is faulty, 0 once it is clean.
    virtual void traceFault(const QString &node, const QString &detail,
                            std::optional<FaultStep::Action> what = std::nullopt, quint64 value = 0,
                            const QString &peer = {}) = 0;

    // Step mode, the same on threads and in the simulator: the lab clock stands still and
    // every frame that arrives is parked at its receiver (it still crossed the network) until
    // it is delivered or dropped, one at a time (or duplicated, to be delivered twice); the
    // clock moves only to the next deadline.
    virtual void setStepMode(bool on) = 0;
    virtual bool stepMode() const = 0;
    virtual std::vector<PendingFrame> pending() = 0; // oldest first
    virtual bool deliver(quint64 pendingId) = 0;
    virtual bool drop(quint64 pendingId) = 0; // traced as lost (reason 3: by hand)
    // A second parked frame with the same bytes for the same receiver (a new id, parked since
    // now), traced as a send by hand at the sender (duplicatedByHand()). The receiver verifies
    // it when it is delivered, as a duplicate off the network: once it has seen the frame, the
    // replay window refuses the other. False for an unknown id and for a local message.
    virtual bool duplicate(quint64 pendingId) = 0;
    virtual bool advanceToNextDeadline() = 0; // false: nothing is due anywhere
};

// A scenario's story beyond its load: it watches the trace as it grows and acts at the right
// moment (crash the coordinator once both participants voted, ...).
class ScenarioScript
{
public:
    virtual ~ScenarioScript() = default;
    virtual void onEvent(const TraceEvent &e, const TraceStore &trace, LabControls &lab) = 0;
    virtual void onTick(LabControls &) {}
    // What the run showed, as summary lines ("participants blocked in doubt for 6.0 s").
    virtual QStringList findings(const TraceStore &trace) const = 0;
};

// Feeds new trace events to a run's scripts (the scenario's, a fault plan's) and lets them act
// on the lab: the headless runner and the window poll it.
class ScriptDriver
{
public:
    ScriptDriver(std::vector<ScenarioScript *> scripts, const TraceStore &trace, LabControls &lab)
        : m_scripts(std::move(scripts))
        , m_trace(trace)
        , m_lab(lab)
    {}
    void poll();

private:
    std::vector<ScenarioScript *> m_scripts;
    const TraceStore &m_trace;
    LabControls &m_lab;
    qsizetype m_read = 0;
};

struct Scenario
{
    QString name;
    QString description;
    LoadSpec load;
    double malloryFramesPerSecond = 0;
    qint64 edgeTimeoutMs = 0;       // the edge's request timeout in lab ms (0: the default, 10 s)
    qint64 wallTimeoutMs = 120000;  // a run that takes longer than this has failed
    bool expectAllCommitted = true; // AC4: no faults, no forced aborts
    // Strict 2PL at rm and billing, and PREPAREs in each class's lock order: what it takes
    // for two sessions to deadlock (the deadlock scenario).
    bool exclusiveLocks = false;
    qint64 prepareTimeoutMs = 0; // the coordinators' vote timeout in lab ms (0: 2 s)
    std::function<std::unique_ptr<ScenarioScript>(Protocol, quint64 seed)> script;

    void applyTo(ClusterConfig &config) const;

    static QStringList builtinNames();
    static std::optional<Scenario> builtin(const QString &name);
};

} // namespace edgecore
