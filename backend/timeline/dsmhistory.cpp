#include "dsmhistory.h"

#include "trace/tracestore.h"

#include <algorithm>

namespace edgecore {

qsizetype DsmHistory::advance(const TraceStore &trace)
{
    const qsizetype from = m_consumed;
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) {
        const qsizetype index = m_consumed++;
        m_lastUs = std::max(m_lastUs, e.labUs);
        if (e.kind != TraceKind::DsmWrite)
            return;
        Entry entry{index, e.labUs, dsmFact(e)};
        std::vector<Entry> &chain = m_keys[entry.fact.key];
        if (!chain.empty())
            entry.fact.key = chain.front().fact.key; // one copy of the key's text
        chain.push_back(std::move(entry));
        m_byEvent.emplace_back(index, chain.back().fact.key);
        ++m_writes;
    });
    return m_consumed - from;
}

QStringList DsmHistory::keys(const QString &prefix) const
{
    QStringList out;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        if (it.key().startsWith(prefix))
            out << it.key();
    std::sort(out.begin(), out.end());
    return out;
}

const std::vector<DsmHistory::Entry> &DsmHistory::history(const QString &key) const
{
    static const std::vector<Entry> none;
    const auto it = m_keys.constFind(key);
    return it == m_keys.cend() ? none : *it;
}

const DsmHistory::Entry *DsmHistory::versionAt(const QString &key, qsizetype event) const
{
    const std::vector<Entry> &chain = history(key);
    // The entries up to the event, then back to the last stored one.
    auto it = std::upper_bound(chain.begin(), chain.end(), event,
                               [](qsizetype e, const Entry &x) { return e < x.event; });
    while (it != chain.begin()) {
        --it;
        if (it->fact.stored())
            return &*it;
    }
    return nullptr;
}

std::vector<const DsmHistory::Entry *> DsmHistory::storeAt(qsizetype event,
                                                           const QString &prefix) const
{
    std::vector<const Entry *> out;
    for (const QString &key : keys(prefix))
        if (const Entry *e = versionAt(key, event))
            out.push_back(e);
    return out;
}

const DsmHistory::Entry *DsmHistory::entryAt(qsizetype event) const
{
    const auto it = std::lower_bound(m_byEvent.begin(), m_byEvent.end(), event,
                                     [](const auto &x, qsizetype e) { return x.first < e; });
    if (it == m_byEvent.end() || it->first != event)
        return nullptr;
    const std::vector<Entry> &chain = history(it->second);
    const auto at = std::lower_bound(chain.begin(), chain.end(), event,
                                     [](const Entry &x, qsizetype e) { return x.event < e; });
    return at != chain.end() && at->event == event ? &*at : nullptr;
}

std::vector<DsmHistory::Term> DsmHistory::terms(const QString &leaseKey) const
{
    std::vector<Term> out;
    qint64 lapsesAt = -1; // the open term's last acquisition or renewal plus its TTL
    const auto close = [&](qint64 us) {
        if (out.empty() || out.back().toUs >= 0)
            return;
        out.back().toUs = lapsesAt >= 0 ? std::min(us, lapsesAt) : us;
    };
    for (const Entry &e : history(leaseKey)) {
        const DsmFact &f = e.fact;
        if (f.result == DsmFact::Result::Refused)
            continue;
        if (f.op == DsmFact::Op::Release && f.stored()) {
            if (!out.empty() && out.back().toUs < 0 && out.back().holder == f.writer) {
                close(e.labUs);
                out.back().released = out.back().toUs == e.labUs;
            }
            lapsesAt = -1;
            continue;
        }
        if (f.op != DsmFact::Op::Lease)
            continue;
        if (f.result == DsmFact::Result::Renewed) {
            if (!out.empty() && out.back().toUs < 0) // the store's word: still held
                lapsesAt = f.ttlMs > 0 ? e.labUs + f.ttlMs * 1000 : -1;
            continue;
        }
        close(e.labUs); // a new term ends the one before, if it had not lapsed
        Term t;
        t.holder = f.writer;
        t.version = f.version;
        t.token = f.token;
        t.fromUs = e.labUs;
        t.fromEvent = e.event;
        out.push_back(t);
        lapsesAt = f.ttlMs > 0 ? e.labUs + f.ttlMs * 1000 : -1;
    }
    // Lapsed by the end of what was folded: closed at its expiry.
    if (!out.empty() && out.back().toUs < 0 && lapsesAt >= 0 && lapsesAt <= m_lastUs)
        out.back().toUs = lapsesAt;
    return out;
}

} // namespace edgecore
