// The window in German: its own strings, Qt's (qtbase), the backend's texts it shows (session
// states, event kinds, details, reasons) and numbers in the German form. Every detail the
// scenarios write is one the window knows how to say.

#include "detailtext.h"
#include "eventlogmodel.h"
#include "lab/cluster.h"
#include "lab/headless.h"
#include "mainwindow.h"
#include "preferences.h"
#include "sessionsmodel.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestI18n : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void phrasesTranslate_data();
    void phrasesTranslate();
    void everyDetailOfTheScenariosIsKnown_data();
    void everyDetailOfTheScenariosIsKnown();
    void windowSpeaksGerman();
};

void TestI18n::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"EdgeCoreTest"_s);
    QCoreApplication::setApplicationName(u"tst_i18n"_s);
    const QStringList loaded = Preferences::installTranslations(u"de"_s);
    QVERIFY2(loaded.contains(u"edgecore-lab"_s), qPrintable(loaded.join(u","_s)));
    QVERIFY2(loaded.contains(u"qtbase"_s),
             "Qt's German translation (Debian's qt6-translations-l10n) did not load");
    QCOMPARE(QLocale().name(), u"de_DE"_s);
}

void TestI18n::phrasesTranslate_data()
{
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("german");
    QTest::newRow("state") << u"COMMITTED"_s << u"FESTGESCHRIEBEN"_s;
    QTest::newRow("reason in a phrase")
        << u"ABORTED: timeout waiting for votes"_s
        << u"ABGEBROCHEN: Zeitüberschreitung beim Warten auf Stimmen"_s;
    QTest::newRow("three deep") << u"release ABORTED: timeout waiting for votes: asking again"_s
                                << u"Freigabe ABGEBROCHEN: Zeitüberschreitung beim Warten auf "
                                   "Stimmen: frage erneut"_s;
    // A quantity's decimals follow the locale; a transaction id (node.sequence) does not.
    QTest::newRow("seconds and an id")
        << u"release of the session set up by tx 2.20 (it lasted 0.05 s)"_s
        << u"Freigabe der von Tx 2.20 eingerichteten Sitzung (sie dauerte 0,05 s)"_s;
    QTest::newRow("dsm write") << u"session/281474976710657 v1→v2 COMMITTED by sm-1 token 1"_s
                               << u"session/281474976710657 v1→v2 FESTGESCHRIEBEN durch sm-1 "
                                  "Token 1"_s;
    QTest::newRow("a list of link faults")
        << u"link billing -> sm-1: +3 ms ±21 ms, drop 3%, duplicate 8%"_s
        << u"Verbindung billing -> sm-1: +3 ms ±21 ms, 3 % verlieren, 8 % verdoppeln"_s;
    QTest::newRow("refused frame")
        << u"bad-signature (102 bytes)"_s << u"falsche Signatur (102 Bytes)"_s;
    QTest::newRow("deadlock") << u"deadlock: 2.2 waits for 2.1, 2.1 waits for 2.2; found 998.8 "
                                 "ms after it formed"_s
                              << u"Deadlock: 2.2 wartet auf 2.1, 2.1 wartet auf 2.2; 998,8 ms "
                                 "nach seiner Entstehung gefunden"_s;
    QTest::newRow("a checker's finding") << u"two leaders with fencing token 1: sm-1 and sm-3"_s
                                         << u"zwei Leader mit Fencing-Token 1: sm-1 und sm-3"_s;
    QTest::newRow("mallory replays")
        << u"mallory (replay): replayed a captured frame from sm-1"_s
        << u"mallory (Wiederholung): einen mitgeschnittenen Frame von sm-1 wiederholt"_s;
    QTest::newRow("an error text from outside")
        << u"cannot write /tmp/x/rm.sqlite: disk I/O error Unable to fetch row"_s
        << u"kann /tmp/x/rm.sqlite nicht schreiben: disk I/O error Unable to fetch row"_s;
    QTest::newRow("circuit breaker") << u"circuit breaker open (5 failures in a row)"_s
                                     << u"Schutzschalter offen (5 Fehlschläge in Folge)"_s;
    QTest::newRow("unknown stays")
        << u"something the table never heard of"_s << u"something the table never heard of"_s;
}

void TestI18n::phrasesTranslate()
{
    QFETCH(QString, english);
    QFETCH(QString, german);
    QCOMPARE(detailtext::translate(english), german);
}

