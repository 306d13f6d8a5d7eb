#pragma once
// The unit every service sends and receives: the header fields of docs/architecture.md's wire
// format plus an opaque payload. The wire layer turns it into signed frames and back.

#include "types.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>

#include <utility>
#include <vector>

namespace edgecore {

constexpr quint8 kWireVersion = 1;

// Message types. Values are wire format: never renumber, only append.
enum class MsgType : quint16 {
    ClientRequest = 1,   // local only: a request entering at the edge, never on the wire
    SessionCreate = 2,   // edge -> session manager
    SessionResult = 3,   // session manager -> edge
    Prepare = 4,         // coordinator -> participant
    Vote = 5,            // participant -> coordinator
    Commit = 6,          // coordinator -> participant
    Abort = 7,           // coordinator -> participant
    Ack = 8,             // participant -> coordinator
    DsmPut = 9,          // any -> dsm
    DsmPutReply = 10,    // dsm -> writer
    SessionEvent = 11,   // coordinator -> analytics
    PreCommit = 12,      // 3PC coordinator -> participant
    PreCommitAck = 13,   // 3PC participant -> coordinator
    OutcomeRequest = 14, // 2PC participant in doubt -> coordinator
    StateRequest = 15,   // 3PC termination: participant -> participant
    StateReport = 16,    // 3PC termination: participant -> participant
    DsmLease = 17,       // session manager -> dsm: acquire or renew a lease
    DsmLeaseReply = 18,  // dsm -> session manager
    DsmWatch = 19,       // any -> dsm: tell me about changes under a prefix
    DsmChanged = 20,     // dsm -> watcher
    NotLeader = 21,      // session manager -> edge: ask the leader (hint) instead
    DsmCas = 22,         // any -> dsm: write only at the expected version
    EventAppend = 23,    // coordinator -> dsm: append to a session's ordered stream
    EventSubscribe = 24, // consumer -> dsm: deliver a group's events to me
    EventDeliver = 25,   // dsm -> consumer
    EventAck = 26,       // consumer -> dsm
    DsmGet = 27,         // any -> dsm: read a key (answered with DSM_PUT_REPLY and the value)
    DsmRelease = 28,     // lease holder -> dsm: give the lease up
    LockWait = 29,       // participant -> lock manager (dsm): txId waits for Blocker's lock
    LockDone = 30,       // participant -> lock manager: txId no longer waits for Blocker
    DeadlockVictim = 31, // lock manager -> participant: give txId up (vote NO), it closes a cycle
    SessionRelease = 32, // edge -> session manager: the session ended, release what it holds
    ReleaseResult = 33,  // session manager -> edge: how the release ended
};
constexpr quint16 kMaxMsgType = 33;

bool isKnownMsgType(quint16 raw);
QString toString(MsgType t);

// A vector clock indexed by NodeId (index 0 unused).
using VectorClock = std::vector<quint64>;

struct Envelope
{
    quint8 version = kWireVersion;
    NodeId sender = kNoNode;
    NodeId receiver = kNoNode;
    quint32 keyId = 0;
    quint64 seq = 0;
    qint64 labTimeUs = 0;
    qint64 wallTimeMs = 0;
    MsgType type = MsgType::ClientRequest;
    TxId txId = 0;
    SessionId sessionId = 0;
    quint64 fencingToken = 0;
    VectorClock vclock;
    QByteArray payload;

    bool operator==(const Envelope &o) const;
    bool operator!=(const Envelope &o) const { return !(*this == o); }
};

// Payload fields use small integer keys, like the envelope itself.
enum class Field : int {
    RequestId = 1,
    Subscriber = 2,
    TrafficClass = 3,
    Protocol = 4,
    Vote = 5,
    Reason = 6,
    Units = 7,
    Cell = 8,
    Key = 9,
    Value = 10,
    Version = 11,
    Outcome = 12,
    LatencyUs = 13,
    Ok = 14,
    Participants = 15,   // array of node ids taking part in a transaction
    State = 16,          // ParticipantState
    Commit = 17,         // bool: the outcome
    Recovering = 18,     // bool: a state report from a participant that came back in doubt
    TtlMs = 19,          // lease time to live
    Holder = 20,         // node id holding a lease
    Status = 21,         // DsmStatus
    Group = 22,          // consumer group name
    EventId = 23,        // position in the dsm's event log
    Seq = 24,            // per-session sequence number
    State2 = 25,         // event state text (PENDING, COMMITTED, ABORTED)
    Blocker = 26,        // the transaction holding the lock another one waits for
    Since = 27,          // lab us: when that wait began
    Started = 28,        // lab us: when the waiting transaction first reached the participant
    BlockerStarted = 29, // lab us: when the blocker did
    DurationMs = 30,     // lab ms a session lasts once set up (0: until the lab stops)
    SetupTx = 31,        // a release's session: the transaction that set it up
};

QString toString(Field f); // "requestId", "subscriber", ...; unknown: "field 99"

// A small typed view over a CBOR map payload.
class Payload
{
public:
    Payload() = default;
    static Payload decode(const QByteArray &bytes);
    QByteArray encode() const;

    Payload &set(Field f, const QCborValue &v)
    {
        m_map.insert(static_cast<int>(f), v);
        return *this;
    }
    QCborValue get(Field f) const { return m_map.value(static_cast<int>(f)); }
    qint64 integer(Field f, qint64 fallback = 0) const { return get(f).toInteger(fallback); }
    QString string(Field f) const { return get(f).toString(); }
    bool boolean(Field f) const { return get(f).toBool(); }

private:
    QCborMap m_map;
};

// A payload as (field, value) lines for people: fields in the order sent, values as text (lists
// joined, bytes in hex). Empty for an empty payload; one ("payload", why) line for bytes that
// are not a CBOR map.
std::vector<std::pair<QString, QString>> describePayload(const QByteArray &bytes);

} // namespace edgecore
