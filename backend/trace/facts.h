#pragma once
// Readable values of the facts a trace event carries in `reason` and `seq` (a vote's YES and
// its fencing token, a decision's COMMIT, a lease's token, ...), so exports and views show
// them without each decoding the numbers again.

#include "traceevent.h"

namespace edgecore {

// "YES (token 3)", "COMMIT", "PRECOMMIT", "leader (token 2)", "event 4", "loss", ...; empty for
// kinds whose meaning is all in `detail`.
QString factValue(const TraceEvent &e);

// A host's own lifecycle, on the TraceKind::State events the host (not its service) records:
// `reason` says which (services' state events leave it 0), `detail` says it in words.
enum class HostEvent : quint8 { None = 0, Crashed = 1, Restarted = 2 };
HostEvent hostEvent(const TraceEvent &e);
QString toString(HostEvent h); // "crashed", "restarted"

// TraceKind::Session: the edge's dealings with one client request, each a fact. Together they
// are everything the sessions table shows, so the table is a fold over the trace (and the
// checker holds the answers against the decisions).
//   reason  the Outcome (PENDING on the request taken)
//   msgType Step in bits 0-3, TrafficClass in bits 4-7, Protocol in bits 8-11
//   seq     Requested: the client's request id; Answered: the asked duration in ms;
//           ReleaseAnswered: the set-up transaction the release ends
//   detail  Requested: the subscriber; answers: the reason given (may be empty)
// The edge records Requested before any answer to it, and once per request (a refused one
// has session id 0: its answer follows at once, at the same node).
struct SessionFact
{
    enum class Step : quint8 {
        Answered = 0,        // the set-up's answer: COMMITTED, ABORTED, INVALID or UNKNOWN
        ReleaseAnswered = 1, // the session ended and its release finished: RELEASED or INVALID
        Requested = 2,       // the edge took the request
    };
    Step step = Step::Answered;
    Outcome outcome = Outcome::Pending;
    TrafficClass trafficClass = TrafficClass::Data;
    Protocol protocol = Protocol::TwoPhase;
    quint64 requestId = 0; // Requested
    qint64 durationMs = 0; // Answered
    TxId setupTx = 0;      // ReleaseAnswered
    QString text;          // Requested: the subscriber; answers: the reason
};
// The fact a Session event carries (only meaningful for kind Session).
SessionFact sessionFact(const TraceEvent &e);
// Writes f into e's reason, msgType, seq and detail (the rest is the recorder's).
void setSessionFact(TraceEvent &e, const SessionFact &f);
QString toString(SessionFact::Step s); // "request", "answer", "release answer"

// TraceKind::DsmWrite: the dsm's answer to one write of a key (a put, a compare-and-swap, a
// lease's acquisition, renewal or release), stored, renewed or refused. Together they are every
// key's chain of versions (the DSM view); the checker holds a key's stored versions to grow.
//   reason  1 stored (a new version), 2 renewed (a lease's expiry moved on, the same version),
//           0 refused
//   msgType the operation in bits 0-3, the store's status (a DsmStatus) in bits 4-7
//   seq     the key's version after it: the new one, or the one that stands
//   peer    the writer; token its fencing token (0: none; a lease's: the term's)
//   payload a CBOR map: the key, the version before a stored write or the one a refused
//           compare-and-swap expected, a session record's state, a lease's TTL and holder
//   detail  the same in words, for the log: "session/… v1→v2 COMMITTED by sm-1 token 1",
//           "session/…: conflict for sm-2 (at v2)"
struct DsmFact
{
    enum class Op : quint8 { Put = 0, Cas = 1, Lease = 2, Release = 3 };
    enum class Result : quint8 { Refused = 0, Stored = 1, Renewed = 2 };
    Result result = Result::Stored;
    Op op = Op::Put;
    quint8 status = 0; // a DsmStatus (dsm/dsmstore.h): 0 ok
    QString key;
    quint64 version = 0;  // after it: the new one, or as it stands
    quint64 previous = 0; // stored: the version before; a refused compare-and-swap: expected
    NodeId writer = kNoNode;
    quint64 token = 0;
    QString state;           // a session record's state (COMMITTED, RELEASED, ...), if any
    qint64 ttlMs = 0;        // a lease acquired or renewed: for how long
    NodeId holder = kNoNode; // a lease: who holds it after this
    bool stored() const { return result == Result::Stored; }
};
// The fact a DsmWrite event carries (only meaningful for kind DsmWrite).
DsmFact dsmFact(const TraceEvent &e);
// Writes f into e's reason, msgType, seq, peer, token and payload (detail is the caller's).
void setDsmFact(TraceEvent &e, const DsmFact &f);
QString toString(DsmFact::Op op); // "put", "cas", "lease", "release"

// A TraceKind::Send that is not a send of the node's own: the user duplicated one of its parked
// frames in step mode (reason 1), and the copy (the same bytes, a new pending frame at the same
// receiver) ends in its own delivery, refusal or loss, matched after the original's.
bool duplicatedByHand(const TraceEvent &e);

} // namespace edgecore
