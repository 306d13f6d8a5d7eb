#pragma once
// A fault plan: a schedule of fault switches in lab time, read from and written to JSON.
// `--faults FILE` replays one; the chaos scenario draws one from the seed. A plan only names
// services; the lab resolves the names when it applies a step.
//
//   {
//     "name": "lossy rm, then a split",
//     "steps": [
//       { "at_ms": 500,  "do": "link", "from": "sm-1", "to": "rm", "both_ways": true,
//         "latency_ms": 40, "jitter_ms": 10, "drop_pct": 20, "duplicate_pct": 5,
//         "reorder_pct": 10 },
//       { "at_ms": 3000, "do": "link", "from": "sm-1", "to": "rm", "both_ways": true },
//       { "at_ms": 4000, "do": "split", "groups": [["sm-1", "rm"], ["sm-2", "sm-3"]] },
//       { "at_ms": 6000, "do": "heal" }
//     ]
//   }
//
// Actions: link (a link's faults; all zero heals it; "*" is any service), clear-links,
// isolate (one service from everyone), split (groups), heal, crash, restart, pause, resume,
// slow (ms per message, 0 ends it), participant (abort_pct, prepare_delay_ms), mallory
// (modes, rate: frames per lab second), rotate-key (overlap_ms: when the old key is retired),
// retire-keys, replay-dead-letters, clear (every fault off, crashed services restarted, mallory
// stopped).

#include "faultinjector.h"
#include "trace/traceevent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace edgecore {

struct FaultStep
{
    enum class Action {
        Link,
        ClearLinks,
        Isolate,
        Split,
        Heal,
        Crash,
        Restart,
        Pause,
        Resume,
        Slow,
        Participant,
        Mallory,
        RotateKey,
        RetireKeys,
        ReplayDeadLetters,
        Clear
    };
    qint64 atMs = 0;
    Action action = Action::Heal;
    QString service; // isolate, crash, restart, pause, resume, slow, participant
    QString from = QStringLiteral("*");
    QString to = QStringLiteral("*");
    bool bothWays = false;
    LinkFault link;
    std::vector<QStringList> groups; // split
    qint64 slowMs = 0;
    double abortPct = 0;
    qint64 prepareDelayMs = 0;
    QStringList malloryModes; // mallory: what it sends (names as in MalloryMode)
    double malloryRate = 0;   // mallory: frames per lab second, 0 stops it
    qint64 overlapMs = 0;     // rotate-key: retire the old key this much later (0: by hand)
    int line = 0;             // where the step began in its file (0: not from a file)

    QString describe() const; // one line, for the trace and the log
};

QString toString(FaultStep::Action a);

// A TraceKind::Fault event says which step switched it: the action in `reason` (its order
// here, from 1; 0 for none said) and Slow's milliseconds in `seq`, so the views read the
// fault without parsing its detail text.
quint8 faultReason(FaultStep::Action action);
std::optional<FaultStep::Action> faultAction(const TraceEvent &e);

struct FaultPlan
{
    // What a plan may hold. A plan is read whole and checked before anything starts, so its
    // size and length are bounded: load() reads at most kMaxBytes + 1 bytes (a device without
    // end, such as /dev/zero or a FIFO kept open, stops there).
    static constexpr qsizetype kMaxBytes = 4 * 1024 * 1024; // 4 MiB
    static constexpr qsizetype kMaxSteps = 10'000;
    // Every number is finite and in range; times are whole lab milliseconds. at_ms is at most
    // 10^12 ms (about 31.7 years): exact in a double, and far from overflowing the lab clock's
    // 64-bit microseconds (about 9.2 * 10^15 ms) when converted or added to an overlap.
    static constexpr qint64 kMaxAtMs = 1'000'000'000'000;
    static constexpr qint64 kMaxDelayMs = 600'000; // latency, jitter, slow, prepare, overlap
    static constexpr double kMaxPct = 100;
    static constexpr double kMaxMalloryRate = 100'000; // frames per lab second

    QString name;
    std::vector<FaultStep> steps; // in time order

    // Parses and validates, in time linear in the text; on failure returns nothing and says
    // what and on which line. services: the names a step may use (the cast).
    static std::optional<FaultPlan> parse(const QByteArray &json, const QStringList &services,
                                          QString *error);
    static std::optional<FaultPlan> load(const QString &path, const QStringList &services,
                                         QString *error);
    QByteArray toJson() const;

    // Jepsen-style: faults of every kind switched on and off every few seconds of lab time
    // over span, all healed at its end. The same seed gives the same plan.
    static FaultPlan chaos(quint64 seed, qint64 spanMs);
};

} // namespace edgecore
