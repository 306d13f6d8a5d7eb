// The main window under the offscreen platform: it opens with the cluster running, sessions
// started from the toolbar commit and show in the table, the event log fills, pause/run drive
// the lab clock, reset starts a fresh cluster, and closing stops every host thread.

#include "eventlogmodel.h"
#include "lab/cluster.h"
#include "lab/headless.h"
#include "lab/labcontrols.h"
#include "mainwindow.h"
#include "preferences.h"
#include "runfolders.h"
#include "sequence/overviewstrip.h"
#include "sequence/sequenceview.h"
#include "services/cast.h"
#include "sessionsmodel.h"
#include "storage/ledger.h"
#include "timeline/timecursor.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void opensRunsAndCloses();
    void resetStartsFreshCluster();
    void seedPersists();
    void windowTakesTheHeadlessOptions();
    void loadTestShowsProgressAndCancels();
    void checkerVerdictIsLive();
    void threePhaseFromTheToolbar();
    void menusHaveMnemonicsAndShortcuts();
    void viewMenuBringsDocksBackAndZooms();
    void preferencesPersistAndApply();
    void oldRunFoldersAreRemoved();
    void savedRunReopensOffline();
    void headlessRunOpensAndDamagedRunIsRefused();
    void manualShowsTheReadme();
    void droppedRunFolderOpens();
    void clickingAnArrowShowsItsMessage();
    void diagramFollowsAndFits();
    void stepModeOneFrameAtATime_data();
    void stepModeOneFrameAtATime();
    void simulatorBranchesFromAnEvent();
    void traceIsWrittenToTheRunFolderAsItGrows();
    void longRunsKeepABoundedPartOfTheirFolds();
    void eventLogShowsABoundedWindow();
    void filtersNarrowTheDiagram();
    void timeSliderShowsThePast();
    void findTypesServicesAndLaneOrder();
    void runsAScenarioLive();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"EdgeCoreTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QSettings().clear();
}

void TestMainWindow::init()
{
    // Each test starts on threads at 1x unless it says otherwise.
    QSettings().remove(u"lab/engine"_s);
    QSettings().remove(u"lab/speed"_s);
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
    // A click shows the finding, with how to replay it.
    QTimer::singleShot(0, &w, [&w] {
        auto *dialog = w.findChild<QDialog *>(u"checkerReport"_s);
        QVERIFY(dialog);
        const QString text = dialog->findChild<QLabel *>(u"checkerHeadline"_s)->text();
        QVERIFY2(text.startsWith(u"LEASE violated: two leaders with fencing token 1: "_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"replay with --seed 22"_s), qPrintable(text));
        dialog->reject();
    });
    QTest::mouseClick(button, Qt::LeftButton);
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
    w.sessionsModel()->refresh(); // every row the trace holds so far, in the model
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
        // So does the slider beside it (a log scale: 0.1x, 1x in the middle, 10x).
        auto *slider = w.findChild<QSlider *>(u"speedSlider"_s);
        QVERIFY(slider);
        QCOMPARE(slider->value(), -30);
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_End);
        QCOMPARE(speed->value(), 10.0);
        QCOMPARE(w.cluster()->clock().speed(), 10.0);
        QTest::keyClick(slider, Qt::Key_Home);
        QCOMPARE(w.cluster()->clock().speed(), 0.1);
        speed->setValue(0.5);
        QCOMPARE(slider->value(), -30);
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

void TestMainWindow::menusHaveMnemonicsAndShortcuts()
{
    MainWindow w(3);
    w.show();
    QStringList titles;
    QSet<QChar> keys;
    for (QAction *m : w.menuBar()->actions()) {
        titles << m->text();
        QVERIFY2(m->text().contains(u'&'), qPrintable(m->text()));
        const QChar key = m->text().at(m->text().indexOf(u'&') + 1).toLower();
        QVERIFY2(!keys.contains(key), qPrintable(u"two menus on Alt+"_s + key));
        keys.insert(key);
        // Every item of every menu has a mnemonic, and no two items of one menu share it.
        QSet<QChar> items;
        for (QAction *a : m->menu()->actions()) {
            if (a->isSeparator())
                continue;
            QVERIFY2(a->text().contains(u'&'), qPrintable(m->text() + u" > "_s + a->text()));
            const QChar k = a->text().at(a->text().indexOf(u'&') + 1).toLower();
            QVERIFY2(!items.contains(k), qPrintable(m->text() + u": two items on "_s + k));
            items.insert(k);
        }
    }
    QCOMPARE(titles, (QStringList{u"&File"_s, u"&Lab"_s, u"&View"_s, u"&Help"_s}));
    for (const char *name :
         {"actionOpenRun", "actionSaveRun", "actionExportTrace", "actionExportSummary",
          "actionQuit", "actionShowEventLog", "actionZoomIn", "actionResetLayout", "actionManual",
          "actionShortcuts", "actionAbout", "actionAboutQt", "actionPreferences"})
        QVERIFY2(w.findChild<QAction *>(QString::fromLatin1(name)), name);
    // Help > Keyboard Shortcuts lists every action that has one, with its keys.
    QTimer::singleShot(0, &w, [&w] {
        auto *dialog = w.findChild<QDialog *>(u"shortcutsDialog"_s);
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(u"shortcutsTable"_s);
        QVERIFY(table);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + u'=' + table->item(r, 1)->text();
        QVERIFY2(rows.contains(u"Run=F5"_s), qPrintable(rows.join(u", "_s)));
        QVERIFY2(rows.contains(u"New VOICE Session=Ctrl+1"_s), qPrintable(rows.join(u", "_s)));
        QVERIFY2(rows.contains(u"Preferences=Ctrl+,"_s), qPrintable(rows.join(u", "_s)));
        QVERIFY2(rows.contains(u"Save Run As=Ctrl+S"_s), qPrintable(rows.join(u", "_s)));
        dialog->reject();
    });
    w.findChild<QAction *>(u"actionShortcuts"_s)->trigger();
}

void TestMainWindow::viewMenuBringsDocksBackAndZooms()
{
    {
        MainWindow w(3);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *dock = w.findChild<QDockWidget *>(u"eventLogDock"_s);
        QVERIFY(dock && dock->isVisible());
        dock->close();
        QVERIFY(!dock->isVisible());
        QAction *show = w.findChild<QAction *>(u"actionShowEventLog"_s);
        QVERIFY(!show->isChecked());
        show->trigger();
        QVERIFY(dock->isVisible());
        dock->close();
        w.findChild<QAction *>(u"actionResetLayout"_s)->trigger();
        QVERIFY(dock->isVisible());
        // Zoom: the tables' font grows and shrinks, and the step is remembered.
        auto *table = w.findChild<QTableView *>(u"sessionsView"_s);
        const qreal before = table->font().pointSizeF();
        w.findChild<QAction *>(u"actionZoomIn"_s)->trigger();
        w.findChild<QAction *>(u"actionZoomIn"_s)->trigger();
        QCOMPARE(table->font().pointSizeF(), before + 2);
        QCOMPARE(w.zoom(), 2);
        QVERIFY(w.close());
    }
    MainWindow again(3);
    QCOMPARE(again.zoom(), 2);
    again.findChild<QAction *>(u"actionZoomReset"_s)->trigger();
    QCOMPARE(again.zoom(), 0);
}

