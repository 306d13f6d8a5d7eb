#pragma once
// The transaction coordinator for one transaction, 2PC or 3PC, as a plain state machine:
// stepped with votes, acknowledgements and timeouts, it returns the actions the caller must
// carry out, in order. No I/O and no clock of its own.
//
//   2PC: PREPARE -> votes -> decision (COMMIT | ABORT) -> acks
//   3PC: PREPARE -> votes -> PRECOMMIT -> acks (or timeout) -> COMMIT -> acks
//        any NO or a vote timeout -> ABORT
// Every decision is logged before it is sent (the caller's storage flush guarantees it).

#include "core/types.h"
#include "participanttx.h"

#include <QString>

#include <optional>
#include <vector>

namespace edgecore {

struct CoordinatorAction
{
    enum class Kind {
        LogIntent,     // persist the intent before any PREPARE leaves
        SendPrepare,   // to `to`
        LogPreCommit,  // 3PC: persist that every vote was YES
        SendPreCommit, // 3PC: to `to`
        LogDecision,   // persist the decision before sending it
        SendDecision,  // COMMIT or ABORT to `to`
        Decided,       // the outcome is final: report it
        Finished,      // every participant acknowledged: forget the transaction
        QueryState,    // recovery (3PC): ask `to` for its state
    };
    Kind kind;
    NodeId to = kNoNode;
    bool commit = false;

    bool operator==(const CoordinatorAction &o) const
    {
        return kind == o.kind && to == o.to && commit == o.commit;
    }
};
using CoordinatorActions = std::vector<CoordinatorAction>;

class Coordinator
{
public:
    enum class Phase { Init, Preparing, PreCommitting, Committed, Aborted };

    // sequential: one PREPARE at a time, in the participants' order, the next after a YES.
    Coordinator(TxId tx, Protocol protocol, std::vector<NodeId> participants,
                bool sequential = false);

    CoordinatorActions start();
    CoordinatorActions onVote(NodeId from, bool yes, const QString &reason = {});
    CoordinatorActions onPreCommitAck(NodeId from);
    // The deadline of the current phase passed: votes (abort) or pre-commit acks (commit).
    CoordinatorActions onTimeout();
    CoordinatorActions onAck(NodeId from);
    // Recovery (3PC): a participant's answer to QueryState. `recovering`: it too came back in
    // doubt and is blocked, so it will not decide on its own.
    CoordinatorActions onParticipantState(NodeId from, ParticipantState state, bool recovering);

    // Recovery after a restart, from what the log holds for this transaction:
    //   a logged decision          -> send it again
    //   3PC, pre-commit logged     -> ask the participants: adopt a decision one of them has
    //                                 (they may have terminated without us); decide by the
    //                                 termination rule only when every one of them is itself
    //                                 recovering and blocked, so nobody can decide behind us
    //   otherwise (intent only)    -> presumed abort: nobody can have been told COMMIT
    static Coordinator recover(TxId tx, Protocol protocol, std::vector<NodeId> participants,
                               bool preCommitLogged, std::optional<bool> decision,
                               CoordinatorActions &actions);

    TxId txId() const { return m_tx; }
    Protocol protocol() const { return m_protocol; }
    Phase phase() const { return m_phase; }
    bool decided() const { return m_phase == Phase::Committed || m_phase == Phase::Aborted; }
    bool committed() const { return m_phase == Phase::Committed; }
    bool querying() const { return m_querying; }
    QString abortReason() const { return m_abortReason; }
    const std::vector<NodeId> &participants() const { return m_participants; }
    // Participants that have not yet acknowledged the current phase's message.
    std::vector<NodeId> unacknowledged() const;

    static QString toString(Phase p);

private:
    CoordinatorActions decide(bool commit, const QString &reason);
    CoordinatorActions preCommit();
    int indexOf(NodeId n) const;

    TxId m_tx;
    Protocol m_protocol;
    std::vector<NodeId> m_participants;
    std::vector<int> m_votes; // -1 none, 0 no, 1 yes
    std::vector<bool> m_acked;
    Phase m_phase = Phase::Init;
    QString m_abortReason;
    bool m_querying = false;
    bool m_sequential = false;
    std::vector<int> m_states;   // recovery answers: -1 none, else ParticipantState
    std::vector<bool> m_blocked; // recovery answers: the participant is recovering too
};

} // namespace edgecore
