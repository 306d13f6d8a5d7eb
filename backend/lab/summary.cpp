#include "summary.h"

#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

double percentile(QVector<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<qsizetype>(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<qsizetype>(rank - 1, 0, values.size() - 1)];
}

void ReplyFold::add(const ClientReply &r)
{
    ++m_replies;
    if (r.release) {
        if (r.outcome == Outcome::Released) {
            ++m_released;
            m_releases.add(r.latencyUs);
        } else {
            ++m_releaseRefused;
        }
        return;
    }
    ++m_sessions;
    if (r.outcome != Outcome::Invalid)
        (r.trafficClass == TrafficClass::Voice ? m_voiceQueue : m_dataQueue).add(r.queueUs);
    switch (r.outcome) {
    case Outcome::Committed:
        ++m_committed;
        (r.trafficClass == TrafficClass::Voice ? m_voiceCommitted : m_dataCommitted)++;
        break;
    case Outcome::Aborted:
        ++m_aborted;
        m_abortReasons[r.reason.isEmpty() ? u"unknown"_s : r.reason]++;
        break;
    case Outcome::Unknown:
        ++m_unknown;
        break;
    default:
        ++m_invalid;
        break;
    }
    if (r.outcome == Outcome::Committed || r.outcome == Outcome::Aborted)
        m_latencies.add(r.latencyUs);
}

size_t ReplyFold::Histogram::bucketOf(qint64 us)
{
    if (us < kExactUs)
        return static_cast<size_t>(std::max<qint64>(0, us));
    // us in [2^m, 2^(m+1)), m > kBits: its top kBits + 1 bits name the bucket within octave m.
    const int m = 63 - __builtin_clzll(static_cast<quint64>(us));
    const int shift = m - kBits;
    const qint64 mantissa = us >> shift; // in [2^kBits, 2^(kBits+1))
    return static_cast<size_t>(kExactUs + qint64(shift - 1) * (qint64(1) << kBits) +
                               (mantissa - (qint64(1) << kBits)));
}

qint64 ReplyFold::Histogram::lowestOf(size_t bucket)
{
    const auto b = static_cast<qint64>(bucket);
    if (b < kExactUs)
        return b;
    const qint64 perOctave = qint64(1) << kBits;
    const qint64 shift = (b - kExactUs) / perOctave + 1;
    const qint64 mantissa = perOctave + (b - kExactUs) % perOctave;
    return mantissa << shift;
}

void ReplyFold::Histogram::count(qint64 us)
{
    const size_t b = bucketOf(us);
    if (b >= m_counts.size())
        m_counts.resize(b + 1, 0);
    ++m_counts[b];
}

void ReplyFold::Histogram::add(qint64 us)
{
    us = std::max<qint64>(0, us);
    m_max = m_size++ == 0 ? us : std::max(m_max, us);
    if (m_bucketed) {
        count(us);
        return;
    }
    m_values.push_back(us);
    if (m_values.size() <= kExactValues)
        return;
    for (const qint64 v : m_values)
        count(v);
    m_values = {};
    m_bucketed = true;
}

double ReplyFold::Histogram::percentileMs(double p) const
{
    if (m_size == 0)
        return 0;
    // The nearest rank, as percentile() counts it.
    const auto rank = static_cast<quint64>(
        std::clamp<double>(std::ceil(p / 100.0 * double(m_size)), 1, double(m_size)));
    if (rank == m_size)
        return double(m_max) / 1000.0;
    if (!m_bucketed) {
        std::vector<qint64> values = m_values;
        const auto at = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
        std::nth_element(values.begin(), at, values.end());
        return double(*at) / 1000.0;
    }
    quint64 seen = 0;
    for (size_t b = 0; b < m_counts.size(); ++b) {
        seen += m_counts[b];
        if (seen >= rank)
            return double(lowestOf(b)) / 1000.0;
    }
    return double(m_max) / 1000.0;
}

void ReplyFold::fill(Summary &s) const
{
    s.sessions = m_sessions;
    s.committed = m_committed;
    s.aborted = m_aborted;
    s.invalid = m_invalid;
    s.unknown = m_unknown;
    s.released = m_released;
    s.releaseRefused = m_releaseRefused;
    s.voiceCommitted = m_voiceCommitted;
    s.dataCommitted = m_dataCommitted;
    s.abortReasons = m_abortReasons;
    s.active = s.committed - s.released - s.releaseRefused;
    s.releaseP99Ms = m_releases.percentileMs(99);
    s.latencyP50Ms = m_latencies.percentileMs(50);
    s.latencyP99Ms = m_latencies.percentileMs(99);
    s.latencyMaxMs = m_latencies.percentileMs(100);
    s.voiceQueueP99Ms = m_voiceQueue.percentileMs(99);
    s.dataQueueP99Ms = m_dataQueue.percentileMs(99);
}

Summary Summary::compute(const QString &scenario, quint64 seed, const QVector<ClientReply> &replies,
                         const TraceStore &trace, double wallSeconds)
{
    ReplyFold tally;
    for (const ClientReply &r : replies)
        tally.add(r);
    return compute(scenario, seed, tally, trace, wallSeconds);
}

