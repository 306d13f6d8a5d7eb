#include "ledger.h"

#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <map>

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

QString sqlMessage(const QSqlError &e)
{
    return e.databaseText().isEmpty() ? e.text() : e.databaseText();
}

// Every row of an open service log, each column checked to hold what SqliteStorage writes.
std::optional<LogFile> readRows(const QSqlDatabase &db, QString *why)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'log'"_s)) {
        *why = u"not a SQLite database ("_s + sqlMessage(q.lastError()) + u')';
        return std::nullopt;
    }
    if (!q.next() || q.value(0).toInt() == 0) {
        *why = u"not an EdgeCore service log (no log table)"_s;
        return std::nullopt;
    }
    if (!q.exec(u"SELECT id, kind, tx, session, state, data, lab_us, typeof(kind), typeof(tx), "
                "typeof(session), typeof(state), typeof(data), typeof(lab_us) FROM log "
                "ORDER BY id"_s)) {
        *why = u"not an EdgeCore service log ("_s + sqlMessage(q.lastError()) + u')';
        return std::nullopt;
    }
    static const char *const columns[] = {"kind", "tx", "session", "state", "data", "lab_us"};
    static const char *const types[] = {"text", "integer", "integer", "text", "blob", "integer"};
    LogFile log;
    while (q.next()) {
        const qint64 row = q.value(0).toLongLong();
        for (int c = 0; c < 6; ++c) {
            const QString type = q.value(7 + c).toString();
            if (type == QLatin1String(types[c]) || (c == 4 && type == u"null"_s))
                continue;
            *why = u"row "_s + QString::number(row) + u" does not parse: its "_s +
                   QLatin1String(columns[c]) + u" is "_s + type + u", not "_s +
                   QLatin1String(types[c]);
            return std::nullopt;
        }
        log.rows.push_back(row);
        log.records.push_back(LogRecord{q.value(1).toString(), q.value(2).toULongLong(),
                                        q.value(3).toULongLong(), q.value(4).toString(),
                                        q.value(5).toByteArray(), q.value(6).toLongLong()});
    }
    if (q.lastError().isValid()) {
        *why = u"cannot read its log: "_s + sqlMessage(q.lastError());
        return std::nullopt;
    }
    return log;
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
    if (v.ok)
        v.head = last;
    return v;
}

std::optional<LogFile> readLogFile(const QString &path, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<LogFile>();
    };
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(u"cannot open: "_s + f.errorString());
        if (f.size() == 0)
            return fail(u"empty file, not a SQLite database"_s);
        if (f.read(16) != QByteArray("SQLite format 3\0", 16))
            return fail(u"not a SQLite database"_s);
    }
    // A log closed cleanly is its file alone: read as immutable, SQLite takes no lock and
    // creates nothing (a plain read-only connection would leave an empty -wal and a -shm
    // beside it). A log with a -wal (still open, or its run killed) needs that read too: from
    // a private copy, so nothing appears or changes beside the original.
    QString source = path;
    std::optional<QTemporaryDir> copy;
    if (QFileInfo::exists(path + u"-wal"_s)) {
        copy.emplace();
        if (!copy->isValid())
            return fail(u"cannot copy it to read its -wal: "_s + copy->errorString());
        source = copy->filePath(u"log.sqlite"_s);
        if (!QFile::copy(path, source) || !QFile::copy(path + u"-wal"_s, source + u"-wal"_s))
            return fail(u"cannot copy it to read its -wal"_s);
    }
    QUrl url = QUrl::fromLocalFile(QFileInfo(source).absoluteFilePath());
    url.setQuery(copy ? u"mode=ro"_s : u"mode=ro&immutable=1"_s);

    const QString connection = u"evidence-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<LogFile> log;
    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
        db.setDatabaseName(url.toString(QUrl::FullyEncoded));
        if (db.open()) {
            log = readRows(db, &why);
            db.close();
        } else {
            why = u"cannot open: "_s + sqlMessage(db.lastError());
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!log)
        return fail(why);
    return log;
}

QJsonObject ledgerAnchors(const QString &dir)
{
    QJsonObject anchors;
    const QDir d(serviceLogFolder(dir));
    for (const QString &file : d.entryList({u"*.sqlite"_s}, QDir::Files, QDir::Name)) {
        const std::optional<LogFile> log = readLogFile(d.filePath(file), nullptr);
        if (!log)
            continue;
        AuditLedger ledger;
        ledger.restore(log->records);
        if (ledger.entries() == 0)
            continue;
        anchors.insert(QFileInfo(file).completeBaseName(),
                       QJsonObject{{u"entries"_s, static_cast<qint64>(ledger.entries())},
                                   {u"head"_s, QString::fromLatin1(ledger.head().toHex())}});
    }
    return anchors;
}

