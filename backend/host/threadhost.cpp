#include "threadhost.h"

#include "core/labclock.h"
#include "noderuntime.h"
#include "storage/sqlitestorage.h"
#include "trace/tracestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QTcpServer>

#include <QTcpSocket>
#include <QTimer>
#include <atomic>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
constexpr qsizetype kMaxPendingBytesPerPeer = 64 * 1024 * 1024;
} // namespace

// ---------------------------------------------------------------------------------------------
// ThreadHost: the owner's side.

ThreadHost::ThreadHost(HostConfig config, std::unique_ptr<Service> service, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    qRegisterMetaType<edgecore::ClientReply>();
    m_thread.setObjectName(m_config.name);
    m_runtime = new NodeRuntime(m_config, std::move(service));
    m_runtime->moveToThread(&m_thread);
    connect(m_runtime, &NodeRuntime::clientReply, this, &ThreadHost::clientReply);
}

ThreadHost::ThreadHost(HostConfig config, ServiceFactory factory, QObject *parent)
    : ThreadHost(std::move(config), factory(), parent)
{
    m_factory = std::move(factory);
}

void ThreadHost::crashWhen(std::function<bool(const Envelope &)> trigger)
{
    if (!m_thread.isRunning() || m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_runtime,
        [rt = m_runtime, t = std::move(trigger)]() mutable { rt->setCrashTrigger(std::move(t)); },
        Qt::BlockingQueuedConnection);
}

void ThreadHost::faultsChanged()
{
    if (!m_thread.isRunning() || m_stopped)
        return;
    QMetaObject::invokeMethod(m_runtime, &NodeRuntime::onFaultsChanged, Qt::QueuedConnection);
}

void ThreadHost::crash()
{
    if (!m_thread.isRunning() || m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime] { rt->crash(); }, Qt::BlockingQueuedConnection);
}

bool ThreadHost::restart()
{
    if (!m_thread.isRunning() || m_stopped || !m_factory)
        return false;
    bool ok = false;
    QMetaObject::invokeMethod(
        m_runtime, [&] { ok = m_runtime->restart(m_factory()); }, Qt::BlockingQueuedConnection);
    return ok;
}

ThreadHost::~ThreadHost()
{
    stop();
    delete m_runtime;
}

namespace {
// A host's thread yields to the window's: when the cast runs flat out on fewer cores than it
// has threads, the scheduler gives the thread that takes the user's input (nice 0) about three
// times the share of each host's (nice 5), so input is handled in time and the cast gets the
// rest. Linux (per-thread nice values); elsewhere the threads keep the default.
void yieldToTheWindow()
{
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
}
} // namespace

bool ThreadHost::listen(QString *error)
{
    if (!m_thread.isRunning())
        m_thread.start();
    QString reason;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_runtime,
        [&] {
            yieldToTheWindow();
            port = m_runtime->listenOn(m_config.listenPort, &reason);
        },
        Qt::BlockingQueuedConnection);
    m_port = port;
    if (port == 0 && error)
        *error = reason;
    return port != 0;
}

void ThreadHost::start(std::shared_ptr<const Directory> directory)
{
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime, directory] { rt->begin(directory); }, Qt::QueuedConnection);
}

void ThreadHost::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_thread.isRunning()) {
        QThread *owner = thread();
        QMetaObject::invokeMethod(
            m_runtime, [rt = m_runtime, owner] { rt->shutdown(owner); },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

void ThreadHost::post(const Envelope &local)
{
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime, local] { rt->deliverLocal(local); }, Qt::QueuedConnection);
}

void ThreadHost::runOn(const std::function<void(Service &, Context &)> &f)
{
    if (!m_thread.isRunning() || m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime, &f] { rt->runOn(f); }, Qt::BlockingQueuedConnection);
}

void ThreadHost::withNode(const std::function<void(NodeCore &)> &f)
{
    if (!m_thread.isRunning() || m_stopped) {
        f(*m_runtime);
        return;
    }
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime, &f] { f(*rt); }, Qt::BlockingQueuedConnection);
}

bool ThreadHost::onRuntime(const std::function<void(NodeRuntime &)> &f)
{
    if (!m_thread.isRunning() || m_stopped)
        return false;
    QMetaObject::invokeMethod(
        m_runtime, [rt = m_runtime, &f] { f(*rt); }, Qt::BlockingQueuedConnection);
    return true;
}

