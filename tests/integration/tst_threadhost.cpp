// ThreadHost over real loopback sockets: a test client writes frames, good and bad, straight to
// a host's server port. Bad frames get their typed reason in the trace; stream errors close
// that one connection only; authentication errors refuse the frame and keep the connection.

#include "core/labclock.h"
#include "host/threadhost.h"
#include "trace/tracestore.h"
#include "wire/codec.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

class Quiet final : public Service
{
public:
    void start(Context &) override {}
    void onMessage(const Envelope &, Context &) override {}
    void onTimer(TimerId, Context &) override {}
};

// Starts one timer of 5 s lab time and notes when it fires.
class Alarm final : public Service
{
public:
    void start(Context &ctx) override { ctx.startTimer(std::chrono::seconds(5)); }
    void onMessage(const Envelope &, Context &) override {}
    void onTimer(TimerId, Context &ctx) override
    {
        ctx.trace().record(TraceKind::Note, QStringLiteral("alarm"));
    }
};

constexpr NodeId kHost = 1;
constexpr NodeId kClient = 2;

} // namespace

class TestThreadHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void validFrameIsDelivered();
    void replayIsRejectedConnectionKept();
    void badFrameClosesOnlyItsConnection_data();
    void badFrameClosesOnlyItsConnection();
    void bitFlippedFrameIsRejected();
    void streamEndingMidFrameIsTruncated();
    void pausedClockParksFramesUntilRun();
    void timersRunOnTheLabClock();
    void reconnectsWhenThePeerComesUp();
    void reconnectsAtOnceWhenThePeerIsBack();
    void framesBeforeStartAreHeld();

private:
    QByteArray frame(quint64 seq, MsgType type = MsgType::Prepare) const;
    HostConfig config(NodeId id, const QString &name, TraceStore *trace) const;
    std::unique_ptr<QTcpSocket> connectClient();
    int count(TraceKind kind, WireError reason = WireError::None) const;

    KeyMaterial m_keys = KeyMaterial::generate(5);
    std::unique_ptr<HmacSha256> m_mac;
    std::unique_ptr<LabClock> m_clock;
    std::unique_ptr<TraceStore> m_trace;
    std::unique_ptr<ThreadHost> m_host;
    quint64 m_seq = 1000;
};

QByteArray TestThreadHost::frame(quint64 seq, MsgType type) const
{
    Envelope e;
    e.sender = kClient;
    e.receiver = kHost;
    e.keyId = m_keys.signingKeyId;
    e.seq = seq;
    e.wallTimeMs = QDateTime::currentMSecsSinceEpoch();
    e.type = type;
    e.txId = seq;
    e.payload = "payload";
    return encodeFrame(e, *m_mac);
}

HostConfig TestThreadHost::config(NodeId id, const QString &name, TraceStore *trace) const
{
    HostConfig hc;
    hc.id = id;
    hc.name = name;
    hc.clock = m_clock.get();
    hc.trace = trace;
    hc.keys = m_keys;
    return hc;
}

std::unique_ptr<QTcpSocket> TestThreadHost::connectClient()
{
    auto s = std::make_unique<QTcpSocket>();
    s->connectToHost(QHostAddress::LocalHost, m_host->port());
    if (!s->waitForConnected(5000))
        return nullptr;
    return s;
}

int TestThreadHost::count(TraceKind kind, WireError reason) const
{
    int n = 0;
    m_trace->forEach(0, m_trace->size(), [&](const TraceEvent &e) {
        if (e.kind == kind &&
            (kind != TraceKind::Reject || e.reason == static_cast<quint8>(reason)))
            ++n;
    });
    return n;
}

