#include "edgegateway.h"

#include "requestvalidation.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

EdgeGateway::EdgeGateway(EdgeConfig config)
    : m_config(std::move(config))
    , m_scheduler(SchedulerConfig{std::max(1, m_config.workers), m_config.schedulerAging,
                                  std::chrono::milliseconds(500), 100000})
    , m_buckets{TokenBucket(m_config.voiceRatePerSec, m_config.rateBurst),
                TokenBucket(m_config.dataRatePerSec, m_config.rateBurst)}
    , m_breaker(BreakerConfig{m_config.breakerFailures,
                              std::chrono::milliseconds(m_config.breakerCoolDownMs)})
{}

void EdgeGateway::breakerLearns(bool answered, Context &ctx)
{
    // An answer from a session manager is a success; no answer, or nobody leading, a failure.
    // Requests refused at the edge (invalid, limited, failed fast) say nothing about them.
    const std::optional<CircuitBreaker::State> change =
        answered ? m_breaker.onSuccess() : m_breaker.onFailure(ctx.now());
    if (change)
        ctx.trace().record(TraceKind::State,
                           u"circuit breaker "_s + toString(*change) + u" ("_s +
                               (answered ? u"a session manager answered"_s
                                         : QString::number(m_breaker.consecutiveFailures()) +
                                               u" failures in a row"_s) +
                               u')');
}

void EdgeGateway::dispatch(Context &ctx)
{
    // VOICE before DATA (seed 001 §8): the scheduler hands out free workers by class.
    for (quint64 id : m_scheduler.dispatch(ctx.now())) {
        const auto it = m_pending.find(id);
        if (it == m_pending.end()) { // answered while queued (timed out): give the worker back
            m_scheduler.complete();
            continue;
        }
        it->dispatched = true;
        it->queueUs = toUs(ctx.now() - it->enqueued);
        sendCreate(*it, ctx);
    }
}

void EdgeGateway::start(Context &ctx)
{
    m_sessionManager = ctx.lookup(m_config.sessionManager);
    m_dsm = ctx.lookup(cast::dsm());
    // Follow the leader lease: the dsm tells us who holds it now and whenever it changes.
    Envelope watch;
    watch.type = MsgType::DsmWatch;
    watch.payload = Payload().set(Field::Key, leaderKey()).encode();
    ctx.send(m_dsm, std::move(watch));
}

void EdgeGateway::sendCreate(Pending &p, Context &ctx)
{
    p.askedLast = m_sessionManager;
    // No answer in time: the answer (or the create) may have been lost. Ask again, each time
    // waiting longer (askAgain's backoff), until the request times out.
    if (p.askTimer) {
        ctx.cancelTimer(p.askTimer);
        m_asks.remove(p.askTimer);
    }
    p.askTimer = ctx.startTimer(m_config.askAgain.delay(p.resends + 1, ctx.rng()));
    m_asks.insert(p.askTimer, p.sessionId);
    Envelope out;
    out.type = MsgType::SessionCreate;
    out.sessionId = p.sessionId;
    out.payload = p.create;
    ctx.send(m_sessionManager, std::move(out));
}

