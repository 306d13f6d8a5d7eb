#pragma once
// What the window (and a load generator) drive: the cast running somewhere, on worker
// threads over loopback TCP (Cluster) or in the simulator (SimEngine, paced against the wall
// clock). One surface, so the views and the controls do not care which.

#include "core/types.h"
#include "host/service.h"

#include <QObject>
#include <QString>

namespace edgecore {

struct ClusterConfig;
class LabControls;
class TraceStore;

class LabEngine : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Threads, Simulator };
    using QObject::QObject;

    virtual Kind kind() const = 0;
    // Starts the cast. False with a reason if anything fails.
    virtual bool start(QString *error = nullptr) = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;

    // A session request arrives at the edge. Returns its request id; the answer comes as
    // sessionFinished. durationMs: how long a committed session lasts (0: until the end).
    virtual quint64 submit(const QString &subscriber, const QString &trafficClass,
                           const QString &protocol = QStringLiteral("2PC"),
                           qint64 durationMs = 0) = 0;

    virtual const ClusterConfig &config() const = 0;
    virtual TraceStore &trace() = 0;
    // Faults, crashes, step mode, keys: what scenario scripts and the window's controls use.
    virtual LabControls &controls() = 0;

    // The lab clock: live at a speed (0.1 to 10 lab seconds per wall second), or paused.
    virtual Instant now() const = 0;
    virtual bool isPaused() const = 0;
    virtual double speed() const = 0;
    virtual void setSpeed(double factor) = 0;
    virtual void pause() = 0;
    virtual void resume() = 0;

Q_SIGNALS:
    void sessionSubmitted(quint64 requestId, const QString &subscriber, const QString &trafficClass,
                          const QString &protocol);
    void sessionFinished(const edgecore::ClientReply &reply);
};

} // namespace edgecore
