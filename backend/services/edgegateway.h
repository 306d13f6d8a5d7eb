#pragma once
// The edge gateway: the trust boundary. Validates and normalises client requests, hands them
// signed to the session manager, and answers the client when the session is decided. A
// committed session that was asked to last a while ends here too: when its time is up the
// edge asks the leader to release it, and asks again until the release is done.

#include "cast.h"
#include "host/service.h"
#include "protocol/edgeguard.h"
#include "protocol/priorityscheduler.h"

#include <QHash>

namespace edgecore {

class EdgeGateway final : public Service
{
public:
    explicit EdgeGateway(EdgeConfig config = {});

    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId id, Context &ctx) override;

    int inFlight() const { return static_cast<int>(m_pending.size()); }
    int activeSessions() const { return static_cast<int>(m_active.size()); } // set up, not released
    const PriorityScheduler &scheduler() const { return m_scheduler; }
    const CircuitBreaker &breaker() const { return m_breaker; }
    quint64 rateLimited() const { return m_rateLimited; }
    quint64 failedFast() const { return m_failedFast; }

private:
    struct Pending
    {
        quint64 requestId = 0;
        SessionId sessionId = 0;
        Instant started{};
        TimerId timer = 0;
        TrafficClass trafficClass = TrafficClass::Data;
        Protocol protocol = Protocol::TwoPhase;
        QString subscriber;
        QByteArray create; // the SESSION_CREATE payload, for redirects
        int redirects = 0;
        NodeId askedLast = kNoNode; // the session manager the create went to last
        // Times it was asked again (the leader changed, or no answer came): from then on a
        // transaction may exist for it, so the edge never tells the client ABORTED on its own.
        int resends = 0;
        TimerId askTimer = 0;
        TimerId retryTimer = 0;
        bool dispatched = false; // holds a scheduler worker
        Instant enqueued{};
        qint64 queueUs = 0;
        qint64 durationMs = 0; // how long the session lasts once committed (0: for ever)
    };
    // A committed session that will end: waiting out its duration, then asking for its release.
    struct Active
    {
        quint64 requestId = 0;
        SessionId sessionId = 0;
        TxId setupTx = 0;
        TrafficClass trafficClass = TrafficClass::Data;
        Protocol protocol = Protocol::TwoPhase;
        QString subscriber;
        qint64 durationMs = 0;
        Instant ended{}; // when its time was up (the release's latency runs from here)
        bool releasing = false;
        QString lastAnswer; // the last release's outcome, when it did not release
        int asks = 0;
        int redirects = 0;
        NodeId askedLast = kNoNode;
        TimerId timer = 0; // the session's end, then the next ask
    };

    void onClientRequest(const Envelope &msg, Context &ctx);
    void onSessionResult(const Envelope &msg, Context &ctx);
    void onNotLeader(const Envelope &msg, Context &ctx);
    void sendCreate(Pending &p, Context &ctx);
    void onLeaderChanged(NodeId leader, Context &ctx);
    void askAgain(Pending &p, const QString &why, Context &ctx);
    void dispatch(Context &ctx);
    void finish(Pending p, Outcome outcome, TxId tx, const QString &reason, Context &ctx);
    void onReleaseResult(const Envelope &msg, Context &ctx);
    void tell(const ClientReply &r, TxId setupTx, Context &ctx); // traced, then to the client
    void taken(const Pending &p, Context &ctx); // the request, traced (before any answer)
    void sendRelease(Active &a, Context &ctx);
    void armRelease(Active &a, Duration after, Context &ctx);
    void onReleaseTimer(SessionId session, Context &ctx);

    EdgeConfig m_config;
    NodeId m_sessionManager = kNoNode;
    quint64 m_nextSession = 1;
    QHash<SessionId, Pending> m_pending;
    QHash<TimerId, SessionId> m_timers;
    QHash<TimerId, SessionId> m_retries;
    QHash<TimerId, SessionId> m_asks;
    QHash<SessionId, Active> m_active;
    QHash<TimerId, SessionId> m_releaseTimers;
    NodeId m_dsm = kNoNode;
    PriorityScheduler m_scheduler;
    TokenBucket m_buckets[2]; // by TrafficClass
    CircuitBreaker m_breaker;
    quint64 m_rateLimited = 0;
    quint64 m_failedFast = 0;
    void breakerLearns(bool answered, Context &ctx); // traces a change of state
};

} // namespace edgecore