Summary Summary::compute(const QString &scenario, quint64 seed, const ReplyFold &replies,
                         const TraceStore &trace, double wallSeconds)
{
    Summary s;
    s.scenario = scenario;
    s.seed = seed;
    s.wallSeconds = wallSeconds;
    replies.fill(s);
    qint64 firstLab = 0;
    qint64 lastLab = 0;
    double detectionTotalMs = 0;
    trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
        if (s.traceEvents++ == 0)
            firstLab = e.labUs;
        lastLab = std::max(lastLab, e.labUs);
        switch (e.kind) {
        case TraceKind::Send:
            ++s.messagesSent;
            break;
        case TraceKind::Deliver:
            if (e.peer != kNoNode)
                ++s.messagesDelivered;
            break;
        case TraceKind::Reject:
            ++s.rejectedTotal;
            s.rejectedByReason[toString(static_cast<WireError>(e.reason))]++;
            break;
        case TraceKind::Halt:
            s.halted << trace.nodeName(e.node) + u": "_s + e.detail;
            break;
        case TraceKind::Lock:
            if (e.reason == quint8(LockEvent::Victim)) {
                ++s.locks.victims;
            } else if (e.reason == quint8(LockEvent::Deadlock)) {
                ++s.locks.deadlocks;
                detectionTotalMs += double(e.seq) / 1000;
                s.locks.maxDetectionMs = std::max(s.locks.maxDetectionMs, double(e.seq) / 1000);
            }
            break;
        default:
            break;
        }
    });
    s.labSeconds = double(lastLab - firstLab) / 1e6;
    s.traceDropped = trace.dropped();
    if (s.locks.deadlocks)
        s.locks.meanDetectionMs = detectionTotalMs / double(s.locks.deadlocks);
    return s;
}

QString Summary::toText() const
{
    QString t;
    auto line = [&t](const QString &label, const QString &value) {
        t += label.leftJustified(27, u' ') + u' ' + value + u'\n';
    };
    t += u"EdgeCore Lab: scenario "_s + scenario + u", seed "_s + QString::number(seed) + u'\n';
    line(u"sessions"_s, QString::number(sessions));
    line(u"  committed"_s, QString::number(committed) + u" (VOICE "_s +
                               QString::number(voiceCommitted) + u", DATA "_s +
                               QString::number(dataCommitted) + u')');
    if (released || releaseRefused)
        line(u"    released"_s, QString::number(released) + u" (release p99 "_s +
                                    QString::number(releaseP99Ms, 'f', 2) + u" ms)"_s);
    if (releaseRefused)
        line(u"    nothing to release"_s, QString::number(releaseRefused));
    line(u"    active at the end"_s, QString::number(active));
    line(u"  aborted"_s, QString::number(aborted));
    for (auto it = abortReasons.cbegin(); it != abortReasons.cend(); ++it)
        line(u"    "_s + it.key(), QString::number(it.value()));
    line(u"  invalid requests"_s, QString::number(invalid));
    if (unknown)
        line(u"  outcome unknown"_s, QString::number(unknown));
    line(u"rejected frames"_s, QString::number(rejectedTotal));
    for (auto it = rejectedByReason.cbegin(); it != rejectedByReason.cend(); ++it)
        line(u"  "_s + it.key(), QString::number(it.value()));
    line(u"session latency p50"_s, QString::number(latencyP50Ms, 'f', 2) + u" ms"_s);
    line(u"session latency p99"_s, QString::number(latencyP99Ms, 'f', 2) + u" ms"_s);
    if (stream.present) {
        line(u"analytics (event stream)"_s,
             QString::number(stream.events) + u" events, "_s + QString::number(stream.decisions) +
                 u" decisions, "_s + QString::number(stream.gaps) + u" gaps, "_s +
                 QString::number(stream.duplicates) + u" duplicates"_s);
        if (stream.released)
            line(u"  releases"_s, QString::number(stream.released) + u", sessions lasted "_s +
                                      QString::number(stream.meanHoldingMs / 1000.0, 'f', 2) +
                                      u" s on average"_s);
        QStringList means;
        for (int c = 0; c < 2; ++c)
            for (int p = 0; p < 2; ++p)
                if (stream.meanLatencyMs[c][p] > 0)
                    means << toString(static_cast<TrafficClass>(c)) + u' ' +
                                 toString(static_cast<Protocol>(p)) + u' ' +
                                 QString::number(stream.meanLatencyMs[c][p], 'f', 2) + u" ms"_s;
        if (!means.isEmpty())
            line(u"  mean decision latency"_s, means.join(u", "_s));
    }
    if (locks.deadlocks || locks.victims)
        line(u"deadlocks"_s, QString::number(locks.deadlocks) + u" found, "_s +
                                 QString::number(locks.victims) + u" victims, detection mean "_s +
                                 QString::number(locks.meanDetectionMs, 'f', 2) + u" ms, max "_s +
                                 QString::number(locks.maxDetectionMs, 'f', 2) + u" ms"_s);
    line(u"edge queue p99 VOICE / DATA"_s, QString::number(voiceQueueP99Ms, 'f', 2) + u" / "_s +
                                               QString::number(dataQueueP99Ms, 'f', 2) + u" ms"_s);
    line(u"messages sent / delivered"_s,
         QString::number(messagesSent) + u" / "_s + QString::number(messagesDelivered));
    line(u"trace events"_s, QString::number(traceEvents) +
                                (traceDropped ? u" (and "_s + QString::number(traceDropped) +
                                                    u" dropped: the trace was full)"_s
                                              : QString()));
    if (!halted.isEmpty()) {
        line(u"services halted"_s, QString::number(halted.size()) + u" (storage failures)"_s);
        for (const QString &h : halted)
            t += u"  "_s + h + u'\n';
    }
    line(u"duration"_s, QString::number(wallSeconds, 'f', 2) + u" s wall, "_s +
                            QString::number(labSeconds, 'f', 2) + u" s lab"_s);
    if (host == u"sim"_s) {
        line(u"simulator speed"_s,
             QString::number(wallSeconds > 0 ? labSeconds / wallSeconds : 0, 'f', 1) +
                 u"x real time"_s);
        line(u"trace digest"_s, QString::fromLatin1(traceDigest));
    }
    line(u"checker"_s, checker.value(u"ok"_s).toBool()
                           ? u"ok ("_s +
                                 QString::number(checker.value(u"transactions"_s).toInteger()) +
                                 u" transactions)"_s
                           : u"VIOLATIONS"_s);
    t += checkerReport;
    for (const QString &f : findings)
        t += u"  * "_s + f + u'\n';
    return t;
}

