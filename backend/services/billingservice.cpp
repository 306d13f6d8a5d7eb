#include "billingservice.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

BillingService::Account &BillingService::account(const QString &subscriber)
{
    auto it = m_accounts.find(subscriber);
    if (it == m_accounts.end())
        it = m_accounts.insert(subscriber, Account{m_config.initialCredit, 0});
    return *it;
}

QString BillingService::lockKey(const Payload &request) const
{
    return u"account/"_s + request.string(Field::Subscriber);
}

std::optional<QString> BillingService::reserve(TxId tx, const Payload &request)
{
    const QString subscriber = request.string(Field::Subscriber);
    const auto cls = static_cast<TrafficClass>(request.integer(Field::TrafficClass));
    const qint64 cost = cls == TrafficClass::Voice ? m_config.voiceCost : m_config.dataCost;
    Account &a = account(subscriber);
    if (a.balance - a.reserved < cost)
        return u"insufficient credit"_s;
    a.reserved += cost;
    m_holds.insert(tx, Hold{subscriber, cost});
    return std::nullopt;
}

void BillingService::finalize(TxId tx)
{
    const auto it = m_holds.find(tx);
    if (it == m_holds.end())
        return;
    Account &a = account(it->subscriber);
    a.reserved -= it->amount;
    a.balance -= it->amount;
    m_charged += it->amount;
    ++m_records; // the charging record (CDR) of this session
    m_holds.erase(it);
}

void BillingService::release(TxId tx)
{
    const auto it = m_holds.find(tx);
    if (it == m_holds.end())
        return;
    account(it->subscriber).reserved -= it->amount;
    m_holds.erase(it);
}

QString BillingService::describe(TxId tx) const
{
    const auto it = m_holds.constFind(tx);
    return it == m_holds.cend() ? QString()
                                : QString::number(it->amount) + u" credit from "_s + it->subscriber;
}

qint64 BillingService::reservedCredit() const
{
    qint64 sum = 0;
    for (const Account &a : m_accounts)
        sum += a.reserved;
    return sum;
}

qint64 BillingService::balance(const QString &subscriber) const
{
    const auto it = m_accounts.constFind(subscriber);
    return it == m_accounts.cend() ? m_config.initialCredit : it->balance;
}

} // namespace edgecore
