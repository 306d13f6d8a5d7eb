#pragma once
// One SQLite file per service (WAL, synchronous=FULL). Must be used from one thread: the one
// that opened it.

#include "storage.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

namespace edgecore {

class SqliteStorage final : public Storage
{
public:
    SqliteStorage() = default;
    ~SqliteStorage() override;
    SqliteStorage(const SqliteStorage &) = delete;
    SqliteStorage &operator=(const SqliteStorage &) = delete;

    // durable: synchronous=FULL, every flush on disk before it returns. The simulator, whose
    // crashes keep the storage object, opens its files without (synchronous=OFF).
    bool open(const QString &path, bool durable = true);
    void close();
    QString path() const { return m_path; }

    void append(const LogRecord &r) override;
    bool flush() override;
    QVector<LogRecord> readAll() override;
    QString lastError() const override { return m_error; }
    QString location() const override { return m_path; }
    void discardPending() override { m_pending.clear(); }
    quint64 flushCount() const { return m_flushes; }

private:
    QString m_connection;
    QString m_path;
    QString m_error;
    QVector<LogRecord> m_pending;
    std::optional<QSqlQuery> m_insert;
    quint64 m_flushes = 0;
};

} // namespace edgecore
