#pragma once
// How a remote call is retried: exponential backoff with equal jitter, capped, a bounded
// number of attempts. Pure: the caller keeps the attempt count and the timers.

#include "core/rng.h"
#include "core/types.h"

namespace edgecore {

struct RetryPolicy
{
    Duration base = std::chrono::milliseconds(500); // the first retry's nominal delay
    double factor = 2;                              // growth per attempt
    Duration cap = std::chrono::seconds(8);         // no nominal delay beyond this
    int maxAttempts = 5;                            // retries, then the dead-letter queue

    // The nominal (jitter-free) delay before retry `attempt` (1 = the first retry).
    Duration nominal(int attempt) const;
    // The delay to use: half the nominal fixed, half drawn uniformly (equal jitter), so
    // retries of many callers spread out but never wait less than half.
    Duration delay(int attempt, Rng &rng) const;
    bool exhausted(int attempt) const { return attempt > maxAttempts; }
};

} // namespace edgecore
