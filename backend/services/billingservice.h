#pragma once
// Billing: reserves credit on the subscriber's account and, when the set-up commits, charges
// it. When the session's release commits it finalises the charge and writes the charging
// record (CDR: subscriber, class, duration, units, amount) to its log. An account without
// enough credit votes NO; so does a release of a session not charged here or released already.

#include "cast.h"
#include "participant.h"

namespace edgecore {

class BillingService final : public Participant
{
public:
    explicit BillingService(BillingConfig config = {}, ParticipantConfig participant = {})
        : Participant(participant)
        , m_config(config)
    {}

    qint64 reservedCredit() const; // held by prepared, undecided transactions
    qint64 chargedTotal() const { return m_charged; }
    quint64 chargingRecords() const { return m_records; } // CDRs written (one per release)
    int activeSessions() const { return static_cast<int>(m_sessions.size()); }
    qint64 balance(const QString &subscriber) const;

protected:
    std::optional<QString> reserve(TxId tx, const Payload &request) override;
    void finalize(TxId tx) override;
    void release(TxId tx) override;
    QString describe(TxId tx) const override;
    QString lockKey(const Payload &request) const override; // the subscriber's account
    QByteArray finalRecord(TxId tx) const override;         // a release's CDR

private:
    struct Account
    {
        qint64 balance = 0;
        qint64 reserved = 0;
    };
    struct Hold
    {
        QString subscriber;
        qint64 amount = 0;
        TrafficClass trafficClass = TrafficClass::Data;
    };
    struct Charged // a committed session, by its set-up transaction
    {
        Hold hold;
        TxId releasing = 0;
    };
    struct Release
    {
        TxId setup = 0;
        qint64 durationMs = 0;
    };
    Account &account(const QString &subscriber);

    BillingConfig m_config;
    QHash<QString, Account> m_accounts;
    QHash<TxId, Hold> m_holds;
    QHash<TxId, Charged> m_sessions;
    QHash<TxId, Release> m_releases;
    qint64 m_charged = 0;
    quint64 m_records = 0;
};

} // namespace edgecore
