#include "dsmservice.h"

#include "cast.h"
#include "roles.h"
#include "storage/storage.h"

#include <QCborMap>

#include <set>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

void DsmService::start(Context &ctx)
{
    // One pass over the log. Every version is in it and the newest per key wins (watches are
    // not durable: watchers register again). The stream's events come back in order; per
    // group, everything not acknowledged is pending again.
    std::map<QString, std::set<quint64>> acked;
    for (const LogRecord &r : ctx.storage().readAll()) {
        if (r.kind == u"dsm"_s) {
            const QCborMap m = QCborValue::fromCbor(r.data).toMap();
            DsmEntry e;
            e.value = m.value(u"value"_s).toByteArray();
            e.version = static_cast<quint64>(m.value(u"version"_s).toInteger());
            e.writer = static_cast<NodeId>(m.value(u"writer"_s).toInteger());
            e.fencingToken = static_cast<quint64>(m.value(u"token"_s).toInteger());
            e.leaseOwner = static_cast<NodeId>(m.value(u"owner"_s).toInteger());
            if (m.contains(u"expiry"_s))
                e.leaseExpiry = instantFromUs(m.value(u"expiry"_s).toInteger());
            m_store.restore(r.state, e);
            noteSettledRecord(r.state, e, ctx);
        } else if (r.kind == u"dsm-forget"_s) {
            if (m_store.get(r.state).version <= static_cast<quint64>(r.txId))
                m_store.forget(r.state);
        } else if (r.kind == u"event"_s) {
            const QCborMap m = QCborValue::fromCbor(r.data).toMap();
            m_events.push_back(StreamEvent{r.sessionId,
                                           static_cast<quint64>(m.value(u"seq"_s).toInteger()),
                                           m.value(u"payload"_s).toByteArray()});
            m_lastSeq[r.sessionId] = m_events.back().seq;
            if (const QString key = m.value(u"key"_s).toString(); !key.isEmpty())
                rememberAppended(key);
        } else if (r.kind == u"ack"_s) {
            acked[r.state].insert(r.txId);
        }
    }
    for (const auto &[name, ids] : acked) {
        Group &g = m_groups[name];
        g.cursor = streamEvents();
        for (quint64 id = 1; id <= streamEvents(); ++id)
            if (!ids.count(id))
                g.pending.emplace(id, Group::Delivery{});
    }
    trimStream();
    if (m_store.size() || !m_events.empty())
        ctx.trace().record(TraceKind::State, u"recovered "_s + QString::number(m_store.size()) +
                                                 u" keys and "_s + QString::number(streamEvents()) +
                                                 u" stream events from the log"_s);
    m_redeliverTimer = ctx.startTimer(std::chrono::milliseconds(500));
}

int DsmService::pending(const QString &group) const
{
    const auto it = m_groups.find(group);
    return it == m_groups.end() ? 0 : static_cast<int>(it->second.pending.size());
}

void DsmService::deliver(const QString &group, quint64 eventId, Context &ctx)
{
    Group &g = m_groups[group];
    const StreamEvent &ev = event(eventId);
    Group::Delivery &d = g.pending[eventId];
    ++d.attempts;
    d.due = ctx.now() + kRedelivery.delay(d.attempts, ctx.rng());
    Envelope e;
    e.type = MsgType::EventDeliver;
    e.sessionId = ev.session;
    e.payload = Payload()
                    .set(Field::Group, group)
                    .set(Field::EventId, static_cast<qint64>(eventId))
                    .set(Field::Seq, static_cast<qint64>(ev.seq))
                    .set(Field::Value, ev.payload)
                    .encode();
    ctx.send(g.consumer, std::move(e));
}

void DsmService::pump(const QString &group, Context &ctx)
{
    Group &g = m_groups[group];
    if (g.consumer == kNoNode)
        return;
    while (g.cursor < streamEvents() && g.pending.size() < kWindow)
        deliver(group, ++g.cursor, ctx);
}

