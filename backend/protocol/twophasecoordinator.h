#pragma once
// The 2PC coordinator for one transaction, as a plain state machine: stepped with votes,
// acknowledgements and timeouts, it returns the actions the caller must carry out, in order.
// No I/O and no clock of its own.

#include "core/types.h"

#include <QString>

#include <vector>

namespace edgecore {

struct CoordinatorAction
{
    enum class Kind {
        LogIntent,    // persist the intent before any PREPARE leaves
        SendPrepare,  // to `to`
        LogDecision,  // persist the decision (commit) before sending it
        SendDecision, // COMMIT or ABORT to `to`
        Decided,      // the outcome is final: report it
        Finished,     // every participant acknowledged: forget the transaction
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

class TwoPhaseCoordinator
{
public:
    enum class Phase { Init, Preparing, Committed, Aborted };

    TwoPhaseCoordinator(TxId tx, std::vector<NodeId> participants);

    CoordinatorActions start();
    CoordinatorActions onVote(NodeId from, bool yes, const QString &reason = {});
    CoordinatorActions onTimeout(); // the prepare deadline passed
    CoordinatorActions onAck(NodeId from);

    TxId txId() const { return m_tx; }
    Phase phase() const { return m_phase; }
    bool decided() const { return m_phase == Phase::Committed || m_phase == Phase::Aborted; }
    QString abortReason() const { return m_abortReason; }
    const std::vector<NodeId> &participants() const { return m_participants; }
    // Participants that have not yet acknowledged the decision.
    std::vector<NodeId> unacknowledged() const;

    static QString toString(Phase p);

private:
    CoordinatorActions decide(bool commit, const QString &reason);
    int indexOf(NodeId n) const;

    TxId m_tx;
    std::vector<NodeId> m_participants;
    std::vector<int> m_votes; // -1 none, 0 no, 1 yes
    std::vector<bool> m_acked;
    Phase m_phase = Phase::Init;
    QString m_abortReason;
};

} // namespace edgecore
