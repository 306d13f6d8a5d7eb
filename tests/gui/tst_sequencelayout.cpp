// The sequence diagram's layout maths, without a display: lab time <-> y, zoom about a point,
// fit and follow, lifeline <-> x, arrows and the message under the mouse.

#include "sequence/sequencelayout.h"
#include "trace/tracestore.h"

#include <QTest>

#include <cmath>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestSequenceLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeAndY_data();
    void timeAndY();
    void zoomKeepsThePointUnderTheMouse_data();
    void zoomKeepsThePointUnderTheMouse();
    void zoomIsBounded();
    void fitAndFollow();
    void lanes_data();
    void lanes();
    void distanceToASegment_data();
    void distanceToASegment();
    void arrowsAndHits();
};

namespace {
SequenceLayout make(double width = 972, double height = 634, double usPerPixel = 100)
{
    SequenceLayout l;
    l.setLanes({1, 2, 3, 4, 5, 6, 7, 8, 9});
    l.setSize(QSizeF(width, height));
    l.setScale(usPerPixel);
    l.setTop(0);
    return l;
}
} // namespace

void TestSequenceLayout::timeAndY_data()
{
    QTest::addColumn<qint64>("top");
    QTest::addColumn<double>("scale");
    QTest::addColumn<qint64>("us");
    QTest::addColumn<double>("y");
    const double h = SequenceLayout::kHeaderHeight;
    QTest::newRow("the top") << qint64(0) << 100.0 << qint64(0) << h;
    QTest::newRow("a pixel is 100 us") << qint64(0) << 100.0 << qint64(100) << h + 1;
    QTest::newRow("scrolled") << qint64(5000) << 100.0 << qint64(6000) << h + 10;
    QTest::newRow("above the top") << qint64(5000) << 100.0 << qint64(4000) << h - 10;
    QTest::newRow("a microsecond a pixel")
        << qint64(1'000'000) << 1.0 << qint64(1'000'250) << h + 250;
    QTest::newRow("an hour's run, 10 s a pixel")
        << qint64(0) << 1e7 << qint64(3'600'000'000LL) << h + 360;
}

void TestSequenceLayout::timeAndY()
{
    QFETCH(qint64, top);
    QFETCH(double, scale);
    QFETCH(qint64, us);
    QFETCH(double, y);
    SequenceLayout l = make(972, 634, scale);
    l.setTop(top);
    QCOMPARE(l.yOf(us), y);
    QCOMPARE(l.usAt(y), us);
}

void TestSequenceLayout::zoomKeepsThePointUnderTheMouse_data()
{
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at the middle") << 300.0 << 2.0;
    QTest::newRow("out at the middle") << 300.0 << 0.5;
    QTest::newRow("in at the top") << SequenceLayout::kHeaderHeight << 4.0;
    QTest::newRow("in at the bottom") << 630.0 << 1.25;
    QTest::newRow("a wheel notch out") << 120.0 << 0.8;
}

void TestSequenceLayout::zoomKeepsThePointUnderTheMouse()
{
    QFETCH(double, y);
    QFETCH(double, factor);
    SequenceLayout l = make();
    l.setTop(2'000'000);
    const qint64 before = l.usAt(y);
    const double scale = l.scale();
    l.zoomAbout(y, factor);
    QCOMPARE(l.scale(), scale / factor);
    QVERIFY(std::abs(l.usAt(y) - before) <= 1);
}

void TestSequenceLayout::zoomIsBounded()
{
    SequenceLayout l = make();
    for (int i = 0; i < 100; ++i)
        l.zoomAbout(200, 10);
    QCOMPARE(l.scale(), SequenceLayout::kMinUsPerPixel);
    for (int i = 0; i < 100; ++i)
        l.zoomAbout(200, 0.1);
    QCOMPARE(l.scale(), SequenceLayout::kMaxUsPerPixel);
    l.zoomAbout(200, 0);
    l.zoomAbout(200, std::nan(""));
    QCOMPARE(l.scale(), SequenceLayout::kMaxUsPerPixel); // nonsense changes nothing
}

void TestSequenceLayout::fitAndFollow()
{
    SequenceLayout l = make();
    l.fit(1'000'000, 9'000'000);
    QCOMPARE(l.top(), qint64(1'000'000));
    QVERIFY(l.bottom() >= 9'000'000);
    QVERIFY(l.yOf(9'000'000) <= l.size().height());
    // Follow puts the live end just above the bottom, at the scale chosen.
    const double scale = l.scale();
    l.follow(20'000'000);
    QCOMPARE(l.scale(), scale);
    QVERIFY(l.yOf(20'000'000) < l.size().height());
    QVERIFY(l.yOf(20'000'000) > l.size().height() - 20);
}

void TestSequenceLayout::lanes_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<int>("lane");
    const double left = SequenceLayout::kLeftMargin;
    const double w = (972 - left - SequenceLayout::kRightMargin) / 9.0;
    QTest::newRow("the time axis") << left - 1 << -1;
    QTest::newRow("edge's column, left") << left + 1 << 0;
    QTest::newRow("edge's lifeline") << left + w / 2 << 0;
    QTest::newRow("sm-1's column") << left + w + 1 << 1;
    QTest::newRow("mallory's lifeline") << left + 8.5 * w << 8;
    QTest::newRow("past the right") << 972.0 << -1;
}

