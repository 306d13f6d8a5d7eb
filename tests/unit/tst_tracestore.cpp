// The TraceStore: append-only, readable by index while threads append, bounded in memory.

#include "trace/tracefile.h"
#include "trace/tracestore.h"

#include <QBuffer>
#include <QDataStream>
#include <QFile>
#include <QTemporaryDir>

#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestTraceStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendAndRead();
    void concurrentAppendersAndReader();
    void capacityBoundsMemory();
    void millionEvents();
    void traceFileRoundTrip();
    void traceFileTruncatedKeepsCompleteEvents();
    void traceFileOfVersionOneReads();
    void spillKeepsMemoryBoundedAndReadsBack();
    void spillReadersWhileEvicting();
    void spillThatCannotWriteSaysSo();
    void largeFileOpensBackedByItself();
    void traceFileRefusesDamage_data();
    void traceFileRefusesDamage();
    void traceFileWriteFailureLeavesNothing();
};

namespace {
// A store with every field of every kind set to something its neighbour does not share.
std::unique_ptr<TraceStore> sample(int events)
{
    auto store = std::make_unique<TraceStore>(4, 1000);
    store->setNodeNames({QString(), u"edge"_s, u"sm-1"_s, u"rm"_s, u"mallory"_s});
    for (int i = 0; i < events; ++i) {
        TraceEvent e;
        e.kind = static_cast<TraceKind>(i % kTraceKindCount);
        e.node = static_cast<NodeId>(1 + i % 4);
        e.peer = static_cast<NodeId>(1 + (i + 1) % 4);
        e.msgType = static_cast<quint16>(i * 3);
        e.reason = static_cast<quint8>(i % 7);
        e.labUs = 1000 * i + 17;
        e.wallUs = 1'790'000'000'000'000 + i;
        e.lamport = 5 * i + 1;
        e.seq = (quint64(1) << 40) + i;
        e.txId = (quint64(2) << 48) | quint64(i);
        e.sessionId = 0xABCD0000u + i;
        e.vclock = {0, quint64(i), quint64(i + 1), quint64(2 * i), 7};
        e.detail = i % 3 ? u"événement %1 · ✓"_s.arg(i) : QString();
        e.keyId = quint32(i % 5);
        e.token = quint64(3 * i);
        e.payload = i % 2 ? QByteArray(i % 9, char(i)) : QByteArray();
        store->append(e);
    }
    return store;
}

QByteArray fileOf(const TraceStore &store)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!writeTraceFile(store, buffer, &error))
        qFatal("cannot write: %s", qPrintable(error));
    return buffer.data();
}

TraceFileContents parse(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readTraceFile(buffer);
}

void compareStores(const TraceStore &a, const TraceStore &b, qsizetype n)
{
    QCOMPARE(b.nodeNames(), a.nodeNames());
    QCOMPARE(b.nodeCount(), a.nodeCount());
    for (qsizetype i = 0; i < n; ++i) {
        const TraceEvent x = a.at(i);
        const TraceEvent y = b.at(i);
        QCOMPARE(int(y.kind), int(x.kind));
        QCOMPARE(y.node, x.node);
        QCOMPARE(y.peer, x.peer);
        QCOMPARE(y.msgType, x.msgType);
        QCOMPARE(y.reason, x.reason);
        QCOMPARE(y.labUs, x.labUs);
        QCOMPARE(y.wallUs, x.wallUs);
        QCOMPARE(y.lamport, x.lamport);
        QCOMPARE(y.seq, x.seq);
        QCOMPARE(y.txId, x.txId);
        QCOMPARE(y.sessionId, x.sessionId);
        QCOMPARE(y.vclock, x.vclock);
        QCOMPARE(y.detail, x.detail);
        QCOMPARE(y.keyId, x.keyId);
        QCOMPARE(y.token, x.token);
        QCOMPARE(y.payload, x.payload);
    }
}

