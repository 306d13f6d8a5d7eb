#include "ledger.h"

#include "sqlitestorage.h"

#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDir>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
const QString kKind = u"ledger"_s;

QByteArray chainHash(const QByteArray &prev, const QByteArray &entry)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prev);
    h.addData(entry);
    return h.result();
}
} // namespace

void AuditLedger::restore(const QVector<LogRecord> &log)
{
    for (const LogRecord &r : log) {
        if (r.kind != kKind)
            continue;
        m_lastHash = QCborValue::fromCbor(r.data).toMap().value(u"hash"_s).toByteArray();
        ++m_entries;
    }
}

void AuditLedger::append(Storage &storage, TxId tx, SessionId session, bool commit, qint64 labUs)
{
    const QByteArray entry = QCborValue(QCborMap{{u"n"_s, static_cast<qint64>(m_entries + 1)},
                                                 {u"tx"_s, static_cast<qint64>(tx)},
                                                 {u"session"_s, static_cast<qint64>(session)},
                                                 {u"decision"_s, commit ? u"COMMIT"_s : u"ABORT"_s},
                                                 {u"lab_us"_s, labUs}})
                                 .toCbor();
    const QByteArray hash = chainHash(m_lastHash, entry);
    const QCborMap record{{u"entry"_s, entry}, {u"prev"_s, m_lastHash}, {u"hash"_s, hash}};
    storage.append(LogRecord{kKind, tx, session, commit ? u"COMMIT"_s : u"ABORT"_s,
                             QCborValue(record).toCbor(), labUs});
    m_lastHash = hash;
    ++m_entries;
}

AuditLedger::Verdict AuditLedger::verify(const QVector<LogRecord> &log)
{
    Verdict v;
    QByteArray last(32, '\0');
    for (const LogRecord &r : log) {
        if (r.kind != kKind)
            continue;
        ++v.entries;
        if (!v.ok)
            continue; // count the rest; the first break is what matters
        const QCborMap m = QCborValue::fromCbor(r.data).toMap();
        const QByteArray entry = m.value(u"entry"_s).toByteArray();
        const QByteArray prev = m.value(u"prev"_s).toByteArray();
        const QByteArray hash = m.value(u"hash"_s).toByteArray();
        QString reason;
        if (prev != last)
            reason = u"does not follow the previous entry"_s;
        else if (chainHash(prev, entry) != hash)
            reason = u"its hash does not match its content"_s;
        else if (QCborValue::fromCbor(entry).toMap().value(u"decision"_s).toString() != r.state ||
                 static_cast<TxId>(
                     QCborValue::fromCbor(entry).toMap().value(u"tx"_s).toInteger()) != r.txId)
            reason = u"the logged decision differs from the hashed one"_s;
        if (!reason.isEmpty()) {
            v.ok = false;
            v.firstBroken = v.entries;
            v.reason = reason;
            continue;
        }
        last = hash;
    }
    return v;
}

int verifyLedgers(const QString &dir, QTextStream &out, QTextStream &err)
{
    if (!QDir(dir).exists()) {
        err << "edgecore-lab: no such folder " << dir << '\n';
        return 2;
    }
    const QDir d(serviceLogFolder(dir));
    int ledgers = 0;
    bool allOk = true;
    for (const QString &file : d.entryList({u"*.sqlite"_s}, QDir::Files, QDir::Name)) {
        SqliteStorage s;
        if (!s.open(d.filePath(file))) {
            err << "edgecore-lab: cannot open " << d.filePath(file) << ": " << s.lastError()
                << '\n';
            allOk = false;
            continue;
        }
        const AuditLedger::Verdict v = AuditLedger::verify(s.readAll());
        if (v.entries == 0 && v.ok)
            continue;
        ++ledgers;
        if (v.ok) {
            out << file << ": " << v.entries << " decisions, chain intact\n";
        } else {
            out << file << ": chain broken at entry " << v.firstBroken << " of " << v.entries
                << ": " << v.reason << '\n';
            allOk = false;
        }
    }
    if (ledgers == 0 && allOk) {
        err << "edgecore-lab: no audit ledger in " << d.path() << '\n';
        return 2;
    }
    return allOk ? 0 : 1;
}

} // namespace edgecore
