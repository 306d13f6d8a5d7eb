#include "sessionsmodel.h"

#include "detailtext.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include "trace/tracestore.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SessionsModel::SessionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int SessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SessionRow &r = row(index.row());
    const qsizetype at = shownUpTo();
    const bool answered = r.answeredBy(at);
    const bool released = r.releasedBy(at);
    const SessionPhase phase = r.phaseAt(at);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RequestCol:
            return QVariant::fromValue(r.requestId);
        case SessionCol:
            return formatId(r.session);
        case SubscriberCol:
            return r.subscriber;
        case ClassCol:
            return r.session ? toString(r.trafficClass) : QString();
        case ProtocolCol:
            return r.session ? toString(r.protocol) : QString();
        case StateCol:
            return detailtext::translate(toString(phase));
        case DurationCol:
            return answered && r.durationMs > 0
                       ? QVariant(QLocale().toString(r.durationMs / 1000.0, 'f', 2))
                       : QVariant();
        case LatencyCol:
            return answered ? QVariant(QLocale().toString(r.latencyUs / 1000.0, 'f', 2))
                            : QVariant();
        case ReasonCol:
            return answered ? detailtext::translate(r.reason) : QString();
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StateCol && released)
        return tr("Released %L1 ms after it ended").arg(r.releaseUs / 1000.0, 0, 'f', 2);
    if (role == Qt::ForegroundRole && index.column() == StateCol) {
        if (released)
            return QBrush(QColor(0x4a, 0x5a, 0x6a));
        if (!answered)
            return QBrush(QColor(0x2f, 0x5d, 0x9a)); // under way
        switch (r.outcome) {
        case Outcome::Committed:
            return QBrush(QColor(0x1b, 0x7f, 0x3b));
        case Outcome::Aborted:
            return QBrush(QColor(0xb0, 0x3a, 0x2e));
        case Outcome::Invalid:
        case Outcome::Unknown:
            return QBrush(QColor(0x8a, 0x6d, 0x00));
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == RequestCol || index.column() == LatencyCol ||
         index.column() == DurationCol))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SessionsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RequestCol:
        return tr("Request");
    case SessionCol:
        return tr("Session");
    case SubscriberCol:
        return tr("Subscriber");
    case ClassCol:
        return tr("Class");
    case ProtocolCol:
        return tr("Protocol");
    case StateCol:
        return tr("State");
    case LatencyCol:
        return tr("Latency (ms)");
    case DurationCol:
        return tr("Lasts (s)");
    case ReasonCol:
        return tr("Reason");
    }
    return {};
}

qsizetype SessionsModel::shownUpTo() const
{
    return m_cursor < 0 ? m_fold.consumed() : m_cursor;
}

void SessionsModel::setStore(const TraceStore *store, qsizetype heldBlocks, int blockRows)
{
    beginResetModel();
    m_store = store;
    m_fold.clear();
    if (heldBlocks > 0)
        m_fold.holdBlocks(heldBlocks, blockRows);
    m_rows = 0;
    m_cursor = -1;
    endResetModel();
    refresh();
}

int SessionsModel::refresh()
{
    if (!m_store)
        return 0;
    m_fold.advance(*m_store);
    const qsizetype changedFrom = m_fold.takeChangedFrom();
    if (m_cursor >= 0)
        return 0; // the table stands at the cursor; live shows all of it again
    const int before = m_rows;
    const int now = static_cast<int>(m_fold.rowCount());
    if (changedFrom >= 0 && changedFrom < before)
        Q_EMIT dataChanged(index(static_cast<int>(changedFrom), 0),
                           index(before - 1, ColumnCount - 1));
    if (now > before) {
        beginInsertRows({}, before, now - 1);
        m_rows = now;
        endInsertRows();
    }
    return now - before;
}

void SessionsModel::setCursor(qsizetype event)
{
    if (event == m_cursor)
        return;
    m_fold.takeChangedFrom();
    const int rows = static_cast<int>(event < 0 ? m_fold.rowCount() : m_fold.rowsAt(event));
    // Rows come and go at the end only: keep the view's selection and scroll where it can.
    if (rows < m_rows) {
        beginRemoveRows({}, rows, m_rows - 1);
        m_cursor = event;
        m_rows = rows;
        endRemoveRows();
    } else if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_cursor = event;
        m_rows = rows;
        endInsertRows();
    }
    m_cursor = event;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

} // namespace edgecore
