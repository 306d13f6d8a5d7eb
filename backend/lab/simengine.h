#pragma once
// The simulator as a live engine: the cast on SimHost (deterministic from the seed), paced
// against the wall clock at the lab's speed by a timer on the thread that owns it. Every input
// (a session request, a crash, a fault, a step-mode choice) and every move of the simulation
// (so many events processed, the clock moved to t) is recorded in order, so the run can be
// played again exactly: Branch from here replays the record up to a trace event in a new
// engine, which then carries on however its user likes.

#include "cluster.h"
#include "labcontrols.h"
#include "simcluster.h"

#include <QElapsedTimer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace edgecore {

class SimEngine final : public LabEngine
{
    Q_OBJECT
public:
    // One entry of the record: a run of simulation steps, a move of the paced clock, or one
    // input.
    struct Op
    {
        qint64 steps = 0;                     // > 0: process this many events
        std::optional<Instant> clockTo;       // or: move the clock there (nothing was due)
        std::function<void(SimEngine &)> act; // otherwise: do this (through the engine)
    };
    using Record = std::vector<Op>;

    explicit SimEngine(ClusterConfig config, QObject *parent = nullptr);
    ~SimEngine() override;

    Kind kind() const override { return Kind::Simulator; }
    bool start(QString *error = nullptr) override;
    void stop() override;
    bool isRunning() const override { return m_sim != nullptr && m_ticking; }
    quint64 submit(const QString &subscriber, const QString &trafficClass,
                   const QString &protocol = QStringLiteral("2PC"), qint64 durationMs = 0) override;
    const ClusterConfig &config() const override { return m_config; }
    TraceStore &trace() override { return m_sim->trace(); }
    LabControls &controls() override; // records every act
    Instant now() const override;
    bool isPaused() const override { return m_paused; }
    double speed() const override { return m_speed; }
    void setSpeed(double factor) override;
    void pause() override;
    void resume() override;

    SimCluster &sim() { return *m_sim; }
    const Record &record() const { return m_record; }
    // One pacing step, as the timer takes it: runs what is due by the paced lab time (at most
    // a few milliseconds of wall time of it; behind, the pace starts again from where it got
    // to), or in step mode only what is due now. Returns the events it processed.
    qint64 tick();
    // Plays another engine's record from the start (this one must be new: started, nothing
    // run) until the trace holds event `event` (0-based): the same seed and configuration give
    // the same events 0..event, provided its data folder is new (or none): services that
    // recover from the original's logs do not run the same. The simulation stops at the end of the
    // step that traced that event, paused. False, with the whole record played and paused too, if
    // the record ends first.
    // progress, if set, is asked now and then with the events so far and the one to reach;
    // false stops the replay there (paused, as if the record had ended).
    bool replay(const Record &record, qsizetype event,
                const std::function<bool(qsizetype, qsizetype)> &progress = {});

private:
    class Recording;
    void note(std::function<void(SimEngine &)> act); // records an input (faults first)
    void syncFaults(); // the injector changed since the last record: its state is an input
    bool stepOnce();   // one event, recorded; the replies it produced are announced
    void moveClockTo(Instant t);
    void announceReplies();
    void rebase(); // the pace starts again from the simulation's now

    ClusterConfig m_config;
    QString m_startError; // why start() cannot
    std::unique_ptr<SimCluster> m_sim;
    std::unique_ptr<SimControls> m_controls;
    std::unique_ptr<Recording> m_recording;
    Record m_record;
    quint64 m_faultsSeen = 0; // the injector's generation in the record
    qsizetype m_announced = 0;
    QTimer *m_timer = nullptr;
    bool m_ticking = false;
    bool m_paused = false;
    bool m_replaying = false; // the timer's ticks wait (a progress dialog runs the event loop)
    double m_speed = 1.0;
    QElapsedTimer m_wall;
    qint64 m_wallBaseNs = 0;
    Instant m_labBase{};
};

} // namespace edgecore
