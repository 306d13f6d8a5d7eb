#include "edgeguard.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_rate(ratePerSecond)
    , m_burst(std::max(1.0, burst))
    , m_tokens(m_burst)
{}

bool TokenBucket::take(Instant now)
{
    if (m_rate <= 0)
        return true;
    if (m_last && now > *m_last)
        m_tokens = std::min(m_burst, m_tokens + m_rate * double(toUs(now - *m_last)) / 1e6);
    if (!m_last || now > *m_last)
        m_last = now;
    if (m_tokens < 1)
        return false;
    m_tokens -= 1;
    return true;
}

bool CircuitBreaker::allow(Instant now, std::optional<State> *changed)
{
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (now - m_openedAt < m_config.coolDown)
            return false;
        m_state = State::HalfOpen;
        if (changed)
            *changed = m_state;
        [[fallthrough]];
    case State::HalfOpen:
        if (m_probing)
            return false;
        m_probing = true; // one probe at a time
        return true;
    }
    return false;
}

std::optional<CircuitBreaker::State> CircuitBreaker::onSuccess()
{
    m_failures = 0;
    m_probing = false;
    if (m_state == State::Closed)
        return std::nullopt;
    m_state = State::Closed;
    return m_state;
}

std::optional<CircuitBreaker::State> CircuitBreaker::onFailure(Instant now)
{
    ++m_failures;
    m_probing = false;
    const bool trip =
        m_state == State::HalfOpen || (m_state == State::Closed && m_config.failuresToOpen > 0 &&
                                       m_failures >= m_config.failuresToOpen);
    if (!trip)
        return std::nullopt;
    m_state = State::Open;
    m_openedAt = now;
    return m_state;
}

QString toString(CircuitBreaker::State s)
{
    switch (s) {
    case CircuitBreaker::State::Closed:
        return u"closed"_s;
    case CircuitBreaker::State::Open:
        return u"open"_s;
    case CircuitBreaker::State::HalfOpen:
        return u"half-open"_s;
    }
    return {};
}

} // namespace edgecore
