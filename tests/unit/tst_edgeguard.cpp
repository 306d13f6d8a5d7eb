// The edge's rate limiter (token bucket) and circuit breaker, stepped with lab time; the
// retry policy's delays.

#include "protocol/edgeguard.h"
#include "protocol/retrypolicy.h"

#include <QTest>

using namespace edgecore;
using namespace std::chrono_literals;

class TestEdgeGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bucketBurstThenRate();
    void unlimitedBucketAlwaysAdmits();
    void breakerTransitions();
    void breakerNeverOpensWhenOff();
    void retryDelaysGrowUnderTheCapWithBoundedJitter();
};

void TestEdgeGuard::bucketBurstThenRate()
{
    TokenBucket b(10, 5); // 10/s, burst 5
    const Instant t0{};
    int admitted = 0;
    for (int i = 0; i < 20; ++i)
        admitted += b.take(t0);
    QCOMPARE(admitted, 5);       // the burst
    QVERIFY(!b.take(t0 + 50ms)); // half a token
    QVERIFY(b.take(t0 + 100ms)); // one token per 100 ms
    QVERIFY(!b.take(t0 + 100ms));
    // A long idle refills only up to the burst.
    admitted = 0;
    for (int i = 0; i < 20; ++i)
        admitted += b.take(t0 + 60s);
    QCOMPARE(admitted, 5);
    // Over 10 s of steady asking: the burst refilled in the second since, then 10/s.
    admitted = 0;
    for (int ms = 0; ms < 10000; ms += 10)
        admitted += b.take(t0 + 61s + std::chrono::milliseconds(ms));
    QVERIFY2(admitted >= 104 && admitted <= 105, qPrintable(QString::number(admitted)));
}

void TestEdgeGuard::unlimitedBucketAlwaysAdmits()
{
    TokenBucket b;
    QVERIFY(!b.limited());
    for (int i = 0; i < 1000; ++i)
        QVERIFY(b.take(Instant{}));
}

void TestEdgeGuard::breakerTransitions()
{
    CircuitBreaker b(BreakerConfig{3, 5s});
    const Instant t0{};
    using S = CircuitBreaker::State;
    QVERIFY(b.allow(t0));
    QVERIFY(!b.onFailure(t0));
    QVERIFY(!b.onFailure(t0));
    QVERIFY(!b.onSuccess()); // a success resets the count
    QVERIFY(!b.onFailure(t0));
    QVERIFY(!b.onFailure(t0));
    QCOMPARE(int(b.onFailure(t0 + 1s).value()), int(S::Open)); // third in a row
    QVERIFY(!b.allow(t0 + 2s));
    QVERIFY(!b.allow(t0 + 5999ms)); // cool-down counts from the opening
    std::optional<S> changed;
    QVERIFY(b.allow(t0 + 6s, &changed)); // the probe
    QCOMPARE(int(changed.value()), int(S::HalfOpen));
    QVERIFY(!b.allow(t0 + 6s));                                // only one at a time
    QCOMPARE(int(b.onFailure(t0 + 7s).value()), int(S::Open)); // the probe failed
    QVERIFY(!b.allow(t0 + 11s));
    QVERIFY(b.allow(t0 + 12s));
    QCOMPARE(int(b.onSuccess().value()), int(S::Closed));
    QVERIFY(b.allow(t0 + 12s));
    QVERIFY(b.allow(t0 + 12s));
    QCOMPARE(toString(b.state()), QStringLiteral("closed"));
}

void TestEdgeGuard::breakerNeverOpensWhenOff()
{
    CircuitBreaker b(BreakerConfig{0, 5s});
    for (int i = 0; i < 100; ++i)
        QVERIFY(!b.onFailure(Instant{}));
    QVERIFY(b.allow(Instant{}));
}

void TestEdgeGuard::retryDelaysGrowUnderTheCapWithBoundedJitter()
{
    const RetryPolicy p{500ms, 2, 8s, 6};
    QCOMPARE(toUs(p.nominal(1)), 500'000);
    QCOMPARE(toUs(p.nominal(2)), 1'000'000);
    QCOMPARE(toUs(p.nominal(4)), 4'000'000);
    QCOMPARE(toUs(p.nominal(5)), 8'000'000);
    QCOMPARE(toUs(p.nominal(6)), 8'000'000); // capped
    QCOMPARE(toUs(p.nominal(60)), 8'000'000);
    QVERIFY(!p.exhausted(6));
    QVERIFY(p.exhausted(7));
    Rng rng(3);
    for (int attempt = 1; attempt <= 8; ++attempt) {
        const qint64 n = toUs(p.nominal(attempt));
        qint64 lo = n;
        qint64 hi = 0;
        for (int i = 0; i < 2000; ++i) {
            const qint64 d = toUs(p.delay(attempt, rng));
            QVERIFY(d >= n / 2 && d <= n); // equal jitter: never under half, never over
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        // And it does spread over that range.
        QVERIFY(lo < n / 2 + n / 20);
        QVERIFY(hi > n - n / 20);
    }
}

QTEST_GUILESS_MAIN(TestEdgeGuard)
#include "tst_edgeguard.moc"
