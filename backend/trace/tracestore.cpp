#include "tracestore.h"

#include "tracecodec.h"

#include <QFile>
#include <QtEndian>

#include <condition_variable>
#include <deque>
#include <thread>

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

struct TraceStore::Spill
{
    QFile out; // the writer thread's
    QFile in;  // readers', under readMutex
    qsizetype budget = kResidentChunks;
    std::thread writer;
    std::mutex queueMutex;
    std::condition_variable wake;
    std::condition_variable drained;         // the queue got shorter
    static constexpr size_t kMaxQueued = 16; // chunks waiting to be written, at most
    std::deque<size_t> queue;                // full chunks, in order
    bool stop = false;
    bool finished = false;          // under queueMutex
    QString error;                  // under queueMutex
    std::atomic<size_t> written{0}; // chunks 0..written-1 are in the file
    size_t evictNext = 0;           // the oldest chunk that may still be in memory
    mutable std::mutex readMutex;
    std::vector<qint64> ends{}; // the file offset after each written chunk (readMutex)
    qint64 first = 0;           // where the events begin
    quint32 version = 2;        // the file's format
    std::deque<std::pair<size_t, ChunkPtr>> cache; // chunks read back, newest first
};

TraceStore::TraceStore(int nodeCount, qsizetype capacity)
    : m_nodeCount(nodeCount)
    , m_dims(nodeCount + 1)
    , m_capacity(capacity)
    , m_chunks(static_cast<size_t>((capacity + kChunkEvents - 1) / kChunkEvents))
{}

TraceStore::~TraceStore()
{
    finishSpill();
}

bool TraceStore::spillTo(const QString &path, qsizetype residentChunks, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_spill)
        return fail(u"the trace already spills"_s);
    auto spill = std::make_unique<Spill>();
    spill->budget = std::max<qsizetype>(residentChunks, 1);
    spill->out.setFileName(path);
    if (!spill->out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(path + u": "_s + spill->out.errorString());
    const QByteArray head = tracecodec::head(m_nodeCount, nodeNames());
    if (spill->out.write(head) != head.size() || !spill->out.flush())
        return fail(path + u": "_s + spill->out.errorString());
    spill->first = head.size();
    spill->in.setFileName(path);
    if (!spill->in.open(QIODevice::ReadOnly))
        return fail(path + u": "_s + spill->in.errorString());
    std::lock_guard lock(m_appendMutex);
    // What is already full goes first, in order.
    for (size_t k = 0; k < static_cast<size_t>(size() / kChunkEvents); ++k)
        spill->queue.push_back(k);
    m_spill = std::move(spill);
    Spill *sp = m_spill.get();
    sp->writer = std::thread([this, sp] {
        for (;;) {
            std::unique_lock queue(sp->queueMutex);
            sp->wake.wait(queue, [sp] { return sp->stop || !sp->queue.empty(); });
            if (sp->queue.empty())
                return; // stopped, and everything queued written
            const size_t k = sp->queue.front();
            sp->queue.pop_front();
            sp->drained.notify_all();
            const bool failed = !sp->error.isEmpty();
            queue.unlock();
            if (failed)
                continue; // the file stopped growing: the chunks stay in memory
            const auto first = static_cast<qsizetype>(k) * kChunkEvents;
            const QByteArray frames = framesOf(first, first + kChunkEvents);
            if (sp->out.write(frames) != frames.size() || !sp->out.flush()) {
                const std::lock_guard again(sp->queueMutex);
                sp->error = sp->out.fileName() + u": "_s + sp->out.errorString();
                continue;
            }
            {
                const std::lock_guard read(sp->readMutex);
                sp->ends.push_back(sp->out.pos());
            }
            sp->written.store(k + 1, std::memory_order_release);
            evict();
        }
    });
    return true;
}

QByteArray TraceStore::framesOf(qsizetype from, qsizetype to) const
{
    QByteArray frames;
    forEach(from, to, [&frames](const TraceEvent &e) { tracecodec::appendEvent(frames, e); });
    return frames;
}

bool TraceStore::finishSpill(QString *error)
{
    if (!m_spill)
        return true;
    Spill &sp = *m_spill;
    {
        const std::lock_guard queue(sp.queueMutex);
        if (sp.finished) {
            if (error)
                *error = sp.error;
            return sp.error.isEmpty();
        }
        sp.stop = true;
    }
    sp.wake.notify_all();
    if (sp.writer.joinable())
        sp.writer.join();
    // The partial last chunk, with no append in between: the file then holds every event.
    const std::lock_guard lock(m_appendMutex);
    const std::lock_guard queue(sp.queueMutex);
    sp.finished = true;
    if (sp.error.isEmpty()) {
        const qsizetype from =
            static_cast<qsizetype>(sp.written.load(std::memory_order_acquire)) * kChunkEvents;
        const QByteArray frames = framesOf(from, size());
        if (sp.out.write(frames) != frames.size() || !sp.out.flush())
            sp.error = sp.out.fileName() + u": "_s + sp.out.errorString();
    }
    sp.out.close();
    if (error)
        *error = sp.error;
    return sp.error.isEmpty();
}

bool TraceStore::backWithFile(const QString &path, quint32 version, qint64 first,
                              qsizetype residentChunks, QString *error)
{
    if (m_spill) {
        if (error)
            *error = u"the trace already has a file"_s;
        return false;
    }
    auto spill = std::make_unique<Spill>();
    spill->budget = std::max<qsizetype>(residentChunks, 1);
    spill->finished = true; // nothing to write: the file is there
    spill->first = first;
    spill->version = version;
    spill->in.setFileName(path);
    if (!spill->in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + u": "_s + spill->in.errorString();
        return false;
    }
    const std::lock_guard lock(m_appendMutex);
    m_spill = std::move(spill);
    return true;
}

