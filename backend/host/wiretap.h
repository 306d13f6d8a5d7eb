#pragma once
// A wiretap on the lab's loopback: while armed, hosts offer it copies of the frames they send,
// and mallory takes captured frames from it to replay or tamper with. Thread-safe.

#include "core/rng.h"
#include "core/types.h"

#include <QByteArray>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>

namespace edgecore {

class Wiretap
{
public:
    struct Captured
    {
        NodeId from = kNoNode;
        NodeId to = kNoNode;
        QByteArray frame; // length prefix included
    };

    void arm(bool on) { m_armed.store(on, std::memory_order_release); }
    bool armed() const { return m_armed.load(std::memory_order_acquire); }

    void offer(NodeId from, NodeId to, const QByteArray &frame)
    {
        const std::lock_guard lock(m_mutex);
        m_frames.push_back({from, to, frame});
        while (m_frames.size() > kKept)
            m_frames.pop_front();
    }
    // One of the recently captured frames, if any.
    std::optional<Captured> sample(Rng &rng) const
    {
        const std::lock_guard lock(m_mutex);
        if (m_frames.empty())
            return std::nullopt;
        return m_frames[rng.below(m_frames.size())];
    }

private:
    static constexpr size_t kKept = 64;
    std::atomic<bool> m_armed{false};
    mutable std::mutex m_mutex;
    std::deque<Captured> m_frames;
};

} // namespace edgecore
