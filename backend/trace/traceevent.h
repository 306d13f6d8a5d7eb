#pragma once
// One thing that happened in the lab, as every view and export sees it.

#include "core/envelope.h"
#include "core/types.h"

#include <QString>

namespace edgecore {

// Values are stored in trace files: append only.
enum class TraceKind : quint8 {
    Send = 0,       // node sent a frame to peer (seq identifies it); reason 0 a send of the
                    // node's own, 1 a copy of a parked frame made by hand in step mode (the
                    // same bytes again, recorded at the sender's side: duplicatedByHand())
    Deliver = 1,    // node's service received the frame peer sent with seq
    Reject = 2,     // node refused a frame (reason); nothing changed
    State = 3,      // a service changed state worth showing (detail says what)
    DsmWrite = 4,   // the dsm stored a version (detail: key and version)
    Session = 5,    // the edge finished a session set-up (detail: outcome)
    Connection = 6, // a connection opened, closed or failed
    Note = 7,       // anything else worth a line in the log
    // Facts the checker reads (value in `reason`, a number in `seq`):
    Vote = 8,   // a participant's durable vote on txId: reason 1 YES, 0 NO
    Decide = 9, // a durable decision on txId by node: reason 1 commit, 0 abort, 2 (coordinator,
                // 3PC) pre-commit
    // DsmWrite (4) also carries the new version in `seq` and the key first in `detail`.
    Lease = 10, // node became (reason 1) or stopped being (0) leader; seq = fencing token
    Event = 11, // a consumer accepted sessionId's stream event number seq (reason 1)
    Drop = 12,  // the network lost the frame node sent to peer (seq): reason 1 partition,
                // 2 loss, 3 dropped by hand in step mode
    Fault = 13, // a fault was switched on or off (node: the service, or none; detail: what)
    Lock = 14,  // a lock event at node (detail: the resource, or the cycle): reason is LockEvent;
                // txId the transaction, seq the other one (the holder it waits for)
    Halt = 15,  // node stopped itself (fail-stop): its log could not be written or opened
                // (detail: the file and the error); it acts on nothing more until restarted
};
constexpr int kTraceKindCount = 16;

// TraceKind::Lock's reason: together they fold into the wait-for graph at any moment.
enum class LockEvent : quint8 {
    Acquired = 0, // txId holds the resource
    Waits = 1,    // txId waits for seq's lock on the resource
    Released = 2, // txId let go of everything here (decided, or gave up waiting)
    Deadlock = 3, // the lock manager found a cycle (detail: who waits for whom; txId the
                  // victim; seq: lab us from the cycle forming to its detection)
    Victim = 4,   // the lock manager chose txId to break it (detail: why)
};
QString toString(TraceKind k);

struct TraceEvent
{
    TraceKind kind = TraceKind::Note;
    NodeId node = kNoNode;
    NodeId peer = kNoNode;
    quint16 msgType = 0; // MsgType of the frame, for Send/Deliver/Reject
    quint8 reason = 0;   // WireError for Reject
    qint64 labUs = 0;
    qint64 wallUs = 0; // microseconds since the Unix epoch
    quint64 lamport = 0;
    quint64 seq =
        0; // the frame's sequence number; with node/peer it matches a send to its delivery
    TxId txId = 0;
    SessionId sessionId = 0;
    VectorClock vclock;
    QString detail;
    // Send only: the frame's signing key id, its fencing token and its payload (the CBOR
    // map as sent), for the Message pane; empty for every other kind.
    quint32 keyId = 0;
    quint64 token = 0;
    QByteArray payload;
};

// The same event of a run played again: every field but wall time (the simulator's replays,
// a trace read back from its file).
inline bool sameButWallTime(const TraceEvent &a, const TraceEvent &b)
{
    return a.kind == b.kind && a.node == b.node && a.peer == b.peer && a.msgType == b.msgType &&
           a.reason == b.reason && a.labUs == b.labUs && a.lamport == b.lamport && a.seq == b.seq &&
           a.txId == b.txId && a.sessionId == b.sessionId && a.vclock == b.vclock &&
           a.detail == b.detail && a.keyId == b.keyId && a.token == b.token &&
           a.payload == b.payload;
}

} // namespace edgecore
