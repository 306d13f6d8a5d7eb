#pragma once
// The invariant checker, run by the tests and by every headless run. It reads the trace (the
// single source) incrementally, so it can run after every simulated step, and names the first
// event that breaks a rule.
//
//   AC1  no two nodes decide differently for one transaction
//   AC2  no node's decision is ever reversed
//   AC3  commit only if every participant durably voted YES
//   AC4  (finish, when asked) with no faults and no forced aborts every transaction commits
//   AC5  (finish) once faults heal, every transaction is decided everywhere it was prepared
//   DECIDE  every commit seen at a participant follows a durable coordinator decision or
//           pre-commit
//   DSM  versions strictly increase per key
//   LEASE  at most one leader per fencing token
//   FENCE  no participant accepts a PREPARE with a token older than one it accepted before
//   SESSION  no session is decided by two transactions
//   EVENTS  a consumer accepts each session's stream events in order, no gap, no duplicate
//   ANSWER  a client told COMMITTED has a committed transaction for its session; a client
//           told ABORTED never sees its session committed, then or later; a client told
//           RELEASED has a committed release for its session
//   RELEASE  a release (a decision naming the set-up it ends) commits only for a session
//           whose set-up committed, at most one release commits per session, and no
//           participant commits two releases of one session (its units freed twice)
//
// A trace that filled up (events dropped past its capacity) shows only the start of the run:
// the rules above hold over what it holds, but the end-of-run rules (AC4, AC5) would call a
// transaction undecided that decided unseen. Then finish() checks none of them and says so
// (blind()), rather than report a violation it cannot know.

#include "core/types.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace edgecore {

class TraceStore;
struct TraceEvent;

struct Violation
{
    QString invariant;
    TxId txId = 0;
    QString detail;
    qsizetype eventIndex = -1;
    SessionId sessionId = 0; // when the rule is about a session (ANSWER)
};

class Checker
{
public:
    explicit Checker(const TraceStore &trace)
        : m_trace(trace)
    {}

    // Reads what was appended since the last call. Returns true while no rule is broken.
    bool advance();
    // End-of-run rules; call once the run has settled with faults healed.
    void finish(bool expectAllCommitted);

    bool ok() const { return m_violations.empty(); }
    const std::vector<Violation> &violations() const { return m_violations; }
    // One line per violation, naming the invariant, the transaction and the seed.
    QString report(quint64 seed) const;
    // Every trace event of one transaction (and of one session, if given), one line each:
    // the story behind a violation.
    QString story(TxId tx, SessionId session = 0) const;
    QJsonObject toJson() const;
    qsizetype transactions() const { return static_cast<qsizetype>(m_txs.size()); }
    // What finish() could not check and why; empty when it saw the whole run.
    const QString &blind() const { return m_blind; }

private:
    struct Tx
    {
        NodeId coordinator = kNoNode;
        std::set<NodeId> participants;
        std::set<NodeId> yes;
        std::set<NodeId> voted;
        std::optional<bool> coordinatorDecision;
        bool preCommitted = false;
        std::map<NodeId, bool> decisions; // participants
        SessionId session = 0;
        TxId setup = 0; // a release: the set-up transaction it ends
    };

    void consume(qsizetype index, const TraceEvent &e);
    void decide(qsizetype index, const TraceEvent &e);
    void answered(qsizetype index, const TraceEvent &e);
    void released(qsizetype index, TxId id, const Tx &tx);
    void violate(const QString &invariant, TxId tx, const QString &detail, qsizetype index,
                 SessionId session = 0);
    QString name(NodeId id) const;

    const TraceStore &m_trace;
    qsizetype m_read = 0;
    std::unordered_map<TxId, Tx> m_txs;
    std::unordered_map<QString, quint64> m_dsmVersions;
    std::map<quint64, NodeId> m_leaderOfToken;
    std::map<NodeId, quint64> m_highestToken;        // per participant, from its YES votes
    std::unordered_map<SessionId, TxId> m_sessionTx; // the transaction that decided each session
    std::map<std::pair<NodeId, SessionId>, quint64> m_lastEvent; // per consumer and session
    std::unordered_map<SessionId, TxId> m_committedSession;      // by the coordinator's decision
    std::unordered_map<SessionId, qsizetype> m_toldAborted;      // the answer's trace event
    std::unordered_map<SessionId, TxId> m_releasedSession;       // by the committed release
    std::map<std::pair<NodeId, TxId>, TxId> m_freedAt; // (participant, set-up) -> its release
    std::vector<Violation> m_violations;
    QString m_blind;
};

} // namespace edgecore
