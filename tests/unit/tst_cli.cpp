// The command line: help, version, errors with a clear message, and what each option selects.

#include "cli.h"

#include <QDir>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void numbersOutOfRange_data();
    void numbersOutOfRange();
    void speedInRange_data();
    void speedInRange();
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
    QTest::newRow("a scenario live in the window")
        << QStringList{u"--scenario"_s, u"deadlock"_s} << true << gui << 0 << QString();
    QTest::newRow("a fault plan live in the window")
        << QStringList{u"--faults"_s, u"plan.json"_s} << true << gui << 0 << QString();
    QTest::newRow("out without headless")
        << QStringList{u"--out"_s, u"/tmp/x"_s} << true << exit << 2 << u"go with --headless"_s;
    QTest::newRow("a run folder and a scenario")
        << QStringList{QDir::tempPath(), u"--scenario"_s, u"demo"_s} << true << exit << 2
        << u"a run folder opens in the window"_s;
    QTest::newRow("window with a load test")
        << QStringList{u"--sessions"_s, u"50"_s} << true << gui << 0 << QString();
    QTest::newRow("stray argument")
        << QStringList{u"demo"_s} << true << exit << 2 << u"unexpected argument 'demo'"_s;
    QTest::newRow("a run folder to open")
        << QStringList{QDir::tempPath()} << true << gui << 0 << QString();
    QTest::newRow("a file is not a run folder")
        << QStringList{QCoreApplication::applicationFilePath()} << true << exit << 2
        << u"(not a run folder)"_s;
    QTest::newRow("two run folders") << QStringList{QDir::tempPath(), QDir::tempPath()} << true
                                     << exit << 2 << u"unexpected argument"_s;
    QTest::newRow("run folder with headless")
        << QStringList{u"--headless"_s, QDir::tempPath()} << true << exit << 2
        << u"opens in the window, not with --headless"_s;
    QTest::newRow("bad protocol") << QStringList{u"--headless"_s, u"--protocol"_s, u"4pc"_s} << true
                                  << exit << 2 << u"--protocol takes 2pc or 3pc"_s;
    QTest::newRow("sim in the window") << QStringList{u"--sim"_s} << true << gui << 0 << QString();
    QTest::newRow("sim with a run folder")
        << QStringList{u"--sim"_s, QDir::tempPath()} << true << exit << 2
        << u"not with --headless, --sim or a scenario"_s;
    QTest::newRow("deadlock without headless") << QStringList{u"--deadlock"_s, u"timeout"_s} << true
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
    QTest::newRow("force without out") << QStringList{u"--headless"_s, u"--force"_s} << true << exit
                                       << 2 << u"--force goes with --out"_s;
    QTest::newRow("force with out")
        << QStringList{u"--headless"_s, u"--out"_s, u"/tmp/run"_s, u"--force"_s} << true << headless
        << 0 << QString();
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

void TestCli::numbersOutOfRange_data()
{
    // Every number option refuses what is not a finite number in its range: one line, exit 2.
    // "nan" got through --speed before (NaN compares false with both bounds) and the run hung.
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    const QString speed = u"edgecore-lab: --speed takes a factor from 0.1 to 10, not '"_s;
    for (const char *v : {"nan", "NaN", "-nan", "inf", "+inf", "-inf", "1e400", "0", "-1", "100",
                          "0.09", "10.01", "x"})
        QTest::addRow("--speed %s", v)
            << u"--speed"_s << QString::fromLatin1(v) << speed + QString::fromLatin1(v) + u"'\n"_s;
    const QString seed = u"edgecore-lab: --seed takes a whole number from 1 up, not '"_s;
    for (const char *v : {"nan", "inf", "-1", "1.5", "1e3", "18446744073709551616"})
        QTest::addRow("--seed %s", v)
            << u"--seed"_s << QString::fromLatin1(v) << seed + QString::fromLatin1(v) + u"'\n"_s;
    const QString sessions =
        u"edgecore-lab: --sessions takes a whole number from 0 to 10000000, not '"_s;
    for (const char *v : {"nan", "inf", "-1", "1e300", "10000001", "2147483648"})
        QTest::addRow("--sessions %s", v) << u"--sessions"_s << QString::fromLatin1(v)
                                          << sessions + QString::fromLatin1(v) + u"'\n"_s;
    const QString quitAfter = u"edgecore-lab: --quit-after takes milliseconds, not '"_s;
    for (const char *v : {"nan", "inf", "-1", "2147483648"})
        QTest::addRow("--quit-after %s", v) << u"--quit-after"_s << QString::fromLatin1(v)
                                            << quitAfter + QString::fromLatin1(v) + u"'\n"_s;
}

void TestCli::numbersOutOfRange()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, error);
    const CliOptions o = parseCli({u"edgecore-lab"_s, u"--headless"_s, option, value}, true);
    QCOMPARE(int(o.action), int(CliOptions::Action::Exit));
    QCOMPARE(o.exitCode, 2);
    QCOMPARE(o.message, error); // one line
}

void TestCli::speedInRange_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("speed");
    QTest::newRow("0.1, the slowest") << u"0.1"_s << 0.1;
    QTest::newRow("1") << u"1"_s << 1.0;
    QTest::newRow("2.5") << u"2.5"_s << 2.5;
    QTest::newRow("10, the fastest") << u"10"_s << 10.0;
    QTest::newRow("1e1") << u"1e1"_s << 10.0;
}

void TestCli::speedInRange()
{
    QFETCH(QString, value);
    QFETCH(double, speed);
    const CliOptions o = parseCli({u"edgecore-lab"_s, u"--headless"_s, u"--speed"_s, value}, true);
    QCOMPARE(int(o.action), int(CliOptions::Action::Headless));
    QCOMPARE(o.exitCode, 0);
    QCOMPARE(o.headless.speed, speed);
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
