#pragma once
// The lab clock every service reads its time from. Live mode follows the wall clock times a
// speed factor; paused, it stands still. Thread-safe: every host thread reads it.

#include "types.h"

#include <QElapsedTimer>
#include <QObject>

#include <mutex>

namespace edgecore {

class LabClock : public QObject
{
    Q_OBJECT
public:
    explicit LabClock(QObject *parent = nullptr);

    Instant now() const;
    double speed() const;
    bool isPaused() const;

    // Wall-clock milliseconds until lab instant t is reached at the current speed; -1 while
    // paused (it will never be reached without a resume or an explicit advance).
    qint64 wallMsUntil(Instant t) const;

    void setSpeed(double factor); // clamped to [0.1, 10]
    void pause();
    void resume();
    // Moves a paused clock forward (step mode); ignored when t is in the past.
    void advanceTo(Instant t);

Q_SIGNALS:
    // Emitted after any change of speed, pause state or position, from the changing thread.
    void changed();

private:
    Instant nowLocked() const;

    mutable std::mutex m_mutex;
    QElapsedTimer m_wall;
    qint64 m_wallBaseNs = 0;
    Instant m_labBase{};
    double m_speed = 1.0;
    bool m_paused = false;
};

} // namespace edgecore