std::vector<PendingFrame> ThreadHost::pending()
{
    std::vector<PendingFrame> out;
    onRuntime([&out](NodeRuntime &rt) { out = rt.parked(); });
    return out;
}

bool ThreadHost::deliverPending(quint64 id)
{
    bool done = false;
    onRuntime([&](NodeRuntime &rt) { done = rt.deliverParked(id); });
    return done;
}

bool ThreadHost::dropPending(quint64 id)
{
    bool done = false;
    onRuntime([&](NodeRuntime &rt) { done = rt.dropParked(id); });
    return done;
}

bool ThreadHost::duplicatePending(quint64 id)
{
    bool done = false;
    onRuntime([&](NodeRuntime &rt) { done = rt.duplicateParked(id); });
    return done;
}

std::optional<Instant> ThreadHost::nextDeadline()
{
    std::optional<Instant> next;
    onRuntime([&next](NodeRuntime &rt) { next = rt.nextDeadline(); });
    return next;
}

HostStats ThreadHost::stats()
{
    if (!m_thread.isRunning() || m_stopped)
        return m_runtime->stats();
    HostStats s;
    QMetaObject::invokeMethod(
        m_runtime, [&] { s = m_runtime->stats(); }, Qt::BlockingQueuedConnection);
    return s;
}

// ---------------------------------------------------------------------------------------------
// NodeRuntime: the worker thread's side.

NodeRuntime::NodeRuntime(const HostConfig &config, std::unique_ptr<Service> service)
    : NodeCore(config, std::move(service))
{}

void NodeRuntime::requestCrash()
{
    // Not from inside a socket's own handler: crash on the next pass of the event loop.
    QMetaObject::invokeMethod(this, &NodeRuntime::crash, Qt::QueuedConnection);
}

qint64 NodeRuntime::wallMsNow() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

NodeRuntime::~NodeRuntime() = default;

quint16 NodeRuntime::listenOn(quint16 port, QString *error)
{
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        *error = m_config.name + u": cannot listen on 127.0.0.1:"_s + QString::number(port) +
                 u": "_s + m_server->errorString();
        return 0;
    }
    connect(m_server, &QTcpServer::newConnection, this, &NodeRuntime::onNewConnection);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &NodeRuntime::onTimerFired);
    connect(m_config.clock, &LabClock::changed, this, &NodeRuntime::onClockChanged);
    m_wasPaused = m_config.clock->isPaused();
    m_port = m_server->serverPort();
    return m_port;
}

void NodeRuntime::begin(std::shared_ptr<const Directory> dir)
{
    setDirectory(std::move(dir));
    m_begun = true;
    if (!openStorage()) {
        m_server->close(); // fail-stop: a service without its log takes no part
        return;
    }
    m_started = true;
    connectAllPeers();
    service().start(*this);
    drainParked(); // frames that came before our start
}

void NodeRuntime::closeEverything()
{
    for (auto &[id, peer] : m_peers) {
        if (peer.socket) {
            peer.socket->disconnect(this);
            peer.socket->abort();
            delete peer.socket;
        }
    }
    m_peers.clear();
    const auto sockets = m_incoming.keys();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        delete s;
    }
    m_incoming.clear();
    m_parked.clear();
    m_timerDeadlines.clear();
    m_timerQueue.clear();
    m_delayedOut.clear();
    m_delayedIn.clear();
    m_releaseAt.reset();
    if (m_timer)
        m_timer->stop();
}

void NodeRuntime::shutdown(QThread *returnTo)
{
    if (m_started && !storage().flush())
        record(TraceKind::Halt, storageFailure(storage(), u"write"_s), 0, 0, kNoNode);
    m_started = false;
    closeEverything();
    delete m_server;
    m_server = nullptr;
    delete m_timer;
    m_timer = nullptr;
    disconnect(m_config.clock, nullptr, this, nullptr);
    // The service and storage (a SQLite connection) belong to this thread: end them here.
    resetService(nullptr);
    takeStorage().reset();
    moveToThread(returnTo);
}

