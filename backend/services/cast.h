#pragma once
// The names of the cast (docs/architecture.md) and the configuration each member takes.

#include "core/types.h"
#include "protocol/retrypolicy.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace edgecore {
class Wiretap;
}

namespace edgecore::cast {

inline QString edge()
{
    return QStringLiteral("edge");
}
inline QString sessionManager(int i)
{
    return QStringLiteral("sm-") + QString::number(i);
}
inline QString rm()
{
    return QStringLiteral("rm");
}
inline QString billing()
{
    return QStringLiteral("billing");
}
inline QString analytics()
{
    return QStringLiteral("analytics");
}
inline QString dsm()
{
    return QStringLiteral("dsm");
}
inline QString mallory()
{
    return QStringLiteral("mallory");
}

} // namespace edgecore::cast

namespace edgecore {

// The longest a session may be asked to last: a day of lab time.
constexpr qint64 kMaxSessionDurationMs = 24LL * 3600 * 1000;

struct EdgeConfig
{
    QString sessionManager = cast::sessionManager(1); // asked first, until the lease says who leads
    qint64 requestTimeoutMs = 10000; // lab ms before the edge gives up on a session set-up
    int leaderRetries = 5;           // NOT_LEADER redirects per request
    int workers = 16;                // session set-ups in flight towards the core at once
    bool schedulerAging = false;     // strict VOICE-before-DATA unless switched on
    qint64 noLeaderRetryMs = 500;    // wait when nobody is known to lead
    // Asking the leader again about an unanswered set-up: 3 s doubling to 12 s, equal jitter;
    // the request timeout ends it (the client hears UNKNOWN), so no attempt limit.
    RetryPolicy askAgain{std::chrono::seconds(3), 2, std::chrono::seconds(12), 1 << 20};
    // Rate limits per traffic class (token buckets; 0: unlimited), requests per lab second.
    double voiceRatePerSec = 0;
    double dataRatePerSec = 0;
    double rateBurst = 20;
    // Circuit breaker towards the session managers: open after this many failures in a row
    // (no answer, or nobody leads; 0: never), fail fast for the cool-down, then probe once.
    int breakerFailures = 5;
    qint64 breakerCoolDownMs = 5000;
};

struct CoordinatorConfig
{
    qint64 prepareTimeoutMs = 2000; // lab ms to wait for every vote
    // Resends of an unacknowledged decision: 1 s doubling to 8 s, equal jitter, 4 retries; then
    // the decision goes to the dead-letter queue (listed with --dead-letters, replayed on
    // demand).
    RetryPolicy decisionRetry{std::chrono::seconds(1), 2, std::chrono::seconds(8), 4};
    // Resends of a stream event the dsm has not acknowledged: 1 s doubling to 8 s, equal
    // jitter, never given up (the stream must stay whole and in order).
    RetryPolicy outboxRetry{std::chrono::seconds(1), 2, std::chrono::seconds(8), 1 << 20};
    qint64 leaseTtlMs = 3000;       // the leader lease
    qint64 leaseDriftMs = 100;      // clock drift bound subtracted from its validity
    qint64 firstLeaseAttemptMs = 0; // lets sm-1 win the first election (the others wait)
    // Prepare the participants one after another, in the order the traffic class takes its
    // locks: VOICE the radio first (rm, then billing), DATA the credit first (billing, then
    // rm). Off: every PREPARE at once.
    bool orderedPrepare = false;
};

inline QString leaderKey()
{
    return QStringLiteral("leader/session-manager");
}

struct ResourceConfig
{
    int cells = 4;
    int capacityPerCell = 1000; // units
    int voiceUnits = 1;
    int dataUnits = 4;
};

struct BillingConfig
{
    qint64 initialCredit = 1000; // per subscriber account
    qint64 voiceCost = 1;
    qint64 dataCost = 2;
    // The radio units a session of each class holds (the resource manager's), for its CDR.
    int voiceUnits = 1;
    int dataUnits = 4;
};

// What mallory sends. Each must be refused with its own reason and change nothing.
enum class MalloryMode : quint8 {
    BadSignature, // a forged frame signed with a key nobody trusts (bad-signature)
    UnknownKey,   // a frame naming a key id nobody has (unknown-key)
    Replay,       // a captured valid frame sent again (replay)
    Tamper,       // a captured valid frame with its payload changed, old tag kept (bad-signature)
    StaleToken,   // mallory's own authentic PREPARE under a stale fencing token (stale-token)
    Oversized,    // a length prefix far over the frame bound (oversized; closes the connection)
    Garbage,      // random bytes in a well-sized frame (a shape error; closes the connection)
};
constexpr int kMalloryModeCount = 7;
QString toString(MalloryMode m);
std::optional<MalloryMode> parseMalloryMode(const QString &name);

struct MalloryConfig
{
    double framesPerSecond = 0;                                // lab seconds; 0 is off
    std::vector<MalloryMode> modes{MalloryMode::BadSignature}; // each frame draws one
    std::shared_ptr<Wiretap> wiretap; // what it captures from (the lab sets it)
};

} // namespace edgecore
