#include "tracefile.h"

#include "tracecodec.h"
#include "tracestore.h"

#include "core/savefile.h"

#include <QDataStream>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <array>
#include <limits>
#include <type_traits>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
constexpr char kMagic[16] = {'E', 'D', 'G', 'E', 'C', 'O', 'R',  'E',
                             '-', 'T', 'R', 'A', 'C', 'E', '\n', '\0'};
constexpr quint32 kVersion = 2; // 2: a send's key id, fencing token and payload; reads 1 too
constexpr quint32 kOldestVersion = 1;
constexpr quint32 kMaxFrame = 1u << 24; // no event comes near 16 MB: a larger length is damage
constexpr int kMaxNodes = 4096;

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data)
        c = table[(c ^ static_cast<quint8>(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

QDataStream &setUp(QDataStream &s)
{
    s.setByteOrder(QDataStream::LittleEndian);
    s.setVersion(QDataStream::Qt_6_4);
    return s;
}

QString writeError(const QIODevice &out)
{
    return out.errorString().isEmpty() ? u"cannot write"_s : out.errorString();
}

enum class Frame { Ok, End, Truncated, Damaged };

Frame readFrame(QIODevice &in, QByteArray *payload)
{
    const QByteArray head = in.read(4);
    if (head.isEmpty())
        return Frame::End;
    if (head.size() < 4)
        return Frame::Truncated;
    const auto length = qFromLittleEndian<quint32>(head.constData());
    if (length > kMaxFrame)
        return Frame::Damaged;
    *payload = in.read(length);
    if (payload->size() < static_cast<qsizetype>(length))
        return Frame::Truncated;
    const QByteArray tail = in.read(4);
    if (tail.size() < 4)
        return Frame::Truncated;
    return qFromLittleEndian<quint32>(tail.constData()) == crc32(*payload) ? Frame::Ok
                                                                           : Frame::Damaged;
}
} // namespace

namespace tracecodec {

QByteArray head(int nodeCount, const QStringList &names)
{
    QByteArray out(kMagic, sizeof kMagic);
    {
        QDataStream s(&out, QIODevice::Append);
        setUp(s) << kVersion;
    }
    QByteArray header;
    {
        QDataStream s(&header, QIODevice::WriteOnly);
        setUp(s) << static_cast<qint32>(nodeCount) << names;
    }
    appendFrame(out, header);
    return out;
}

void appendEvent(QByteArray &out, const TraceEvent &e)
{
    QByteArray payload;
    QDataStream s(&payload, QIODevice::WriteOnly);
    setUp(s) << static_cast<quint8>(e.kind) << e.node << e.peer << e.msgType << e.reason << e.labUs
             << e.wallUs << e.lamport << e.seq << e.txId << e.sessionId
             << static_cast<quint32>(e.vclock.size());
    for (const quint64 c : e.vclock)
        s << c;
    s << e.detail << e.keyId << e.token << e.payload;
    appendFrame(out, payload);
}

void appendFrame(QByteArray &out, const QByteArray &payload)
{
    QDataStream s(&out, QIODevice::Append);
    setUp(s) << static_cast<quint32>(payload.size());
    s.writeRawData(payload.constData(), static_cast<int>(payload.size()));
    s << crc32(payload);
}

Decoded decodeEvent(const uchar *p, const uchar *end, int nodeCount, quint32 version, TraceEvent &e)
{
    bool ok = true;
    const auto take = [&](auto &v) {
        using T = std::remove_reference_t<decltype(v)>;
        if (end - p < qint64(sizeof(T))) {
            ok = false;
            return;
        }
        v = qFromLittleEndian<T>(p);
        p += sizeof(T);
    };
    quint8 kind = 0;
    quint32 dims = 0;
    take(kind);
    take(e.node);
    take(e.peer);
    take(e.msgType);
    take(e.reason);
    take(e.labUs);
    take(e.wallUs);
    take(e.lamport);
    take(e.seq);
    take(e.txId);
    take(e.sessionId);
    take(dims);
    if (!ok || kind >= kTraceKindCount || dims > static_cast<quint32>(kMaxNodes) ||
        e.node > nodeCount || e.peer > nodeCount)
        return Decoded::OutOfRange;
    e.kind = static_cast<TraceKind>(kind);
    e.vclock.resize(dims);
    for (quint64 &c : e.vclock)
        take(c);
    quint32 bytes = 0;
    take(bytes);
    if (ok && bytes == 0xFFFFFFFFu) {
        e.detail = QString();
    } else if (ok && bytes % 2 == 0 && end - p >= qint64(bytes)) {
        // QDataStream's QString: UTF-16 in the stream's byte order (little-endian here).
        e.detail.resize(bytes / 2);
        for (quint32 i = 0; i < bytes / 2; ++i)
            e.detail[i] = QChar(qFromLittleEndian<quint16>(p + 2 * i));
        p += bytes;
    } else {
        ok = false;
    }
    e.keyId = 0;
    e.token = 0;
    e.payload = QByteArray();
    if (version >= 2) {
        take(e.keyId);
        take(e.token);
        quint32 raw = 0;
        take(raw);
        if (ok && raw == 0xFFFFFFFFu) {
            e.payload = QByteArray();
        } else if (ok && end - p >= qint64(raw)) {
            e.payload = QByteArray(reinterpret_cast<const char *>(p), raw);
            p += raw;
        } else {
            ok = false;
        }
    }
    return ok && p == end ? Decoded::Ok : Decoded::BadLength;
}

bool checkFrame(const uchar *p, quint32 length)
{
    return qFromLittleEndian<quint32>(p + length) ==
           crc32(QByteArray::fromRawData(reinterpret_cast<const char *>(p), length));
}

} // namespace tracecodec

bool writeTraceFile(const TraceStore &trace, QIODevice &out, QString *error)
{
    const auto fail = [&] {
        if (error)
            *error = writeError(out);
        return false;
    };
    const QByteArray head = tracecodec::head(trace.nodeCount(), trace.nodeNames());
    if (out.write(head) != head.size())
        return fail();
    bool ok = true;
    QByteArray frames;
    const auto flush = [&] {
        ok = ok && out.write(frames) == frames.size();
        frames.clear();
    };
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        if (!ok)
            return;
        tracecodec::appendEvent(frames, e);
        if (frames.size() >= (1 << 20))
            flush();
    });
    flush();
    return ok || fail();
}

