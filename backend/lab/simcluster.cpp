#include "simcluster.h"

#include <set>

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SimCluster::SimCluster(const ClusterConfig &config, SimNetwork network)
{
    ClusterConfig withTap = config;
    auto tap = std::make_shared<Wiretap>();
    withTap.mallory.wiretap = tap;
    const std::vector<CastMember> cast = buildCast(withTap);
    m_trace = std::make_unique<TraceStore>(static_cast<int>(cast.size()), config.traceCapacity);
    m_host = std::make_unique<SimHost>(config.seed, m_trace.get(),
                                       KeyMaterial::generate(config.seed), network);
    m_host->setWiretap(tap);
    m_host->setDataDir(config.dataDir);
    for (const CastMember &m : cast)
        m_host->add(m.name, m.make);
    m_host->onReply = [this](const ClientReply &r) { m_replies.push_back(r); };
    m_host->start();
}

quint64 SimCluster::submit(const QString &subscriber, const QString &trafficClass,
                           const QString &protocol, qint64 durationMs)
{
    const quint64 id = m_nextRequest++;
    m_host->post(this->id(cast::edge()),
                 clientRequest(id, subscriber, trafficClass, protocol, durationMs));
    return id;
}

QVector<ClientReply> SimCluster::runLoad(const LoadSpec &spec, quint64 seed, Duration limit)
{
    Rng rng = Rng::derive(seed, 0x10ad); // the same draws as LoadGenerator
    Rng holding = Holding::stream(seed);
    const qsizetype first = m_replies.size();
    QSet<quint64> mine;
    QSet<quint64> owed; // committed sessions whose release is still to come
    int submitted = 0;
    int setUps = 0;
    auto submitNext = [&] {
        if (submitted >= spec.sessions)
            return;
        ++submitted;
        const QString subscriber =
            LoadGenerator::subscriberFor(rng.below(static_cast<quint64>(spec.subscribers)));
        const QString cls = spec.classFor(submitted - 1, rng);
        mine.insert(submit(subscriber, cls, spec.protocol, spec.holding.draw(cls, holding)));
    };
    for (int i = 0; i < std::min(spec.concurrency, spec.sessions); ++i)
        submitNext();
    const Instant deadline = m_host->now() + limit;
    QVector<ClientReply> out;
    // Clients that answered and think before asking again: when each may.
    std::multiset<Instant> thinking;
    for (;;) {
        while (!thinking.empty() && *thinking.begin() <= m_host->now()) {
            thinking.erase(thinking.begin());
            submitNext();
        }
        if ((setUps >= spec.sessions && owed.isEmpty()) || m_host->now() > deadline)
            break;
        // Idle until the next client wakes, if nothing else happens before.
        if (!thinking.empty() && (!m_host->hasPending() || m_host->nextAt() > *thinking.begin())) {
            m_host->runUntil(*thinking.begin());
            continue;
        }
        if (!m_host->step())
            break;
        while (m_replies.size() > first + out.size()) {
            const ClientReply &r = m_replies[first + out.size()];
            out.push_back(r);
            if (r.release) {
                owed.remove(r.requestId);
                continue;
            }
            if (!mine.remove(r.requestId))
                continue;
            ++setUps;
            if (r.outcome == Outcome::Committed && r.durationMs > 0)
                owed.insert(r.requestId);
            if (spec.thinkMs > 0)
                thinking.insert(m_host->now() + std::chrono::milliseconds(spec.thinkMs));
            else
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
