#include "mainwindow.h"

#include "eventlogmodel.h"
#include "lab/checker.h"
#include "lab/cluster.h"
#include "lab/loadgenerator.h"
#include "sessionsmodel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpressionValidator>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>

#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

MainWindow::MainWindow(quint64 seed, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("EdgeCore Lab"));
    setObjectName(u"mainWindow"_s);
    m_sessions = new SessionsModel(this);
    m_events = new EventLogModel(this);
    buildViews();
    buildActions();

    QSettings settings;
    if (seed == 0)
        seed = settings.value(u"lab/seed"_s, 1).toULongLong();
    m_seed->setText(QString::number(std::max<quint64>(seed, 1)));
    m_protocol->setCurrentText(settings.value(u"lab/protocol"_s, u"2PC"_s).toString());
    m_speed->setValue(settings.value(u"lab/speed"_s, 1.0).toDouble());
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"window/state"_s).toByteArray());

    m_refresh = new QTimer(this);
    m_refresh->setInterval(33); // at most ~30 view updates a second
    connect(m_refresh, &QTimer::timeout, this, &MainWindow::refresh);
    m_refresh->start();
    startCluster();
}

MainWindow::~MainWindow()
{
    stopCluster();
}

quint64 MainWindow::seed() const
{
    bool ok = false;
    const quint64 v = m_seed->text().toULongLong(&ok);
    return ok && v > 0 ? v : 1;
}

void MainWindow::setProtocol(const QString &protocol)
{
    m_protocol->setCurrentText(protocol);
}

double MainWindow::speed() const
{
    return m_speed->value();
}

void MainWindow::setSpeed(double factor)
{
    m_speed->setValue(factor);
}

QString MainWindow::protocol() const
{
    return m_protocol->currentText();
}

