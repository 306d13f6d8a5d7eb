#include "scenario.h"

#include "faultrunner.h"

#include "trace/facts.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QHash>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Scenario::applyTo(ClusterConfig &config) const
{
    config.mallory.framesPerSecond = malloryFramesPerSecond;
    if (edgeTimeoutMs > 0)
        config.edge.requestTimeoutMs = edgeTimeoutMs;
    if (exclusiveLocks) {
        config.participants.exclusiveLocks = true;
        config.coordinator.orderedPrepare = true;
    }
    if (prepareTimeoutMs > 0)
        config.coordinator.prepareTimeoutMs = prepareTimeoutMs;
}

namespace {

// Crashes the coordinator in the middle of the first transaction: after both participants
// voted YES (2PC: they are left in doubt, blocked, until it recovers) or once both are
// PRECOMMITTED (3PC: they terminate without it). Restarts it 6 s of lab time later.
class CoordinatorCrash final : public ScenarioScript
{
public:
    explicit CoordinatorCrash(Protocol protocol)
        : m_threePhase(protocol == Protocol::ThreePhase)
    {}

    void onEvent(const TraceEvent &e, const TraceStore &trace, LabControls &) override
    {
        if (e.kind == TraceKind::Send && e.msgType == quint16(MsgType::Prepare) && !m_tx)
            m_tx = e.txId;
        if (!m_crashedAt && hostEvent(e) == HostEvent::Crashed &&
            trace.nodeName(e.node) == cast::sessionManager(1))
            m_crashedAt = instantFromUs(e.labUs);
    }

    void onTick(LabControls &lab) override
    {
        if (!m_armed) {
            // 2PC: die as the first vote arrives (both participants have prepared and voted).
            // 3PC: die as the first PRECOMMIT acknowledgement arrives (both pre-committed).
            const MsgType moment = m_threePhase ? MsgType::PreCommitAck : MsgType::Vote;
            lab.crashWhen(cast::sessionManager(1),
                          [moment](const Envelope &e) { return e.type == moment; });
            m_armed = true;
        }
        if (m_crashedAt && !m_restarted && lab.now() >= *m_crashedAt + std::chrono::seconds(6)) {
            m_restarted = true;
            m_restartedAt = lab.now();
            lab.restart(cast::sessionManager(1));
        }
    }

    QStringList findings(const TraceStore &trace) const override
    {
        if (!m_crashedAt)
            return {u"the coordinator was never caught mid-transaction"_s};
        const qint64 crashUs = toUs(*m_crashedAt);
        QStringList out{u"coordinator crashed at "_s + QString::number(crashUs / 1e6, 'f', 3) +
                        u" s (tx "_s + formatId(m_tx) + u"), restarted at "_s +
                        QString::number(toUs(m_restartedAt) / 1e6, 'f', 3) + u" s"_s};
        int asked = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
            if (e.txId != m_tx)
                return;
            if (e.kind == TraceKind::Send && e.msgType == quint16(MsgType::OutcomeRequest))
                ++asked;
            if (e.kind == TraceKind::Decide && e.reason != 2)
                out << trace.nodeName(e.node) + u" decided "_s +
                           (e.reason ? u"COMMIT"_s : u"ABORT"_s) + u" at "_s +
                           QString::number(e.labUs / 1e6, 'f', 3) + u" s"_s +
                           (e.labUs < toUs(m_restartedAt) ? u" (coordinator down)"_s : QString()) +
                           (e.detail.isEmpty() ? QString() : u": "_s + e.detail);
        });
        if (asked)
            out << u"participants asked the absent coordinator for the outcome "_s +
                       QString::number(asked) + u" times (blocked, holding their reservations)"_s;
        return out;
    }

private:
    TxId m_tx = 0;
    bool m_armed = false;
    bool m_threePhase;
    std::optional<Instant> m_crashedAt;
    Instant m_restartedAt{};
    bool m_restarted = false;
};

// Crashes whichever session manager leads once 20 sessions have been answered; another
// takes the lease after it expires and the edge follows. The old leader restarts 6 s later
// and finishes (from its log) what it had begun.
class Failover final : public ScenarioScript
{
public:
    void onEvent(const TraceEvent &e, const TraceStore &trace, LabControls &lab) override
    {
        if (e.kind == TraceKind::Lease && e.reason == 1) {
            if (m_crashedAt && !m_takeover && e.node != m_leader) {
                m_takeover = instantFromUs(e.labUs);
                m_newLeader = e.node;
                m_newToken = e.seq;
            }
            if (!m_crashedAt) {
                m_leader = e.node;
                m_token = e.seq;
            }
        }
        if (e.kind == TraceKind::Session && sessionFact(e).step != SessionFact::Step::Requested &&
            ++m_answered == 20 && !m_crashedAt && m_leader) {
            m_crashedAt = lab.now();
            m_leaderName = trace.nodeName(m_leader);
            lab.crash(m_leaderName);
        }
    }

