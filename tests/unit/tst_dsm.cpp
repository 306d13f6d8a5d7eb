// The DSM store: versions strictly increase per key, CAS succeeds only at the expected
// version, leases expire and pass to a new holder with a higher fencing token, fenced writes
// with an older token are refused, watches see changes under their prefix.

#include "dsm/dsmstore.h"

#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {
Instant at(qint64 ms)
{
    return Instant(std::chrono::milliseconds(ms));
}
constexpr Duration kTtl = std::chrono::milliseconds(3000);
} // namespace

class TestDsm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void putMakesVersions();
    void cas_data();
    void cas();
    void lease_data();
    void lease();
    void fencedWrites();
    void watchesByPrefix();
    void restoreNeverGoesBack();
};

void TestDsm::putMakesVersions()
{
    DsmStore s;
    QCOMPARE(s.get(u"k"_s).version, quint64(0));
    QVERIFY(!s.get(u"k"_s).exists());
    for (quint64 v = 1; v <= 5; ++v) {
        const DsmResult r = s.put(u"k"_s, QByteArray::number(v), 2);
        QVERIFY(r.ok());
        QCOMPARE(r.oldVersion, v - 1);
        QCOMPARE(r.entry.version, v);
    }
    QCOMPARE(s.get(u"k"_s).value, QByteArray("5"));
    QCOMPARE(s.get(u"k"_s).writer, NodeId(2));
}

void TestDsm::cas_data()
{
    QTest::addColumn<int>("writesBefore");
    QTest::addColumn<quint64>("expected");
    QTest::addColumn<QString>("status");
    QTest::addColumn<quint64>("versionAfter");
    QTest::newRow("create when absent") << 0 << quint64(0) << u"ok"_s << quint64(1);
    QTest::newRow("create when present conflicts")
        << 2 << quint64(0) << u"conflict"_s << quint64(2);
    QTest::newRow("at current version") << 2 << quint64(2) << u"ok"_s << quint64(3);
    QTest::newRow("stale version conflicts") << 3 << quint64(2) << u"conflict"_s << quint64(3);
    QTest::newRow("future version conflicts") << 1 << quint64(5) << u"conflict"_s << quint64(1);
}

void TestDsm::cas()
{
    QFETCH(int, writesBefore);
    QFETCH(quint64, expected);
    QFETCH(QString, status);
    QFETCH(quint64, versionAfter);
    DsmStore s;
    for (int i = 0; i < writesBefore; ++i)
        s.put(u"session/1"_s, "PENDING", 2);
    const DsmResult r = s.cas(u"session/1"_s, expected, "COMMITTED", 3);
    QCOMPARE(toString(r.status), status);
    QCOMPARE(s.get(u"session/1"_s).version, versionAfter);
    QCOMPARE(r.entry.version, versionAfter);
}

void TestDsm::lease_data()
{
    // A script of lease operations on one key; each step: "op owner time_ms" -> status, holder
    // afterwards at that time, and the token (version) the key has.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("expect");
    QTest::newRow("acquire free") << QStringList{u"acquire 2 0"_s}
                                  << QStringList{u"ok holder=2 token=1"_s};
    QTest::newRow("held by another")
        << QStringList{u"acquire 2 0"_s, u"acquire 3 1000"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"lease-held holder=2 token=1"_s};
    QTest::newRow("renew keeps the token and extends")
        << QStringList{u"acquire 2 0"_s, u"renew 2 1000"_s, u"acquire 3 3500"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"ok holder=2 token=1"_s,
                       u"lease-held holder=2 token=1"_s};
    QTest::newRow("expiry: takeover with a higher token")
        << QStringList{u"acquire 2 0"_s, u"acquire 3 3000"_s, u"renew 2 3100"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"ok holder=3 token=2"_s,
                       u"not-owner holder=3 token=2"_s};
    QTest::newRow("release frees it")
        << QStringList{u"acquire 2 0"_s, u"release 2 100"_s, u"acquire 3 200"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"ok holder=0 token=1"_s,
                       u"ok holder=3 token=3"_s};
    QTest::newRow("release by a stranger refused")
        << QStringList{u"acquire 2 0"_s, u"release 3 100"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"not-owner holder=2 token=1"_s};
    QTest::newRow("acquire by the holder renews")
        << QStringList{u"acquire 2 0"_s, u"acquire 2 2000"_s, u"acquire 3 4000"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"ok holder=2 token=1"_s,
                       u"lease-held holder=2 token=1"_s};
    QTest::newRow("renew after expiry refused")
        << QStringList{u"acquire 2 0"_s, u"renew 2 3000"_s}
        << QStringList{u"ok holder=2 token=1"_s, u"not-owner holder=0 token=1"_s};
}

