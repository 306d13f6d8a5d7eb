#include "simhost.h"

#include "storage/sqlitestorage.h"
#include "trace/tracestore.h"

#include <QDir>

#include <QCryptographicHash>
#include <QDataStream>
#include <QHashSeed>
#include <QIODevice>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
// Frames carry a wall time; a simulation's is its virtual time from a fixed epoch, so the
// timestamp window works and runs stay reproducible.
constexpr qint64 kSimEpochMs = 1'700'000'000'000;
} // namespace

class SimHost::Node final : public NodeCore
{
public:
    Node(SimHost &sim, const HostConfig &config, std::unique_ptr<Service> service)
        : NodeCore(config, std::move(service))
        , m_sim(sim)
    {}

    void begin(std::shared_ptr<const Directory> dir, std::unique_ptr<Storage> disk)
    {
        setDirectory(std::move(dir));
        setStorage(std::move(disk));
        service().start(*this);
    }
    void attach(std::shared_ptr<const Directory> dir) { setDirectory(std::move(dir)); }
    std::unique_ptr<Storage> end() { return takeStorage(); }

    void receive(const QByteArray &frame)
    {
        // Each simulated frame is its own short stream: the length bound is checked before
        // anything else, as on TCP.
        FrameReader reader;
        reader.append(frame);
        QByteArray body;
        WireError e = WireError::None;
        Envelope env;
        switch (reader.next(body, e)) {
        case FrameReader::Status::Frame:
            e = open(body, env);
            if (e == WireError::None && !reader.hasPartialFrame())
                break;
            if (e == WireError::None)
                e = WireError::TrailingGarbage;
            rejectFrame(e, env, frame.size());
            return;
        case FrameReader::Status::Error:
            rejectFrame(e, env, frame.size());
            return;
        case FrameReader::Status::NeedMore:
            rejectFrame(WireError::Truncated, env, frame.size());
            return;
        }
        admit(env, false);
    }
    void receiveLocal(const Envelope &env) { admit(env, true); }
    void fire(TimerId id)
    {
        if (timersHeld()) { // a paused service: its timers wait for the resume
            m_heldTimers.push_back(id);
            return;
        }
        service().onTimer(id, *this);
    }
    // The node's faults changed: what waited may go on.
    void faultsChanged()
    {
        // Resumed: deadlines that passed while paused come before the messages that waited
        // (as on threads; see NodeRuntime::onFaultsChanged).
        while (!m_heldTimers.empty() && !timersHeld() && !m_crashPending) {
            const TimerId id = m_heldTimers.front();
            m_heldTimers.pop_front();
            if (!m_sim.m_cancelled.erase(id))
                service().onTimer(id, *this);
        }
        releaseHeld();
    }

    Instant now() const override { return m_sim.m_now; }
    void send(NodeId to, Envelope msg) override
    {
        if (m_crashPending)
            return;
        const Outgoing out = outgoing(to, msg);
        for (int c = 0; c < out.copies; ++c)
            m_sim.transmit(self(), to, out.frame, out.delay);
    }
    TimerId startTimer(Duration after) override { return m_sim.addTimer(self(), after); }
    void cancelTimer(TimerId id) override { m_sim.cancelTimer(id); }
    void reply(const ClientReply &r) override
    {
        if (m_sim.onReply)
            m_sim.onReply(r);
    }
    void sendRaw(NodeId to, const QByteArray &frame) override
    {
        m_sim.transmit(self(), to, frame, Duration::zero());
    }

    bool crashRequested() const { return m_crashPending; }

protected:
    qint64 wallMsNow() const override { return kSimEpochMs + toUs(m_sim.m_now) / 1000; }
    void requestCrash() override {} // SimHost::step crashes the node once its event is done
    void scheduleRelease(Instant at) override
    {
        m_sim.onNode(self(), at, [](Node &n) { n.releaseHeld(); });
    }
    void delayDelivery(const Envelope &env, bool local, Instant at) override
    {
        m_sim.onNode(self(), at, [env, local](Node &n) { n.admit(env, local, true); });
    }

private:
    SimHost &m_sim;
    std::deque<TimerId> m_heldTimers;
};

