#pragma once
// One seeded chaos run in the simulator: a load of session set-ups while faults drawn from the
// seed come and go (crashes and restarts, partitions, loss, duplication, reordering), the
// checker reading the trace after every step; then everything heals and the run settles, and
// the liveness rules are checked. A failure names the seed that replays it.

#include "checker.h"
#include "core/types.h"

#include <QString>

#include <vector>

namespace edgecore {

struct ChaosOptions
{
    Protocol protocol = Protocol::TwoPhase;
    int sessions = 100;
    int concurrency = 8;
    bool crashes = true;                        // session manager, rm, billing crash and restart
    bool partitions = true;                     // one of them cut off for a while
    bool lossy = true;                          // loss and duplication on every link
    Duration settle = std::chrono::seconds(60); // lab time after healing
    // Instead of the crash/partition schedule above: a chaos fault plan with every fault type
    // (bad links, partitions, crashes, pauses, slow and aborting participants) over planMs.
    bool everyFault = false;
    qint64 planMs = 6000;
    qint64 thinkMs = 0; // lab ms between an answer and that client's next request
    // Strict 2PL at the participants with PREPAREs in lock order, so sessions wait for each
    // other and deadlock (the lock manager breaks them), under the same faults.
    bool exclusiveLocks = false;
    int subscribers = 500; // drawn from; fewer means more sessions on the same account
    // Committed sessions end (durations drawn as the load generator draws them) and are
    // released under the same faults; the run settles until every release is done.
    bool sessionsEnd = true;
};

struct ChaosResult
{
    quint64 seed = 0;
    int replies = 0; // set-ups answered
    int committed = 0;
    int released = 0;
    int unreleased = 0; // committed, ending, and not released when the run ended
    int aborted = 0;
    int unknown = 0;
    int faults = 0;
    int deadlocks = 0; // cycles the lock manager found (with exclusiveLocks; lost if it crashed)
    qint64 events = 0;
    qint64 labUs = 0;
    std::vector<Violation> violations;
    QString report; // the checker's lines, naming the seed
    bool ok() const { return violations.empty(); }
};

ChaosResult runChaos(quint64 seed, const ChaosOptions &options);

} // namespace edgecore
