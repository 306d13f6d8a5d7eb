#pragma once
// What every host does for one node, whatever carries its frames: the Context a service sees
// (directory, rng, storage, trace), the wire path (seal: header, clocks, HMAC; open: the
// verifier's checks), clocks, tracing and dispatch. ThreadHost's NodeRuntime puts the frames
// on TCP; SimHost's nodes hand them to a simulated network.

#include "directory.h"
#include "faults/faultinjector.h"
#include "service.h"
#include "storage/storage.h"
#include "trace/facts.h"
#include "wire/codec.h"
#include "wire/keyring.h"
#include "wire/verifier.h"
#include "wire/wireerror.h"
#include "wiretap.h"

#include <array>
#include <deque>
#include <functional>
#include <memory>

namespace edgecore {

class LabClock;
class TraceStore;

struct HostConfig
{
    NodeId id = kNoNode;
    QString name;
    LabClock *clock = nullptr; // ThreadHost only
    TraceStore *trace = nullptr;
    KeyMaterial keys;
    quint64 seed = 1;
    QString dataDir;        // empty: in-memory storage
    quint16 listenPort = 0; // 0: any free port
    qint64 timestampWindowMs = 30000;
    quint64 firstSeq = 0; // 0: from the wall clock in microseconds
    // ThreadHost's reconnect backoff (wall ms): base doubling per failed attempt, capped.
    int backoffBaseMs = 20;
    int backoffCapMs = 2000;
    // The lab's faults, shared by every node of a cast; none when null.
    std::shared_ptr<FaultInjector> faults;
    // Mallory's wiretap: sent frames are copied to it while it is armed.
    std::shared_ptr<Wiretap> wiretap;
};

// A frame parked at its receiver (the lab clock paused, step mode): it crossed the network and
// waits for the user to deliver, drop or duplicate it. ids are unique across every host of a lab.
struct PendingFrame
{
    quint64 id = 0;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    quint16 type = 0; // MsgType
    quint64 seq = 0;
    TxId tx = 0;
    SessionId session = 0;
    Instant since{}; // lab time it was parked
};

// The trace's record of a parked frame the user dropped in step mode: the sender's loss
// (reason 3), as the network would lose it; the diagram ends it in a cross.
TraceEvent droppedByHand(const PendingFrame &f, Instant now, qint64 wallUs);
// A frame the network lost on its way (reason 1 partition, 2 loss), as the sender's Drop with
// the frame's own fields: the simulator's losses after the send (a frame cut in flight).
TraceEvent lostByTheNetwork(const PendingFrame &f, bool partition, Instant now, qint64 wallUs,
                            const QString &detail);
// The trace's record of a parked frame the user duplicated in step mode: a second send of the
// same frame at the sender's side (reason 1, duplicatedByHand()), whose end is the copy's own.
TraceEvent copiedByHand(const PendingFrame &f, Instant now, qint64 wallUs);

// Counters a host keeps about its wire traffic.
struct HostStats
{
    quint64 framesSent = 0;
    quint64 framesDelivered = 0;
    quint64 framesRejected = 0;
    std::array<quint64, kWireErrorCount> rejectedByReason{}; // indexed by WireError
    quint64 bytesSent = 0;
    quint64 connectionsClosed = 0; // incoming connections closed for a malformed stream
};

class NodeCore : public Context, public TraceSink
{
public:
    NodeCore(const HostConfig &config, std::unique_ptr<Service> service);
    ~NodeCore() override;
    NodeCore(const NodeCore &) = delete;
    NodeCore &operator=(const NodeCore &) = delete;

    // Context: the parts no host does differently.
    NodeId self() const override { return m_config.id; }
    NodeId lookup(const QString &name) const override;
    QString nameOf(NodeId id) const override;
    Rng &rng() override { return m_rng; }
    Storage &storage() override { return *m_storage; }
    TraceSink &trace() override { return *this; }

    // TraceSink
    // The host's own crash or restart, typed (see facts.h).
    void recordHost(HostEvent what);
    // An event of this node now: its kind, times, Lamport and vector clocks, tx and session.
    TraceEvent stamped(TraceKind kind, TxId tx = 0, SessionId session = 0) const;
    void record(TraceKind kind, const QString &detail, TxId tx, SessionId session,
                NodeId peer) override;
    void refuse(const Envelope &msg, quint8 reason, const QString &detail) override;
    void fact(TraceKind kind, quint8 value, TxId tx, SessionId session, quint64 number,
              const QString &detail) override;
    void session(const SessionFact &f, TxId tx, SessionId session) override;
    void dsm(const DsmFact &f, const QString &detail, TxId tx, SessionId session) override;

