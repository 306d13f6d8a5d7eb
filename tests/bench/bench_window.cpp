// The window's responsiveness while the cast runs flat out, printed (no test asserts on
// time): a load test at 10x with 64 sessions in flight and the diagram following the live
// end, on threads and in the simulator, while a 5 ms timer stands in for the user's input;
// how late each of its ticks is handled is how long a key press would wait. Then the memory
// the process holds, and how much of the diagram's and the table's folds stayed in memory
// (the rest let go, to be read back from the run folder's trace); runs of two minutes or more
// print it once a minute as well.
//   edgecore-window-bench [--seconds S] [--engine threads|simulator]   (S: per engine, 10)

#include "lab/labengine.h"
#include "mainwindow.h"
#include "sequence/sequenceview.h"
#include "sessionsmodel.h"
#include "timeline/messageflow.h"
#include "timeline/sessionfold.h"
#include "trace/tracestore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <vector>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {
QString ms(double v)
{
    return QString::number(v, 'f', v < 10 ? 2 : 1);
}

// This process's resident memory now, in MB (Linux), or -1.
double residentMb()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? double(fields[1].toLongLong()) * 4 / 1024 : -1;
}

// Bytes malloc has handed out and not had back, in MB (glibc), or -1.
qint64 allocatedMb()
{
#ifdef __GLIBC__
    const struct mallinfo2 m = mallinfo2();
    return qint64((m.uordblks + m.hblkhd) >> 20);
#else
    return -1;
#endif
}

QString memory(MainWindow &w)
{
    const MessageFlow &flow = w.messageFlow();
    const SessionFold &fold = w.sessionsModel()->fold();
    return u"%1 MB resident (%12 MB allocated); trace %2 events, %3 chunks in memory; diagram %4 "
           u"messages, %5 "
           "blocks in memory, %6 let go (summaries %10 MB, %11 frames owed an end); table %7 "
           "rows, %8 blocks in memory, %9 let go"_s.arg(QString::number(residentMb(), 'f', 0))
               .arg(w.engine()->trace().size())
               .arg(w.engine()->trace().residentChunks())
               .arg(flow.messageCount())
               .arg(flow.heldBlocks())
               .arg(flow.blocksLetGo())
               .arg(fold.rowCount())
               .arg(fold.heldBlocks())
               .arg(fold.blocksLetGo())
               .arg(QString::number(double(flow.summaryBytes()) / (1 << 20), 'f', 1))
               .arg(flow.onTheirWay())
               .arg(allocatedMb());
}

// The run browsed back once it is over, as a user reaches its early parts: the time cursor put
// at 10%, 50% and 90% of its events (the table and the log as they were then), and the
// diagram moved to the lab time of that event at 20 us a pixel, painted twice (the first
// paint folds the blocks in view again from the run folder's file; the second finds them).
void browseBack(MainWindow &w, QTextStream &out)
{
    TraceStore &trace = w.engine()->trace();
    const qsizetype n = trace.size();
    SequenceView *view = w.sequenceView();
    view->setFollowing(false);
    QElapsedTimer t;
    for (const double at : {0.1, 0.5, 0.9}) {
        const auto event = static_cast<qsizetype>(double(n) * at);
        t.start();
        w.setCursorEvent(event);
        QCoreApplication::processEvents();
        const double cursorMs = double(t.nsecsElapsed()) / 1e6;
        w.setCursorEvent(-1);
        view->layout().setScale(20);
        view->layout().setTop(trace.at(event).labUs);
        t.start();
        view->repaint();
        const double firstMs = double(t.nsecsElapsed()) / 1e6;
        t.start();
        view->repaint();
        const double againMs = double(t.nsecsElapsed()) / 1e6;
        out << u"  browsing back to %1% (event %2): the cursor there %3 ms; the diagram there "
               u"%4 ms, again %5 ms, %6 arrows\n"_s.arg(qRound(at * 100))
                   .arg(event)
                   .arg(ms(cursorMs), ms(firstMs), ms(againMs))
                   .arg(view->lastDrawn());
    }
}