void SimHost::onNode(NodeId id, Instant t, std::function<void(Node &)> f)
{
    // Runs f on the node at time t if it is still the same incarnation then.
    const quint64 incarnation = m_slots[id - 1].incarnation;
    at(t, [this, id, incarnation, f = std::move(f)] {
        Slot &slot = m_slots[id - 1];
        if (!slot.node || slot.incarnation != incarnation)
            return;
        m_cause = ++m_causes;
        f(*slot.node);
        afterNodeStep(id);
    });
}

void SimHost::runOn(NodeId id, const std::function<void(Service &, Context &)> &f)
{
    if (isUp(id))
        f(m_slots[id - 1].node->service(), *m_slots[id - 1].node);
}

quint32 SimHost::rotateKey()
{
    const quint32 id = m_keys.signingKeyId + 1;
    const QByteArray secret = KeyMaterial::generate(m_seed, id).keys[id];
    m_keys.keys.insert(id, secret);
    m_keys.signingKeyId = id;
    for (Slot &slot : m_slots)
        if (slot.node)
            slot.node->addKey(id, secret);
    for (Slot &slot : m_slots)
        if (slot.node)
            slot.node->signWith(id);
    return id;
}

void SimHost::retireOldKeys()
{
    const quint32 id = m_keys.signingKeyId;
    for (auto it = m_keys.keys.begin(); it != m_keys.keys.end();)
        it = it.key() == id ? std::next(it) : m_keys.keys.erase(it);
    for (Slot &slot : m_slots)
        if (slot.node)
            slot.node->retireKeysBut(id);
}

void SimHost::faultsChanged(NodeId id)
{
    onNode(id, m_now, [](Node &n) { n.faultsChanged(); });
}

SimHost::SimHost(quint64 seed, TraceStore *trace, KeyMaterial keys, SimNetwork network)
    : m_seed(seed)
    , m_trace(trace)
    , m_keys(std::move(keys))
    , m_network(network)
    , m_rng(Rng::derive(seed, 0x5113))
    , m_directory(std::make_shared<Directory>())
    , m_faults(std::make_shared<FaultInjector>())
{
    // QHash iteration order must not depend on the process: same seed, same run.
    QHashSeed::setDeterministicGlobalSeed();
}

SimHost::~SimHost() = default;

NodeId SimHost::add(const QString &name, ServiceFactory factory)
{
    Q_ASSERT(!m_started);
    const auto id = static_cast<NodeId>(m_slots.size() + 1);
    Slot slot;
    slot.name = name;
    slot.factory = std::move(factory);
    m_slots.push_back(std::move(slot));
    m_directory->nodes.push_back(NodeInfo{id, name, QString(), 0});
    m_slots.back().disk = openDisk(id, &m_slots.back().diskError);
    return id;
}

std::unique_ptr<Storage> SimHost::openDisk(NodeId id, QString *error) const
{
    if (m_dataDir.isEmpty())
        return std::make_unique<MemoryStorage>();
    auto sqlite = std::make_unique<SqliteStorage>();
    // A simulated crash keeps the storage object: no fsync is needed for what survives it.
    if (!sqlite->open(QDir(m_dataDir).filePath(m_slots[id - 1].name + u".sqlite"_s), false)) {
        *error = storageFailure(*sqlite, u"open"_s);
        return nullptr;
    }
    return sqlite;
}

void SimHost::begin(NodeId id)
{
    Slot &slot = m_slots[id - 1];
    if (!slot.disk) {
        slot.node->attach(m_directory);
        halt(id, slot.diskError);
        return;
    }
    m_cause = ++m_causes;
    slot.node->begin(m_directory, std::move(slot.disk));
    afterNodeStep(id);
}

void SimHost::afterNodeStep(NodeId id)
{
    Slot &slot = m_slots[id - 1];
    if (slot.node && !slot.node->storage().flush())
        halt(id, storageFailure(slot.node->storage(), u"write"_s));
    if (slot.node && slot.node->crashRequested())
        crash(id);
    m_cause = 0;
}

