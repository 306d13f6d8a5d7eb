// The audit ledger and the dead-letter queue read back as evidence, from real SQLite files: the
// chain's head anchored in summary.json (so a cut-off end is caught), broken chains and
// unreadable files as one-line errors on stderr, and not a byte of the evidence changed.

#include "lab/deadletters.h"
#include "storage/ledger.h"
#include "storage/sqlitestorage.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QVariant>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kDecisions = 30;

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

enum class Verb { VerifyLedger, DeadLetters };

Result run(Verb verb, const QString &dir)
{
    Result r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code =
        verb == Verb::VerifyLedger ? verifyLedgers(dir, out, err) : listDeadLetters(dir, out, err);
    out.flush();
    err.flush();
    return r;
}

QByteArray cbor(const QCborValue &v)
{
    return v.toCbor();
}

// What a coordinator logs: a ledger entry per decision, two dead letters (the second one
// acknowledged at last), as SessionManager writes them.
void appendRun(SqliteStorage &s)
{
    AuditLedger ledger;
    for (int i = 1; i <= kDecisions; ++i)
        ledger.append(s, TxId(i), SessionId(100 + i), i % 4 != 0, qint64(i) * 1000);
    s.append(LogRecord{u"dead-letter"_s, 2, 102, u"COMMIT"_s,
                       cbor(QCborMap{{u"to"_s, 4}, {u"token"_s, 1}}), 50'000});
    s.append(LogRecord{u"dead-letter"_s, 3, 103, u"ABORT"_s,
                       cbor(QCborMap{{u"to"_s, 5}, {u"token"_s, 1}}), 51'000});
    s.append(
        LogRecord{u"dead-letter-done"_s, 3, 103, u"ACKED"_s, cbor(QCborMap{{u"to"_s, 5}}), 52'000});
    QVERIFY(s.flush());
}

void writeSummary(const QString &dir, const QJsonObject &anchors)
{
    QFile f(QDir(dir).filePath(u"summary.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        QJsonDocument(QJsonObject{{u"scenario"_s, u"demo"_s}, {u"ledgers"_s, anchors}}).toJson());
}

// A run's folder as runHeadless leaves it: data/sm-1.sqlite, closed, and (anchor) summary.json
// with the ledger's anchor.
void writeRun(const QString &dir, bool anchor = true)
{
    QVERIFY(QDir().mkpath(QDir(dir).filePath(u"data"_s)));
    {
        SqliteStorage s;
        QVERIFY(s.open(QDir(dir).filePath(u"data/sm-1.sqlite"_s)));
        appendRun(s);
    }
    if (anchor)
        writeSummary(dir, ledgerAnchors(dir));
}

// A run killed before its logs were closed: sm-1.sqlite with its decisions still in the -wal.
void writeKilledRun(const QString &dir, const QString &scratch)
{
    QVERIFY(QDir().mkpath(QDir(dir).filePath(u"data"_s)));
    const QString live = QDir(scratch).filePath(u"sm-1.sqlite"_s);
    const QString left = QDir(dir).filePath(u"data/sm-1.sqlite"_s);
    {
        SqliteStorage s;
        QVERIFY(s.open(live));
        appendRun(s);
        QVERIFY(QFile::exists(live + u"-wal"_s));
        QVERIFY(QFile::copy(live, left));
        QVERIFY(QFile::copy(live + u"-wal"_s, left + u"-wal"_s));
    }
    writeSummary(dir, ledgerAnchors(scratch)); // the closed original's anchor
}

// Runs statements against a log as someone tampering with it would (read-write), each ? bound
// to blob.
void tamper(const QString &path, const QString &sql, const QByteArray &blob = {})
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.prepare(sql));
        if (sql.contains(u'?'))
            q.addBindValue(blob);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tamper"_s);
}

qint64 rowOf(const QString &path, const QString &kind, int offset = 0)
{
    qint64 id = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"row"_s);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(u"SELECT id FROM log WHERE kind = ? ORDER BY id LIMIT 1 OFFSET ?"_s);
            q.addBindValue(kind);
            q.addBindValue(offset);
            if (q.exec() && q.next())
                id = q.value(0).toLongLong();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(u"row"_s);
    return id;
}

// The bytes of a SQLite file that is not an EdgeCore service log.
QByteArray foreignSqlite()
{
    QTemporaryDir scratch;
    const QString path = scratch.filePath(u"other.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery(db).exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s);
            QSqlQuery(db).exec(u"INSERT INTO notes (text) VALUES ('not a log')"_s);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(u"foreign"_s);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Every file under dir with the SHA-256 of its bytes.
QStringList snapshot(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        const QByteArray sum =
            f.open(QIODevice::ReadOnly)
                ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                : QByteArray("unreadable");
        files << QDir(dir).relativeFilePath(path) + u' ' + QString::fromLatin1(sum.toHex());
    }
    files.sort();
    return files;
}

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anchorsAndIntactChain();
    void tampering_data();
    void tampering();
    void unanchoredChainSaysSo();
    void unreadableLog_data();
    void unreadableLog();
    void evidenceIsNotWritten_data();
    void evidenceIsNotWritten();
    void unparsableDeadLetter_data();
    void unparsableDeadLetter();
};

void TestLedger::anchorsAndIntactChain()
{
    QTemporaryDir dir;
    writeRun(dir.path());
    const QJsonObject anchors = ledgerAnchors(dir.path());
    QCOMPARE(anchors.keys(), QStringList{u"sm-1"_s});
    const QJsonObject sm1 = anchors.value(u"sm-1"_s).toObject();
    QCOMPARE(sm1.value(u"entries"_s).toInteger(), kDecisions);
    // The head is the hash the last entry carries.
    SqliteStorage s;
    QVERIFY(s.open(dir.filePath(u"data/sm-1.sqlite"_s)));
    AuditLedger ledger;
    ledger.restore(s.readAll());
    s.close();
    QCOMPARE(sm1.value(u"head"_s).toString(), QString::fromLatin1(ledger.head().toHex()));
    QCOMPARE(sm1.value(u"head"_s).toString().size(), 64);

    const Result r = run(Verb::VerifyLedger, dir.path());
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, u"sm-1.sqlite: 30 decisions, chain intact, head matches summary.json\n"_s);
    QCOMPARE(r.code, 0);
}

void TestLedger::tampering_data()
{
    QTest::addColumn<QString>("sql"); // run on sm-1.sqlite, or one of the actions below
    QTest::addColumn<QString>("expected");
    const QString last = u"(SELECT max(id) FROM log WHERE kind = 'ledger')"_s;
    const QString seventh =
        u"(SELECT id FROM log WHERE kind = 'ledger' ORDER BY id LIMIT 1 OFFSET 6)"_s;
    QTest::newRow("last entry deleted")
        << u"DELETE FROM log WHERE id = "_s + last
        << u"chain truncated: 29 decisions, 30 anchored in summary.json"_s;
    QTest::newRow("last entry renamed out of the ledger")
        << u"UPDATE log SET kind = 'note' WHERE id = "_s + last
        << u"chain truncated: 29 decisions, 30 anchored in summary.json"_s;
    QTest::newRow("every entry deleted")
        << u"DELETE FROM log WHERE kind = 'ledger'"_s
        << u"chain truncated: 0 decisions, 30 anchored in summary.json"_s;
    QTest::newRow("last entry forged anew")
        << u"reforge"_s << u"chain broken: its head is not the one anchored in summary.json"_s;
    QTest::newRow("entry appended")
        << u"append"_s << u"chain broken: 31 decisions, 30 anchored in summary.json"_s;
    QTest::newRow("middle entry deleted")
        << u"DELETE FROM log WHERE id = "_s + seventh
        << u"chain broken at entry 7 of 29: does not follow the previous entry"_s;
    QTest::newRow("logged decision changed")
        << u"UPDATE log SET tx = tx + 1000 WHERE id = "_s + seventh
        << u"chain broken at entry 7 of 30: the logged decision differs from the hashed one"_s;
    QTest::newRow("log file deleted") << u"remove"_s << QString();
}

void TestLedger::tampering()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeRun(dir.path());
    const QString path = dir.filePath(u"data/sm-1.sqlite"_s);
    if (sql == u"reforge"_s || sql == u"append"_s) {
        // A whole chain, rewritten with the ledger's own code: only the anchor tells.
        if (sql == u"reforge"_s)
            tamper(path, u"DELETE FROM log WHERE id = (SELECT max(id) FROM log WHERE kind = "
                         "'ledger')"_s);
        SqliteStorage s;
        QVERIFY(s.open(path));
        AuditLedger ledger;
        ledger.restore(s.readAll());
        ledger.append(s, 999, 1999, true, 99'000);
        QVERIFY(s.flush());
    } else if (sql == u"remove"_s) {
        QVERIFY(QFile::remove(path));
        expected = path + u": missing (30 decisions anchored in summary.json)"_s;
    } else {
        tamper(path, sql);
    }
    const Result r = run(Verb::VerifyLedger, dir.path());
    QCOMPARE(r.err, (sql == u"remove"_s ? u"edgecore-lab: "_s : u"edgecore-lab: sm-1.sqlite: "_s) +
                        expected + u'\n');
    QVERIFY2(!r.out.contains(u"intact"_s), qPrintable(r.out));
    QCOMPARE(r.code, 1);
}

void TestLedger::unanchoredChainSaysSo()
{
    QTemporaryDir dir;
    writeRun(dir.path(), false);
    Result r = run(Verb::VerifyLedger, dir.path());
    const QString notAnchored = u"heads not anchored (no "_s + dir.filePath(u"summary.json"_s) +
                                u"): entries cut from the end of a chain cannot be detected\n"_s;
    QCOMPARE(r.out, u"sm-1.sqlite: 30 decisions, chain intact\n"_s + notAnchored);
    QCOMPARE(r.err, QString());
    QCOMPARE(r.code, 0);
    // Without an anchor a cut-off end goes unseen, as the line says; a break inside does not.
    tamper(dir.filePath(u"data/sm-1.sqlite"_s),
           u"DELETE FROM log WHERE id = (SELECT max(id) FROM log WHERE kind = 'ledger')"_s);
    r = run(Verb::VerifyLedger, dir.path());
    QCOMPARE(r.out, u"sm-1.sqlite: 29 decisions, chain intact\n"_s + notAnchored);
    QCOMPARE(r.code, 0);
    tamper(dir.filePath(u"data/sm-1.sqlite"_s),
           u"DELETE FROM log WHERE id = (SELECT id FROM log WHERE kind = 'ledger' ORDER BY id "
           "LIMIT 1 OFFSET 3)"_s);
    r = run(Verb::VerifyLedger, dir.path());
    QCOMPARE(r.err, u"edgecore-lab: sm-1.sqlite: chain broken at entry 4 of 28: does not follow "
                    "the previous entry\n"_s);
    QCOMPARE(r.code, 1);
}

void TestLedger::unreadableLog_data()
{
    QTest::addColumn<Verb>("verb");
    QTest::addColumn<QByteArray>("bytes"); // of data/sm-2.sqlite, beside an intact sm-1
    QTest::addColumn<QString>("expected");
    const QByteArray header("SQLite format 3\0", 16);
    const struct
    {
        const char *name;
        QByteArray bytes;
        QString expected;
    } files[] = {
        {"empty file", QByteArray(), u"empty file, not a SQLite database"_s},
        {"garbage", QByteArray("these are not the logs you are looking for\n"),
         u"not a SQLite database"_s},
        {"garbage after a SQLite header", header + QByteArray(4080, '\x5a'),
         u"not a SQLite database (file is not a database)"_s},
        {"foreign SQLite file", foreignSqlite(), u"not an EdgeCore service log (no log table)"_s},
    };
    for (const auto &f : files) {
        QTest::addRow("%s, --verify-ledger", f.name) << Verb::VerifyLedger << f.bytes << f.expected;
        QTest::addRow("%s, --dead-letters", f.name) << Verb::DeadLetters << f.bytes << f.expected;
    }
}

void TestLedger::unreadableLog()
{
    QFETCH(Verb, verb);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeRun(dir.path());
    const QString path = dir.filePath(u"data/sm-2.sqlite"_s);
    writeFile(path, bytes);
    const Result r = run(verb, dir.path());
    QCOMPARE(r.err, u"edgecore-lab: "_s + path + u": "_s + expected + u'\n');
    QCOMPARE(r.code, 1);
    if (verb == Verb::DeadLetters) // sm-1's are listed; no count that sm-2 would be part of
        QVERIFY2(r.out.startsWith(u"sm-1  tx "_s) && !r.out.contains(u"dead letter"_s),
                 qPrintable(r.out));
    else
        QCOMPARE(r.out, u"sm-1.sqlite: 30 decisions, chain intact, head matches summary.json\n"_s);
}

void TestLedger::evidenceIsNotWritten_data()
{
    QTest::addColumn<Verb>("verb");
    QTest::addColumn<bool>("killed"); // the run's logs were left open, decisions in the -wal
    QTest::addColumn<bool>("foreign");
    QTest::addColumn<int>("code");
    for (const Verb verb : {Verb::VerifyLedger, Verb::DeadLetters}) {
        const char *v = verb == Verb::VerifyLedger ? "--verify-ledger" : "--dead-letters";
        QTest::addRow("closed logs, %s", v) << verb << false << false << 0;
        QTest::addRow("killed run (-wal), %s", v) << verb << true << false << 0;
        QTest::addRow("foreign SQLite file beside, %s", v) << verb << false << true << 1;
    }
}

void TestLedger::evidenceIsNotWritten()
{
    QFETCH(Verb, verb);
    QFETCH(bool, killed);
    QFETCH(bool, foreign);
    QFETCH(int, code);
    QTemporaryDir parent;
    QTemporaryDir scratch;
    const QString dir = parent.filePath(u"run #1 at 100%"_s); // a URI would need escaping
    if (killed)
        writeKilledRun(dir, scratch.path());
    else
        writeRun(dir);
    if (foreign)
        writeFile(QDir(dir).filePath(u"data/sm-2.sqlite"_s), foreignSqlite());
    const QStringList before = snapshot(dir);
    QVERIFY(before.filter(u"sqlite-shm"_s).isEmpty());
    QCOMPARE(before.filter(u"sqlite-wal"_s).size(), killed ? 1 : 0);

    const Result r = run(verb, dir);
    QCOMPARE(snapshot(dir), before);
    QCOMPARE(r.code, code);
    if (verb == Verb::VerifyLedger) // the -wal's decisions read too
        QVERIFY2(r.out.startsWith(
                     u"sm-1.sqlite: 30 decisions, chain intact, head matches summary.json\n"_s),
                 qPrintable(r.out + r.err));
    else
        QVERIFY2(r.out.startsWith(u"sm-1  tx "_s + formatId(2) + u"  session "_s + formatId(102) +
                                  u"  COMMIT to node 4  given up at 0.050 s\n"_s),
                 qPrintable(r.out + r.err));
}

void TestLedger::unparsableDeadLetter_data()
{
    QTest::addColumn<QString>("kind"); // of the row changed
    QTest::addColumn<QString>("set");  // its new values, ? being blob
    QTest::addColumn<QByteArray>("blob");
    QTest::addColumn<QString>("expected"); // %1: the row's id
    const QString notMap = u"row %1 (dead-letter) does not parse: its data is not a CBOR map"_s;
    const QByteArray letter = cbor(QCborMap{{u"to"_s, 4}, {u"token"_s, 1}});
    QTest::newRow("data not CBOR")
        << u"dead-letter"_s << u"data = ?"_s << QByteArray("\xff\xff", 2) << notMap;
    QTest::newRow("data with trailing bytes")
        << u"dead-letter"_s << u"data = ?"_s << letter + QByteArray(1, '\0') << notMap;
    QTest::newRow("data an array")
        << u"dead-letter"_s << u"data = ?"_s << cbor(QCborArray{4, 1}) << notMap;
    QTest::newRow("data missing") << u"dead-letter"_s << u"data = NULL"_s << QByteArray() << notMap;
    QTest::newRow("no node") << u"dead-letter"_s << u"data = ?"_s << cbor(QCborMap{{u"token"_s, 1}})
                             << u"row %1 (dead-letter) does not parse: it names no node to send "
                                "to"_s;
    QTest::newRow("node out of range")
        << u"dead-letter"_s << u"data = ?"_s << cbor(QCborMap{{u"to"_s, 70000}, {u"token"_s, 1}})
        << u"row %1 (dead-letter) does not parse: it names no node to send to"_s;
    QTest::newRow("no fencing token")
        << u"dead-letter"_s << u"data = ?"_s << cbor(QCborMap{{u"to"_s, 4}})
        << u"row %1 (dead-letter) does not parse: it has no fencing token"_s;
    QTest::newRow("decision neither COMMIT nor ABORT")
        << u"dead-letter"_s << u"state = 'MAYBE'"_s << QByteArray()
        << u"row %1 (dead-letter) does not parse: its decision is 'MAYBE', not COMMIT or ABORT"_s;
    QTest::newRow("transaction id as text")
        << u"dead-letter"_s << u"tx = 'seven'"_s << QByteArray()
        << u"row %1 does not parse: its tx is text, not integer"_s;
    QTest::newRow("acknowledgement names no node")
        << u"dead-letter-done"_s << u"data = ?"_s << cbor(QCborMap{{u"too"_s, 5}})
        << u"row %1 (dead-letter-done) does not parse: it names no node to send to"_s;
}

void TestLedger::unparsableDeadLetter()
{
    QFETCH(QString, kind);
    QFETCH(QString, set);
    QFETCH(QByteArray, blob);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeRun(dir.path());
    const QString path = dir.filePath(u"data/sm-1.sqlite"_s);
    const qint64 row = rowOf(path, kind);
    QVERIFY(row > 0);
    tamper(path, u"UPDATE log SET "_s + set + u" WHERE id = "_s + QString::number(row), blob);
    const Result r = run(Verb::DeadLetters, dir.path());
    QCOMPARE(r.err, u"edgecore-lab: "_s + path + u": "_s + expected.arg(row) + u'\n');
    QCOMPARE(r.out, QString()); // neither a dead letter nor a count
    QCOMPARE(r.code, 1);
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
