#include "headless.h"

#include "checker.h"
#include "core/savefile.h"
#include "faultrunner.h"
#include "labcontrols.h"
#include "loadgenerator.h"
#include "scenario.h"
#include "services/analytics.h"
#include "simcluster.h"
#include "storage/ledger.h"
#include "summary.h"
#include "trace/chrometrace.h"
#include "trace/tracefile.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

// Every set-up answered, and every committed session that ends released.
bool loadDone(const QVector<ClientReply> &replies, int sessions)
{
    const ReplyTally t = tallyReplies(replies);
    return t.setUps >= sessions && t.owed.empty();
}

Summary::Stream streamOf(const Analytics &a)
{
    Summary::Stream s;
    s.present = true;
    s.events = a.events();
    s.decisions = a.decisions();
    s.gaps = a.gaps();
    s.duplicates = a.duplicates();
    s.released = a.released();
    s.meanHoldingMs = a.meanHoldingMs();
    for (int c = 0; c < 2; ++c)
        for (int p = 0; p < 2; ++p)
            s.meanLatencyMs[c][p] =
                a.meanLatencyMs(static_cast<TrafficClass>(c), static_cast<Protocol>(p));
    return s;
}

// What makes a folder a run's: its files, which a new run would mix with its own.
const QStringList kRunFiles{u"summary.json"_s, u"trace.json"_s,
                            QString::fromLatin1(kTraceFileName)};
const QStringList kServiceLogs{u"*.sqlite"_s, u"*.sqlite-wal"_s, u"*.sqlite-shm"_s};

QStringList runFilesIn(const QString &dir)
{
    const QDir d(dir);
    QStringList found;
    for (const QString &f : kRunFiles)
        if (d.exists(f))
            found << f;
    if (!QDir(d.filePath(u"data"_s)).entryList(kServiceLogs, QDir::Files).isEmpty())
        found << u"data/*.sqlite"_s;
    return found;
}

bool clearRun(const QString &dir, QString *error)
{
    QDir d(dir);
    for (const QString &f : kRunFiles)
        if (d.exists(f) && !d.remove(f)) {
            *error = u"cannot remove "_s + d.filePath(f);
            return false;
        }
    QDir data(d.filePath(u"data"_s));
    for (const QString &f : data.entryList(kServiceLogs, QDir::Files))
        if (!data.remove(f)) {
            *error = u"cannot remove "_s + data.filePath(f);
            return false;
        }
    return true;
}

bool prepareOutDir(const QString &dir, bool force, QString *error)
{
    // Each run owns its folder: an earlier run's files would be read as this one's (its
    // ledgers by --verify-ledger, its logs by recovery).
    if (const QStringList earlier = runFilesIn(dir); !earlier.isEmpty()) {
        if (!force) {
            *error = u"output folder "_s + dir + u" holds an earlier run ("_s +
                     earlier.join(u", "_s) +
                     u"): choose another folder, or pass --force to replace it"_s;
            return false;
        }
        if (!clearRun(dir, error))
            return false;
    }
    if (!QDir().mkpath(QDir(dir).filePath(u"data"_s))) {
        *error = u"cannot create output folder "_s + dir;
        return false;
    }
    QSaveFile probe(QDir(dir).filePath(u".write-test"_s));
    if (!probe.open(QIODevice::WriteOnly)) {
        *error = u"cannot write to output folder "_s + dir + u": "_s + probe.errorString();
        return false;
    }
    probe.cancelWriting();
    return true;
}

} // namespace

