#pragma once
// The live event log: a window onto the TraceStore, read incrementally. refresh() appends the
// events that arrived since the last call; the window calls it at most ~30 times a second.
// It shows at most the last million events up to the cursor (or the live end): a view keeps a
// few bytes for every row it is given (a QTableView's header: about 8), which over an hour at
// full load would be gigabytes. Row r is event firstEvent() + r; the time cursor reaches any.

#include <QAbstractTableModel>
#include <QVector>

#include "trace/traceevent.h"

namespace edgecore {

class TraceStore;

class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static QString kindText(TraceKind kind); // the event's kind in the window's language
    enum Column {
        IndexCol,
        LabTimeCol,
        NodeCol,
        KindCol,
        WhatCol,
        PeerCol,
        TxCol,
        LamportCol,
        DetailCol,
        ColumnCount
    };

    static constexpr qsizetype kWindow = 1'000'000;  // rows shown at most
    static constexpr qsizetype kSlide = 250'000;     // rows let go from the top at once
    void setWindow(qsizetype rows, qsizetype slide); // other bounds (tests); before setStore()

    explicit EventLogModel(QObject *parent = nullptr);

    void setStore(const TraceStore *store);
    // Reads what was appended since the last call; returns how many rows were added. Standing
    // at a cursor, the log ends at the cursor's event and gains nothing.
    int refresh();
    // Shows events up to and including `event` only (the lab as it was then); -1: live.
    void setCursor(qsizetype event);
    qsizetype firstEvent() const { return m_first; } // the event row 0 shows
    qsizetype eventAt(int row) const { return m_first + row; }
    int rowOf(qsizetype event) const; // -1 when the log does not show it

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    const TraceEvent &event(int row) const;
    qsizetype shownSize() const; // the events shown: up to the cursor's, or all

    void trimTop(); // lets rows go from the top while more than kWindow + kSlide are shown

    const TraceStore *m_store = nullptr;
    qsizetype m_first = 0; // the event row 0 shows
    qsizetype m_window = kWindow;
    qsizetype m_slide = kSlide;
    qsizetype m_rows = 0;
    qsizetype m_cursor = -1;
    // Views ask for every cell and role of a row in turn; stored events never change, so the
    // last one fetched is kept instead of copying it out of the store for each cell.
    mutable int m_cachedRow = -1;
    mutable TraceEvent m_cached;
};

} // namespace edgecore
