#include "simengine.h"

#include <QDir>
#include <QTimer>

#include <algorithm>

namespace edgecore {

namespace {

constexpr int kTickMs = 10;                 // how often the pace is taken
constexpr qint64 kTickBudgetNs = 8'000'000; // wall time one tick may run the simulation
constexpr qint64 kMaxLagUs = 200'000;       // behind by more lab time than this: pace from here

} // namespace

// The engine's LabControls: every act is recorded before it is done (the injector's state
// first, if something changed it directly), so that a replay does the same in the same order.
// Questions (now, pending, ...) go straight to the simulator.
class SimEngine::Recording final : public LabControls
{
public:
    explicit Recording(SimEngine &engine)
        : m_engine(engine)
    {}

    Instant now() const override { return m_engine.now(); }
    void crash(const QString &node) override
    {
        act([node](SimEngine &e) { e.controls().crash(node); }, [&] { inner().crash(node); });
    }
    void restart(const QString &node) override
    {
        act([node](SimEngine &e) { e.controls().restart(node); }, [&] { inner().restart(node); });
    }
    void crashWhen(const QString &node, std::function<bool(const Envelope &)> trigger) override
    {
        act([node, trigger](SimEngine &e) { e.controls().crashWhen(node, trigger); },
            [&] { inner().crashWhen(node, trigger); });
    }
    FaultInjector &faults() override { return inner().faults(); } // changes noticed later
    NodeId id(const QString &node) const override { return m_engine.m_controls->id(node); }
    QStringList services() const override { return m_engine.m_controls->services(); }
    void faultsChanged(const QString &node) override
    {
        act([node](SimEngine &e) { e.controls().faultsChanged(node); },
            [&] { inner().faultsChanged(node); });
    }
    void traceFault(const QString &node, const QString &detail,
                    std::optional<FaultStep::Action> what, quint64 value,
                    const QString &peer) override
    {
        act([=](SimEngine &e) { e.controls().traceFault(node, detail, what, value, peer); },
            [&] { inner().traceFault(node, detail, what, value, peer); });
    }
    void configureMallory(const MalloryConfig &config) override
    {
        act([config](SimEngine &e) { e.controls().configureMallory(config); },
            [&] { inner().configureMallory(config); });
    }
    quint32 rotateKey() override
    {
        quint32 id = 0;
        act([](SimEngine &e) { e.controls().rotateKey(); }, [&] { id = inner().rotateKey(); });
        return id;
    }
    void retireOldKeys() override
    {
        act([](SimEngine &e) { e.controls().retireOldKeys(); }, [&] { inner().retireOldKeys(); });
    }
    int replayDeadLetters() override
    {
        int n = 0;
        act([](SimEngine &e) { e.controls().replayDeadLetters(); },
            [&] { n = inner().replayDeadLetters(); });
        return n;
    }
    void setStepMode(bool on) override
    {
        act([on](SimEngine &e) { e.controls().setStepMode(on); }, [&] { inner().setStepMode(on); });
        if (!on)
            m_engine.rebase(); // the pace goes on from where the steps left the clock
    }
    bool stepMode() const override { return m_engine.m_controls->stepMode(); }
    std::vector<PendingFrame> pending() override { return inner().pending(); }
    bool deliver(quint64 pendingId) override
    {
        bool ok = false;
        act([pendingId](SimEngine &e) { e.controls().deliver(pendingId); },
            [&] { ok = inner().deliver(pendingId); });
        return ok;
    }
    bool drop(quint64 pendingId) override
    {
        bool ok = false;
        act([pendingId](SimEngine &e) { e.controls().drop(pendingId); },
            [&] { ok = inner().drop(pendingId); });
        return ok;
    }
    bool duplicate(quint64 pendingId) override
    {
        bool ok = false;
        act([pendingId](SimEngine &e) { e.controls().duplicate(pendingId); },
            [&] { ok = inner().duplicate(pendingId); });
        return ok;
    }
    bool advanceToNextDeadline() override
    {
        bool ok = false;
        act([](SimEngine &e) { e.controls().advanceToNextDeadline(); },
            [&] { ok = inner().advanceToNextDeadline(); });
        return ok;
    }

private:
    SimControls &inner() { return *m_engine.m_controls; }
    template <typename Do> void act(std::function<void(SimEngine &)> again, Do &&now)
    {
        m_engine.note(std::move(again));
        now();
        m_engine.announceReplies();
    }
    SimEngine &m_engine;
};

SimEngine::SimEngine(ClusterConfig config, QObject *parent)
    : LabEngine(parent)
    , m_config(std::move(config))
    , m_speed(std::clamp(m_config.clockSpeed, 0.1, 10.0))
{
    // The services open their logs as the simulation is built, so their folder comes first.
    if (!m_config.dataDir.isEmpty() && !QDir().mkpath(m_config.dataDir))
        m_startError = tr("cannot create %1").arg(QDir::toNativeSeparators(m_config.dataDir));
    m_sim = std::make_unique<SimCluster>(m_config);
    m_controls = std::make_unique<SimControls>(*m_sim);
    m_recording = std::make_unique<Recording>(*this);
    m_faultsSeen = m_sim->host().faults().generation();
    m_wall.start();
}

SimEngine::~SimEngine() = default;

LabControls &SimEngine::controls()
{
    return *m_recording;
}

bool SimEngine::start(QString *error)
{
    if (m_ticking)
        return true;
    if (!m_startError.isEmpty()) {
        if (error)
            *error = m_startError;
        return false;
    }
    m_ticking = true;
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
    }
    rebase();
    m_timer->start(kTickMs);
    return true;
}