void EdgeGateway::onNotLeader(const Envelope &msg, Context &ctx)
{
    const auto hint = static_cast<NodeId>(Payload::decode(msg.payload).integer(Field::Holder));
    if (const auto a = m_active.find(msg.sessionId); a != m_active.end() && a->releasing) {
        // A release asked of a manager that does not lead: follow the hint now; without one
        // the next ask (already armed) tries again.
        if (hint != kNoNode && hint != msg.sender && a->redirects++ < m_config.leaderRetries) {
            m_sessionManager = hint;
            sendRelease(*a, ctx);
        }
        return;
    }
    const auto it = m_pending.find(msg.sessionId);
    if (it == m_pending.end())
        return;
    if (++it->redirects > m_config.leaderRetries) {
        if (it->resends == 0) { // only ever refused: no transaction exists for it
            breakerLearns(false, ctx);
            finish(*it, Outcome::Aborted, 0, u"no session manager leads"_s, ctx);
            return;
        }
        // Asked before, maybe started: keep asking until someone answers or time runs out.
        it->redirects = 0;
        it->retryTimer = ctx.startTimer(std::chrono::milliseconds(m_config.noLeaderRetryMs));
        m_retries.insert(it->retryTimer, it->sessionId);
        return;
    }
    if (hint != kNoNode && hint != msg.sender) {
        m_sessionManager = hint;
        ctx.trace().record(TraceKind::State,
                           u"redirected to "_s + ctx.nameOf(hint) + u" (not leader: "_s +
                               ctx.nameOf(msg.sender) + u')',
                           0, msg.sessionId);
        sendCreate(*it, ctx);
        return;
    }
    // Nobody is known to lead (an election is under way): ask again shortly.
    it->retryTimer = ctx.startTimer(std::chrono::milliseconds(m_config.noLeaderRetryMs));
    m_retries.insert(it->retryTimer, it->sessionId);
}

void EdgeGateway::onMessage(const Envelope &msg, Context &ctx)
{
    switch (msg.type) {
    case MsgType::ClientRequest:
        onClientRequest(msg, ctx);
        break;
    case MsgType::SessionResult:
        onSessionResult(msg, ctx);
        break;
    case MsgType::NotLeader:
        onNotLeader(msg, ctx);
        break;
    case MsgType::ReleaseResult:
        onReleaseResult(msg, ctx);
        break;
    case MsgType::DsmChanged: {
        const Payload in = Payload::decode(msg.payload);
        const auto holder = static_cast<NodeId>(in.integer(Field::Holder));
        if (in.string(Field::Key) == leaderKey() && holder != kNoNode &&
            holder != m_sessionManager) {
            m_sessionManager = holder;
            ctx.trace().record(TraceKind::State, u"leader is now "_s + ctx.nameOf(holder));
            onLeaderChanged(holder, ctx);
        }
        break;
    }
    case MsgType::DsmPutReply:
        break;
    default:
        ctx.trace().record(TraceKind::Note, u"edge ignores "_s + toString(msg.type), msg.txId,
                           msg.sessionId, msg.sender);
        break;
    }
}

void EdgeGateway::onLeaderChanged(NodeId leader, Context &ctx)
{
    // Requests the old leader has not answered may have died with it: ask the new leader.
    // It starts a transaction only if the session was never claimed; otherwise the owner
    // (the old leader, once it recovers) or the session's record answers. So a session is
    // never decided twice.
    for (Pending &p : m_pending)
        if (p.dispatched && p.askedLast != kNoNode && p.askedLast != leader)
            askAgain(p, u"was sent to "_s + ctx.nameOf(p.askedLast), ctx);
    // So may releases: the new leader claims them, or finds them claimed or done.
    for (Active &a : m_active)
        if (a.releasing && a.askedLast != kNoNode && a.askedLast != leader)
            sendRelease(a, ctx);
}

void EdgeGateway::askAgain(Pending &p, const QString &why, Context &ctx)
{
    ++p.resends;
    ctx.trace().record(TraceKind::State,
                       u"asking "_s + ctx.nameOf(m_sessionManager) + u" again ("_s + why + u')', 0,
                       p.sessionId);
    sendCreate(p, ctx);
}