void TestI18n::everyDetailOfTheScenariosIsKnown_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("timeout");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("demo") << u"demo"_s << QString() << false << quint64(7);
    QTest::newRow("chaos 2PC") << u"chaos"_s << QString() << false << quint64(3);
    QTest::newRow("chaos 3PC") << u"chaos"_s << u"3PC"_s << false << quint64(12);
    QTest::newRow("coordinator-crash 2PC")
        << u"coordinator-crash"_s << u"2PC"_s << false << quint64(1);
    QTest::newRow("coordinator-crash 3PC")
        << u"coordinator-crash"_s << u"3PC"_s << false << quint64(1);
    QTest::newRow("failover") << u"failover"_s << QString() << false << quint64(2);
    QTest::newRow("deadlock detect") << u"deadlock"_s << QString() << false << quint64(1);
    QTest::newRow("deadlock timeout") << u"deadlock"_s << QString() << true << quint64(1);
}

void TestI18n::everyDetailOfTheScenariosIsKnown()
{
    QFETCH(QString, scenario);
    QFETCH(QString, protocol);
    QFETCH(bool, timeout);
    QFETCH(quint64, seed);
    QTemporaryDir dir;
    HeadlessOptions o;
    o.scenario = scenario;
    o.protocol = protocol;
    o.deadlockTimeout = timeout;
    o.seed = seed;
    o.sim = true;
    o.outDir = dir.filePath(u"run"_s);
    QString out;
    QString err;
    {
        QTextStream os(&out);
        QTextStream es(&err);
        runHeadless(o, os, es);
    }
    const TraceFileContents run = readTraceFile(QDir(o.outDir).filePath(u"trace.ectrace"_s));
    QVERIFY2(run.trace, qPrintable(run.error + err));
    QSet<QString> unknown;
    qsizetype translated = 0;
    run.trace->forEach(0, run.trace->size(), [&](const TraceEvent &e) {
        if (!detailtext::known(e.detail))
            unknown.insert(e.detail);
        else if (detailtext::translate(e.detail) != e.detail)
            ++translated;
    });
    QVERIFY2(unknown.isEmpty(),
             qPrintable(QStringList(unknown.begin(), unknown.end()).mid(0, 10).join(u"\n"_s)));
    QVERIFY(translated > 0);
}

void TestI18n::windowSpeaksGerman()
{
    MainWindow w(5);
    w.show();
    QStringList menus;
    for (QAction *m : w.menuBar()->actions())
        menus << m->text();
    QCOMPARE(menus, (QStringList{u"&Datei"_s, u"&Labor"_s, u"&Ansicht"_s, u"&Hilfe"_s}));
    // In German too, every item has a mnemonic no other item of its menu has.
    for (QAction *m : w.menuBar()->actions()) {
        QSet<QChar> keys;
        for (QAction *a : m->menu()->actions()) {
            if (a->isSeparator())
                continue;
            const qsizetype amp = a->text().indexOf(u'&');
            QVERIFY2(amp >= 0, qPrintable(a->text()));
            const QChar k = a->text().at(amp + 1).toLower();
            QVERIFY2(!keys.contains(k), qPrintable(m->text() + u": two items on "_s + k));
            keys.insert(k);
        }
    }
    w.newSession(u"VOICE"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    const QModelIndex state = w.sessionsModel()->index(0, SessionsModel::StateCol);
    QTRY_VERIFY(state.data().toString() == u"AKTIV"_s ||
                state.data().toString() == u"FREIGEGEBEN"_s);
    // Numbers in the German form: a decimal comma in the latency and the lab time.
    const QString latency =
        w.sessionsModel()->index(0, SessionsModel::LatencyCol).data().toString();
    QVERIFY2(QRegularExpression(u"^\\d+,\\d\\d$"_s).match(latency).hasMatch(), qPrintable(latency));
    const QString labTime =
        w.eventLogModel()->index(0, EventLogModel::LabTimeCol).data().toString();
    QVERIFY2(QRegularExpression(u"^[\\d.]+,\\d{3}$"_s).match(labTime).hasMatch(),
             qPrintable(labTime));
    QStringList status;
    for (QLabel *l : w.statusBar()->findChildren<QLabel *>())
        status << l->text();
    const QString joined = status.join(u" | "_s);
    QVERIFY2(QRegularExpression(u"Laborzeit \\d+,\\d\\d s"_s).match(joined).hasMatch(),
             qPrintable(joined));
    QVERIFY2(joined.contains(u"Festgeschrieben"_s), qPrintable(joined));
    // The event kinds and details, in German.
    bool kind = false;
    bool detail = false;
    for (int r = 0; r < w.eventLogModel()->rowCount(); ++r) {
        kind =
            kind || w.eventLogModel()->index(r, EventLogModel::KindCol).data() == u"zugestellt"_s;
        detail = detail || w.eventLogModel()
                               ->index(r, EventLogModel::DetailCol)
                               .data()
                               .toString()
                               .startsWith(u"Tx BEREITET VOR"_s);
    }
    QVERIFY(kind);
    QVERIFY(detail);
    // Qt's own strings come from qtbase's German translation.
    QDialogButtonBox box(QDialogButtonBox::Cancel | QDialogButtonBox::Close);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), u"Abbrechen"_s);
}

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