void MainWindow::buildViews()
{
    m_sessionsView = new QTableView(this);
    m_sessionsView->setObjectName(u"sessionsView"_s);
    m_sessionsView->setModel(m_sessions);
    m_sessionsView->verticalHeader()->hide();
    m_sessionsView->horizontalHeader()->setStretchLastSection(true);
    m_sessionsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionsView->setAlternatingRowColors(true);
    m_sessionsView->verticalHeader()->setDefaultSectionSize(22);
    m_sessionsView->setColumnWidth(SessionsModel::SubscriberCol, 140);
    m_sessionsView->setColumnWidth(SessionsModel::LatencyCol, 100);
    setCentralWidget(m_sessionsView);

    m_eventsView = new QTableView(this);
    m_eventsView->setObjectName(u"eventLogView"_s);
    m_eventsView->setModel(m_events);
    m_eventsView->verticalHeader()->hide();
    m_eventsView->verticalHeader()->setDefaultSectionSize(20);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventsView->setWordWrap(false);
    m_eventsView->setColumnWidth(EventLogModel::WhatCol, 130);
    auto *dock = new QDockWidget(tr("Event log"), this);
    dock->setObjectName(u"eventLogDock"_s);
    dock->setWidget(m_eventsView);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    m_statusClock = new QLabel(this);
    m_statusCounts = new QLabel(this);
    m_statusAlarm = new QLabel(this);
    m_statusAlarm->setObjectName(u"statusAlarm"_s);
    m_statusAlarm->setStyleSheet(u"color: #b03a2e; font-weight: bold"_s);
    m_statusAlarm->hide();
    statusBar()->addWidget(m_statusCounts, 1);
    // A running load test: how far, and a way to stop it (the counters stay in view).
    m_loadProgress = new QProgressBar(this);
    m_loadProgress->setObjectName(u"loadProgress"_s);
    m_loadProgress->setMinimumWidth(
        m_loadProgress->fontMetrics().horizontalAdvance(u"Load test 00000/00000"_s) + 24);
    m_loadProgress->setMaximumWidth(m_loadProgress->minimumWidth() * 2);
    m_loadProgress->setFormat(tr("Load test %v/%m"));
    m_loadProgress->hide();
    m_loadCancel = new QToolButton(this);
    m_loadCancel->setObjectName(u"loadCancel"_s);
    m_loadCancel->setText(tr("Cancel"));
    m_loadCancel->setToolTip(tr("Stop the load test: nothing more is submitted; what is under "
                                "way finishes"));
    m_loadCancel->hide();
    connect(m_loadCancel, &QToolButton::clicked, this, &MainWindow::cancelLoad);
    // The invariant checker's verdict, live: green while every rule holds, red with the first
    // violation; a click shows its report and the story of the transaction that broke it.
    m_verdict = new QToolButton(this);
    m_verdict->setObjectName(u"checkerVerdict"_s);
    m_verdict->setAutoRaise(true);
    m_verdict->setToolTip(tr("The invariant checker, reading every trace event as it comes: "
                             "click for its report"));
    connect(m_verdict, &QToolButton::clicked, this, &MainWindow::showVerdict);
    statusBar()->addPermanentWidget(m_verdict);
    statusBar()->addPermanentWidget(m_loadProgress);
    statusBar()->addPermanentWidget(m_loadCancel);
    statusBar()->addPermanentWidget(m_statusAlarm);
    statusBar()->addPermanentWidget(m_statusClock);
}

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Lab"));
    toolbar->setObjectName(u"labToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *labMenu = menuBar()->addMenu(tr("&Lab"));

    auto add = [&](const QString &name, const QString &text, const QKeySequence &key,
                   QStyle::StandardPixmap icon, auto slot) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setToolTip(text + u" ("_s + key.toString(QKeySequence::NativeText) + u')');
        connect(a, &QAction::triggered, this, slot);
        toolbar->addAction(a);
        labMenu->addAction(a);
        return a;
    };
    m_run = add(u"actionRun"_s, tr("Run"), QKeySequence(Qt::Key_F5), QStyle::SP_MediaPlay,
                &MainWindow::runLab);
    m_pause = add(u"actionPause"_s, tr("Pause"), QKeySequence(Qt::Key_F6), QStyle::SP_MediaPause,
                  &MainWindow::pauseLab);
    toolbar->addSeparator();
    labMenu->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Protocol "), this));
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(u"protocolBox"_s);
    m_protocol->addItems({u"2PC"_s, u"3PC"_s});
    m_protocol->setToolTip(tr("Commit protocol of the sessions you start from here"));
    toolbar->addWidget(m_protocol);
    connect(m_protocol, &QComboBox::currentTextChanged, this,
            [](const QString &p) { QSettings().setValue(u"lab/protocol"_s, p); });
    add(u"actionNewVoice"_s, tr("New VOICE session"), QKeySequence(Qt::CTRL | Qt::Key_1),
        QStyle::SP_MediaVolume, [this] { newSession(u"VOICE"_s); });
    add(u"actionNewData"_s, tr("New DATA session"), QKeySequence(Qt::CTRL | Qt::Key_2),
        QStyle::SP_DriveNetIcon, [this] { newSession(u"DATA"_s); });
    add(u"actionLoadTest"_s, tr("Load test"), QKeySequence(Qt::CTRL | Qt::Key_L),
        QStyle::SP_MediaSeekForward, [this] { startLoad(100); });
    toolbar->addSeparator();
    labMenu->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Seed "), this));
    // Any seed a headless run takes (1 to 2^64-1), so a run can be repeated in the window.
    m_seed = new QLineEdit(this);
    m_seed->setObjectName(u"seedBox"_s);
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[1-9][0-9]{0,19}"_s), m_seed));
    m_seed->setMaximumWidth(m_seed->fontMetrics().horizontalAdvance(u"0"_s) * 22);
    m_seed->setToolTip(tr("Seed for every random choice of the next reset"));
    toolbar->addWidget(m_seed);
    connect(m_seed, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        m_seed->text().toULongLong(&ok); // more than 2^64-1 digits allow
        if (!ok)
            m_seed->setText(QString::number(std::numeric_limits<quint64>::max()));
    });
    toolbar->addWidget(new QLabel(tr(" Speed "), this));
    m_speed = new QDoubleSpinBox(this);
    m_speed->setObjectName(u"speedBox"_s);
    m_speed->setRange(0.1, 10.0);
    m_speed->setSingleStep(0.1);
    m_speed->setDecimals(1);
    m_speed->setSuffix(u"×"_s);
    m_speed->setValue(1.0);
    m_speed->setToolTip(tr("Lab clock speed: 0.1 (slow motion) to 10"));
    toolbar->addWidget(m_speed);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, [this](double factor) {
        if (m_cluster)
            m_cluster->clock().setSpeed(factor);
        QSettings().setValue(u"lab/speed"_s, factor);
    });
    add(u"actionReset"_s, tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), QStyle::SP_BrowserReload,
        &MainWindow::resetLab);
    labMenu->addSeparator();
    auto *quit = labMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setObjectName(u"actionQuit"_s);
}

