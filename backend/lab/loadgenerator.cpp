#include "loadgenerator.h"

#include <QSet>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

LoadGenerator::LoadGenerator(LabEngine &lab, LoadSpec spec, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_lab(lab)
    , m_spec(spec)
    , m_rng(Rng::derive(seed, 0x10ad))
    , m_holding(Holding::stream(seed))
{
    connect(&m_lab, &LabEngine::sessionFinished, this, &LoadGenerator::onReply);
}

QString LoadGenerator::subscriberFor(quint64 index)
{
    // IMSI-shaped: test network MCC 001, MNC 01, then a 10-digit subscriber number.
    return u"00101"_s + QString::number(index).rightJustified(10, u'0');
}

void LoadGenerator::start()
{
    if (m_keepReplies)
        m_replies.reserve(std::min(m_spec.sessions, 100'000));
    const int first = std::min(m_spec.concurrency, m_spec.sessions);
    for (int i = 0; i < first; ++i)
        submitNext();
    if (m_spec.sessions == 0)
        Q_EMIT finished();
}

ReplyTally tallyReplies(const QVector<ClientReply> &replies)
{
    ReplyTally t;
    for (const ClientReply &r : replies) {
        if (r.release) {
            t.owed.erase(r.requestId);
            continue;
        }
        ++t.setUps;
        if (r.outcome == Outcome::Committed && r.durationMs > 0)
            t.owed.emplace(r.requestId, r.sessionId);
    }
    return t;
}

qint64 Holding::draw(const QString &trafficClass, Rng &rng) const
{
    if (!on)
        return 0;
    if (trafficClass == u"VOICE"_s) {
        // Exponential holding times (the telephone's classic), at least 50 ms.
        const double u = std::max(1e-12, 1.0 - rng.uniform());
        const auto ms = static_cast<qint64>(-std::log(u) * double(voiceMeanMs));
        return std::clamp<qint64>(ms, 50, std::max<qint64>(50, voiceMaxMs));
    }
    const qint64 span = std::max<qint64>(0, dataMaxMs - dataMinMs);
    return std::max<qint64>(50, dataMinMs + static_cast<qint64>(rng.below(quint64(span) + 1)));
}

QString LoadSpec::classFor(int index, Rng &rng) const
{
    if (!classes.isEmpty())
        return classes[index % classes.size()];
    return rng.chance(voiceShare) ? u"VOICE"_s : u"DATA"_s;
}

void LoadGenerator::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    if (isFinished())
        Q_EMIT finished();
}

void LoadGenerator::submitNext()
{
    if (m_submitted >= m_spec.sessions || m_cancelled)
        return;
    ++m_submitted;
    const QString subscriber = subscriberFor(m_rng.below(static_cast<quint64>(m_spec.subscribers)));
    const QString cls = m_spec.classFor(m_submitted - 1, m_rng);
    const qint64 duration = m_spec.holding.draw(cls, m_holding);
    m_mine.insert(m_lab.submit(subscriber, cls, m_spec.protocol, duration));
}

void LoadGenerator::onReply(const ClientReply &r)
{
    if (r.release) {
        if (!m_owed.remove(r.requestId))
            return;
        if (m_keepReplies)
            m_replies.push_back(r);
        if (isFinished())
            Q_EMIT finished();
        return;
    }
    if (!m_mine.remove(r.requestId))
        return;
    if (m_keepReplies)
        m_replies.push_back(r);
    ++m_setups;
    if (r.outcome == Outcome::Committed && r.durationMs > 0)
        m_owed.insert(r.requestId);
    Q_EMIT progress(m_setups, m_spec.sessions);
    if (isFinished()) {
        Q_EMIT finished();
        return;
    }
    if (m_spec.thinkMs <= 0) {
        submitNext();
        return;
    }
    // The client thinks a while (lab time) before asking again.
    const auto wallMs = static_cast<int>(double(m_spec.thinkMs) / m_lab.speed());
    QTimer::singleShot(wallMs, this, &LoadGenerator::submitNext);
}

} // namespace edgecore