void DsmService::onLockMessage(const Envelope &msg, Context &ctx)
{
    // Only the participants hold locks: anyone else's report would only mislead the graph.
    const QString from = ctx.nameOf(msg.sender);
    if (!senderMay(from == cast::rm() || from == cast::billing(), msg, ctx))
        return;
    const Payload in = Payload::decode(msg.payload);
    const auto blocker = static_cast<TxId>(in.integer(Field::Blocker));
    if (msg.type == MsgType::LockDone) {
        m_locks.onDone(msg.sender, msg.txId, blocker);
        carryOut({}, ctx);
        return;
    }
    carryOut(m_locks.onWait(msg.sender, msg.txId, blocker,
                            instantFromUs(in.integer(Field::Started)),
                            instantFromUs(in.integer(Field::BlockerStarted)),
                            instantFromUs(in.integer(Field::Since)), ctx.now()),
             ctx);
}

void DsmService::carryOut(const LockManager::Outcome &out, Context &ctx)
{
    for (const WaitForGraph::Resolution &r : out.resolved) {
        if (!r.cycle.empty()) {
            QStringList waits;
            for (size_t i = 0; i < r.cycle.size(); ++i)
                waits << formatId(r.cycle[i]) + u" waits for "_s +
                             formatId(r.cycle[(i + 1) % r.cycle.size()]);
            ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Deadlock), r.victim, 0,
                             quint64(toUs(ctx.now() - r.formedAt)),
                             u"deadlock: "_s + waits.join(u", "_s) + u"; found "_s +
                                 QString::number(toUs(ctx.now() - r.formedAt) / 1000.0, 'f', 1) +
                                 u" ms after it formed"_s);
        }
        ctx.trace().fact(TraceKind::Lock, quint8(LockEvent::Victim), r.victim, 0, 0,
                         m_locks.config().resolution == DeadlockResolution::Detect
                             ? u"victim: the youngest in the cycle"_s
                             : u"victim: waited longer than "_s +
                                   QString::number(toUs(m_locks.config().timeout) / 1000) +
                                   u" ms"_s);
    }
    for (const LockManager::Notice &n : out.notices) {
        Envelope e;
        e.type = MsgType::DeadlockVictim;
        e.txId = n.victim;
        e.payload = Payload().set(Field::Reason, n.why).encode();
        ctx.send(n.to, std::move(e));
    }
    // Timeout mode: wake up when the next wait expires.
    if (m_lockTimer)
        ctx.cancelTimer(std::exchange(m_lockTimer, 0));
    if (const auto due = m_locks.nextDeadline())
        m_lockTimer = ctx.startTimer(std::max(Duration(0), *due - ctx.now()));
}

void DsmService::onTimer(TimerId id, Context &ctx)
{
    if (id == m_lockTimer) {
        m_lockTimer = 0;
        carryOut(m_locks.tick(ctx.now()), ctx);
        return;
    }
    if (id != m_redeliverTimer)
        return;
    forgetSettledRecords(ctx);
    // Redelivery: what was handed out and not acknowledged by its time goes again, in stream
    // order (the timer looks every 500 ms).
    for (auto &[name, g] : m_groups) {
        if (g.consumer == kNoNode)
            continue;
        std::vector<quint64> again;
        for (const auto &[eventId, d] : g.pending)
            if (ctx.now() >= d.due)
                again.push_back(eventId);
        for (quint64 eventId : again)
            deliver(name, eventId, ctx);
    }
    m_redeliverTimer = ctx.startTimer(std::chrono::milliseconds(500));
}
void DsmService::trimStream()
{
    // Events every group has acknowledged leave memory (the log keeps them).
    if (m_groups.empty())
        return;
    while (!m_events.empty()) {
        const quint64 id = m_firstEvent;
        for (const auto &[name, g] : m_groups)
            if (id > g.cursor || g.pending.count(id))
                return;
        m_events.pop_front();
        ++m_firstEvent;
    }
}

void DsmService::rememberAppended(const QString &key)
{
    if (!m_appended.insert(key).second)
        return;
    m_appendedOrder.push_back(key);
    while (m_appendedOrder.size() > kAppendedKept) {
        m_appended.erase(m_appendedOrder.front());
        m_appendedOrder.pop_front();
    }
}