void TestMainWindow::preferencesPersistAndApply()
{
    QTemporaryDir runs;
    {
        MainWindow w(9);
        w.show();
        // Through the dialog, as a user would: change the lease and mallory, accept.
        QTimer::singleShot(0, &w, [&w, &runs] {
            auto *dialog = w.findChild<QDialog *>(u"preferencesDialog"_s);
            QVERIFY(dialog);
            dialog->findChild<QSpinBox *>(u"prefLeaseTtl"_s)->setValue(4500);
            dialog->findChild<QDoubleSpinBox *>(u"prefMallory"_s)->setValue(0);
            auto *deadlock = dialog->findChild<QComboBox *>(u"prefDeadlock"_s);
            deadlock->setCurrentIndex(deadlock->findData(u"timeout"_s));
            dialog->findChild<QSpinBox *>(u"prefLoadSessions"_s)->setValue(7);
            dialog->findChild<QLineEdit *>(u"prefRunsFolder"_s)->setText(runs.path());
            dialog->findChild<QSpinBox *>(u"prefRunsKept"_s)->setValue(5);
            auto *language = dialog->findChild<QComboBox *>(u"prefLanguage"_s);
            language->setCurrentIndex(language->findData(u"de"_s));
            dialog->accept();
        });
        w.findChild<QAction *>(u"actionPreferences"_s)->trigger();
        QCOMPARE(w.preferences().leaseTtlMs, 4500);
        // The cluster's settings apply from the next reset.
        QCOMPARE(w.cluster()->config().coordinator.leaseTtlMs, 3000);
        w.findChild<QAction *>(u"actionReset"_s)->trigger();
        QCOMPARE(w.cluster()->config().coordinator.leaseTtlMs, 4500);
        QCOMPARE(w.cluster()->config().mallory.framesPerSecond, 0.0);
        QVERIFY(w.cluster()->config().deadlock.resolution == DeadlockResolution::Timeout);
        QVERIFY(w.runFolder().startsWith(runs.path()));
        // A load test takes its count from the preferences.
        w.startLoad();
        QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed) +
                                      w.sessionsModel()->count(Outcome::Aborted),
                                  7, 30000);
        QCOMPARE(w.sessionsModel()->rowCount(), 7);
        QVERIFY(w.close());
    }
    const Preferences p = Preferences::load();
    QCOMPARE(p.leaseTtlMs, 4500);
    QCOMPARE(p.malloryRate, 0.0);
    QVERIFY(p.deadlockTimeout);
    QCOMPARE(p.loadSessions, 7);
    QCOMPARE(p.runsFolder, runs.path());
    QCOMPARE(p.runsKept, 5);
    QCOMPARE(p.language, u"de"_s);
    Preferences defaults;
    defaults.save(); // the later tests start from the defaults
}

void TestMainWindow::oldRunFoldersAreRemoved()
{
    QTemporaryDir runs;
    QDir dir(runs.path());
    // Six earlier runs, and a folder of the user's own that is not a run folder.
    for (int i = 0; i < 6; ++i)
        QVERIFY(dir.mkpath(
            runfolders::newRun(runs.path(), QDateTime(QDate(2026, 1, 1 + i), QTime(10, 0)), 5)));
    QVERIFY(dir.mkdir(u"my notes"_s));
    Preferences p;
    p.runsFolder = runs.path();
    p.runsKept = 3;
    p.save();
    {
        MainWindow w(5);
        const QStringList left = runfolders::list(runs.path());
        QCOMPARE(left.size(), 3);
        QCOMPARE(left.constFirst(), w.runFolder()); // the newest: this run's
        QVERIFY(left.contains(
            runfolders::newRun(runs.path(), QDateTime(QDate(2026, 1, 6), QTime(10, 0)), 5)));
        QVERIFY(!left.contains(
            runfolders::newRun(runs.path(), QDateTime(QDate(2026, 1, 4), QTime(10, 0)), 5)));
        QVERIFY(dir.exists(u"my notes"_s));
        // Each reset makes one more and removes one more.
        w.resetLab();
        QCOMPARE(runfolders::list(runs.path()).size(), 3);
        QCOMPARE(runfolders::list(runs.path()).constFirst(), w.runFolder());
    }
    Preferences().save();
}

void TestMainWindow::savedRunReopensOffline()
{
    QTemporaryDir where;
    const QString saved = where.filePath(u"run"_s);
    qsizetype events = 0;
    {
        MainWindow w(31);
        w.show();
        w.newSession(u"VOICE"_s);
        w.newSession(u"DATA"_s);
        QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 2, 15000);
        w.pauseLab();
        QString error;
        QVERIFY2(w.saveRun(saved, &error), qPrintable(error));
        for (const char *f : {"summary.json", "trace.json", "trace.ectrace", "data/rm.sqlite",
                              "data/billing.sqlite"})
            QVERIFY2(QFile::exists(QDir(saved).filePath(QString::fromLatin1(f))), f);
        // A folder that holds something already is refused, and nothing is written into it.
        QVERIFY(!w.saveRun(saved, &error));
        QVERIFY2(error.contains(u"not empty"_s), qPrintable(error));
        // The saved services' logs are whole: the ledgers verify.
        QString out;
        QString err;
        {
            QTextStream o(&out);
            QTextStream e(&err);
            QCOMPARE(verifyLedgers(saved, o, e), 0);
        }
        QVERIFY(w.recentRuns().contains(QDir(saved).absolutePath()));

        // Reopened: the event log shows every saved event, offline; Reset goes live again.
        QVERIFY2(w.openRun(saved, &error), qPrintable(error));
        QVERIFY(w.isOffline());
        QVERIFY(!w.cluster());
        const TraceFileContents back = readTraceFile(QDir(saved).filePath(u"trace.ectrace"_s));
        events = back.trace->size();
        QVERIFY(events > 20);
        QCOMPARE(w.eventLogModel()->rowCount(), events);
        QCOMPARE(w.verdict(), u"ok"_s);
        QVERIFY(!w.findChild<QAction *>(u"actionNewVoice"_s)->isEnabled());
        QVERIFY(w.windowTitle().contains(u"run"_s));
        w.resetLab();
        QVERIFY(!w.isOffline());
        QVERIFY(w.cluster() && w.cluster()->isRunning());
        QVERIFY(w.findChild<QAction *>(u"actionNewVoice"_s)->isEnabled());
        QVERIFY(w.close());
    }
    // File > Open Recent has it.
    MainWindow w(31);
    auto *recent = w.findChild<QMenu *>(u"menuRecent"_s);
    QVERIFY(recent);
    Q_EMIT recent->aboutToShow();
    QAction *first = recent->findChild<QAction *>(u"recentRun"_s);
    QVERIFY(first);
    first->trigger();
    QVERIFY(w.isOffline());
    QCOMPARE(w.eventLogModel()->rowCount(), events);
}

void TestMainWindow::headlessRunOpensAndDamagedRunIsRefused()
{
    QTemporaryDir where;
    HeadlessOptions o;
    o.scenario = u"demo"_s;
    o.sim = true;
    o.seed = 4;
    o.sessions = 6;
    o.outDir = where.filePath(u"headless"_s);
    QString out;
    QString err;
    {
        QTextStream os(&out);
        QTextStream es(&err);
        QCOMPARE(runHeadless(o, os, es), 0);
    }
    MainWindow w(4);
    QString error;
    QVERIFY2(w.openRun(o.outDir, &error), qPrintable(error));
    QVERIFY(w.isOffline());
    const qsizetype rows = w.eventLogModel()->rowCount();
    QVERIFY(rows > 50);
    // A damaged file: one clear message, and the run that was open stays open.
    QFile file(QDir(o.outDir).filePath(u"trace.ectrace"_s));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
    file.seek(0);
    file.write(bytes);
    file.close();
    QVERIFY(!w.openRun(o.outDir, &error));
    QVERIFY2(error.contains(u"damaged at event"_s), qPrintable(error));
    QVERIFY(w.isOffline());
    QCOMPARE(w.eventLogModel()->rowCount(), rows);
    // A folder that holds no run at all.
    QVERIFY(!w.openRun(where.path(), &error));
    QVERIFY2(error.contains(u"holds no EdgeCore Lab run"_s), qPrintable(error));
}