void TestThreadHost::init()
{
    m_mac = std::make_unique<HmacSha256>(m_keys.keys.value(m_keys.signingKeyId));
    m_clock = std::make_unique<LabClock>();
    m_trace = std::make_unique<TraceStore>(2);
    const HostConfig hc = config(kHost, u"probe"_s, m_trace.get());
    m_host = std::make_unique<ThreadHost>(hc, std::make_unique<Quiet>());
    QString error;
    QVERIFY2(m_host->listen(&error), qPrintable(error));
    auto dir = std::make_shared<Directory>();
    dir->nodes = {NodeInfo{kHost, u"probe"_s, u"127.0.0.1"_s, m_host->port()},
                  NodeInfo{kClient, u"client"_s, u"127.0.0.1"_s, 1}};
    m_host->start(dir);
}

void TestThreadHost::cleanup()
{
    m_host.reset();
    m_trace.reset();
    m_clock.reset();
}

void TestThreadHost::validFrameIsDelivered()
{
    auto c = connectClient();
    QVERIFY(c);
    c->write(frame(++m_seq));
    QTRY_COMPARE(count(TraceKind::Deliver), 1);
    QCOMPARE(m_host->stats().framesDelivered, quint64(1));
}

void TestThreadHost::replayIsRejectedConnectionKept()
{
    auto c = connectClient();
    QVERIFY(c);
    const QByteArray f = frame(++m_seq);
    c->write(f);
    c->write(f);
    QTRY_COMPARE(count(TraceKind::Reject, WireError::Replay), 1);
    c->write(frame(++m_seq));
    QTRY_COMPARE(count(TraceKind::Deliver), 2);
    QCOMPARE(c->state(), QAbstractSocket::ConnectedState);
}

void TestThreadHost::badFrameClosesOnlyItsConnection_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<int>("reason");
    const QByteArray good = frame(1);
    const QByteArray body = good.mid(kFrameHeaderBytes);
    auto framed = [](const QByteArray &b) {
        QByteArray f(kFrameHeaderBytes, '\0');
        qToBigEndian<quint32>(static_cast<quint32>(b.size()), f.data());
        f.append(b);
        return f;
    };
    QByteArray oversized(kFrameHeaderBytes, '\0');
    qToBigEndian<quint32>(quint32(kMaxFrameBytes + 1), oversized.data());
    Envelope unknown;
    unknown.type = static_cast<MsgType>(4242);
    QTest::newRow("truncated") << framed(body.first(body.size() / 2)) << int(WireError::Truncated);
    QTest::newRow("oversized") << oversized << int(WireError::Oversized);
    QTest::newRow("trailing garbage") << framed(body + "xyz") << int(WireError::TrailingGarbage);
    QTest::newRow("unknown type") << encodeFrame(unknown, *m_mac) << int(WireError::UnknownType);
    QTest::newRow("not cbor") << framed(QByteArray("\xff\xff\xff\xff", 4))
                              << int(WireError::BadCbor);
}

void TestThreadHost::badFrameClosesOnlyItsConnection()
{
    QFETCH(QByteArray, bad);
    QFETCH(int, reason);
    auto honest = connectClient();
    auto hostile = connectClient();
    QVERIFY(honest && hostile);
    QSignalSpy closed(hostile.get(), &QTcpSocket::disconnected);
    hostile->write(bad);
    QVERIFY(closed.wait(5000));
    QTRY_COMPARE(count(TraceKind::Reject, static_cast<WireError>(reason)), 1);
    // The other connection still works.
    honest->write(frame(++m_seq));
    QTRY_COMPARE(count(TraceKind::Deliver), 1);
    QCOMPARE(honest->state(), QAbstractSocket::ConnectedState);
    const HostStats stats = m_host->stats();
    QCOMPARE(stats.connectionsClosed, quint64(1));
    QCOMPARE(stats.framesRejected, quint64(1));
    QCOMPARE(stats.rejectedByReason[static_cast<size_t>(reason)], quint64(1));
}

