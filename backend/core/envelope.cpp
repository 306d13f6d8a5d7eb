#include "envelope.h"

#include <QCborArray>
#include <QCborParserError>
#include <QStringList>

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

QString toString(Field f)
{
    switch (f) {
    case Field::RequestId:
        return u"requestId"_s;
    case Field::Subscriber:
        return u"subscriber"_s;
    case Field::TrafficClass:
        return u"trafficClass"_s;
    case Field::Protocol:
        return u"protocol"_s;
    case Field::Vote:
        return u"vote"_s;
    case Field::Reason:
        return u"reason"_s;
    case Field::Units:
        return u"units"_s;
    case Field::Cell:
        return u"cell"_s;
    case Field::Key:
        return u"key"_s;
    case Field::Value:
        return u"value"_s;
    case Field::Version:
        return u"version"_s;
    case Field::Outcome:
        return u"outcome"_s;
    case Field::LatencyUs:
        return u"latencyUs"_s;
    case Field::Ok:
        return u"ok"_s;
    case Field::Participants:
        return u"participants"_s;
    case Field::State:
        return u"state"_s;
    case Field::Commit:
        return u"commit"_s;
    case Field::Recovering:
        return u"recovering"_s;
    case Field::TtlMs:
        return u"ttlMs"_s;
    case Field::Holder:
        return u"holder"_s;
    case Field::Status:
        return u"status"_s;
    case Field::Group:
        return u"group"_s;
    case Field::EventId:
        return u"eventId"_s;
    case Field::Seq:
        return u"seq"_s;
    case Field::State2:
        return u"eventState"_s;
    case Field::Blocker:
        return u"blocker"_s;
    case Field::Since:
        return u"since"_s;
    case Field::Started:
        return u"started"_s;
    case Field::BlockerStarted:
        return u"blockerStarted"_s;
    case Field::DurationMs:
        return u"durationMs"_s;
    case Field::SetupTx:
        return u"setupTx"_s;
    }
    return u"field "_s + QString::number(static_cast<int>(f));
}

namespace {
QString valueText(const QCborValue &v)
{
    if (v.isInteger())
        return QString::number(v.toInteger());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isString())
        return v.toString();
    if (v.isByteArray())
        return QString::fromLatin1(v.toByteArray().toHex(' '));
    if (v.isArray()) {
        QStringList parts;
        for (const QCborValue &x : v.toArray())
            parts << valueText(x);
        return u"["_s + parts.join(u", "_s) + u']';
    }
    if (v.isMap()) {
        QStringList parts;
        for (auto it = v.toMap().constBegin(); it != v.toMap().constEnd(); ++it)
            parts << valueText(it.key()) + u": "_s + valueText(it.value());
        return u"{"_s + parts.join(u", "_s) + u'}';
    }
    if (v.isNull())
        return u"null"_s;
    return v.toDiagnosticNotation();
}
} // namespace

std::vector<std::pair<QString, QString>> describePayload(const QByteArray &bytes)
{
    std::vector<std::pair<QString, QString>> out;
    if (bytes.isEmpty())
        return out;
    QCborParserError error;
    const QCborValue v = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !v.isMap()) {
        out.emplace_back(u"payload"_s, u"%1 bytes, not a CBOR map: %2"_s.arg(bytes.size())
                                           .arg(QString::fromLatin1(bytes.left(32).toHex(' '))));
        return out;
    }
    const QCborMap map = v.toMap();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QString name = it.key().isInteger()
                                 ? toString(static_cast<Field>(it.key().toInteger()))
                                 : valueText(it.key());
        out.emplace_back(name, valueText(it.value()));
    }
    return out;
}

} // namespace edgecore
