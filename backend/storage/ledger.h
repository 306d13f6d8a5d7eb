#pragma once
// The audit ledger: every transaction decision appended with the SHA-256 of the previous
// entry, in the deciding service's own log, so any later change to a past entry breaks the
// chain from that entry on (tamper-evident, not tamper-proof).

#include "storage.h"

#include <QByteArray>
#include <QString>
#include <QVector>

class QTextStream;

namespace edgecore {

class AuditLedger
{
public:
    // Continues the chain from what the log already holds (after a restart).
    void restore(const QVector<LogRecord> &log);
    void append(Storage &storage, TxId tx, SessionId session, bool commit, qint64 labUs);
    quint64 entries() const { return m_entries; }

    struct Verdict
    {
        bool ok = true;
        quint64 entries = 0;
        quint64 firstBroken = 0; // 1-based entry number, when not ok
        QString reason;
    };
    static Verdict verify(const QVector<LogRecord> &log);

private:
    QByteArray m_lastHash = QByteArray(32, '\0');
    quint64 m_entries = 0;
};

// Checks every service log (*.sqlite) in dir or dir/data. Prints a line per ledger and
// returns 0 if every chain is intact, 1 if one is broken, 2 if there is nothing to check.
int verifyLedgers(const QString &dir, QTextStream &out, QTextStream &err);

} // namespace edgecore
