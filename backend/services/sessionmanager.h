#pragma once
// A session manager: coordinates each session set-up as a 2PC or 3PC transaction between the
// resource manager and billing, records the session in the DSM and reports the outcome to
// the edge and to analytics. When a session ends it runs its release the same way: a second
// transaction (rm frees the units, billing writes the charging record) that moves the
// session's record COMMITTED -> RELEASING -> RELEASED by compare-and-swap.

#include "cast.h"
#include "host/service.h"
#include "protocol/coordinator.h"
#include "protocol/leaderlease.h"
#include "storage/ledger.h"
#include "storage/storage.h"

#include <QHash>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace edgecore {

class SessionManager final : public Service
{
public:
    explicit SessionManager(CoordinatorConfig config = {});

    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId id, Context &ctx) override;

    int activeTransactions() const { return static_cast<int>(m_txs.size()); }
    quint64 committed() const { return m_committed; }
    quint64 aborted() const { return m_aborted; }
    quint64 unclaimed() const { return m_unclaimed; } // refused before becoming a transaction
    quint64 released() const { return m_released; }   // release transactions committed
    const LeaderLease &lease() const { return m_lease; }

    // A decision no participant acknowledged after every retry: kept (durably) until replayed
    // and acknowledged.
    struct DeadLetter
    {
        TxId tx = 0;
        SessionId session = 0;
        NodeId to = kNoNode;
        bool commit = false;
        quint64 token = 0;
        qint64 labUs = 0; // when it was given up on
    };
    std::vector<DeadLetter> deadLetters() const;
    // Sends every dead letter again; each leaves the queue when its participant acknowledges.
    int replayDeadLetters(Context &ctx);
    // The dead letters a service log holds (for listing a finished run's files).
    static std::vector<DeadLetter> deadLettersIn(const QVector<LogRecord> &log);

