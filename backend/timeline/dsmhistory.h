#pragma once
// The dsm's history as a fold over the trace: every key's chain of versions (each stored
// write with its writer, lab time, fencing token and a record's state; each compare-and-swap
// refused, against the version it expected and the one it met; each lease renewed), the
// leader lease's terms with the gaps where nobody led, and the store as it stood at any event
// (the time cursor). GUI-free; the DSM dock shows it. Everything it reads is the DsmWrite fact
// (trace/facts.h).
//
// Memory: every write of the run, about 100 bytes each (session records are most of them: a
// handful a session). Not yet bounded as the diagram's and the table's folds are.

#include "trace/facts.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace edgecore {

class TraceStore;

class DsmHistory
{
public:
    struct Entry
    {
        qsizetype event = 0; // its trace position
        qint64 labUs = 0;
        DsmFact fact; // fact.key is the key's
    };
    // A lease's term: from its acquisition (a new version) until released, lapsed (its last
    // acquisition or renewal plus the TTL) or taken by another, whichever is first.
    struct Term
    {
        NodeId holder = kNoNode;
        quint64 version = 0;
        quint64 token = 0;
        qint64 fromUs = 0;
        qint64 toUs = -1; // -1: still held at the end of what was folded
        qsizetype fromEvent = 0;
        bool released = false; // ended by its holder (not lapsed or taken)
    };

    // Folds what the trace gained since the last call; returns the events read.
    qsizetype advance(const TraceStore &trace);
    void clear() { *this = DsmHistory(); }

    // The keys written, sorted; with a prefix, only those that start with it.
    QStringList keys(const QString &prefix = {}) const;
    // A key's entries in trace order (stored, renewed and refused); empty for a key never seen.
    const std::vector<Entry> &history(const QString &key) const;
    // The key's latest stored version as of trace event `event` (inclusive); nullptr before
    // its first.
    const Entry *versionAt(const QString &key, qsizetype event) const;
    // The store as it stood after `event`: each key's latest stored entry by then, in key
    // order (a key not written yet is absent).
    std::vector<const Entry *> storeAt(qsizetype event, const QString &prefix = {}) const;
    // The entry a trace event is (a DsmWrite), or nullptr: the diagram's selection to here.
    const Entry *entryAt(qsizetype event) const;
    // A lease key's terms in order, as of what was folded.
    std::vector<Term> terms(const QString &leaseKey) const;
    qsizetype writes() const { return m_writes; }

private:
    QHash<QString, std::vector<Entry>> m_keys;
    std::vector<std::pair<qsizetype, QString>> m_byEvent; // event -> its key, in trace order
    qsizetype m_consumed = 0;
    qsizetype m_writes = 0;
    qint64 m_lastUs = 0;
};

} // namespace edgecore
