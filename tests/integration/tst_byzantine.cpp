// mallory's every mode, 1,000 frames each, in the simulator: every frame refused with its own
// reason and nothing changed anywhere. On threads, every mode at once against a live load:
// each arriving frame refused, every honest session still commits.

#include "lab/checker.h"
#include "lab/labcontrols.h"
#include "lab/simcluster.h"
#include "services/analytics.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/mallory.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QSignalSpy>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

// Everything a believed forgery could change.
struct Snapshot
{
    int allocated = 0;
    int reserved = 0;
    qint64 credit = 0;
    quint64 yes = 0;
    quint64 no = 0;
    quint64 decided = 0;
    int dsmKeys = 0;
    quint64 dsmEvents = 0;
    quint64 analyticsEvents = 0;
    bool operator==(const Snapshot &o) const
    {
        return allocated == o.allocated && reserved == o.reserved && credit == o.credit &&
               yes == o.yes && no == o.no && decided == o.decided && dsmKeys == o.dsmKeys &&
               dsmEvents == o.dsmEvents && analyticsEvents == o.analyticsEvents;
    }
};

Snapshot snapshot(SimCluster &sim)
{
    Snapshot s;
    auto *rm = sim.service<ResourceManager>(cast::rm());
    auto *billing = sim.service<BillingService>(cast::billing());
    s.allocated = rm->allocatedUnits();
    s.reserved = rm->reservedUnits() + static_cast<int>(billing->reservedCredit());
    s.credit = static_cast<qint64>(billing->chargingRecords());
    s.yes = rm->votesYes() + billing->votesYes();
    s.no = rm->votesNo() + billing->votesNo();
    auto *sm = sim.service<SessionManager>(cast::sessionManager(1));
    s.decided = sm->committed() + sm->aborted();
    s.dsmKeys = sim.service<DsmService>(cast::dsm())->keyCount();
    s.dsmEvents = sim.service<DsmService>(cast::dsm())->streamEvents();
    s.analyticsEvents = sim.service<Analytics>(cast::analytics())->events();
    return s;
}

int rejections(const TraceStore &trace, WireError reason, qsizetype from)
{
    int n = 0;
    trace.forEach(from, trace.size(), [&](const TraceEvent &e) {
        n += e.kind == TraceKind::Reject && e.reason == quint8(reason);
    });
    return n;
}

} // namespace

class TestByzantine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyModeIsRefused_data();
    void everyModeIsRefused();
    void allModesAgainstALiveLoadOnThreads();
};

void TestByzantine::everyModeIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("reason");
    QTest::newRow("bad-signature") << int(MalloryMode::BadSignature) << int(WireError::BadTag);
    QTest::newRow("unknown-key") << int(MalloryMode::UnknownKey) << int(WireError::UnknownKey);
    QTest::newRow("replay") << int(MalloryMode::Replay) << int(WireError::Replay);
    QTest::newRow("tamper") << int(MalloryMode::Tamper) << int(WireError::BadTag);
    QTest::newRow("stale-token") << int(MalloryMode::StaleToken) << int(WireError::StaleToken);
    QTest::newRow("oversized") << int(MalloryMode::Oversized) << int(WireError::Oversized);
    QTest::newRow("garbage") << int(MalloryMode::Garbage) << int(WireError::BadCbor);
}

