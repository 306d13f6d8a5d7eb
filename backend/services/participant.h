#pragma once
// The participant side of 2PC and 3PC, shared by the resource manager and billing. The
// transaction logic is ParticipantTx's; this service owns the resources, the log, the timers
// and the fencing check. Subclasses say what a reservation is.

#include "host/service.h"
#include "protocol/participanttx.h"

#include <QHash>

#include <deque>
#include <optional>
#include <unordered_map>

namespace edgecore {

struct ParticipantConfig
{
    qint64 inDoubtTimeoutMs = 3000;     // lab ms without word from the coordinator
    qint64 terminationTimeoutMs = 1000; // lab ms to wait for the other participants' states
    int decidedKept = 10000;            // decided transactions remembered for late questions
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

protected:
    // Reserve what tx needs; return a reason to vote NO instead.
    virtual std::optional<QString> reserve(TxId tx, const Payload &request) = 0;
    virtual void finalize(TxId tx) = 0;
    virtual void release(TxId tx) = 0;
    virtual QString describe(TxId tx) const = 0;

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
        quint64 token = 0; // the fencing token of its PREPARE
    };

    bool fenced(const Envelope &msg, quint64 floor, Context &ctx);
    bool fromCoordinator(const Envelope &msg, Context &ctx);
    Tx &txFor(const Envelope &msg, Protocol protocol, std::vector<NodeId> peers);
    void apply(TxId id, const ParticipantActions &actions, Context &ctx);
    void send(NodeId to, MsgType type, const Tx &tx, Payload payload, Context &ctx);
    void arm(Tx &tx, qint64 ms, bool termination, Context &ctx);
    void disarm(Tx &tx, Context &ctx);
    void remember(TxId id);
    void recover(Context &ctx);

    ParticipantConfig m_config;
    NodeId m_self = kNoNode;
    std::unordered_map<TxId, Tx> m_txs;
    QHash<TimerId, TxId> m_timers;
    std::deque<TxId> m_decided;
    quint64 m_highestToken = 0;
    quint64 m_yes = 0;
    quint64 m_no = 0;
};

} // namespace edgecore
