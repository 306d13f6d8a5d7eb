#include "sessionfold.h"

#include "core/envelope.h"
#include "trace/tracestore.h"

#include <algorithm>

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
    trace.forEach(from, trace.size(), [this](const TraceEvent &e) { apply(m_consumed, e); });
    return m_consumed - from;
}

SessionRow *SessionFold::rowOf(SessionId s)
{
    if (s == 0)
        return nullptr;
    const auto it = m_bySession.constFind(s);
    return it == m_bySession.cend() ? nullptr : &m_rows[static_cast<size_t>(*it)];
}

void SessionFold::move(qsizetype row, qsizetype index, qint64 labUs, SessionPhase phase)
{
    SessionRow &r = m_rows[static_cast<size_t>(row)];
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
            SessionRow r;
            r.requestId = f.requestId;
            r.session = e.sessionId;
            r.edge = e.node;
            r.subscriber = f.text;
            r.trafficClass = f.trafficClass;
            r.protocol = f.protocol;
            r.changes.push_back({index, e.labUs, SessionPhase::Pending});
            const auto row = static_cast<qsizetype>(m_rows.size());
            m_rows.push_back(std::move(r));
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
            break; // its request was not in this trace (a foreign or cut one)
        SessionRow &r = m_rows[static_cast<size_t>(row)];
        m_counts[static_cast<size_t>(f.outcome) % m_counts.size()]++;
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
        SessionRow *r = rowOf(e.sessionId);
        if (!r)
            break;
        const SessionPhase now = r->changes.back().phase;
        const qsizetype row = r - m_rows.data();
        if (now == SessionPhase::Pending)
            move(row, index, e.labUs, SessionPhase::Preparing);
        else if (now == SessionPhase::Active && r->tx != e.txId)
            move(row, index, e.labUs, SessionPhase::Releasing);
        break;
    }
    case TraceKind::Decide: {
        SessionRow *r = rowOf(e.sessionId);
        if (!r)
            break;
        const qsizetype row = r - m_rows.data();
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
    const auto after =
        std::upper_bound(m_rows.begin(), m_rows.end(), event,
                         [](qsizetype e, const SessionRow &r) { return e < r.firstEvent(); });
    return after - m_rows.begin();
}

qsizetype SessionFold::takeChangedFrom()
{
    const qsizetype from = m_changedFrom;
    m_changedFrom = -1;
    return from;
}

} // namespace edgecore