void TestMainWindow::droppedRunFolderOpens()
{
    QTemporaryDir where;
    HeadlessOptions o;
    o.sim = true;
    o.seed = 9;
    o.sessions = 4;
    o.outDir = where.filePath(u"dropped"_s);
    QString out;
    QString err;
    {
        QTextStream os(&out);
        QTextStream es(&err);
        QCOMPARE(runHeadless(o, os, es), 0);
    }
    MainWindow w(2);
    w.show();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(o.outDir)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &drop);
    QVERIFY(w.isOffline());
    QVERIFY(w.eventLogModel()->rowCount() > 20);
    QCOMPARE(w.seed(), quint64(9)); // the run's, for a live rerun on Reset
    // A file is not taken.
    QMimeData file;
    file.setUrls({QUrl::fromLocalFile(QDir(o.outDir).filePath(u"summary.json"_s))});
    QDragEnterEvent refuse(QPoint(10, 10), Qt::CopyAction, &file, Qt::LeftButton, Qt::NoModifier);
    refuse.setAccepted(false);
    QCoreApplication::sendEvent(&w, &refuse);
    QVERIFY(!refuse.isAccepted());
}

void TestMainWindow::manualShowsTheReadme()
{
    MainWindow w(3);
    w.show();
    w.findChild<QAction *>(u"actionManual"_s)->trigger();
    auto *browser = w.findChild<QTextBrowser *>(u"manualBrowser"_s);
    QVERIFY(browser);
    QVERIFY2(browser->toPlainText().contains(u"./lab test"_s),
             qPrintable(browser->toPlainText().left(300)));
    // Its links lead into docs/, built in too.
    browser->setSource(QUrl(u"qrc:/manual/docs/architecture.md"_s),
                       QTextDocument::MarkdownResource);
    QVERIFY(browser->toPlainText().size() > 1000);
}

void TestMainWindow::clickingAnArrowShowsItsMessage()
{
    MainWindow w(12);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.newSession(u"VOICE"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    w.pauseLab();
    // The diagram's fold has the PREPARE that rm received.
    const MessageFlow &flow = w.messageFlow();
    int prepare = -1;
    QTRY_VERIFY([&] {
        for (size_t i = 0; i < flow.messageCount(); ++i)
            if (flow.message(int(i)).type == quint16(MsgType::Prepare) &&
                flow.message(int(i)).fate == MessageFate::Delivered)
                prepare = static_cast<int>(i);
        return prepare >= 0;
    }());
    const FlowMessage m = flow.message(prepare);
    // Zoom in on it, then click the middle of its arrow, as a user would.
    SequenceView *view = w.sequenceView();
    view->setFollowing(false);
    view->layout().setScale(20); // 20 us a pixel: a few ms over the view
    view->layout().setTop(m.sentUs - 3000);
    view->update();
    const QPointF mid = view->layout().arrow(m, m.endUs).pointAt(0.5);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, mid.toPoint());
    QVERIFY(view->selected() >= 0);
    const int pickedId = view->selected();
    const FlowMessage picked = flow.message(pickedId);
    QCOMPARE(picked.tx, m.tx);
    const QString detail = w.messageDetail();
    QVERIFY2(detail.contains(toString(static_cast<MsgType>(picked.type))), qPrintable(detail));
    QVERIFY2(detail.contains(formatId(m.tx)), qPrintable(detail));
    QVERIFY2(detail.contains(u"Vector clock"_s), qPrintable(detail));
    if (picked.fate == MessageFate::Delivered) // the receiver's verifier passed it
        QVERIFY2(detail.contains(u"valid (HMAC-SHA256 verified by "_s), qPrintable(detail));
    // What the sender put in the frame: its key, its fencing token, its payload decoded.
    const TraceEvent sent = w.cluster()->trace().at(picked.sendEvent);
    QVERIFY(sent.keyId != 0);
    QVERIFY2(detail.contains(u"key %1 (the sender's signing key)"_s.arg(sent.keyId)),
             qPrintable(detail));
    if (picked.type == quint16(MsgType::Prepare)) {
        QVERIFY(sent.token != 0); // a PREPARE carries its coordinator's token
        QVERIFY2(detail.contains(u"Fencing token"_s), qPrintable(detail));
    }
    const auto fields = describePayload(sent.payload);
    QVERIFY(!fields.empty());
    QVERIFY2(detail.contains(u"Payload"_s), qPrintable(detail));
    for (const auto &[name, value] : fields)
        QVERIFY2(detail.contains(name) && detail.contains(value), qPrintable(name));
    // The pane's "Show only this transaction" narrows the diagram to it.
    auto *pane = w.findChild<QTextBrowser *>(u"messageDetail"_s);
    QVERIFY(pane->toHtml().contains(u"edgecore://only-tx/"_s + formatId(m.tx)));
    Q_EMIT pane->anchorClicked(QUrl(u"edgecore://only-tx/"_s + formatId(m.tx)));
    QCOMPARE(view->filter().onlyTx, m.tx);
    QCOMPARE(w.findChild<QLineEdit *>(u"filterTransaction"_s)->text(), formatId(m.tx));
    view->showOnlyTransaction(0);
    view->select(pickedId);
    // Right and Left walk through the transaction's messages.
    const int first = view->selected();
    QTest::keyClick(view, Qt::Key_Right);
    QVERIFY(view->selected() != first);
    QCOMPARE(flow.message(view->selected()).tx, m.tx);
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(view->selected(), first);
    // Escape lets go; the pane empties.
    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(view->selected(), -1);
    QVERIFY(w.messageDetail().isEmpty());
}

