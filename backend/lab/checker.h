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
// (blind()), rather than report a violation it cannot know. A checker that follows the trace
// (follow()) folds every event as it is appended, stored or not, and so sees the whole run.
//
// Memory is bounded: a transaction is forgotten once settled (its coordinator decided, every
// participant decided or voted NO), leaving only its outcome among the last kSettledKept; a
// session's facts are kept for the last kSessionsKept sessions. Later events about what was
// forgotten are checked against what is left (a settled outcome) or not at all: never called
// a violation for want of the facts.

#include "core/types.h"

#include <QJsonObject>
#include <QString>

#include <deque>
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
    static constexpr size_t kSettledKept = 50'000;
    static constexpr size_t kSessionsKept = 25'000;

    explicit Checker(const TraceStore &trace)
        : m_trace(trace)
    {}
    ~Checker();
    Checker(const Checker &) = delete;
    Checker &operator=(const Checker &) = delete;

    // Folds each event as it is appended (from whichever thread appends it, one at a time)
    // instead of reading the store; advance() then only reads what came before. Stops when
    // the checker is destroyed.
    void follow();

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
    qsizetype transactions() const { return m_txCount; }                    // seen, settled or not
    qsizetype open() const { return static_cast<qsizetype>(m_txs.size()); } // not yet settled
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

    struct SessionFacts
    {
        TxId decidedBy = 0; // the set-up that decided it
        TxId committedBy = 0;
        TxId releasedBy = 0;
        qsizetype toldAborted = -1;          // the answer's trace event
        quint64 recordVersion = 0;           // of its dsm record
        std::map<NodeId, TxId> freedAt;      // participant -> the release it committed
        std::map<NodeId, quint64> lastEvent; // consumer -> stream event number
    };
    struct Settled
    {
        bool commit = false;
    };

    void consume(qsizetype index, const TraceEvent &e);
    Tx *txFor(TxId id); // nullptr: settled and forgotten (then see m_settled)
    void settleIfDone(TxId id);
    void settledDecision(qsizetype index, const TraceEvent &e, const Settled &s);
    SessionFacts *sessionFacts(SessionId s); // nullptr: forgotten
    void decide(qsizetype index, const TraceEvent &e);
    void answered(qsizetype index, const TraceEvent &e);
    void released(qsizetype index, TxId id, const Tx &tx, SessionFacts &facts);
    void violate(const QString &invariant, TxId tx, const QString &detail, qsizetype index,
                 SessionId session = 0);
    QString name(NodeId id) const;

    const TraceStore &m_trace;
    bool m_following = false;
    qsizetype m_read = 0;
    qsizetype m_txCount = 0;
    std::unordered_map<TxId, Tx> m_txs;
    std::unordered_map<TxId, Settled> m_settled;
    std::deque<TxId> m_settledOrder;
    std::vector<TxId> m_settledAborts;                  // the first 1000 settled as aborted (AC4)
    std::unordered_map<QString, quint64> m_dsmVersions; // keys other than session records
    std::map<quint64, NodeId> m_leaderOfToken;
    std::map<NodeId, quint64> m_highestToken; // per participant, from its YES votes
    std::unordered_map<SessionId, SessionFacts> m_sessions;
    std::deque<SessionId> m_sessionOrder;
    std::map<quint16, quint64> m_forgottenUpTo; // per issuing node: sessions forgotten up to
    std::vector<Violation> m_violations;
    QString m_blind;
};

} // namespace edgecore
