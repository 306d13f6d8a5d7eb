#pragma once
// Analytics: consumes the session events the coordinator emits and keeps aggregates.

#include "host/service.h"

#include <array>

namespace edgecore {

class Analytics final : public Service
{
public:
    void start(Context &) override {}
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId, Context &) override {}

    quint64 committed(TrafficClass c) const { return m_committed[static_cast<size_t>(c)]; }
    quint64 aborted(TrafficClass c) const { return m_aborted[static_cast<size_t>(c)]; }
    quint64 events() const { return m_events; }

private:
    std::array<quint64, 2> m_committed{};
    std::array<quint64, 2> m_aborted{};
    quint64 m_events = 0;
};

} // namespace edgecore