void TestThreadHost::bitFlippedFrameIsRejected()
{
    auto c = connectClient();
    QVERIFY(c);
    QByteArray f = frame(++m_seq);
    f[f.size() - 40] = static_cast<char>(f[f.size() - 40] ^ 0x10); // inside the payload/tag area
    c->write(f);
    QTRY_COMPARE(count(TraceKind::Reject, WireError::BadTag), 1);
    QCOMPARE(count(TraceKind::Deliver), 0);
    QCOMPARE(c->state(), QAbstractSocket::ConnectedState);
}

void TestThreadHost::streamEndingMidFrameIsTruncated()
{
    auto c = connectClient();
    QVERIFY(c);
    const QByteArray f = frame(++m_seq);
    c->write(f.first(f.size() - 5));
    QVERIFY(c->waitForBytesWritten(5000));
    c->disconnectFromHost();
    QTRY_COMPARE(count(TraceKind::Reject, WireError::Truncated), 1);
}

void TestThreadHost::pausedClockParksFramesUntilRun()
{
    auto c = connectClient();
    QVERIFY(c);
    m_clock->pause();
    const QByteArray f = frame(++m_seq);
    c->write(f);
    c->write(f); // its replay is refused at once: a fence showing the first was handled
    QTRY_COMPARE(count(TraceKind::Reject, WireError::Replay), 1);
    QCOMPARE(count(TraceKind::Deliver), 0); // verified, then parked
    m_clock->resume();
    QTRY_COMPARE(count(TraceKind::Deliver), 1);
}

void TestThreadHost::timersRunOnTheLabClock()
{
    // A separate host whose service sets a 5 s lab timer; the clock is paused, so only an
    // explicit advance of lab time can make it fire.
    m_clock->pause();
    const HostConfig hc = config(kHost, u"alarm"_s, m_trace.get());
    ThreadHost alarm(hc, std::make_unique<Alarm>());
    QVERIFY(alarm.listen());
    auto dir = std::make_shared<Directory>();
    dir->nodes = {NodeInfo{kHost, u"alarm"_s, u"127.0.0.1"_s, alarm.port()}};
    alarm.start(dir);
    alarm.runOn([](Service &, Context &) {}); // the service has started and set its timer
    auto fired = [this] {
        int n = 0;
        m_trace->forEach(0, m_trace->size(),
                         [&](const TraceEvent &e) { n += e.detail == u"alarm"_s; });
        return n;
    };
    m_clock->advanceTo(m_clock->now() + std::chrono::seconds(4));
    alarm.runOn([](Service &, Context &) {}); // the clock change has been handled by now
    QCOMPARE(fired(), 0);
    m_clock->advanceTo(m_clock->now() + std::chrono::seconds(1));
    QTRY_COMPARE(fired(), 1);
}

// Sends one PREPARE when started.
class Sender final : public Service
{
public:
    explicit Sender(NodeId to = 2, TxId tx = 77)
        : m_to(to)
        , m_tx(tx)
    {}
    void start(Context &ctx) override
    {
        Envelope e;
        e.type = MsgType::Prepare;
        e.txId = m_tx;
        ctx.send(m_to, e);
    }
    void onMessage(const Envelope &, Context &) override {}
    void onTimer(TimerId, Context &) override {}

private:
    NodeId m_to;
    TxId m_tx;
};

void TestThreadHost::reconnectsWhenThePeerComesUp()
{
    // Find a free port, then leave it closed: the sender's first attempts are refused and it
    // backs off; once the peer listens there, a retry connects and the held frame goes out.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    TraceStore trace(2);
    const HostConfig a = config(1, u"sender"_s, &trace);
    HostConfig b = config(2, u"late"_s, &trace);
    b.listenPort = port;
    ThreadHost sender(a, std::make_unique<Sender>());
    ThreadHost late(b, std::make_unique<Quiet>());
    QVERIFY(sender.listen());
    auto dir = std::make_shared<Directory>();
    dir->nodes = {NodeInfo{1, u"sender"_s, u"127.0.0.1"_s, sender.port()},
                  NodeInfo{2, u"late"_s, u"127.0.0.1"_s, port}};
    sender.start(dir);
    auto delivered = [&trace] {
        int n = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
            n += e.kind == TraceKind::Deliver && e.txId == 77;
        });
        return n;
    };
    auto failedConnects = [&trace] {
        int n = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
            n += e.kind == TraceKind::Connection && e.detail.startsWith(u"connect failed"_s);
        });
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(failedConnects() >= 2, 15000); // refused, backed off, refused again
    QCOMPARE(delivered(), 0);
    QString error;
    QVERIFY2(late.listen(&error), qPrintable(error));
    late.start(dir);
    QTRY_COMPARE_WITH_TIMEOUT(delivered(), 1, 15000);
}

