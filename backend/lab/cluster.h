#pragma once
// Builds the cast, wires it together on ThreadHosts over loopback TCP, and is the one handle
// the app, the scenarios and the tests hold on a running lab.

#include "core/labclock.h"
#include "host/directory.h"
#include "host/threadhost.h"
#include "labengine.h"
#include "protocol/locks.h"
#include "services/cast.h"
#include "services/participant.h"
#include "trace/tracestore.h"

#include <QObject>

#include <memory>
#include <vector>

namespace edgecore {

struct ClusterConfig
{
    quint64 seed = 1;
    QString dataDir; // one SQLite file per service; empty keeps logs in memory
    EdgeConfig edge;
    CoordinatorConfig coordinator;
    ResourceConfig resources;
    BillingConfig billing;
    MalloryConfig mallory;
    ParticipantConfig participants; // rm's and billing's (exclusive locks, timeouts)
    DeadlockConfig deadlock;        // the lock manager's (in the dsm)
    qsizetype traceCapacity = TraceStore::kDefaultCapacity;
    double clockSpeed = 1.0; // lab seconds per wall second (0.1 to 10)
    int sessionManagers = 3; // instances competing for the leader lease
};

// The cast as names and factories, in NodeId order: the one description of who runs, shared
// by the threaded Cluster and the simulated SimCluster.
struct CastMember
{
    QString name;
    ServiceFactory make;
};
// electionStaggerMs: how much later each session manager after sm-1 first asks for the lease.
std::vector<CastMember> buildCast(const ClusterConfig &config, qint64 electionStaggerMs = 300);

// The client request the edge receives for a session set-up.
// durationMs: how long the session lasts once committed (0: until the lab stops).
Envelope clientRequest(quint64 requestId, const QString &subscriber, const QString &trafficClass,
                       const QString &protocol, qint64 durationMs = 0);

class ThreadControls;

// The threaded engine: every service on its own ThreadHost, over loopback TCP.
class Cluster : public LabEngine
{
    Q_OBJECT
public:
    explicit Cluster(ClusterConfig config, QObject *parent = nullptr);
    ~Cluster() override;

    Kind kind() const override { return Kind::Threads; }
    // Starts every host and wires the directory. False with a reason if anything fails.
    bool start(QString *error = nullptr) override;
    void stop() override;
    bool isRunning() const override { return m_running; }
    // Runs the event loop until every frame sent so far has been delivered or refused (the
    // cluster is quiet), or timeoutMs of wall time pass. Returns whether it became quiet.
    bool settle(int timeoutMs = 2000);

    // Submits a session request at the edge. Returns its request id; the answer comes as
    // sessionFinished. Thread: the cluster's.
    quint64 submit(const QString &subscriber, const QString &trafficClass,
                   const QString &protocol = QStringLiteral("2PC"), qint64 durationMs = 0) override;

    const ClusterConfig &config() const override { return m_config; }
    LabClock &clock() { return m_clock; }
    TraceStore &trace() override { return *m_trace; }
    LabControls &controls() override;
    Instant now() const override { return m_clock.now(); }
    bool isPaused() const override { return m_clock.isPaused(); }
    double speed() const override { return m_clock.speed(); }
    void setSpeed(double factor) override { m_clock.setSpeed(factor); }
    void pause() override { m_clock.pause(); }
    void resume() override { m_clock.resume(); }
    const Directory &directory() const { return *m_directory; }
    ThreadHost *host(const QString &name) const;
    std::vector<ThreadHost *> hosts() const;
    // The faults every host obeys (links, partitions, services).
    FaultInjector &faults() { return *m_faults; }
    // Key rotation while running: every host learns a new key, then every host signs with
    // it (both verify meanwhile); retireOldKeys() later makes the old one refused.
    quint32 rotateKey();
    void retireOldKeys();

    // Runs f on the named service's thread, with the service cast to S, and waits.
    template <typename S, typename F> void inspect(const QString &name, F &&f)
    {
        if (ThreadHost *h = host(name))
            h->runOn([&f](Service &s, Context &) { f(static_cast<S &>(s)); });
    }

private:
    ClusterConfig m_config;
    LabClock m_clock;
    std::unique_ptr<TraceStore> m_trace;
    std::shared_ptr<Directory> m_directory;
    std::shared_ptr<FaultInjector> m_faults = std::make_shared<FaultInjector>();
    std::shared_ptr<Wiretap> m_wiretap = std::make_shared<Wiretap>();
    std::vector<std::unique_ptr<ThreadHost>> m_hosts;
    quint64 m_nextRequest = 1;
    qsizetype m_settleScanned = 0;
    qint64 m_settleInFlight = 0; // sends minus deliveries seen in the trace so far
    bool m_running = false;
    quint32 m_keyId = 1;
    std::unique_ptr<ThreadControls> m_controls; // made on first use
};

} // namespace edgecore
