#include "envelope.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

bool isKnownMsgType(quint16 raw)
{
    return raw >= 1 && raw <= kMaxMsgType;
}

QString toString(MsgType t)
{
    switch (t) {
    case MsgType::ClientRequest:
        return u"CLIENT_REQUEST"_s;
    case MsgType::SessionCreate:
        return u"SESSION_CREATE"_s;
    case MsgType::SessionResult:
        return u"SESSION_RESULT"_s;
    case MsgType::Prepare:
        return u"PREPARE"_s;
    case MsgType::Vote:
        return u"VOTE"_s;
    case MsgType::Commit:
        return u"COMMIT"_s;
    case MsgType::Abort:
        return u"ABORT"_s;
    case MsgType::Ack:
        return u"ACK"_s;
    case MsgType::DsmPut:
        return u"DSM_PUT"_s;
    case MsgType::DsmPutReply:
        return u"DSM_PUT_REPLY"_s;
    case MsgType::SessionEvent:
        return u"SESSION_EVENT"_s;
    case MsgType::PreCommit:
        return u"PRECOMMIT"_s;
    case MsgType::PreCommitAck:
        return u"PRECOMMIT_ACK"_s;
    case MsgType::OutcomeRequest:
        return u"OUTCOME_REQUEST"_s;
    case MsgType::StateRequest:
        return u"STATE_REQUEST"_s;
    case MsgType::StateReport:
        return u"STATE_REPORT"_s;
    case MsgType::DsmLease:
        return u"DSM_LEASE"_s;
    case MsgType::DsmLeaseReply:
        return u"DSM_LEASE_REPLY"_s;
    case MsgType::DsmWatch:
        return u"DSM_WATCH"_s;
    case MsgType::DsmChanged:
        return u"DSM_CHANGED"_s;
    case MsgType::NotLeader:
        return u"NOT_LEADER"_s;
    case MsgType::DsmCas:
        return u"DSM_CAS"_s;
    case MsgType::EventAppend:
        return u"EVENT_APPEND"_s;
    case MsgType::EventSubscribe:
        return u"EVENT_SUBSCRIBE"_s;
    case MsgType::EventDeliver:
        return u"EVENT_DELIVER"_s;
    case MsgType::EventAck:
        return u"EVENT_ACK"_s;
    case MsgType::DsmGet:
        return u"DSM_GET"_s;
    case MsgType::DsmRelease:
        return u"DSM_RELEASE"_s;
    case MsgType::LockWait:
        return u"LOCK_WAIT"_s;
    case MsgType::LockDone:
        return u"LOCK_DONE"_s;
    case MsgType::DeadlockVictim:
        return u"DEADLOCK_VICTIM"_s;
    case MsgType::SessionRelease:
        return u"SESSION_RELEASE"_s;
    case MsgType::ReleaseResult:
        return u"RELEASE_RESULT"_s;
    }
    return u"TYPE_"_s + QString::number(static_cast<int>(t));
}

bool Envelope::operator==(const Envelope &o) const
{
    return version == o.version && sender == o.sender && receiver == o.receiver &&
           keyId == o.keyId && seq == o.seq && labTimeUs == o.labTimeUs &&
           wallTimeMs == o.wallTimeMs && type == o.type && txId == o.txId &&
           sessionId == o.sessionId && fencingToken == o.fencingToken && vclock == o.vclock &&
           payload == o.payload;
}

Payload Payload::decode(const QByteArray &bytes)
{
    Payload p;
    if (!bytes.isEmpty())
        p.m_map = QCborValue::fromCbor(bytes).toMap();
    return p;
}

QByteArray Payload::encode() const
{
    return QCborValue(m_map).toCbor();
}

} // namespace edgecore
