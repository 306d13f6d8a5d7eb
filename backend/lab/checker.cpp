#include "checker.h"

#include "trace/facts.h"
#include "trace/tracestore.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString Checker::name(NodeId id) const
{
    return m_trace.nodeName(id);
}

void Checker::violate(const QString &invariant, TxId tx, const QString &detail, qsizetype index,
                      SessionId session)
{
    m_violations.push_back(Violation{invariant, tx, detail, index, session});
}

Checker::~Checker()
{
    if (m_following)
        m_trace.setTap({});
}

void Checker::follow()
{
    advance(); // what came before
    m_following = true;
    m_trace.setTap([this](const TraceEvent &e, qsizetype index) { consume(index, e); });
}

Checker::Tx *Checker::txFor(TxId id)
{
    if (const auto it = m_txs.find(id); it != m_txs.end())
        return &it->second;
    if (m_settled.count(id))
        return nullptr;
    ++m_txCount;
    return &m_txs[id];
}

Checker::SessionFacts *Checker::sessionFacts(SessionId s)
{
    if (const auto it = m_sessions.find(s); it != m_sessions.end())
        return &it->second;
    const auto issuer = static_cast<quint16>(s >> 48);
    if (const auto f = m_forgottenUpTo.find(issuer);
        f != m_forgottenUpTo.end() && (s & 0xffffffffffffULL) <= f->second)
        return nullptr; // an old session, forgotten
    m_sessionOrder.push_back(s);
    while (m_sessionOrder.size() > kSessionsKept) {
        const SessionId old = m_sessionOrder.front();
        m_sessionOrder.pop_front();
        m_sessions.erase(old);
        quint64 &upTo = m_forgottenUpTo[static_cast<quint16>(old >> 48)];
        upTo = std::max(upTo, old & 0xffffffffffffULL);
    }
    return &m_sessions[s];
}

void Checker::settleIfDone(TxId id)
{
    // Settled: the coordinator decided and every participant decided or voted NO. What is
    // left to check of it later is its outcome (AC1 against a late decision).
    const auto it = m_txs.find(id);
    if (it == m_txs.end() || !it->second.coordinatorDecision || it->second.coordinator == kNoNode)
        return;
    const Tx &tx = it->second;
    for (NodeId p : tx.participants)
        if (!tx.decisions.count(p) && !(tx.voted.count(p) && !tx.yes.count(p)))
            return;
    for (NodeId p : tx.yes) // a YES from outside the PREPAREs seen (recovered): must learn
        if (!tx.decisions.count(p))
            return;
    if (!*tx.coordinatorDecision && tx.coordinator != kNoNode && m_settledAborts.size() < 1000)
        m_settledAborts.push_back(id); // for AC4 at the end
    m_settled.emplace(id, Settled{*tx.coordinatorDecision});
    m_settledOrder.push_back(id);
    m_txs.erase(it);
    while (m_settledOrder.size() > kSettledKept) {
        m_settled.erase(m_settledOrder.front());
        m_settledOrder.pop_front();
    }
}

void Checker::settledDecision(qsizetype index, const TraceEvent &e, const Settled &s)
{
    if (e.reason == 2 || (e.reason == 1) == s.commit)
        return;
    violate(u"AC1"_s, e.txId,
            u"tx "_s + formatId(e.txId) + u": "_s + name(e.node) + u" decided "_s +
                (e.reason == 1 ? u"COMMIT"_s : u"ABORT"_s) + u" after it settled as "_s +
                (s.commit ? u"COMMIT"_s : u"ABORT"_s),
            index);
}

bool Checker::advance()
{
    if (m_following)
        return ok(); // every event is folded as it is appended
    const qsizetype size = m_trace.size();
    qsizetype index = m_read;
    m_trace.forEach(m_read, size, [&](const TraceEvent &e) { consume(index++, e); });
    m_read = size;
    return ok();
}

