#include "sqlitestorage.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SqliteStorage::~SqliteStorage()
{
    close();
}

bool SqliteStorage::open(const QString &path, bool durable)
{
    close();
    m_path = path;
    m_connection = u"storage-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    const QStringList setup{
        u"PRAGMA journal_mode=WAL"_s,
        durable ? u"PRAGMA synchronous=FULL"_s : u"PRAGMA synchronous=OFF"_s,
        u"CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
        "tx INTEGER NOT NULL, session INTEGER NOT NULL, state TEXT NOT NULL, data BLOB, "
        "lab_us INTEGER NOT NULL)"_s};
    for (const QString &sql : setup) {
        if (!q.exec(sql)) {
            m_error = q.lastError().text();
            return false;
        }
    }
    // Prepared once: flush() runs on every event-loop pass that appended something.
    m_insert.emplace(db);
    if (!m_insert->prepare(u"INSERT INTO log (kind, tx, session, state, data, lab_us) "
                           "VALUES (?, ?, ?, ?, ?, ?)"_s)) {
        m_error = m_insert->lastError().text();
        m_insert.reset();
        return false;
    }
    return true;
}

void SqliteStorage::close()
{
    if (m_connection.isEmpty())
        return;
    flush();
    m_insert.reset(); // a statement must not outlive its connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

void SqliteStorage::append(const LogRecord &r)
{
    m_pending.push_back(r);
    flushNeeded();
}

bool SqliteStorage::flush()
{
    if (m_pending.isEmpty() || !m_insert)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        m_error = db.lastError().text();
        return false;
    }
    QSqlQuery &q = *m_insert;
    for (const LogRecord &r : std::as_const(m_pending)) {
        q.bindValue(0, r.kind);
        q.bindValue(1, static_cast<qint64>(r.txId));
        q.bindValue(2, static_cast<qint64>(r.sessionId));
        q.bindValue(3, r.state);
        q.bindValue(4, r.data);
        q.bindValue(5, r.labUs);
        if (!q.exec()) {
            m_error = q.lastError().text();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        m_error = db.lastError().text();
        return false;
    }
    m_pending.clear();
    ++m_flushes;
    return true;
}

QVector<LogRecord> SqliteStorage::readAll()
{
    flush();
    QVector<LogRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(u"SELECT kind, tx, session, state, data, lab_us FROM log ORDER BY id"_s)) {
        m_error = q.lastError().text();
        return out;
    }
    while (q.next()) {
        out.push_back(LogRecord{q.value(0).toString(), q.value(1).toULongLong(),
                                q.value(2).toULongLong(), q.value(3).toString(),
                                q.value(4).toByteArray(), q.value(5).toLongLong()});
    }
    return out;
}

QString storageFailure(const Storage &s, const QString &verb)
{
    const QString where = s.location().isEmpty() ? u"its log"_s : s.location();
    return u"cannot "_s + verb + u' ' + where + u": "_s + s.lastError();
}

QString serviceLogFolder(const QString &dir)
{
    const QDir d(dir);
    if (d.entryList({QStringLiteral("*.sqlite")}, QDir::Files).isEmpty() &&
        d.exists(QStringLiteral("data")))
        return d.filePath(QStringLiteral("data"));
    return d.path();
}

} // namespace edgecore