void TestMainWindow::diagramFollowsAndFits()
{
    MainWindow w(13);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    SequenceView *view = w.sequenceView();
    QVERIFY(view->following());
    w.newSession(u"DATA"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    // Live: the bottom of the view is the lab's now.
    const qint64 now = toUs(w.cluster()->clock().now());
    QTRY_VERIFY(view->layout().bottom() >= now);
    // Scrolling up stops following; End resumes it.
    QTest::keyClick(view, Qt::Key_PageUp);
    QVERIFY(!view->following());
    QVERIFY(!w.findChild<QAction *>(u"actionFollow"_s)->isChecked());
    QTest::keyClick(view, Qt::Key_End);
    QVERIFY(view->following());
    // Fit shows the whole run, from its first event to now.
    w.findChild<QAction *>(u"actionFitDiagram"_s)->trigger();
    QVERIFY(!view->following());
    QVERIFY(view->layout().top() <= w.messageFlow().firstUs());
    QVERIFY(view->layout().bottom() >= w.messageFlow().lastUs());
    // Zoom about the mouse: + doubles... the scale shrinks, the time under the middle stays.
    const double scale = view->layout().scale();
    QTest::keyClick(view, Qt::Key_Plus);
    QVERIFY(view->layout().scale() < scale);
    // The overview strip beside it: a click near its top shows the run's beginning.
    QTest::keyClick(view, Qt::Key_End);
    auto *strip = w.findChild<OverviewStrip *>(u"overviewStrip"_s);
    QVERIFY(strip && strip->isVisible());
    QTest::mouseClick(strip, Qt::LeftButton, Qt::NoModifier, QPoint(20, 3));
    QVERIFY(!view->following());
    const qint64 start = strip->extent().first;
    QVERIFY(view->layout().top() <= start + (strip->extent().second - start) / 10);
    QVERIFY(view->layout().bottom() >= start);
}

namespace {
std::pair<qsizetype, qsizetype> deliveredAndLost(const MessageFlow &flow)
{
    qsizetype delivered = 0;
    qsizetype lost = 0;
    for (const FlowMessage &m : flow.allMessages()) {
        delivered += m.fate == MessageFate::Delivered;
        lost += m.fate == MessageFate::Lost;
    }
    return {delivered, lost};
}
} // namespace

void TestMainWindow::stepModeOneFrameAtATime_data()
{
    QTest::addColumn<bool>("simulator");
    QTest::newRow("threads") << false;
    QTest::newRow("simulator") << true;
}

void TestMainWindow::stepModeOneFrameAtATime()
{
    QFETCH(bool, simulator);
    MainWindow w(14);
    if (simulator)
        w.setEngineKind(LabEngine::Kind::Simulator);
    QCOMPARE(w.cluster() == nullptr, simulator);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.newSession(u"VOICE"_s); // warm: connections up, a leader known
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    // F10: step mode; the clock stands still and the Pending Deliveries dock shows.
    SequenceView *view = w.sequenceView();
    QTest::keyClick(&w, Qt::Key_F10);
    QVERIFY(w.stepMode());
    QVERIFY(w.findChild<QDockWidget *>(u"pendingDock"_s)->isVisible());
    const Instant frozen = w.engine()->now();
    w.newSession(u"DATA"_s);
    view->setFocus();
    int steps = 0;
    bool dropped = false;
    bool duplicated = false;
    quint64 copyId = 0;
    const auto copyRefused = [&w] {
        const std::vector<FlowMessage> all = w.messageFlow().allMessages();
        return std::any_of(all.begin(), all.end(), [](const FlowMessage &m) {
            return m.duplicate && m.fate == MessageFate::Refused &&
                   m.type == quint16(MsgType::Prepare);
        });
    };
    while (w.sessionsModel()->count(Outcome::Committed) +
                   w.sessionsModel()->count(Outcome::Aborted) <
               2 &&
           steps < 200) {
        QTRY_VERIFY_WITH_TIMEOUT(!w.pendingFrames().empty() ||
                                     w.sessionsModel()->count(Outcome::Committed) +
                                             w.sessionsModel()->count(Outcome::Aborted) >=
                                         2,
                                 10000);
        if (w.pendingFrames().empty())
            break;
        // The diagram's fold caught up with the trace (it folds on the window's timer), so the
        // counts below are before the step.
        QTRY_COMPARE(w.messageFlow().consumed(), w.engine()->trace().size());
        const auto [delivered, lost] = deliveredAndLost(w.messageFlow());
        const PendingFrame next = w.pendingFrames().front();
        // A PREPARE duplicated (D): one more frame waits, the same one.
        if (!duplicated && next.type == quint16(MsgType::Prepare)) {
            const auto copiesOf = [&w, &next] {
                const std::vector<PendingFrame> parked = w.pendingFrames();
                return std::count_if(parked.begin(), parked.end(), [&next](const PendingFrame &f) {
                    return f.from == next.from && f.to == next.to && f.type == next.type &&
                           f.tx == next.tx;
                });
            };
            QCOMPARE(copiesOf(), 1);
            QTest::keyClick(view, Qt::Key_D);
            QTRY_COMPARE(copiesOf(), 2);
            const std::vector<PendingFrame> parked = w.pendingFrames();
            for (const PendingFrame &f : parked)
                if (f.id > copyId)
                    copyId = f.id; // the newest
            duplicated = true;
        }
        // A lease renewal is harmless to lose: Del drops it, and the diagram ends it in a cross.
        if (!dropped && next.type == quint16(MsgType::DsmLease)) {
            QTest::keyClick(view, Qt::Key_Delete);
            QTRY_COMPARE(deliveredAndLost(w.messageFlow()).second, lost + 1);
            dropped = true;
        } else {
            // N: the oldest one, and exactly its arrow appears.
            QTest::keyClick(view, Qt::Key_N);
            if (next.id == copyId) // the copy: refused as a replay, no delivery
                QTRY_VERIFY(copyRefused());
            else if (next.from != kNoNode)
                QTRY_COMPARE(deliveredAndLost(w.messageFlow()).first, delivered + 1);
        }
        QCOMPARE(w.engine()->now(), frozen);
        ++steps;
    }
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 2, 15000);
    QVERIFY(steps >= 8);
    // The copy, delivered in its turn, is refused as a replay: a message of its own on the
    // diagram, marked as made by hand.
    QVERIFY(duplicated);
    for (int i = 0; i < 50 && !copyRefused() && !w.pendingFrames().empty(); ++i) {
        const size_t waiting = w.pendingFrames().size();
        QTest::keyClick(view, Qt::Key_N);
        QTRY_VERIFY(w.pendingFrames().size() != waiting || copyRefused());
    }
    QTRY_VERIFY(copyRefused());
    // The clock stood still, so the diagram runs by event order: each step its own row.
    QVERIFY(view->axis() == SequenceLayout::Axis::EventOrder);
    QVERIFY(w.findChild<QAction *>(u"actionEventOrder"_s)->isChecked());
    std::vector<double> rows;
    for (const FlowMessage &m : w.messageFlow().allMessages())
        if (m.fate == MessageFate::Delivered && m.sentUs == toUs(frozen))
            rows.push_back(view->layout().arrow(m, view->now()).y2());
    QVERIFY(rows.size() >= 8);
    std::sort(rows.begin(), rows.end());
    QVERIFY2(std::adjacent_find(rows.begin(), rows.end()) == rows.end(),
             "two steps ended on the same row");
    // T: the clock moves to the next deadline, and no further frame is delivered by it.
    const auto [delivered, lost] = deliveredAndLost(w.messageFlow());
    QTest::keyClick(view, Qt::Key_T);
    QVERIFY(w.engine()->now() > frozen);
    QCOMPARE(deliveredAndLost(w.messageFlow()).first, delivered);
    // F10 again: live; what was parked goes on.
    QTest::keyClick(&w, Qt::Key_F10);
    QVERIFY(!w.stepMode());
    QVERIFY(!w.engine()->isPaused());
}

void TestMainWindow::traceIsWrittenToTheRunFolderAsItGrows()
{
    // The live trace goes to the run folder's trace.ectrace while the lab runs; once the lab
    // is reset the file holds every event it had, and opens as a run.
    MainWindow w(29);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString folder = w.runFolder();
    const QString path = QDir(folder).filePath(QString::fromLatin1(kTraceFileName));
    QVERIFY(QFile::exists(path));
    QVERIFY(w.engine()->trace().spilling());
    w.newSession(u"VOICE"_s);
    QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 1, 15000);
    w.pauseLab();
    const TraceStore &live = w.engine()->trace();
    const qsizetype size = live.size();
    std::vector<TraceEvent> seen;
    live.forEach(0, size, [&seen](const TraceEvent &e) { seen.push_back(e); });
    w.resetLab(); // the old lab's trace is finished in its folder
    QVERIFY(w.runFolder() != folder);
    const TraceFileContents back = readTraceFile(path);
    QVERIFY2(back.trace, qPrintable(back.error));
    QVERIFY(!back.truncated);
    QVERIFY(back.trace->size() >= size);
    for (qsizetype i = 0; i < size; ++i) {
        const TraceEvent e = back.trace->at(i);
        const TraceEvent &x = seen[static_cast<size_t>(i)];
        QVERIFY2(sameButWallTime(e, x), qPrintable(QString::number(i)));
    }
    QString error;
    QVERIFY2(w.openRun(folder, &error), qPrintable(error));
    QVERIFY(w.isOffline());
    QTRY_COMPARE(qsizetype(w.eventLogModel()->rowCount()), back.trace->size());
}