int runHeadless(const HeadlessOptions &options, QTextStream &out, QTextStream &err)
{
    std::optional<Scenario> scenario = Scenario::builtin(options.scenario);
    if (!scenario) {
        err << "edgecore-lab: unknown scenario '" << options.scenario
            << "' (known: " << Scenario::builtinNames().join(u", "_s) << ")\n";
        return ExitUsage;
    }
    if (options.sessions >= 0)
        scenario->load.sessions = options.sessions;
    if (!options.protocol.isEmpty())
        scenario->load.protocol = options.protocol;
    QString error;
    // A broken plan stops the run before anything starts or is written.
    std::unique_ptr<FaultRunner> plan;
    if (!options.faultsFile.isEmpty()) {
        auto loaded = FaultPlan::load(options.faultsFile, castNames(ClusterConfig{}), &error);
        if (!loaded) {
            err << "edgecore-lab: " << error << '\n';
            return ExitUsage;
        }
        plan = std::make_unique<FaultRunner>(std::move(*loaded));
        scenario->expectAllCommitted = false; // injected faults may abort sessions
    }
    if (!options.outDir.isEmpty() && !prepareOutDir(options.outDir, options.force, &error)) {
        err << "edgecore-lab: " << error << '\n';
        return ExitUsage;
    }

    ClusterConfig config;
    config.seed = options.seed;
    config.clockSpeed = options.speed;
    if (!options.outDir.isEmpty()) // on both hosts, so the same outside checks work on both
        config.dataDir = QDir(options.outDir).filePath(u"data"_s);
    // Without --out the simulator's services still keep their logs in SQLite files (in a
    // folder removed afterwards), as a real run keeps them on disk: kept in memory, they
    // would grow with the run.
    QTemporaryDir scratch;
    if (options.sim && config.dataDir.isEmpty() && scratch.isValid())
        config.dataDir = scratch.path();
    scenario->applyTo(config);
    if (options.deadlockTimeout) {
        config.deadlock.resolution = DeadlockResolution::Timeout;
        config.deadlock.timeout = std::chrono::seconds(1); // within the coordinators' 2 s
    }

    QElapsedTimer wall;
    wall.start();
    QVector<ClientReply> replies;
    bool finished = false;
    Summary summary;
    std::unique_ptr<SimCluster> sim; // before the checker: it outlives neither
    std::unique_ptr<Cluster> cluster;
    // The checker follows the trace from the first event, so it sees the whole run even when
    // the trace store fills up and keeps only its start.
    std::unique_ptr<Checker> following;
    auto conclude = [&](const TraceStore &trace, const QString &host) {
        Checker &checker = *following;
        checker.finish(scenario->expectAllCommitted && finished);
        summary = Summary::compute(scenario->name, options.seed, replies, trace,
                                   double(wall.nsecsElapsed()) / 1e9);
        summary.host = host;
        summary.checker = checker.toJson();
        summary.checkerReport = checker.report(options.seed);
        return checker.ok();
    };
    bool invariantsHold = false;
    const Protocol protocol = parseProtocol(scenario->load.protocol).value_or(Protocol::TwoPhase);
    std::unique_ptr<ScenarioScript> script =
        scenario->script ? scenario->script(protocol, options.seed) : nullptr;
    std::vector<ScenarioScript *> scripts;
    for (ScenarioScript *s :
         {static_cast<ScenarioScript *>(script.get()), static_cast<ScenarioScript *>(plan.get())})
        if (s)
            scripts.push_back(s);
    if (options.sim) {
        sim = std::make_unique<SimCluster>(config);
        following = std::make_unique<Checker>(sim->trace());
        following->follow();
        SimControls controls(*sim);
        ScriptDriver driver(scripts, sim->trace(), controls);
        sim->host().afterEvent = [&driver] { driver.poll(); };
        // A scenario's timed steps need the clock looked at even when nothing else happens.
        std::function<void()> tick;
        tick = [&] { sim->host().at(sim->host().now() + std::chrono::milliseconds(100), tick); };
        if (script || plan)
            tick();
        if (plan) // each step exactly at its time
            for (const FaultStep &step : plan->plan().steps)
                sim->host().at(Instant(std::chrono::milliseconds(step.atMs)),
                               [&driver] { driver.poll(); });
        driver.poll(); // lets the script arm its fault points before the load starts
        replies = sim->runLoad(scenario->load, options.seed);
        finished = loadDone(replies, scenario->load.sessions);
        sim->settle();
        invariantsHold = conclude(sim->trace(), u"sim"_s);
        if (const Analytics *a = sim->service<Analytics>(cast::analytics()))
            summary.stream = streamOf(*a);
        summary.traceDigest = traceDigest(sim->trace());
        // The simulator's speed: lab time covered per second of wall time.
        summary.labSeconds = toUs(sim->host().now()) / 1e6;
    } else {
        cluster = std::make_unique<Cluster>(config);
        following = std::make_unique<Checker>(cluster->trace());
        following->follow();
        if (!cluster->start(&error)) {
            err << "edgecore-lab: cannot start the cluster: " << error << '\n';
            return ExitRunFailed;
        }
        ThreadControls controls(*cluster);
        ScriptDriver driver(scripts, cluster->trace(), controls);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &poll, [&driver] { driver.poll(); });
        if (!scripts.empty())
            poll.start(2);
        driver.poll(); // lets the script arm its fault points before the load starts
        LoadGenerator load(*cluster, scenario->load, options.seed);
        QEventLoop loop;
        QObject::connect(&load, &LoadGenerator::finished, &loop, &QEventLoop::quit);
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(static_cast<int>(scenario->wallTimeoutMs));
        // A service that halted (its log could not be written) fails the run: stop waiting
        // for sessions it will never finish.
        QTimer haltWatch;
        qsizetype watched = 0;
        QObject::connect(&haltWatch, &QTimer::timeout, &loop, [&] {
            const TraceStore &t = cluster->trace();
            const qsizetype size = t.size();
            bool halted = false;
            t.forEach(watched, size,
                      [&](const TraceEvent &e) { halted |= e.kind == TraceKind::Halt; });
            watched = size;
            if (halted)
                loop.quit();
        });
        haltWatch.start(100);
        load.start();
        if (!load.isFinished())
            loop.exec();
        finished = load.isFinished();
        replies = load.replies();
        cluster->settle(); // let trailing acknowledgements and events arrive before stopping
        poll.stop();
        Summary::Stream stream;
        cluster->inspect<Analytics>(cast::analytics(),
                                    [&stream](Analytics &a) { stream = streamOf(a); });
        cluster->stop();
        invariantsHold = conclude(cluster->trace(), u"threads"_s);
        summary.stream = stream;
    }
    const TraceStore &trace = sim ? sim->trace() : cluster->trace();
    for (ScenarioScript *s : scripts)
        summary.findings += s->findings(trace);
    out << summary.toText();
    out.flush();
    if (!summary.halted.isEmpty()) {
        // A service whose log could not be written stopped rather than act on it: the run
        // cannot be trusted as a whole.
        err << "edgecore-lab: " << summary.halted.constFirst()
            << (summary.halted.size() > 1
                    ? u" (and "_s + QString::number(summary.halted.size() - 1) +
                          u" more services halted)"_s
                    : QString())
            << '\n';
    }
    if (!options.outDir.isEmpty()) {
        const QDir dir(options.outDir);
        QJsonObject json = summary.toJson();
        json.insert(u"ledgers"_s, ledgerAnchors(dir.filePath(u"data"_s))); // --verify-ledger
        if (!writeJsonFile(dir.filePath(u"summary.json"_s), json, &error) ||
            !writeChromeTrace(trace, dir.filePath(u"trace.json"_s), &error) ||
            !writeTraceFile(trace, dir.filePath(QString::fromLatin1(kTraceFileName)), &error)) {
            err << "edgecore-lab: " << error << '\n';
            return ExitRunFailed;
        }
        out << "wrote " << QDir::toNativeSeparators(dir.filePath(u"summary.json"_s)) << ", "
            << QDir::toNativeSeparators(dir.filePath(u"trace.json"_s)) << " and "
            << QDir::toNativeSeparators(dir.filePath(QString::fromLatin1(kTraceFileName))) << '\n';
    }
    if (!summary.halted.isEmpty())
        return ExitRunFailed;
    if (!finished) {
        const int setUps = tallyReplies(replies).setUps;
        if (setUps < scenario->load.sessions)
            err << "edgecore-lab: scenario timed out after " << setUps << " of "
                << scenario->load.sessions << " sessions\n";
        else
            err << "edgecore-lab: scenario timed out with " << summary.active
                << " sessions that ended still not released\n";
        return ExitRunFailed;
    }
    if (!invariantsHold) {
        err << "edgecore-lab: the checker found violations (see above)\n";
        return ExitRunFailed;
    }
    return ExitOk;
}

} // namespace edgecore
