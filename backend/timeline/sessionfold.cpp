#include "sessionfold.h"

#include "core/envelope.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString toString(SessionPhase p)
{
    switch (p) {
    case SessionPhase::Pending:
        return u"PENDING"_s;
    case SessionPhase::Preparing:
        return u"PREPARING"_s;
    case SessionPhase::PreCommitted:
        return u"PRECOMMITTED"_s;
    case SessionPhase::Committing:
        return u"COMMITTING"_s;
    case SessionPhase::Aborting:
        return u"ABORTING"_s;
    case SessionPhase::Active:
        return u"ACTIVE"_s;
    case SessionPhase::Aborted:
        return u"ABORTED"_s;
    case SessionPhase::Invalid:
        return u"INVALID"_s;
    case SessionPhase::Unknown:
        return u"UNKNOWN"_s;
    case SessionPhase::Releasing:
        return u"RELEASING"_s;
    case SessionPhase::Released:
        return u"RELEASED"_s;
    }
    return {};
}

SessionPhase phaseOf(Outcome told)
{
    switch (told) {
    case Outcome::Committed:
        return SessionPhase::Active;
    case Outcome::Aborted:
        return SessionPhase::Aborted;
    case Outcome::Invalid:
        return SessionPhase::Invalid;
    case Outcome::Unknown:
        return SessionPhase::Unknown;
    case Outcome::Released:
        return SessionPhase::Released;
    case Outcome::Pending:
        break;
    }
    return SessionPhase::Pending;
}

SessionPhase SessionRow::phaseAt(qsizetype event) const
{
    const auto after = std::upper_bound(changes.begin(), changes.end(), event,
                                        [](qsizetype e, const Change &c) { return e < c.event; });
    return after == changes.begin() ? SessionPhase::Pending : std::prev(after)->phase;
}

qsizetype SessionFold::advance(const TraceStore &trace)
{
    const qsizetype from = m_consumed;
    m_trace = &trace;
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) { apply(m_consumed, e); });
    return m_consumed - from;
}

void SessionFold::holdBlocks(qsizetype blocks, int blockRows, qsizetype reach)
{
    m_reach = std::max<qsizetype>(0, reach);
    Q_ASSERT(m_count == 0);
    m_holdBlocks = std::max<qsizetype>(0, blocks);
    m_blockRows = std::max(1, blockRows);
}

namespace {
// Nothing in the trace moves such a row on any more.
bool closed(const SessionRow &r)
{
    return r.releaseEvent >= 0 || (r.answerEvent >= 0 && r.outcome != Outcome::Committed);
}
qsizetype lastEventOf(const SessionRow &r)
{
    return std::max({r.changes.back().event, r.answerEvent, r.releaseEvent});
}
} // namespace

void SessionFold::letGo(size_t index)
{
    Block &block = m_blocks[index];
    const Rows &rows = *block.rows;
    // Folding it again reads on to its rows' last change, but not far beyond the block: a row
    // that changed much later is kept aside, as is a refused request still owed its answer.
    const qsizetype reach = rows.back().firstEvent() + m_reach;
    block.foldTo = rows.back().firstEvent();
    block.firstEvents.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        const SessionRow &r = rows[i];
        const qsizetype row = block.first + static_cast<qsizetype>(i);
        block.firstEvents.push_back(static_cast<quint32>(r.firstEvent() - block.firstEvent));
        if (r.session) {
            // Session ids count up per edge (its node in the top 16 bits): a range per edge
            // finds the block of a session that changes after all (recall()).
            const quint64 edge = r.session >> 48;
            auto range = std::find_if(block.ids.begin(), block.ids.end(),
                                      [&](const IdRange &x) { return x.edge == edge; });
            if (range == block.ids.end()) {
                block.ids.push_back(IdRange{edge, r.session, r.session});
            } else {
                range->lo = std::min(range->lo, r.session);
                range->hi = std::max(range->hi, r.session);
            }
        }
        const bool owed = !r.session && m_unsessioned.key(row, kNoNode) != kNoNode;
        if (owed || lastEventOf(r) > reach) {
            m_aside[row] = r;
            if (r.session && closed(r))
                forget(r.session, row);
            continue;
        }
        block.foldTo = std::max(block.foldTo, lastEventOf(r));
        forget(r.session, row);
    }
    block.rows.reset();
    m_firstHeld = index + 1;
    ++m_letGo;
}

void SessionFold::forget(SessionId session, qsizetype row)
{
    // An edge that restarts counts its session ids from 1 again: the id may name a newer row
    // by now, which keeps it.
    if (session && m_bySession.value(session, -1) == row)
        m_bySession.remove(session);
}

