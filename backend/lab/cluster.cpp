#include "cluster.h"

#include "labcontrols.h"

#include "services/analytics.h"
#include "services/billingservice.h"
#include "services/dsmservice.h"
#include "services/edgegateway.h"
#include "services/mallory.h"
#include "services/resourcemanager.h"
#include "services/sessionmanager.h"
#include "trace/facts.h"

#include <QDir>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

std::vector<CastMember> buildCast(const ClusterConfig &c, qint64 electionStaggerMs)
{
    std::vector<CastMember> cast{
        {cast::edge(), [c] { return std::make_unique<EdgeGateway>(c.edge); }}};
    for (int i = 1; i <= std::max(1, c.sessionManagers); ++i) {
        CoordinatorConfig sm = c.coordinator;
        // sm-1 asks for the lease first; the others a little later, so the first election
        // has a predictable winner (and any of them takes over when it is gone).
        sm.firstLeaseAttemptMs = c.coordinator.firstLeaseAttemptMs + (i - 1) * electionStaggerMs;
        cast.push_back(
            {cast::sessionManager(i), [sm] { return std::make_unique<SessionManager>(sm); }});
    }
    std::vector<CastMember> rest{
        {cast::rm(),
         [c] { return std::make_unique<ResourceManager>(c.resources, c.participants); }},
        {cast::billing(),
         [c] {
             BillingConfig billing = c.billing; // its CDRs name the units rm holds
             billing.voiceUnits = c.resources.voiceUnits;
             billing.dataUnits = c.resources.dataUnits;
             return std::make_unique<BillingService>(billing, c.participants);
         }},
        {cast::analytics(), [] { return std::make_unique<Analytics>(); }},
        {cast::dsm(), [c] { return std::make_unique<DsmService>(c.deadlock); }},
        {cast::mallory(), [c] { return std::make_unique<Mallory>(c.mallory); }},
    };
    cast.insert(cast.end(), rest.begin(), rest.end());
    return cast;
}

Envelope clientRequest(quint64 requestId, const QString &subscriber, const QString &trafficClass,
                       const QString &protocol, qint64 durationMs)
{
    Envelope e;
    e.type = MsgType::ClientRequest;
    Payload p;
    p.set(Field::RequestId, static_cast<qint64>(requestId))
        .set(Field::Subscriber, subscriber)
        .set(Field::TrafficClass, trafficClass)
        .set(Field::Protocol, protocol);
    if (durationMs > 0)
        p.set(Field::DurationMs, durationMs);
    e.payload = p.encode();
    return e;
}

Cluster::Cluster(ClusterConfig config, QObject *parent)
    : LabEngine(parent)
    , m_config(std::move(config))
    , m_directory(std::make_shared<Directory>())
{
    ClusterConfig withTap = m_config;
    withTap.mallory.wiretap = m_wiretap;
    // On threads the stagger must also cover wall-clock scheduling: at least 100 ms of wall
    // time, or sm-1's first request can lose to sm-2's on a busy machine at 10x.
    const qint64 stagger = std::max<qint64>(300, qint64(100 * m_config.clockSpeed));
    const std::vector<CastMember> cast = buildCast(withTap, stagger);
    m_trace = std::make_unique<TraceStore>(static_cast<int>(cast.size()), m_config.traceCapacity);
    m_clock.setSpeed(m_config.clockSpeed);
    const KeyMaterial keys = KeyMaterial::generate(m_config.seed);
    NodeId next = 1;
    for (const CastMember &m : cast) {
        HostConfig hc;
        hc.id = next++;
        hc.name = m.name;
        hc.clock = &m_clock;
        hc.trace = m_trace.get();
        hc.keys = keys;
        hc.seed = m_config.seed;
        hc.dataDir = m_config.dataDir;
        hc.faults = m_faults;
        hc.wiretap = m_wiretap;
        auto host = std::make_unique<ThreadHost>(hc, m.make);
        if (m.name == cast::edge())
            connect(host.get(), &ThreadHost::clientReply, this, &Cluster::sessionFinished);
        m_directory->nodes.push_back(NodeInfo{hc.id, hc.name});
        m_hosts.push_back(std::move(host));
    }
    m_trace->setNodeNames(m_directory->names());
}

