#include "coordinator.h"

#include "core/check.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

Coordinator::Coordinator(TxId tx, Protocol protocol, std::vector<NodeId> participants,
                         bool sequential)
    : m_tx(tx)
    , m_protocol(protocol)
    , m_participants(std::move(participants))
    , m_votes(m_participants.size(), -1)
    , m_acked(m_participants.size(), false)
    , m_sequential(sequential)
{
    EC_CHECK(!m_participants.empty());
}

int Coordinator::indexOf(NodeId n) const
{
    for (size_t i = 0; i < m_participants.size(); ++i)
        if (m_participants[i] == n)
            return static_cast<int>(i);
    return -1;
}

CoordinatorActions Coordinator::start()
{
    EC_CHECK(m_phase == Phase::Init);
    m_phase = Phase::Preparing;
    CoordinatorActions out{{CoordinatorAction::Kind::LogIntent}};
    for (NodeId p : m_participants) {
        out.push_back({CoordinatorAction::Kind::SendPrepare, p});
        if (m_sequential)
            break; // the next once this one votes YES
    }
    return out;
}

CoordinatorActions Coordinator::onVote(NodeId from, bool yes, const QString &reason)
{
    const int i = indexOf(from);
    // A vote from a stranger, a repeated vote, or one after the votes phase changes nothing.
    if (i < 0 || m_phase != Phase::Preparing || m_votes[static_cast<size_t>(i)] != -1)
        return {};
    m_votes[static_cast<size_t>(i)] = yes ? 1 : 0;
    if (!yes)
        return decide(false, reason.isEmpty() ? u"participant voted no"_s : reason);
    if (m_sequential && static_cast<size_t>(i) + 1 < m_participants.size())
        return {{CoordinatorAction::Kind::SendPrepare, m_participants[static_cast<size_t>(i) + 1]}};
    for (int v : m_votes)
        if (v != 1)
            return {};
    return m_protocol == Protocol::ThreePhase ? preCommit() : decide(true, {});
}

CoordinatorActions Coordinator::preCommit()
{
    EC_CHECK(m_phase == Phase::Preparing);
    m_phase = Phase::PreCommitting;
    CoordinatorActions out{{CoordinatorAction::Kind::LogPreCommit}};
    for (NodeId p : m_participants)
        out.push_back({CoordinatorAction::Kind::SendPreCommit, p});
    return out;
}

CoordinatorActions Coordinator::onPreCommitAck(NodeId from)
{
    const int i = indexOf(from);
    if (i < 0 || m_phase != Phase::PreCommitting || m_acked[static_cast<size_t>(i)])
        return {};
    m_acked[static_cast<size_t>(i)] = true;
    for (bool a : m_acked)
        if (!a)
            return {};
    return decide(true, {});
}

CoordinatorActions Coordinator::onTimeout()
{
    switch (m_phase) {
    case Phase::Preparing:
        return decide(false, u"timeout waiting for votes"_s);
    case Phase::PreCommitting:
        if (m_querying) { // no decision yet: ask everyone again (states change)
            CoordinatorActions out;
            std::fill(m_states.begin(), m_states.end(), -1);
            for (NodeId p : m_participants)
                out.push_back({CoordinatorAction::Kind::QueryState, p});
            return out;
        }
        // Every participant voted YES and the pre-commit is durable: commit. One that missed
        // the PRECOMMIT learns the outcome from the COMMIT or on recovery.
        return decide(true, {});
    default:
        return {};
    }
}

CoordinatorActions Coordinator::decide(bool commit, const QString &reason)
{
    EC_CHECK(m_phase == Phase::Preparing || m_phase == Phase::PreCommitting);
    // A pre-committed transaction aborts only when recovery found nobody pre-committed.
    EC_CHECK(commit || m_phase == Phase::Preparing || m_querying);
    m_querying = false;
    m_phase = commit ? Phase::Committed : Phase::Aborted;
    m_abortReason = reason;
    std::fill(m_acked.begin(), m_acked.end(), false);
    CoordinatorActions out{{CoordinatorAction::Kind::LogDecision, kNoNode, commit}};
    for (NodeId p : m_participants)
        out.push_back({CoordinatorAction::Kind::SendDecision, p, commit});
    out.push_back({CoordinatorAction::Kind::Decided, kNoNode, commit});
    return out;
}

CoordinatorActions Coordinator::onAck(NodeId from)
{
    const int i = indexOf(from);
    if (i < 0 || !decided() || m_acked[static_cast<size_t>(i)])
        return {};
    m_acked[static_cast<size_t>(i)] = true;
    for (bool a : m_acked)
        if (!a)
            return {};
    return {{CoordinatorAction::Kind::Finished}};
}

Coordinator Coordinator::recover(TxId tx, Protocol protocol, std::vector<NodeId> participants,
                                 bool preCommitLogged, std::optional<bool> decision,
                                 CoordinatorActions &actions)
{
    Coordinator c(tx, protocol, std::move(participants));
    actions.clear();
    if (decision) {
        c.m_phase = *decision ? Phase::Committed : Phase::Aborted;
        for (NodeId p : c.m_participants)
            actions.push_back({CoordinatorAction::Kind::SendDecision, p, *decision});
        return c;
    }
    if (protocol == Protocol::ThreePhase && preCommitLogged) {
        c.m_phase = Phase::PreCommitting;
        c.m_querying = true;
        c.m_states.assign(c.m_participants.size(), -1);
        c.m_blocked.assign(c.m_participants.size(), false);
        for (NodeId p : c.m_participants)
            actions.push_back({CoordinatorAction::Kind::QueryState, p});
        return c;
    }
    c.m_phase = Phase::Preparing;
    actions = c.decide(false, u"coordinator restarted before deciding"_s);
    return c;
}

CoordinatorActions Coordinator::onParticipantState(NodeId from, ParticipantState state,
                                                   bool recovering)
{
    const int i = indexOf(from);
    if (i < 0 || !m_querying)
        return {};
    m_states[static_cast<size_t>(i)] = static_cast<int>(state);
    m_blocked[static_cast<size_t>(i)] = recovering;
    // Someone knows: adopt it.
    if (state == ParticipantState::Committed)
        return decide(true, {});
    if (state == ParticipantState::Aborted || state == ParticipantState::Init)
        return decide(false, u"recovery: a participant aborted"_s);
    for (size_t k = 0; k < m_states.size(); ++k)
        if (m_states[k] < 0 || !m_blocked[k])
            return {}; // an undecided participant still up will terminate; wait and ask again
    // Everyone came back in doubt and is blocked: nobody decided, so the rule is safe.
    bool anyPreCommitted = false;
    for (int st : m_states)
        anyPreCommitted |= static_cast<ParticipantState>(st) == ParticipantState::PreCommitted;
    return anyPreCommitted ? decide(true, {}) : decide(false, u"recovery: nobody pre-committed"_s);
}

std::vector<NodeId> Coordinator::unacknowledged() const
{
    std::vector<NodeId> out;
    for (size_t i = 0; i < m_participants.size(); ++i)
        if (!m_acked[i])
            out.push_back(m_participants[i]);
    return out;
}

QString Coordinator::toString(Phase p)
{
    switch (p) {
    case Phase::Init:
        return u"INIT"_s;
    case Phase::Preparing:
        return u"PREPARING"_s;
    case Phase::PreCommitting:
        return u"PRECOMMITTING"_s;
    case Phase::Committed:
        return u"COMMITTED"_s;
    case Phase::Aborted:
        return u"ABORTED"_s;
    }
    return u"?"_s;
}

} // namespace edgecore