qsizetype SessionFold::recall(SessionId session)
{
    if (!session)
        return -1;
    const quint64 edge = session >> 48;
    for (size_t i = m_firstHeld; i-- > 0;) {
        const Block &block = m_blocks[i];
        const bool in = std::any_of(block.ids.begin(), block.ids.end(), [&](const IdRange &x) {
            return x.edge == edge && session >= x.lo && session <= x.hi;
        });
        if (!in)
            continue;
        const std::shared_ptr<const Rows> rows = rowsOf(i);
        for (size_t r = 0; r < rows->size(); ++r)
            if ((*rows)[r].session == session) {
                // It changes after all: kept aside from now on.
                const qsizetype row = block.first + static_cast<qsizetype>(r);
                m_aside.try_emplace(row, (*rows)[r]);
                m_bySession.insert(session, row);
                return row;
            }
    }
    return -1;
}

SessionRow &SessionFold::mut(qsizetype row)
{
    const size_t index = static_cast<size_t>(row / m_blockRows);
    Block &block = m_blocks[index];
    if (block.rows)
        return (*block.rows)[static_cast<size_t>(row - block.first)];
    // Kept aside (row() reads it there first, so a copy read back may keep its old state).
    return m_aside.at(row);
}

const SessionRow &SessionFold::row(qsizetype r) const
{
    const size_t index = static_cast<size_t>(r / m_blockRows);
    const Block &block = m_blocks[index];
    if (block.rows)
        return (*block.rows)[static_cast<size_t>(r - block.first)];
    if (const auto aside = m_aside.find(r); aside != m_aside.end())
        return aside->second;
    return (*rowsOf(index))[static_cast<size_t>(r - block.first)];
}

std::vector<SessionRow> SessionFold::allRows() const
{
    std::vector<SessionRow> all;
    all.reserve(m_count);
    for (size_t r = 0; r < m_count; ++r)
        all.push_back(row(static_cast<qsizetype>(r)));
    return all;
}

qsizetype SessionFold::heldBlocks() const
{
    return static_cast<qsizetype>(m_blocks.size() - m_firstHeld + m_readBack.size());
}

std::shared_ptr<const SessionFold::Rows> SessionFold::rowsOf(size_t index) const
{
    if (m_blocks[index].rows)
        return m_blocks[index].rows;
    return m_readBack.get(index, [&] { return refold(index); });
}

std::shared_ptr<SessionFold::Rows> SessionFold::refold(size_t index) const
{
    // The block's rows from their requests on: events of sessions taken before the block find
    // no row and change nothing, and rows past the block are not made.
    const Block &block = m_blocks[index];
    SessionFold sub;
    sub.m_rowLimit = block.count;
    sub.m_blockRows = std::numeric_limits<int>::max();
    qsizetype at = block.firstEvent;
    if (m_trace)
        m_trace->forEach(block.firstEvent, block.foldTo + 1,
                         [&](const TraceEvent &e) { sub.apply(at++, e); });
    auto rows = sub.m_blocks.empty() ? std::make_shared<Rows>() : sub.m_blocks.front().rows;
    rows->resize(static_cast<size_t>(block.count));
    for (int i = 0; i < block.count; ++i)
        if (const auto aside = m_aside.find(block.first + i); aside != m_aside.end())
            (*rows)[static_cast<size_t>(i)] = aside->second;
    ++m_refolds;
    return rows;
}

void SessionFold::move(qsizetype row, qsizetype index, qint64 labUs, SessionPhase phase)
{
    SessionRow &r = mut(row);
    if (!r.changes.empty() && r.changes.back().phase == phase)
        return;
    r.changes.push_back({index, labUs, phase});
    m_changedFrom = m_changedFrom < 0 ? row : std::min(m_changedFrom, row);
}

