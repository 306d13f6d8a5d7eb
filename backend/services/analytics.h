#pragma once
// Analytics: consumes the ordered per-session event stream from the dsm (consumer group
// "analytics"), accepts each session's events strictly in sequence, counts gaps and
// duplicates, and keeps aggregates: outcomes, abort reasons, latency per traffic class and
// protocol. What it accepted is logged before it is acknowledged, so a restart neither loses
// nor double-counts an event.

#include "host/service.h"

#include <QHash>
#include <QMap>

#include <array>
#include <deque>
#include <unordered_map>

namespace edgecore {

class Analytics final : public Service
{
public:
    static QString group() { return QStringLiteral("analytics"); }

    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId, Context &) override {}

    quint64 committed(TrafficClass c) const { return m_committed[static_cast<size_t>(c)]; }
    quint64 aborted(TrafficClass c) const { return m_aborted[static_cast<size_t>(c)]; }
    quint64 events() const { return m_accepted; }     // accepted stream events
    quint64 decisions() const { return m_decisions; } // of which outcomes
    quint64 duplicates() const { return m_duplicates; }
    quint64 gaps() const { return m_gaps; }
    quint64 released() const { return m_released; } // sessions whose RELEASED event came
    double meanHoldingMs() const                    // how long released sessions lasted
    {
        return m_released ? double(m_heldMsSum) / double(m_released) : 0.0;
    }
    const QMap<QString, quint64> &abortReasons() const { return m_reasons; }
    // Mean decision latency in ms per (class, protocol).
    double meanLatencyMs(TrafficClass c, Protocol p) const;

private:
    void account(const QCborMap &event);

    std::unordered_map<SessionId, quint64> m_lastSeq;
    // Sessions whose last event (RELEASED, ABORTED) came: their counters are kept for the
    // last kFinishedKept of them (a redelivery of an acknowledged event comes soon after).
    static constexpr size_t kFinishedKept = 20'000;
    std::deque<SessionId> m_finished;
    void finished(SessionId session);
    std::array<quint64, 2> m_committed{};
    std::array<quint64, 2> m_aborted{};
    std::array<qint64, 4> m_latencySumUs{}; // [class * 2 + protocol]
    std::array<quint64, 4> m_latencyCount{};
    QMap<QString, quint64> m_reasons;
    quint64 m_accepted = 0;
    quint64 m_decisions = 0;
    quint64 m_duplicates = 0;
    quint64 m_gaps = 0;
    quint64 m_released = 0;
    qint64 m_heldMsSum = 0;
};

} // namespace edgecore
