// The sequence diagram's costs, printed (no test asserts on time): for 10k, 100k, 1M and 10M
// recorded messages, the frame time p50/p95 at three zooms (the whole run, one second, one
// millisecond) and while dragging the view, the time to open a saved run of that size
// (trace.ectrace read and folded), and bytes per stored event in memory and on disk.
//   edgecore-diagram-bench [--max N]   (N: the largest size, 10000000 by default)

#include "sequence/sequencelayout.h"
#include "sequence/sequencepainter.h"
#include "timeline/messageflow.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <random>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {
QString ms(double v)
{
    return QString::number(v, 'f', v < 10 ? 2 : 1);
}

// A run of `messages` frames among nine services, a few hundred a lab second at first and
// then as dense as a loaded cast: each a send and, 0.2 to 2 ms later, its delivery (one in a
// thousand lost, one in a thousand refused).
const QStringList kNames{QString(), u"edge"_s,    u"sm-1"_s,      u"sm-2"_s, u"sm-3"_s,
                         u"rm"_s,   u"billing"_s, u"analytics"_s, u"dsm"_s,  u"mallory"_s};

void record(TraceStore *trace, qsizetype messages)
{
    std::mt19937_64 rng(42);
    qint64 t = 0;
    std::vector<std::pair<qint64, TraceEvent>> inFlight;
    const auto flushUntil = [&](qint64 until) {
        std::sort(inFlight.begin(), inFlight.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        while (!inFlight.empty() && inFlight.back().first <= until) {
            trace->append(inFlight.back().second);
            inFlight.pop_back();
        }
    };
    for (qsizetype i = 0; i < messages; ++i) {
        t += 20 + static_cast<qint64>(rng() % 200); // ~9,000 messages a lab second
        flushUntil(t);
        TraceEvent send;
        send.kind = TraceKind::Send;
        send.node = static_cast<NodeId>(1 + rng() % 8);
        send.peer = static_cast<NodeId>(1 + (send.node + rng() % 7) % 8);
        send.msgType = static_cast<quint16>(2 + rng() % 30);
        send.seq = static_cast<quint64>(i + 1);
        send.txId = static_cast<TxId>(i / 8);
        send.labUs = t;
        send.lamport = static_cast<quint64>(i);
        trace->append(send);
        TraceEvent end = send;
        const quint64 fate = rng() % 1000;
        end.kind = fate == 0 ? TraceKind::Drop : fate == 1 ? TraceKind::Reject : TraceKind::Deliver;
        if (end.kind != TraceKind::Drop)
            std::swap(end.node, end.peer);
        end.labUs = t + 200 + static_cast<qint64>(rng() % 1800);
        inFlight.emplace_back(end.labUs, end);
        if (inFlight.size() > 64)
            flushUntil(t);
    }
    flushUntil(std::numeric_limits<qint64>::max());
}

std::unique_ptr<TraceStore> synthetic(qsizetype messages)
{
    auto trace = std::make_unique<TraceStore>(9, messages * 2 + 16);
    trace->setNodeNames(kNames);
    record(trace.get(), messages);
    return trace;
}

// This process's resident memory now, in kB (Linux), or -1.
qint64 residentKb()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4 : -1;
}

struct Frames
{
    double p50 = 0;
    double p95 = 0;
    int drawn = 0;
};