void MainWindow::startCluster()
{
    ClusterConfig config;
    config.seed = seed();
    config.clockSpeed = m_speed->value();
    // A slow trickle of forged frames, so the log shows the trust boundary at work.
    config.mallory.framesPerSecond = 1;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    m_runFolder = QDir(base).filePath(
        u"runs/"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s) + u"-seed"_s +
        QString::number(config.seed));
    config.dataDir = m_runFolder;
    m_cluster = std::make_unique<Cluster>(config);
    connect(m_cluster.get(), &Cluster::sessionSubmitted, m_sessions, &SessionsModel::onSubmitted);
    connect(m_cluster.get(), &Cluster::sessionFinished, m_sessions, &SessionsModel::onFinished);
    m_events->setStore(&m_cluster->trace());
    m_checker = std::make_unique<Checker>(m_cluster->trace());
    m_scanned = 0;
    m_rejected = 0;
    m_halted.clear();
    m_nextSubscriber = 0;
    QString error;
    if (!m_cluster->start(&error)) {
        QMessageBox::critical(this, tr("EdgeCore Lab"),
                              tr("The cluster could not start:\n%1").arg(error));
    }
    m_run->setEnabled(false);
    m_pause->setEnabled(true);
    updateStatus();
}

void MainWindow::stopCluster()
{
    delete m_load;
    m_load = nullptr;
    if (!m_cluster)
        return;
    m_checker.reset(); // it reads the cluster's trace
    m_events->setStore(nullptr);
    m_cluster->stop();
    m_cluster.reset();
}

void MainWindow::resetLab()
{
    stopCluster();
    m_sessions->clear();
    QSettings().setValue(u"lab/seed"_s, static_cast<qulonglong>(seed()));
    startCluster();
}

void MainWindow::runLab()
{
    if (m_cluster)
        m_cluster->clock().resume();
    m_run->setEnabled(false);
    m_pause->setEnabled(true);
}

void MainWindow::pauseLab()
{
    if (m_cluster)
        m_cluster->clock().pause();
    m_run->setEnabled(true);
    m_pause->setEnabled(false);
}

void MainWindow::newSession(const QString &trafficClass)
{
    if (!m_cluster)
        return;
    // A session started by hand lasts as the load generator's do, then is released.
    Holding holding;
    holding.on = true;
    m_cluster->submit(LoadGenerator::subscriberFor(m_nextSubscriber++), trafficClass, protocol(),
                      holding.draw(trafficClass, m_holding));
}

void MainWindow::startLoad(int sessions)
{
    if (!m_cluster)
        return;
    delete m_load;
    LoadSpec spec;
    spec.sessions = sessions;
    spec.concurrency = 8;
    spec.protocol = protocol();
    spec.holding.on = true; // sessions end and are released: a load test can run for hours
    spec.thinkMs = 40;      // at the demo's pace, which the cells carry however long it runs
    m_load = new LoadGenerator(*m_cluster, spec, seed() + m_nextSubscriber++, this);
    m_loadProgress->setRange(0, std::max(1, sessions));
    m_loadProgress->setValue(0);
    m_loadProgress->show();
    m_loadCancel->show();
    connect(m_load, &LoadGenerator::progress, this,
            [this](int done, int) { m_loadProgress->setValue(done); });
    connect(m_load, &LoadGenerator::finished, this, [this] {
        m_loadProgress->hide();
        m_loadCancel->hide();
    });
    m_load->start();
    if (m_load->isFinished()) { // no sessions at all
        m_loadProgress->hide();
        m_loadCancel->hide();
    }
}