void EdgeGateway::onClientRequest(const Envelope &msg, Context &ctx)
{
    const Payload in = Payload::decode(msg.payload);
    Pending p;
    p.requestId = static_cast<quint64>(in.integer(Field::RequestId));
    p.started = ctx.now();
    p.subscriber = in.string(Field::Subscriber);
    ValidationResult v =
        validateRequest(p.subscriber, in.string(Field::TrafficClass), in.string(Field::Protocol));
    const QCborValue duration = in.get(Field::DurationMs);
    if (v.request && !duration.isUndefined() &&
        (!duration.isInteger() || duration.toInteger() < 0 ||
         duration.toInteger() > kMaxSessionDurationMs)) {
        v.request.reset();
        v.error = u"session duration must be whole lab milliseconds from 0 to "_s +
                  QString::number(kMaxSessionDurationMs);
    }
    if (!v.request) {
        taken(p, ctx);
        ctx.trace().record(TraceKind::State, u"request refused: "_s + v.error);
        finish(p, Outcome::Invalid, 0, v.error, ctx);
        return;
    }
    p.durationMs = duration.toInteger(0);
    // Session ids carry the edge's node id in the top bits, so ids stay unique when several
    // edges run (scale-out).
    p.sessionId = (SessionId(ctx.self()) << 48) | m_nextSession++;
    p.subscriber = v.request->subscriber;
    p.trafficClass = v.request->trafficClass;
    p.protocol = v.request->protocol;
    taken(p, ctx);
    // Edge protection, before anything is sent: the class's rate, then the breaker.
    TokenBucket &bucket = m_buckets[static_cast<int>(p.trafficClass) & 1];
    if (!bucket.take(ctx.now())) {
        ++m_rateLimited;
        finish(p, Outcome::Aborted, 0,
               u"rate limited ("_s + toString(p.trafficClass) + u": "_s +
                   QString::number(bucket.rate()) + u"/s)"_s,
               ctx);
        return;
    }
    std::optional<CircuitBreaker::State> change;
    const bool allowed = m_breaker.allow(ctx.now(), &change);
    if (change)
        ctx.trace().record(TraceKind::State, u"circuit breaker "_s + toString(*change) +
                                                 u" (cool-down over: one probe)"_s);
    if (!allowed) {
        ++m_failedFast;
        finish(p, Outcome::Aborted, 0, u"circuit open: the session managers keep failing"_s, ctx);
        return;
    }
    p.timer = ctx.startTimer(std::chrono::milliseconds(m_config.requestTimeoutMs));

    p.create = Payload()
                   .set(Field::RequestId, static_cast<qint64>(p.requestId))
                   .set(Field::Subscriber, p.subscriber)
                   .set(Field::TrafficClass, static_cast<int>(p.trafficClass))
                   .set(Field::Protocol, static_cast<int>(p.protocol))
                   .encode();
    p.enqueued = ctx.now();
    if (!m_scheduler.enqueue(p.sessionId, p.trafficClass, p.enqueued)) {
        ctx.cancelTimer(p.timer);
        p.timer = 0;
        finish(p, Outcome::Aborted, 0, u"edge queue full"_s, ctx);
        return;
    }
    m_pending.insert(p.sessionId, p);
    m_timers.insert(p.timer, p.sessionId);
    ctx.trace().record(TraceKind::State,
                       u"accepted "_s + toString(p.trafficClass) + u" session for "_s +
                           p.subscriber,
                       0, p.sessionId);
    dispatch(ctx);
}

void EdgeGateway::onSessionResult(const Envelope &msg, Context &ctx)
{
    const auto it = m_pending.find(msg.sessionId);
    if (it == m_pending.end())
        return; // already answered (timed out)
    const Pending p = *it;
    const Payload in = Payload::decode(msg.payload);
    const auto outcome = static_cast<Outcome>(in.integer(Field::Outcome));
    if (outcome == Outcome::Unknown && p.resends > 0) {
        // That manager gave up on it, but another one was asked too: wait for its answer.
        ctx.trace().record(TraceKind::State,
                           ctx.nameOf(msg.sender) + u" could not claim the session: waiting"_s,
                           msg.txId, p.sessionId);
        return;
    }
    const Outcome told =
        outcome == Outcome::Committed || outcome == Outcome::Unknown ? outcome : Outcome::Aborted;
    breakerLearns(told != Outcome::Unknown, ctx);
    finish(p, told, msg.txId, in.string(Field::Reason), ctx);
}