void TestSequenceLayout::lanes()
{
    QFETCH(double, x);
    QFETCH(int, lane);
    const SequenceLayout l = make();
    QCOMPARE(l.laneAt(x), lane);
    if (lane >= 0)
        QCOMPARE(l.laneAt(l.xOfLane(lane)), lane);
}

void TestSequenceLayout::distanceToASegment_data()
{
    QTest::addColumn<QPointF>("p");
    QTest::addColumn<QLineF>("segment");
    QTest::addColumn<double>("distance");
    const QLineF flat(0, 0, 100, 0);
    QTest::newRow("on it") << QPointF(50, 0) << flat << 0.0;
    QTest::newRow("above its middle") << QPointF(50, 3) << flat << 3.0;
    QTest::newRow("past its end") << QPointF(104, 3) << flat << 5.0;
    QTest::newRow("before its start") << QPointF(-3, -4) << flat << 5.0;
    QTest::newRow("sloped") << QPointF(0, 10) << QLineF(0, 0, 10, 10) << std::sqrt(50.0);
    QTest::newRow("a point-long segment") << QPointF(3, 4) << QLineF(0, 0, 0, 0) << 5.0;
}

void TestSequenceLayout::distanceToASegment()
{
    QFETCH(QPointF, p);
    QFETCH(QLineF, segment);
    QFETCH(double, distance);
    QVERIFY(std::abs(SequenceLayout::distance(p, segment) - distance) < 1e-9);
}

void TestSequenceLayout::arrowsAndHits()
{
    // Three messages: edge -> sm-1 delivered, sm-1 -> rm in flight, one from a node with no
    // lifeline.
    TraceStore trace(10, 100);
    const auto ev = [&](TraceKind k, NodeId node, NodeId peer, quint64 seq, qint64 us) {
        TraceEvent e;
        e.kind = k;
        e.node = node;
        e.peer = peer;
        e.seq = seq;
        e.labUs = us;
        trace.append(e);
    };
    ev(TraceKind::Send, 1, 2, 1, 1000);
    ev(TraceKind::Deliver, 2, 1, 1, 3000);
    ev(TraceKind::Send, 2, 5, 1, 4000);
    ev(TraceKind::Send, 10, 2, 1, 4000);
    MessageFlow flow;
    flow.advance(trace);
    const SequenceLayout l = make();
    const QLineF first = l.arrow(flow.message(int(0)), 10'000);
    QCOMPARE(first.p1(), QPointF(l.xOf(1), l.yOf(1000)));
    QCOMPARE(first.p2(), QPointF(l.xOf(2), l.yOf(3000)));
    const QLineF inFlight = l.arrow(flow.message(int(1)), 10'000);
    QCOMPARE(inFlight.p2().y(), l.yOf(10'000)); // ends "now"
    QVERIFY(l.arrow(flow.message(int(2)), 10'000).isNull());
    // The mouse on an arrow's middle finds it; a little off, too; far off, nothing.
    QCOMPARE(l.hit(first.pointAt(0.5), flow, 10'000), 0);
    QCOMPARE(l.hit(first.pointAt(0.5) + QPointF(0, 3), flow, 10'000), 0);
    QCOMPARE(l.hit(inFlight.pointAt(0.3), flow, 10'000), 1);
    QCOMPARE(l.hit(QPointF(l.xOf(8), l.yOf(2000)), flow, 10'000), -1);
}

QTEST_GUILESS_MAIN(TestSequenceLayout)
#include "tst_sequencelayout.moc"