void DsmService::streamFinished(SessionId session)
{
    m_finishedStreams.push_back(session);
    while (m_finishedStreams.size() > kFinishedStreamsKept) {
        m_lastSeq.erase(m_finishedStreams.front());
        m_finishedStreams.pop_front();
    }
}

void DsmService::noteSettledRecord(const QString &key, const DsmEntry &e, Context &ctx)
{
    if (!key.startsWith(u"session/"_s))
        return;
    const QString state = QCborValue::fromCbor(e.value).toMap().value(u"state"_s).toString();
    if (state == u"RELEASED"_s || state == u"ABORTED"_s)
        m_settledRecords.push_back(SettledRecord{ctx.now() + kSettledRecordKeep, key, e.version});
}

void DsmService::forgetSettledRecords(Context &ctx)
{
    // A settled session's record is kept a while for late questions (a create asked again,
    // a release asked again), then forgotten: in memory, and in the log for a restart.
    while (!m_settledRecords.empty() && m_settledRecords.front().forgetAt <= ctx.now()) {
        const SettledRecord r = m_settledRecords.front();
        m_settledRecords.pop_front();
        if (m_store.get(r.key).version != r.version)
            continue; // written since
        m_store.forget(r.key);
        ctx.storage().append(LogRecord{
            u"dsm-forget"_s, static_cast<TxId>(r.version), 0, r.key, {}, toUs(ctx.now())});
    }
}

void DsmService::persist(const QString &key, const DsmEntry &e, Context &ctx)
{
    QCborMap m{{u"value"_s, e.value},
               {u"version"_s, static_cast<qint64>(e.version)},
               {u"writer"_s, e.writer},
               {u"token"_s, static_cast<qint64>(e.fencingToken)},
               {u"owner"_s, e.leaseOwner}};
    if (e.leaseExpiry)
        m.insert(u"expiry"_s, toUs(*e.leaseExpiry));
    ctx.storage().append(LogRecord{u"dsm"_s, 0, 0, key, QCborValue(m).toCbor(), toUs(ctx.now())});
}

void DsmService::traceWrite(const Envelope &msg, const QString &key, const DsmResult &r,
                            DsmFact::Op op, Context &ctx, quint64 expected, qint64 ttlMs)
{
    DsmFact f;
    f.op = op;
    f.status = static_cast<quint8>(r.status);
    f.key = key;
    f.version = r.entry.version;
    f.writer = msg.sender;
    const bool lease = op == DsmFact::Op::Lease || op == DsmFact::Op::Release;
    f.token = lease ? r.entry.fencingToken : msg.fencingToken;
    f.state = QCborValue::fromCbor(r.entry.value).toMap().value(u"state"_s).toString();
    f.ttlMs = ttlMs;
    f.holder = r.entry.leaseOwner;
    QString words;
    if (r.ok() && r.oldVersion == r.entry.version && op == DsmFact::Op::Lease) {
        f.result = DsmFact::Result::Renewed;
        words = key + u" renewed by "_s + ctx.nameOf(msg.sender) + u" (v"_s +
                QString::number(r.entry.version) + u", token "_s +
                QString::number(r.entry.fencingToken) + u')';
    } else if (r.ok()) {
        f.result = DsmFact::Result::Stored;
        f.previous = r.oldVersion;
        words = key + u" v"_s + QString::number(r.oldVersion) + u"→v"_s +
                QString::number(r.entry.version) +
                (f.state.isEmpty() ? QString() : u" "_s + f.state) + u" by "_s +
                ctx.nameOf(msg.sender) +
                (msg.fencingToken ? u" token "_s + QString::number(msg.fencingToken) : QString());
    } else {
        f.result = DsmFact::Result::Refused;
        f.previous = expected;
        words = r.status == DsmStatus::LeaseHeld
                    ? key + u" lease held, refused to "_s + ctx.nameOf(msg.sender) + u" (v"_s +
                          QString::number(r.entry.version) + u", token "_s +
                          QString::number(r.entry.fencingToken) + u')'
                    : key + u": "_s + toString(r.status) + u" for "_s + ctx.nameOf(msg.sender) +
                          u" (at v"_s + QString::number(r.entry.version) + u')';
    }
    ctx.trace().dsm(f, words, msg.txId, msg.sessionId);
}

