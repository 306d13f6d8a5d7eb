#pragma once
// SimHost, the test bed: every service of a cast on one thread, a simulated network and a
// virtual clock, every choice drawn from one seed. Frames go through the same sealing and
// verification as on ThreadHost; only their transport is simulated. The same seed and code
// give the same trace, event for event.

#include "nodecore.h"

#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <vector>

namespace edgecore {

class TraceStore;

// The network's fault options: a plain struct.
struct SimNetwork
{
    Duration delayMin = std::chrono::microseconds(200);
    Duration delayMax = std::chrono::microseconds(2000);
    double lossRate = 0;      // per frame
    double duplicateRate = 0; // per frame
    bool reorder = false;     // false: FIFO per link, as TCP is
};

class SimHost
{
public:
    SimHost(quint64 seed, TraceStore *trace, KeyMaterial keys, SimNetwork network = {});
    ~SimHost();
    SimHost(const SimHost &) = delete;
    SimHost &operator=(const SimHost &) = delete;

    // Before add(): each node keeps its log in DIR/<name>.sqlite, as on threads (empty: in
    // memory). A log that cannot be written halts its node (fail-stop, traced).
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    // Adds a node before start(); the factory is kept to build the service again on restart.
    NodeId add(const QString &name, ServiceFactory factory);
    void start();

    // Runs f at lab time t on the simulation's thread (a scenario's timed step).
    void at(Instant t, std::function<void()> f);
    // Delivers a local (client) message to the node at the current time.
    void post(NodeId to, const Envelope &local);
    // A frame from outside the cast (a test's probe) arrives at the node now.
    void inject(NodeId to, const QByteArray &frame);
    // Processes the next event; false when there is none.
    bool step();
    // Processes events up to time t (inclusive) or until maxEvents; returns how many.
    qint64 runUntil(Instant t, qint64 maxEvents = std::numeric_limits<qint64>::max());
    // Processes events until none is left or maxEvents; returns how many.
    qint64 runUntilIdle(qint64 maxEvents = std::numeric_limits<qint64>::max());
    Instant now() const { return m_now; }
    bool hasPending() const { return !m_queue.empty(); }
    qsizetype queued() const { return qsizetype(m_queue.size()); }       // events scheduled
    qsizetype parkedCount() const { return qsizetype(m_parked.size()); } // step mode's frames
    Instant nextAt() const { return m_queue.empty() ? m_now : m_queue.top().at; } // next event
    qint64 eventsProcessed() const { return m_processed; }

    // Step mode: the clock stands still; every frame on its way is parked at its receiver
    // (it has crossed the network) until deliverPending() or dropPending() takes it; step()
    // runs only what is due now. advanceToNextDeadline() moves the clock to the next timer
    // (or other scheduled event) and runs what is due then. duplicatePending() parks a copy
    // of a frame's bytes beside it (a new id, parked since now; traced as a send by hand):
    // the receiver verifies whichever of the two it is given first and refuses the other as a
    // replay. Deterministic: the same choices give the same trace.
    void setStepMode(bool on);
    bool stepMode() const { return m_stepMode; }
    std::vector<PendingFrame> pending() const; // oldest first
    bool deliverPending(quint64 id);
    bool dropPending(quint64 id);
    bool duplicatePending(quint64 id);
    bool advanceToNextDeadline(); // false: nothing is scheduled at all

    // Faults.
    void setNetwork(const SimNetwork &n) { m_network = n; }
    const SimNetwork &network() const { return m_network; }
    void crash(NodeId id);   // memory lost, storage kept, pending events for it dropped
    void restart(NodeId id); // a new service from the factory over the kept storage
    bool isUp(NodeId id) const;
    // Crashes the node instead of delivering the first message that matches.
    void crashWhen(NodeId id, std::function<bool(const Envelope &)> trigger);
    // Nodes in different groups cannot reach each other; nodes in no group reach everyone.
    void partition(const std::vector<std::vector<NodeId>> &groups);
    void heal();
    bool reachable(NodeId a, NodeId b) const;
    // Every fault (links, partitions, services), shared with the nodes. After changing a
    // node's rule, call faultsChanged(id) so what it held back goes on.
    FaultInjector &faults() { return *m_faults; }
    void setWiretap(std::shared_ptr<Wiretap> tap) { m_wiretap = std::move(tap); } // before start
    // Key rotation across every node (restarted ones too): add a key and sign with it; later
    // retire every other key.
    quint32 rotateKey(); // returns the new key's id
    void retireOldKeys();
    // Runs f on the node's service with its context (mallory's reconfiguration, inspection).
    void runOn(NodeId id, const std::function<void(Service &, Context &)> &f);
    void faultsChanged(NodeId id);