void SimEngine::stop()
{
    m_ticking = false;
    if (m_timer)
        m_timer->stop();
}

Instant SimEngine::now() const
{
    return m_sim->host().now();
}

void SimEngine::setSpeed(double factor)
{
    m_speed = std::clamp(factor, 0.1, 10.0);
    rebase();
}

void SimEngine::pause()
{
    m_paused = true;
}

void SimEngine::resume()
{
    if (m_controls->stepMode())
        m_recording->setStepMode(false); // as on threads: running again ends step mode
    m_paused = false;
    rebase();
}

void SimEngine::rebase()
{
    m_wallBaseNs = m_wall.nsecsElapsed();
    m_labBase = m_sim->host().now();
}

quint64 SimEngine::submit(const QString &subscriber, const QString &trafficClass,
                          const QString &protocol, qint64 durationMs)
{
    note([=](SimEngine &e) { e.submit(subscriber, trafficClass, protocol, durationMs); });
    const quint64 id = m_sim->submit(subscriber, trafficClass, protocol, durationMs);
    Q_EMIT sessionSubmitted(id, subscriber, trafficClass, protocol);
    return id;
}

void SimEngine::syncFaults()
{
    const FaultInjector &faults = m_sim->host().faults();
    if (faults.generation() == m_faultsSeen)
        return;
    m_record.push_back(Op{0, std::nullopt, [state = faults.state()](SimEngine &e) {
                              e.controls().faults().restore(state);
                          }});
    m_faultsSeen = faults.generation();
}

void SimEngine::note(std::function<void(SimEngine &)> act)
{
    syncFaults();
    m_record.push_back(Op{0, std::nullopt, std::move(act)});
}

bool SimEngine::stepOnce()
{
    syncFaults();
    SimHost &host = m_sim->host();
    const qsizetype queued = host.queued();
    const qsizetype parked = host.parkedCount();
    if (!host.step()) {
        // Nothing ran, but frames may have been parked (step mode) or events of a crashed
        // node let go: the attempt is part of the record too.
        if (host.queued() != queued || host.parkedCount() != parked)
            m_record.push_back(Op{0, std::nullopt, [](SimEngine &e) { e.stepOnce(); }});
        return false;
    }
    if (!m_record.empty() && m_record.back().steps > 0)
        ++m_record.back().steps;
    else
        m_record.push_back(Op{1, std::nullopt, {}});
    announceReplies();
    return true;
}

void SimEngine::moveClockTo(Instant t)
{
    if (t <= m_sim->host().now())
        return;
    syncFaults();
    // Quiet ticks one after another are one move, to the last of them.
    if (m_record.empty() || !m_record.back().clockTo)
        m_record.push_back(Op{0, t, {}});
    else
        m_record.back().clockTo = t;
    m_sim->host().runUntil(t, 0); // nothing is due before t: only the clock moves
}

void SimEngine::announceReplies()
{
    const QVector<ClientReply> &replies = m_sim->replies();
    while (m_announced < replies.size()) {
        const ClientReply r = replies[m_announced++]; // a slot may run the engine on
        Q_EMIT sessionFinished(r);
    }
    // Announced, they are the window's (which folds them): kept here they grew by some 40 KB
    // a second at full load.
    m_sim->forgetReplies();
    m_announced = 0;
}

qint64 SimEngine::tick()
{
    if (m_replaying)
        return 0;
    SimHost &host = m_sim->host();
    qint64 n = 0;
    const qint64 startNs = m_wall.nsecsElapsed();
    if (host.stepMode()) { // only what is due now: the clock moves by hand
        while (stepOnce())
            ++n;
        return n;
    }
    if (m_paused)
        return 0;
    const double elapsedUs = double(startNs - m_wallBaseNs) / 1000.0 * m_speed;
    const Instant target = m_labBase + std::chrono::microseconds(qint64(elapsedUs));
    bool behind = false;
    while (host.hasPending() && host.nextAt() <= target) {
        if (!stepOnce())
            break;
        if ((++n & 63) == 0 && m_wall.nsecsElapsed() - startNs > kTickBudgetNs) {
            behind = true;
            break;
        }
    }
    if (!behind)
        moveClockTo(target);
    else if (toUs(target) - toUs(host.now()) > kMaxLagUs)
        rebase(); // the simulation cannot keep this pace: it runs as fast as it can
    return n;
}

bool SimEngine::replay(const Record &record, qsizetype event,
                       const std::function<bool(qsizetype, qsizetype)> &progress)
{
    m_paused = true; // and it stays so: the branch waits for its user
    m_replaying = true;
    TraceStore &trace = m_sim->trace();
    qint64 sinceAsked = 0;
    bool stopped = false;
    const auto ask = [&] {
        if (progress && ++sinceAsked >= 1024) {
            sinceAsked = 0;
            stopped = !progress(trace.size(), event + 1);
        }
        return !stopped;
    };
    for (const Op &op : record) {
        if (trace.size() > event || stopped)
            break;
        if (op.steps > 0) {
            for (qint64 i = 0; i < op.steps && trace.size() <= event && ask(); ++i)
                stepOnce();
        } else if (op.clockTo) {
            moveClockTo(*op.clockTo);
        } else {
            op.act(*this);
            ask();
        }
    }
    m_replaying = false;
    rebase();
    return trace.size() > event;
}

} // namespace edgecore
