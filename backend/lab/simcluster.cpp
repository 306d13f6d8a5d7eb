#include "simcluster.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SimCluster::SimCluster(const ClusterConfig &config, SimNetwork network)
{
    const std::vector<CastMember> cast = buildCast(config);
    m_trace = std::make_unique<TraceStore>(static_cast<int>(cast.size()), config.traceCapacity);
    m_host = std::make_unique<SimHost>(config.seed, m_trace.get(),
                                       KeyMaterial::generate(config.seed), network);
    for (const CastMember &m : cast)
        m_host->add(m.name, m.make);
    m_host->onReply = [this](const ClientReply &r) { m_replies.push_back(r); };
    m_host->start();
}

quint64 SimCluster::submit(const QString &subscriber, const QString &trafficClass,
                           const QString &protocol)
{
    const quint64 id = m_nextRequest++;
    m_host->post(this->id(cast::edge()), clientRequest(id, subscriber, trafficClass, protocol));
    return id;
}

QVector<ClientReply> SimCluster::runLoad(const LoadSpec &spec, quint64 seed, Duration limit)
{
    Rng rng = Rng::derive(seed, 0x10ad); // the same draws as LoadGenerator
    const qsizetype first = m_replies.size();
    QSet<quint64> mine;
    int submitted = 0;
    auto submitNext = [&] {
        if (submitted >= spec.sessions)
            return;
        ++submitted;
        const QString subscriber =
            LoadGenerator::subscriberFor(rng.below(static_cast<quint64>(spec.subscribers)));
        const QString cls = rng.chance(spec.voiceShare) ? u"VOICE"_s : u"DATA"_s;
        mine.insert(submit(subscriber, cls, spec.protocol));
    };
    for (int i = 0; i < std::min(spec.concurrency, spec.sessions); ++i)
        submitNext();
    const Instant deadline = m_host->now() + limit;
    QVector<ClientReply> out;
    while (out.size() < spec.sessions && m_host->now() <= deadline && m_host->step()) {
        while (m_replies.size() > first + out.size()) {
            const ClientReply &r = m_replies[first + out.size()];
            out.push_back(r);
            if (mine.remove(r.requestId))
                submitNext();
        }
    }
    return out;
}

void SimCluster::settle(Duration limit)
{
    m_host->runUntil(m_host->now() + limit);
}

} // namespace edgecore
