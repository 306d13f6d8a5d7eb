// The main window under the offscreen platform: it opens with the cluster running, sessions
// started from the toolbar commit and show in the table, the event log fills, pause/run drive
// the lab clock, reset starts a fresh cluster, and closing stops every host thread.

#include "eventlogmodel.h"
#include "lab/cluster.h"
#include "mainwindow.h"
#include "services/cast.h"
#include "sessionsmodel.h"
#include "trace/tracestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensRunsAndCloses();
    void resetStartsFreshCluster();
    void seedPersists();
    void windowTakesTheHeadlessOptions();
    void loadTestShowsProgressAndCancels();
    void checkerVerdictIsLive();
    void threePhaseFromTheToolbar();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"EdgeCoreTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QSettings().clear();
}

void TestMainWindow::opensRunsAndCloses()
{
    auto *w = new MainWindow(7);
    w->setAttribute(Qt::WA_DeleteOnClose);
    QAbstractItemModelTester sessionsTester(w->sessionsModel());
    QAbstractItemModelTester eventsTester(w->eventLogModel());
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QVERIFY(w->cluster() && w->cluster()->isRunning());

    for (const char *name :
         {"actionNewVoice", "actionNewVoice", "actionNewVoice", "actionNewData", "actionNewData"}) {
        auto *a = w->findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY(a);
        a->trigger();
    }
    QTRY_COMPARE_WITH_TIMEOUT(w->sessionsModel()->count(Outcome::Committed), 5, 15000);
    auto *table = w->findChild<QTableView *>(u"sessionsView"_s);
    QCOMPARE(table->model()->rowCount(), 5);
    QCOMPARE(table->model()->index(0, SessionsModel::StateCol).data().toString(), u"ACTIVE"_s);
    QVERIFY(table->model()->index(0, SessionsModel::DurationCol).data().toDouble() > 0);
    // Each session ends after its duration and is released: the table says so.
    QTRY_COMPARE_WITH_TIMEOUT(w->sessionsModel()->count(Outcome::Released), 5, 30000);
    QCOMPARE(w->sessionsModel()->activeCount(), 0);
    QCOMPARE(table->model()->index(0, SessionsModel::StateCol).data().toString(), u"RELEASED"_s);
    QTRY_VERIFY(w->eventLogModel()->rowCount() > 20);

    // Pause stops the lab clock; Run starts it again. Keyboard shortcuts are set.
    auto *pause = w->findChild<QAction *>(u"actionPause"_s);
    auto *run = w->findChild<QAction *>(u"actionRun"_s);
    QCOMPARE(pause->shortcut(), QKeySequence(Qt::Key_F6));
    pause->trigger();
    QVERIFY(w->cluster()->clock().isPaused());
    QVERIFY(run->isEnabled());
    run->trigger();
    QVERIFY(!w->cluster()->clock().isPaused());

    // Closing stops every host (their destructors join the threads) and deletes the window.
    std::vector<std::unique_ptr<QSignalSpy>> gone;
    for (ThreadHost *h : w->cluster()->hosts())
        gone.push_back(std::make_unique<QSignalSpy>(h, &QObject::destroyed));
    QSignalSpy windowGone(w, &QObject::destroyed);
    QVERIFY(w->close());
    QTRY_COMPARE(windowGone.size(), 1);
    for (auto &spy : gone)
        QCOMPARE(spy->size(), 1);
}

