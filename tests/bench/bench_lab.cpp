// edgecore-bench: figures, not assertions. Measures a plain loopback TCP request/response
// baseline, then the cast: committed sessions and messages per second at saturation, and
// session latency at light load, each printed with its ratio to the baseline.

#include "lab/checker.h"
#include "lab/cluster.h"
#include "lab/loadgenerator.h"
#include "lab/simcluster.h"
#include "lab/summary.h"
#include "trace/tracestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <cstdio>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kMessageBytes = 200; // about the size of a PREPARE frame

// Echoes every kMessageBytes-sized message back, on its own thread.
class EchoServer : public QObject
{
public:
    // Called on the server's thread: the server and its sockets must live there.
    quint16 start()
    {
        auto *server = new QTcpServer(this);
        server->listen(QHostAddress::LocalHost, 0);
        connect(server, &QTcpServer::newConnection, this, [server] {
            QTcpSocket *s = server->nextPendingConnection();
            s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        });
        return server->serverPort();
    }
};

struct Baseline
{
    double rttP50Us = 0;
    double rttP99Us = 0;
    double pingPongMsgsPerSec = 0;
    double windowedMsgsPerSec = 0;
};

Baseline measureBaseline()
{
    QThread thread;
    EchoServer server;
    server.moveToThread(&thread);
    thread.start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        &server, [&] { port = server.start(); }, Qt::BlockingQueuedConnection);

    QTcpSocket c;
    c.connectToHost(QHostAddress::LocalHost, port);
    c.waitForConnected();
    c.setSocketOption(QAbstractSocket::LowDelayOption, 1); // only takes effect once connected
    const QByteArray msg(kMessageBytes, 'x');
    Baseline b;

    // One request, wait for its response: latency and ping-pong throughput.
    constexpr int kRoundTrips = 20000;
    QVector<double> rtts;
    rtts.reserve(kRoundTrips);
    QElapsedTimer all;
    all.start();
    for (int i = 0; i < kRoundTrips; ++i) {
        QElapsedTimer t;
        t.start();
        c.write(msg);
        qint64 got = 0;
        while (got < kMessageBytes) {
            c.waitForReadyRead(1000);
            got += c.readAll().size();
        }
        rtts << double(t.nsecsElapsed()) / 1000.0;
    }
    b.pingPongMsgsPerSec = 2.0 * kRoundTrips / (double(all.nsecsElapsed()) / 1e9);
    b.rttP50Us = percentile(rtts, 50);
    b.rttP99Us = percentile(rtts, 99);

    // 64 requests in flight: what loopback TCP carries at saturation through Qt sockets.
    constexpr int kWindow = 64;
    constexpr int kMessages = 200000;
    all.restart();
    int sent = 0;
    qint64 received = 0;
    while (sent < kWindow) {
        c.write(msg);
        ++sent;
    }
    while (received < qint64(kMessages) * kMessageBytes) {
        c.waitForReadyRead(1000);
        const qint64 n = c.readAll().size();
        received += n;
        int done = static_cast<int>(received / kMessageBytes);
        while (sent < kMessages && sent - done < kWindow) {
            c.write(msg);
            ++sent;
        }
    }
    b.windowedMsgsPerSec = 2.0 * kMessages / (double(all.nsecsElapsed()) / 1e9);
    c.disconnectFromHost();
    QMetaObject::invokeMethod(
        &server, [&server] { qDeleteAll(server.children()); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return b;
}

struct ClusterRun
{
    QVector<ClientReply> replies;
    double wallSeconds = 0;
    quint64 messages = 0;
    qsizetype events = 0;
};

ClusterRun runCluster(int sessions, int concurrency, quint64 seed, bool durable,
                      const QString &protocol)
{
    QTemporaryDir dir;
    ClusterConfig cfg;
    cfg.seed = seed;
    cfg.resources.capacityPerCell = 100'000'000;
    cfg.billing.initialCredit = 100'000'000;
    if (durable)
        cfg.dataDir = dir.path();
    Cluster cluster(cfg);
    cluster.start();
    LoadSpec spec;
    spec.sessions = sessions;
    spec.concurrency = concurrency;
    spec.protocol = protocol;
    LoadGenerator load(cluster, spec, seed);
    QEventLoop loop;
    QObject::connect(&load, &LoadGenerator::finished, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    load.start();
    if (!load.isFinished())
        loop.exec();
    ClusterRun r;
    r.wallSeconds = double(t.nsecsElapsed()) / 1e9;
    cluster.stop();
    r.replies = load.replies();
    r.events = cluster.trace().size();
    cluster.trace().forEach(0, r.events,
                            [&](const TraceEvent &e) { r.messages += e.kind == TraceKind::Send; });
    return r;
}

QString fmt(double v, int prec = 1)
{
    return QString::number(v, 'f', prec);
}

} // namespace

// Resident memory of this process, from /proc (Linux), in MB.
double residentMb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

// The soak: sessions that end, run for a long time in the simulator with the services' logs
// in SQLite files (as a real run keeps them, on disk and not in memory) and the checker
// following every trace event as it comes; resident memory printed at intervals. Flat after
// warm-up means every per-session structure is bounded or forgotten once settled.
int soak(QTextStream &out, int sessions, int every)
{
    QTemporaryDir dir;
    ClusterConfig cfg;
    cfg.seed = 11;
    cfg.dataDir = dir.path();
    cfg.traceCapacity = 500'000; // the trace keeps the start; the checker sees everything
    SimCluster sim(cfg);
    Checker checker(sim.trace());
    checker.follow();
    out << "soak: " << sessions << " sessions that end (VOICE exponential mean 1 s, DATA 0.5-3 s),"
        << " 8 clients, 40 ms think, 2PC, simulator, logs in SQLite, checker following\n";
    out << "  sessions   lab s    wall s   RSS MB   checker txs  trace kept / dropped\n";
    out.flush();
    QElapsedTimer wall;
    wall.start();
    LoadSpec spec;
    spec.concurrency = 8;
    spec.thinkMs = 40;
    spec.holding.on = true;
    int done = 0;
    int released = 0;
    int chunk = 0;
    while (done < sessions) {
        spec.sessions = std::min(every, sessions - done);
        for (const ClientReply &r : sim.runLoad(spec, 1000 + quint64(chunk++)))
            released += r.release && r.outcome == Outcome::Released;
        sim.forgetReplies();
        done += spec.sessions;
        out << "  " << QString::number(done).rightJustified(8) << "  "
            << fmt(toUs(sim.host().now()) / 1e6, 0).rightJustified(6) << "  "
            << fmt(double(wall.nsecsElapsed()) / 1e9, 1).rightJustified(7) << "  "
            << fmt(residentMb(), 1).rightJustified(7) << "  "
            << QString::number(checker.transactions()).rightJustified(11) << "  "
            << sim.trace().size() << " / " << sim.trace().dropped() << '\n';
        out.flush();
    }
    sim.settle();
    checker.finish(false);
    out << "  released " << released << " of " << done << "; checker "
        << (checker.ok() ? u"ok"_s : u"VIOLATIONS\n"_s + checker.report(cfg.seed)) << "\n";
    return checker.ok() && released == done ? 0 : 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (app.arguments().contains(u"--help"_s) || app.arguments().contains(u"-h"_s)) {
        out << "Usage: edgecore-bench [--soak [SESSIONS]]\n"
               "Without options: the loopback baseline, the commit protocols on threads at\n"
               "saturation, the simulator's speed and the trace's costs. --soak: sessions set up\n"
               "and released on threads for as long as it takes SESSIONS (200000 by default),\n"
               "printing memory and latency as it goes.\n";
        return 0;
    }
    out << "EdgeCore Lab benchmark\n";
    out << "machine: " << QSysInfo::prettyProductName() << ", "
        << QSysInfo::currentCpuArchitecture() << ", " << QThread::idealThreadCount()
        << " cores\n\n";
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(u"--soak"_s); i >= 0) {
        bool ok = true;
        const int sessions = i + 1 < args.size() ? args[i + 1].toInt(&ok) : 200'000;
        if (!ok || sessions <= 0) {
            QTextStream(stderr) << "edgecore-bench: --soak takes a number of sessions\n";
            return 2;
        }
        return soak(out, sessions, std::max(1, std::min(20'000, sessions / 10)));
    }
    if (args.size() > 1) {
        QTextStream(stderr) << "edgecore-bench: unknown option " << args[1]
                            << " (known: --soak [SESSIONS])\n";
        return 2;
    }

    const Baseline b = measureBaseline();
    out << "baseline: plain loopback TCP request/response, " << kMessageBytes << "-byte messages\n";
    out << "  round trip p50 / p99           " << fmt(b.rttP50Us) << " / " << fmt(b.rttP99Us)
        << " us\n";
    out << "  ping-pong messages/s           " << fmt(b.pingPongMsgsPerSec, 0) << '\n';
    out << "  64 in flight, messages/s       " << fmt(b.windowedMsgsPerSec, 0) << "\n\n";

    for (const QString &protocol : {u"2PC"_s, u"3PC"_s}) {
        const ClusterRun sat = runCluster(5000, 64, 1, true, protocol);
        int committed = 0;
        for (const ClientReply &r : sat.replies)
            committed += r.outcome == Outcome::Committed;
        const double sessionsPerSec = committed / sat.wallSeconds;
        const double msgsPerSec = double(sat.messages) / sat.wallSeconds;
        out << "cluster at saturation: 5000 sessions, 64 in flight, " << protocol
            << ", durable (SQLite WAL, synchronous=FULL)\n";
        out << "  committed sessions/s           " << fmt(sessionsPerSec, 0) << "  ("
            << fmt(sessionsPerSec / b.pingPongMsgsPerSec * 100, 2)
            << "% of baseline ping-pong messages/s)\n";
        out << "  messages/s                     " << fmt(msgsPerSec, 0) << "  ("
            << fmt(msgsPerSec / b.windowedMsgsPerSec * 100, 2)
            << "% of baseline 64-in-flight messages/s)\n";
        out << "  messages per session           "
            << fmt(double(sat.messages) / std::max(1, committed), 1) << '\n';
        out << "  trace events                   " << sat.events << " ("
            << TraceStore::bytesPerEvent(7) << " bytes each, fixed part)\n\n";

        const ClusterRun light = runCluster(500, 1, 2, true, protocol);
        QVector<double> lat;
        for (const ClientReply &r : light.replies)
            lat << double(r.latencyUs);
        const double p50 = percentile(lat, 50);
        const double p99 = percentile(lat, 99);
        out << "cluster at light load: 500 sessions one at a time, " << protocol << ", durable\n";
        out << "  session latency p50            " << fmt(p50 / 1000.0, 3) << " ms  ("
            << fmt(p50 / b.rttP50Us, 1) << "x baseline round trip p50)\n";
        out << "  session latency p99            " << fmt(p99 / 1000.0, 3) << " ms  ("
            << fmt(p99 / b.rttP99Us, 1) << "x baseline round trip p99)\n\n";
    }
    // The simulator: the same cast on one thread with a virtual clock.
    for (const QString &protocol : {u"2PC"_s, u"3PC"_s}) {
        ClusterConfig cfg;
        cfg.seed = 3;
        cfg.resources.capacityPerCell = 100'000'000;
        cfg.billing.initialCredit = 100'000'000;
        SimCluster sim(cfg);
        LoadSpec spec;
        spec.sessions = 5000;
        spec.concurrency = 64;
        spec.protocol = protocol;
        QElapsedTimer t;
        t.start();
        const QVector<ClientReply> replies = sim.runLoad(spec, 3);
        const double wallS = double(t.nsecsElapsed()) / 1e9;
        const double labS = toUs(sim.host().now()) / 1e6;
        out << "simulator: 5000 sessions, 64 in flight, " << protocol << "\n";
        out << "  simulated sessions/s (wall)    " << fmt(replies.size() / wallS, 0) << "  ("
            << fmt(replies.size() / wallS / b.pingPongMsgsPerSec * 100, 2)
            << "% of baseline ping-pong messages/s)\n";
        out << "  events/s (wall)                "
            << fmt(double(sim.host().eventsProcessed()) / wallS, 0) << '\n';
        out << "  speed                          " << fmt(labS / wallS, 1) << "x real time ("
            << fmt(labS, 2) << " s lab in " << fmt(wallS, 2) << " s wall)\n\n";
    }
    return 0;
}