void DsmService::onMessage(const Envelope &msg, Context &ctx)
{
    if (msg.type == MsgType::LockWait || msg.type == MsgType::LockDone) {
        onLockMessage(msg, ctx);
        return;
    }
    const Payload in = Payload::decode(msg.payload);
    const QString key = in.string(Field::Key);
    Envelope reply;
    reply.txId = msg.txId;
    reply.sessionId = msg.sessionId;
    switch (msg.type) {
    case MsgType::DsmPut:
    case MsgType::DsmCas: {
        const QByteArray value = in.get(Field::Value).toByteArray();
        const auto expected = static_cast<quint64>(in.integer(Field::Version));
        const DsmResult r = msg.type == MsgType::DsmPut
                                ? m_store.put(key, value, msg.sender, msg.fencingToken)
                                : m_store.cas(key, expected, value, msg.sender, msg.fencingToken);
        if (r.ok()) {
            persist(key, r.entry, ctx);
            noteSettledRecord(key, r.entry, ctx);
        }
        traceWrite(msg, key, r, msg.type == MsgType::DsmPut ? DsmFact::Op::Put : DsmFact::Op::Cas,
                   ctx, msg.type == MsgType::DsmCas ? expected : 0);
        reply.type = MsgType::DsmPutReply;
        Payload out;
        out.set(Field::Key, key)
            .set(Field::Version, static_cast<qint64>(r.entry.version))
            .set(Field::Ok, r.ok())
            .set(Field::Status, static_cast<int>(r.status))
            .set(Field::RequestId, in.integer(Field::RequestId));
        if (!r.ok()) // the value as it stands, so the writer can tell whose write won
            out.set(Field::Value, r.entry.value);
        reply.payload = out.encode();
        break;
    }
    case MsgType::DsmLease: {
        const qint64 ttlMs = in.integer(Field::TtlMs);
        const DsmResult r =
            m_store.acquireLease(key, msg.sender, std::chrono::milliseconds(ttlMs), ctx.now());
        if (r.ok())
            persist(key, r.entry, ctx);
        // A new term is a new version; the same holder again renews it; a lease another holds
        // is refused.
        traceWrite(msg, key, r, DsmFact::Op::Lease, ctx, 0, ttlMs);
        reply.type = MsgType::DsmLeaseReply;
        reply.payload = Payload()
                            .set(Field::Key, key)
                            .set(Field::Ok, r.ok())
                            .set(Field::Version, static_cast<qint64>(r.entry.version))
                            .set(Field::Holder, m_store.leaseHolder(key, ctx.now()))
                            .set(Field::RequestId, in.integer(Field::RequestId))
                            .encode();
        break;
    }
    case MsgType::EventAppend: {
        const QString appendKey = in.string(Field::Key);
        Envelope ack;
        ack.type = MsgType::DsmPutReply;
        ack.txId = msg.txId;
        ack.sessionId = msg.sessionId;
        ack.payload = Payload().set(Field::Key, appendKey).set(Field::Ok, true).encode();
        if (!appendKey.isEmpty() && m_appended.count(appendKey)) {
            ctx.send(msg.sender, std::move(ack)); // a resend of something already in the stream
            return;
        }
        if (!appendKey.isEmpty())
            rememberAppended(appendKey);
        const quint64 seq = ++m_lastSeq[msg.sessionId];
        m_events.push_back(StreamEvent{msg.sessionId, seq, in.get(Field::Value).toByteArray()});
        const quint64 eventId = streamEvents();
        // The idempotency key ends with the event's state ("event:<tx>:RELEASED"): no need
        // to decode the event to see whether it is the stream's last.
        if (appendKey.endsWith(u":RELEASED"_s) || appendKey.endsWith(u":ABORTED"_s))
            streamFinished(msg.sessionId); // nothing follows a session's last event
        ctx.storage().append(LogRecord{u"event"_s, eventId, msg.sessionId, u"EVENT"_s,
                                       QCborValue(QCborMap{{u"seq"_s, static_cast<qint64>(seq)},
                                                           {u"payload"_s, m_events.back().payload},
                                                           {u"key"_s, appendKey}})
                                           .toCbor(),
                                       toUs(ctx.now())});
        for (auto &[name, g] : m_groups)
            pump(name, ctx);
        ctx.send(msg.sender, std::move(ack)); // durable before it leaves: the host flushes first
        return;
    }
    case MsgType::EventSubscribe: {
        const QString group = in.string(Field::Group);
        Group &g = m_groups[group];
        g.consumer = msg.sender;
        ctx.trace().record(TraceKind::State,
                           ctx.nameOf(msg.sender) + u" consumes group "_s + group + u" ("_s +
                               QString::number(g.pending.size()) + u" pending)"_s,
                           0, 0, msg.sender);
        std::vector<quint64> again;
        for (const auto &[eventId, sent] : g.pending)
            again.push_back(eventId);
        for (quint64 eventId : again)
            deliver(group, eventId, ctx);
        pump(group, ctx);
        return;
    }
    case MsgType::EventAck: {
        const QString group = in.string(Field::Group);
        const auto eventId = static_cast<quint64>(in.integer(Field::EventId));
        Group &g = m_groups[group];
        if (g.pending.erase(eventId))
            ctx.storage().append(
                LogRecord{u"ack"_s, eventId, msg.sessionId, group, {}, toUs(ctx.now())});
        trimStream();
        pump(group, ctx);
        return;
    }
    case MsgType::DsmGet: {
        const DsmEntry e = m_store.get(key);
        ctx.trace().record(TraceKind::State,
                           key + u" read by "_s + ctx.nameOf(msg.sender) + u" at v"_s +
                               QString::number(e.version),
                           msg.txId, msg.sessionId, msg.sender);
        reply.type = MsgType::DsmPutReply;
        reply.payload = Payload()
                            .set(Field::Key, key)
                            .set(Field::Ok, e.exists())
                            .set(Field::Version, static_cast<qint64>(e.version))
                            .set(Field::Value, e.value)
                            .set(Field::Holder, m_store.leaseHolder(key, ctx.now()))
                            .set(Field::RequestId, in.integer(Field::RequestId))
                            .encode();
        break;
    }
    case MsgType::DsmRelease: {
        const DsmResult r = m_store.releaseLease(key, msg.sender, ctx.now());
        if (r.ok())
            persist(key, r.entry, ctx);
        traceWrite(msg, key, r, DsmFact::Op::Release, ctx);
        reply.type = MsgType::DsmPutReply;
        reply.payload = Payload()
                            .set(Field::Key, key)
                            .set(Field::Ok, r.ok())
                            .set(Field::Version, static_cast<qint64>(r.entry.version))
                            .set(Field::Status, static_cast<int>(r.status))
                            .encode();
        break;
    }
    case MsgType::DsmWatch:
        m_store.watch(key, msg.sender);
        ctx.trace().record(TraceKind::State, ctx.nameOf(msg.sender) + u" watches "_s + key + u'*',
                           0, 0, msg.sender);
        // Tell the watcher what is there now, so it need not race the first change.
        for (const QString &k : m_store.keys()) {
            if (!k.startsWith(key))
                continue;
            const DsmEntry e = m_store.get(k);
            Envelope now;
            now.type = MsgType::DsmChanged;
            now.payload = Payload()
                              .set(Field::Key, k)
                              .set(Field::Version, static_cast<qint64>(e.version))
                              .set(Field::Holder, m_store.leaseHolder(k, ctx.now()))
                              .encode();
            ctx.send(msg.sender, std::move(now));
        }
        return;
    default:
        return;
    }
    ctx.send(msg.sender, std::move(reply));
    notifyWatchers(ctx);
}

void DsmService::notifyWatchers(Context &ctx)
{
    for (const DsmChange &c : m_store.takeChanges()) {
        Envelope e;
        e.type = MsgType::DsmChanged;
        e.payload = Payload()
                        .set(Field::Key, c.key)
                        .set(Field::Version, static_cast<qint64>(c.entry.version))
                        .set(Field::Holder, m_store.leaseHolder(c.key, ctx.now()))
                        .encode();
        ctx.send(c.watcher, std::move(e));
    }
}

} // namespace edgecore