void Checker::consume(qsizetype index, const TraceEvent &e)
{
    switch (e.kind) {
    case TraceKind::Send:
        // mallory's sends are attacks, not protocol steps (refused where they arrive).
        if (e.msgType == static_cast<quint16>(MsgType::Prepare) && name(e.node) != u"mallory"_s) {
            Tx *tx = txFor(e.txId);
            if (!tx)
                break; // a resend of a settled transaction
            tx->coordinator = e.node;
            tx->participants.insert(e.peer);
            tx->session = e.sessionId;
        }
        break;
    case TraceKind::Vote: {
        if (Tx *tx = txFor(e.txId)) {
            tx->voted.insert(e.node);
            if (e.reason == 1)
                tx->yes.insert(e.node);
            settleIfDone(e.txId);
        }
        if (e.reason == 1 && e.seq != 0) { // the fencing token the PREPARE carried
            quint64 &highest = m_highestToken[e.node];
            if (e.seq < highest)
                violate(u"FENCE"_s, e.txId,
                        name(e.node) + u" accepted a PREPARE with fencing token "_s +
                            QString::number(e.seq) + u" after token "_s + QString::number(highest),
                        index);
            highest = std::max(highest, e.seq);
        }
        break;
    }
    case TraceKind::Decide:
        decide(index, e);
        settleIfDone(e.txId);
        break;
    case TraceKind::Session:
        answered(index, e);
        break;
    case TraceKind::DsmWrite: {
        if (e.reason != quint8(DsmFact::Result::Stored))
            break; // a renewal or a refusal: no new version
        const QString key = dsmFact(e).key;
        const bool record = key.startsWith(u"session/"_s);
        SessionFacts *session = record ? sessionFacts(e.sessionId) : nullptr;
        if (record && !session)
            break; // forgotten
        quint64 &last = session ? session->recordVersion : m_dsmVersions[key];
        if (e.seq <= last)
            violate(u"DSM"_s, e.txId,
                    u"key "_s + key + u" went from version "_s + QString::number(last) + u" to "_s +
                        QString::number(e.seq),
                    index);
        last = std::max(last, e.seq);
        break;
    }
    case TraceKind::Event: {
        SessionFacts *session = sessionFacts(e.sessionId);
        if (!session)
            break; // forgotten
        quint64 &last = session->lastEvent[e.node];
        if (e.seq != last + 1)
            violate(u"EVENTS"_s, 0,
                    name(e.node) + u" accepted event "_s + QString::number(e.seq) +
                        u" of session "_s + formatId(e.sessionId) + u" after "_s +
                        QString::number(last),
                    index);
        last = std::max(last, e.seq);
        break;
    }
    case TraceKind::Lease:
        if (e.reason == 1) {
            const auto [it, fresh] = m_leaderOfToken.emplace(e.seq, e.node);
            if (!fresh && it->second != e.node)
                violate(u"LEASE"_s, 0,
                        u"two leaders with fencing token "_s + QString::number(e.seq) + u": "_s +
                            name(it->second) + u" and "_s + name(e.node),
                        index);
        }
        break;
    default:
        break;
    }
}

