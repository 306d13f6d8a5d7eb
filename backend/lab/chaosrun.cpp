#include "chaosrun.h"

#include "faultrunner.h"
#include "labcontrols.h"
#include "loadgenerator.h"
#include "services/dsmservice.h"
#include "simcluster.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
struct ScheduledFault
{
    Instant at;
    enum class Kind { Crash, Restart, Isolate, Heal } kind;
    NodeId node;
};
} // namespace

ChaosResult runChaos(quint64 seed, const ChaosOptions &o)
{
    Rng rng = Rng::derive(seed, 0xc4a05);
    SimNetwork net;
    net.delayMin = std::chrono::microseconds(100);
    net.delayMax = net.delayMin + std::chrono::microseconds(rng.below(3000));
    if (o.lossy) {
        net.lossRate = rng.uniform() * 0.05;
        net.duplicateRate = rng.uniform() * 0.03;
    }
    net.reorder = rng.chance(0.3);
    ClusterConfig cfg;
    cfg.seed = seed;
    cfg.participants.exclusiveLocks = o.exclusiveLocks;
    cfg.coordinator.orderedPrepare = o.exclusiveLocks;
    SimCluster sim(cfg, net);
    Checker checker(sim.trace());
    SimHost &host = sim.host();

    // The fault schedule: a few faults, each starting while the load runs and lasting a while.
    const std::vector<NodeId> victims{sim.id(cast::sessionManager(1)), sim.id(cast::rm()),
                                      sim.id(cast::billing())};
    std::vector<ScheduledFault> steps;
    const int faults =
        !o.everyFault && (o.crashes || o.partitions) ? 1 + static_cast<int>(rng.below(3)) : 0;
    for (int i = 0; i < faults; ++i) {
        const NodeId node = victims[rng.below(victims.size())];
        const Instant start = Instant(std::chrono::microseconds(rng.below(200'000)));
        const Instant end =
            start + std::chrono::milliseconds(200 + static_cast<qint64>(rng.below(4800)));
        const bool crash = o.crashes && (!o.partitions || rng.chance(0.5));
        steps.push_back(
            {start, crash ? ScheduledFault::Kind::Crash : ScheduledFault::Kind::Isolate, node});
        steps.push_back(
            {end, crash ? ScheduledFault::Kind::Restart : ScheduledFault::Kind::Heal, node});
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const ScheduledFault &a, const ScheduledFault &b) { return a.at < b.at; });
    SimControls controls(sim);
    const FaultPlan plan = o.everyFault ? FaultPlan::chaos(seed, o.planMs) : FaultPlan{};
    for (const FaultStep &step : plan.steps)
        host.at(Instant(std::chrono::milliseconds(step.atMs)),
                [&controls, &step] { applyFaultStep(step, controls); });
    std::map<NodeId, int> isolated;
    auto applyStep = [&](const ScheduledFault &s) {
        switch (s.kind) {
        case ScheduledFault::Kind::Crash:
            host.crash(s.node);
            break;
        case ScheduledFault::Kind::Restart:
            host.restart(s.node);
            break;
        case ScheduledFault::Kind::Isolate:
        case ScheduledFault::Kind::Heal: {
            isolated[s.node] += s.kind == ScheduledFault::Kind::Isolate ? 1 : -1;
            std::vector<NodeId> cut;
            std::vector<NodeId> rest;
            for (const NodeInfo &n : host.directory().nodes)
                (isolated[n.id] > 0 ? cut : rest).push_back(n.id);
            if (cut.empty())
                host.heal();
            else
                host.partition({cut, rest});
            break;
        }
        }
    };

    // The load: a bounded number in flight, each answer bringing the next request.
    Rng load = Rng::derive(seed, 0x10ad);
    Rng holdingDraws = Holding::stream(seed);
    Holding holding;
    holding.on = o.sessionsEnd;
    const QString protocol = toString(o.protocol);
    int submitted = 0;
    auto submitNext = [&] {
        if (submitted >= o.sessions)
            return;
        ++submitted;
        const QString subscriber =
            LoadGenerator::subscriberFor(load.below(quint64(std::max(1, o.subscribers))));
        const QString cls = load.chance(0.5) ? u"VOICE"_s : u"DATA"_s;
        sim.submit(subscriber, cls, protocol, holding.draw(cls, holdingDraws));
    };
    for (int i = 0; i < std::min(o.concurrency, o.sessions); ++i)
        submitNext();
    size_t next = 0;
    qsizetype answered = 0;
    int setUps = 0; // set-ups answered (releases bring no new request)
    const Instant deadline = Instant(std::chrono::seconds(600));
    while (host.now() < deadline) {
        while (next < steps.size() && steps[next].at <= host.now())
            applyStep(steps[next++]);
        const bool loadDone = setUps >= o.sessions;
        if (loadDone && next >= steps.size())
            break;
        if (!host.step()) {
            if (next >= steps.size())
                break;
            host.runUntil(steps[next].at); // idle until the next fault
            continue;
        }
        checker.advance();
        while (answered < sim.replies().size()) {
            if (sim.replies()[answered++].release)
                continue;
            ++setUps;
            if (o.thinkMs > 0)
                host.at(host.now() + std::chrono::milliseconds(o.thinkMs), submitNext);
            else
                submitNext();
        }
    }
    // Heal everything and let the system finish what it started.
    while (next < steps.size())
        applyStep(steps[next++]);
    host.heal();
    for (NodeId v : victims)
        host.restart(v);
    host.setNetwork(SimNetwork{});
    // Sessions that ended and are not released yet: the edge asks again until they are.
    SessionId firstUnreleased = 0;
    auto unreleased = [&sim, &firstUnreleased] {
        const ReplyTally t = tallyReplies(sim.replies());
        firstUnreleased = t.owed.empty() ? 0 : t.owed.begin()->second;
        return static_cast<int>(t.owed.size());
    };
    const Instant settleUntil = host.now() + o.settle;
    const Instant releasesUntil = settleUntil + std::chrono::seconds(120);
    while (host.hasPending() &&
           (host.now() <= settleUntil || (host.now() <= releasesUntil && unreleased() > 0))) {
        host.runUntil(host.now() + std::chrono::milliseconds(50));
        checker.advance();
    }
    checker.finish(false);

    ChaosResult r;
    r.seed = seed;
    r.faults = faults + static_cast<int>(plan.steps.size() / 2);
    r.events = host.eventsProcessed();
    r.labUs = toUs(host.now());
    if (const DsmService *dsm = sim.service<DsmService>(cast::dsm()))
        r.deadlocks = static_cast<int>(dsm->lockManager().deadlocksFound());
    for (const ClientReply &reply : sim.replies()) {
        if (reply.release) {
            r.released += reply.outcome == Outcome::Released;
            continue;
        }
        ++r.replies;
        r.committed += reply.outcome == Outcome::Committed;
        r.aborted += reply.outcome == Outcome::Aborted;
        r.unknown += reply.outcome == Outcome::Unknown;
    }
    r.unreleased = unreleased();
    r.violations = checker.violations();
    if (r.unreleased > 0) // liveness, as AC5 is for decisions: every session that ends is released
        r.violations.push_back(Violation{u"RELEASE"_s, 0,
                                         QString::number(r.unreleased) +
                                             u" committed sessions ended and were never released"_s,
                                         -1, 0});
    r.report = checker.report(seed);
    if (r.unreleased > 0)
        r.report += u"RELEASE violated: "_s + r.violations.back().detail +
                    u"; replay with --seed "_s + QString::number(seed) +
                    u"\nthe story of session "_s + formatId(firstUnreleased) + u":\n"_s +
                    checker.story(0, firstUnreleased);
    if (!r.violations.empty() && (r.violations.front().txId || r.violations.front().sessionId))
        r.report += u"the story:\n"_s +
                    checker.story(r.violations.front().txId, r.violations.front().sessionId);
    return r;
}

} // namespace edgecore