void SimHost::halt(NodeId id, const QString &why)
{
    // Fail-stop, like a crash that also loses what this step appended: its frames and timers
    // never happen, and the log is reopened from what reached the file.
    Slot &slot = m_slots[id - 1];
    slot.node->record(TraceKind::Halt, why, 0, 0, kNoNode);
    if (m_cause)
        m_voided.insert(m_cause);
    if (std::unique_ptr<Storage> disk = slot.node->end())
        disk->discardPending();
    slot.node.reset();
    ++slot.incarnation;
    slot.disk = openDisk(id, &slot.diskError);
}

std::unique_ptr<SimHost::Node> SimHost::makeNode(NodeId id, quint64 incarnation)
{
    HostConfig hc;
    hc.id = id;
    hc.name = m_slots[id - 1].name;
    hc.trace = m_trace;
    hc.keys = m_keys;
    hc.seed = m_seed ^ (incarnation * 0x9e3779b97f4a7c15ULL);
    // Each incarnation's sequence numbers start past the last one's.
    hc.firstSeq = (incarnation << 40) + 1;
    hc.faults = m_faults;
    hc.wiretap = m_wiretap;
    return std::make_unique<Node>(*this, hc, m_slots[id - 1].factory());
}

void SimHost::start()
{
    m_started = true;
    m_trace->setNodeNames(m_directory->names());
    for (size_t i = 0; i < m_slots.size(); ++i)
        m_slots[i].node = makeNode(static_cast<NodeId>(i + 1), 0);
    for (size_t i = 0; i < m_slots.size(); ++i)
        begin(static_cast<NodeId>(i + 1));
}

void SimHost::schedule(Event e)
{
    e.order = m_order++;
    e.cause = m_cause;
    m_queue.push(std::move(e));
}

void SimHost::at(Instant t, std::function<void()> f)
{
    Event e;
    e.at = std::max(t, m_now);
    e.kind = Event::Kind::Callback;
    e.callback = std::move(f);
    schedule(std::move(e));
}

void SimHost::inject(NodeId to, const QByteArray &frame)
{
    Event e;
    e.at = m_now;
    e.kind = Event::Kind::Frame;
    e.node = to;
    e.from = kNoNode;
    e.incarnation = m_slots[to - 1].incarnation;
    e.frame = frame;
    schedule(std::move(e));
}

void SimHost::post(NodeId to, const Envelope &local)
{
    Event e;
    e.at = m_now;
    e.kind = Event::Kind::Local;
    e.node = to;
    e.incarnation = m_slots[to - 1].incarnation;
    e.local = local;
    schedule(std::move(e));
}

void SimHost::transmit(NodeId from, NodeId to, const QByteArray &frame, Duration extra)
{
    if (to < 1 || to > m_slots.size())
        return;
    if (!reachable(from, to)) { // raw frames (mallory's); signed ones were dropped at the send
        m_trace->append(
            lostByTheNetwork(frameFacts(from, to, frame), true, m_now, 0, u"dropped: partition"_s));
        return;
    }
    if (m_network.lossRate > 0 && m_rng.chance(m_network.lossRate)) {
        m_trace->append(
            lostByTheNetwork(frameFacts(from, to, frame), false, m_now, 0, u"dropped: loss"_s));
        return;
    }
    const int copies = m_network.duplicateRate > 0 && m_rng.chance(m_network.duplicateRate) ? 2 : 1;
    for (int c = 0; c < copies; ++c) {
        const qint64 span = toUs(m_network.delayMax - m_network.delayMin);
        Instant at =
            m_now + extra + m_network.delayMin +
            Duration(span > 0 ? static_cast<qint64>(m_rng.below(static_cast<quint64>(span) + 1))
                              : 0);
        if (!m_network.reorder) {
            Instant &clear = m_linkClear[{from, to}];
            at = std::max(at, clear);
            clear = at;
        }
        Event e;
        e.at = at;
        e.kind = Event::Kind::Frame;
        e.node = to;
        e.from = from;
        e.incarnation = m_slots[to - 1].incarnation;
        e.frame = frame;
        schedule(std::move(e));
    }
}

