#include "sessionsmodel.h"

#include "detailtext.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SessionsModel::SessionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(33);
    connect(&m_batch, &QTimer::timeout, this, &SessionsModel::applyPending);
}

int SessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SessionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ClientReply &r = row.reply;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RequestCol:
            return QVariant::fromValue(r.requestId);
        case SessionCol:
            return formatId(r.sessionId);
        case SubscriberCol:
            return r.subscriber;
        case ClassCol:
            return row.classText;
        case ProtocolCol:
            return toString(r.protocol);
        case StateCol:
            // A committed session is ACTIVE until its release commits.
            if (row.released)
                return detailtext::translate(u"RELEASED"_s);
            return detailtext::translate(r.outcome == Outcome::Committed ? u"ACTIVE"_s
                                                                         : toString(r.outcome));
        case DurationCol:
            return r.durationMs > 0 ? QVariant(QLocale().toString(r.durationMs / 1000.0, 'f', 2))
                                    : QVariant();
        case LatencyCol:
            return r.outcome == Outcome::Pending
                       ? QVariant()
                       : QVariant(QLocale().toString(r.latencyUs / 1000.0, 'f', 2));
        case ReasonCol:
            return detailtext::translate(r.reason);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StateCol && row.released)
        return tr("Released %L1 ms after it ended").arg(row.releaseUs / 1000.0, 0, 'f', 2);
    if (role == Qt::ForegroundRole && index.column() == StateCol) {
        if (row.released)
            return QBrush(QColor(0x4a, 0x5a, 0x6a));
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

void SessionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_newRows.clear();
    m_updates.clear();
    m_counts.clear();
    endResetModel();
}

void SessionsModel::onSubmitted(quint64 requestId, const QString &subscriber,
                                const QString &trafficClass, const QString &protocol)
{
    Row row;
    row.reply.requestId = requestId;
    row.reply.subscriber = subscriber;
    row.reply.protocol = parseProtocol(protocol).value_or(Protocol::TwoPhase);
    row.classText = trafficClass;
    m_newRows.push_back(row);
    schedule();
}

void SessionsModel::onFinished(const ClientReply &reply)
{
    m_updates.push_back(reply);
    schedule();
}

void SessionsModel::schedule()
{
    if (!m_batch.isActive())
        m_batch.start();
}

void SessionsModel::applyPending()
{
    if (!m_newRows.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(m_newRows.size()) - 1);
        for (Row &row : m_newRows) {
            m_rowOf.insert(row.reply.requestId, static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        m_newRows.clear();
        endInsertRows();
    }
    int top = -1;
    int bottom = -1;
    for (const ClientReply &r : std::as_const(m_updates)) {
        const auto it = m_rowOf.constFind(r.requestId);
        if (it == m_rowOf.cend())
            continue;
        Row &row = m_rows[*it];
        m_counts[static_cast<int>(r.outcome)]++;
        if (r.release) { // the second answer: the session ended and was released
            row.released = r.outcome == Outcome::Released;
            row.releaseUs = r.latencyUs;
        } else {
            row.reply = r;
            if (r.outcome != Outcome::Invalid)
                row.classText = toString(r.trafficClass);
        }
        top = top < 0 ? *it : std::min(top, *it);
        bottom = std::max(bottom, *it);
    }
    m_updates.clear();
    if (top >= 0)
        Q_EMIT dataChanged(index(top, 0), index(bottom, ColumnCount - 1));
}

} // namespace edgecore