void EdgeGateway::onTimer(TimerId id, Context &ctx)
{
    if (const auto r = m_releaseTimers.find(id); r != m_releaseTimers.end()) {
        const SessionId sid = *r;
        m_releaseTimers.erase(r);
        onReleaseTimer(sid, ctx);
        return;
    }
    if (const auto a = m_asks.find(id); a != m_asks.end()) {
        const SessionId sid = *a;
        m_asks.erase(a);
        if (const auto p = m_pending.find(sid); p != m_pending.end()) {
            p->askTimer = 0;
            if (!p->retryTimer) // a no-leader retry is already due
                askAgain(*p, u"no answer yet"_s, ctx);
        }
        return;
    }
    if (const auto r = m_retries.find(id); r != m_retries.end()) {
        const SessionId sid = *r;
        m_retries.erase(r);
        if (const auto p = m_pending.find(sid); p != m_pending.end()) {
            p->retryTimer = 0;
            sendCreate(*p, ctx);
        }
        return;
    }
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return;
    const auto pit = m_pending.find(*it);
    if (pit == m_pending.end())
        return;
    if (pit->dispatched) // still queued here: nothing to say about the session managers
        breakerLearns(false, ctx);
    finish(*pit, Outcome::Unknown, 0, u"no answer from the session manager"_s, ctx);
}

void EdgeGateway::finish(Pending p, Outcome outcome, TxId tx, const QString &reason, Context &ctx)
{
    if (p.timer) {
        ctx.cancelTimer(p.timer);
        m_timers.remove(p.timer);
    }
    if (p.retryTimer) {
        ctx.cancelTimer(p.retryTimer);
        m_retries.remove(p.retryTimer);
    }
    if (p.askTimer) {
        ctx.cancelTimer(p.askTimer);
        m_asks.remove(p.askTimer);
    }
    m_pending.remove(p.sessionId);
    if (p.dispatched) {
        m_scheduler.complete();
        dispatch(ctx);
    }
    ClientReply r;
    r.requestId = p.requestId;
    r.sessionId = p.sessionId;
    r.txId = tx;
    r.outcome = outcome;
    r.trafficClass = p.trafficClass;
    r.protocol = p.protocol;
    r.subscriber = p.subscriber;
    r.reason = reason;
    r.latencyUs = toUs(ctx.now() - p.started);
    r.queueUs = p.dispatched ? p.queueUs : r.latencyUs;
    r.durationMs = p.durationMs;
    tell(r, 0, ctx);
    if (outcome == Outcome::Committed && p.durationMs > 0 && tx != 0) {
        // The session lives for its duration, then ends: the edge asks for its release.
        Active a;
        a.requestId = p.requestId;
        a.sessionId = p.sessionId;
        a.setupTx = tx;
        a.trafficClass = p.trafficClass;
        a.protocol = p.protocol;
        a.subscriber = p.subscriber;
        a.durationMs = p.durationMs;
        Active &stored = *m_active.insert(p.sessionId, a);
        armRelease(stored, std::chrono::milliseconds(p.durationMs), ctx);
    }
}

void EdgeGateway::armRelease(Active &a, Duration after, Context &ctx)
{
    if (a.timer) {
        ctx.cancelTimer(a.timer);
        m_releaseTimers.remove(a.timer);
    }
    a.timer = ctx.startTimer(after);
    m_releaseTimers.insert(a.timer, a.sessionId);
}

void EdgeGateway::sendRelease(Active &a, Context &ctx)
{
    a.askedLast = m_sessionManager;
    // Until the release is answered it is asked again, each time waiting longer, for as long
    // as it takes: a session that ended must not hold its units for ever.
    armRelease(a, m_config.askAgain.delay(++a.asks, ctx.rng()), ctx);
    Envelope out;
    out.type = MsgType::SessionRelease;
    out.sessionId = a.sessionId;
    out.payload = Payload()
                      .set(Field::RequestId, static_cast<qint64>(a.requestId))
                      .set(Field::SetupTx, static_cast<qint64>(a.setupTx))
                      .set(Field::Subscriber, a.subscriber)
                      .set(Field::TrafficClass, static_cast<int>(a.trafficClass))
                      .set(Field::Protocol, static_cast<int>(a.protocol))
                      .set(Field::DurationMs, a.durationMs)
                      .encode();
    ctx.send(m_sessionManager, std::move(out));
}

