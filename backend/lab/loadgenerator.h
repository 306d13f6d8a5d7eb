#pragma once
// Drives a number of session set-ups through a cluster, keeping a bounded number in flight,
// with subscribers and traffic classes drawn from a seed.

#include "cluster.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QVector>

#include <map>

namespace edgecore {

// How long committed sessions last, in lab ms: VOICE calls are exponential around a mean
// (capped), DATA sessions uniform between two bounds. Off: sessions never end.
struct Holding
{
    bool on = false;
    qint64 voiceMeanMs = 1000;
    qint64 voiceMaxMs = 5000;
    qint64 dataMinMs = 500;
    qint64 dataMaxMs = 3000;

    // A session's duration (0 when off), drawn from its own seeded stream so that turning
    // holding on changes no other draw.
    qint64 draw(const QString &trafficClass, Rng &rng) const;
    static Rng stream(quint64 seed) { return Rng::derive(seed, 0x401d); }
};

struct LoadSpec
{
    int sessions = 200;
    double voiceShare = 0.5;
    int concurrency = 8;                      // requests in flight at once
    int subscribers = 500;                    // distinct subscriber ids drawn from
    QString protocol = QStringLiteral("2PC"); // 2PC or 3PC for every session
    qint64 thinkMs = 0;  // lab ms a client waits after an answer before its next request
    QStringList classes; // if set, request i's class is classes[i % size] (not voiceShare)
    Holding holding;     // whether (and how long) sessions last before they are released

    // Request `index`'s traffic class, drawing from rng when no pattern is set.
    QString classFor(int index, Rng &rng) const;
};

// A run's replies counted: the set-ups answered, and the committed sessions that end and are
// still owed their release (request id -> session).
struct ReplyTally
{
    int setUps = 0;
    std::map<quint64, SessionId> owed;
};
ReplyTally tallyReplies(const QVector<ClientReply> &replies);

class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    LoadGenerator(LabEngine &lab, LoadSpec spec, quint64 seed, QObject *parent = nullptr);

    void start();
    // Submits nothing more; finished() comes once what was submitted is answered (and
    // released), or at once if nothing is owed.
    void cancel();
    // Every set-up answered and every committed session that ends released.
    bool isFinished() const
    {
        return (m_setups >= m_spec.sessions || (m_cancelled && m_mine.isEmpty())) &&
               m_owed.isEmpty();
    }
    int setUps() const { return m_setups; }
    // Set-up and release replies, in the order they came (unless told not to keep them: the
    // window keeps its own, and a load test of hours would hold millions).
    const QVector<ClientReply> &replies() const { return m_replies; }
    void setKeepReplies(bool keep) { m_keepReplies = keep; } // before start()

    static QString subscriberFor(quint64 index);

Q_SIGNALS:
    void progress(int done, int total);
    void finished();

private:
    void submitNext();
    void onReply(const edgecore::ClientReply &r);

    LabEngine &m_lab;
    LoadSpec m_spec;
    Rng m_rng;
    Rng m_holding;
    int m_submitted = 0;
    int m_setups = 0;
    bool m_cancelled = false;
    QSet<quint64> m_mine;
    QSet<quint64> m_owed; // committed sessions whose release is still to come
    QVector<ClientReply> m_replies;
    bool m_keepReplies = true;
};

} // namespace edgecore
