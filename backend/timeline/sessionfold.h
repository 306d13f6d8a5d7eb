#pragma once
// The sessions table as a fold over the trace: one row per client request the edge took, with
// every change of its state in trace order, so the table can be shown as it was at any event
// (the time cursor) as cheaply as live. GUI-free; the window's table model reads it.
//
// What moves a row on, all typed facts (trace/facts.h, traceevent.h):
//   the edge's Session facts   Requested, Answered (the outcome), ReleaseAnswered
//   a PREPARE sent for the session          PREPARING (or RELEASING once it is active)
//   the coordinator's 3PC pre-commit        PRECOMMITTED
//   a decision before the client is told    COMMITTING or ABORTING

#include "trace/facts.h"

#include <QHash>

#include <array>
#include <vector>

namespace edgecore {

class TraceStore;

enum class SessionPhase : quint8 {
    Pending,      // the edge took the request; no transaction has asked yet
    Preparing,    // the set-up's PREPAREs are out
    PreCommitted, // 3PC: the coordinator pre-committed
    Committing,   // decided commit; the client not told yet
    Aborting,     // decided abort; the client not told yet
    Active,       // the client was told COMMITTED
    Aborted,
    Invalid,
    Unknown,   // the edge gave up waiting
    Releasing, // the session ended: its release is under way
    Released,
};
QString toString(SessionPhase p); // "PREPARING", "ACTIVE", ...
// The phase an answer puts a session in.
SessionPhase phaseOf(Outcome told);

struct SessionRow
{
    struct Change
    {
        qsizetype event = 0; // trace position
        qint64 labUs = 0;
        SessionPhase phase = SessionPhase::Pending;
    };
    quint64 requestId = 0;
    SessionId session = 0; // 0: refused as invalid before it got one
    NodeId edge = kNoNode;
    QString subscriber;
    TrafficClass trafficClass = TrafficClass::Data;
    Protocol protocol = Protocol::TwoPhase;
    std::vector<Change> changes; // the first is the request taken (Pending)
    // The set-up's answer (answerEvent -1 until then).
    qsizetype answerEvent = -1;
    Outcome outcome = Outcome::Pending;
    TxId tx = 0;
    qint64 latencyUs = 0; // lab time from the request taken to its answer
    qint64 durationMs = 0;
    QString reason;
    // The release's answer (releaseEvent -1 until then).
    qsizetype releaseEvent = -1;
    qint64 releaseUs = 0; // from the session's end (answer + duration) to the release answered

    qsizetype firstEvent() const { return changes.front().event; }
    // The phase after every event up to `event` (the request's own event included).
    SessionPhase phaseAt(qsizetype event) const;
    bool answeredBy(qsizetype event) const { return answerEvent >= 0 && answerEvent <= event; }
    bool releasedBy(qsizetype event) const { return releaseEvent >= 0 && releaseEvent <= event; }
};

class SessionFold
{
public:
    // Folds the trace's events from consumed() to its end; returns how many were read.
    qsizetype advance(const TraceStore &trace);
    // Folds one event at trace position `index` (events come in trace order).
    void apply(qsizetype index, const TraceEvent &e);
    qsizetype consumed() const { return m_consumed; }
    void clear() { *this = SessionFold(); }

    // Rows in the order their requests were taken.
    const std::vector<SessionRow> &rows() const { return m_rows; }
    // How many rows existed after event `event` (binary search): the table at the cursor.
    qsizetype rowsAt(qsizetype event) const;
    // Rows changed since the last call (the lowest row index touched; -1: none), for a view
    // that updates what it shows in batches.
    qsizetype takeChangedFrom();
    // Answers by outcome, over the whole fold (a released session counts as COMMITTED and as
    // RELEASED, as the status bar has always counted them).
    int count(Outcome o) const { return m_counts[static_cast<size_t>(o) % m_counts.size()]; }

private:
    void move(qsizetype row, qsizetype index, qint64 labUs, SessionPhase phase);
    SessionRow *rowOf(SessionId s);

    std::vector<SessionRow> m_rows;
    QHash<SessionId, qsizetype> m_bySession;
    QHash<NodeId, qsizetype> m_unsessioned; // per edge: its last request without a session id
    std::array<int, 6> m_counts{};
    qsizetype m_consumed = 0;
    qsizetype m_changedFrom = -1;
};

} // namespace edgecore
