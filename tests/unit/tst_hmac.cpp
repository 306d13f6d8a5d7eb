// HMAC-SHA256 through EVP_MAC against the RFC 4231 test vectors, and the keyed context's reuse.

#include "wire/hmac.h"

#include <QTest>

using namespace edgecore;

class TestHmac : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc4231_data();
    void rfc4231();
    void keyedContextIsReusable();
    void constantTimeEqual();
};

void TestHmac::rfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected"); // hex; case 5 is truncated to 128 bits
    QTest::newRow("case 1")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("case 2")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("case 3")
        << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
        << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("case 4")
        << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
        << QByteArray(50, '\xcd')
        << QByteArray("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("case 5 (truncated)")
        << QByteArray(20, '\x0c') << QByteArray("Test With Truncation")
        << QByteArray("a3b6167473100ee06e0c796c2955552b");
    QTest::newRow("case 6 (key longer than block)")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("case 7 (key and data longer than block)")
        << QByteArray(131, '\xaa')
        << QByteArray(
               "This is a test using a larger than block-size key and a larger than block-size "
               "data. The key needs to be hashed before being used by the HMAC algorithm.")
        << QByteArray("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

void TestHmac::rfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    HmacSha256 mac(key);
    const QByteArray got = mac.macBytes(data).toHex();
    QCOMPARE(got.left(expected.size()), expected);
}

void TestHmac::keyedContextIsReusable()
{
    HmacSha256 mac(QByteArray("Jefe"));
    const QByteArray first = mac.macBytes("what do ya want for nothing?");
    mac.macBytes("something else in between");
    QCOMPARE(mac.macBytes("what do ya want for nothing?"), first);
}

void TestHmac::constantTimeEqual()
{
    HmacSha256 mac(QByteArray(32, 'k'));
    const Tag t = mac.mac("payload");
    QByteArray same(reinterpret_cast<const char *>(t.data()), 32);
    QVERIFY(HmacSha256::equal(same, t));
    QByteArray other = same;
    other[31] = static_cast<char>(other[31] ^ 1);
    QVERIFY(!HmacSha256::equal(other, t));
    QVERIFY(!HmacSha256::equal(same.first(31), t));
}

QTEST_GUILESS_MAIN(TestHmac)
#include "tst_hmac.moc"