quint32 crc32Of(const QByteArray &data)
{
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data) {
        c ^= static_cast<quint8>(ch);
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

// A file as format version 1 wrote it: no key id, token or payload after the detail.
QByteArray versionOneFileOf(const TraceStore &store)
{
    QByteArray out("EDGECORE-TRACE\n", 16);
    const auto frame = [&out](const QByteArray &payload) {
        QDataStream s(&out, QIODevice::Append);
        s.setByteOrder(QDataStream::LittleEndian);
        s << quint32(payload.size());
        s.writeRawData(payload.constData(), int(payload.size()));
        s << crc32Of(payload);
    };
    {
        QDataStream s(&out, QIODevice::Append);
        s.setByteOrder(QDataStream::LittleEndian);
        s << quint32(1);
    }
    QByteArray header;
    {
        QDataStream s(&header, QIODevice::WriteOnly);
        s.setByteOrder(QDataStream::LittleEndian);
        s.setVersion(QDataStream::Qt_6_4);
        s << qint32(store.nodeCount()) << store.nodeNames();
    }
    frame(header);
    store.forEach(0, store.size(), [&](const TraceEvent &e) {
        QByteArray p;
        QDataStream s(&p, QIODevice::WriteOnly);
        s.setByteOrder(QDataStream::LittleEndian);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint8(e.kind) << e.node << e.peer << e.msgType << e.reason << e.labUs << e.wallUs
          << e.lamport << e.seq << e.txId << e.sessionId << quint32(e.vclock.size());
        for (const quint64 c : e.vclock)
            s << c;
        s << e.detail;
        frame(p);
    });
    return out;
}
} // namespace

void TestTraceStore::traceFileRoundTrip()
{
    const auto store = sample(200);
    QTemporaryDir dir;
    const QString path = dir.filePath(QString::fromLatin1(kTraceFileName));
    QString error;
    QVERIFY2(writeTraceFile(*store, path, &error), qPrintable(error));
    const TraceFileContents back = readTraceFile(path);
    QVERIFY2(back.trace, qPrintable(back.error));
    QVERIFY(!back.truncated);
    QCOMPARE(back.trace->size(), 200);
    compareStores(*store, *back.trace, 200);
    if (QTest::currentTestFailed())
        return;
    // An empty run reads back as an empty run.
    const auto empty = sample(0);
    const TraceFileContents none = parse(fileOf(*empty));
    QVERIFY(none.trace);
    QCOMPARE(none.trace->size(), 0);
}

void TestTraceStore::traceFileOfVersionOneReads()
{
    // A run saved before sends carried their key id, token and payload reads back whole, with
    // those three empty.
    const auto store = sample(50);
    const TraceFileContents back = parse(versionOneFileOf(*store));
    QVERIFY2(back.trace, qPrintable(back.error));
    QCOMPARE(back.trace->size(), 50);
    for (qsizetype i = 0; i < 50; ++i) {
        const TraceEvent x = store->at(i);
        const TraceEvent y = back.trace->at(i);
        QCOMPARE(y.detail, x.detail);
        QCOMPARE(y.vclock, x.vclock);
        QCOMPARE(y.seq, x.seq);
        QCOMPARE(y.keyId, quint32(0));
        QVERIFY(y.payload.isEmpty());
    }
}

namespace {
// Event i of a spilled run: every field a function of i, so any read can be checked.
TraceEvent spilled(qsizetype i)
{
    TraceEvent e;
    e.kind = static_cast<TraceKind>(i % kTraceKindCount);
    e.node = static_cast<NodeId>(1 + i % 4);
    e.peer = static_cast<NodeId>(1 + (i + 1) % 4);
    e.labUs = 10 * i;
    e.seq = quint64(i);
    e.txId = quint64(i) * 7;
    e.vclock = {0, quint64(i), 2, 3, quint64(i % 100)};
    e.detail = i % 5 ? QString() : u"detail %1"_s.arg(i);
    e.keyId = 1;
    e.payload = i % 3 ? QByteArray() : QByteArray::number(i);
    return e;
}

bool isSpilled(const TraceEvent &e, qsizetype i)
{
    const TraceEvent x = spilled(i);
    return e.kind == x.kind && e.node == x.node && e.peer == x.peer && e.labUs == x.labUs &&
           e.seq == x.seq && e.txId == x.txId && e.vclock == x.vclock && e.detail == x.detail &&
           e.keyId == x.keyId && e.payload == x.payload;
}
} // namespace

