#pragma once
// One participant's side of one transaction, 2PC or 3PC, as a plain state machine. The
// service owns the resources; this decides what to log, say and release, and when.
//
//   PREPARE  -> reserve ok: log PREPARED, vote YES (state PREPARED, "in doubt")
//               refused:   vote NO (ABORTED)
//   PRECOMMIT (3PC) -> log PRECOMMITTED, ack
//   COMMIT / ABORT  -> log the outcome, finalise or release, ack
//   timeout while in doubt:
//     2PC: ask the coordinator for the outcome, again and again (blocked, holding resources)
//     3PC: termination protocol: ask the other participants for their states, then decide:
//          any COMMITTED or PRECOMMITTED -> commit; any ABORTED or INIT -> abort;
//          everyone (reachable) only PREPARED -> abort.
//     A participant asked for its state before it has voted aborts unilaterally.
//   A participant that recovered in doubt from its log missed what happened while it was down:
//   it never decides from others' uncertain states, it only adopts a decision (COMMITTED or
//   ABORTED) from a peer or the coordinator, asking until someone knows (Skeen's recovery rule).

#include "core/types.h"

#include <QString>

#include <map>
#include <vector>

namespace edgecore {

enum class ParticipantState : quint8 { Init = 0, Prepared, PreCommitted, Committed, Aborted };
QString toString(ParticipantState s);

struct ParticipantAction
{
    enum class Kind {
        LogPrepared,
        VoteYes,
        VoteNo,
        LogPreCommitted,
        AckPreCommit,
        LogOutcome, // commit says which
        Finalize,   // turn the reservation into an allocation
        Release,    // give the reservation back
        AckDecision,
        AskOutcome,    // 2PC: ask the coordinator
        RequestStates, // 3PC: ask every other participant (`to`)
        ReportState,   // answer a state request from `to`
        Decided,       // the outcome is final here
    };
    ParticipantAction(Kind k, NodeId t = kNoNode, bool c = false,
                      ParticipantState s = ParticipantState::Init, QString r = {}, bool rec = false)
        : kind(k)
        , to(t)
        , commit(c)
        , state(s)
        , reason(std::move(r))
        , recovering(rec)
    {}

    Kind kind;
    NodeId to = kNoNode;
    bool commit = false;
    ParticipantState state = ParticipantState::Init; // ReportState
    QString reason;                                  // VoteNo, Decided
    bool recovering = false; // ReportState: the reporter recovered in doubt and is blocked

    bool operator==(const ParticipantAction &o) const
    {
        return kind == o.kind && to == o.to && commit == o.commit && state == o.state;
    }
};
using ParticipantActions = std::vector<ParticipantAction>;

class ParticipantTx
{
public:
    ParticipantTx(TxId tx, Protocol protocol, NodeId coordinator, std::vector<NodeId> peers);

    // reserved: whether the service could reserve what the transaction needs.
    ParticipantActions onPrepare(bool reserved, const QString &refusal = {});
    ParticipantActions onPreCommit();
    ParticipantActions onDecision(bool commit);
    // The coordinator has been silent for too long.
    ParticipantActions onTimeout();
    // 3PC termination: another participant's state, or its request for ours.
    ParticipantActions onPeerState(NodeId from, ParticipantState state);
    ParticipantActions onStateRequest(NodeId from);
    // 3PC termination: stop waiting for peers that did not answer and decide with what we know.
    ParticipantActions onTerminationTimeout();

    // Recovery: state as logged (PREPARED or PRECOMMITTED); the service then calls onTimeout.
    static ParticipantTx recover(TxId tx, Protocol protocol, NodeId coordinator,
                                 std::vector<NodeId> peers, ParticipantState logged);

    TxId txId() const { return m_tx; }
    ParticipantState state() const { return m_state; }
    bool inDoubt() const
    {
        return m_state == ParticipantState::Prepared || m_state == ParticipantState::PreCommitted;
    }
    bool terminating() const { return m_terminating; }
    bool recovering() const { return m_recovering; }
    NodeId coordinator() const { return m_coordinator; }

private:
    ParticipantActions decide(bool commit, const QString &reason);
    ParticipantActions terminate();

    TxId m_tx;
    Protocol m_protocol;
    NodeId m_coordinator;
    std::vector<NodeId> m_peers;
    ParticipantState m_state = ParticipantState::Init;
    bool m_reserved = false;
    bool m_terminating = false;
    bool m_recovering = false;
    std::map<NodeId, ParticipantState> m_peerStates;
};

} // namespace edgecore
