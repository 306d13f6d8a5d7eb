// Protocol cores with no I/O: the 2PC coordinator's transitions as scripts with their
// transcripts, and the edge's request validation.

#include "protocol/twophasecoordinator.h"
#include "services/requestvalidation.h"
#include "services/resourcemanager.h"

#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

QString describe(const CoordinatorActions &actions)
{
    QStringList out;
    for (const CoordinatorAction &a : actions) {
        switch (a.kind) {
        case CoordinatorAction::Kind::LogIntent:
            out << u"log-intent"_s;
            break;
        case CoordinatorAction::Kind::SendPrepare:
            out << u"prepare>"_s + QString::number(a.to);
            break;
        case CoordinatorAction::Kind::LogDecision:
            out << (a.commit ? u"log-commit"_s : u"log-abort"_s);
            break;
        case CoordinatorAction::Kind::SendDecision:
            out << (a.commit ? u"commit>"_s : u"abort>"_s) + QString::number(a.to);
            break;
        case CoordinatorAction::Kind::Decided:
            out << (a.commit ? u"decided-commit"_s : u"decided-abort"_s);
            break;
        case CoordinatorAction::Kind::Finished:
            out << u"finished"_s;
            break;
        }
    }
    return out.join(u' ');
}

// Runs a script of inputs ("start", "yes 3", "no 4", "timeout", "ack 3") against a coordinator
// with participants 3 and 4, and returns one transcript line per input.
QString run(const QString &script, TwoPhaseCoordinator &c)
{
    QStringList lines;
    for (const QString &step : script.split(u';', Qt::SkipEmptyParts)) {
        const QStringList w = step.trimmed().split(u' ');
        CoordinatorActions a;
        if (w[0] == u"start"_s)
            a = c.start();
        else if (w[0] == u"yes"_s || w[0] == u"no"_s)
            a = c.onVote(static_cast<NodeId>(w[1].toUInt()), w[0] == u"yes"_s);
        else if (w[0] == u"timeout"_s)
            a = c.onTimeout();
        else if (w[0] == u"ack"_s)
            a = c.onAck(static_cast<NodeId>(w[1].toUInt()));
        lines << step.trimmed() + u": "_s + describe(a);
    }
    return lines.join(u" | "_s);
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coordinator_data();
    void coordinator();
    void validation_data();
    void validation();
    void cellsAreStable();
};

void TestProtocol::coordinator_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("transcript");
    QTest::addColumn<QString>("phase");

    QTest::newRow("all yes commits")
        << u"start; yes 3; yes 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("a no aborts at once")
        << u"start; no 4; yes 3"_s
        << u"start: log-intent prepare>3 prepare>4 | no 4: log-abort abort>3 abort>4 decided-abort | yes 3: "_s
        << u"ABORTED"_s;
    QTest::newRow("timeout aborts")
        << u"start; yes 3; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | timeout: log-abort abort>3 abort>4 decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("timeout after decision changes nothing")
        << u"start; yes 3; yes 4; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit | timeout: "_s
        << u"COMMITTED"_s;
    QTest::newRow("duplicate vote ignored")
        << u"start; yes 3; yes 3"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 3: "_s << u"PREPARING"_s;
    QTest::newRow("stranger's vote ignored")
        << u"start; yes 9; no 9"_s << u"start: log-intent prepare>3 prepare>4 | yes 9:  | no 9: "_s
        << u"PREPARING"_s;
    QTest::newRow("acks finish")
        << u"start; yes 3; yes 4; ack 3; ack 3; ack 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit | ack 3:  | ack 3:  | ack 4: finished"_s
        << u"COMMITTED"_s;
    QTest::newRow("ack before decision ignored")
        << u"start; ack 3"_s << u"start: log-intent prepare>3 prepare>4 | ack 3: "_s
        << u"PREPARING"_s;
}

void TestProtocol::coordinator()
{
    QFETCH(QString, script);
    QFETCH(QString, transcript);
    QFETCH(QString, phase);
    TwoPhaseCoordinator c(1, {3, 4});
    QCOMPARE(run(script, c), transcript);
    QCOMPARE(TwoPhaseCoordinator::toString(c.phase()), phase);
}

void TestProtocol::validation_data()
{
    QTest::addColumn<QString>("subscriber");
    QTest::addColumn<QString>("cls");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("normalized"); // empty: refused
    QTest::addColumn<QString>("error");

    QTest::newRow("plain imsi") << u"001010000000001"_s << u"VOICE"_s << u"2PC"_s
                                << u"001010000000001"_s << QString();
    QTest::newRow("prefix and spaces") << u" IMSI-00101 0000 0000 02 "_s << u"data"_s << u""_s
                                       << u"001010000000002"_s << QString();
    QTest::newRow("tel with plus and dashes")
        << u"+49-170-1234567"_s << u"Voice"_s << u"2pc"_s << u"491701234567"_s << QString();
    QTest::newRow("too short") << u"1234"_s << u"VOICE"_s << u"2PC"_s << QString()
                               << u"subscriber id must have 5 to 15 digits"_s;
    QTest::newRow("too long") << u"1234567890123456"_s << u"VOICE"_s << u"2PC"_s << QString()
                              << u"subscriber id must have 5 to 15 digits"_s;
    QTest::newRow("letters") << u"00101abc000"_s << u"VOICE"_s << u"2PC"_s << QString()
                             << u"subscriber id may contain digits only"_s;
    QTest::newRow("bad class") << u"001010000000001"_s << u"VIDEO"_s << u"2PC"_s << QString()
                               << u"traffic class must be VOICE or DATA"_s;
    QTest::newRow("bad protocol") << u"001010000000001"_s << u"DATA"_s << u"paxos"_s << QString()
                                  << u"protocol must be 2PC"_s;
}

void TestProtocol::validation()
{
    QFETCH(QString, subscriber);
    QFETCH(QString, cls);
    QFETCH(QString, protocol);
    QFETCH(QString, normalized);
    QFETCH(QString, error);
    const ValidationResult r = validateRequest(subscriber, cls, protocol);
    if (normalized.isEmpty()) {
        QVERIFY(!r.request);
        QCOMPARE(r.error, error);
    } else {
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->subscriber, normalized);
    }
}

void TestProtocol::cellsAreStable()
{
    // The same subscriber always lands in the same cell, and subscribers spread over cells.
    QCOMPARE(ResourceManager::cellFor(u"001010000000001"_s, 4),
             ResourceManager::cellFor(u"001010000000001"_s, 4));
    QSet<int> cells;
    for (int i = 0; i < 64; ++i)
        cells.insert(ResourceManager::cellFor(u"00101000000"_s + QString::number(1000 + i), 4));
    QCOMPARE(cells.size(), 4);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