void TestMainWindow::longRunsKeepABoundedPartOfTheirFolds()
{
    // The folds over a trace that spills keep a bounded part of it. Told to keep two small
    // blocks (lab/foldBlocks), a run lets most of its messages and rows go, and the window
    // reads them back as a user reaches them: the table at an early cursor, an early message
    // clicked in the diagram.
    QSettings().setValue(u"lab/foldBlocks"_s, u"2,32,4"_s);
    QSettings().setValue(u"lab/engine"_s, u"simulator"_s);
    MainWindow w(31);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSettings().remove(u"lab/foldBlocks"_s);
    w.setSpeed(10);
    w.startLoad(30);
    QTRY_VERIFY_WITH_TIMEOUT(!w.loadRunning(), 60000);
    w.pauseLab();
    const TraceStore &trace = w.engine()->trace();
    QVERIFY(trace.backedByFile());
    QTRY_COMPARE(w.messageFlow().consumed(), trace.size());
    const MessageFlow &flow = w.messageFlow();
    QVERIFY(flow.blocksLetGo() > 3);
    QVERIFY(w.sessionsModel()->fold().blocksLetGo() > 3);
    MessageFlow allMessages;
    allMessages.advance(trace);
    SessionFold allRows;
    allRows.advance(trace);
    QCOMPARE(flow.messageCount(), allMessages.messageCount());
    QCOMPARE(w.sessionsModel()->fold().rowCount(), allRows.rowCount());
    QCOMPARE(w.sessionsModel()->count(Outcome::Committed), allRows.count(Outcome::Committed));
    // The time cursor on the second session's PREPARE: the table as it was then.
    const SessionRow second = allRows.row(1);
    QVERIFY(second.changes.size() > 2);
    const qsizetype event = second.changes[1].event;
    w.setCursorEvent(event);
    auto *table = w.findChild<QTableView *>(u"sessionsView"_s);
    QCOMPARE(qsizetype(table->model()->rowCount()), allRows.rowsAt(event));
    QCOMPARE(table->model()->index(1, SessionsModel::StateCol).data().toString(),
             toString(second.phaseAt(event)));
    QCOMPARE(table->model()->index(0, SessionsModel::SubscriberCol).data().toString(),
             allRows.row(0).subscriber);
    w.setCursorEvent(-1);
    // An early PREPARE, long let go, clicked: the detail pane shows it.
    int prepare = -1;
    for (int id = 0; id < int(allMessages.messageCount()) && prepare < 0; ++id)
        if (allMessages.message(id).type == quint16(MsgType::Prepare) &&
            allMessages.message(id).fate == MessageFate::Delivered)
            prepare = id;
    QVERIFY(prepare >= 0 && prepare < 32); // in the first block
    const qsizetype before = flow.refolds();
    const FlowMessage m = allMessages.message(prepare);
    SequenceView *view = w.sequenceView();
    view->setFollowing(false);
    view->layout().setScale(20);
    view->layout().setTop(m.sentUs - 3000);
    view->update();
    const QPointF mid = view->layout().arrow(m, m.endUs).pointAt(0.5);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, mid.toPoint());
    QVERIFY(view->selected() >= 0);
    QCOMPARE(flow.message(view->selected()).tx, m.tx);
    QVERIFY(flow.refolds() > before); // read back to be painted and picked
    const QString detail = w.messageDetail();
    QVERIFY2(detail.contains(toString(MsgType::Prepare)), qPrintable(detail));
    QVERIFY2(detail.contains(formatId(m.tx)), qPrintable(detail));
}

