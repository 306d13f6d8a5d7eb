#pragma once
// ThreadHost runs one service on its own QThread: a QTcpServer on 127.0.0.1 for incoming
// frames, one outgoing QTcpSocket per peer with reconnect (exponential backoff with jitter),
// frames signed on send and verified on receipt, writes batched per event-loop pass, and
// timers on the lab clock. While the lab clock is paused, verified frames are parked and
// delivered on resume.

#include "nodecore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace edgecore {

class LabClock;
class TraceStore;
class NodeRuntime;

class ThreadHost : public QObject
{
    Q_OBJECT
public:
    ThreadHost(HostConfig config, std::unique_ptr<Service> service, QObject *parent = nullptr);
    // With a factory the host can restart its service after a crash.
    ThreadHost(HostConfig config, ServiceFactory factory, QObject *parent = nullptr);
    ~ThreadHost() override;

    NodeId id() const { return m_config.id; }
    QString name() const { return m_config.name; }

    // Starts the thread and binds the server; blocks until bound. Returns false with a reason.
    bool listen(QString *error = nullptr);
    quint16 port() const { return m_port; }
    // Hands the directory over and calls Service::start on the host's thread.
    void start(std::shared_ptr<const Directory> directory);
    // Closes everything and ends the thread; blocks until done. Idempotent.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }
    // Kills the service like a process crash: server closed, connections dropped, memory lost;
    // its SQLite file stays. restart() listens again on the same port with a fresh service from
    // the factory, which recovers from that file.
    void crash();
    bool restart();
    // Crashes instead of delivering the first message that matches (a precise fault point).
    void crashWhen(std::function<bool(const Envelope &)> trigger);

    // The injector's rules for this node changed (resume, slow, ...): act on them now.
    void faultsChanged();

    // Thread-safe: delivers a local (unsigned, never on the wire) message to the service.
    void post(const Envelope &local);
    // Runs f on the host's thread with its service and context and waits for it; not while
    // crashed or halted (f does not run then). Not from the host's own thread.
    void runOn(const std::function<void(Service &, Context &)> &f);
    HostStats stats();
    // Step mode, thread-safe (each waits for the host's thread): the frames parked here, and
    // delivering, dropping or duplicating one of them; the next moment something here is due.
    std::vector<PendingFrame> pending();
    bool deliverPending(quint64 id);
    bool dropPending(quint64 id);
    bool duplicatePending(quint64 id);
    std::optional<Instant> nextDeadline();
    // Runs f on the host's thread with its node (keys, stats), also while crashed; waits.
    void withNode(const std::function<void(NodeCore &)> &f);

Q_SIGNALS:
    void clientReply(const edgecore::ClientReply &reply);

private:
    // Runs f on the host's thread and waits; false (f not run) once the thread is gone.
    bool onRuntime(const std::function<void(NodeRuntime &)> &f);

    HostConfig m_config;
    QThread m_thread;
    NodeRuntime *m_runtime = nullptr;
    ServiceFactory m_factory;
    quint16 m_port = 0;
    bool m_stopped = false;
};

} // namespace edgecore