QString MainWindow::verdict() const
{
    if (!m_checker)
        return {};
    if (m_checker->ok())
        return u"ok"_s;
    const Violation &v = m_checker->violations().front();
    return v.invariant + u": "_s + v.detail;
}

void MainWindow::showVerdict()
{
    if (!m_checker)
        return;
    QString text;
    if (m_checker->ok()) {
        text = tr("Every invariant holds over the %1 transactions seen so far.")
                   .arg(m_checker->transactions());
    } else {
        const Violation &v = m_checker->violations().front();
        text = m_checker->report(seed()) + u"\n"_s + tr("The story:") + u'\n' +
               m_checker->story(v.txId, v.sessionId);
    }
    if (!m_checker->blind().isEmpty())
        text += u"\n"_s + m_checker->blind();
    QMessageBox box(QMessageBox::Information, tr("Invariant checker"),
                    m_checker->ok() ? tr("Checker: ok") : tr("Checker: violated"),
                    QMessageBox::Close, this);
    box.setObjectName(u"checkerReport"_s);
    box.setDetailedText(text);
    box.setInformativeText(text.left(600));
    box.exec();
}

void MainWindow::cancelLoad()
{
    if (m_load)
        m_load->cancel();
    m_loadProgress->hide();
    m_loadCancel->hide();
}

bool MainWindow::loadRunning() const
{
    return m_loadProgress->isVisible();
}

void MainWindow::refresh()
{
    if (!m_cluster)
        return;
    const TraceStore &store = m_cluster->trace();
    const qsizetype size = store.size();
    store.forEach(m_scanned, size, [this, &store](const TraceEvent &e) {
        if (e.kind == TraceKind::Reject)
            ++m_rejected;
        else if (e.kind == TraceKind::Halt)
            m_halted << store.nodeName(e.node) + u": "_s + e.detail;
    });
    m_scanned = size;
    if (m_checker)
        m_checker->advance();
    QScrollBar *bar = m_eventsView->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    if (m_events->refresh() > 0 && follow)
        m_eventsView->scrollToBottom();
    updateStatus();
}

void MainWindow::updateStatus()
{
    if (!m_cluster)
        return;
    m_statusCounts->setText(
        tr("Committed %1 (active %2, released %3) · Aborted %4 · Invalid %5 · Rejected frames "
           "%6 · Events %7")
            .arg(m_sessions->count(Outcome::Committed))
            .arg(m_sessions->activeCount())
            .arg(m_sessions->count(Outcome::Released))
            .arg(m_sessions->count(Outcome::Aborted))
            .arg(m_sessions->count(Outcome::Invalid))
            .arg(m_rejected)
            .arg(m_cluster->trace().size()));
    // What must not go unnoticed: a service that stopped because its log could not be written,
    // and a trace so full that views and the checker no longer see everything.
    QStringList alarms;
    if (!m_halted.isEmpty())
        alarms << (m_halted.size() == 1
                       ? tr("A service halted: storage failure (%1)").arg(m_halted.constFirst())
                       : tr("%1 services halted: storage failure").arg(m_halted.size()));
    if (const quint64 dropped = m_cluster->trace().dropped())
        alarms << tr("Trace full: %1 events not recorded").arg(dropped);
    if (m_checker) {
        const bool ok = m_checker->ok();
        m_verdict->setText(
            ok ? tr("Checker: ok")
               : tr("Checker: %1 violated").arg(m_checker->violations().front().invariant));
        m_verdict->setStyleSheet(ok ? u"color: #1b7f3b; font-weight: bold"_s
                                    : u"color: #b03a2e; font-weight: bold"_s);
    }
    m_statusAlarm->setVisible(!alarms.isEmpty());
    m_statusAlarm->setText(alarms.join(u" · "_s));
    m_statusAlarm->setToolTip(m_halted.join(u'\n'));
    const double labS = toUs(m_cluster->clock().now()) / 1e6;
    m_statusClock->setText(tr("Lab time %1 s%2")
                               .arg(labS, 0, 'f', 2)
                               .arg(m_cluster->clock().isPaused() ? tr(" (paused)") : QString()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"lab/seed"_s, static_cast<qulonglong>(seed()));
    m_refresh->stop();
    stopCluster();
    event->accept();
}

} // namespace edgecore