void TestByzantine::everyModeIsRefused()
{
    QFETCH(int, mode);
    QFETCH(int, reason);
    ClusterConfig cfg;
    cfg.seed = 21;
    SimCluster sim(cfg);
    SimControls lab(sim);
    // Honest traffic first: a leader and its token exist, and there are frames to capture.
    MalloryConfig capture;
    capture.framesPerSecond = 1;
    capture.modes = {MalloryMode::Replay}; // arms the wiretap
    lab.configureMallory(capture);
    LoadSpec spec;
    spec.sessions = 20;
    QCOMPARE(sim.runLoad(spec, 1).size(), 20);
    sim.settle();
    MalloryConfig quiet;
    lab.configureMallory(quiet);
    sim.settle();
    const Snapshot before = snapshot(sim);
    const qsizetype from = sim.trace().size();
    auto *mallory = sim.service<Mallory>(cast::mallory());
    const quint64 warmUp = mallory->framesSent(MalloryMode(mode)); // the capture phase's

    MalloryConfig attack;
    attack.framesPerSecond = 2000;
    attack.modes = {MalloryMode(mode)};
    lab.configureMallory(attack);
    while (mallory->framesSent(MalloryMode(mode)) - warmUp < 1000)
        sim.host().runUntil(sim.host().now() + std::chrono::milliseconds(50));
    lab.configureMallory(quiet);
    sim.settle();
    const quint64 sent = mallory->framesSent(MalloryMode(mode)) - warmUp;
    QVERIFY(sent >= 1000);
    // Every frame refused, with this mode's reason; nothing else refused meanwhile.
    QCOMPARE(quint64(rejections(sim.trace(), WireError(reason), from)), sent);
    int refusedOtherwise = 0;
    sim.trace().forEach(from, sim.trace().size(), [&](const TraceEvent &e) {
        refusedOtherwise += e.kind == TraceKind::Reject && e.reason != quint8(reason);
    });
    QCOMPARE(refusedOtherwise, 0);
    // And nothing changed anywhere.
    QVERIFY(snapshot(sim) == before);
    Checker checker(sim.trace());
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(21)));
}

void TestByzantine::allModesAgainstALiveLoadOnThreads()
{
    ClusterConfig cfg;
    cfg.seed = 22;
    cfg.clockSpeed = 10;
    Cluster c(cfg);
    QVERIFY(c.start());
    ThreadControls lab(c);
    MalloryConfig attack;
    attack.framesPerSecond = 300;
    for (int m = 0; m < kMalloryModeCount; ++m)
        attack.modes.push_back(MalloryMode(m));
    lab.configureMallory(attack);
    // Clients that think 50 ms between sessions: the load spans ~2 s of lab time.
    LoadSpec spec;
    spec.sessions = 150;
    spec.concurrency = 4;
    spec.thinkMs = 50;
    LoadGenerator load(c, spec, 22);
    QSignalSpy done(&load, &LoadGenerator::finished);
    load.start();
    QVERIFY(done.wait(60000));
    for (const ClientReply &r : load.replies())
        QCOMPARE(toString(r.outcome), u"COMMITTED"_s);
    lab.configureMallory(MalloryConfig{});
    QVERIFY(c.settle(10000));
    quint64 sent = 0;
    c.inspect<Mallory>(cast::mallory(), [&](Mallory &m) { sent = m.framesSent(); });
    QVERIFY(sent > 50);
    // Every reason mallory aims at shows up; no session was touched.
    for (WireError reason : {WireError::BadTag, WireError::UnknownKey, WireError::Replay,
                             WireError::StaleToken, WireError::Oversized, WireError::BadCbor})
        QVERIFY2(rejections(c.trace(), reason, 0) > 0, qPrintable(toString(reason)));
    // Whichever session manager won the election coordinated them all (a leader change
    // mid-run would split them, hence the sum).
    int committed = 0;
    for (int i = 1; i <= 3; ++i)
        c.inspect<SessionManager>(cast::sessionManager(i),
                                  [&](SessionManager &s) { committed += int(s.committed()); });
    QCOMPARE(committed, 150);
    c.inspect<ResourceManager>(cast::rm(),
                               [](ResourceManager &rm) { QCOMPARE(rm.reservedUnits(), 0); });
    c.stop();
    Checker checker(c.trace());
    checker.finish(false);
    QVERIFY2(checker.ok(), qPrintable(checker.report(22)));
}

QTEST_GUILESS_MAIN(TestByzantine)
#include "tst_byzantine.moc"
