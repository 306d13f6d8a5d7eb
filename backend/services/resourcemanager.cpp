#include "resourcemanager.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

ResourceManager::ResourceManager(ResourceConfig config, ParticipantConfig participant)
    : Participant(participant)
    , m_config(config)
    , m_cells(static_cast<size_t>(std::max(1, config.cells)))
{}

int ResourceManager::cellFor(const QString &subscriber, int cells)
{
    // A stable hash (not qHash, which is seeded per process) so a subscriber's cell is the
    // same in every run.
    quint32 h = 2166136261u;
    for (QChar c : subscriber) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return static_cast<int>(h % static_cast<quint32>(std::max(1, cells)));
}

std::optional<QString> ResourceManager::reserve(TxId tx, const Payload &request)
{
    if (const TxId setup = releaseOf(request)) {
        const auto it = m_sessions.find(setup);
        if (it == m_sessions.end())
            return u"no units held for tx "_s + formatId(setup);
        if (it->releasing && it->releasing != tx)
            return u"tx "_s + formatId(setup) + u" is being released by tx "_s +
                   formatId(it->releasing);
        it->releasing = tx;
        m_releases.insert(tx, setup);
        return std::nullopt;
    }
    const auto cls = static_cast<TrafficClass>(request.integer(Field::TrafficClass));
    const int units = cls == TrafficClass::Voice ? m_config.voiceUnits : m_config.dataUnits;
    const int cell = cellFor(request.string(Field::Subscriber), cellCount());
    Cell &c = m_cells[static_cast<size_t>(cell)];
    if (c.reserved + c.allocated + units > m_config.capacityPerCell)
        return u"cell "_s + QString::number(cell) + u" full"_s;
    c.reserved += units;
    m_reservations.insert(tx, Reservation{cell, units});
    return std::nullopt;
}

QString ResourceManager::lockKey(const Payload &request) const
{
    return u"cell/"_s + QString::number(cellFor(request.string(Field::Subscriber), cellCount()));
}

void ResourceManager::finalize(TxId tx)
{
    if (const auto r = m_releases.find(tx); r != m_releases.end()) {
        // A release commits: the session's units are free again, once.
        if (const auto s = m_sessions.find(*r); s != m_sessions.end() && s->releasing == tx) {
            m_cells[static_cast<size_t>(s->cell)].allocated -= s->units;
            m_sessions.erase(s);
            ++m_released;
        }
        m_releases.erase(r);
        return;
    }
    const auto it = m_reservations.find(tx);
    if (it == m_reservations.end())
        return;
    Cell &c = m_cells[static_cast<size_t>(it->cell)];
    c.reserved -= it->units;
    c.allocated += it->units;
    m_sessions.insert(tx, Held{it->cell, it->units, 0});
    m_reservations.erase(it);
}

void ResourceManager::release(TxId tx)
{
    if (const auto r = m_releases.find(tx); r != m_releases.end()) {
        // A release aborts: the session keeps its units.
        if (const auto s = m_sessions.find(*r); s != m_sessions.end() && s->releasing == tx)
            s->releasing = 0;
        m_releases.erase(r);
        return;
    }
    const auto it = m_reservations.find(tx);
    if (it == m_reservations.end())
        return;
    m_cells[static_cast<size_t>(it->cell)].reserved -= it->units;
    m_reservations.erase(it);
}

QString ResourceManager::describe(TxId tx) const
{
    if (const auto r = m_releases.constFind(tx); r != m_releases.cend()) {
        const auto s = m_sessions.constFind(*r);
        return s == m_sessions.cend() ? QString()
                                      : u"release "_s + QString::number(s->units) +
                                            u" units in cell "_s + QString::number(s->cell);
    }
    const auto it = m_reservations.constFind(tx);
    if (it == m_reservations.cend())
        return {};
    return QString::number(it->units) + u" units in cell "_s + QString::number(it->cell);
}

int ResourceManager::reservedUnits() const
{
    int sum = 0;
    for (const Cell &c : m_cells)
        sum += c.reserved;
    return sum;
}

int ResourceManager::allocatedUnits() const
{
    int sum = 0;
    for (const Cell &c : m_cells)
        sum += c.allocated;
    return sum;
}

} // namespace edgecore
