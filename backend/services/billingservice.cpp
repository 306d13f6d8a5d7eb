#include "billingservice.h"

#include <QCborMap>

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
    if (const TxId setup = releaseOf(request)) {
        const auto it = m_sessions.find(setup);
        if (it == m_sessions.end())
            return u"no charge held for tx "_s + formatId(setup);
        if (it->releasing && it->releasing != tx)
            return u"tx "_s + formatId(setup) + u" is being released by tx "_s +
                   formatId(it->releasing);
        it->releasing = tx;
        m_releases.insert(tx, Release{setup, request.integer(Field::DurationMs)});
        return std::nullopt;
    }
    const QString subscriber = request.string(Field::Subscriber);
    const auto cls = static_cast<TrafficClass>(request.integer(Field::TrafficClass));
    const qint64 cost = cls == TrafficClass::Voice ? m_config.voiceCost : m_config.dataCost;
    Account &a = account(subscriber);
    if (a.balance - a.reserved < cost)
        return u"insufficient credit"_s;
    a.reserved += cost;
    m_holds.insert(tx, Hold{subscriber, cost, cls});
    return std::nullopt;
}

QByteArray BillingService::finalRecord(TxId tx) const
{
    const auto r = m_releases.constFind(tx);
    if (r == m_releases.cend())
        return {};
    const auto s = m_sessions.constFind(r->setup);
    if (s == m_sessions.cend() || s->releasing != tx)
        return {};
    const bool voice = s->hold.trafficClass == TrafficClass::Voice;
    const QCborMap cdr{{u"setup"_s, static_cast<qint64>(r->setup)},
                       {u"subscriber"_s, s->hold.subscriber},
                       {u"class"_s, toString(s->hold.trafficClass)},
                       {u"duration_ms"_s, r->durationMs},
                       {u"units"_s, voice ? m_config.voiceUnits : m_config.dataUnits},
                       {u"amount"_s, s->hold.amount}};
    return QCborValue(cdr).toCbor();
}

void BillingService::finalize(TxId tx)
{
    if (const auto r = m_releases.find(tx); r != m_releases.end()) {
        // A release commits: the charge is final and its record written (finalRecord).
        if (const auto s = m_sessions.find(r->setup); s != m_sessions.end() && s->releasing == tx) {
            ++m_records;
            m_sessions.erase(s);
        }
        m_releases.erase(r);
        return;
    }
    const auto it = m_holds.find(tx);
    if (it == m_holds.end())
        return;
    Account &a = account(it->subscriber);
    a.reserved -= it->amount;
    a.balance -= it->amount;
    m_charged += it->amount;
    m_sessions.insert(tx, Charged{*it, 0});
    m_holds.erase(it);
}

void BillingService::release(TxId tx)
{
    if (const auto r = m_releases.find(tx); r != m_releases.end()) {
        if (const auto s = m_sessions.find(r->setup); s != m_sessions.end() && s->releasing == tx)
            s->releasing = 0;
        m_releases.erase(r);
        return;
    }
    const auto it = m_holds.find(tx);
    if (it == m_holds.end())
        return;
    account(it->subscriber).reserved -= it->amount;
    m_holds.erase(it);
}

QString BillingService::describe(TxId tx) const
{
    if (const auto r = m_releases.constFind(tx); r != m_releases.cend()) {
        const auto s = m_sessions.constFind(r->setup);
        return s == m_sessions.cend() ? QString()
                                      : u"release: "_s + QString::number(s->hold.amount) +
                                            u" credit from "_s + s->hold.subscriber + u", "_s +
                                            QString::number(r->durationMs / 1000.0) + u" s"_s;
    }
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