Frames frames(const MessageFlow &flow, const QStringList &names, double usPerPixel, qint64 top,
              bool drag, int count = 40, const QString &saveTo = QString())
{
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    SequenceLayout layout;
    std::vector<NodeId> lanes;
    for (int n = 1; n < names.size(); ++n)
        lanes.push_back(static_cast<NodeId>(n));
    layout.setLanes(lanes);
    layout.setSize(image.size());
    layout.setScale(usPerPixel);
    layout.setTop(top);
    SequenceScene scene;
    scene.layout = &layout;
    scene.flow = &flow;
    scene.names = names;
    scene.nowUs = flow.lastUs();
    std::vector<double> times;
    Frames f;
    for (int i = 0; i < count; ++i) {
        if (drag)
            layout.scrollBy(7); // a cursor drag: a new window every frame
        QElapsedTimer timer;
        timer.start();
        QPainter p(&image);
        f.drawn = SequencePainter::paint(p, scene);
        p.end();
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    if (!saveTo.isEmpty() && !image.save(saveTo))
        QTextStream(stderr) << "edgecore-diagram-bench: cannot write " << saveTo << '\n';
    std::sort(times.begin(), times.end());
    f.p50 = times[times.size() / 2];
    f.p95 = times[std::min(times.size() - 1, times.size() * 95 / 100)];
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    qsizetype maxMessages = 10'000'000;
    const QStringList args = app.arguments();
    if (args.contains(u"--help"_s)) {
        out << "Usage: edgecore-diagram-bench [--max MESSAGES] [--frame PNG]\n"
               "  --frame PNG  also save the frame painted 100 ms far back in the spilled run\n";
        return 0;
    }
    if (const qsizetype i = args.indexOf(u"--max"_s); i >= 0) {
        bool ok = false;
        maxMessages = i + 1 < args.size() ? args[i + 1].toLongLong(&ok) : 0;
        if (!ok || maxMessages < 1000) {
            QTextStream(stderr) << "edgecore-diagram-bench: --max takes a number of messages "
                                   "from 1000 up\n";
            return 2;
        }
    }
    const qsizetype frameAt = args.indexOf(u"--frame"_s);
    const QString framePath = frameAt >= 0 ? args.value(frameAt + 1) : QString();
    if (frameAt >= 0 && framePath.isEmpty()) {
        QTextStream(stderr) << "edgecore-diagram-bench: --frame takes a file name\n";
        return 2;
    }
    out << "EdgeCore Lab sequence diagram benchmark\n";
    out << "machine: " << QSysInfo::prettyProductName() << ", "
        << QSysInfo::currentCpuArchitecture() << ", " << QThread::idealThreadCount()
        << " cores; frames 1200x800, raster\n\n";
    QTemporaryDir dir;
    // First, while memory is fresh, the window's store over the largest run: spilling to its file
    // as it grows, memory holds its newest chunks; a read far back costs one chunk read from the
    // file.
    {
        const qint64 before = residentKb();
        TraceStore spilled(9, TraceStore::kSpilledCapacity);
        spilled.setNodeNames(kNames);
        const QString path = dir.filePath(u"spilled.ectrace"_s);
        QString error;
        if (!spilled.spillTo(path, TraceStore::kResidentChunks, &error)) {
            QTextStream(stderr) << "edgecore-diagram-bench: " << error << '\n';
            return 1;
        }
        QElapsedTimer took;
        took.start();
        record(&spilled, maxMessages);
        const double recordS = took.nsecsElapsed() / 1e9;
        const qsizetype behind = spilled.residentChunks();
        // The file finished (the writer joined): every chunk it let go is gone from memory.
        if (!spilled.finishSpill(&error)) {
            QTextStream(stderr) << "edgecore-diagram-bench: " << error << '\n';
            return 1;
        }
        const double writtenS = took.nsecsElapsed() / 1e9;
        const qint64 grown = residentKb() - before;
        const qsizetype resident = spilled.residentChunks();
        std::mt19937_64 rng(7);
        std::vector<double> reads;
        const qsizetype events = spilled.size();
        for (int i = 0; i < 200; ++i) {
            const auto at = static_cast<qsizetype>(rng() % quint64(events));
            QElapsedTimer one;
            one.start();
            const TraceEvent e = spilled.at(at);
            reads.push_back(one.nsecsElapsed() / 1e6);
            if (e.labUs < 0)
                return 1;
        }
        std::sort(reads.begin(), reads.end());
        out << "spilling store, " << maxMessages << " messages (" << events
            << " events): recorded in " << QString::number(recordS, 'f', 1) << " s (" << behind
            << " chunks in memory then), written by " << QString::number(writtenS, 'f', 1)
            << " s, then " << resident << " chunks in memory (" << TraceStore::kChunkEvents
            << " events each), resident memory grew "
            << QString::number(double(grown) / 1024, 'f', 0) << " MB, file "
            << QString::number(double(QFileInfo(path).size()) / (1 << 20), 'f', 0)
            << " MB; a random read far back p50 / p95 " << ms(reads[reads.size() / 2]) << " / "
            << ms(reads[reads.size() * 95 / 100]) << " ms\n";
        // The diagram's fold over it, as the window keeps it for a trace that spills: the
        // newest blocks in memory, older ones let go and folded again from the file when a
        // view reaches them.
        const qint64 beforeFold = residentKb();
        took.restart();
        MessageFlow flow;
        flow.holdBlocks(MessageFlow::kHeldBlocks);
        flow.advance(spilled);
        const double foldS = took.nsecsElapsed() / 1e9;
        const qint64 foldGrown = residentKb() - beforeFold;
        // A view far back (100 ms of lab time, 10% into the run, about 900 arrows): its first
        // frame folds blocks again from the file; the frames after it find them read back.
        const qint64 span = flow.lastUs() - flow.firstUs();
        took.restart();
        const Frames first = frames(flow, kNames, 1e5 / 760, flow.firstUs() + span / 10, false, 1);
        const double firstMs = took.nsecsElapsed() / 1e6;
        const qsizetype refolded = flow.refolds();
        const Frames after =
            frames(flow, kNames, 1e5 / 760, flow.firstUs() + span / 10, false, 40, framePath);
        out << "its diagram fold: " << flow.messageCount() << " messages folded in "
            << QString::number(foldS, 'f', 1) << " s; " << flow.heldBlocks() << " blocks of "
            << MessageFlow::kBlockMessages << " in memory, " << flow.blocksLetGo()
            << " let go; resident memory grew " << QString::number(double(foldGrown) / 1024, 'f', 0)
            << " MB; 100 ms far back: first frame " << ms(firstMs) << " ms (" << refolded
            << " blocks folded again), then p50 / p95 " << ms(after.p50) << " / " << ms(after.p95)
            << " ms\n\n";
        (void)first;
    }
    out << "messages   open (read + fold)  bytes/event mem  disk   whole run p50/p95   "
           "1 s p50/p95        1 ms p50/p95       drag p50/p95\n";
    for (qsizetype n = 10'000; n <= maxMessages; n *= 10) {
        auto trace = synthetic(n);
        const QString path = dir.filePath(u"trace.ectrace"_s);
        QString error;
        if (!writeTraceFile(*trace, path, &error)) {
            QTextStream(stderr) << "edgecore-diagram-bench: " << error << '\n';
            return 1;
        }
        const qint64 diskBytes = QFileInfo(path).size();
        const qsizetype events = trace->size();
        const QStringList names = trace->nodeNames();
        trace.reset();
        QElapsedTimer open;
        open.start();
        TraceFileContents read = readTraceFile(path);
        MessageFlow flow;
        if (read.trace->backedByFile()) // as the window opens it: a bounded part in memory
            flow.holdBlocks(MessageFlow::kHeldBlocks);
        flow.advance(*read.trace);
        const double openMs = open.nsecsElapsed() / 1e6;
        const double memPerEvent =
            double(TraceStore::bytesPerEvent(read.trace->nodeCount())) +
            double(std::min<qsizetype>(qsizetype(flow.messageCount()),
                                       flow.heldBlocks() * MessageFlow::kBlockMessages) *
                   qsizetype(sizeof(FlowMessage) + sizeof(int))) /
                double(events);
        const qint64 span = flow.lastUs() - flow.firstUs();
        const qint64 mid = flow.firstUs() + span / 2;
        const Frames whole = frames(flow, names, double(span) / 760, flow.firstUs(), false);
        const Frames second = frames(flow, names, 1e6 / 760, mid, false);
        const Frames milli = frames(flow, names, 1e3 / 760, mid, false);
        const Frames drag = frames(flow, names, 1e6 / 760, mid, true);
        out << QString::number(n).leftJustified(10) << ' '
            << QString(ms(openMs) + u" ms"_s).leftJustified(19) << ' '
            << QString::number(memPerEvent, 'f', 0).leftJustified(16) << ' '
            << QString::number(double(diskBytes) / events, 'f', 0).leftJustified(6) << ' '
            << QString(ms(whole.p50) + u" / "_s + ms(whole.p95) + u" ms"_s).leftJustified(19) << ' '
            << QString(ms(second.p50) + u" / "_s + ms(second.p95) + u" ms"_s).leftJustified(18)
            << ' ' << QString(ms(milli.p50) + u" / "_s + ms(milli.p95) + u" ms"_s).leftJustified(18)
            << ' ' << ms(drag.p50) << " / " << ms(drag.p95) << " ms\n";
        out.flush();
    }
    return 0;
}
