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
//
// Memory: rows are kept in blocks, as MessageFlow keeps messages. A fold told to hold only a
// few blocks (holdBlocks(), for a trace that spills to its file) lets the oldest go as it
// grows, keeping of each the first event of every row (4 bytes a row, for rowsAt()) and its
// session ids per edge. Its rows are folded again from the trace when the table shows them; a
// row that changes after its block went (a release long after) is found by its session id,
// kept aside from then on and folded there.

#include "readback.h"
#include "trace/facts.h"

#include <QHash>

#include <array>
#include <deque>
#include <memory>
#include <unordered_map>
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
    static constexpr int kBlockRows = 1024;
    static constexpr qsizetype kHeldBlocks = 128; // about 131,000 rows, 30 MB

    // Folds the trace's events from consumed() to its end; returns how many were read.
    qsizetype advance(const TraceStore &trace);
    // Folds one event at trace position `index` (events come in trace order).
    void apply(qsizetype index, const TraceEvent &e);
    qsizetype consumed() const { return m_consumed; }
    void clear() { *this = SessionFold(); }
    // From now on keep at most `blocks` blocks of `blockRows` rows in memory, the newest, and
    // fold older ones again from the trace advance() reads when they are asked for: from a
    // block's first request to its rows' last change, at most `reach` events past its last
    // request (a row that changed later is kept aside). Before the first row only; the trace
    // must outlive the fold.
    static constexpr qsizetype kReach = 1'000'000; // about 12 s of the cast at full load
    void holdBlocks(qsizetype blocks, int blockRows = kBlockRows, qsizetype reach = kReach);

    // Rows in the order their requests were taken.
    size_t rowCount() const { return m_count; }
    // One row, folded again from the trace if its block was let go. The reference holds
    // until the next call.
    const SessionRow &row(qsizetype r) const;
    std::vector<SessionRow> allRows() const; // every row (tests: reads every block)
    qsizetype heldBlocks() const;            // held and read back
    qsizetype blocksLetGo() const { return m_letGo; }
    qsizetype refolds() const { return m_refolds; }
    // How many rows existed after event `event` (binary search): the table at the cursor.
    qsizetype rowsAt(qsizetype event) const;
    // Rows changed since the last call (the lowest row index touched; -1: none), for a view
    // that updates what it shows in batches.
    qsizetype takeChangedFrom();
    // The edge's answers in the trace by outcome (a released session counts as COMMITTED and
    // as RELEASED, as the status bar has always counted them).
    int count(Outcome o) const { return m_counts[static_cast<size_t>(o) % m_counts.size()]; }

private:
    using Rows = std::vector<SessionRow>;
    struct IdRange
    {
        quint64 edge;
        SessionId lo, hi;
    };
    struct Block
    {
        std::shared_ptr<Rows> rows; // null once let go
        qsizetype first = 0;        // index of its first row
        int count = 0;
        qsizetype firstEvent = 0;         // its first row's request
        std::vector<quint32> firstEvents; // once let go: each row's, from firstEvent
        qsizetype foldTo = -1;            // once let go: where folding it again ends
        std::vector<IdRange> ids;         // once let go: its session ids, per edge
    };
    void move(qsizetype row, qsizetype index, qint64 labUs, SessionPhase phase);
    SessionRow &mut(qsizetype row);
    void letGo(size_t block);
    qsizetype recall(SessionId session); // the row of a session let go, now kept aside; or -1
    void forget(SessionId session, qsizetype row);          // the id no longer finds the row let go
    std::shared_ptr<const Rows> rowsOf(size_t block) const; // held or read back
    std::shared_ptr<Rows> refold(size_t block) const;

    std::vector<Block> m_blocks;
    size_t m_count = 0;
    int m_blockRows = kBlockRows;
    qsizetype m_reach = kReach;
    qsizetype m_holdBlocks = 0; // 0: every block
    size_t m_firstHeld = 0;
    qsizetype m_letGo = 0;
    qsizetype m_rowLimit = -1; // folding a block again: the rows it needs
    const TraceStore *m_trace = nullptr;
    std::unordered_map<qsizetype, SessionRow> m_aside; // changed after its block was let go
    static constexpr size_t kReadBackBlocks = 8;
    mutable ReadBack<Rows> m_readBack{kReadBackBlocks};
    mutable qsizetype m_refolds = 0;
    QHash<SessionId, qsizetype> m_bySession; // rows held, and rows kept aside still open
    QHash<NodeId, qsizetype> m_unsessioned;  // per edge: its last request without a session id
    std::array<int, 6> m_counts{};
    qsizetype m_consumed = 0;
    qsizetype m_changedFrom = -1;
};

} // namespace edgecore
