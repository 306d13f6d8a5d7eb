#pragma once
// Billing: reserves credit on the subscriber's account and, on commit, charges it and emits
// the charging record. An account without enough credit votes NO.

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
    quint64 chargingRecords() const { return m_records; }
    qint64 balance(const QString &subscriber) const;

protected:
    std::optional<QString> reserve(TxId tx, const Payload &request) override;
    void finalize(TxId tx) override;
    void release(TxId tx) override;
    QString describe(TxId tx) const override;
    QString lockKey(const Payload &request) const override; // the subscriber's account

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
    };
    Account &account(const QString &subscriber);

    BillingConfig m_config;
    QHash<QString, Account> m_accounts;
    QHash<TxId, Hold> m_holds;
    qint64 m_charged = 0;
    quint64 m_records = 0;
};

} // namespace edgecore
