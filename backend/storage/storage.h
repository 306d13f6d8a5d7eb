#pragma once
// A service's durable state: an append-only log of records. Appends are buffered and made
// durable together by flush() (group commit); the host flushes once per event-loop pass,
// before it writes any frame of that pass to a socket, so nothing is sent ahead of the
// record it depends on.

#include "core/types.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <functional>

namespace edgecore {

struct LogRecord
{
    QString kind; // "intent", "decision", "prepared", "outcome", ...
    TxId txId = 0;
    SessionId sessionId = 0;
    QString state; // e.g. "COMMIT"
    QByteArray data;
    qint64 labUs = 0;
};

class Storage
{
public:
    virtual ~Storage() = default;
    virtual void append(const LogRecord &r) = 0;
    // Makes every appended record durable; returns false (and keeps them) on an I/O error.
    virtual bool flush() = 0;
    virtual QVector<LogRecord> readAll() = 0;
    virtual QString lastError() const = 0;
    // Forgets what was appended and not yet flushed (a halted node's last step).
    virtual void discardPending() {}
    // Where the log lives, for messages (a file's path; empty in memory).
    virtual QString location() const { return {}; }
    // Called on every append that leaves something for flush() to make durable: the host
    // schedules a flush, whichever handler appended (a message, a timer, recovery at start).
    void setFlushNeeded(std::function<void()> f) { m_flushNeeded = std::move(f); }

protected:
    void flushNeeded() const
    {
        if (m_flushNeeded)
            m_flushNeeded();
    }

private:
    std::function<void()> m_flushNeeded;
};

// A log kept in memory: for runs without a data folder.
class MemoryStorage final : public Storage
{
public:
    void append(const LogRecord &r) override { m_records.push_back(r); }
    bool flush() override { return true; }
    QVector<LogRecord> readAll() override { return m_records; }
    QString lastError() const override { return {}; }

private:
    QVector<LogRecord> m_records;
};

// "cannot write /run/data/rm.sqlite: database or disk is full": what a failed log says.
QString storageFailure(const Storage &s, const QString &verb);

// The folder holding a run's service logs (*.sqlite): dir itself, or dir/data for a run's
// --out folder.
QString serviceLogFolder(const QString &dir);

} // namespace edgecore
