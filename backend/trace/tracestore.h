#pragma once
// The append-only record of everything that happened: the single source for every view and
// export. Appends come from every host thread; readers read by index, incrementally and
// without locking, because stored events never move or change.
//
// Memory is bounded: events live in fixed-size chunks allocated on demand up to a capacity
// set at construction; past it, events are counted as dropped rather than stored.

#include "traceevent.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace edgecore {

class TraceStore
{
public:
    static constexpr qsizetype kChunkEvents = 8192;
    static constexpr qsizetype kDefaultCapacity = 4'000'000;

    // nodeCount: highest NodeId that can appear (vector clocks are stored dense up to it).
    explicit TraceStore(int nodeCount, qsizetype capacity = kDefaultCapacity);
    ~TraceStore();
    TraceStore(const TraceStore &) = delete;
    TraceStore &operator=(const TraceStore &) = delete;

    // Returns the index the event got, or -1 when the store is full.
    qsizetype append(const TraceEvent &e);

    qsizetype size() const { return m_size.load(std::memory_order_acquire); }
    qsizetype capacity() const { return m_capacity; }
    quint64 dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    int nodeCount() const { return m_nodeCount; }

    // Called for every appended event (stored or, past the capacity, dropped), one at a time
    // in append order, under the append lock: a reader that must see everything (the
    // checker following a long run) folds events here instead of reading them back. The
    // number is the event's position in the whole run. Keep it quick; empty to stop.
    void setTap(std::function<void(const TraceEvent &, qsizetype)> tap) const;

    TraceEvent at(qsizetype index) const;
    // Calls f for every event in [from, to) (clamped to size()), in order.
    void forEach(qsizetype from, qsizetype to,
                 const std::function<void(const TraceEvent &)> &f) const;

    // Names of the nodes, by NodeId (index 0 unused), for views and exports.
    void setNodeNames(const QStringList &names);
    QStringList nodeNames() const;
    QString nodeName(NodeId id) const;

    // Bytes held per stored event (fixed part, amortised chunk overhead included).
    static qsizetype bytesPerEvent(int nodeCount);

private:
    struct Record
    {
        qint64 labUs;
        qint64 wallUs;
        quint64 lamport;
        quint64 seq;
        TxId txId;
        SessionId sessionId;
        NodeId node;
        NodeId peer;
        quint16 msgType;
        TraceKind kind;
        quint8 reason;
        quint32 keyId; // Send: the frame's key id, fencing token and payload
        quint64 token;
        QString detail;
        QByteArray payload;
    };
    struct Chunk
    {
        explicit Chunk(int dims);
        std::vector<Record> records;
        std::vector<quint32> clocks; // kChunkEvents * dims
    };

    int m_nodeCount;
    int m_dims;
    qsizetype m_capacity;
    std::vector<std::atomic<Chunk *>> m_chunks;
    std::atomic<qsizetype> m_size{0};
    std::atomic<quint64> m_dropped{0};
    mutable std::mutex m_appendMutex;
    mutable std::function<void(const TraceEvent &, qsizetype)> m_tap;
    mutable std::mutex m_namesMutex;
    QStringList m_names;
};

} // namespace edgecore