void NodeRuntime::crash()
{
    if (!m_started)
        return;
    // Like a killed process: the server closes, connections drop, memory is gone. Only what
    // was flushed to the SQLite file survives (records appended in this pass are lost).
    recordHost(HostEvent::Crashed);
    m_started = false;
    m_crashPending = false;
    closeEverything();
    m_server->close();
    resetService(nullptr);
    if (!m_config.dataDir.isEmpty()) { // the file stays; the connection goes with the process
        takeStorage().reset();
        setStorage(std::make_unique<MemoryStorage>());
    } // without a data folder the in-memory log stands in for the disk and survives
}

bool NodeRuntime::restart(std::unique_ptr<Service> fresh)
{
    if (m_started)
        return true;
    if (!m_server->listen(QHostAddress::LocalHost, m_port)) {
        record(TraceKind::Note,
               u"restart failed: cannot listen again: "_s + m_server->errorString(), 0, 0, kNoNode);
        return false;
    }
    resetService(std::move(fresh));
    if (!openStorage()) {
        m_server->close();
        return false;
    }
    m_started = true;
    recordHost(HostEvent::Restarted);
    connectAllPeers();
    service().start(*this); // recovers from the log
    return true;
}

bool NodeRuntime::openStorage()
{
    if (m_config.dataDir.isEmpty())
        return true;
    auto sqlite = std::make_unique<SqliteStorage>();
    const QString path = QDir(m_config.dataDir).filePath(m_config.name + u".sqlite"_s);
    if (!sqlite->open(path)) {
        // Never a log in memory instead: the service would act as if it were durable.
        record(TraceKind::Halt, storageFailure(*sqlite, u"open"_s), 0, 0, kNoNode);
        return false;
    }
    // Whatever appends (a message, a timer, recovery) gets its records flushed, and its
    // frames held until they are.
    sqlite->setFlushNeeded([this] { scheduleFlush(); });
    setStorage(std::move(sqlite));
    return true;
}

void NodeRuntime::halt(const QString &why)
{
    // Fail-stop: what this pass appended is not durable, so nothing that depends on it may
    // leave (its frames are dropped with the connections) and the service stops here, like a
    // crash. A restart recovers from what did reach the file.
    record(TraceKind::Halt, why, 0, 0, kNoNode);
    m_started = false;
    m_crashPending = false;
    closeEverything();
    m_server->close();
    resetService(nullptr);
    storage().discardPending();
    takeStorage().reset();
    setStorage(std::make_unique<MemoryStorage>());
}

void NodeRuntime::connectAllPeers()
{
    // Connect to every peer now rather than on the first send, so the first sessions do not
    // pay for TCP set-up.
    for (const NodeInfo &n : directory()->nodes)
        if (n.id != m_config.id && !m_peers[n.id].socket)
            connectPeer(n.id);
}

Instant NodeRuntime::now() const
{
    return m_config.clock->now();
}

void NodeRuntime::send(NodeId to, Envelope msg)
{
    if (!m_started || m_crashPending)
        return;
    const Outgoing out = outgoing(to, msg);
    for (int c = 0; c < out.copies; ++c) {
        if (out.delay > Duration::zero()) { // held on the lab clock, then written
            m_delayedOut.emplace(now() + out.delay, std::pair{to, out.frame});
            armTimer();
        } else {
            enqueue(to, out.frame);
        }
    }
}

void NodeRuntime::sendRaw(NodeId to, const QByteArray &frame)
{
    if (!m_started || !directory() || !directory()->find(to))
        return;
    enqueue(to, frame);
}

void NodeRuntime::enqueue(NodeId to, const QByteArray &frame)
{
    Peer &peer = m_peers[to];
    if (peer.pending.size() + frame.size() > kMaxPendingBytesPerPeer) {
        record(TraceKind::Note, u"send buffer full, frame dropped"_s, 0, 0, to);
        return;
    }
    peer.pending += frame;
    if (!peer.socket && !peer.retryScheduled)
        connectPeer(to);
    scheduleFlush();
}

void NodeRuntime::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &NodeRuntime::flush, Qt::QueuedConnection);
}