void TestDsm::lease()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, expect);
    DsmStore s;
    const QString key = u"leader/session-manager"_s;
    QStringList got;
    for (const QString &step : steps) {
        const QStringList w = step.split(u' ');
        const auto owner = static_cast<NodeId>(w[1].toUInt());
        const Instant t = at(w[2].toLongLong());
        DsmResult r;
        if (w[0] == u"acquire"_s)
            r = s.acquireLease(key, owner, kTtl, t);
        else if (w[0] == u"renew"_s)
            r = s.renewLease(key, owner, kTtl, t);
        else
            r = s.releaseLease(key, owner, t);
        got << toString(r.status) + u" holder="_s + QString::number(s.leaseHolder(key, t)) +
                   u" token="_s + QString::number(s.get(key).fencingToken);
    }
    QCOMPARE(got, expect);
}

void TestDsm::fencedWrites()
{
    DsmStore s;
    QVERIFY(s.put(u"session/9"_s, "PENDING", 2, 5).ok());
    // A deposed leader with token 4 cannot overwrite what the token-5 leader wrote.
    const DsmResult stale = s.put(u"session/9"_s, "ABORTED", 3, 4);
    QCOMPARE(toString(stale.status), u"stale-token"_s);
    QCOMPARE(s.get(u"session/9"_s).value, QByteArray("PENDING"));
    QVERIFY(s.put(u"session/9"_s, "COMMITTED", 2, 5).ok());
    QVERIFY(s.put(u"session/9"_s, "COMMITTED", 4, 6).ok());
    QCOMPARE(s.get(u"session/9"_s).fencingToken, quint64(6));
    // Unfenced writers (token 0) are not checked.
    QVERIFY(s.put(u"session/9"_s, "x", 7, 0).ok());
    QCOMPARE(s.get(u"session/9"_s).version, quint64(4));
}

void TestDsm::watchesByPrefix()
{
    DsmStore s;
    const quint64 w = s.watch(u"session/"_s, 5);
    s.put(u"session/1"_s, "a", 2);
    s.put(u"leader/x"_s, "b", 2);
    s.put(u"session/2"_s, "c", 2);
    std::vector<DsmChange> changes = s.takeChanges();
    QCOMPARE(changes.size(), size_t(2));
    QCOMPARE(changes[0].key, u"session/1"_s);
    QCOMPARE(changes[1].key, u"session/2"_s);
    QCOMPARE(changes[1].watcher, NodeId(5));
    QCOMPARE(changes[1].watchId, w);
    QVERIFY(s.takeChanges().empty());
    s.unwatch(w);
    s.put(u"session/3"_s, "d", 2);
    QVERIFY(s.takeChanges().empty());
}

void TestDsm::restoreNeverGoesBack()
{
    DsmStore s;
    DsmEntry e;
    e.value = "v3";
    e.version = 3;
    s.restore(u"k"_s, e);
    e.value = "v2";
    e.version = 2;
    s.restore(u"k"_s, e);
    QCOMPARE(s.get(u"k"_s).value, QByteArray("v3"));
    QCOMPARE(s.put(u"k"_s, "v4", 1).entry.version, quint64(4));
}

QTEST_GUILESS_MAIN(TestDsm)
#include "tst_dsm.moc"