namespace {

struct Anchor
{
    quint64 entries = 0;
    QByteArray head;
};

// The ledger anchors in a run's summary.json. false and *error when the file is there but
// what it says cannot be taken as anchors; *anchored tells whether it had any.
bool readAnchors(const QString &path, std::map<QString, Anchor> &anchors, bool &anchored,
                 QString *error)
{
    anchored = false;
    QFile f(path);
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + u": cannot open: "_s + f.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = path + u": not a JSON object"_s;
        return false;
    }
    const QJsonObject summary = doc.object();
    if (!summary.contains(u"ledgers"_s))
        return true;
    anchored = true;
    const QJsonValue ledgers = summary.value(u"ledgers"_s);
    if (!ledgers.isObject()) {
        *error = path + u": \"ledgers\" is not an object"_s;
        return false;
    }
    const QJsonObject all = ledgers.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject a = it.value().toObject();
        const double entries = a.value(u"entries"_s).toDouble(-1);
        const QString head = a.value(u"head"_s).toString();
        const bool hex = head.size() == 64 && std::all_of(head.begin(), head.end(), [](QChar c) {
                             return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
                         });
        if (!(entries >= 1 && entries <= 9007199254740992.0 && entries == std::floor(entries)) ||
            !hex) {
            *error = path + u": the ledger anchor of "_s + it.key() + u" does not parse"_s;
            return false;
        }
        anchors[it.key()] =
            Anchor{static_cast<quint64>(entries), QByteArray::fromHex(head.toLatin1())};
    }
    return true;
}

} // namespace

int verifyLedgers(const QString &dir, QTextStream &out, QTextStream &err)
{
    if (!QDir(dir).exists()) {
        err << "edgecore-lab: no such folder " << dir << '\n';
        return 2;
    }
    const QString summaryPath = QDir(dir).filePath(u"summary.json"_s);
    std::map<QString, Anchor> anchors;
    bool anchored = false;
    QString error;
    if (!readAnchors(summaryPath, anchors, anchored, &error)) {
        err << "edgecore-lab: " << error << '\n';
        return 1;
    }
    const QDir d(serviceLogFolder(dir));
    int ledgers = 0;
    bool allOk = true;
    for (const QString &file : d.entryList({u"*.sqlite"_s}, QDir::Files, QDir::Name)) {
        const QString name = QFileInfo(file).completeBaseName();
        const auto anchor = anchors.find(name);
        const bool isAnchored = anchor != anchors.end();
        const Anchor a = isAnchored ? anchor->second : Anchor{};
        if (isAnchored)
            anchors.erase(anchor); // what is left at the end is missing
        const std::optional<LogFile> log = readLogFile(d.filePath(file), &error);
        if (!log) {
            err << "edgecore-lab: " << d.filePath(file) << ": " << error << '\n';
            allOk = false;
            continue;
        }
        const AuditLedger::Verdict v = AuditLedger::verify(log->records);
        if (v.entries == 0 && !isAnchored)
            continue;
        ++ledgers;
        QString broken;
        if (!v.ok)
            broken = u"chain broken at entry "_s + QString::number(v.firstBroken) + u" of "_s +
                     QString::number(v.entries) + u": "_s + v.reason;
        else if (anchored && !isAnchored)
            broken = QString::number(v.entries) +
                     u" decisions, but summary.json anchors no ledger for "_s + name;
        else if (isAnchored && v.entries < a.entries)
            broken = u"chain truncated: "_s + QString::number(v.entries) + u" decisions, "_s +
                     QString::number(a.entries) + u" anchored in summary.json"_s;
        else if (isAnchored && v.entries > a.entries)
            broken = u"chain broken: "_s + QString::number(v.entries) + u" decisions, "_s +
                     QString::number(a.entries) + u" anchored in summary.json"_s;
        else if (isAnchored && v.head != a.head)
            broken = u"chain broken: its head is not the one anchored in summary.json"_s;
        if (!broken.isEmpty()) {
            err << "edgecore-lab: " << file << ": " << broken << '\n';
            allOk = false;
            continue;
        }
        out << file << ": " << v.entries << " decisions, chain intact"
            << (isAnchored ? ", head matches summary.json" : "") << '\n';
    }
    for (const auto &[name, a] : anchors) {
        err << "edgecore-lab: " << d.filePath(name + u".sqlite"_s) << ": missing (" << a.entries
            << " decisions anchored in summary.json)\n";
        allOk = false;
    }
    if (ledgers == 0 && allOk) {
        err << "edgecore-lab: no audit ledger in " << d.path() << '\n';
        return 2;
    }
    if (!anchored && ledgers > 0)
        out << "heads not anchored ("
            << (QFileInfo::exists(summaryPath) ? u"no ledger anchors in "_s : u"no "_s)
            << summaryPath << "): entries cut from the end of a chain cannot be detected\n";
    return allOk ? 0 : 1;
}

} // namespace edgecore