void TestMainWindow::eventLogShowsABoundedWindow()
{
    // The log shows at most its window of rows (here 100, letting 25 go at once), ending at
    // the live end or the cursor; row r is event firstEvent() + r, numbered so; a model tester
    // checks every insert, removal and reset it signals.
    TraceStore trace(3, 10'000);
    trace.setNodeNames({QString(), u"a"_s, u"b"_s, u"c"_s});
    const auto append = [&trace](int n) {
        for (int i = 0; i < n; ++i) {
            TraceEvent e;
            e.kind = TraceKind::Note;
            e.node = 1;
            e.labUs = trace.size() * 10;
            trace.append(e);
        }
    };
    append(90);
    EventLogModel log;
    QAbstractItemModelTester tester(&log);
    log.setWindow(100, 25);
    log.setStore(&trace);
    QCOMPARE(log.rowCount(), 90);
    const auto shows = [&log](qsizetype first, qsizetype end) {
        return log.firstEvent() == first && log.firstEvent() + log.rowCount() == end &&
               log.index(0, EventLogModel::IndexCol).data().toLongLong() == first &&
               log.index(log.rowCount() - 1, EventLogModel::IndexCol).data().toLongLong() ==
                   end - 1;
    };
    append(30); // 120 rows: within the window and its slack
    QCOMPARE(log.refresh(), 30);
    QVERIFY(shows(0, 120));
    append(10); // 130: the top 30 go, 100 stay
    log.refresh();
    QVERIFY(shows(30, 130));
    QCOMPARE(log.rowOf(29), -1);
    QCOMPARE(log.rowOf(30), 0);
    QCOMPARE(log.eventAt(5), qsizetype(35));
    append(5000); // far behind: only the end
    log.refresh();
    QVERIFY(shows(5030, 5130));
    // The cursor back before the rows shown: the window moves there; inside them: it ends there.
    log.setCursor(10);
    QVERIFY(shows(0, 11));
    log.setCursor(3000);
    QVERIFY(shows(2901, 3001));
    log.setCursor(2950);
    QVERIFY(shows(2901, 2951));
    log.setCursor(2900); // just before the rows shown: the window moves, the log not empty
    QVERIFY(shows(2801, 2901));
    QCOMPARE(log.rowOf(2900), 99);
    QCOMPARE(log.refresh(), 0); // at a cursor the log gains nothing
    log.setCursor(-1);          // live again
    QVERIFY(log.firstEvent() + log.rowCount() == trace.size());
    QVERIFY(log.rowCount() <= 125);
}

void TestMainWindow::simulatorBranchesFromAnEvent()
{
    MainWindow w(23);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // Lab > Engine > Simulator: the lab starts again in the simulator, and the choice persists.
    w.findChild<QAction *>(u"actionEngineSimulator"_s)->trigger();
    QVERIFY(w.engineKind() == LabEngine::Kind::Simulator);
    QVERIFY(w.engine() && w.engine()->kind() == LabEngine::Kind::Simulator);
    QVERIFY(!w.cluster());
    QCOMPARE(QSettings().value(u"lab/engine"_s).toString(), u"simulator"_s);
    w.setSpeed(10);
    w.startLoad(12);
    QTRY_VERIFY_WITH_TIMEOUT(!w.loadRunning(), 60000);
    QCOMPARE(w.sessionsModel()->rowCount(), 12);
    QVERIFY(w.sessionsModel()->count(Outcome::Committed) > 0);
    // A crash by hand among the inputs, then more sessions.
    w.engine()->controls().crash(cast::billing());
    w.newSession(u"VOICE"_s);
    const qsizetype crashAt = w.engine()->trace().size();
    QTRY_VERIFY_WITH_TIMEOUT(w.engine()->trace().size() > crashAt + 30, 60000);
    w.pauseLab();
    QVERIFY(w.engine()->isPaused());
    const TraceStore &trace = w.engine()->trace();
    // The time cursor on an event just after the crash; Ctrl+B branches from it.
    const qsizetype event = crashAt + 10;
    w.setCursorEvent(event);
    const QList<QWidget *> before = QApplication::topLevelWidgets();
    QTest::keyClick(&w, Qt::Key_B, Qt::ControlModifier);
    MainWindow *branch = nullptr;
    for (QWidget *top : QApplication::topLevelWidgets())
        if (auto *m = qobject_cast<MainWindow *>(top); m && m != &w && !before.contains(m))
            branch = m;
    QVERIFY(branch);
    QVERIFY(QTest::qWaitForWindowExposed(branch));
    QVERIFY(branch->windowTitle().contains(u"Branch at event"_s));
    QVERIFY(branch->engine()->kind() == LabEngine::Kind::Simulator);
    QVERIFY(branch->engine()->isPaused());
    // Events 0..event again, field for field (wall time aside).
    const TraceStore &again = branch->engine()->trace();
    QVERIFY(again.size() > event);
    for (qsizetype i = 0; i <= event; ++i) {
        const TraceEvent a = trace.at(i);
        const TraceEvent b = again.at(i);
        QVERIFY2(sameButWallTime(a, b), qPrintable(u"event %1 differs"_s.arg(i)));
    }
    // The branch's views show its run: the sessions answered up to there.
    QTRY_COMPARE(branch->messageFlow().consumed(), again.size());
    QVERIFY(branch->sessionsModel()->rowCount() >= 12);
    // It carries on on its own; the original stays as it was, paused.
    const qsizetype originalSize = trace.size();
    branch->runLab();
    branch->newSession(u"DATA"_s);
    QTRY_VERIFY_WITH_TIMEOUT(again.size() > event + 50, 60000);
    QCOMPARE(trace.size(), originalSize);
    // Reset there: a plain lab in the simulator, no longer the branch.
    branch->resetLab();
    QCOMPARE(branch->windowTitle(), u"EdgeCore Lab"_s);
    QVERIFY(branch->engine()->kind() == LabEngine::Kind::Simulator);
    QVERIFY(!branch->engine()->isPaused());
    branch->close(); // deletes itself
    // The diagram's context menu branches from a message too: at the event it ended with.
    {
        const MessageFlow &flow = w.messageFlow();
        QTRY_VERIFY((flow.messageCount() > 0));
        const FlowMessage m = flow.message(int(flow.messageCount() / 2));
        const qsizetype ended = m.endEvent >= 0 ? m.endEvent : m.sendEvent;
        QSignalSpy asked(w.sequenceView(), &SequenceView::branchRequested);
        MainWindow *fromMenu = nullptr;
        connect(
            w.sequenceView(), &SequenceView::branchRequested, &w,
            [&fromMenu, &w](qsizetype) {
                for (QWidget *top : QApplication::topLevelWidgets())
                    if (auto *mw = qobject_cast<MainWindow *>(top);
                        mw && mw != &w && mw->windowTitle().contains(u"Branch"_s))
                        fromMenu = mw;
            },
            Qt::QueuedConnection);
        Q_EMIT w.sequenceView()->branchRequested(ended);
        QCOMPARE(asked.count(), 1);
        QTRY_VERIFY(fromMenu);
        QVERIFY(fromMenu->windowTitle().contains(QLocale().toString(ended + 1)));
        fromMenu->close();
    }
    // On threads there is nothing to branch: it says so and opens nothing.
    w.setEngineKind(LabEngine::Kind::Threads);
    QVERIFY(w.cluster());
    QVERIFY(!w.branchFrom(0));
    QVERIFY(w.statusBar()->currentMessage().contains(u"simulator"_s));
}

void TestMainWindow::filtersNarrowTheDiagram()
{
    {
        MainWindow w(15);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.newSession(u"VOICE"_s);
        w.newSession(u"DATA"_s);
        QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 2, 15000);
        w.pauseLab();
        SequenceView *view = w.sequenceView();
        const MessageFlow &flow = w.messageFlow();
        QTRY_VERIFY(flow.messageCount() > 10);
        // Two PREPAREs of different transactions.
        std::vector<FlowMessage> prepares;
        for (const FlowMessage &m : flow.allMessages())
            if (m.type == quint16(MsgType::Prepare) && m.fate == MessageFate::Delivered &&
                (prepares.empty() || prepares.front().tx != m.tx))
                prepares.push_back(m);
        QVERIFY(prepares.size() >= 2);
        const FlowMessage a = prepares[0];
        const FlowMessage b = prepares[1];
        view->setFollowing(false);
        view->layout().setScale(20);
        const auto hitOf = [&](const FlowMessage &m) {
            view->layout().setTop(m.sentUs - 3000);
            const QPointF mid = view->layout().arrow(m, m.endUs).pointAt(0.5);
            const int id = view->layout().hit(mid, flow, view->now(), 5, &view->filter());
            return id < 0 ? TxId(0) : flow.message(id).tx;
        };
        QVERIFY(hitOf(a) != 0);
        // One transaction only, typed as the tables show it: nothing of another transaction is
        // drawn or found under the mouse.
        auto *tx = w.findChild<QLineEdit *>(u"filterTransaction"_s);
        QVERIFY(tx);
        QTest::keyClicks(tx, formatId(b.tx));
        QCOMPARE(view->filter().onlyTx, b.tx);
        const TxId underA = hitOf(a);
        QVERIFY(underA == 0 || underA == b.tx);
        QCOMPARE(hitOf(b), b.tx);
        tx->clear();
        QCOMPARE(view->filter().onlyTx, TxId(0));
        // Delivered frames hidden: none is found any more.
        w.findChild<QCheckBox *>(u"filterDelivered"_s)->setChecked(false);
        for (const FlowMessage &m : {a, b}) {
            view->layout().setTop(m.sentUs - 3000);
            const QPointF mid = view->layout().arrow(m, m.endUs).pointAt(0.5);
            const int id = view->layout().hit(mid, flow, view->now(), 5, &view->filter());
            QVERIFY(id < 0 || flow.message(id).fate != MessageFate::Delivered);
        }
        // A lifeline hidden.
        view->setHiddenLanes({u"mallory"_s});
        QCOMPARE(view->layout().lanes().size(), size_t(8));
        QVERIFY(w.close());
    }
    // Kept for the next run.
    MainWindow again(15);
    QVERIFY(!again.findChild<QCheckBox *>(u"filterDelivered"_s)->isChecked());
    QVERIFY(!again.sequenceView()->filter().fates[int(MessageFate::Delivered)]);
    QCOMPARE(again.sequenceView()->hiddenLanes(), QStringList{u"mallory"_s});
    QCOMPARE(again.sequenceView()->layout().lanes().size(), size_t(8));
    again.findChild<QCheckBox *>(u"filterDelivered"_s)->setChecked(true);
    again.sequenceView()->setHiddenLanes({});
}

