#pragma once
// The part of a ThreadHost that lives on the worker thread: it puts NodeCore's frames on TCP
// and owns every socket and timer. Internal to host/.

#include "nodecore.h"
#include "threadhost.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace edgecore {

class NodeRuntime final : public QObject, public NodeCore
{
    Q_OBJECT
public:
    NodeRuntime(const HostConfig &config, std::unique_ptr<Service> service);
    ~NodeRuntime() override;

    // Called on the worker thread through queued invocations from ThreadHost.
    quint16 listenOn(quint16 port, QString *error);
    void begin(std::shared_ptr<const Directory> dir);
    void shutdown(QThread *returnTo);
    void deliverLocal(Envelope env);
    void crash();
    bool restart(std::unique_ptr<Service> fresh);
    void runOn(const std::function<void(Service &, Context &)> &f)
    {
        if (hasService()) // not while crashed or halted: there is no service then
            f(service(), *this);
    }

    // Context: what TCP and the lab clock do differently.
    Instant now() const override;
    void send(NodeId to, Envelope msg) override;
    TimerId startTimer(Duration after) override;
    void cancelTimer(TimerId id) override;
    void reply(const ClientReply &r) override;
    void sendRaw(NodeId to, const QByteArray &frame) override;
    void onFaultsChanged();
    // Step mode (the clock paused): the frames parked here, oldest first; deliver one now (its
    // service runs although the clock stands still), drop it (traced as lost) or duplicate it
    // (a copy of its bytes parked beside it, traced as sent again; see duplicateParked()); the
    // next moment something here is due (a timer, a delayed frame), if any.
    std::vector<PendingFrame> parked() const;
    bool deliverParked(quint64 id);
    bool dropParked(quint64 id);
    bool duplicateParked(quint64 id);
    std::optional<Instant> nextDeadline() const;

Q_SIGNALS:
    void clientReply(const edgecore::ClientReply &reply);

protected:
    qint64 wallMsNow() const override;
    void requestCrash() override;
    void scheduleRelease(Instant at) override;
    void delayDelivery(const Envelope &env, bool local, Instant at) override;

private:
    struct Peer
    {
        QPointer<QTcpSocket> socket;
        QByteArray pending;
        bool connected = false;
        int attempts = 0;
        bool retryScheduled = false;
        quint64 retryGeneration = 0; // a retry timer acts only if it is still the latest
    };
    struct Incoming
    {
        FrameReader reader;
    };

    void closeEverything();
    bool openStorage(); // false: the node halted (traced)
    void halt(const QString &why);
    void connectAllPeers();
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onIncomingClosed(QTcpSocket *socket);
    // body: the verified frame's bytes (remote frames), kept while it is parked.
    void deliver(Envelope env, bool local, const QByteArray &body = {});
    void drainParked();
    void enqueue(NodeId to, const QByteArray &frame);
    void scheduleFlush();
    void flush();
    void connectPeer(NodeId to);
    void onPeerConnected(NodeId to);
    void onPeerLost(NodeId to);
    void onHeardFrom(NodeId from);
    void armTimer();
    void onTimerFired();
    void fireDueTimers();
    void onClockChanged();

    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    QHash<QTcpSocket *, Incoming> m_incoming;
    std::map<NodeId, Peer> m_peers;
    bool m_flushScheduled = false;
    bool m_started = false;
    bool m_begun = false; // begin() has run once
    bool m_wasPaused = false;
    struct Parked
    {
        Envelope env;
        bool local = false;
        quint64 id = 0;
        Instant since{};
        QByteArray body; // the frame as it came (remote frames), for a copy
        // A copy made by hand: its bytes have not been verified yet. They are when it is
        // delivered, as a duplicate from the network is on arrival (the replay window refuses
        // a frame it has seen).
        bool copy = false;
    };
    std::deque<Parked> m_parked; // frames that arrived while paused
    PendingFrame pendingOf(const Parked &p) const;
    void release(const Parked &p); // a parked frame goes on to the service (a copy: verified)
    QTimer *m_timer = nullptr;
    TimerId m_nextTimerId = 1;
    std::map<TimerId, Instant> m_timerDeadlines;
    std::set<std::pair<Instant, TimerId>> m_timerQueue;
    // Injected faults: frames held for link latency, deliveries held (prepare delay), the
    // moment held messages may go on (slow service).
    std::multimap<Instant, std::pair<NodeId, QByteArray>> m_delayedOut;
    std::multimap<Instant, std::pair<Envelope, bool>> m_delayedIn;
    std::optional<Instant> m_releaseAt;
};

} // namespace edgecore
