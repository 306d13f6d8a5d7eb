#pragma once
// The participant side of 2PC and 3PC, shared by the resource manager and billing. The
// transaction logic is ParticipantTx's; this service owns the resources, the log, the timers
// and the fencing check. Subclasses say what a reservation is.

#include "host/service.h"
#include "protocol/locks.h"
#include "protocol/participanttx.h"
#include "protocol/retrypolicy.h"

#include <QHash>

#include <deque>
#include <optional>
#include <unordered_map>

namespace edgecore {

struct ParticipantConfig
{
    qint64 inDoubtTimeoutMs = 3000;     // lab ms without word from the coordinator
    qint64 terminationTimeoutMs = 1000; // lab ms to wait for the other participants' states
    // A 2PC participant in doubt asks the coordinator for the outcome: again after 3 s,
    // doubling to 30 s, equal jitter. It never gives up (it may not decide alone).
    RetryPolicy outcomeQuery{std::chrono::seconds(3), 2, std::chrono::seconds(30), 1 << 20};
    int decidedKept = 10000; // decided transactions remembered for late questions
    // Strict two-phase locking: a PREPARE takes an exclusive lock on what it reserves (the
    // subclass names it) and holds it until the decision; one that finds it taken waits, and
    // the wait is reported to the lock manager (in the dsm), which may name it a deadlock
    // victim: it then votes NO. Off by default (sessions then never wait for each other).
    bool exclusiveLocks = false;
};

class Participant : public Service
{
public:
    explicit Participant(ParticipantConfig config = {})
        : m_config(config)
    {}

    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId id, Context &ctx) override;

    int inDoubtCount() const;
    quint64 votesYes() const { return m_yes; }
    quint64 votesNo() const { return m_no; }
    quint64 highestToken() const { return m_highestToken; }
    std::optional<ParticipantState> stateOf(TxId tx) const;
    const LockTable &locks() const { return m_locks; }
    int waitingForLocks() const;
    quint64 deadlockVictims() const { return m_victims; }

protected:
    // Reserve what tx needs; return a reason to vote NO instead.
    virtual std::optional<QString> reserve(TxId tx, const Payload &request) = 0;
    virtual void finalize(TxId tx) = 0;
    virtual void release(TxId tx) = 0;
    virtual QString describe(TxId tx) const = 0;
    // What a committing tx leaves in the log besides its outcome (billing: the charging record
    // of a release); asked just before finalize, never during recovery. Empty: nothing.
    virtual QByteArray finalRecord(TxId) const { return {}; }
    // The set-up transaction a request releases (0: the request is a set-up).
    static TxId releaseOf(const Payload &request)
    {
        return static_cast<TxId>(request.integer(Field::SetupTx));
    }
    // The resource a PREPARE locks with exclusiveLocks (empty: none).
    virtual QString lockKey(const Payload &) const { return {}; }

private:
    struct Tx
    {
        ParticipantTx logic;
        SessionId sessionId = 0;
        TimerId timer = 0;
        bool terminationTimer = false;
        QByteArray request; // the PREPARE payload, logged with PREPARED for recovery
        Protocol protocol = Protocol::TwoPhase;
        std::vector<NodeId> peers;
        quint64 token = 0;   // the fencing token of its PREPARE
        bool parked = false; // its PREPARE waits for a lock: it votes once granted
        Instant firstSeen{}; // when its first message arrived (its age, for the lock manager)
        TxId waitsFor = 0;   // the holder last reported to the lock manager
        int asks = 0;        // outcome requests sent while in doubt
        TxId setupTx = 0;    // a release: the set-up it ends
    };

    bool fenced(const Envelope &msg, quint64 floor, Context &ctx);
    bool fromCoordinator(const Envelope &msg, Context &ctx);
    // setupTx: what a PREPARE releases (0: a set-up, or not a PREPARE).
    Tx &txFor(const Envelope &msg, Protocol protocol, std::vector<NodeId> peers, TxId setupTx = 0);
    void apply(TxId id, const ParticipantActions &actions, Context &ctx);
    void send(NodeId to, MsgType type, const Tx &tx, Payload payload, Context &ctx);
    void arm(Tx &tx, qint64 ms, bool termination, Context &ctx);
    void arm(Tx &tx, Duration after, bool termination, Context &ctx);
    void disarm(Tx &tx, Context &ctx);
    void remember(TxId id);
    void recover(Context &ctx);
    // The vote on a PREPARE whose lock (if any) is held.
    void prepare(Tx &tx, const Payload &request, Context &ctx);
    void onDeadlockVictim(const Envelope &msg, Context &ctx);
    // Lets go of tx's locks (decided, or voted NO); who they go to votes after the handler.
    void releaseLocks(TxId tx, Context &ctx);
    void grantWaiting(Context &ctx);
    void reportWait(Tx &tx, TxId holder, const QString &resource, Context &ctx);
    void reportDone(TxId tx, TxId holder, Context &ctx);

    ParticipantConfig m_config;
    NodeId m_self = kNoNode;
    std::unordered_map<TxId, Tx> m_txs;
    QHash<TimerId, TxId> m_timers;
    std::deque<TxId> m_decided;
    quint64 m_highestToken = 0;
    quint64 m_yes = 0;
    quint64 m_no = 0;
    LockTable m_locks;
    NodeId m_lockManager = kNoNode;
    std::vector<LockTable::Grant> m_grants; // granted while handling; they vote afterwards
    std::set<TxId> m_reported;              // told to the lock manager: it hears when they end
    quint64 m_victims = 0;
};

} // namespace edgecore