void Checker::decide(qsizetype index, const TraceEvent &e)
{
    Tx *found = txFor(e.txId);
    if (!found) {
        settledDecision(index, e, m_settled.at(e.txId));
        return;
    }
    Tx &tx = *found;
    const QString txName = formatId(e.txId);
    if (e.reason == 2) { // the coordinator's durable pre-commit (3PC)
        tx.preCommitted = true;
        return;
    }
    const bool commit = e.reason == 1;
    const QString verdict = commit ? u"COMMIT"_s : u"ABORT"_s;
    if (e.seq)
        tx.setup = e.seq; // a release names the set-up it ends
    const bool isCoordinator = e.node == tx.coordinator ||
                               (tx.coordinator == kNoNode && tx.participants.count(e.node) == 0);
    std::optional<bool> previous;
    if (isCoordinator) {
        previous = tx.coordinatorDecision;
        tx.coordinatorDecision = commit;
        SessionFacts *session = tx.session ? sessionFacts(tx.session) : nullptr;
        if (tx.setup) {
            if (commit && session)
                released(index, e.txId, tx, *session);
        } else if (session) {
            if (session->decidedBy && session->decidedBy != e.txId)
                violate(u"SESSION"_s, e.txId,
                        u"session "_s + formatId(tx.session) + u" decided by tx "_s +
                            formatId(session->decidedBy) + u" and again by tx "_s + txName,
                        index);
            if (!session->decidedBy)
                session->decidedBy = e.txId;
            if (commit) {
                if (!session->committedBy)
                    session->committedBy = e.txId;
                if (session->toldAborted >= 0)
                    violate(u"ANSWER"_s, e.txId,
                            u"session "_s + formatId(tx.session) + u" committed by tx "_s + txName +
                                u" after its client was told ABORTED (trace event #"_s +
                                QString::number(session->toldAborted) + u')',
                            index, tx.session);
            }
        }
    } else {
        if (const auto it = tx.decisions.find(e.node); it != tx.decisions.end())
            previous = it->second;
        tx.decisions[e.node] = commit;
        SessionFacts *session = tx.setup && commit ? sessionFacts(e.sessionId) : nullptr;
        if (session) {
            const auto [it, fresh] = session->freedAt.emplace(e.node, e.txId);
            if (!fresh && it->second != e.txId)
                violate(u"RELEASE"_s, e.txId,
                        name(e.node) + u" committed release tx "_s + txName +
                            u" of the session set up by tx "_s + formatId(tx.setup) +
                            u" after release tx "_s + formatId(it->second) +
                            u": what it held is freed twice"_s,
                        index, e.sessionId);
        }
    }
    if (previous && *previous != commit) {
        violate(u"AC2"_s, e.txId,
                u"tx "_s + txName + u": "_s + name(e.node) + u" reversed its decision to "_s +
                    verdict,
                index);
        return;
    }
    // AC1: every decision on this transaction agrees.
    if (tx.coordinatorDecision && *tx.coordinatorDecision != commit)
        violate(u"AC1"_s, e.txId,
                u"tx "_s + txName + u": "_s + name(e.node) + u" decided "_s + verdict +
                    u", the coordinator "_s + (*tx.coordinatorDecision ? u"COMMIT"_s : u"ABORT"_s),
                index);
    for (const auto &[node, d] : tx.decisions)
        if (d != commit && node != e.node) {
            violate(u"AC1"_s, e.txId,
                    u"tx "_s + txName + u": "_s + name(e.node) + u" decided "_s + verdict +
                        u", "_s + name(node) + u' ' + (d ? u"COMMIT"_s : u"ABORT"_s),
                    index);
            break;
        }
    if (!commit)
        return;
    // AC3: nobody commits without a durable YES from every participant.
    for (NodeId p : tx.participants)
        if (!tx.yes.count(p))
            violate(u"AC3"_s, e.txId,
                    u"tx "_s + txName + u": "_s + name(e.node) +
                        u" committed without a YES from "_s + name(p),
                    index);
    // A participant's commit follows a durable coordinator decision (or 3PC pre-commit).
    if (!isCoordinator && !(tx.coordinatorDecision.value_or(false) || tx.preCommitted))
        violate(u"DECIDE"_s, e.txId,
                u"tx "_s + txName + u": "_s + name(e.node) +
                    u" committed before any durable coordinator decision"_s,
                index);
}

void Checker::released(qsizetype index, TxId id, const Tx &tx, SessionFacts &facts)
{
    const QString txName = formatId(id);
    const SessionId session = tx.session;
    if (facts.committedBy != tx.setup)
        violate(u"RELEASE"_s, id,
                u"release tx "_s + txName + u" committed for session "_s + formatId(session) +
                    u", whose set-up tx "_s + formatId(tx.setup) + u" never committed"_s,
                index, session);
    if (facts.releasedBy && facts.releasedBy != id)
        violate(u"RELEASE"_s, id,
                u"session "_s + formatId(session) + u" released by tx "_s +
                    formatId(facts.releasedBy) + u" and again by tx "_s + txName,
                index, session);
    if (!facts.releasedBy)
        facts.releasedBy = id;
}

void Checker::answered(qsizetype index, const TraceEvent &e)
{
    // The Outcome the client was told; e.txId the transaction that answered.
    const SessionFact told = sessionFact(e);
    if (told.step == SessionFact::Step::Requested)
        return; // a request taken promises nothing yet
    SessionFacts *facts = sessionFacts(e.sessionId);
    if (!facts)
        return; // forgotten
    const TxId committed = facts->committedBy;
    switch (told.outcome) {
    case Outcome::Released:
        if (facts->releasedBy != e.txId)
            violate(u"ANSWER"_s, e.txId,
                    u"the client of session "_s + formatId(e.sessionId) + u" was told RELEASED"_s +
                        (!facts->releasedBy
                             ? u" and no release of it committed"_s
                             : u" by tx "_s + formatId(e.txId) + u", which did not release it"_s),
                    index, e.sessionId);
        break;
    case Outcome::Committed:
        if (committed != e.txId)
            violate(u"ANSWER"_s, e.txId,
                    u"the client of session "_s + formatId(e.sessionId) + u" was told COMMITTED"_s +
                        (!committed
                             ? u" and no coordinator committed it"_s
                             : u" by tx "_s + formatId(e.txId) + u", which did not commit it"_s),
                    index, e.sessionId);
        break;
    case Outcome::Aborted:
        if (committed)
            violate(u"ANSWER"_s, committed,
                    u"the client of session "_s + formatId(e.sessionId) +
                        u" was told ABORTED though tx "_s + formatId(committed) +
                        u" committed it"_s,
                    index, e.sessionId);
        if (facts->toldAborted < 0)
            facts->toldAborted = index;
        break;
    default: // UNKNOWN and INVALID promise nothing
        break;
    }
}

