#pragma once
// The participant side of 2PC, shared by the resource manager and billing: on PREPARE it
// tries to reserve, persists PREPARED and votes; on COMMIT or ABORT it finalises or releases
// and acknowledges. Subclasses say what a reservation is.

#include "host/service.h"

#include <QHash>

#include <optional>

namespace edgecore {

class Participant : public Service
{
public:
    void start(Context &ctx) override { m_self = ctx.self(); }
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId, Context &) override {}

    int preparedCount() const { return static_cast<int>(m_prepared.size()); }
    quint64 votesYes() const { return m_yes; }
    quint64 votesNo() const { return m_no; }

protected:
    // Reserve what tx needs; return a reason to vote NO instead.
    virtual std::optional<QString> reserve(TxId tx, const Payload &request) = 0;
    virtual void finalize(TxId tx) = 0;
    virtual void release(TxId tx) = 0;
    virtual QString describe(TxId tx) const = 0;

private:
    void vote(const Envelope &prepare, bool yes, const QString &reason, Context &ctx);
    void ack(const Envelope &decision, Context &ctx);

    NodeId m_self = kNoNode;
    QHash<TxId, bool> m_prepared; // voted, awaiting the decision: the vote given
    QHash<TxId, bool> m_decided;  // recent decisions, so a resent decision is acked again
    quint64 m_yes = 0;
    quint64 m_no = 0;
};

} // namespace edgecore
