#include "eventlogmodel.h"

#include "detailtext.h"
#include "trace/facts.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString EventLogModel::kindText(TraceKind kind)
{
    switch (kind) {
    case TraceKind::Send:
        return tr("send");
    case TraceKind::Deliver:
        return tr("deliver");
    case TraceKind::Reject:
        return tr("refused");
    case TraceKind::State:
        return tr("state");
    case TraceKind::DsmWrite:
        return tr("dsm write");
    case TraceKind::Session:
        return tr("session");
    case TraceKind::Connection:
        return tr("connection");
    case TraceKind::Note:
        return tr("note");
    case TraceKind::Vote:
        return tr("vote");
    case TraceKind::Decide:
        return tr("decision");
    case TraceKind::Lease:
        return tr("lease");
    case TraceKind::Event:
        return tr("stream event");
    case TraceKind::Drop:
        return tr("lost");
    case TraceKind::Fault:
        return tr("fault");
    case TraceKind::Lock:
        return tr("lock");
    case TraceKind::Halt:
        return tr("halt");
    }
    return toString(kind);
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

const TraceEvent &EventLogModel::event(int row) const
{
    if (row != m_cachedRow) {
        m_cached = m_store->at(m_first + row);
        m_cachedRow = row;
    }
    return m_cached;
}

void EventLogModel::setStore(const TraceStore *store)
{
    beginResetModel();
    m_store = store;
    m_cachedRow = -1;
    m_first = 0;
    m_rows = 0;
    m_cursor = -1;
    endResetModel();
    refresh();
}

qsizetype EventLogModel::shownSize() const
{
    const qsizetype size = m_store->size();
    return m_cursor >= 0 ? std::min(size, m_cursor + 1) : size;
}

void EventLogModel::setWindow(qsizetype rows, qsizetype slide)
{
    m_window = std::max<qsizetype>(1, rows);
    m_slide = std::max<qsizetype>(1, slide);
}

int EventLogModel::rowOf(qsizetype event) const
{
    return event >= m_first && event < m_first + m_rows ? static_cast<int>(event - m_first) : -1;
}

void EventLogModel::setCursor(qsizetype event)
{
    m_cursor = event;
    if (!m_store)
        return;
    const qsizetype end = shownSize();
    if ((end <= m_first && m_first > 0) || end - m_first > m_window + m_slide) {
        // Before the rows shown, or far past them: the window moves there whole.
        beginResetModel();
        m_cachedRow = -1;
        m_first = std::max<qsizetype>(0, end - m_window);
        m_rows = end - m_first;
        endResetModel();
    } else if (end < m_first + m_rows) {
        beginRemoveRows({}, static_cast<int>(end - m_first), static_cast<int>(m_rows) - 1);
        m_rows = end - m_first;
        endRemoveRows();
    } else {
        refresh();
    }
}

void EventLogModel::trimTop()
{
    if (m_rows <= m_window + m_slide)
        return;
    const qsizetype gone = m_rows - m_window;
    beginRemoveRows({}, 0, static_cast<int>(gone) - 1);
    m_first += gone;
    m_rows -= gone;
    m_cachedRow = -1;
    endRemoveRows();
}

int EventLogModel::refresh()
{
    if (!m_store)
        return 0;
    const qsizetype end = shownSize();
    if (end <= m_first + m_rows)
        return 0;
    if (end - m_first - m_rows > m_window + m_slide) {
        // Far behind (a long run opened, the first refresh of a busy one): only its end.
        const int added = static_cast<int>(std::min(end - m_first - m_rows, m_window));
        beginResetModel();
        m_cachedRow = -1;
        m_first = end - m_window;
        m_rows = m_window;
        endResetModel();
        return added;
    }
    const int added = static_cast<int>(end - m_first - m_rows);
    beginInsertRows({}, static_cast<int>(m_rows), static_cast<int>(end - m_first) - 1);
    m_rows = end - m_first;
    endInsertRows();
    trimTop();
    return added;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows);
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!m_store || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ForegroundRole)
        return {};
    const TraceEvent &e = event(index.row());
    if (role == Qt::ForegroundRole) {
        if (e.kind == TraceKind::Reject || e.kind == TraceKind::Halt)
            return QBrush(QColor(0xb0, 0x3a, 0x2e));
        return {};
    }
    switch (index.column()) {
    case IndexCol:
        return QVariant::fromValue(m_first + index.row());
    case LabTimeCol:
        return QLocale().toString(e.labUs / 1000.0, 'f', 3);
    case NodeCol:
        return m_store->nodeName(e.node);
    case KindCol:
        return kindText(e.kind);
    case WhatCol:
        if (e.kind == TraceKind::Send || e.kind == TraceKind::Deliver ||
            e.kind == TraceKind::Reject)
            return e.msgType ? toString(static_cast<MsgType>(e.msgType)) : QString();
        return detailtext::translate(factValue(e)); // YES, COMMIT, leader (token 2), ...
    case PeerCol:
        return m_store->nodeName(e.peer);
    case TxCol:
        return formatId(e.txId);
    case LamportCol:
        return QVariant::fromValue(e.lamport);
    case DetailCol:
        return detailtext::translate(e.detail);
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexCol:
        return tr("#");
    case LabTimeCol:
        return tr("Lab time (ms)");
    case NodeCol:
        return tr("Node");
    case KindCol:
        return tr("Event");
    case WhatCol:
        return tr("Message");
    case PeerCol:
        return tr("Peer");
    case TxCol:
        return tr("Transaction");
    case LamportCol:
        return tr("Lamport");
    case DetailCol:
        return tr("Detail");
    }
    return {};
}

} // namespace edgecore