bool writeTraceFile(const TraceStore &trace, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = path + u": "_s + file.errorString();
        return false;
    }
    QString why;
    if (!writeTraceFile(trace, file, &why)) {
        if (error)
            *error = path + u": "_s + why;
        file.cancelWriting();
        return false;
    }
    return commitFile(file, error); // a full disk's last flush is checked there
}

namespace {

// backing: the file in is, when the store may keep only its newest chunks in memory and read
// the others back from it (a large run); empty: everything in memory.
TraceFileContents readTrace(QIODevice &in, const QString &backing, qsizetype residentChunks)
{
    TraceFileContents r;
    const auto refuse = [&r](const QString &why) {
        r.trace.reset();
        r.error = why;
        return std::move(r);
    };
    const QByteArray head = in.read(sizeof kMagic + 4);
    if (head.size() < static_cast<qsizetype>(sizeof kMagic) ||
        !head.startsWith(QByteArray(kMagic, sizeof kMagic)))
        return refuse(u"not an EdgeCore Lab trace (its first bytes are not the trace file's "
                      "mark)"_s);
    if (head.size() < static_cast<qsizetype>(sizeof kMagic + 4))
        return refuse(u"the file ends inside its header"_s);
    const quint32 version = qFromLittleEndian<quint32>(head.constData() + sizeof kMagic);
    if (version < kOldestVersion || version > kVersion)
        return refuse(
            u"trace format version %1 is not one this lab reads (it reads %2 to %3)"_s.arg(version)
                .arg(kOldestVersion)
                .arg(kVersion));
    QByteArray payload;
    if (readFrame(in, &payload) != Frame::Ok)
        return refuse(u"the header is damaged or cut off"_s);
    qint32 nodeCount = 0;
    QStringList names;
    {
        QDataStream s(payload);
        setUp(s) >> nodeCount >> names;
        if (s.status() != QDataStream::Ok || !s.atEnd() || nodeCount < 1 || nodeCount > kMaxNodes ||
            names.size() > nodeCount + 1)
            return refuse(u"the header is damaged (node count %1)"_s.arg(nodeCount));
    }
    // Room for every event the file can hold (none is smaller than kMinFrame bytes).
    constexpr qint64 kMinFrame = 64;
    const qint64 room = in.isSequential() ? qint64(1) << 26 : in.size() / kMinFrame + 1;
    r.trace = std::make_unique<TraceStore>(nodeCount, static_cast<qsizetype>(room));
    r.trace->setNodeNames(names);
    // The events: the rest of the file, parsed from blocks in memory (a QDataStream per event
    // costs more than the parsing itself).
    qint64 base = in.pos(); // the file offset of buf[0]
    if (!backing.isEmpty()) {
        QString why;
        if (!r.trace->backWithFile(backing, version, base, residentChunks, &why))
            return refuse(why);
    }
    QByteArray buf;
    qint64 at = 0;
    bool eof = false;
    const auto fill = [&](qint64 need) {
        while (buf.size() - at < need && !eof) {
            if (at > 0) {
                buf.remove(0, at);
                base += at;
                at = 0;
            }
            const QByteArray more = in.read(std::max<qint64>(qint64(8) << 20, need));
            if (more.isEmpty())
                eof = true;
            else
                buf.append(more);
        }
        return buf.size() - at >= need;
    };
    TraceEvent e;
    for (qsizetype n = 0;; ++n) {
        if (!fill(1))
            break; // the end, between two events
        const auto where = [&] { return u"event %1 (byte %2)"_s.arg(n).arg(base + at); };
        if (!fill(8)) {
            r.truncated = true;
            break;
        }
        const quint32 length =
            qFromLittleEndian<quint32>(reinterpret_cast<const uchar *>(buf.constData()) + at);
        if (length > kMaxFrame)
            return refuse(u"damaged at "_s + where() + u": its length is impossible"_s);
        if (!fill(8 + qint64(length))) {
            r.truncated = true;
            break;
        }
        const uchar *p = reinterpret_cast<const uchar *>(buf.constData()) + at + 4;
        if (!tracecodec::checkFrame(p, length))
            return refuse(u"damaged at "_s + where() + u": its checksum does not match"_s);
        switch (tracecodec::decodeEvent(p, p + length, nodeCount, version, e)) {
        case tracecodec::Decoded::Ok:
            break;
        case tracecodec::Decoded::OutOfRange:
            return refuse(u"damaged at "_s + where() + u": a field is out of range"_s);
        case tracecodec::Decoded::BadLength:
            return refuse(u"damaged at "_s + where() + u": the event's length is wrong"_s);
        }
        r.trace->append(e);
        at += 8 + qint64(length);
        if (!backing.isEmpty() && r.trace->size() % TraceStore::kChunkEvents == 0)
            r.trace->chunkInFile(base + at); // in the file already: memory may let it go
    }
    return r;
}

} // namespace

TraceFileContents readTraceFile(QIODevice &in)
{
    return readTrace(in, {}, 0);
}

TraceFileContents readTraceFile(const QString &path, qint64 backedAbove, qsizetype residentChunks)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TraceFileContents r;
        r.error = path + u": "_s + file.errorString();
        return r;
    }
    // A large run keeps only its newest chunks in memory, the rest read back from the file.
    const bool large = file.size() > backedAbove;
    TraceFileContents r = readTrace(file, large ? path : QString(), residentChunks);
    if (!r.trace)
        r.error = path + u": "_s + r.error;
    return r;
}

} // namespace edgecore