void TestTraceStore::spillKeepsMemoryBoundedAndReadsBack()
{
    // Ten chunks and a bit, two kept in memory: the rest is written as it fills and read back
    // from the file when asked for; at the end the file is the whole trace.
    QTemporaryDir dir;
    const QString path = dir.filePath(QString::fromLatin1(kTraceFileName));
    constexpr qsizetype n = TraceStore::kChunkEvents * 10 + 123;
    TraceStore store(4, 1'000'000);
    store.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s, u"d"_s});
    QString error;
    QVERIFY2(store.spillTo(path, 2, &error), qPrintable(error));
    QVERIFY(store.spilling());
    for (qsizetype i = 0; i < n; ++i)
        QCOMPARE(store.append(spilled(i)), i);
    // The writer catches up: two chunks in memory and the one being filled.
    QTRY_VERIFY(store.residentChunks() <= 3);
    QCOMPARE(store.size(), n);
    QCOMPARE(store.dropped(), quint64(0));
    qsizetype checked = 0;
    store.forEach(0, n, [&](const TraceEvent &e) {
        if (isSpilled(e, checked))
            ++checked;
    });
    QCOMPARE(checked, n);
    // Random reads, far back and near, each its own event.
    for (const qsizetype i : {qsizetype(0), qsizetype(5), TraceStore::kChunkEvents * 3 + 1, n - 1,
                              qsizetype(17), TraceStore::kChunkEvents * 9})
        QVERIFY2(isSpilled(store.at(i), i), qPrintable(QString::number(i)));
    QVERIFY(store.residentChunks() <= 3);
    // Finished: the file holds every event, and reads back as the run.
    QVERIFY2(store.finishSpill(&error), qPrintable(error));
    QVERIFY(!store.spilling());
    const TraceFileContents back = readTraceFile(path);
    QVERIFY2(back.trace, qPrintable(back.error));
    QVERIFY(!back.truncated);
    QCOMPARE(back.trace->size(), n);
    QCOMPARE(back.trace->nodeNames(), store.nodeNames());
    for (qsizetype i = 0; i < n; i += 97)
        QVERIFY2(isSpilled(back.trace->at(i), i), qPrintable(QString::number(i)));
    QVERIFY(isSpilled(back.trace->at(n - 1), n - 1));
    // And the store still reads its old events from it.
    QVERIFY(isSpilled(store.at(1), 1));
}

void TestTraceStore::largeFileOpensBackedByItself()
{
    // A run too large to hold opens with its newest chunks in memory and the rest read back
    // from its file (here: above 0 bytes, two chunks kept).
    QTemporaryDir dir;
    const QString path = dir.filePath(QString::fromLatin1(kTraceFileName));
    constexpr qsizetype n = TraceStore::kChunkEvents * 9 + 77;
    {
        TraceStore store(4, 1'000'000);
        store.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s, u"d"_s});
        for (qsizetype i = 0; i < n; ++i)
            store.append(spilled(i));
        QString error;
        QVERIFY2(writeTraceFile(store, path, &error), qPrintable(error));
    }
    const TraceFileContents back = readTraceFile(path, 0, 2);
    QVERIFY2(back.trace, qPrintable(back.error));
    QVERIFY(!back.truncated);
    QCOMPARE(back.trace->size(), n);
    QVERIFY(back.trace->residentChunks() <= 3);
    qsizetype checked = 0;
    back.trace->forEach(0, n, [&](const TraceEvent &e) { checked += isSpilled(e, checked); });
    QCOMPARE(checked, n);
    QVERIFY(isSpilled(back.trace->at(3), 3));
    // Damage is found as it is read, as for a file read whole.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() / 2);
    const char flip = char(f.peek(1).at(0) ^ 0x20);
    f.write(&flip, 1);
    f.close();
    const TraceFileContents damaged = readTraceFile(path, 0, 2);
    QVERIFY(!damaged.trace);
    QVERIFY2(damaged.error.contains(u"damaged at event"_s), qPrintable(damaged.error));
}

