#pragma once
// Drives a number of session set-ups through a cluster, keeping a bounded number in flight,
// with subscribers and traffic classes drawn from a seed.

#include "cluster.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QVector>

namespace edgecore {

struct LoadSpec
{
    int sessions = 200;
    double voiceShare = 0.5;
    int concurrency = 8;                      // requests in flight at once
    int subscribers = 500;                    // distinct subscriber ids drawn from
    QString protocol = QStringLiteral("2PC"); // 2PC or 3PC for every session
    qint64 thinkMs = 0;  // lab ms a client waits after an answer before its next request
    QStringList classes; // if set, request i's class is classes[i % size] (not voiceShare)

    // Request `index`'s traffic class, drawing from rng when no pattern is set.
    QString classFor(int index, Rng &rng) const;
};

class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    LoadGenerator(Cluster &cluster, LoadSpec spec, quint64 seed, QObject *parent = nullptr);

    void start();
    bool isFinished() const { return m_replies.size() >= m_spec.sessions; }
    const QVector<ClientReply> &replies() const { return m_replies; }

    static QString subscriberFor(quint64 index);

Q_SIGNALS:
    void progress(int done, int total);
    void finished();

private:
    void submitNext();
    void onReply(const edgecore::ClientReply &r);

    Cluster &m_cluster;
    LoadSpec m_spec;
    Rng m_rng;
    int m_submitted = 0;
    QSet<quint64> m_mine;
    QVector<ClientReply> m_replies;
};

} // namespace edgecore
