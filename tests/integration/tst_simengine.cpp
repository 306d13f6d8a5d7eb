// The simulator as a live engine: paced by its timer against the wall clock, driven through
// the same LabEngine and LabControls surfaces as the threads, and recorded input by input so
// that a run can be played again. Replaying the record up to any event N reproduces events
// 0..N exactly (every field but wall time), whatever the user did meanwhile (sessions, a
// crash, link faults set on the injector directly, step-mode deliveries, drops and copies, a
// paced clock); a branch then carries on on its own, and the original is untouched.

#include "lab/labcontrols.h"
#include "lab/loadgenerator.h"
#include "lab/simengine.h"
#include "services/cast.h"
#include "trace/facts.h"
#include "trace/tracestore.h"

#include <QSignalSpy>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestSimEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pacedRunAnswersALoad();
    void pauseHoldsTheClock();
    void replayReproducesEveryPrefix_data();
    void replayReproducesEveryPrefix();
    void branchCarriesOnDifferently();
    void replayOfAShortRecordSaysSo();
};

namespace {

ClusterConfig configFor(quint64 seed)
{
    ClusterConfig config;
    config.seed = seed;
    config.clockSpeed = 10; // lab seconds per wall second: the timer's pace
    config.mallory.framesPerSecond = 5;
    return config;
}

// The first index where the two traces differ in anything but wall time, up to n events;
// -1 when the first n are the same.
qsizetype firstDifference(const TraceStore &a, const TraceStore &b, qsizetype n)
{
    for (qsizetype i = 0; i < n; ++i) {
        if (i >= a.size() || i >= b.size())
            return i;
        if (!sameButWallTime(a.at(i), b.at(i)))
            return i;
    }
    return -1;
}

// Runs a load through the engine's timer until it is answered.
void runLoad(SimEngine &engine, int sessions, quint64 seed)
{
    LoadSpec spec;
    spec.sessions = sessions;
    spec.concurrency = 4;
    spec.holding.on = true;
    LoadGenerator load(engine, spec, seed);
    QSignalSpy done(&load, &LoadGenerator::finished);
    load.start();
    QTRY_VERIFY_WITH_TIMEOUT(load.isFinished(), 120000);
}

// A run with something of everything a user can do, recorded as it happens.
void busyRun(SimEngine &engine, quint64 seed)
{
    LabControls &lab = engine.controls();
    runLoad(engine, 12, seed);
    // A lossy, slow link, set on the injector directly (as a fault plan does).
    const NodeId rm = lab.id(cast::rm());
    LinkFault slow;
    slow.latencyMs = 30;
    slow.dropPct = 20;
    lab.faults().setLink(kNoNode, rm, slow);
    lab.faultsChanged(cast::rm());
    lab.traceFault(cast::rm(), u"slow lossy link"_s, FaultStep::Action::Link, 1);
    runLoad(engine, 8, seed + 1);
    lab.faults().clearLinks();
    lab.crash(cast::billing());
    engine.submit(u"00101000000001"_s, u"VOICE"_s, u"2PC"_s, 200);
    const Instant crashed = engine.now();
    QTRY_VERIFY_WITH_TIMEOUT(engine.now() > crashed + std::chrono::milliseconds(500), 60000);
    lab.restart(cast::billing());
    // Step mode: one session's frames by hand, a drop and a copy among them.
    lab.setStepMode(true);
    engine.submit(u"00101000000002"_s, u"DATA"_s, u"3PC"_s, 100);
    int choices = 0;
    for (int i = 0; i < 400 && choices < 30; ++i) { // lease renewals keep frames coming
        engine.tick();
        const std::vector<PendingFrame> parked = lab.pending();
        if (parked.empty()) {
            QVERIFY(lab.advanceToNextDeadline());
            continue;
        }
        ++choices;
        if (choices == 3)
            QVERIFY(lab.duplicate(parked.front().id));
        else if (choices == 7)
            QVERIFY(lab.drop(parked.back().id));
        else
            QVERIFY(lab.deliver(parked.back().id)); // the newest first: not the network's order
    }
    QCOMPARE(choices, 30);
    lab.setStepMode(false);
    runLoad(engine, 6, seed + 2);
    engine.pause();
}

} // namespace

void TestSimEngine::pacedRunAnswersALoad()
{
    SimEngine engine(configFor(3));
    QVERIFY(engine.start());
    QVERIFY(engine.isRunning());
    QSignalSpy answers(&engine, &LabEngine::sessionFinished);
    runLoad(engine, 10, 3);
    // Ten set-ups answered and every committed one released, in lab time the timer paced.
    int setUps = 0;
    for (const QList<QVariant> &a : answers)
        setUps += !a.at(0).value<ClientReply>().release;
    QCOMPARE(setUps, 10);
    QVERIFY(engine.now() > Instant{});
    QVERIFY(engine.record().size() > 10);
}

void TestSimEngine::pauseHoldsTheClock()
{
    SimEngine engine(configFor(4));
    QVERIFY(engine.start());
    QTRY_VERIFY_WITH_TIMEOUT(engine.now() > Instant{std::chrono::milliseconds(300)}, 60000);
    engine.pause();
    QVERIFY(engine.isPaused());
    const Instant held = engine.now();
    const qsizetype events = engine.trace().size();
    // Ticks while paused run nothing and move nothing.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(engine.tick(), 0);
    QCOMPARE(engine.now(), held);
    QCOMPARE(engine.trace().size(), events);
    engine.resume();
    QTRY_VERIFY_WITH_TIMEOUT(engine.now() > held, 60000);
}

