#pragma once
// The distributed shared memory service: DsmStore behind messages. Puts, compare-and-swaps,
// leases and watches; every change is a trace event with the key, the old and new version and
// the writer, and is logged so a restarted dsm comes back with every version it had.
//
// It also keeps the ordered event stream (seed 001 §11): each session's events get
// per-session sequence numbers; consumer groups receive them in order, acknowledge them, and
// get unacknowledged ones again (at least once; the consumer drops duplicates by sequence).
//
// Memory is bounded: a session record that says RELEASED or ABORTED is forgotten
// kSettledRecordKeep of lab time after that write (logged, so a restart forgets it too); stream
// events every group acknowledged leave memory (they stay in the log); the idempotency keys
// of appended events and the sequence counters of finished streams are kept for the last
// kAppendedKept and kFinishedStreamsKept.
//
// And it hosts the lock manager: participants report who waits for whom (LOCK_WAIT,
// LOCK_DONE); a cycle, or a wait past the timeout, gets its victim a DEADLOCK_VICTIM. The
// graph is not logged: a restarted dsm hears only new waits (the coordinators' vote timeouts
// still end any deadlock it missed).

#include "dsm/dsmstore.h"
#include "host/service.h"
#include "protocol/locks.h"
#include "protocol/retrypolicy.h"

#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace edgecore {

class DsmService final : public Service
{
public:
    explicit DsmService(DeadlockConfig deadlock = {})
        : m_locks(deadlock)
    {}

    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId id, Context &ctx) override;

    DsmEntry get(const QString &key) const { return m_store.get(key); }
    int keyCount() const { return m_store.size(); }
    const DsmStore &store() const { return m_store; }
    quint64 streamEvents() const { return m_firstEvent - 1 + m_events.size(); } // ever appended
    quint64 streamEventsHeld() const { return m_events.size(); } // in memory (not all acked)
    static constexpr Duration kSettledRecordKeep = std::chrono::seconds(120);
    static constexpr size_t kAppendedKept = 60'000;
    static constexpr size_t kFinishedStreamsKept = 20'000;
    int pending(const QString &group) const;
    const LockManager &lockManager() const { return m_locks; }

private:
    void persist(const QString &key, const DsmEntry &e, Context &ctx);
    // The write's DsmWrite fact (stored, renewed or refused) with its words for the log.
    void traceWrite(const Envelope &msg, const QString &key, const DsmResult &r, DsmFact::Op op,
                    Context &ctx, quint64 expected = 0, qint64 ttlMs = 0);
    void notifyWatchers(Context &ctx);
    void deliver(const QString &group, quint64 eventId, Context &ctx);
    void pump(const QString &group, Context &ctx);
    void onLockMessage(const Envelope &msg, Context &ctx);
    void carryOut(const LockManager::Outcome &out, Context &ctx);
    void trimStream();
    void noteSettledRecord(const QString &key, const DsmEntry &e, Context &ctx);
    void forgetSettledRecords(Context &ctx);
    void rememberAppended(const QString &key);
    void streamFinished(SessionId session);

    struct StreamEvent
    {
        SessionId session = 0;
        quint64 seq = 0;
        QByteArray payload;
    };
    const StreamEvent &event(quint64 id) const { return m_events[size_t(id - m_firstEvent)]; }
    struct Group
    {
        NodeId consumer = kNoNode;
        quint64 cursor = 0; // last event id handed out
        struct Delivery
        {
            Instant due{};    // when it goes again if still unacknowledged
            int attempts = 0; // deliveries so far
        };
        std::map<quint64, Delivery> pending; // delivered, not acknowledged
    };
    static constexpr size_t kWindow = 1024; // unacknowledged events per group at most
    // Redelivery of an unacknowledged event: 1 s doubling to 8 s, equal jitter, never given
    // up (the consumer must see every event, at least once).
    static inline const RetryPolicy kRedelivery{std::chrono::seconds(1), 2, std::chrono::seconds(8),
                                                1 << 20};

    DsmStore m_store;
    std::deque<StreamEvent> m_events; // event id = m_firstEvent + index
    quint64 m_firstEvent = 1;
    std::unordered_map<SessionId, quint64> m_lastSeq;
    std::deque<SessionId> m_finishedStreams; // whose last event (RELEASED, ABORTED) came
    std::unordered_set<QString> m_appended;  // idempotency keys of appended events
    std::deque<QString> m_appendedOrder;
    struct SettledRecord
    {
        Instant forgetAt{};
        QString key;
        quint64 version = 0; // forgotten only if still at it
    };
    std::deque<SettledRecord> m_settledRecords;
    std::map<QString, Group> m_groups;
    TimerId m_redeliverTimer = 0;
    LockManager m_locks;
    TimerId m_lockTimer = 0;
};

} // namespace edgecore
