#include "priorityscheduler.h"

#include "core/check.h"

namespace edgecore {

PriorityScheduler::PriorityScheduler(SchedulerConfig config)
    : m_config(config)
{
    EC_CHECK(m_config.workers > 0);
}

bool PriorityScheduler::enqueue(quint64 id, TrafficClass c, Instant now)
{
    auto &q = m_queues[index(c)];
    if (static_cast<int>(q.size()) >= m_config.maxQueued)
        return false;
    q.push_back(Item{id, now});
    return true;
}

size_t PriorityScheduler::pick(Instant now) const
{
    const auto &voice = m_queues[0];
    const auto &data = m_queues[1];
    if (voice.empty())
        return 1;
    if (data.empty() || !m_config.aging)
        return 0;
    // Aged DATA competes with VOICE by arrival time.
    const bool aged = now - data.front().enqueued >= m_config.agingAfter;
    return aged && data.front().enqueued < voice.front().enqueued ? 1 : 0;
}

std::vector<quint64> PriorityScheduler::dispatch(Instant now)
{
    std::vector<quint64> started;
    while (m_busy < m_config.workers && !(m_queues[0].empty() && m_queues[1].empty())) {
        const size_t c = pick(now);
        const Item item = m_queues[c].front();
        m_queues[c].pop_front();
        QueueDelayStats &s = m_stats[c];
        const qint64 waited = toUs(now - item.enqueued);
        ++s.count;
        s.totalUs += waited;
        s.maxUs = std::max(s.maxUs, waited);
        ++m_busy;
        started.push_back(item.id);
    }
    return started;
}

void PriorityScheduler::complete()
{
    EC_CHECK(m_busy > 0);
    --m_busy;
}

} // namespace edgecore
