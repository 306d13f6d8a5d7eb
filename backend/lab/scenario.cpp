#include "scenario.h"

#include "trace/tracestore.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void Scenario::applyTo(ClusterConfig &config) const
{
    config.mallory.framesPerSecond = malloryFramesPerSecond;
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
        if (!m_crashedAt && e.kind == TraceKind::State && e.detail == u"crashed"_s &&
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

} // namespace

QStringList Scenario::builtinNames()
{
    return {u"demo"_s, u"coordinator-crash"_s};
}

std::optional<Scenario> Scenario::builtin(const QString &name)
{
    if (name == u"demo"_s) {
        Scenario s;
        s.name = name;
        s.description = u"200 session set-ups, VOICE and DATA mixed, through the real cluster "
                        "while mallory forges frames"_s;
        s.load.sessions = 200;
        s.load.voiceShare = 0.5;
        s.load.concurrency = 8;
        s.malloryFramesPerSecond = 500;
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
        s.script = [](Protocol p) { return std::make_unique<CoordinatorCrash>(p); };
        return s;
    }
    return std::nullopt;
}

} // namespace edgecore
