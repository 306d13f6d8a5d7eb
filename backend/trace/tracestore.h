#pragma once
// The append-only record of everything that happened: the single source for every view and
// export. Appends come from every host thread; readers read by index, incrementally and
// without locking, because stored events never move or change.
//
// Memory is bounded: events live in fixed-size chunks allocated on demand up to a capacity
// set at construction; past it, events are counted as dropped rather than stored. A store
// that spills (spillTo()) writes every full chunk to a trace file as the run goes and keeps
// only the newest chunks in memory; older events are read back from the file when asked for.

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
    // A spilling store: the events memory keeps (64 chunks, about 524,000), and how many the
    // file may take (the run's disk is the bound then).
    static constexpr qsizetype kResidentChunks = 64;
    static constexpr qsizetype kSpilledCapacity = qsizetype(1) << 31;

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

    // From now on each full chunk is written to path (a trace.ectrace: its head now, then
    // events in order) by a writer thread of the store's, and at most residentChunks chunks
    // stay in memory (the newest; the ones a reader holds stay until it lets go). Events read
    // back from the file a chunk at a time, a few kept. False with the reason if the file
    // cannot be created. Once; the events stored before it are written first.
    bool spillTo(const QString &path, qsizetype residentChunks = kResidentChunks,
                 QString *error = nullptr);
    // Writes what the file lacks (the last, partial chunk) and stops spilling: the file holds
    // the whole trace. Later appends stay in memory. The destructor does it too.
    bool finishSpill(QString *error = nullptr);
    bool spilling() const;
    // Spilling, or spilled, or backed by its file: events may be let go and read back.
    bool backedByFile() const { return m_spill != nullptr; }
    // A store read from its own trace file (format `version`, events from byte `first`): each
    // full chunk, which the file already holds up to byte `end`, is told with chunkInFile()
    // and let go beyond residentChunks, to be read back when asked for.
    bool backWithFile(const QString &path, quint32 version, qint64 first, qsizetype residentChunks,
                      QString *error = nullptr);
    void chunkInFile(qint64 end);
    // Why the file stopped growing (a full disk): events stay in memory from then on.
    QString spillError() const;
    qsizetype residentChunks() const; // chunks of events held in memory now

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

    struct Spill; // the file, its writer thread and the chunks read back
    using ChunkPtr = std::shared_ptr<const Chunk>;
    ChunkPtr chunk(size_t index) const; // in memory or read back; null past the end
    void fill(const Chunk &chunk, qsizetype offset, TraceEvent &e) const;
    static void store(Chunk &chunk, qsizetype offset, int dims, const TraceEvent &e);
    void evict(); // the writer's: drops written chunks beyond the budget
    QByteArray framesOf(qsizetype from, qsizetype to) const; // events as trace-file frames

    int m_nodeCount;
    int m_dims;
    qsizetype m_capacity;
    // Chunks in memory by index (null: not yet, or written and let go). Their pointers change
    // under m_chunksMutex; a chunk's records never change once stored.
    mutable std::mutex m_chunksMutex;
    std::vector<std::shared_ptr<Chunk>> m_chunks;
    Chunk *m_tail = nullptr; // the chunk appends go to (the appender's)
    qsizetype m_resident = 0;
    std::unique_ptr<Spill> m_spill;
    std::atomic<qsizetype> m_size{0};
    std::atomic<quint64> m_dropped{0};
    mutable std::mutex m_appendMutex;
    mutable std::function<void(const TraceEvent &, qsizetype)> m_tap;
    mutable std::mutex m_namesMutex;
    QStringList m_names;
};

} // namespace edgecore
