#pragma once
// The sessions table: one row per submitted session request, updated as answers arrive.
// Changes are collected and applied in batches (at most ~30 a second) so a load test does not
// flood the view.

#include "host/service.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>
#include <QVector>

namespace edgecore {

class SessionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RequestCol,
        SessionCol,
        SubscriberCol,
        ClassCol,
        ProtocolCol,
        StateCol,
        LatencyCol,
        DurationCol,
        ReasonCol,
        ColumnCount
    };

    explicit SessionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    void clear();
    // Answers by outcome: a released session counts as COMMITTED and as RELEASED.
    int count(Outcome o) const { return m_counts.value(static_cast<int>(o)); }
    // Committed sessions not (yet) released.
    int activeCount() const { return count(Outcome::Committed) - count(Outcome::Released); }
    // Applies queued changes now (the timer does it otherwise).
    void applyPending();

public Q_SLOTS:
    void onSubmitted(quint64 requestId, const QString &subscriber, const QString &trafficClass,
                     const QString &protocol);
    void onFinished(const edgecore::ClientReply &reply);

private:
    struct Row
    {
        ClientReply reply;
        QString classText;
        bool released = false; // its release committed
        qint64 releaseUs = 0;  // from the session's end to its release answered
    };
    void schedule();

    QVector<Row> m_rows;
    QHash<quint64, int> m_rowOf; // request id -> row
    QVector<Row> m_newRows;
    QVector<ClientReply> m_updates;
    QHash<int, int> m_counts;
    QTimer m_batch;
};

} // namespace edgecore