private:
    struct Tx
    {
        std::unique_ptr<Coordinator> coordinator;
        SessionId sessionId = 0;
        quint64 requestId = 0;
        NodeId client = kNoNode; // the edge that asked
        QString subscriber;
        TrafficClass trafficClass = TrafficClass::Data;
        Protocol protocol = Protocol::TwoPhase;
        quint64 token = 0;    // the leader's fencing token when it began: all its messages carry it
        bool claimed = false; // its session record is known to be this transaction's
        // A release: the set-up transaction of the session it ends (0: a set-up), and how long
        // the session lasted.
        TxId setupTx = 0;
        qint64 durationMs = 0;
        // The session record's version as this transaction claimed it: its last write expects
        // it. recordFinal: that last write is known to be done (a recovered release).
        quint64 recordVersion = 1;
        bool recordFinal = false;
        int versionChases = 0; // release claims retried at a newer COMMITTED version
        int claimRetriesLeft = 2;
        // Recovery's first steps, held back until the claim is confirmed: a coordinator that
        // logged its intent may have died before its claim reached the dsm.
        std::optional<CoordinatorActions> recovered;
        Instant started{};
        TimerId timer = 0;
        int retries = 0; // decision resends so far
    };

    void onRequest(const Envelope &msg, Context &ctx); // a create or a release, as leader
    Tx newTx(const Envelope &request, const Payload &in, Context &ctx); // what both kinds share
    void onSessionCreate(const Envelope &msg, Context &ctx);
    void onSessionRelease(const Envelope &msg, Context &ctx);
    void onReleaseClaimReply(Tx &tx, const Payload &reply, Context &ctx);
    // Records the decision in the session's record, answers the edge, appends the stream event.
    void settle(Tx &tx, bool commit, const QString &reason, Context &ctx);
    static bool isRelease(const Tx &tx) { return tx.setupTx != 0; }
    void apply(Tx &tx, const CoordinatorActions &actions, Context &ctx);
    void answerClient(const Tx &tx, bool commit, const QString &reason, Context &ctx);
    // The edge's answer for tx (SESSION_RESULT, or RELEASE_RESULT for a release); answeredBy
    // names the transaction whose outcome it is when that is not tx.
    void tell(const Tx &tx, Outcome outcome, const QString &reason, Context &ctx,
              TxId answeredBy = 0);
    void sendDecision(const Tx &tx, NodeId to, bool commit, Context &ctx);
    // Writes the session's record by compare-and-swap. Its owner is the transaction named in
    // it (default: tx itself).
    void putSessionRecord(const Tx &tx, const QString &state, quint64 expectedVersion, Context &ctx,
                          TxId owner = 0);
    // The same write, resent until the dsm answers (a decision's: it must land).
    void writeRecord(const Tx &tx, const QString &state, quint64 expectedVersion, Context &ctx,
                     TxId owner = 0);
    Envelope recordMessage(const Tx &tx, const QString &state, quint64 expectedVersion,
                           TxId owner) const;
    static QString outboxKey(const Envelope &e);            // what the dsm's answer to it names
    static constexpr qint64 kRecordWrite = qint64(1) << 40; // request ids of record writes
    static constexpr qint64 kRecordRead = qint64(1) << 41;  // a release's read before its claim
    void readRecord(Tx &tx, Context &ctx);
    void onClaimReply(Tx &tx, const Payload &reply, Context &ctx);
    void onClaimed(Tx &tx, Context &ctx);
    void onClaimTimeout(Tx &tx, Context &ctx);
    void endUnstarted(Tx &tx, const QByteArray &why, Context &ctx); // tx is dangling afterwards
    static Envelope message(MsgType type, const Tx &tx); // addressed to nobody yet, fenced
    void armTx(Tx &tx, qint64 ms, Context &ctx);
    void armTxAfter(Tx &tx, Duration after, Context &ctx);
    void startDecisionRetries(Tx &tx, Context &ctx);
    void disarmTx(Tx &tx, Context &ctx);
    void appendEvent(const Tx &tx, const QString &state, const QString &reason, Context &ctx);
    void pumpOutbox(SessionId session, Context &ctx);
    void onAppended(SessionId session, const QString &key, Context &ctx);
    void resendOutbox(Context &ctx);
    void remember(TxId id, bool commit);
    void leaseTick(Context &ctx);
    void applyLease(const LeaseActions &actions, Context &ctx);
    void armLease(Context &ctx);
    void refuseNotLeader(const Envelope &create, Context &ctx);
    void recover(Context &ctx);
    static QByteArray intentRecord(const Tx &tx);
    void answerFromHistory(const Envelope &msg, Context &ctx);

    CoordinatorConfig m_config;
    NodeId m_rm = kNoNode;
    NodeId m_billing = kNoNode;
    NodeId m_dsm = kNoNode;
    quint64 m_nextTx = 1;
    std::unordered_map<TxId, Tx> m_txs;
    QHash<TimerId, TxId> m_timers;
    std::unordered_map<TxId, bool> m_history; // finished transactions: committed?
    std::deque<TxId> m_historyOrder;
    // Each session's stream events, sent to the dsm one at a time and resent until
    // acknowledged, so they arrive complete and in order (the dsm drops repeats by key).
    struct Outbox
    {
        std::deque<Envelope> queue;
        bool inFlight = false;
        Instant due{};   // when the front entry goes again, unanswered
        int resends = 0; // of the front entry
    };
    std::map<SessionId, Outbox> m_outbox;
    TimerId m_outboxTimer = 0;
    quint64 m_recordWrites = 0;
    LeaderLease m_lease;
    AuditLedger m_ledger;
    TimerId m_leaseTimer = 0;
    std::vector<Envelope> m_waiting; // session requests that came during the first election
    quint64 m_committed = 0;
    quint64 m_unclaimed = 0;
    quint64 m_aborted = 0;
    quint64 m_released = 0;
    std::map<std::pair<TxId, NodeId>, DeadLetter> m_dead;
};

} // namespace edgecore
