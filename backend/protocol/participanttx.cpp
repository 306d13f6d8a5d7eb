#include "participanttx.h"

#include "core/check.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString toString(ParticipantState s)
{
    switch (s) {
    case ParticipantState::Init:
        return u"INIT"_s;
    case ParticipantState::Prepared:
        return u"PREPARED"_s;
    case ParticipantState::PreCommitted:
        return u"PRECOMMITTED"_s;
    case ParticipantState::Committed:
        return u"COMMITTED"_s;
    case ParticipantState::Aborted:
        return u"ABORTED"_s;
    }
    return u"?"_s;
}

ParticipantTx::ParticipantTx(TxId tx, Protocol protocol, NodeId coordinator,
                             std::vector<NodeId> peers)
    : m_tx(tx)
    , m_protocol(protocol)
    , m_coordinator(coordinator)
    , m_peers(std::move(peers))
{}

ParticipantActions ParticipantTx::onPrepare(bool reserved, const QString &refusal)
{
    using K = ParticipantAction::Kind;
    switch (m_state) {
    case ParticipantState::Init:
        if (!reserved) {
            m_state = ParticipantState::Aborted;
            return {{K::VoteNo, m_coordinator, false, m_state, refusal}};
        }
        m_reserved = true;
        m_state = ParticipantState::Prepared;
        return {{K::LogPrepared}, {K::VoteYes, m_coordinator}};
    case ParticipantState::Prepared:
    case ParticipantState::PreCommitted:
    case ParticipantState::Committed:
        return {{K::VoteYes, m_coordinator}}; // a resent PREPARE gets the same vote
    case ParticipantState::Aborted:
        return {{K::VoteNo, m_coordinator, false, m_state, u"already aborted"_s}};
    }
    return {};
}

ParticipantActions ParticipantTx::onPreCommit()
{
    using K = ParticipantAction::Kind;
    if (m_protocol != Protocol::ThreePhase)
        return {};
    if (m_state == ParticipantState::Prepared) {
        m_state = ParticipantState::PreCommitted;
        return {{K::LogPreCommitted}, {K::AckPreCommit, m_coordinator}};
    }
    if (m_state == ParticipantState::PreCommitted || m_state == ParticipantState::Committed)
        return {{K::AckPreCommit, m_coordinator}};
    return {}; // aborted already (terminated without it): the coordinator will time out
}

ParticipantActions ParticipantTx::decide(bool commit, const QString &reason)
{
    using K = ParticipantAction::Kind;
    EC_CHECK(m_state != ParticipantState::Committed && m_state != ParticipantState::Aborted);
    ParticipantActions out{{K::LogOutcome, kNoNode, commit}};
    if (m_reserved)
        out.push_back({commit ? K::Finalize : K::Release});
    m_reserved = false;
    m_state = commit ? ParticipantState::Committed : ParticipantState::Aborted;
    m_terminating = false;
    out.push_back({K::Decided, kNoNode, commit, m_state, reason});
    return out;
}

ParticipantActions ParticipantTx::onDecision(bool commit)
{
    using K = ParticipantAction::Kind;
    if (m_state == ParticipantState::Committed || m_state == ParticipantState::Aborted) {
        // Already decided (perhaps by termination): acknowledge. A decision that contradicts
        // ours is not ours to fix; the checker sees both.
        return {{K::AckDecision, m_coordinator}};
    }
    if (m_state == ParticipantState::Init && commit)
        return {}; // a COMMIT for a transaction never prepared here: refuse to act on it
    ParticipantActions out = decide(commit, commit ? QString() : u"coordinator decided abort"_s);
    out.push_back({K::AckDecision, m_coordinator});
    return out;
}

ParticipantActions ParticipantTx::onTimeout()
{
    using K = ParticipantAction::Kind;
    if (!inDoubt())
        return {};
    if (m_protocol == Protocol::TwoPhase)
        return {{K::AskOutcome, m_coordinator}};
    ParticipantActions out = terminate();
    if (m_recovering) // the coordinator may know the outcome too
        out.insert(out.begin(), {K::AskOutcome, m_coordinator});
    return out;
}

ParticipantActions ParticipantTx::terminate()
{
    using K = ParticipantAction::Kind;
    m_terminating = true;
    m_peerStates.clear();
    if (m_peers.empty())
        return onTerminationTimeout();
    ParticipantActions out;
    for (NodeId p : m_peers)
        out.push_back({K::RequestStates, p});
    return out;
}

ParticipantActions ParticipantTx::onStateRequest(NodeId from)
{
    using K = ParticipantAction::Kind;
    if (m_state == ParticipantState::Init) {
        // Asked before voting: the coordinator is suspected gone, so never vote YES now.
        m_state = ParticipantState::Aborted;
        return {{K::LogOutcome, kNoNode, false}, {K::ReportState, from, false, m_state}};
    }
    return {{K::ReportState, from, false, m_state, {}, m_recovering && inDoubt()}};
}

ParticipantActions ParticipantTx::onPeerState(NodeId from, ParticipantState state)
{
    if (!m_terminating)
        return {};
    m_peerStates[from] = state;
    if (m_recovering && state != ParticipantState::Committed &&
        state != ParticipantState::Aborted && state != ParticipantState::Init)
        return {}; // not news to someone who may only adopt: wait for the timeout to ask again
    if (m_peerStates.size() < m_peers.size())
        return {};
    return onTerminationTimeout();
}

ParticipantActions ParticipantTx::onTerminationTimeout()
{
    using K = ParticipantAction::Kind;
    if (!m_terminating || !inDoubt())
        return {};
    if (m_recovering) {
        // Adopt a decision if someone has one; otherwise stay blocked and ask again.
        for (const auto &[peer, st] : m_peerStates) {
            if (st == ParticipantState::Committed)
                return decide(true, u"recovery: a participant committed"_s);
            if (st == ParticipantState::Aborted || st == ParticipantState::Init)
                return decide(false, u"recovery: a participant aborted"_s);
        }
        m_terminating = false;
        ParticipantActions out{{K::AskOutcome, m_coordinator}};
        for (NodeId p : m_peers)
            out.push_back({K::RequestStates, p});
        m_terminating = true;
        m_peerStates.clear();
        return out;
    }
    bool anyCommit = m_state == ParticipantState::PreCommitted;
    bool anyAbort = false;
    for (const auto &[peer, st] : m_peerStates) {
        anyCommit |= st == ParticipantState::Committed || st == ParticipantState::PreCommitted;
        anyAbort |= st == ParticipantState::Aborted || st == ParticipantState::Init;
    }
    if (anyAbort)
        return decide(false, u"termination: a participant aborted"_s);
    if (anyCommit)
        return decide(true, u"termination: a participant pre-committed"_s);
    return decide(false, u"termination: nobody pre-committed"_s);
}

ParticipantTx ParticipantTx::recover(TxId tx, Protocol protocol, NodeId coordinator,
                                     std::vector<NodeId> peers, ParticipantState logged)
{
    EC_CHECK(logged == ParticipantState::Prepared || logged == ParticipantState::PreCommitted);
    ParticipantTx p(tx, protocol, coordinator, std::move(peers));
    p.m_state = logged;
    p.m_reserved = true; // the service re-reserves from the log
    p.m_recovering = true;
    return p;
}

} // namespace edgecore