// One cursor for the whole window: dragging the time slider back to the moment a session's
// PREPAREs went out shows it PREPARING in the sessions table (though it is ACTIVE at the end),
// the event log ends there and the diagram marks the instant; Live snaps back.
void TestMainWindow::timeSliderShowsThePast()
{
    MainWindow w(31);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.newSession(u"VOICE"_s);
    SessionsModel *sessions = w.sessionsModel();
    QTRY_COMPARE_WITH_TIMEOUT(sessions->count(Outcome::Committed), 1, 15000);
    QTRY_COMPARE(sessions->rowCount(), 1);
    const QModelIndex state = sessions->index(0, SessionsModel::StateCol);
    QTRY_COMPARE(state.data().toString(), u"ACTIVE"_s);
    const SessionRow &row = sessions->row(0);
    qsizetype prepared = -1;
    for (const SessionRow::Change &c : row.changes)
        if (c.phase == SessionPhase::Preparing && prepared < 0)
            prepared = c.event;
    QVERIFY(prepared > row.firstEvent());
    QVERIFY(prepared < row.answerEvent);

    auto *slider = w.findChild<QSlider *>(u"timeSlider"_s);
    auto *live = w.findChild<QToolButton *>(u"timeLive"_s);
    QVERIFY(slider && live);
    QVERIFY(live->isChecked());
    QTRY_VERIFY(slider->maximum() > row.answerEvent);
    QCOMPARE(slider->value(), slider->maximum()); // live: at the end
    slider->setSliderDown(true);                  // as a drag does
    slider->setSliderPosition(static_cast<int>(prepared));
    slider->setSliderDown(false);
    QCOMPARE(w.timeCursor()->event(), prepared);
    QCOMPARE(state.data().toString(), u"PREPARING"_s);
    QVERIFY(sessions->index(0, SessionsModel::LatencyCol).data().toString().isEmpty());
    QCOMPARE(w.eventLogModel()->rowCount(), static_cast<int>(prepared) + 1);
    QVERIFY(!live->isChecked());
    QVERIFY(w.findChild<QLabel *>(u"timeLabel"_s)->text().contains(QLocale().toString(prepared)));
    // The diagram draws the cursor across itself at the instant.
    const TraceEvent at = w.cluster()->trace().at(prepared);
    QCOMPARE(w.timeCursor()->labUs(), at.labUs);
    SequenceView *diagram = w.sequenceView();
    QVERIFY(!diagram->following());
    const int y = qRound(diagram->layout().yOf(at.labUs));
    QVERIFY(y > SequenceLayout::kHeaderHeight && y < diagram->height());
    const QImage shot = diagram->grab().toImage();
    QColor mark = shot.pixelColor(4, y);
    for (int dy : {-1, 1}) // the line is antialiased: the reddest of its rows
        if (shot.pixelColor(4, y + dy).green() < mark.green())
            mark = shot.pixelColor(4, y + dy);
    QVERIFY2(mark.red() > 180 && mark.green() < 90 && mark.blue() < 90,
             qPrintable(mark.name() + u" at y "_s + QString::number(y)));
    // Live rows do not come in while the table stands in the past.
    const int logRows = w.eventLogModel()->rowCount();
    const qsizetype sizeThen = w.cluster()->trace().size();
    w.newSession(u"DATA"_s);
    QTRY_VERIFY(w.cluster()->trace().size() > sizeThen + 50);
    QTRY_COMPARE(slider->maximum(), static_cast<int>(w.cluster()->trace().size()) - 1);
    QCOMPARE(slider->value(), static_cast<int>(prepared)); // the cursor stays put
    QCOMPARE(sessions->rowCount(), 1);
    QCOMPARE(w.eventLogModel()->rowCount(), logRows);
    // One event back: the request taken, nothing asked yet.
    QTest::keyClick(&w, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(w.timeCursor()->event(), prepared - 1);
    QCOMPARE(state.data().toString(), u"PENDING"_s);
    QCOMPARE(w.eventLogModel()->rowCount(), static_cast<int>(prepared));
    // Live again: the end, both sessions.
    QTest::mouseClick(live, Qt::LeftButton);
    QVERIFY(w.timeCursor()->isLive());
    // As it is now: ACTIVE, or already ended and RELEASING or RELEASED (a VOICE call lasts
    // about a second).
    const SessionPhase now = sessions->row(0).changes.back().phase;
    QVERIFY(now == SessionPhase::Active || now == SessionPhase::Releasing ||
            now == SessionPhase::Released);
    QCOMPARE(state.data().toString(), toString(now));
    QVERIFY(w.eventLogModel()->rowCount() > logRows);
    QTRY_COMPARE(sessions->rowCount(), 2);
    QVERIFY(diagram->following());
}

// The rest of the filter bar: one session, one service, message types from a menu; Find with
// next and previous hits; a lifeline dragged by its head to another place. What is chosen is
// kept for the next run.
void TestMainWindow::findTypesServicesAndLaneOrder()
{
    {
        MainWindow w(16);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.newSession(u"VOICE"_s);
        w.newSession(u"DATA"_s);
        QTRY_COMPARE_WITH_TIMEOUT(w.sessionsModel()->count(Outcome::Committed), 2, 15000);
        SequenceView *view = w.sequenceView();
        const MessageFlow &flow = w.messageFlow();
        // One of mallory's forgeries refused, for a detail only the trace holds.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&flow] {
                const std::vector<FlowMessage> all = flow.allMessages();
                return std::any_of(all.begin(), all.end(), [](const FlowMessage &m) {
                    return m.fate == MessageFate::Refused;
                });
            }(),
            20000);
        w.pauseLab();
        const QStringList lanes = w.cluster()->trace().nodeNames();
        // A forgery refused: the Message pane says what became of its signature.
        for (size_t i = 0; i < flow.messageCount(); ++i) {
            const FlowMessage m = flow.message(int(i));
            if (m.fate != MessageFate::Refused)
                continue;
            view->select(static_cast<int>(i));
            const auto why = static_cast<WireError>(m.reason);
            const QString expected = why == WireError::BadTag || why == WireError::UnknownKey
                                         ? u"invalid: "_s
                                     : int(why) < int(WireError::UnknownKey)
                                         ? u"not checked: the frame did not decode"_s
                                         : u"valid (refused after it was verified)"_s;
            QVERIFY2(w.messageDetail().contains(expected), qPrintable(w.messageDetail()));
        }
        view->select(-1);
        // One session: only its frames pass.
        const SessionId session = w.sessionsModel()->row(1).session;
        QVERIFY(session != 0);
        QTest::keyClicks(w.findChild<QLineEdit *>(u"filterSession"_s), formatId(session));
        QCOMPARE(view->filter().onlySession, session);
        int passed = 0;
        for (const FlowMessage &m : flow.allMessages()) {
            QCOMPARE(view->filter().accepts(m), m.session == session);
            passed += view->filter().accepts(m);
        }
        QVERIFY(passed > 4);
        w.findChild<QLineEdit *>(u"filterSession"_s)->clear();
        QVERIFY(view->filter().showsAll());
        // Double-clicking a row of the sessions table does the same for its session.
        auto *table = w.findChild<QTableView *>(u"sessionsView"_s);
        const QRect cell =
            table->visualRect(w.sessionsModel()->index(1, SessionsModel::SessionCol));
        QVERIFY(cell.isValid());
        // A double-click as the window system delivers it: a click, then the double-click.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(view->filter().onlySession, session);
        QCOMPARE(w.findChild<QLineEdit *>(u"filterSession"_s)->text(), formatId(session));
        w.findChild<QLineEdit *>(u"filterSession"_s)->clear();
        QVERIFY(view->filter().showsAll());
        // One service, picked from the combo box as a user does.
        auto *service = w.findChild<QComboBox *>(u"filterService"_s);
        QCOMPARE(service->count(), lanes.size()); // "every one" and each service
        const int billing = service->findText(u"billing"_s);
        QVERIFY(billing > 0);
        service->setFocus();
        service->setCurrentIndex(billing);
        Q_EMIT service->activated(billing);
        const NodeId billingId = static_cast<NodeId>(lanes.indexOf(u"billing"_s));
        QCOMPARE(view->filter().onlyNode, billingId);
        for (const FlowMessage &m : flow.allMessages())
            QCOMPARE(view->filter().accepts(m), m.from == billingId || m.to == billingId);
        service->setCurrentIndex(0);
        Q_EMIT service->activated(0);
        QCOMPARE(view->filter().onlyNode, kNoNode);
        // A type unticked in the menu: no frame of it passes.
        QAction *lease = w.findChild<QAction *>(u"filterType_DSM_LEASE"_s);
        QVERIFY(lease && lease->isChecked());
        lease->trigger();
        QVERIFY(!view->filter().shows(quint16(MsgType::DsmLease)));
        for (const FlowMessage &m : flow.allMessages())
            if (m.type == quint16(MsgType::DsmLease))
                QVERIFY(!view->filter().accepts(m));
        // Find: the first PREPARE after nothing selected, then the next, then back.
        auto *find = w.findChild<QLineEdit *>(u"findMessage"_s);
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(find->hasFocus());
        QTest::keyClicks(find, u"prepare"_s);
        QTest::keyClick(find, Qt::Key_Return);
        const int first = view->selected();
        QVERIFY(first >= 0);
        QCOMPARE(flow.message(first).type, quint16(MsgType::Prepare));
        for (int id = 0; id < first; ++id)
            QVERIFY(flow.message(id).type != quint16(MsgType::Prepare));
        QTest::keyClick(&w, Qt::Key_F3);
        const int second = view->selected();
        QVERIFY(second > first);
        QCOMPARE(flow.message(second).type, quint16(MsgType::Prepare));
        QTest::keyClick(&w, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(view->selected(), first);
        // A word only the trace's details hold (a refusal's reason, a loss's): found there.
        const TraceStore &trace = w.cluster()->trace();
        const auto detailOf = [&trace](const FlowMessage &m) -> QString {
            return (m.sendEvent >= 0 ? trace.at(m.sendEvent).detail : QString()) + u' ' +
                   (m.endEvent >= 0 ? trace.at(m.endEvent).detail : QString());
        };
        QString word;
        for (const FlowMessage &m : flow.allMessages()) {
            if (!view->filter().accepts(m))
                continue;
            for (const QString &w2 : detailOf(m).split(u' ', Qt::SkipEmptyParts))
                if (w2.size() >= 5 && w2.front().isLetter() && !lanes.contains(w2) &&
                    !QString::fromLatin1("SESSION_CREATE PREPARE VOTE COMMIT ABORT ACK DSM")
                         .contains(w2, Qt::CaseInsensitive)) {
                    word = w2;
                    break;
                }
            if (!word.isEmpty())
                break;
        }
        QVERIFY2(!word.isEmpty(), "no message with a detail");
        find->setText(word);
        view->select(-1);
        QVERIFY(w.findMessage(1));
        QVERIFY2(detailOf(flow.message(view->selected())).contains(word, Qt::CaseInsensitive),
                 qPrintable(word));
        find->setText(u"no such thing anywhere"_s);
        const int before = view->selected();
        QVERIFY(!w.findMessage(1));
        QCOMPARE(view->selected(), before);
        QVERIFY(w.statusBar()->currentMessage().contains(u"no such thing anywhere"_s));
        // Drag the first lifeline's head onto the third's place.
        const std::vector<NodeId> was = view->layout().lanes();
        const QPoint from(qRound(view->layout().xOfLane(0)), 12);
        const QPoint to(qRound(view->layout().xOfLane(2)), 14);
        QTest::mousePress(view, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), view->mapToGlobal(QPointF(to)),
                         Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(view, &move);
        QTest::mouseRelease(view, Qt::LeftButton, {}, to);
        const std::vector<NodeId> now = view->layout().lanes();
        QCOMPARE(now.size(), was.size());
        QCOMPARE(now[2], was[0]);
        QCOMPARE(now[0], was[1]);
        QCOMPARE(now[1], was[2]);
        QCOMPARE(view->laneOrder().mid(0, 3),
                 (QStringList{lanes.at(was[1]), lanes.at(was[2]), lanes.at(was[0])}));
        QVERIFY(w.close());
    }
    // Kept for the next run: the type hidden, the lifelines' order.
    MainWindow again(16);
    SequenceView *view = again.sequenceView();
    QVERIFY(!view->filter().shows(quint16(MsgType::DsmLease)));
    QVERIFY(!again.findChild<QAction *>(u"filterType_DSM_LEASE"_s)->isChecked());
    const QStringList lanes = again.cluster()->trace().nodeNames();
    QCOMPARE(lanes.at(view->layout().lanes()[2]), view->laneOrder().at(2));
    QCOMPARE(view->layout().lanes()[2], NodeId(lanes.indexOf(view->laneOrder().at(2))));
    QVERIFY(view->layout().lanes()[2] != 3);
    // Back to the cast's order and every type, for the other tests.
    again.findChild<QAction *>(u"filterType_DSM_LEASE"_s)->trigger();
    view->setLaneOrder({});
    QCOMPARE(view->layout().lanes()[0], NodeId(1));
    QVERIFY(view->filter().showsAll());
}