void TestThreadHost::reconnectsAtOnceWhenThePeerIsBack()
{
    // The sender's backoff is a minute, so only the peer's coming back can bring its held
    // frame out within the test: the peer connects to it (and sends a signed frame), and the
    // sender tries again at once.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    TraceStore trace(2);
    HostConfig a = config(1, u"sender"_s, &trace);
    a.backoffBaseMs = 60000;
    a.backoffCapMs = 60000;
    HostConfig b = config(2, u"late"_s, &trace);
    b.listenPort = port;
    ThreadHost sender(a, std::make_unique<Sender>(2, 77));
    ThreadHost late(b, std::make_unique<Sender>(1, 78));
    QVERIFY(sender.listen());
    auto dir = std::make_shared<Directory>();
    dir->nodes = {NodeInfo{1, u"sender"_s, u"127.0.0.1"_s, sender.port()},
                  NodeInfo{2, u"late"_s, u"127.0.0.1"_s, port}};
    sender.start(dir);
    auto count = [&trace](TraceKind kind, const QString &detail, TxId tx = 0) {
        int n = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) {
            n += e.kind == kind && (detail.isEmpty() || e.detail.startsWith(detail)) &&
                 (!tx || e.txId == tx);
        });
        return n;
    };
    QTRY_COMPARE(count(TraceKind::Connection, u"connect failed"_s), 1); // now backing off
    QString error;
    QVERIFY2(late.listen(&error), qPrintable(error));
    late.start(dir);
    QTRY_COMPARE(count(TraceKind::Deliver, {}, 78), 1); // late -> sender
    QTRY_COMPARE(count(TraceKind::Deliver, {}, 77), 1); // sender -> late, without the backoff
    QCOMPARE(count(TraceKind::Connection, u"connect failed"_s), 1);
}

void TestThreadHost::framesBeforeStartAreHeld()
{
    // A peer that started first may talk to a host that listens but has not started yet:
    // the frame waits for the start instead of being dropped.
    TraceStore trace(2);
    ThreadHost late(config(1, u"late"_s, &trace), std::make_unique<Quiet>());
    QVERIFY(late.listen());
    auto c = std::make_unique<QTcpSocket>();
    c->connectToHost(QHostAddress::LocalHost, late.port());
    QVERIFY(c->waitForConnected(5000));
    c->write(frame(++m_seq));
    c->write(frame(m_seq)); // its replay: refused at once, a fence showing the first arrived
    auto count = [&trace](TraceKind k) {
        int n = 0;
        trace.forEach(0, trace.size(), [&](const TraceEvent &e) { n += e.kind == k; });
        return n;
    };
    QTRY_COMPARE(count(TraceKind::Reject), 1);
    QCOMPARE(count(TraceKind::Deliver), 0);
    auto dir = std::make_shared<Directory>();
    dir->nodes = {NodeInfo{1, u"late"_s, u"127.0.0.1"_s, late.port()},
                  NodeInfo{2, u"client"_s, u"127.0.0.1"_s, 1}};
    late.start(dir);
    QTRY_COMPARE(count(TraceKind::Deliver), 1);
}

QTEST_GUILESS_MAIN(TestThreadHost)
#include "tst_threadhost.moc"