void NodeRuntime::flush()
{
    m_flushScheduled = false;
    if (!m_started)
        return;
    // Group commit: every record of this pass is durable before any frame of it leaves.
    if (!storage().flush()) {
        halt(storageFailure(storage(), u"write"_s));
        return;
    }
    for (auto &[id, peer] : m_peers) {
        if (peer.connected && peer.socket && !peer.pending.isEmpty()) {
            peer.socket->write(peer.pending);
            peer.pending.clear();
        }
    }
}

void NodeRuntime::connectPeer(NodeId to)
{
    const NodeInfo *info = directory() ? directory()->find(to) : nullptr;
    if (!info || !m_started)
        return;
    Peer &peer = m_peers[to];
    peer.retryScheduled = false;
    auto *socket = new QTcpSocket(this);
    peer.socket = socket;
    connect(socket, &QTcpSocket::connected, this, [this, to] { onPeerConnected(to); });
    connect(socket, &QTcpSocket::disconnected, this, [this, to] { onPeerLost(to); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, to] { onPeerLost(to); });
    // Outgoing connections carry frames one way; anything the peer sends back is ignored.
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    socket->connectToHost(info->host, info->port);
}

void NodeRuntime::onPeerConnected(NodeId to)
{
    Peer &peer = m_peers[to];
    // TCP_NODELAY: small frames must not wait for the peer's delayed ACK (Nagle). Qt ignores
    // socket options set before the connection exists, so it is set here.
    if (peer.socket)
        peer.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    peer.connected = true;
    peer.attempts = 0;
    record(TraceKind::Connection, u"connected"_s, 0, 0, to);
    scheduleFlush();
}

void NodeRuntime::onPeerLost(NodeId to)
{
    Peer &peer = m_peers[to];
    if (!peer.socket)
        return;
    QTcpSocket *socket = peer.socket;
    peer.socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    const bool wasConnected = peer.connected;
    peer.connected = false;
    if (!m_started)
        return;
    // Exponential backoff with equal jitter, capped: half the delay is fixed, half random.
    const int exp = std::min(peer.attempts, 16);
    const qint64 delay =
        std::min<qint64>(m_config.backoffCapMs, qint64(m_config.backoffBaseMs) << exp);
    const qint64 wait =
        delay / 2 + static_cast<qint64>(rng().below(static_cast<quint64>(delay / 2 + 1)));
    ++peer.attempts;
    record(TraceKind::Connection,
           (wasConnected ? u"connection lost, reconnecting in "_s
                         : u"connect failed, retrying in "_s) +
               QString::number(wait) + u" ms"_s,
           0, 0, to);
    peer.retryScheduled = true;
    const quint64 generation = ++peer.retryGeneration;
    QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, to, generation] {
        const Peer &p = m_peers[to];
        if (p.retryScheduled && p.retryGeneration == generation)
            connectPeer(to);
    });
}

void NodeRuntime::onHeardFrom(NodeId from)
{
    // A signed frame from a peer we are waiting out a backoff for proves it is up again (it
    // restarted): connect now instead of after the backoff, so replies do not lag behind.
    const auto it = m_peers.find(from);
    if (it == m_peers.end() || it->second.socket || !it->second.retryScheduled)
        return;
    it->second.attempts = 0;
    record(TraceKind::Connection, u"peer is back: reconnecting now"_s, 0, 0, from);
    connectPeer(from);
}

void NodeRuntime::onNewConnection()
{
    // Someone connected: perhaps a peer we are backing off from, restarted (a restarted node
    // connects to every peer at once). Try those peers now rather than after the backoff; the
    // backoff keeps growing if they are still down.
    for (auto &[id, peer] : m_peers)
        if (!peer.socket && peer.retryScheduled)
            connectPeer(id);
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_incoming.insert(socket, Incoming{});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this,
                [this, socket] { onIncomingClosed(socket); });
    }
}