// Lab > Run Scenario: the coordinator-crash scenario in 3PC, live in the window: the lab is
// reset with its set-up, the coordinator crashes mid-transaction (its lifeline greys on the
// diagram), the participants terminate, it restarts, and the status bar tells what the run
// showed. A broken fault plan is refused and changes nothing.
void TestMainWindow::runsAScenarioLive()
{
    MainWindow w(17);
    w.setSpeed(10.0);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTemporaryDir dir;
    const QString broken = dir.filePath(u"broken.json"_s);
    {
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"steps\": [{\"at_ms\": \"soon\"}]}");
    }
    Cluster *before = w.cluster();
    QSignalSpy oldGone(before, &QObject::destroyed);
    QString error;
    QVERIFY(!w.runScenario(u"demo"_s, {}, broken, &error));
    QVERIFY2(error.contains(u"fault plan"_s), qPrintable(error));
    QCOMPARE(w.cluster(), before);
    QVERIFY(!w.runScenario(u"no-such-scenario"_s, {}, {}, &error));
    QVERIFY(error.contains(u"no-such-scenario"_s));
    QCOMPARE(oldGone.size(), 0); // the lab untouched

    QAction *crash = w.findChild<QAction *>(u"actionScenario_coordinator-crash_3PC"_s);
    QVERIFY(crash);
    crash->trigger();
    QCOMPARE(oldGone.size(), 1); // a fresh lab
    QVERIFY(w.cluster() && w.cluster()->isRunning());
    QCOMPARE(w.protocol(), u"3PC"_s);
    QCOMPARE(w.scenarioRunning(), u"coordinator-crash"_s);
    QVERIFY(w.findChild<QProgressBar *>()->isVisible());
    // The coordinator's lifeline greys while it is down, and it comes back.
    QTRY_VERIFY_WITH_TIMEOUT(!w.messageFlow().downs().empty(), 30000);
    const DownInterval down = w.messageFlow().downs().front();
    const QStringList names = w.cluster()->trace().nodeNames();
    QVERIFY2(names.value(down.node).startsWith(u"sm-"_s), qPrintable(names.value(down.node)));
    QTRY_VERIFY_WITH_TIMEOUT(w.scenarioRunning().isEmpty(), 60000);
    QTRY_VERIFY(w.messageFlow().downs().front().toUs > down.fromUs);
    QVERIFY2(w.statusBar()->currentMessage().startsWith(u"Scenario coordinator-crash finished"_s),
             qPrintable(w.statusBar()->currentMessage()));
    // Every session answered, the 3PC ones pre-committed, and the checker content.
    QTRY_COMPARE(w.sessionsModel()->rowCount(), 5);
    bool precommitted = false;
    for (int r = 0; r < 5; ++r)
        for (const SessionRow::Change &c : w.sessionsModel()->row(r).changes)
            precommitted |= c.phase == SessionPhase::PreCommitted;
    QVERIFY(precommitted);
    QTRY_COMPARE(w.verdict(), u"ok"_s);
    // Reset: a plain lab again.
    w.findChild<QAction *>(u"actionReset"_s)->trigger();
    QVERIFY(w.scenarioRunning().isEmpty());
    QCOMPARE(w.sessionsModel()->rowCount(), 0);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