TimerId SimHost::addTimer(NodeId node, Duration after)
{
    Event e;
    e.at = m_now + after;
    e.kind = Event::Kind::Timer;
    e.node = node;
    e.incarnation = m_slots[node - 1].incarnation;
    e.timer = m_nextTimer++;
    const TimerId id = e.timer;
    schedule(std::move(e));
    return id;
}

bool SimHost::step()
{
    while (!m_queue.empty()) {
        if (m_stepMode) {
            parkFrames();
            if (m_queue.empty() || m_queue.top().at > m_now)
                return false; // the clock stands still: only what is due now runs
        }
        Event e = m_queue.top();
        m_queue.pop();
        if (run(std::move(e))) {
            if (m_stepMode) // what it sent is on its way: parked at the receivers at once
                parkFrames();
            return true;
        }
    }
    return false;
}

bool SimHost::run(Event e)
{
    if (e.cause && !m_voided.empty() && m_voided.count(e.cause))
        return false; // scheduled by a step whose log write failed
    m_now = std::max(m_now, e.at);
    if (e.kind == Event::Kind::Callback) {
        e.callback();
        ++m_processed;
        if (afterEvent)
            afterEvent();
        return true;
    }
    Slot &slot = m_slots[e.node - 1];
    // A cancelled timer is forgotten when its time comes, whoever it belonged to, so the
    // set of cancellations stays as small as the queue.
    if (e.kind == Event::Kind::Timer && m_cancelled.erase(e.timer))
        return false;
    // Events for a crashed node, or for an incarnation that has since died, vanish.
    if (!slot.node || e.incarnation != slot.incarnation)
        return false;
    m_cause = ++m_causes;
    switch (e.kind) {
    case Event::Kind::Frame:
        if (!reachable(e.from, e.node)) { // cut while in flight: the sender's loss
            m_trace->append(lostByTheNetwork(frameFacts(e.from, e.node, e.frame), true, m_now, 0,
                                             u"dropped in flight: partition"_s));
            break;
        }
        slot.node->receive(e.frame);
        break;
    case Event::Kind::Local:
        slot.node->receiveLocal(e.local);
        break;
    case Event::Kind::Timer:
        slot.node->fire(e.timer);
        break;
    case Event::Kind::Callback:
        break;
    }
    afterNodeStep(e.node);
    ++m_processed;
    if (afterEvent)
        afterEvent();
    return true;
}

void SimHost::setStepMode(bool on)
{
    m_stepMode = on;
    if (on) {
        parkFrames();
        return;
    }
    // Leaving step mode: the parked frames arrive now, in the order they were parked.
    for (ParkedFrame &p : m_parked) {
        p.event.at = m_now;
        schedule(std::move(p.event));
    }
    m_parked.clear();
}

void SimHost::parkFrames()
{
    while (!m_queue.empty() && m_queue.top().kind == Event::Kind::Frame) {
        Event e = m_queue.top();
        m_queue.pop();
        m_parked.push_back(ParkedFrame{++m_nextParked, m_now, std::move(e)});
    }
}

PendingFrame SimHost::frameFacts(NodeId from, NodeId to, const QByteArray &frame)
{
    PendingFrame f;
    f.from = from;
    f.to = to;
    DecodedEnvelope d;
    if (decodeEnvelope(frame.mid(kFrameHeaderBytes), d) == WireError::None) {
        f.type = static_cast<quint16>(d.env.type);
        f.seq = d.env.seq;
        f.tx = d.env.txId;
        f.session = d.env.sessionId;
    }
    return f;
}

PendingFrame SimHost::pendingOf(const ParkedFrame &p)
{
    PendingFrame f = frameFacts(p.event.from, p.event.node, p.event.frame);
    f.id = p.id;
    f.since = p.since;
    return f;
}

std::vector<PendingFrame> SimHost::pending() const
{
    std::vector<PendingFrame> out;
    for (const ParkedFrame &p : m_parked)
        out.push_back(pendingOf(p));
    return out;
}