void measure(LabEngine::Kind kind, int seconds, QTextStream &out)
{
    MainWindow w(1);
    w.setEngineKind(kind, false);
    Preferences prefs = w.preferences();
    prefs.loadConcurrency = 64;
    w.setPreferences(prefs);
    w.resize(1600, 1000);
    w.show();
    w.setSpeed(10);
    // More than it can answer in the time (some 800 a second here): flat out throughout.
    w.startLoad(std::max(1'000'000, seconds * 2000));
    // Warm: a leader, connections, the diagram following.
    QEventLoop warm;
    QTimer::singleShot(2000, &warm, &QEventLoop::quit);
    warm.exec();

    const auto answered = [&w] {
        SessionsModel *s = w.sessionsModel();
        return s->count(Outcome::Committed) + s->count(Outcome::Aborted) +
               s->count(Outcome::Invalid);
    };
    const int answeredBefore = answered();
    const qsizetype eventsBefore = w.engine()->trace().size();
    std::vector<double> late;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer input;
    input.setTimerType(Qt::PreciseTimer);
    input.setInterval(5);
    QObject::connect(&input, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        late.push_back(std::max(0.0, double(now - last) / 1e6 - 5.0));
        last = now;
    });
    input.start();
    std::vector<double> paints;
    std::vector<int> drawn;
    SequenceView *view = w.sequenceView();
    QObject::connect(view, &SequenceView::viewChanged, [&] {
        paints.push_back(double(view->lastPaintNs()) / 1e6);
        drawn.push_back(view->lastDrawn());
    });
    QStringList minutes;
    QTimer minute;
    minute.setInterval(60'000);
    QObject::connect(&minute, &QTimer::timeout, [&] {
        minutes << u"  %1 min: %2"_s.arg(minutes.size() + 1).arg(memory(w));
        QTextStream(stderr) << minutes.back() << '\n'; // as it goes, for a long run
    });
    if (seconds >= 120)
        minute.start();
    QEventLoop run;
    QTimer::singleShot(seconds * 1000, &run, &QEventLoop::quit);
    run.exec();
    input.stop();
    const double wallS = clock.nsecsElapsed() / 1e9;
    const int sessions = answered() - answeredBefore;
    const qsizetype events = w.engine()->trace().size() - eventsBefore;
    w.cancelLoad();
    std::sort(late.begin(), late.end());
    const auto at = [&late](double q) {
        return late.empty() ? 0.0 : late[std::min(late.size() - 1, size_t(q * late.size()))];
    };
    out << (kind == LabEngine::Kind::Threads ? "threads  " : "simulator") << "  "
        << QString::number(double(sessions) / wallS, 'f', 0).leftJustified(10) << ' '
        << QString::number(double(events) / wallS, 'f', 0).leftJustified(10) << ' '
        << QString(ms(at(0.5)) + u" / "_s + ms(at(0.99)) + u" / "_s + ms(late.back()) + u" ms"_s)
        << "  (" << late.size() << " ticks)\n";
    QObject::disconnect(view, &SequenceView::viewChanged, nullptr, nullptr);
    std::sort(paints.begin(), paints.end());
    std::sort(drawn.begin(), drawn.end());
    if (!paints.empty())
        out << "  diagram paints: " << paints.size() << ", p50 / p99 / max "
            << ms(paints[paints.size() / 2]) << " / " << ms(paints[paints.size() * 99 / 100])
            << " / " << ms(paints.back()) << " ms, arrows p50 " << drawn[drawn.size() / 2]
            << ", max " << drawn.back() << '\n';
    for (const QString &line : minutes)
        out << line << '\n';
    out << "  at the end: " << memory(w) << '\n';
    browseBack(w, out);
    out << "  after browsing: " << memory(w) << '\n';
    out.flush();
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // A scratch home: the window's settings and run folders go there, not the user's.
    QTemporaryDir scratch;
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = scratch.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        qputenv(name, QFile::encodeName(dir));
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"EdgeCoreBench"_s);
    QTextStream out(stdout);
    int seconds = 10;
    const QStringList args = app.arguments();
    if (args.contains(u"--help"_s)) {
        out << "Usage: edgecore-window-bench [--seconds S] [--engine threads|simulator]\n";
        return 0;
    }
    if (const qsizetype i = args.indexOf(u"--seconds"_s); i >= 0) {
        bool ok = false;
        seconds = i + 1 < args.size() ? args[i + 1].toInt(&ok) : 0;
        if (!ok || seconds < 1 || seconds > 3600) {
            QTextStream(stderr) << "edgecore-window-bench: --seconds takes 1 to 3600\n";
            return 2;
        }
    }
    out << "EdgeCore Lab window responsiveness benchmark\n";
    out << "machine: " << QSysInfo::prettyProductName() << ", "
        << QSysInfo::currentCpuArchitecture() << ", " << QThread::idealThreadCount()
        << " cores; window 1600x1000 offscreen, load test at 10x, 64 in flight, " << seconds
        << " s each\n\n";
    out << "engine     sessions/s events/s   input late p50 / p99 / max\n";
    QString engine;
    if (const qsizetype i = args.indexOf(u"--engine"_s); i >= 0) {
        engine = args.value(i + 1);
        if (engine != u"threads"_s && engine != u"simulator"_s) {
            QTextStream(stderr) << "edgecore-window-bench: --engine takes threads or simulator\n";
            return 2;
        }
    }
    if (engine != u"simulator"_s)
        measure(LabEngine::Kind::Threads, seconds, out);
    if (engine != u"threads"_s)
        measure(LabEngine::Kind::Simulator, seconds, out);
    return 0;
}
