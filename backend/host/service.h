#pragma once
// The one interface that makes the lab possible (docs/architecture.md): a service is written once
// against Context, with no sockets, threads or wall clock of its own, and runs unchanged on
// ThreadHost (real threads and TCP) or on a simulated host.

#include "core/envelope.h"
#include "core/rng.h"
#include "core/types.h"
#include "faults/faultinjector.h"
#include "trace/facts.h"
#include "trace/traceevent.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>

namespace edgecore {

class Storage;

// What the edge tells the outside world about one session request.
struct ClientReply
{
    quint64 requestId = 0;
    SessionId sessionId = 0;
    TxId txId = 0;
    Outcome outcome = Outcome::Pending;
    TrafficClass trafficClass = TrafficClass::Data;
    Protocol protocol = Protocol::TwoPhase;
    QString subscriber;
    QString reason;
    qint64 latencyUs = 0; // lab time from ingress to reply
    qint64 queueUs = 0;   // of which waiting in the edge's scheduler
    // A second reply for the same request: the session ended and its release finished
    // (outcome RELEASED; latencyUs is then the release's, from the end of the session).
    bool release = false;
    qint64 durationMs = 0; // how long the session was asked to last (0: until the lab stops)
};

class TraceSink
{
public:
    virtual ~TraceSink() = default;
    virtual void record(TraceKind kind, const QString &detail, TxId tx = 0, SessionId session = 0,
                        NodeId peer = kNoNode) = 0;
    // A fact for the checker: a durable vote, a durable decision, a leadership change.
    virtual void fact(TraceKind kind, quint8 value, TxId tx, SessionId session, quint64 number = 0,
                      const QString &detail = {}) = 0;
    // A delivered message the service refuses to act on (e.g. a stale fencing token); the
    // reason is a WireError value.
    virtual void refuse(const Envelope &msg, quint8 reason, const QString &detail) = 0;
    // The edge's dealings with a client request (TraceKind::Session; see facts.h).
    virtual void session(const SessionFact &f, TxId tx, SessionId session) = 0;
    // The dsm's answer to a write of a key (TraceKind::DsmWrite; see facts.h), with its words.
    virtual void dsm(const DsmFact &f, const QString &detail, TxId tx, SessionId session) = 0;
};

class Context
{
public:
    virtual ~Context() = default;
    virtual NodeId self() const = 0;
    virtual Instant now() const = 0;                      // lab time, not wall time
    virtual NodeId lookup(const QString &name) const = 0; // kNoNode if absent
    virtual QString nameOf(NodeId id) const = 0;
    // Signs and sends; the host fills sender, receiver, key id, sequence, times and clocks.
    virtual void send(NodeId to, Envelope msg) = 0;
    virtual TimerId startTimer(Duration after) = 0;
    virtual void cancelTimer(TimerId id) = 0;
    virtual Rng &rng() = 0;
    virtual Storage &storage() = 0;
    virtual TraceSink &trace() = 0;
    // Hands a finished client request back to whoever submitted it (edge only).
    virtual void reply(const ClientReply &r) = 0;
    // Puts bytes on the wire to a peer exactly as given: for the malicious node only.
    virtual void sendRaw(NodeId to, const QByteArray &frame) = 0;
    // The faults injected into this service now (a participant's forced NO votes).
    virtual NodeFault injected() const { return {}; }
};

class Service
{
public:
    virtual ~Service() = default;
    virtual void start(Context &ctx) = 0;
    virtual void onMessage(const Envelope &msg, Context &ctx) = 0;
    virtual void onTimer(TimerId id, Context &ctx) = 0;
};

using ServiceFactory = std::function<std::unique_ptr<Service>()>;

} // namespace edgecore

Q_DECLARE_METATYPE(edgecore::ClientReply)
