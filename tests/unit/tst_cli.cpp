// The command line: help, version, errors with a clear message, and what each option selects.

#include "cli.h"

#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void headlessOptions();
};

void TestCli::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("display");
    QTest::addColumn<int>("action"); // CliOptions::Action
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("messageContains");

    const int gui = int(CliOptions::Action::Gui);
    const int headless = int(CliOptions::Action::Headless);
    const int exit = int(CliOptions::Action::Exit);
    QTest::newRow("no options, display") << QStringList{} << true << gui << 0 << QString();
    QTest::newRow("no options, no display")
        << QStringList{} << false << headless << 0 << u"no display"_s;
    QTest::newRow("help") << QStringList{u"--help"_s} << true << exit << 0
                          << u"Usage: edgecore-lab [options]"_s;
    QTest::newRow("version") << QStringList{u"--version"_s} << true << exit << 0
                             << u"edgecore-lab 0."_s;
    QTest::newRow("unknown option")
        << QStringList{u"--frobnicate"_s} << true << exit << 2 << u"Unknown option 'frobnicate'"_s;
    QTest::newRow("bad seed") << QStringList{u"--headless"_s, u"--seed"_s, u"x7"_s} << true << exit
                              << 2 << u"--seed takes a whole number"_s;
    QTest::newRow("zero seed") << QStringList{u"--headless"_s, u"--seed"_s, u"0"_s} << true << exit
                               << 2 << u"--seed"_s;
    QTest::newRow("bad sessions") << QStringList{u"--headless"_s, u"--sessions"_s, u"-3"_s} << true
                                  << exit << 2 << u"--sessions"_s;
    QTest::newRow("scenario without headless")
        << QStringList{u"--scenario"_s, u"demo"_s} << true << exit << 2 << u"go with --headless"_s;
    QTest::newRow("window with a load test")
        << QStringList{u"--sessions"_s, u"50"_s} << true << gui << 0 << QString();
    QTest::newRow("stray argument")
        << QStringList{u"demo"_s} << true << exit << 2 << u"unexpected argument 'demo'"_s;
    QTest::newRow("bad protocol") << QStringList{u"--headless"_s, u"--protocol"_s, u"4pc"_s} << true
                                  << exit << 2 << u"--protocol takes 2pc or 3pc"_s;
    QTest::newRow("sim without headless")
        << QStringList{u"--sim"_s} << true << exit << 2 << u"go with --headless"_s;
    QTest::newRow("faults without headless") << QStringList{u"--faults"_s, u"plan.json"_s} << true
                                             << exit << 2 << u"--deadlock go with --headless"_s;
    QTest::newRow("bad deadlock resolution")
        << QStringList{u"--headless"_s, u"--deadlock"_s, u"wait"_s} << true << exit << 2
        << u"--deadlock takes detect or timeout, not 'wait'"_s;
    QTest::newRow("deadlock by timeout")
        << QStringList{u"--headless"_s, u"--scenario"_s, u"deadlock"_s, u"--deadlock"_s,
                       u"timeout"_s}
        << true << headless << 0 << QString();
    QTest::newRow("faults without a file") << QStringList{u"--headless"_s, u"--faults"_s} << true
                                           << exit << 2 << u"Missing value after '--faults'"_s;
    QTest::newRow("speed out of range")
        << QStringList{u"--headless"_s, u"--speed"_s, u"50"_s} << true << exit << 2
        << u"--speed takes a factor from 0.1 to 10"_s;
    QTest::newRow("list scenarios")
        << QStringList{u"--list-scenarios"_s} << true << exit << 0 << u"demo"_s;
    QTest::newRow("headless") << QStringList{u"--headless"_s} << true << headless << 0 << QString();
}

void TestCli::parse()
{
    QFETCH(QStringList, args);
    QFETCH(bool, display);
    QFETCH(int, action);
    QFETCH(int, exitCode);
    QFETCH(QString, messageContains);
    args.prepend(u"edgecore-lab"_s);
    const CliOptions o = parseCli(args, display);
    QCOMPARE(int(o.action), action);
    QCOMPARE(o.exitCode, exitCode);
    if (!messageContains.isEmpty())
        QVERIFY2(o.message.contains(messageContains), qPrintable(o.message));
}

void TestCli::headlessOptions()
{
    const CliOptions o =
        parseCli({u"edgecore-lab"_s, u"--headless"_s, u"--scenario"_s, u"demo"_s, u"--seed"_s,
                  u"7"_s, u"--out"_s, u"/tmp/x"_s, u"--sessions"_s, u"20"_s},
                 false);
    QCOMPARE(int(o.action), int(CliOptions::Action::Headless));
    QCOMPARE(o.headless.scenario, u"demo"_s);
    QCOMPARE(o.headless.seed, quint64(7));
    QCOMPARE(o.headless.outDir, u"/tmp/x"_s);
    QCOMPARE(o.headless.sessions, 20);
    QCOMPARE(parseCli({u"edgecore-lab"_s, u"--headless"_s, u"--protocol"_s, u"3pc"_s}, true)
                 .headless.protocol,
             u"3PC"_s);
    // Headless without --seed uses seed 1.
    QCOMPARE(parseCli({u"edgecore-lab"_s, u"--headless"_s}, true).headless.seed, quint64(1));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
