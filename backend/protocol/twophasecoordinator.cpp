#include "twophasecoordinator.h"

#include "core/check.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

TwoPhaseCoordinator::TwoPhaseCoordinator(TxId tx, std::vector<NodeId> participants)
    : m_tx(tx)
    , m_participants(std::move(participants))
    , m_votes(m_participants.size(), -1)
    , m_acked(m_participants.size(), false)
{
    EC_CHECK(!m_participants.empty());
}

int TwoPhaseCoordinator::indexOf(NodeId n) const
{
    for (size_t i = 0; i < m_participants.size(); ++i)
        if (m_participants[i] == n)
            return static_cast<int>(i);
    return -1;
}

CoordinatorActions TwoPhaseCoordinator::start()
{
    EC_CHECK(m_phase == Phase::Init);
    m_phase = Phase::Preparing;
    CoordinatorActions out{{CoordinatorAction::Kind::LogIntent}};
    for (NodeId p : m_participants)
        out.push_back({CoordinatorAction::Kind::SendPrepare, p});
    return out;
}

CoordinatorActions TwoPhaseCoordinator::onVote(NodeId from, bool yes, const QString &reason)
{
    const int i = indexOf(from);
    // A vote from a stranger, a repeated vote, or one after the decision changes nothing.
    if (i < 0 || m_phase != Phase::Preparing || m_votes[static_cast<size_t>(i)] != -1)
        return {};
    m_votes[static_cast<size_t>(i)] = yes ? 1 : 0;
    if (!yes)
        return decide(false, reason.isEmpty() ? u"participant voted no"_s : reason);
    for (int v : m_votes)
        if (v != 1)
            return {};
    return decide(true, {});
}

CoordinatorActions TwoPhaseCoordinator::onTimeout()
{
    if (m_phase != Phase::Preparing)
        return {};
    return decide(false, u"timeout waiting for votes"_s);
}

CoordinatorActions TwoPhaseCoordinator::decide(bool commit, const QString &reason)
{
    EC_CHECK(m_phase == Phase::Preparing);
    m_phase = commit ? Phase::Committed : Phase::Aborted;
    m_abortReason = reason;
    CoordinatorActions out{{CoordinatorAction::Kind::LogDecision, kNoNode, commit}};
    for (NodeId p : m_participants)
        out.push_back({CoordinatorAction::Kind::SendDecision, p, commit});
    out.push_back({CoordinatorAction::Kind::Decided, kNoNode, commit});
    return out;
}

CoordinatorActions TwoPhaseCoordinator::onAck(NodeId from)
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

std::vector<NodeId> TwoPhaseCoordinator::unacknowledged() const
{
    std::vector<NodeId> out;
    for (size_t i = 0; i < m_participants.size(); ++i)
        if (!m_acked[i])
            out.push_back(m_participants[i]);
    return out;
}

QString TwoPhaseCoordinator::toString(Phase p)
{
    switch (p) {
    case Phase::Init:
        return u"INIT"_s;
    case Phase::Preparing:
        return u"PREPARING"_s;
    case Phase::Committed:
        return u"COMMITTED"_s;
    case Phase::Aborted:
        return u"ABORTED"_s;
    }
    return u"?"_s;
}

} // namespace edgecore