void SessionFold::apply(qsizetype index, const TraceEvent &e)
{
    m_consumed = std::max(m_consumed, index + 1);
    switch (e.kind) {
    case TraceKind::Session: {
        const SessionFact f = sessionFact(e);
        if (f.step == SessionFact::Step::Requested) {
            if (m_rowLimit >= 0 && static_cast<qsizetype>(m_count) >= m_rowLimit) {
                // Folding a block again, past its rows: a later request taking an id (or an
                // edge's unsessioned slot) shadows the block's row, as it does in the whole.
                if (e.sessionId)
                    m_bySession.remove(e.sessionId);
                else
                    m_unsessioned.remove(e.node);
                break;
            }
            SessionRow r;
            r.requestId = f.requestId;
            r.session = e.sessionId;
            r.edge = e.node;
            r.subscriber = f.text;
            r.trafficClass = f.trafficClass;
            r.protocol = f.protocol;
            r.changes.push_back({index, e.labUs, SessionPhase::Pending});
            const auto row = static_cast<qsizetype>(m_count);
            if (m_blocks.empty() || m_blocks.back().count == m_blockRows) {
                Block block;
                block.rows = std::make_shared<Rows>();
                block.first = row;
                block.firstEvent = index;
                m_blocks.push_back(std::move(block));
                while (m_holdBlocks > 0 && m_trace &&
                       m_blocks.size() - m_firstHeld > static_cast<size_t>(m_holdBlocks))
                    letGo(m_firstHeld);
            }
            m_blocks.back().rows->push_back(std::move(r));
            ++m_blocks.back().count;
            ++m_count;
            if (e.sessionId)
                m_bySession.insert(e.sessionId, row);
            else
                m_unsessioned.insert(e.node, row);
            m_changedFrom = m_changedFrom < 0 ? row : m_changedFrom;
            break;
        }
        qsizetype row = -1;
        if (e.sessionId) {
            row = m_bySession.value(e.sessionId, -1);
        } else if (const auto it = m_unsessioned.constFind(e.node); it != m_unsessioned.cend()) {
            row = *it; // a refused request's answer follows its request at once
            m_unsessioned.erase(it);
        }
        if (row < 0)
            row = recall(e.sessionId); // a row let go
        if (row < 0)
            break; // its request was not in this trace (a foreign or cut one)
        m_counts[static_cast<size_t>(f.outcome) % m_counts.size()]++;
        SessionRow &r = mut(row);
        if (f.step == SessionFact::Step::ReleaseAnswered) {
            if (r.releaseEvent >= 0)
                break;
            if (f.outcome == Outcome::Released) {
                r.releaseEvent = index;
                r.releaseUs =
                    e.labUs - (r.changes.front().labUs + r.latencyUs + r.durationMs * 1000);
                move(row, index, e.labUs, SessionPhase::Released);
            } else {
                move(row, index, e.labUs, SessionPhase::Active); // still set up
            }
            break;
        }
        if (r.answerEvent >= 0)
            break; // answered once only
        r.answerEvent = index;
        r.outcome = f.outcome;
        r.tx = e.txId;
        r.latencyUs = e.labUs - r.changes.front().labUs;
        r.durationMs = f.durationMs;
        r.reason = f.text;
        move(row, index, e.labUs, phaseOf(f.outcome));
        break;
    }
    case TraceKind::Send: {
        if (e.msgType != static_cast<quint16>(MsgType::Prepare))
            break;
        qsizetype row = e.sessionId ? m_bySession.value(e.sessionId, -1) : -1;
        if (row < 0)
            row = recall(e.sessionId);
        if (row < 0)
            break;
        const SessionRow *r = &mut(row);
        const SessionPhase now = r->changes.back().phase;
        if (now == SessionPhase::Pending)
            move(row, index, e.labUs, SessionPhase::Preparing);
        else if (now == SessionPhase::Active && r->tx != e.txId)
            move(row, index, e.labUs, SessionPhase::Releasing);
        break;
    }
    case TraceKind::Decide: {
        qsizetype row = e.sessionId ? m_bySession.value(e.sessionId, -1) : -1;
        if (row < 0)
            row = recall(e.sessionId);
        if (row < 0)
            break;
        const SessionRow *r = &mut(row);
        const SessionPhase now = r->changes.back().phase;
        const bool settingUp = now == SessionPhase::Pending || now == SessionPhase::Preparing ||
                               now == SessionPhase::PreCommitted;
        if (!settingUp || e.seq != 0)
            break; // a release's decision (seq: the set-up it ends), or after the answer
        if (e.reason == 2)
            move(row, index, e.labUs, SessionPhase::PreCommitted);
        else
            move(row, index, e.labUs,
                 e.reason == 1 ? SessionPhase::Committing : SessionPhase::Aborting);
        break;
    }
    default:
        break;
    }
}

qsizetype SessionFold::rowsAt(qsizetype event) const
{
    // The last block whose first row came by `event`, then its rows' first events.
    const auto after =
        std::upper_bound(m_blocks.begin(), m_blocks.end(), event,
                         [](qsizetype e, const Block &b) { return e < b.firstEvent; });
    if (after == m_blocks.begin())
        return 0;
    const Block &block = *std::prev(after);
    if (!block.rows) {
        const auto in = std::upper_bound(
            block.firstEvents.begin(), block.firstEvents.end(), event - block.firstEvent,
            [](qsizetype e, quint32 first) { return e < static_cast<qsizetype>(first); });
        return block.first + (in - block.firstEvents.begin());
    }
    const auto in =
        std::upper_bound(block.rows->begin(), block.rows->end(), event,
                         [](qsizetype e, const SessionRow &r) { return e < r.firstEvent(); });
    return block.first + (in - block.rows->begin());
}

qsizetype SessionFold::takeChangedFrom()
{
    const qsizetype from = m_changedFrom;
    m_changedFrom = -1;
    return from;
}

} // namespace edgecore
