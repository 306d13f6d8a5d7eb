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
        m_cached = m_store->at(row);
        m_cachedRow = row;
    }
    return m_cached;
}

void EventLogModel::setStore(const TraceStore *store)
{
    beginResetModel();
    m_store = store;
    m_cachedRow = -1;
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

void EventLogModel::setCursor(qsizetype event)
{
    m_cursor = event;
    if (!m_store)
        return;
    const qsizetype size = shownSize();
    if (size < m_rows) {
        beginRemoveRows({}, static_cast<int>(size), static_cast<int>(m_rows) - 1);
        m_rows = size;
        endRemoveRows();
    } else {
        refresh();
    }
}

int EventLogModel::refresh()
{
    if (!m_store)
        return 0;
    const qsizetype size = shownSize();
    if (size <= m_rows)
        return 0;
    const int added = static_cast<int>(size - m_rows);
    beginInsertRows({}, static_cast<int>(m_rows), static_cast<int>(size) - 1);
    m_rows = size;
    endInsertRows();
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
        return index.row();
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