bool SimHost::deliverPending(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const ParkedFrame &p) { return p.id == id; });
    if (it == m_parked.end())
        return false;
    Event e = std::move(it->event);
    m_parked.erase(it);
    e.at = m_now; // it arrives now, whenever the network would have brought it
    run(std::move(e));
    parkFrames();
    while (step()) {
    }
    return true;
}

bool SimHost::dropPending(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const ParkedFrame &p) { return p.id == id; });
    if (it == m_parked.end())
        return false;
    m_trace->append(droppedByHand(pendingOf(*it), m_now, 0)); // no wall time: deterministic
    m_parked.erase(it);
    return true;
}

bool SimHost::duplicatePending(quint64 id)
{
    const auto it = std::find_if(m_parked.begin(), m_parked.end(),
                                 [id](const ParkedFrame &p) { return p.id == id; });
    if (it == m_parked.end() || it->event.from == kNoNode)
        return false; // a probe from outside the cast: no sender to trace the copy at
    // The same bytes for the same receiver, still unverified: whichever of the two comes first
    // passes the replay window.
    ParkedFrame copy{++m_nextParked, m_now, it->event};
    m_trace->append(copiedByHand(pendingOf(copy), m_now, 0)); // no wall time: deterministic
    m_parked.push_back(std::move(copy));
    return true;
}

bool SimHost::advanceToNextDeadline()
{
    parkFrames();
    if (m_queue.empty())
        return false;
    m_now = std::max(m_now, m_queue.top().at);
    while (step()) {
    }
    return true;
}

qint64 SimHost::runUntil(Instant t, qint64 maxEvents)
{
    qint64 n = 0;
    while (n < maxEvents && !m_queue.empty() && m_queue.top().at <= t && step())
        ++n;
    if (!m_stepMode) // in step mode the clock moves only by advanceToNextDeadline()
        m_now = std::max(m_now, t);
    return n;
}

qint64 SimHost::runUntilIdle(qint64 maxEvents)
{
    qint64 n = 0;
    while (n < maxEvents && step())
        ++n;
    return n;
}

void SimHost::crash(NodeId id)
{
    if (id == kNoNode || id > m_slots.size())
        return; // no such node
    Slot &slot = m_slots[id - 1];
    if (!slot.node)
        return;
    slot.node->recordHost(HostEvent::Crashed);
    slot.disk = slot.node->end();
    slot.node.reset();
    ++slot.incarnation;
}

void SimHost::restart(NodeId id)
{
    if (id == kNoNode || id > m_slots.size())
        return; // no such node
    Slot &slot = m_slots[id - 1];
    if (slot.node)
        return;
    slot.node = makeNode(id, slot.incarnation);
    slot.node->recordHost(HostEvent::Restarted);
    if (!slot.disk)
        slot.disk = openDisk(id, &slot.diskError);
    begin(id);
}

void SimHost::crashWhen(NodeId id, std::function<bool(const Envelope &)> trigger)
{
    if (isUp(id))
        m_slots[id - 1].node->setCrashTrigger(std::move(trigger));
}

bool SimHost::isUp(NodeId id) const
{
    return id >= 1 && id <= m_slots.size() && m_slots[id - 1].node != nullptr;
}

void SimHost::partition(const std::vector<std::vector<NodeId>> &groups)
{
    m_faults->setPartition(groups);
}

void SimHost::heal()
{
    m_faults->heal();
}

bool SimHost::reachable(NodeId a, NodeId b) const
{
    return m_faults->reachable(a, b);
}

Service *SimHost::service(NodeId id)
{
    return isUp(id) ? &m_slots[id - 1].node->service() : nullptr;
}

HostStats SimHost::stats(NodeId id) const
{
    return isUp(id) ? m_slots[id - 1].node->stats() : HostStats{};
}

QByteArray traceDigest(const TraceStore &trace)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    QByteArray buf;
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        buf.clear();
        QDataStream s(&buf, QIODevice::WriteOnly);
        s << quint8(e.kind) << e.node << e.peer << e.msgType << e.reason << e.labUs << e.lamport
          << e.seq << e.txId << e.sessionId << e.detail;
        h.addData(buf);
    });
    return h.result().toHex();
}

} // namespace edgecore
