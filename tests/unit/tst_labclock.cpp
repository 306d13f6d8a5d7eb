// The lab clock: pause, advance (step mode), speed factor and the wall time until a lab instant.

#include "core/labclock.h"

#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace edgecore;

class TestLabClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pausedClockStandsStill();
    void advanceMovesOnlyForward();
    void speedScalesWallTime_data();
    void speedScalesWallTime();
    void speedIsClamped();
};

void TestLabClock::pausedClockStandsStill()
{
    LabClock c;
    QSignalSpy changed(&c, &LabClock::changed);
    c.pause();
    QCOMPARE(changed.size(), 1);
    const Instant t = c.now();
    QCOMPARE(c.now(), t);
    QCOMPARE(c.wallMsUntil(t + Duration(1000)), qint64(-1));
    c.pause(); // no change, no signal
    QCOMPARE(changed.size(), 1);
    c.resume();
    QVERIFY(!c.isPaused());
    QVERIFY(c.now() >= t);
}

void TestLabClock::advanceMovesOnlyForward()
{
    LabClock c;
    c.pause();
    const Instant t = c.now();
    c.advanceTo(t + Duration(5'000'000));
    QCOMPARE(c.now(), t + Duration(5'000'000));
    c.advanceTo(t); // backwards: ignored
    QCOMPARE(c.now(), t + Duration(5'000'000));
    c.resume();
    c.advanceTo(c.now() + Duration(10'000'000)); // only a paused clock is stepped
    QVERIFY(c.now() < t + Duration(15'000'000));
}

void TestLabClock::speedScalesWallTime_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("labMs");
    QTest::addColumn<qint64>("wallMs");
    QTest::newRow("real time") << 1.0 << qint64(1000) << qint64(1000);
    QTest::newRow("ten times faster") << 10.0 << qint64(1000) << qint64(100);
    QTest::newRow("slow motion") << 0.1 << qint64(100) << qint64(1000);
}

void TestLabClock::speedScalesWallTime()
{
    QFETCH(double, speed);
    QFETCH(qint64, labMs);
    QFETCH(qint64, wallMs);
    LabClock c;
    c.setSpeed(speed);
    QCOMPARE(c.speed(), speed);
    const qint64 got = c.wallMsUntil(c.now() + std::chrono::milliseconds(labMs));
    // The clock keeps running between the two reads: allow the few ms that can pass.
    QVERIFY2(got <= wallMs && got >= wallMs - 20, qPrintable(QString::number(got)));
}

void TestLabClock::speedIsClamped()
{
    LabClock c;
    c.setSpeed(1000);
    QCOMPARE(c.speed(), 10.0);
    c.setSpeed(0);
    QCOMPARE(c.speed(), 0.1);
    // Not a number is no speed at all: the clock keeps the one it had (NaN once passed the
    // clamp and froze the lab, so `--speed nan` hung).
    c.setSpeed(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(c.speed(), 0.1);
    c.setSpeed(std::numeric_limits<double>::infinity());
    QCOMPARE(c.speed(), 0.1);
}

QTEST_GUILESS_MAIN(TestLabClock)
#include "tst_labclock.moc"
