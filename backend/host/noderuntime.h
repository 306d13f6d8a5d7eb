#pragma once
// The part of a ThreadHost that lives on the worker thread: it implements Context for the
// service and owns every socket and timer. Internal to host/.

#include "directory.h"
#include "service.h"
#include "threadhost.h"
#include "wire/codec.h"
#include "wire/verifier.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <map>
#include <memory>
#include <set>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace edgecore {

class NodeRuntime final : public QObject, public Context, public TraceSink
{
    Q_OBJECT
public:
    NodeRuntime(const HostConfig &config, std::unique_ptr<Service> service);
    ~NodeRuntime() override;

    // Called on the worker thread through queued invocations from ThreadHost.
    quint16 listenOn(quint16 port, QString *error);
    void begin(std::shared_ptr<const Directory> directory);
    void shutdown(QThread *returnTo);
    void deliverLocal(Envelope env);
    void runOn(const std::function<void(Service &, Context &)> &f) { f(*m_service, *this); }
    HostStats stats() const { return m_stats; }

    // Context
    NodeId self() const override { return m_config.id; }
    Instant now() const override;
    NodeId lookup(const QString &name) const override;
    QString nameOf(NodeId id) const override;
    void send(NodeId to, Envelope msg) override;
    TimerId startTimer(Duration after) override;
    void cancelTimer(TimerId id) override;
    Rng &rng() override { return m_rng; }
    Storage &storage() override { return *m_storage; }
    TraceSink &trace() override { return *this; }
    void reply(const ClientReply &r) override;
    void sendRaw(NodeId to, const QByteArray &frame) override;

    // TraceSink
    void record(TraceKind kind, const QString &detail, TxId tx, SessionId session,
                NodeId peer) override;
    void refuse(const Envelope &msg, quint8 reason, const QString &detail) override;

Q_SIGNALS:
    void clientReply(const edgecore::ClientReply &reply);

private:
    struct Peer
    {
        QPointer<QTcpSocket> socket;
        QByteArray pending;
        bool connected = false;
        int attempts = 0;
        bool retryScheduled = false;
    };
    struct Incoming
    {
        FrameReader reader;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onIncomingClosed(QTcpSocket *socket);
    void rejectFrame(WireError error, const Envelope &claimed, qsizetype bytes);
    void deliver(Envelope env, bool local);
    void dispatch(const Envelope &env, bool local);
    void drainParked();
    void enqueue(NodeId to, const QByteArray &frame);
    void scheduleFlush();
    void flush();
    void connectPeer(NodeId to);
    void onPeerConnected(NodeId to);
    void onPeerLost(NodeId to);
    void armTimer();
    void onTimerFired();
    void onClockChanged();
    void traceMessage(TraceKind kind, const Envelope &env, NodeId peer, quint8 reason = 0,
                      const QString &detail = {});
    quint64 lamport() const;

    HostConfig m_config;
    std::unique_ptr<Service> m_service;
    std::unique_ptr<Storage> m_storage;
    std::shared_ptr<const Directory> m_directory;
    KeyRing m_keys;
    Verifier m_verifier;
    Rng m_rng;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Incoming> m_incoming;
    std::map<NodeId, Peer> m_peers;
    VectorClock m_vclock;
    quint64 m_nextSeq = 1;
    bool m_flushScheduled = false;
    bool m_started = false;
    bool m_wasPaused = false;
    std::deque<std::pair<Envelope, bool>> m_parked; // frames that arrived while paused
    QTimer *m_timer = nullptr;
    TimerId m_nextTimerId = 1;
    std::map<TimerId, Instant> m_timerDeadlines;
    std::set<std::pair<Instant, TimerId>> m_timerQueue;
    HostStats m_stats;
};

} // namespace edgecore