void TestTraceStore::spillReadersWhileEvicting()
{
    // Hosts append while a view reads back and forth: every event read is the one asked for,
    // whether it is in memory, being let go or read back from the file.
    QTemporaryDir dir;
    TraceStore store(4, 1'000'000);
    QVERIFY(store.spillTo(dir.filePath(u"t.ectrace"_s), 1));
    constexpr qsizetype n = TraceStore::kChunkEvents * 12;
    std::atomic<bool> done{false};
    std::atomic<qsizetype> bad{0};
    std::atomic<qsizetype> reads{0};
    std::thread reader([&] {
        quint64 x = 12345;
        while (!done.load()) {
            const qsizetype size = store.size();
            if (size == 0)
                continue;
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            const auto from = static_cast<qsizetype>((x >> 33) % quint64(size));
            const qsizetype to = std::min(size, from + 300);
            qsizetype i = from;
            store.forEach(from, to, [&](const TraceEvent &e) {
                if (!isSpilled(e, i++))
                    ++bad;
            });
            reads += to - from;
        }
    });
    for (qsizetype i = 0; i < n; ++i)
        store.append(spilled(i));
    QTRY_VERIFY(store.residentChunks() <= 2);
    done = true;
    reader.join();
    QCOMPARE(bad.load(), qsizetype(0));
    QVERIFY(reads.load() > 0);
    QVERIFY(store.finishSpill());
}

void TestTraceStore::spillThatCannotWriteSaysSo()
{
    // A folder that is not there, and a device that is always full: the reason, and the store
    // goes on in memory.
    TraceStore store(4, 1000);
    QString error;
    QVERIFY(!store.spillTo(u"/nonexistent/dir/trace.ectrace"_s, 2, &error));
    QVERIFY2(error.contains(u"/nonexistent/dir/trace.ectrace"_s), qPrintable(error));
    if (QFile::exists(u"/dev/full"_s)) {
        error.clear();
        QVERIFY(!store.spillTo(u"/dev/full"_s, 2, &error));
        QVERIFY2(error.contains(u"/dev/full"_s), qPrintable(error));
    }
    QVERIFY(!store.spilling());
    QCOMPARE(store.append(spilled(0)), 0);
    QVERIFY(isSpilled(store.at(0), 0));
}

void TestTraceStore::traceFileTruncatedKeepsCompleteEvents()
{
    // A run killed while its file was being written: every cut point inside the last event
    // keeps the events before it, and says it was cut.
    const auto store = sample(10);
    const QByteArray whole = fileOf(*store);
    const QByteArray nine = fileOf(*sample(9));
    for (qsizetype cut = nine.size() + 1; cut < whole.size(); ++cut) {
        const TraceFileContents r = parse(whole.left(cut));
        QVERIFY2(r.trace, qPrintable(r.error));
        QVERIFY(r.truncated);
        QCOMPARE(r.trace->size(), 9);
    }
    compareStores(*store, *parse(whole.left(whole.size() - 1)).trace, 9);
}

void TestTraceStore::traceFileRefusesDamage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray good = fileOf(*sample(5));
    QTest::newRow("empty") << QByteArray() << u"not an EdgeCore Lab trace"_s;
    QTest::newRow("foreign") << QByteArray("{\"traceEvents\": []}")
                             << u"not an EdgeCore Lab trace"_s;
    QByteArray version = good;
    version[16] = 9;
    QTest::newRow("version") << version << u"format version 9"_s;
    QTest::newRow("header cut") << good.left(18) << u"ends inside its header"_s;
    QByteArray flipped = good;
    flipped[good.size() - 20] = static_cast<char>(flipped[good.size() - 20] ^ 0x40);
    QTest::newRow("bit flip in the last event") << flipped << u"damaged at event 4"_s;
    QByteArray length = good;
    length[good.size() / 2] = static_cast<char>(0xFF);
    QTest::newRow("bit flip mid-file") << length << u"damaged at event"_s;
    QByteArray header = good;
    header[25] = static_cast<char>(header[25] ^ 1);
    QTest::newRow("header damaged") << header << u"header is damaged"_s;
}

