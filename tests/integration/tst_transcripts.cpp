// Golden transcripts: each scenario script in tests/data/*.lab runs in the simulator and
// produces a transcript of every message and decision, compared exactly with the reviewed
// tests/data/*.transcript. LAB_REWRITE=1 writes the transcripts anew for review as a diff.
//
// Script lines: seed N | cells N | capacity N | submit SUBSCRIBER CLASS PROTOCOL |
//               run MS | crash NODE | restart NODE | crash-on NODE MSGTYPE

#include "lab/checker.h"
#include "lab/simcluster.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

QString line(const TraceStore &t, const TraceEvent &e)
{
    const QString at = QString::number(e.labUs / 1000.0, 'f', 3).rightJustified(10) + u" ms  "_s;
    const QString node = t.nodeName(e.node).leftJustified(10);
    const QString tx = e.txId ? u" tx "_s + formatId(e.txId) : QString();
    switch (e.kind) {
    case TraceKind::Send:
        return at + node + u" -> "_s + t.nodeName(e.peer).leftJustified(10) +
               toString(static_cast<MsgType>(e.msgType)) + tx;
    case TraceKind::Reject:
        return at + node + u" refused "_s + toString(static_cast<MsgType>(e.msgType)) +
               u" from "_s + t.nodeName(e.peer) + u": "_s +
               toString(static_cast<WireError>(e.reason));
    case TraceKind::Vote:
        return at + node + u" VOTED "_s + (e.reason ? u"YES"_s : u"NO"_s) + tx;
    case TraceKind::Decide:
        return at + node + u" DECIDED "_s +
               (e.reason == 2 ? u"PRECOMMIT"_s
                : e.reason    ? u"COMMIT"_s
                              : u"ABORT"_s) +
               tx;
    case TraceKind::Lease:
        return at + node + (e.reason ? u" LEADS with token "_s : u" STEPS DOWN, token "_s) +
               QString::number(e.seq);
    case TraceKind::State:
        if (e.detail == u"crashed"_s || e.detail == u"restarted"_s)
            return at + node + u' ' + e.detail.toUpper();
        return {};
    default:
        return {};
    }
}

QString runScript(const QString &script, QString *error)
{
    ClusterConfig cfg;
    std::vector<QStringList> steps;
    for (const QString &raw : script.split(u'\n')) {
        const QString l = raw.section(u'#', 0, 0).trimmed();
        if (l.isEmpty())
            continue;
        const QStringList w = l.split(u' ', Qt::SkipEmptyParts);
        if (w[0] == u"seed"_s)
            cfg.seed = w.value(1).toULongLong();
        else if (w[0] == u"cells"_s)
            cfg.resources.cells = w.value(1).toInt();
        else if (w[0] == u"capacity"_s)
            cfg.resources.capacityPerCell = w.value(1).toInt();
        else
            steps.push_back(w);
    }
    SimCluster sim(cfg);
    for (const QStringList &w : steps) {
        if (w[0] == u"submit"_s) {
            sim.submit(w.value(1), w.value(2), w.value(3));
        } else if (w[0] == u"run"_s) {
            sim.host().runUntil(sim.host().now() +
                                std::chrono::milliseconds(w.value(1).toLongLong()));
        } else if (w[0] == u"crash"_s) {
            sim.host().crash(sim.id(w.value(1)));
        } else if (w[0] == u"restart"_s) {
            sim.host().restart(sim.id(w.value(1)));
        } else if (w[0] == u"crash-on"_s) {
            const QString type = w.value(2);
            sim.host().crashWhen(sim.id(w.value(1)),
                                 [type](const Envelope &e) { return toString(e.type) == type; });
        } else {
            *error = u"unknown script line: "_s + w.join(u' ');
            return {};
        }
    }
    Checker checker(sim.trace());
    checker.finish(false);
    QStringList out;
    sim.trace().forEach(0, sim.trace().size(), [&](const TraceEvent &e) {
        const QString l = line(sim.trace(), e);
        if (!l.isEmpty())
            out << l;
    });
    out << (checker.ok() ? u"checker: ok"_s : u"checker: "_s + checker.report(cfg.seed).trimmed());
    return out.join(u'\n') + u'\n';
}

} // namespace

class TestTranscripts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void transcript_data();
    void transcript();
};

void TestTranscripts::transcript_data()
{
    QTest::addColumn<QString>("script");
    const QDir data(QFINDTESTDATA("../data"));
    const QStringList scripts = data.entryList({u"*.lab"_s}, QDir::Files, QDir::Name);
    QVERIFY(scripts.size() >= 5);
    for (const QString &s : scripts)
        QTest::newRow(qPrintable(s)) << data.filePath(s);
}

void TestTranscripts::transcript()
{
    QFETCH(QString, script);
    QFile in(script);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QString error;
    const QString got = runScript(QString::fromUtf8(in.readAll()), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(got.endsWith(u"checker: ok\n"_s));
    const QString goldenPath = script.chopped(4) + u".transcript"_s;
    if (qEnvironmentVariableIsSet("LAB_REWRITE")) {
        QFile out(goldenPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(got.toUtf8());
        return;
    }
    QFile golden(goldenPath);
    QVERIFY2(golden.open(QIODevice::ReadOnly),
             qPrintable(u"no transcript yet: run with LAB_REWRITE=1 and review "_s + goldenPath));
    const QStringList want = QString::fromUtf8(golden.readAll()).split(u'\n');
    const QStringList have = got.split(u'\n');
    for (qsizetype i = 0; i < std::max(want.size(), have.size()); ++i)
        QVERIFY2(want.value(i) == have.value(i),
                 qPrintable(u"first difference at line "_s + QString::number(i + 1) +
                            u":\n  want: "_s + want.value(i) + u"\n  have: "_s + have.value(i)));
}

QTEST_GUILESS_MAIN(TestTranscripts)
#include "tst_transcripts.moc"