void TestSimEngine::replayReproducesEveryPrefix_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 5") << quint64(5);
    QTest::newRow("seed 71") << quint64(71);
}

void TestSimEngine::replayReproducesEveryPrefix()
{
    QFETCH(quint64, seed);
    SimEngine original(configFor(seed));
    QVERIFY(original.start());
    busyRun(original, seed);
    if (QTest::currentTestFailed())
        return;
    const TraceStore &trace = original.trace();
    const qsizetype size = trace.size();
    QVERIFY(size > 500);
    // The whole record again: the whole trace, event for event.
    {
        SimEngine again(configFor(seed));
        QVERIFY(!again.replay(original.record(), size)); // the record ends before event size
        QCOMPARE(again.trace().size(), size);
        QCOMPARE(firstDifference(trace, again.trace(), size), qsizetype(-1));
        QCOMPARE(traceDigest(again.trace()), traceDigest(trace));
    }
    // A replay told to stop (its progress dialog's Stop Here) stops short, paused, exact.
    {
        SimEngine stopped(configFor(seed));
        int asked = 0;
        const qsizetype last = size - 1;
        QVERIFY(!stopped.replay(original.record(), last, [&asked](qsizetype done, qsizetype total) {
            ++asked;
            return done < total / 4;
        }));
        QVERIFY(asked > 0);
        QVERIFY(stopped.isPaused());
        QVERIFY(stopped.trace().size() < last);
        QCOMPARE(firstDifference(trace, stopped.trace(), stopped.trace().size()), qsizetype(-1));
        QCOMPARE(stopped.tick(), 0); // paused: nothing more until resumed
    }
    // Any prefix: a few fixed points, the step-mode stretch, and points drawn from the seed.
    std::vector<qsizetype> points{0, 1, size / 3, size / 2, size - 2, size - 1};
    for (qsizetype i = 0; i < size; ++i)
        if (trace.at(i).kind == TraceKind::Drop && trace.at(i).reason == 3) { // dropped by hand
            points.push_back(i);
            points.push_back(i - 1);
            break;
        }
    Rng rng = Rng::derive(seed, 0xb4a);
    for (int i = 0; i < 4; ++i)
        points.push_back(qsizetype(rng.below(quint64(size))));
    for (const qsizetype n : points) {
        SimEngine branch(configFor(seed));
        QVERIFY2(branch.replay(original.record(), n), qPrintable(QString::number(n)));
        QVERIFY(branch.trace().size() > n);
        QVERIFY(branch.isPaused());
        const qsizetype diff = firstDifference(trace, branch.trace(), n + 1);
        QVERIFY2(diff < 0, qPrintable(u"branch at %1 differs at %2"_s.arg(n).arg(diff)));
    }
}

void TestSimEngine::branchCarriesOnDifferently()
{
    SimEngine original(configFor(9));
    QVERIFY(original.start());
    runLoad(original, 10, 9);
    original.pause();
    const QByteArray before = traceDigest(original.trace());
    const qsizetype n = original.trace().size() / 2;

    SimEngine branch(configFor(9));
    QVERIFY(branch.start());
    QVERIFY(branch.replay(original.record(), n));
    QVERIFY(branch.isPaused());
    const qsizetype at = branch.trace().size();
    // This user crashes the resource manager and sends a session of their own.
    branch.controls().crash(cast::rm());
    branch.submit(u"00101000000009"_s, u"VOICE"_s);
    branch.resume();
    QTRY_VERIFY_WITH_TIMEOUT(branch.trace().size() > at + 20, 60000);
    branch.pause();
    QCOMPARE(firstDifference(original.trace(), branch.trace(), n + 1), qsizetype(-1));
    // The branch's next event is the crash, which the original never had there.
    const TraceEvent crash = branch.trace().at(at);
    QVERIFY(hostEvent(crash) == HostEvent::Crashed);
    QCOMPARE(branch.trace().nodeName(crash.node), cast::rm());
    QVERIFY(firstDifference(original.trace(), branch.trace(), original.trace().size()) >= 0);
    // The original is as it was.
    QCOMPARE(traceDigest(original.trace()), before);
    // And the branch's own record plays back to its own events, the crash included.
    SimEngine again(configFor(9));
    QVERIFY(again.replay(branch.record(), at + 5));
    QCOMPARE(firstDifference(branch.trace(), again.trace(), at + 6), qsizetype(-1));
}

void TestSimEngine::replayOfAShortRecordSaysSo()
{
    SimEngine engine(configFor(2));
    SimEngine again(configFor(2));
    QVERIFY(!again.replay(engine.record(), 1000)); // nothing recorded: nothing to reach
    QVERIFY(again.trace().size() <= 1000);
    QVERIFY(again.isPaused());
    // A name that is no service crashes and restarts nothing (and does not bring it down).
    const qsizetype before = engine.trace().size();
    engine.controls().crash(u"nosuch"_s);
    engine.controls().restart(u"nosuch"_s);
    QCOMPARE(engine.trace().size(), before);
}

QTEST_GUILESS_MAIN(TestSimEngine)
#include "tst_simengine.moc"
