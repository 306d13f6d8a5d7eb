#include "tracestore.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString toString(TraceKind k)
{
    switch (k) {
    case TraceKind::Send:
        return u"send"_s;
    case TraceKind::Deliver:
        return u"deliver"_s;
    case TraceKind::Reject:
        return u"reject"_s;
    case TraceKind::State:
        return u"state"_s;
    case TraceKind::DsmWrite:
        return u"dsm-write"_s;
    case TraceKind::Session:
        return u"session"_s;
    case TraceKind::Connection:
        return u"connection"_s;
    case TraceKind::Note:
        return u"note"_s;
    case TraceKind::Vote:
        return u"vote"_s;
    case TraceKind::Decide:
        return u"decide"_s;
    case TraceKind::Lease:
        return u"lease"_s;
    case TraceKind::Event:
        return u"event"_s;
    case TraceKind::Drop:
        return u"drop"_s;
    case TraceKind::Fault:
        return u"fault"_s;
    case TraceKind::Lock:
        return u"lock"_s;
    case TraceKind::Halt:
        return u"halt"_s;
    }
    return u"?"_s;
}

TraceStore::Chunk::Chunk(int dims)
    : clocks(static_cast<size_t>(kChunkEvents * dims))
{
    records.reserve(kChunkEvents);
}

TraceStore::TraceStore(int nodeCount, qsizetype capacity)
    : m_nodeCount(nodeCount)
    , m_dims(nodeCount + 1)
    , m_capacity(capacity)
    , m_chunks(static_cast<size_t>((capacity + kChunkEvents - 1) / kChunkEvents))
{
    for (auto &c : m_chunks)
        c.store(nullptr, std::memory_order_relaxed);
}

TraceStore::~TraceStore()
{
    for (auto &c : m_chunks)
        delete c.load(std::memory_order_relaxed);
}

qsizetype TraceStore::append(const TraceEvent &e)
{
    std::lock_guard lock(m_appendMutex);
    const qsizetype index = m_size.load(std::memory_order_relaxed);
    if (m_tap) // every event, kept or not, in append order
        m_tap(e, index + static_cast<qsizetype>(m_dropped.load(std::memory_order_relaxed)));
    if (index >= m_capacity) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return -1;
    }
    const auto chunkIndex = static_cast<size_t>(index / kChunkEvents);
    Chunk *chunk = m_chunks[chunkIndex].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new Chunk(m_dims);
        m_chunks[chunkIndex].store(chunk, std::memory_order_release);
    }
    chunk->records.push_back(Record{e.labUs, e.wallUs, e.lamport, e.seq, e.txId, e.sessionId,
                                    e.node, e.peer, e.msgType, e.kind, e.reason, e.keyId, e.token,
                                    e.detail, e.payload});
    quint32 *clock = chunk->clocks.data() + (index % kChunkEvents) * m_dims;
    const size_t n = std::min(e.vclock.size(), static_cast<size_t>(m_dims));
    for (size_t i = 0; i < n; ++i)
        clock[i] = static_cast<quint32>(e.vclock[i]);
    // Publish: readers that see the new size see the record (the vector never reallocates,
    // its capacity being reserved for the whole chunk).
    m_size.store(index + 1, std::memory_order_release);
    return index;
}

void TraceStore::setTap(std::function<void(const TraceEvent &, qsizetype)> tap) const
{
    std::lock_guard lock(m_appendMutex);
    m_tap = std::move(tap);
}

TraceEvent TraceStore::at(qsizetype index) const
{
    TraceEvent e;
    forEach(index, index + 1, [&e](const TraceEvent &x) { e = x; });
    return e;
}

void TraceStore::forEach(qsizetype from, qsizetype to,
                         const std::function<void(const TraceEvent &)> &f) const
{
    to = std::min(to, size());
    TraceEvent e;
    e.vclock.resize(static_cast<size_t>(m_dims));
    for (qsizetype i = std::max<qsizetype>(from, 0); i < to; ++i) {
        const Chunk *chunk =
            m_chunks[static_cast<size_t>(i / kChunkEvents)].load(std::memory_order_acquire);
        const Record &r = chunk->records[static_cast<size_t>(i % kChunkEvents)];
        e.kind = r.kind;
        e.node = r.node;
        e.peer = r.peer;
        e.msgType = r.msgType;
        e.reason = r.reason;
        e.labUs = r.labUs;
        e.wallUs = r.wallUs;
        e.lamport = r.lamport;
        e.seq = r.seq;
        e.txId = r.txId;
        e.sessionId = r.sessionId;
        e.detail = r.detail;
        e.keyId = r.keyId;
        e.token = r.token;
        e.payload = r.payload;
        const quint32 *clock = chunk->clocks.data() + (i % kChunkEvents) * m_dims;
        for (int d = 0; d < m_dims; ++d)
            e.vclock[static_cast<size_t>(d)] = clock[d];
        f(e);
    }
}

void TraceStore::setNodeNames(const QStringList &names)
{
    std::lock_guard lock(m_namesMutex);
    m_names = names;
}

QStringList TraceStore::nodeNames() const
{
    std::lock_guard lock(m_namesMutex);
    return m_names;
}

QString TraceStore::nodeName(NodeId id) const
{
    std::lock_guard lock(m_namesMutex);
    if (id < m_names.size() && !m_names.at(id).isEmpty())
        return m_names.at(id);
    return id == kNoNode ? QString() : u"node-"_s + QString::number(id);
}

qsizetype TraceStore::bytesPerEvent(int nodeCount)
{
    return static_cast<qsizetype>(sizeof(Record)) +
           static_cast<qsizetype>((nodeCount + 1) * sizeof(quint32)) +
           static_cast<qsizetype>(sizeof(void *) * 2) / kChunkEvents;
}

} // namespace edgecore
