#pragma once
// The resource manager: reserves radio/core capacity in cells. A full cell votes NO. A
// committed session holds its units until its release commits; a release of a session it
// does not hold (never committed here, released already, being released) votes NO, so no
// units are ever freed twice.

#include "cast.h"
#include "participant.h"

#include <vector>

namespace edgecore {

class ResourceManager final : public Participant
{
public:
    explicit ResourceManager(ResourceConfig config = {}, ParticipantConfig participant = {});

    int cellCount() const { return static_cast<int>(m_cells.size()); }
    int reservedUnits() const;  // held by prepared, undecided transactions
    int allocatedUnits() const; // held by committed sessions
    int activeSessions() const { return static_cast<int>(m_sessions.size()); }
    quint64 releasedSessions() const { return m_released; }
    static int cellFor(const QString &subscriber, int cells);

protected:
    std::optional<QString> reserve(TxId tx, const Payload &request) override;
    void finalize(TxId tx) override;
    void release(TxId tx) override;
    QString describe(TxId tx) const override;
    QString lockKey(const Payload &request) const override; // the subscriber's cell

private:
    struct Cell
    {
        int reserved = 0;
        int allocated = 0;
    };
    struct Reservation
    {
        int cell = 0;
        int units = 0;
    };
    ResourceConfig m_config;
    std::vector<Cell> m_cells;
    QHash<TxId, Reservation> m_reservations;
    struct Held // a committed session's units, by its set-up transaction
    {
        int cell = 0;
        int units = 0;
        TxId releasing = 0; // the prepared release that will free them
    };
    QHash<TxId, Held> m_sessions;
    QHash<TxId, TxId> m_releases; // prepared release -> the set-up it frees
    quint64 m_released = 0;
};

} // namespace edgecore
