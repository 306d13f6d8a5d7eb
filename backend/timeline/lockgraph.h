#pragma once
// The lock wait-for graph as a fold over the trace: which transaction holds which resource at
// which participant, who waits for whom on what, the cycles those waits make and the victims
// the lock manager named, as of any event (the time cursor) as cheaply as live. GUI-free; the
// lock graph dock draws a snapshot of it.
//
// What moves it on, all typed facts (traceevent.h, trace/facts.h):
//   Lock Acquired at a participant   the transaction holds the resource there (its wait there
//                                    is over)
//   Lock Waits                       it waits there for the holder (seq) of the resource
//                                    (replacing an earlier wait there: the queue moved on)
//   Lock Released                    it let go of everything there, waits too
//   Lock Deadlock, Victim            the lock manager found a cycle (seq: lab µs from the
//                                    cycle forming to its detection) and named the victim
//   a host's Crashed                 what it held and waited for died with it
//
// Memory: the lock events themselves (about 40 bytes each, and only runs with exclusive locks
// have any) and a snapshot every kCheckpointEvery of them, so at() replays at most that many.

#include "core/types.h"

#include <QString>
#include <QStringList>

#include <map>
#include <set>
#include <vector>

namespace edgecore {

class TraceStore;
struct TraceEvent;

class LockGraph
{
public:
    struct Hold
    {
        NodeId node = kNoNode; // the participant
        TxId tx = 0;
        SessionId session = 0;
        QString resource;    // cell/N, account/SUB
        qsizetype since = 0; // the trace event it began at
    };
    struct Wait
    {
        NodeId node = kNoNode;
        TxId waiter = 0;
        TxId holder = 0;
        SessionId session = 0; // the waiter's
        QString resource;
        qsizetype since = 0;
    };
    struct Deadlock
    {
        qsizetype event = 0; // the lock manager's Deadlock event
        qint64 labUs = 0;
        TxId victim = 0;
        qint64 detectionUs = 0;  // from the cycle forming to its detection
        std::vector<TxId> cycle; // the transactions in it, as the waits stood then
    };
    // The graph after one event: holds and waits ordered by (node, resource) and
    // (node, waiter); cycles each ordered from its lowest id along its waits; victims named and
    // still in the graph.
    struct Snapshot
    {
        qsizetype asOf = -1; // the last event folded into it (-1: before the first)
        std::vector<Hold> holds;
        std::vector<Wait> waits;
        std::vector<std::vector<TxId>> cycles;
        std::set<TxId> victims;
        bool inCycle(TxId tx) const;
    };

    // Folds what the trace gained since the last call; returns the events read.
    qsizetype advance(const TraceStore &trace);
    // The graph as it stood after trace event `event` (inclusive; -1: before anything). Past
    // what was folded: as it stands now.
    Snapshot at(qsizetype event) const;
    Snapshot now() const { return at(m_consumed - 1); }
    // Every deadlock found, in trace order.
    const std::vector<Deadlock> &deadlocks() const { return m_deadlocks; }
    qsizetype lockEvents() const { return static_cast<qsizetype>(m_items.size()); }
    qsizetype consumed() const { return m_consumed; }
    void clear() { *this = LockGraph(); }
    // Tests: snapshots this often (in lock events; kCheckpointEvery by default).
    static constexpr qsizetype kCheckpointEvery = 1024;
    void setCheckpointEvery(qsizetype n) { m_every = n > 0 ? n : kCheckpointEvery; }

    // The cycles a set of waits makes (strongly connected groups of two or more transactions,
    // or one waiting for itself), each ordered from its lowest id along its waits.
    static std::vector<std::vector<TxId>> cyclesOf(const std::vector<Wait> &waits);

private:
    enum class Op : quint8 { Acquired, Waits, Released, Victim, Crashed };
    struct Item
    {
        qsizetype event = 0;
        Op op = Op::Acquired;
        NodeId node = kNoNode;
        TxId tx = 0;
        TxId other = 0; // Waits: the holder
        SessionId session = 0;
        int resource = -1; // into m_resources
    };
    // The state between events: a resource at a node has one holder (exclusive locks); a
    // transaction waits at a node for one lock at a time.
    struct State
    {
        std::map<std::pair<NodeId, int>, Item> holds;  // (node, resource) -> its Acquired
        std::map<std::pair<NodeId, TxId>, Item> waits; // (node, waiter) -> its Waits
        std::set<TxId> victims;
        qsizetype items = 0; // how many items it has applied
    };
    void apply(qsizetype index, const TraceEvent &e);
    void applyTo(State &s, const Item &item) const;
    Snapshot snapshotOf(const State &s, qsizetype asOf) const;
    int resourceIndex(const QString &resource);

    std::vector<Item> m_items;
    std::vector<State> m_checkpoints; // state after m_every * (i + 1) items
    State m_now;
    std::vector<Deadlock> m_deadlocks;
    QStringList m_resources;
    std::map<QString, int> m_resourceIndex;
    qsizetype m_every = kCheckpointEvery;
    qsizetype m_consumed = 0;
};

} // namespace edgecore