    // Observation.
    std::function<void(const ClientReply &)> onReply;
    // Called after every processed event (the checker hooks in here).
    std::function<void()> afterEvent;
    Service *service(NodeId id);
    const Directory &directory() const { return *m_directory; }
    TraceStore &trace() const { return *m_trace; }
    HostStats stats(NodeId id) const;

private:
    class Node;
    friend class Node;
    struct Event
    {
        Instant at;
        quint64 order = 0; // ties broken by scheduling order: deterministic
        enum class Kind { Frame, Timer, Local, Callback } kind = Kind::Frame;
        NodeId node = kNoNode;
        NodeId from = kNoNode; // frames: the sender
        quint64 incarnation = 0;
        TimerId timer = 0;
        QByteArray frame;
        Envelope local;
        std::function<void()> callback;
        quint64 cause = 0; // the node step that scheduled it (0: none)
        bool operator>(const Event &o) const { return at != o.at ? at > o.at : order > o.order; }
    };

    void schedule(Event e);
    bool run(Event e); // processes one event; false when it vanished (crashed node, ...)
    void parkFrames(); // step mode: frames at the head of the queue go to m_parked
    void transmit(NodeId from, NodeId to, const QByteArray &frame, Duration extra);
    void onNode(NodeId id, Instant t, std::function<void(Node &)> f);
    TimerId addTimer(NodeId node, Duration after);
    void cancelTimer(TimerId id) { m_cancelled.insert(id); }
    std::unique_ptr<Node> makeNode(NodeId id, quint64 incarnation);
    std::unique_ptr<Storage> openDisk(NodeId id, QString *error) const;
    // After a node handled an event: its log made durable (or the node halted), then a
    // requested crash carried out.
    void afterNodeStep(NodeId id);
    void halt(NodeId id, const QString &why);
    void begin(NodeId id); // the node starts (recovers) over its disk, or halts without one

    struct Slot
    {
        QString name;
        ServiceFactory factory;
        std::unique_ptr<Node> node;    // null while crashed
        std::unique_ptr<Storage> disk; // the storage that outlives a crash
        QString diskError;             // why disk could not be opened
        quint64 incarnation = 0;
    };

    struct ParkedFrame
    {
        quint64 id;
        Instant since;
        Event event;
    };
    // A frame's own fields (type, number, transaction, session), read from its envelope.
    static PendingFrame frameFacts(NodeId from, NodeId to, const QByteArray &frame);
    static PendingFrame pendingOf(const ParkedFrame &p);
    bool m_stepMode = false;
    std::vector<ParkedFrame> m_parked;
    quint64 m_nextParked = 0;

    quint64 m_seed;
    TraceStore *m_trace;
    KeyMaterial m_keys;
    SimNetwork m_network;
    Rng m_rng;
    Instant m_now{};
    quint64 m_order = 0;
    qint64 m_processed = 0;
    TimerId m_nextTimer = 1;
    std::set<TimerId> m_cancelled;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_queue;
    std::map<std::pair<NodeId, NodeId>, Instant> m_linkClear; // FIFO: last delivery per link
    std::vector<Slot> m_slots;                                // index = NodeId - 1
    std::shared_ptr<Directory> m_directory;
    std::shared_ptr<FaultInjector> m_faults;
    std::shared_ptr<Wiretap> m_wiretap;
    bool m_started = false;
    QString m_dataDir;
    // Frames and timers a node step scheduled are void when its log could not be written:
    // nothing may act on what was never durable (as a host holds frames until the flush).
    quint64 m_cause = 0;
    quint64 m_causes = 0;
    std::set<quint64> m_voided;
};

// A stable digest of a trace: every field but wall time, in order. Equal digests mean equal
// runs.
QByteArray traceDigest(const TraceStore &trace);

} // namespace edgecore
