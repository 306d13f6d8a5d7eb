#include "headless.h"

#include "checker.h"
#include "loadgenerator.h"
#include "scenario.h"
#include "simcluster.h"
#include "summary.h"
#include "trace/chrometrace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

bool prepareOutDir(const QString &dir, QString *error)
{
    if (!QDir().mkpath(dir)) {
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

bool writeJson(const QString &path, const QJsonObject &obj, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(QJsonDocument(obj).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        *error = u"cannot write "_s + path + u": "_s + f.errorString();
        return false;
    }
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
    if (!options.outDir.isEmpty() && !prepareOutDir(options.outDir, &error)) {
        err << "edgecore-lab: " << error << '\n';
        return ExitUsage;
    }

    ClusterConfig config;
    config.seed = options.seed;
    if (!options.outDir.isEmpty() && !options.sim)
        config.dataDir = QDir(options.outDir).filePath(u"data"_s);
    scenario->applyTo(config);

    QElapsedTimer wall;
    wall.start();
    QVector<ClientReply> replies;
    bool finished = false;
    Summary summary;
    auto conclude = [&](const TraceStore &trace, const QString &host) {
        Checker checker(trace);
        checker.finish(scenario->expectAllCommitted && finished);
        summary = Summary::compute(scenario->name, options.seed, replies, trace,
                                   double(wall.nsecsElapsed()) / 1e9);
        summary.host = host;
        summary.checker = checker.toJson();
        summary.checkerReport = checker.report(options.seed);
        return checker.ok();
    };
    bool invariantsHold = false;
    std::unique_ptr<SimCluster> sim;
    std::unique_ptr<Cluster> cluster;
    if (options.sim) {
        sim = std::make_unique<SimCluster>(config);
        replies = sim->runLoad(scenario->load, options.seed);
        finished = replies.size() >= scenario->load.sessions;
        sim->settle();
        invariantsHold = conclude(sim->trace(), u"sim"_s);
        summary.traceDigest = traceDigest(sim->trace());
        // The simulator's speed: lab time covered per second of wall time.
        summary.labSeconds = toUs(sim->host().now()) / 1e6;
    } else {
        cluster = std::make_unique<Cluster>(config);
        if (!cluster->start(&error)) {
            err << "edgecore-lab: cannot start the cluster: " << error << '\n';
            return ExitRunFailed;
        }
        LoadGenerator load(*cluster, scenario->load, options.seed);
        QEventLoop loop;
        QObject::connect(&load, &LoadGenerator::finished, &loop, &QEventLoop::quit);
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(static_cast<int>(scenario->wallTimeoutMs));
        load.start();
        if (!load.isFinished())
            loop.exec();
        finished = load.isFinished();
        replies = load.replies();
        cluster->settle(); // let trailing acknowledgements and events arrive before stopping
        cluster->stop();
        invariantsHold = conclude(cluster->trace(), u"threads"_s);
    }
    const TraceStore &trace = sim ? sim->trace() : cluster->trace();
    out << summary.toText();
    out.flush();
    if (!options.outDir.isEmpty()) {
        const QDir dir(options.outDir);
        if (!writeJson(dir.filePath(u"summary.json"_s), summary.toJson(), &error) ||
            !writeChromeTrace(trace, dir.filePath(u"trace.json"_s), &error)) {
            err << "edgecore-lab: " << error << '\n';
            return ExitRunFailed;
        }
        out << "wrote " << QDir::toNativeSeparators(dir.filePath(u"summary.json"_s)) << " and "
            << QDir::toNativeSeparators(dir.filePath(u"trace.json"_s)) << '\n';
    }
    if (!finished) {
        err << "edgecore-lab: scenario timed out after " << replies.size() << " of "
            << scenario->load.sessions << " sessions\n";
        return ExitRunFailed;
    }
    if (!invariantsHold) {
        err << "edgecore-lab: the checker found violations (see above)\n";
        return ExitRunFailed;
    }
    return ExitOk;
}

} // namespace edgecore
