#pragma once
// What a run amounts to: outcomes, refused frames by reason, latency percentiles. Computed
// from the client replies and the trace; printed as one screen and written as JSON.

#include "core/types.h"
#include "host/service.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVector>

#include <vector>

namespace edgecore {

class TraceStore;
struct Summary;

// The client replies of a run folded as they come into what its summary needs: counts, abort
// reasons and latency percentiles from histograms of fixed resolution (a live window run at
// full load answers some 1,400 replies a second; keeping each for the summary grew the process
// by about 10 MB a minute, and so would a histogram keyed by the exact microsecond, whose
// distinct values run into the millions over latencies of up to seconds).
class ReplyFold
{
public:
    void add(const ClientReply &r);
    void clear() { *this = ReplyFold(); }
    quint64 replies() const { return m_replies; }
    // Fills the summary's outcome counts and percentiles.
    void fill(Summary &s) const;

    // Microsecond values and their nearest-rank percentiles, percentile()'s over the same
    // values in milliseconds. The first kExactValues are kept as they are (a headless run's
    // summary is exact); past them, all go into a log-linear histogram, exact below kExactUs
    // and then 2,048 buckets an octave, under 1 MB however wide: its percentiles are rounded
    // down to their bucket's lower edge, within 1/2,048 (0.05%). The maximum stays exact.
    class Histogram
    {
    public:
        static constexpr size_t kExactValues = size_t(1) << 18;
        static constexpr int kBits = 11;
        static constexpr qint64 kExactUs = qint64(2) << kBits; // 4,096 µs
        void add(qint64 us);
        quint64 size() const { return m_size; }
        bool exact() const { return !m_bucketed; }
        size_t buckets() const { return m_counts.size(); }
        double percentileMs(double p) const;
        // The bucket a value falls into, and a bucket's lowest value.
        static size_t bucketOf(qint64 us);
        static qint64 lowestOf(size_t bucket);

    private:
        void count(qint64 us);
        std::vector<qint64> m_values; // while exact
        bool m_bucketed = false;
        std::vector<quint64> m_counts;
        quint64 m_size = 0;
        qint64 m_max = 0;
    };

private:
    quint64 m_replies = 0;
    int m_sessions = 0, m_committed = 0, m_aborted = 0, m_invalid = 0, m_unknown = 0;
    int m_released = 0, m_releaseRefused = 0, m_voiceCommitted = 0, m_dataCommitted = 0;
    QMap<QString, int> m_abortReasons;
    Histogram m_releases, m_latencies, m_voiceQueue, m_dataQueue;
};

struct Summary
{
    QString scenario;
    quint64 seed = 0;
    int sessions = 0;
    int committed = 0;
    int aborted = 0;
    int invalid = 0;
    int unknown = 0; // the edge gave up waiting
    // The session lifecycle: of the committed sessions, those whose release committed, those
    // still set up at the end (never meant to end, or their release still under way), and
    // releases refused as having nothing to release.
    int released = 0;
    int active = 0;
    int releaseRefused = 0;
    double releaseP99Ms = 0; // from a session's end to its release answered
    int voiceCommitted = 0;
    int dataCommitted = 0;
    QMap<QString, int> abortReasons;
    QMap<QString, quint64> rejectedByReason;
    quint64 rejectedTotal = 0;
    quint64 messagesSent = 0;
    quint64 messagesDelivered = 0;
    quint64 traceEvents = 0;
    quint64 traceDropped = 0; // events past the trace store's capacity, never stored
    QStringList halted;       // "rm: cannot write ...": services that stopped on a storage error
    double latencyP50Ms = 0;
    double latencyP99Ms = 0;
    double latencyMaxMs = 0;
    double voiceQueueP99Ms = 0; // time waiting in the edge's scheduler, per class
    double dataQueueP99Ms = 0;
    double wallSeconds = 0;
    double labSeconds = 0;
    QString host = QStringLiteral("threads"); // or "sim"
    QByteArray traceDigest;                   // sim runs: equal for equal seeds
    QJsonObject checker;                      // the invariant checker's verdict
    QString checkerReport;                    // its lines, when it found something
    QStringList findings;                     // what a scenario script observed
    // The lock manager's work: cycles found, victims named (by detection or timeout), and
    // lab time from a cycle forming to its detection.
    struct Locks
    {
        quint64 deadlocks = 0;
        quint64 victims = 0;
        double meanDetectionMs = 0;
        double maxDetectionMs = 0;
    } locks;
    // What analytics made of the ordered event stream.
    struct Stream
    {
        bool present = false;
        quint64 events = 0;
        quint64 decisions = 0;
        quint64 gaps = 0;
        quint64 duplicates = 0;
        quint64 released = 0;                          // RELEASED events
        double meanHoldingMs = 0;                      // how long the released sessions lasted
        double meanLatencyMs[2][2] = {{0, 0}, {0, 0}}; // [class][protocol]
    } stream;

    static Summary compute(const QString &scenario, quint64 seed,
                           const QVector<ClientReply> &replies, const TraceStore &trace,
                           double wallSeconds);
    static Summary compute(const QString &scenario, quint64 seed, const ReplyFold &replies,
                           const TraceStore &trace, double wallSeconds);
    QString toText() const;
    QJsonObject toJson() const;
};

// Nearest-rank percentile of an unsorted sample, p in [0, 100]; 0 for an empty sample.
double percentile(QVector<double> values, double p);

} // namespace edgecore
