#pragma once
// The cast on SimHost: the same services as Cluster, on one thread with a simulated network
// and virtual clock. Runs a load synchronously, deterministically from the seed.

#include "cluster.h"
#include "host/simhost.h"
#include "loadgenerator.h"

#include <memory>

namespace edgecore {

class SimCluster
{
public:
    explicit SimCluster(const ClusterConfig &config, SimNetwork network = {});

    SimHost &host() { return *m_host; }
    TraceStore &trace() { return *m_trace; }
    NodeId id(const QString &name) const { return m_host->directory().lookup(name); }
    template <typename S> S *service(const QString &name)
    {
        return static_cast<S *>(m_host->service(id(name)));
    }

    quint64 submit(const QString &subscriber, const QString &trafficClass, const QString &protocol,
                   qint64 durationMs = 0);
    // Runs spec to completion (every request answered, every committed session that ends
    // released) or until limit of lab time passes. Subscribers, classes and durations are
    // drawn as LoadGenerator draws them. The replies include the releases'.
    QVector<ClientReply> runLoad(const LoadSpec &spec, quint64 seed,
                                 Duration limit = std::chrono::seconds(600));
    // Runs until nothing is pending or `limit` of lab time passes (timers of idle services,
    // such as mallory's, keep a simulation from ever being idle).
    void settle(Duration limit = std::chrono::seconds(5));

    const QVector<ClientReply> &replies() const { return m_replies; }
    // Lets go of the replies kept so far (a long run reads them chunk by chunk).
    void forgetReplies() { m_replies.clear(); }

private:
    std::unique_ptr<TraceStore> m_trace;
    std::unique_ptr<SimHost> m_host;
    quint64 m_nextRequest = 1;
    QVector<ClientReply> m_replies;
};

} // namespace edgecore