void TraceStore::chunkInFile(qint64 end)
{
    if (!m_spill)
        return;
    {
        const std::lock_guard read(m_spill->readMutex);
        m_spill->ends.push_back(end);
    }
    m_spill->written.fetch_add(1, std::memory_order_acq_rel);
    evict();
}

bool TraceStore::spilling() const
{
    if (!m_spill)
        return false;
    const std::lock_guard queue(m_spill->queueMutex);
    return !m_spill->finished;
}

QString TraceStore::spillError() const
{
    if (!m_spill)
        return {};
    const std::lock_guard queue(m_spill->queueMutex);
    return m_spill->error;
}

qsizetype TraceStore::residentChunks() const
{
    const std::lock_guard lock(m_chunksMutex);
    return m_resident;
}

void TraceStore::evict()
{
    Spill &sp = *m_spill;
    const size_t written = sp.written.load(std::memory_order_acquire);
    const std::lock_guard lock(m_chunksMutex);
    while (m_resident > sp.budget && sp.evictNext < written) {
        if (m_chunks[sp.evictNext]) {
            m_chunks[sp.evictNext].reset(); // freed when no reader holds it
            --m_resident;
        }
        ++sp.evictNext;
    }
}

TraceStore::ChunkPtr TraceStore::chunk(size_t index) const
{
    {
        const std::lock_guard lock(m_chunksMutex);
        if (index >= m_chunks.size())
            return {};
        if (m_chunks[index])
            return m_chunks[index];
    }
    if (!m_spill || index >= m_spill->written.load(std::memory_order_acquire))
        return {};
    // Written and let go: read back from the file (a few are kept, the newest first).
    Spill &sp = *m_spill;
    const std::lock_guard read(sp.readMutex);
    for (auto it = sp.cache.begin(); it != sp.cache.end(); ++it)
        if (it->first == index) {
            ChunkPtr c = it->second;
            sp.cache.erase(it);
            sp.cache.emplace_front(index, c);
            return c;
        }
    const qint64 from = index == 0 ? sp.first : sp.ends[index - 1];
    const qint64 to = sp.ends[index];
    if (!sp.in.seek(from))
        return {};
    const QByteArray bytes = sp.in.read(to - from);
    if (bytes.size() != to - from)
        return {};
    auto c = std::make_shared<Chunk>(m_dims);
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const uchar *end = p + bytes.size();
    TraceEvent e;
    for (qsizetype i = 0; i < kChunkEvents; ++i) {
        if (end - p < 8)
            return {};
        const quint32 length = qFromLittleEndian<quint32>(p);
        if (end - p - 8 < qint64(length) || !tracecodec::checkFrame(p + 4, length) ||
            tracecodec::decodeEvent(p + 4, p + 4 + length, m_nodeCount, sp.version, e) !=
                tracecodec::Decoded::Ok)
            return {};
        store(*c, i, m_dims, e);
        p += 8 + length;
    }
    sp.cache.emplace_front(index, c);
    if (sp.cache.size() > 8)
        sp.cache.pop_back();
    return c;
}

void TraceStore::store(Chunk &chunk, qsizetype offset, int dims, const TraceEvent &e)
{
    chunk.records.push_back(Record{e.labUs, e.wallUs, e.lamport, e.seq, e.txId, e.sessionId, e.node,
                                   e.peer, e.msgType, e.kind, e.reason, e.keyId, e.token, e.detail,
                                   e.payload});
    quint32 *clock = chunk.clocks.data() + offset * dims;
    const size_t n = std::min(e.vclock.size(), static_cast<size_t>(dims));
    for (size_t i = 0; i < n; ++i)
        clock[i] = static_cast<quint32>(e.vclock[i]);
}

void TraceStore::fill(const Chunk &chunk, qsizetype offset, TraceEvent &e) const
{
    const Record &r = chunk.records[static_cast<size_t>(offset)];
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
    const quint32 *clock = chunk.clocks.data() + offset * m_dims;
    e.vclock.resize(static_cast<size_t>(m_dims));
    for (int d = 0; d < m_dims; ++d)
        e.vclock[static_cast<size_t>(d)] = clock[d];
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
    if (index % kChunkEvents == 0) {
        auto fresh = std::make_shared<Chunk>(m_dims);
        m_tail = fresh.get();
        const std::lock_guard chunks(m_chunksMutex);
        m_chunks[chunkIndex] = std::move(fresh);
        ++m_resident;
    }
    store(*m_tail, index % kChunkEvents, m_dims, e);
    // Publish: readers that see the new size see the record (the vector never reallocates,
    // its capacity being reserved for the whole chunk).
    m_size.store(index + 1, std::memory_order_release);
    if (m_spill && index % kChunkEvents == kChunkEvents - 1) { // full: the writer takes it
        std::unique_lock queue(m_spill->queueMutex);
        if (!m_spill->finished) {
            m_spill->queue.push_back(chunkIndex);
            m_spill->wake.notify_one();
            // Appends faster than the disk takes them wait here (every host's, since the
            // append lock is held): memory stays bounded however fast the run.
            Spill *sp = m_spill.get();
            sp->drained.wait(queue, [sp] {
                return sp->queue.size() < Spill::kMaxQueued || !sp->error.isEmpty();
            });
        }
    }
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
    ChunkPtr c;
    qsizetype held = -1; // the chunk c is
    for (qsizetype i = std::max<qsizetype>(from, 0); i < to; ++i) {
        if (i / kChunkEvents != held) {
            held = i / kChunkEvents;
            c = chunk(static_cast<size_t>(held));
            if (!c)
                return; // its file could not be read back
        }
        fill(*c, i % kChunkEvents, e);
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
