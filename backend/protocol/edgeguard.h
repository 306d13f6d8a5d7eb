#pragma once
// The edge's protection, pure like the rest of protocol/: a token bucket per traffic class
// (rate limiting) and a circuit breaker towards the session managers (fail fast while they
// keep failing, probe once after a cool-down). Both stepped with the lab time.

#include "core/types.h"

#include <QString>

#include <optional>

namespace edgecore {

class TokenBucket
{
public:
    // ratePerSecond <= 0: unlimited.
    TokenBucket(double ratePerSecond = 0, double burst = 1);
    // Takes a token if one is there (refilled at the rate since the last call).
    bool take(Instant now);
    bool limited() const { return m_rate > 0; }
    double rate() const { return m_rate; }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    std::optional<Instant> m_last;
};

struct BreakerConfig
{
    int failuresToOpen = 5;                      // in a row; 0: never opens
    Duration coolDown = std::chrono::seconds(5); // open this long, then one probe
};

class CircuitBreaker
{
public:
    enum class State { Closed, Open, HalfOpen };

    explicit CircuitBreaker(BreakerConfig config = {})
        : m_config(config)
    {}

    // May a request go through now? Half-open lets one probe through at a time. Returns the
    // state change this caused, if any (open -> half-open once the cool-down is over).
    bool allow(Instant now, std::optional<State> *changed = nullptr);
    // The outcome of a request that was let through. Return the state change, if any.
    std::optional<State> onSuccess();
    std::optional<State> onFailure(Instant now);

    State state() const { return m_state; }
    int consecutiveFailures() const { return m_failures; }

private:
    BreakerConfig m_config;
    State m_state = State::Closed;
    int m_failures = 0;
    Instant m_openedAt{};
    bool m_probing = false;
};

QString toString(CircuitBreaker::State s);

} // namespace edgecore