QJsonObject Summary::toJson() const
{
    QJsonObject reasons;
    for (auto it = rejectedByReason.cbegin(); it != rejectedByReason.cend(); ++it)
        reasons.insert(it.key(), static_cast<qint64>(it.value()));
    QJsonObject aborts;
    for (auto it = abortReasons.cbegin(); it != abortReasons.cend(); ++it)
        aborts.insert(it.key(), it.value());
    return QJsonObject{
        {u"scenario"_s, scenario},
        {u"seed"_s, QString::number(seed)},
        {u"sessions"_s, sessions},
        {u"committed"_s, committed},
        {u"committed_voice"_s, voiceCommitted},
        {u"committed_data"_s, dataCommitted},
        {u"released"_s, released},
        {u"active"_s, active},
        {u"release_refused"_s, releaseRefused},
        {u"release_p99_ms"_s, releaseP99Ms},
        {u"aborted"_s, aborted},
        {u"abort_reasons"_s, aborts},
        {u"invalid"_s, invalid},
        {u"unknown"_s, unknown},
        {u"rejected_frames"_s, static_cast<qint64>(rejectedTotal)},
        {u"rejected_by_reason"_s, reasons},
        {u"latency_ms"_s,
         QJsonObject{{u"p50"_s, latencyP50Ms}, {u"p99"_s, latencyP99Ms}, {u"max"_s, latencyMaxMs}}},
        {u"messages_sent"_s, static_cast<qint64>(messagesSent)},
        {u"messages_delivered"_s, static_cast<qint64>(messagesDelivered)},
        {u"trace_events"_s, static_cast<qint64>(traceEvents)},
        {u"trace_dropped"_s, static_cast<qint64>(traceDropped)},
        {u"halted"_s, QJsonArray::fromStringList(halted)},
        {u"wall_seconds"_s, wallSeconds},
        {u"lab_seconds"_s, labSeconds},
        {u"host"_s, host},
        {u"trace_digest"_s, QString::fromLatin1(traceDigest)},
        {u"checker"_s, checker},
        {u"findings"_s, QJsonArray::fromStringList(findings)},
        {u"deadlocks"_s, QJsonObject{{u"found"_s, static_cast<qint64>(locks.deadlocks)},
                                     {u"victims"_s, static_cast<qint64>(locks.victims)},
                                     {u"mean_detection_ms"_s, locks.meanDetectionMs},
                                     {u"max_detection_ms"_s, locks.maxDetectionMs}}},
        {u"analytics"_s, QJsonObject{{u"events"_s, static_cast<qint64>(stream.events)},
                                     {u"decisions"_s, static_cast<qint64>(stream.decisions)},
                                     {u"gaps"_s, static_cast<qint64>(stream.gaps)},
                                     {u"duplicates"_s, static_cast<qint64>(stream.duplicates)},
                                     {u"released"_s, static_cast<qint64>(stream.released)},
                                     {u"mean_holding_ms"_s, stream.meanHoldingMs},
                                     {u"mean_latency_ms"_s,
                                      QJsonObject{{u"voice_2pc"_s, stream.meanLatencyMs[0][0]},
                                                  {u"voice_3pc"_s, stream.meanLatencyMs[0][1]},
                                                  {u"data_2pc"_s, stream.meanLatencyMs[1][0]},
                                                  {u"data_3pc"_s, stream.meanLatencyMs[1][1]}}}}},
    };
}

} // namespace edgecore