void TestMainWindow::resetStartsFreshCluster()
{
    MainWindow w(11);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.newSession(u"VOICE"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    Cluster *before = w.cluster();
    QSignalSpy oldGone(before, &QObject::destroyed);
    w.findChild<QAction *>(u"actionReset"_s)->trigger();
    QCOMPARE(oldGone.size(), 1);
    QVERIFY(w.cluster() && w.cluster()->isRunning());
    QCOMPARE(w.sessionsModel()->rowCount(), 0);
    QCOMPARE(w.cluster()->config().seed, quint64(11));
    w.newSession(u"DATA"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
}

void TestMainWindow::seedPersists()
{
    {
        MainWindow w(4242);
        w.show();
        QVERIFY(w.close());
    }
    MainWindow again; // no seed given: the remembered one
    QCOMPARE(again.seed(), quint64(4242));
    QCOMPARE(again.findChild<QLineEdit *>(u"seedBox"_s)->text(), u"4242"_s);
}

void TestMainWindow::checkerVerdictIsLive()
{
    MainWindow w(22);
    w.show();
    w.newSession(u"VOICE"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    auto *button = w.findChild<QToolButton *>(u"checkerVerdict"_s);
    QVERIFY(button);
    QTRY_COMPARE(w.verdict(), u"ok"_s);
    QTRY_COMPARE(button->text(), u"Checker: ok"_s);
    // A forged fact breaks a rule (two leaders under one fencing token): the window says so.
    TraceEvent e;
    e.kind = TraceKind::Lease;
    e.reason = 1;
    e.seq = 1;
    e.node = w.cluster()->directory().lookup(cast::sessionManager(3));
    w.cluster()->trace().append(e);
    QTRY_VERIFY(w.verdict().startsWith(u"LEASE: two leaders with fencing token 1"_s));
    QTRY_COMPARE(button->text(), u"Checker: LEASE violated"_s);
}

void TestMainWindow::loadTestShowsProgressAndCancels()
{
    MainWindow w(21);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *progress = w.findChild<QProgressBar *>(u"loadProgress"_s);
    auto *cancel = w.findChild<QToolButton *>(u"loadCancel"_s);
    QVERIFY(progress && cancel);
    QVERIFY(!progress->isVisible());
    w.startLoad(5000);
    QVERIFY(w.loadRunning());
    QCOMPARE(progress->maximum(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 20, 15000);
    // The counters stay in view while it runs (a status message used to cover them).
    const QList<QLabel *> counts = w.findChild<QStatusBar *>()->findChildren<QLabel *>();
    QVERIFY(std::any_of(counts.begin(), counts.end(), [](QLabel *l) {
        return l->isVisible() && l->text().contains(u"Committed"_s);
    }));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!w.loadRunning());
    QVERIFY(!progress->isVisible());
    // Nothing more is submitted: the rows stop short of 5000 and every one is answered.
    w.sessionsModel()->applyPending(); // every row submitted so far, in the model
    const int rows = w.sessionsModel()->rowCount();
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed) +
                                  w.sessionsModel()->count(Outcome::Aborted) +
                                  w.sessionsModel()->count(Outcome::Unknown),
                              w.sessionsModel()->rowCount(), 15000);
    QVERIFY(w.sessionsModel()->rowCount() < 5000);
    QVERIFY(w.sessionsModel()->rowCount() <= rows + 8); // at most what was in flight
}

void TestMainWindow::windowTakesTheHeadlessOptions()
{
    // A seed past the old box's 999,999 (headless seeds go to 2^64-1), the protocol and the
    // clock speed, as --seed, --protocol and --speed give them.
    {
        MainWindow w(18'000'000'000'000'000'000ULL);
        w.setProtocol(u"3PC"_s);
        w.setSpeed(4.5);
        w.show();
        QCOMPARE(w.seed(), quint64(18'000'000'000'000'000'000ULL));
        QCOMPARE(w.cluster()->config().seed, quint64(18'000'000'000'000'000'000ULL));
        QCOMPARE(w.protocol(), u"3PC"_s);
        QCOMPARE(w.cluster()->clock().speed(), 4.5);
        // The speed box drives the running clock.
        auto *speed = w.findChild<QDoubleSpinBox *>(u"speedBox"_s);
        QVERIFY(speed);
        speed->setValue(0.5);
        QCOMPARE(w.cluster()->clock().speed(), 0.5);
        QVERIFY(w.close());
    }
    MainWindow again; // remembered
    QCOMPARE(again.seed(), quint64(18'000'000'000'000'000'000ULL));
    QCOMPARE(again.speed(), 0.5);
    QCOMPARE(again.cluster()->clock().speed(), 0.5);
}

void TestMainWindow::threePhaseFromTheToolbar()
{
    {
        MainWindow w(5);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *box = w.findChild<QComboBox *>(u"protocolBox"_s);
        QVERIFY(box);
        box->setCurrentText(u"3PC"_s);
        w.findChild<QAction *>(u"actionNewData"_s)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
        QCOMPARE(w.sessionsModel()->index(0, SessionsModel::ProtocolCol).data().toString(),
                 u"3PC"_s);
        int precommits = 0;
        w.cluster()->trace().forEach(0, w.cluster()->trace().size(), [&](const TraceEvent &e) {
            precommits += e.kind == TraceKind::Send && e.msgType == quint16(MsgType::PreCommit);
        });
        QCOMPARE(precommits, 2);
        QVERIFY(w.close());
    }
    MainWindow again; // the choice is remembered
    QCOMPARE(again.protocol(), u"3PC"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