void Checker::finish(bool expectAllCommitted)
{
    advance();
    if (const quint64 dropped = m_trace.dropped(); dropped && !m_following) {
        m_blind = u"the trace filled up after "_s + QString::number(m_trace.size()) +
                  u" events and "_s + QString::number(dropped) +
                  u" more were not recorded: end-of-run rules (AC4, AC5) not checked"_s;
        return;
    }
    for (const auto &[id, tx] : m_txs) {
        if (tx.coordinator == kNoNode)
            continue;
        const QString txName = formatId(id);
        if (!tx.coordinatorDecision)
            violate(u"AC5"_s, id, u"tx "_s + txName + u": the coordinator never decided"_s, -1);
        for (NodeId p : tx.yes)
            if (!tx.decisions.count(p))
                violate(u"AC5"_s, id,
                        u"tx "_s + txName + u": "_s + name(p) +
                            u" voted YES and never learned the outcome"_s,
                        -1);
        if (expectAllCommitted && tx.coordinatorDecision && !*tx.coordinatorDecision)
            violate(u"AC4"_s, id, u"tx "_s + txName + u" aborted in a run with no faults"_s, -1);
    }
    if (expectAllCommitted)
        for (TxId id : m_settledAborts)
            violate(u"AC4"_s, id, u"tx "_s + formatId(id) + u" aborted in a run with no faults"_s,
                    -1);
}

QString Checker::report(quint64 seed) const
{
    QString out;
    if (!m_blind.isEmpty())
        out += u"  not checked: "_s + m_blind + u'\n';
    for (const Violation &v : m_violations)
        out += v.invariant + u" violated: "_s + v.detail +
               (v.eventIndex >= 0 ? u" (trace event #"_s + QString::number(v.eventIndex) + u')'
                                  : QString()) +
               u"; replay with --seed "_s + QString::number(seed) + u'\n';
    return out;
}

QString Checker::story(TxId tx, SessionId session) const
{
    QString out;
    m_trace.forEach(0, m_trace.size(), [&](const TraceEvent &e) {
        if (!(tx && e.txId == tx) && !(session && e.sessionId == session))
            return;
        QString what = toString(e.kind);
        if (e.kind == TraceKind::Send || e.kind == TraceKind::Deliver ||
            e.kind == TraceKind::Reject)
            what += u' ' + toString(static_cast<MsgType>(e.msgType));
        if (e.kind == TraceKind::Vote || e.kind == TraceKind::Decide)
            what += u'=' + QString::number(e.reason);
        out += u"  "_s + QString::number(e.labUs / 1000.0, 'f', 3).rightJustified(10) + u" ms  "_s +
               name(e.node).leftJustified(10) + what.leftJustified(24) +
               name(e.peer).leftJustified(10) + e.detail + u'\n';
    });
    return out;
}

QJsonObject Checker::toJson() const
{
    QJsonArray list;
    for (const Violation &v : m_violations)
        list.append(QJsonObject{{u"invariant"_s, v.invariant},
                                {u"tx"_s, formatId(v.txId)},
                                {u"detail"_s, v.detail},
                                {u"event"_s, static_cast<qint64>(v.eventIndex)}});
    QJsonObject json{{u"ok"_s, ok()},
                     {u"transactions"_s, static_cast<qint64>(m_txCount)},
                     {u"violations"_s, list}};
    if (!m_blind.isEmpty())
        json.insert(u"not_checked"_s, m_blind);
    return json;
}

} // namespace edgecore