void NodeRuntime::onReadyRead(QTcpSocket *socket)
{
    auto it = m_incoming.find(socket);
    if (it == m_incoming.end())
        return;
    it->reader.append(socket->readAll());
    QByteArray body;
    WireError error = WireError::None;
    for (;;) {
        const FrameReader::Status st = it->reader.next(body, error);
        if (st == FrameReader::Status::NeedMore)
            return;
        Envelope env;
        qsizetype bytes = body.size() + kFrameHeaderBytes;
        if (st == FrameReader::Status::Frame)
            error = open(body, env);
        else
            bytes = it->reader.bufferedBytes();
        if (error == WireError::None) {
            onHeardFrom(env.sender);
            deliver(std::move(env), false, body);
            it = m_incoming.find(socket); // delivery may not invalidate, but be safe
            if (it == m_incoming.end())
                return;
            continue;
        }
        rejectFrame(error, env, bytes);
        if (st == FrameReader::Status::Error || closesConnection(error)) {
            ++m_stats.connectionsClosed;
            m_incoming.remove(socket);
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
            return;
        }
    }
}

void NodeRuntime::onIncomingClosed(QTcpSocket *socket)
{
    auto it = m_incoming.find(socket);
    if (it == m_incoming.end())
        return;
    if (it->reader.hasPartialFrame())
        rejectFrame(WireError::Truncated, Envelope{}, it->reader.bufferedBytes());
    m_incoming.erase(it);
    socket->deleteLater();
}

namespace {
quint64 nextParkedId()
{
    static std::atomic<quint64> next{0};
    return ++next;
}
} // namespace

void NodeRuntime::deliverLocal(Envelope env)
{
    deliver(std::move(env), true);
}

void NodeRuntime::deliver(Envelope env, bool local, const QByteArray &body)
{
    if (!m_started) {
        // A peer that started first may already talk to us: hold its frames until our own
        // start has run (a crashed node has no listener, so nothing reaches it then).
        if (!m_begun)
            m_parked.push_back(Parked{std::move(env), local, nextParkedId(), now(), body});
        return;
    }
    // Parked frames go first: a frame that arrives just after a resume must not overtake them.
    if (m_config.clock->isPaused() || !m_parked.empty()) {
        m_parked.push_back(Parked{std::move(env), local, nextParkedId(), now(), body});
        if (!m_config.clock->isPaused())
            drainParked();
        return;
    }
    admit(env, local);
}

void NodeRuntime::scheduleRelease(Instant at)
{
    m_releaseAt = m_releaseAt ? std::min(*m_releaseAt, at) : at;
    armTimer();
}

void NodeRuntime::delayDelivery(const Envelope &env, bool local, Instant at)
{
    m_delayedIn.emplace(at, std::pair{env, local});
    armTimer();
}

void NodeRuntime::onFaultsChanged()
{
    if (!m_started)
        return;
    // Resumed: deadlines that passed while paused come before the messages that waited, as
    // they would have fired first had the service been running (a 3PC coordinator whose vote
    // timeout passed must abort, not pre-commit on votes it reads late: its participants have
    // timed out meanwhile and terminated without it).
    fireDueTimers();
    releaseHeld();
    armTimer();
}

void NodeRuntime::reply(const ClientReply &r)
{
    Q_EMIT clientReply(r);
}

TimerId NodeRuntime::startTimer(Duration after)
{
    const TimerId id = m_nextTimerId++;
    const Instant deadline = now() + after;
    m_timerDeadlines.emplace(id, deadline);
    m_timerQueue.emplace(deadline, id);
    armTimer();
    return id;
}

void NodeRuntime::cancelTimer(TimerId id)
{
    const auto it = m_timerDeadlines.find(id);
    if (it == m_timerDeadlines.end())
        return;
    m_timerQueue.erase({it->second, id});
    m_timerDeadlines.erase(it);
    armTimer();
}

void NodeRuntime::armTimer()
{
    if (!m_timer)
        return;
    // The earliest of: a service timer (unless the service is paused), a delayed frame out or
    // in, the release of held messages.
    const std::optional<Instant> next = nextDeadline();
    if (!next) {
        m_timer->stop();
        return;
    }
    // A deadline already reached fires now, also on a paused clock that was stepped past it;
    // otherwise wait the wall time the lab clock needs, or (paused) until it changes.
    const Instant deadline = *next;
    const qint64 ms = deadline <= now() ? 0 : m_config.clock->wallMsUntil(deadline);
    if (ms < 0)
        m_timer->stop();
    else
        m_timer->start(std::chrono::milliseconds(ms));
}