void TestTraceStore::traceFileRefusesDamage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const TraceFileContents r = parse(bytes);
    QVERIFY(!r.trace);
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
}

void TestTraceStore::traceFileWriteFailureLeavesNothing()
{
    // A folder that cannot take the file: the reason, and no file (nor half of one) left.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"missing/sub/trace.ectrace"_s);
    QString error;
    QVERIFY(!writeTraceFile(*sample(3), path, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    // /dev/full: the disk is full at every write.
    if (QFile::exists(u"/dev/full"_s)) {
        QFile full(u"/dev/full"_s);
        QVERIFY(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        QVERIFY(!writeTraceFile(*sample(3), full, &error));
        QVERIFY(!error.isEmpty());
    }
}

void TestTraceStore::appendAndRead()
{
    TraceStore store(3, 100);
    TraceEvent e;
    e.kind = TraceKind::Send;
    e.node = 2;
    e.peer = 3;
    e.msgType = static_cast<quint16>(MsgType::Prepare);
    e.labUs = 1500;
    e.seq = 99;
    e.txId = 7;
    e.vclock = {0, 1, 4, 2};
    e.detail = u"hello"_s;
    QCOMPARE(store.append(e), 0);
    QCOMPARE(store.size(), 1);
    const TraceEvent back = store.at(0);
    QCOMPARE(toString(back.kind), toString(TraceKind::Send));
    QCOMPARE(back.node, NodeId(2));
    QCOMPARE(back.peer, NodeId(3));
    QCOMPARE(back.seq, quint64(99));
    QCOMPARE(back.txId, TxId(7));
    QCOMPARE(back.detail, u"hello"_s);
    QCOMPARE(back.vclock, (VectorClock{0, 1, 4, 2}));
}

void TestTraceStore::concurrentAppendersAndReader()
{
    TraceStore store(4, 200000);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20000;
    std::atomic<bool> done{false};
    qsizetype readerSaw = 0;
    bool orderOk = true;
    std::thread reader([&] {
        // Reads incrementally, as the views do, while the writers append.
        std::vector<quint64> lastSeq(kThreads + 1, 0);
        while (!done.load() || readerSaw < store.size()) {
            const qsizetype to = store.size();
            store.forEach(readerSaw, to, [&](const TraceEvent &e) {
                if (e.seq <= lastSeq[e.node] && lastSeq[e.node] != 0)
                    orderOk = false;
                lastSeq[e.node] = e.seq;
            });
            readerSaw = to;
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> writers;
    for (int t = 1; t <= kThreads; ++t) {
        writers.emplace_back([&store, t] {
            TraceEvent e;
            e.node = static_cast<NodeId>(t);
            for (int i = 1; i <= kPerThread; ++i) {
                e.seq = static_cast<quint64>(i);
                store.append(e);
            }
        });
    }
    for (auto &w : writers)
        w.join();
    done = true;
    reader.join();
    QCOMPARE(store.size(), qsizetype(kThreads * kPerThread));
    QCOMPARE(readerSaw, store.size());
    QVERIFY(orderOk); // each writer's events appear in its own order
}

void TestTraceStore::capacityBoundsMemory()
{
    TraceStore store(2, 10);
    TraceEvent e;
    for (int i = 0; i < 15; ++i)
        store.append(e);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.dropped(), quint64(5));
}

void TestTraceStore::millionEvents()
{
    TraceStore store(9, 1'000'000);
    TraceEvent e;
    e.kind = TraceKind::Deliver;
    e.vclock = VectorClock(10, 1);
    e.detail = u"same literal detail"_s;
    for (int i = 0; i < 1'000'000; ++i) {
        e.seq = static_cast<quint64>(i);
        QVERIFY(store.append(e) >= 0);
    }
    QCOMPARE(store.size(), 1'000'000);
    QCOMPARE(store.at(999'999).seq, quint64(999'999));
    QCOMPARE(store.dropped(), quint64(0));
    // The fixed part per event stays small enough for a million events in well under 200 MB.
    QVERIFY(TraceStore::bytesPerEvent(9) < 200);
}

QTEST_GUILESS_MAIN(TestTraceStore)
#include "tst_tracestore.moc"
