#pragma once
// The sessions table: one row per client request the edge took, a view over SessionFold (the
// trace folded), live or as it was at the time cursor. refresh() reads what the trace gained
// since the last call; the window calls it with its other views (~30 times a second).

#include "timeline/sessionfold.h"

#include <QAbstractTableModel>

namespace edgecore {

class TraceStore;

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

    // The trace to fold (nullptr: none); the table starts again from its first event. With
    // heldBlocks, the fold keeps that many blocks of rows (SessionFold::holdBlocks()).
    void setStore(const TraceStore *store, qsizetype heldBlocks = 0,
                  int blockRows = SessionFold::kBlockRows);
    // Folds what the trace gained; shows it when live. Returns the rows added.
    int refresh();
    // Shows the table as it was after trace event `event`; -1: live.
    void setCursor(qsizetype event);
    const SessionFold &fold() const { return m_fold; }
    const SessionRow &row(int r) const { return m_fold.row(r); } // until the next call

    // Answers by outcome (the whole run): a released session counts as COMMITTED and as
    // RELEASED.
    int count(Outcome o) const { return m_fold.count(o); }
    // Committed sessions not (yet) released.
    int activeCount() const { return count(Outcome::Committed) - count(Outcome::Released); }

private:
    qsizetype shownUpTo() const; // the last event the table shows

    const TraceStore *m_store = nullptr;
    SessionFold m_fold;
    qsizetype m_cursor = -1;
    int m_rows = 0; // rows shown
};

} // namespace edgecore