Cluster::~Cluster()
{
    stop();
}

LabControls &Cluster::controls()
{
    if (!m_controls)
        m_controls = std::make_unique<ThreadControls>(*this);
    return *m_controls;
}

bool Cluster::start(QString *error)
{
    if (m_running)
        return true;
    if (!m_config.dataDir.isEmpty() && !QDir().mkpath(m_config.dataDir)) {
        if (error)
            *error = u"cannot create data folder "_s + m_config.dataDir;
        return false;
    }
    for (size_t i = 0; i < m_hosts.size(); ++i) {
        if (!m_hosts[i]->listen(error)) {
            stop();
            return false;
        }
        m_directory->nodes[i].port = m_hosts[i]->port();
    }
    std::shared_ptr<const Directory> dir = m_directory;
    for (auto &h : m_hosts)
        h->start(dir);
    m_running = true;
    return true;
}

void Cluster::stop()
{
    // Stop the edge first so no new work enters, then the rest.
    for (auto &h : m_hosts)
        h->stop();
    m_running = false;
}

bool Cluster::settle(int timeoutMs)
{
    // mallory's frames are not waited for: a connection it broke may have taken some along.
    const NodeId mallory = m_directory->lookup(cast::mallory());
    auto quiet = [this, mallory] {
        const qsizetype size = m_trace->size();
        m_trace->forEach(m_settleScanned, size, [this, mallory](const TraceEvent &e) {
            // A copy made by hand in step mode is not waited for: it ends refused, as a replay.
            if (e.kind == TraceKind::Send && e.node != mallory && !duplicatedByHand(e))
                ++m_settleInFlight;
            else if (e.kind == TraceKind::Deliver && e.peer == mallory)
                return;
            else if ((e.kind == TraceKind::Deliver && e.peer != kNoNode) ||
                     e.kind == TraceKind::Drop)
                --m_settleInFlight;
        });
        m_settleScanned = size;
        return m_settleInFlight <= 0;
    };
    if (quiet())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(5);
    connect(&poll, &QTimer::timeout, &loop, [&] {
        if (quiet())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return quiet();
}

quint32 Cluster::rotateKey()
{
    const quint32 id = ++m_keyId;
    const QByteArray secret = KeyMaterial::generate(m_config.seed, id).keys[id];
    // Every host verifies with the new key before any signs with it.
    for (const auto &h : m_hosts)
        h->withNode([&](NodeCore &n) { n.addKey(id, secret); });
    for (const auto &h : m_hosts)
        h->withNode([id](NodeCore &n) { n.signWith(id); });
    return id;
}

void Cluster::retireOldKeys()
{
    for (const auto &h : m_hosts)
        h->withNode([id = m_keyId](NodeCore &n) { n.retireKeysBut(id); });
}

quint64 Cluster::submit(const QString &subscriber, const QString &trafficClass,
                        const QString &protocol, qint64 durationMs)
{
    const quint64 id = m_nextRequest++;
    Q_EMIT sessionSubmitted(id, subscriber, trafficClass, protocol);
    if (ThreadHost *edge = host(cast::edge()); edge && m_running)
        edge->post(clientRequest(id, subscriber, trafficClass, protocol, durationMs));
    return id;
}

ThreadHost *Cluster::host(const QString &name) const
{
    for (const auto &h : m_hosts)
        if (h->name() == name)
            return h.get();
    return nullptr;
}

std::vector<ThreadHost *> Cluster::hosts() const
{
    std::vector<ThreadHost *> out;
    for (const auto &h : m_hosts)
        out.push_back(h.get());
    return out;
}

} // namespace edgecore
