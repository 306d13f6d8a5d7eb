#include "labclock.h"

#include <algorithm>
#include <cmath>

namespace edgecore {

LabClock::LabClock(QObject *parent)
    : QObject(parent)
{
    m_wall.start();
}

Instant LabClock::nowLocked() const
{
    if (m_paused)
        return m_labBase;
    const qint64 elapsedNs = m_wall.nsecsElapsed() - m_wallBaseNs;
    return m_labBase + Duration(static_cast<qint64>(std::llround(elapsedNs * m_speed / 1000.0)));
}

Instant LabClock::now() const
{
    std::lock_guard lock(m_mutex);
    return nowLocked();
}

double LabClock::speed() const
{
    std::lock_guard lock(m_mutex);
    return m_speed;
}

bool LabClock::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

qint64 LabClock::wallMsUntil(Instant t) const
{
    std::lock_guard lock(m_mutex);
    if (m_paused)
        return -1;
    const qint64 labUs = toUs(t) - toUs(nowLocked());
    if (labUs <= 0)
        return 0;
    return static_cast<qint64>(std::ceil(labUs / m_speed / 1000.0));
}

void LabClock::setSpeed(double factor)
{
    {
        std::lock_guard lock(m_mutex);
        m_labBase = nowLocked();
        m_wallBaseNs = m_wall.nsecsElapsed();
        // NaN passes std::clamp untouched and would stop the clock for good: keep the speed.
        if (std::isfinite(factor))
            m_speed = std::clamp(factor, 0.1, 10.0);
    }
    Q_EMIT changed();
}

void LabClock::pause()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_paused)
            return;
        m_labBase = nowLocked();
        m_paused = true;
    }
    Q_EMIT changed();
}

void LabClock::resume()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_paused)
            return;
        m_wallBaseNs = m_wall.nsecsElapsed();
        m_paused = false;
    }
    Q_EMIT changed();
}

void LabClock::advanceTo(Instant t)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_paused || t <= m_labBase)
            return;
        m_labBase = t;
    }
    Q_EMIT changed();
}

} // namespace edgecore
