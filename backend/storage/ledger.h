#pragma once
// The audit ledger: every transaction decision appended with the SHA-256 of the previous
// entry, in the deciding service's own log, so any later change to a past entry breaks the
// chain from that entry on (tamper-evident, not tamper-proof). Cutting entries off the end
// leaves a shorter chain that is still whole: the run's summary.json anchors each chain's
// entry count and head hash, and the verifier compares against it.

#include "storage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

class QTextStream;

namespace edgecore {

class AuditLedger
{
public:
    // Continues the chain from what the log already holds (after a restart).
    void restore(const QVector<LogRecord> &log);
    void append(Storage &storage, TxId tx, SessionId session, bool commit, qint64 labUs);
    quint64 entries() const { return m_entries; }
    QByteArray head() const { return m_lastHash; } // the last entry's hash (zeros: none)

    struct Verdict
    {
        bool ok = true;
        quint64 entries = 0;
        quint64 firstBroken = 0; // 1-based entry number, when not ok
        QString reason;
        QByteArray head; // the last entry's hash, when ok
    };
    static Verdict verify(const QVector<LogRecord> &log);

private:
    QByteArray m_lastHash = QByteArray(32, '\0');
    quint64 m_entries = 0;
};

// A service log read as evidence: the file is opened read-only, nothing is created beside it
// and no byte of it changes (a log with a -wal file, not closed, is read from a private copy).
struct LogFile
{
    QVector<LogRecord> records;
    QVector<qint64> rows; // each record's row id in the log table, to name it
};
// nullopt and *error (one line, without the file's name) when the file is empty, not SQLite,
// SQLite without EdgeCore's log table, or holds a row whose columns do not have their types.
std::optional<LogFile> readLogFile(const QString &path, QString *error);

// The anchor of every ledger in the service logs of dir (or dir/data), keyed by the log's
// name: {"sm-1": {"entries": 30, "head": "<hex SHA-256>"}}. Written into summary.json at the
// end of a run; logs without a ledger (or that cannot be read) are left out.
QJsonObject ledgerAnchors(const QString &dir);

// Checks every service log (*.sqlite) in dir or dir/data, against the anchors in
// dir/summary.json when it has them. Intact chains are reported on out, everything else on
// err; returns 0 if every chain is intact, 1 if one is broken, cut short or cannot be read,
// 2 if there is nothing to check.
int verifyLedgers(const QString &dir, QTextStream &out, QTextStream &err);

} // namespace edgecore
