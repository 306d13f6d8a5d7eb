// LeaderLease as scripts: each step is an input at a lab time (ms), each transcript line the
// actions it produced and whether the node may act as leader right then. TTL 3000 ms, drift
// 100 ms: a grant for a request sent at t is valid until t + 2900.

#include "protocol/leaderlease.h"

#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

QString describe(const LeaseActions &actions)
{
    QStringList out;
    for (const LeaseAction &a : actions) {
        switch (a.kind) {
        case LeaseAction::Kind::SendAcquire:
            out << u"acquire#"_s + QString::number(a.requestId);
            break;
        case LeaseAction::Kind::BecameLeader:
            out << u"leader("_s + QString::number(a.token) + u')';
            break;
        case LeaseAction::Kind::LostLeadership:
            out << u"lost("_s + QString::number(a.token) + u')';
            break;
        }
    }
    return out.join(u' ');
}

// Steps: "tick T", "grant R TOKEN T", "deny R HOLDER T".
QString run(const QString &script)
{
    LeaderLease lease;
    QStringList lines;
    for (const QString &step : script.split(u';', Qt::SkipEmptyParts)) {
        const QStringList w = step.trimmed().split(u' ');
        const Instant t = Instant(std::chrono::milliseconds(w.last().toLongLong()));
        LeaseActions a;
        if (w[0] == u"tick"_s)
            a = lease.tick(t);
        else if (w[0] == u"grant"_s)
            a = lease.onReply(w[1].toULongLong(), true, w[2].toULongLong(), kNoNode, t);
        else
            a = lease.onReply(w[1].toULongLong(), false, 0, static_cast<NodeId>(w[2].toUInt()), t);
        lines << step.trimmed() + u": "_s + describe(a) +
                     (lease.isLeader(t) ? u" [L]"_s : QString());
    }
    return lines.join(u" | "_s);
}

} // namespace

class TestLeaderLease : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void script_data();
    void script();
    void wakeups();
};

void TestLeaderLease::script_data()
{
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("transcript");
    QTest::newRow("acquire and lead")
        << u"tick 0; grant 1 7 20"_s << u"tick 0: acquire#1 | grant 1 7 20: leader(7) [L]"_s;
    QTest::newRow("renew at a third of the TTL")
        << u"tick 0; grant 1 7 20; tick 999; tick 1000; grant 2 7 1010"_s
        << u"tick 0: acquire#1 | grant 1 7 20: leader(7) [L] | tick 999:  [L] | tick 1000: acquire#2 [L] | grant 2 7 1010:  [L]"_s;
    QTest::newRow("validity counts from the send, less drift; overdue renewal goes out")
        << u"tick 0; grant 1 7 2000; tick 2899; tick 2900"_s
        << u"tick 0: acquire#1 | grant 1 7 2000: leader(7) [L] | tick 2899: acquire#2 [L] | tick 2900: lost(7)"_s;
    QTest::newRow("renewals lost: step down at the validity bound")
        << u"tick 0; grant 1 7 10; tick 1000; tick 2000; tick 2900"_s
        << u"tick 0: acquire#1 | grant 1 7 10: leader(7) [L] | tick 1000: acquire#2 [L] | tick 2000: acquire#3 [L] | tick 2900: lost(7)"_s;
    QTest::newRow("denied: follow the hint, retry after half a TTL")
        << u"tick 0; deny 1 4 10; tick 1000; tick 1510"_s
        << u"tick 0: acquire#1 | deny 1 4 10:  | tick 1000:  | tick 1510: acquire#2"_s;
    QTest::newRow("takeover after the holder's expiry gets a new term")
        << u"tick 0; deny 1 4 10; tick 1510; grant 2 9 1520"_s
        << u"tick 0: acquire#1 | deny 1 4 10:  | tick 1510: acquire#2 | grant 2 9 1520: leader(9) [L]"_s;
    QTest::newRow("renewal denied: lose at once")
        << u"tick 0; grant 1 7 10; tick 1000; deny 2 5 1010"_s
        << u"tick 0: acquire#1 | grant 1 7 10: leader(7) [L] | tick 1000: acquire#2 [L] | deny 2 5 1010: lost(7)"_s;
    QTest::newRow("late and duplicate replies ignored")
        << u"tick 0; grant 1 7 10; grant 1 8 20; grant 5 9 30"_s
        << u"tick 0: acquire#1 | grant 1 7 10: leader(7) [L] | grant 1 8 20:  [L] | grant 5 9 30:  [L]"_s;
    QTest::newRow("a grant arriving after its validity is refused")
        << u"tick 0; grant 1 7 2950"_s << u"tick 0: acquire#1 | grant 1 7 2950: "_s;
}

void TestLeaderLease::script()
{
    QFETCH(QString, steps);
    QFETCH(QString, transcript);
    QCOMPARE(run(steps), transcript);
}

void TestLeaderLease::wakeups()
{
    LeaderLease lease;
    const Instant t0{};
    lease.tick(t0);
    // Waiting for a reply: wake to retry after a third of the TTL at the latest.
    QCOMPARE(lease.nextWakeup(), t0 + std::chrono::milliseconds(1000));
    lease.onReply(1, true, 3, kNoNode, t0 + std::chrono::milliseconds(10));
    QCOMPARE(lease.nextWakeup(), t0 + std::chrono::milliseconds(1000)); // renew
    QCOMPARE(lease.token(), quint64(3));
}

QTEST_GUILESS_MAIN(TestLeaderLease)
#include "tst_leaderlease.moc"