void NodeRuntime::onTimerFired()
{
    if (!m_started || m_crashPending)
        return;
    const Instant t = now();
    // Injected delays first: frames out whose latency has passed, deliveries held back.
    while (!m_delayedOut.empty() && m_delayedOut.begin()->first <= t) {
        auto node = m_delayedOut.extract(m_delayedOut.begin());
        enqueue(node.mapped().first, node.mapped().second);
    }
    while (!m_delayedIn.empty() && m_delayedIn.begin()->first <= t && m_started) {
        auto node = m_delayedIn.extract(m_delayedIn.begin());
        admit(node.mapped().first, node.mapped().second, true);
    }
    if (m_releaseAt && *m_releaseAt <= t) {
        m_releaseAt.reset();
        releaseHeld();
    }
    fireDueTimers();
    armTimer();
}

void NodeRuntime::fireDueTimers()
{
    if (timersHeld() || !m_started || m_crashPending) // a paused service's timers wait
        return;
    // Bounded: only timers already due fire in this pass; new ones wait for the next.
    const Instant t = now();
    std::vector<TimerId> due;
    for (auto it = m_timerQueue.begin(); it != m_timerQueue.end() && it->first <= t;) {
        due.push_back(it->second);
        m_timerDeadlines.erase(it->second);
        it = m_timerQueue.erase(it);
    }
    for (TimerId id : due)
        service().onTimer(id, *this);
}

void NodeRuntime::onClockChanged()
{
    armTimer();
    const bool paused = m_config.clock->isPaused();
    m_wasPaused = paused;
    if (!paused)
        drainParked();
}

void NodeRuntime::drainParked()
{
    while (!m_parked.empty() && m_started && !m_config.clock->isPaused()) {
        Parked p = std::move(m_parked.front());
        m_parked.pop_front();
        release(p);
    }
}

void NodeRuntime::release(const Parked &p)
{
    if (!p.copy) {
        admit(p.env, p.local);
        return;
    }
    // The copy arrives now: the verifier sees its bytes as it would a duplicate off the wire.
    Envelope env;
    if (const WireError error = open(p.body, env); error != WireError::None) {
        rejectFrame(error, env, p.body.size() + kFrameHeaderBytes);
        return;
    }
    admit(env, false);
}

PendingFrame NodeRuntime::pendingOf(const Parked &p) const
{
    return PendingFrame{p.id,
                        p.local ? kNoNode : p.env.sender,
                        m_config.id,
                        static_cast<quint16>(p.env.type),
                        p.env.seq,
                        p.env.txId,
                        p.env.sessionId,
                        p.since};
}

std::vector<PendingFrame> NodeRuntime::parked() const
{
    std::vector<PendingFrame> out;
    for (const Parked &p : m_parked)
        out.push_back(pendingOf(p));
    return out;
}

bool NodeRuntime::deliverParked(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const Parked &p) { return p.id == id; });
    if (it == m_parked.end() || !m_started)
        return false;
    Parked p = std::move(*it);
    m_parked.erase(it);
    release(p);
    return true;
}

bool NodeRuntime::dropParked(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const Parked &p) { return p.id == id; });
    if (it == m_parked.end())
        return false;
    m_config.trace->append(droppedByHand(pendingOf(*it), now(), wallMsNow() * 1000));
    m_parked.erase(it);
    return true;
}

bool NodeRuntime::duplicateParked(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const Parked &p) { return p.id == id; });
    if (it == m_parked.end() || it->local || it->body.isEmpty())
        return false; // a local message never crossed a wire: there is nothing to copy
    Parked copy = *it;
    copy.id = nextParkedId();
    copy.since = now();
    copy.copy = true;
    m_config.trace->append(copiedByHand(pendingOf(copy), now(), wallMsNow() * 1000));
    m_parked.push_back(std::move(copy));
    return true;
}

std::optional<Instant> NodeRuntime::nextDeadline() const
{
    std::optional<Instant> next;
    auto consider = [&next](Instant t) { next = next ? std::min(*next, t) : t; };
    if (!m_timerQueue.empty() && !timersHeld())
        consider(m_timerQueue.begin()->first);
    if (!m_delayedOut.empty())
        consider(m_delayedOut.begin()->first);
    if (!m_delayedIn.empty())
        consider(m_delayedIn.begin()->first);
    if (m_releaseAt)
        consider(*m_releaseAt);
    return next;
}

} // namespace edgecore