void EdgeGateway::onReleaseTimer(SessionId session, Context &ctx)
{
    const auto it = m_active.find(session);
    if (it == m_active.end())
        return;
    Active &a = *it;
    a.timer = 0;
    if (!a.releasing) {
        a.releasing = true;
        a.ended = ctx.now();
        ctx.trace().record(TraceKind::State,
                           u"session ended after "_s + QString::number(a.durationMs / 1000.0) +
                               u" s: asking "_s + ctx.nameOf(m_sessionManager) +
                               u" to release it"_s,
                           a.setupTx, a.sessionId);
    } else {
        ctx.trace().record(TraceKind::State,
                           u"asking "_s + ctx.nameOf(m_sessionManager) +
                               u" again to release the session ("_s +
                               (a.lastAnswer.isEmpty() ? u"no answer yet"_s
                                                       : u"the last release "_s + a.lastAnswer) +
                               u')',
                           a.setupTx, a.sessionId);
    }
    a.redirects = 0;
    sendRelease(a, ctx);
}

void EdgeGateway::onReleaseResult(const Envelope &msg, Context &ctx)
{
    const auto it = m_active.find(msg.sessionId);
    if (it == m_active.end() || !it->releasing)
        return; // answered already
    const Payload in = Payload::decode(msg.payload);
    const auto outcome = static_cast<Outcome>(in.integer(Field::Outcome));
    const QString reason = in.string(Field::Reason);
    if (outcome != Outcome::Released && outcome != Outcome::Invalid) {
        // Aborted (a participant refused, a fault) or not known: the session is still set up.
        // The ask already armed goes again.
        it->lastAnswer = toString(outcome);
        ctx.trace().record(TraceKind::State,
                           u"release "_s + toString(outcome) +
                               (reason.isEmpty() ? QString() : u": "_s + reason) +
                               u": asking again"_s,
                           msg.txId, msg.sessionId);
        return;
    }
    const Active a = *it;
    if (a.timer) {
        ctx.cancelTimer(a.timer);
        m_releaseTimers.remove(a.timer);
    }
    m_active.erase(it);
    breakerLearns(true, ctx);
    ClientReply r;
    r.requestId = a.requestId;
    r.sessionId = a.sessionId;
    r.txId = msg.txId;
    r.outcome = outcome;
    r.trafficClass = a.trafficClass;
    r.protocol = a.protocol;
    r.subscriber = a.subscriber;
    r.reason = reason;
    r.latencyUs = toUs(ctx.now() - a.ended);
    r.queueUs = 0;
    r.release = true;
    r.durationMs = a.durationMs;
    tell(r, a.setupTx, ctx);
}

void EdgeGateway::taken(const Pending &p, Context &ctx)
{
    SessionFact f;
    f.step = SessionFact::Step::Requested;
    f.trafficClass = p.trafficClass;
    f.protocol = p.protocol;
    f.requestId = p.requestId;
    f.text = p.subscriber;
    ctx.trace().session(f, 0, p.sessionId);
}

void EdgeGateway::tell(const ClientReply &r, TxId setupTx, Context &ctx)
{
    // What the client was told, as a fact: the sessions table folds it, and the checker holds
    // it against the decisions (a release's names the set-up it ends).
    SessionFact f;
    f.step = r.release ? SessionFact::Step::ReleaseAnswered : SessionFact::Step::Answered;
    f.outcome = r.outcome;
    f.trafficClass = r.trafficClass;
    f.protocol = r.protocol;
    f.requestId = r.requestId;
    f.durationMs = r.durationMs;
    f.setupTx = setupTx;
    f.text = r.reason;
    ctx.trace().session(f, r.txId, r.sessionId);
    ctx.reply(r);
}

} // namespace edgecore