    void onTick(LabControls &lab) override
    {
        if (m_crashedAt && !m_restarted && lab.now() >= *m_crashedAt + std::chrono::seconds(6)) {
            m_restarted = true;
            lab.restart(m_leaderName);
        }
    }

    QStringList findings(const TraceStore &trace) const override
    {
        if (!m_crashedAt)
            return {u"the leader was never crashed"_s};
        QStringList out{m_leaderName + u" (leader, fencing token "_s + QString::number(m_token) +
                        u") crashed at "_s + QString::number(toUs(*m_crashedAt) / 1e6, 'f', 3) +
                        u" s"_s};
        if (m_takeover)
            out << trace.nodeName(m_newLeader) + u" became leader with fencing token "_s +
                       QString::number(m_newToken) + u" after "_s +
                       QString::number(toUs(*m_takeover - *m_crashedAt) / 1e6, 'f', 3) + u" s"_s;
        else
            out << u"nobody took over"_s;
        int stale = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
            stale += e.kind == TraceKind::Reject &&
                     e.reason == static_cast<quint8>(WireError::StaleToken);
        });
        out << QString::number(stale) + u" messages refused for a stale fencing token"_s;
        return out;
    }

    // For tests: lab seconds from the crash to the new leader (negative if none).
    double takeoverSeconds() const
    {
        return m_takeover ? toUs(*m_takeover - *m_crashedAt) / 1e6 : -1;
    }

private:
    NodeId m_leader = kNoNode;
    quint64 m_token = 0;
    QString m_leaderName;
    int m_answered = 0;
    std::optional<Instant> m_crashedAt;
    std::optional<Instant> m_takeover;
    NodeId m_newLeader = kNoNode;
    quint64 m_newToken = 0;
    bool m_restarted = false;
};

// Reads the deadlock off the trace: which transactions waited, the cycle the lock manager
// found, its victim, and how each transaction ended at its coordinator.
class DeadlockDemo final : public ScenarioScript
{
public:
    // Taking a lock takes a while at both participants (a prepare delay, traced as a fault
    // window): each session's first PREPARE holds its lock for a second before the other's
    // second PREPARE comes for it, so the two cross on threads as surely as in the
    // simulator, however the machine schedules them.
    static constexpr qint64 kLockTakesMs = 1000;

    void onTick(LabControls &lab) override
    {
        if (m_armed)
            return;
        m_armed = true;
        for (const QString &service : {cast::rm(), cast::billing()}) {
            FaultStep slowLocks;
            slowLocks.action = FaultStep::Action::Participant;
            slowLocks.service = service;
            slowLocks.prepareDelayMs = kLockTakesMs;
            applyFaultStep(slowLocks, lab);
        }
    }

    void onEvent(const TraceEvent &e, const TraceStore &trace, LabControls &) override
    {
        if (e.kind == TraceKind::Lock && e.reason == quint8(LockEvent::Waits)) {
            if (!m_waited.contains(e.txId))
                m_waited << e.txId;
        } else if (e.kind == TraceKind::Lock && e.reason == quint8(LockEvent::Deadlock)) {
            m_cycles << e.detail;
        } else if (e.kind == TraceKind::Lock && e.reason == quint8(LockEvent::Victim)) {
            m_victims << e.txId;
        } else if (e.kind == TraceKind::Decide && e.reason != 2 &&
                   trace.nodeName(e.node).startsWith(u"sm-"_s)) {
            m_outcome.insert(e.txId, e.reason == 1);
        }
    }

    QStringList findings(const TraceStore &) const override
    {
        QStringList out = m_cycles;
        if (m_waited.isEmpty())
            return {u"no transaction ever waited for a lock"_s};
        QStringList ends;
        for (TxId tx : m_waited) {
            const auto it = m_outcome.constFind(tx);
            ends << u"tx "_s + formatId(tx) +
                        (m_victims.contains(tx) ? u" (victim)"_s : QString()) +
                        (it == m_outcome.cend() ? u" undecided"_s
                         : *it                  ? u" committed"_s
                                                : u" aborted"_s);
        }
        out << ends.join(u", "_s);
        return out;
    }

private:
    bool m_armed = false;
    QList<TxId> m_waited;
    QStringList m_cycles;
    QSet<TxId> m_victims;
    QHash<TxId, bool> m_outcome;
};

} // namespace

