#pragma once
// The few blocks a fold that lets blocks go has folded again, newest first (MessageFlow's
// messages, SessionFold's rows): get() returns a block's copy, making it the newest, or folds
// it with the given function and keeps it, letting the oldest go past the limit.

#include <cstddef>
#include <deque>
#include <memory>
#include <utility>

namespace edgecore {

template <typename T> class ReadBack
{
public:
    explicit ReadBack(size_t limit)
        : m_limit(limit)
    {}

    // The block's copy if one is kept (its place unchanged), or null.
    std::shared_ptr<const T> peek(size_t block) const
    {
        for (const auto &held : m_held)
            if (held.first == block)
                return held.second;
        return nullptr;
    }
    template <typename Fold> std::shared_ptr<const T> get(size_t block, Fold &&fold)
    {
        for (auto it = m_held.begin(); it != m_held.end(); ++it)
            if (it->first == block) {
                auto held = std::move(*it);
                m_held.erase(it);
                m_held.push_front(held);
                return held.second;
            }
        std::shared_ptr<const T> folded = fold();
        m_held.emplace_front(block, folded);
        if (m_held.size() > m_limit)
            m_held.pop_back();
        return folded;
    }
    void drop(size_t block) // its copy is out of date
    {
        for (auto it = m_held.begin(); it != m_held.end(); ++it)
            if (it->first == block) {
                m_held.erase(it);
                return;
            }
    }
    size_t size() const { return m_held.size(); }

private:
    size_t m_limit;
    std::deque<std::pair<size_t, std::shared_ptr<const T>>> m_held;
};

} // namespace edgecore