    HostStats stats() const { return m_stats; }
    // Key rotation, on the node's thread: a new key that verifies (and signs, once every node
    // has it); then every other key retired.
    void addKey(quint32 id, const QByteArray &secret) { m_keys.add(id, secret); }
    void signWith(quint32 id) { m_keys.setSigningKey(id); }
    void retireKeysBut(quint32 id)
    {
        for (quint32 k : m_keys.ids())
            if (k != id)
                m_keys.remove(k);
    }
    quint32 signingKeyId() const { return m_keys.signingKeyId(); }
    // Fault injection: the node crashes instead of delivering the first message that matches.
    void setCrashTrigger(std::function<bool(const Envelope &)> trigger)
    {
        m_crashTrigger = std::move(trigger);
    }
    const HostConfig &config() const { return m_config; }
    NodeFault injected() const override
    {
        return m_config.faults ? m_config.faults->node(m_config.id) : NodeFault{};
    }
    // Fault injection at the dispatch point, the same on every host: a message for a paused
    // or busy (slow) service waits in order; a PREPARE to a participant with a prepare delay
    // waits that long. Hosts call admit() instead of dispatch(), and releaseHeld() when the
    // time scheduleRelease() asked for has come or the node's faults changed.
    void admit(const Envelope &env, bool local, bool delayed = false);
    void releaseHeld();
    bool timersHeld() const { return injected().paused; }
    Service &service() { return *m_service; }
    bool hasService() const { return m_service != nullptr; }

protected:
    // The wall clock frames and trace events are stamped with (a simulation's is virtual).
    virtual qint64 wallMsNow() const = 0;
    // The crash trigger matched: the host crashes the node as soon as it safely can.
    virtual void requestCrash() = 0;
    // Call releaseHeld() at lab time at (or as soon after as it can).
    virtual void scheduleRelease(Instant at) = 0;
    // Call admit(env, local, true) at lab time at.
    virtual void delayDelivery(const Envelope &env, bool local, Instant at) = 0;
    // The send path every host shares: seals msg, then asks the injector what the link does
    // with it (tracing a drop). The host sends `copies` of frame, each `delay` late; none when
    // the peer is unknown or the link lost it.
    struct Outgoing
    {
        QByteArray frame;
        int copies = 0;
        Duration delay{};
    };
    Outgoing outgoing(NodeId to, Envelope &msg);

    void setDirectory(std::shared_ptr<const Directory> directory);
    void setStorage(std::unique_ptr<Storage> storage) { m_storage = std::move(storage); }
    std::unique_ptr<Storage> takeStorage() { return std::move(m_storage); }
    void resetService(std::unique_ptr<Service> service)
    {
        m_service = std::move(service);
        m_held.clear(); // a crash loses what waited in memory
        m_busyUntil = Instant{};
    }
    const Directory *directory() const { return m_directory.get(); }

    // Fills msg's header and clocks, signs it and traces the send. Empty when the peer is
    // unknown or there is no signing key.
    QByteArray seal(NodeId to, Envelope &msg);
    // The verifier's checks on a received body (docs/architecture.md order).
    WireError open(const QByteArray &body, Envelope &out)
    {
        return m_verifier.verify(body, out, wallMsNow());
    }
    void rejectFrame(WireError error, const Envelope &claimed, qsizetype bytes);
    // Merges clocks, traces the delivery and hands the message to the service.
    void dispatch(const Envelope &env, bool local);
    void traceMessage(TraceKind kind, const Envelope &env, NodeId peer, quint8 reason = 0,
                      const QString &detail = {});

    HostConfig m_config;
    HostStats m_stats;
    bool m_crashPending = false;
    std::function<bool(const Envelope &)> m_crashTrigger;

private:
    quint64 lamport() const;

    std::unique_ptr<Service> m_service;
    std::unique_ptr<Storage> m_storage;
    std::shared_ptr<const Directory> m_directory;
    KeyRing m_keys;
    Verifier m_verifier;
    Rng m_rng;
    VectorClock m_vclock;
    quint64 m_nextSeq;
    std::deque<std::pair<Envelope, bool>> m_held; // waiting for a paused or slow service
    Instant m_busyUntil{};                        // a slow service's next free moment
};

} // namespace edgecore