QStringList Scenario::builtinNames()
{
    return {u"demo"_s, u"coordinator-crash"_s, u"failover"_s, u"chaos"_s, u"deadlock"_s};
}

void ScriptDriver::poll()
{
    if (m_scripts.empty())
        return;
    const qsizetype size = m_trace.size();
    m_trace.forEach(m_read, size, [this](const TraceEvent &e) {
        for (ScenarioScript *s : m_scripts)
            s->onEvent(e, m_trace, m_lab);
    });
    m_read = size;
    for (ScenarioScript *s : m_scripts)
        s->onTick(m_lab);
}

std::optional<Scenario> Scenario::builtin(const QString &name)
{
    if (name == u"demo"_s) {
        Scenario s;
        s.name = name;
        s.description = u"200 sessions, VOICE and DATA mixed, set up through the real cluster "
                        "while mallory forges frames; each lasts a second or two and is released"_s;
        s.load.sessions = 200;
        s.load.voiceShare = 0.5;
        s.load.concurrency = 8;
        s.load.holding.on = true; // calls and data sessions end and are released
        // Clients pause 40 ms between sessions: ~180 set-ups a second, which the cells carry
        // however long the run (about 450 sessions up at once, a tenth of the capacity).
        s.load.thinkMs = 40;
        s.malloryFramesPerSecond = 500;
        return s;
    }
    if (name == u"failover"_s) {
        Scenario s;
        s.name = name;
        s.description =
            u"crashes the leading session manager after 20 sessions; another takes the "
            "lease within two TTLs and sessions keep committing; the old one restarts"_s;
        s.load.sessions = 60;
        s.load.concurrency = 2;
        s.expectAllCommitted = false;
        // The client waits long enough for the old leader's restart (at 6 s) and recovery to
        // answer what it owned, with room for a busy machine at 10x speed.
        s.edgeTimeoutMs = 30000;
        s.script = [](Protocol, quint64) { return std::make_unique<Failover>(); };
        return s;
    }
    if (name == u"chaos"_s) {
        Scenario s;
        s.name = name;
        s.description = u"300 sessions set up and released while faults of every kind (bad "
                        "links, partitions, crashes, pauses, slow and aborting participants) come "
                        "and go every few seconds, drawn from the seed; everything heals at 20 s"_s;
        s.load.sessions = 300;
        s.load.concurrency = 4;
        s.load.thinkMs = 250;     // ~14 sessions/s: the load spans the 20 s of faults
        s.load.holding.on = true; // releases run through the same faults
        s.expectAllCommitted = false;
        s.script = [](Protocol, quint64 seed) {
            return std::make_unique<FaultRunner>(FaultPlan::chaos(seed, 20000));
        };
        return s;
    }
    if (name == u"deadlock"_s) {
        Scenario s;
        s.name = name;
        s.description =
            u"one subscriber sets up a VOICE and a DATA session at once; VOICE locks the radio "
            "cell at rm first, DATA the account at billing first (each lock takes 1 s), so each "
            "waits for the other. The lock manager breaks the cycle (--deadlock detect: the "
            "youngest; timeout: a wait past 1 s) and the other session commits"_s;
        s.load.sessions = 2;
        s.load.concurrency = 2;
        s.load.subscribers = 1;
        s.load.classes = {u"VOICE"_s, u"DATA"_s};
        s.exclusiveLocks = true;
        // The cycle closes after two prepare delays (2 s): the coordinators wait for votes
        // long enough for the lock manager to break it either way (timeout: 1 s later).
        s.prepareTimeoutMs = 6000;
        s.expectAllCommitted = false;
        s.script = [](Protocol, quint64) { return std::make_unique<DeadlockDemo>(); };
        return s;
    }
    if (name == u"coordinator-crash"_s) {
        Scenario s;
        s.name = name;
        s.description =
            u"crashes the coordinator mid-transaction (2PC: after the votes, 3PC: after "
            "PRECOMMIT) and restarts it 6 s later; use --protocol"_s;
        s.load.sessions = 5;
        s.load.concurrency = 1;
        s.expectAllCommitted = false;
        s.script = [](Protocol p, quint64) { return std::make_unique<CoordinatorCrash>(p); };
        return s;
    }
    return std::nullopt;
}

} // namespace edgecore
