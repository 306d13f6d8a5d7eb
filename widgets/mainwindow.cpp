#include "mainwindow.h"

#include "core/savefile.h"
#include "detailtext.h"
#include "eventlogmodel.h"
#include "lab/checker.h"
#include "lab/cluster.h"
#include "lab/faultrunner.h"
#include "lab/labcontrols.h"
#include "lab/loadgenerator.h"
#include "lab/scenario.h"
#include "lab/simengine.h"
#include "lab/summary.h"
#include "runfolders.h"
#include "sequence/overviewstrip.h"
#include "sequence/sequencepainter.h"
#include "sequence/sequenceview.h"
#include "sessionsmodel.h"
#include "storage/ledger.h"
#include "timeline/timecursor.h"
#include "trace/chrometrace.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"
#include "wire/wireerror.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

struct MainWindow::Branch
{
    ClusterConfig config; // the original's (its run folder aside)
    SimEngine::Record record;
    qsizetype event = 0;
    QString origin; // the original window's title
};

MainWindow::MainWindow(quint64 seed, QWidget *parent)
    : MainWindow(seed, nullptr, parent)
{}

MainWindow::MainWindow(quint64 seed, std::unique_ptr<Branch> branch, QWidget *parent)
    : QMainWindow(parent)
    , m_branchOf(std::move(branch))
{
    setWindowTitle(tr("EdgeCore Lab"));
    setObjectName(u"mainWindow"_s);
    m_sessions = new SessionsModel(this);
    m_events = new EventLogModel(this);
    m_prefs = Preferences::load();
    buildViews();
    buildActions();
    m_defaultState = saveState();
    setAcceptDrops(true);

    QSettings settings;
    if (seed == 0)
        seed = settings.value(u"lab/seed"_s, 1).toULongLong();
    m_seed->setText(QString::number(std::max<quint64>(seed, 1)));
    m_protocol->setCurrentText(settings.value(u"lab/protocol"_s, u"2PC"_s).toString());
    m_speed->setValue(m_prefs.speed);
    m_engine = m_branchOf || settings.value(u"lab/engine"_s).toString() == u"simulator"_s
                   ? LabEngine::Kind::Simulator
                   : LabEngine::Kind::Threads;
    (m_engine == LabEngine::Kind::Simulator ? m_engineSim : m_engineThreads)->setChecked(true);
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(u"window/state"_s).toByteArray());
    setZoom(settings.value(u"view/zoom"_s, 0).toInt());

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

Cluster *MainWindow::cluster() const
{
    return qobject_cast<Cluster *>(m_lab.get());
}

void MainWindow::setEngineKind(LabEngine::Kind kind, bool remember)
{
    (kind == LabEngine::Kind::Simulator ? m_engineSim : m_engineThreads)->setChecked(true);
    if (remember)
        QSettings().setValue(u"lab/engine"_s,
                             kind == LabEngine::Kind::Simulator ? u"simulator"_s : u"threads"_s);
    if (kind == m_engine && m_lab && !m_branchOf)
        return;
    m_engine = kind;
    resetLab();
    statusBar()->showMessage(kind == LabEngine::Kind::Simulator
                                 ? tr("The lab runs in the simulator (seed %1)").arg(seed())
                                 : tr("The lab runs on threads over loopback TCP"),
                             10000);
}

MainWindow *MainWindow::branchFrom(qsizetype event)
{
    auto *sim = qobject_cast<SimEngine *>(m_lab.get());
    if (!sim) {
        statusBar()->showMessage(
            tr("Branch from Here needs the simulator (Lab > Engine > Simulator)"), 10000);
        return nullptr;
    }
    const qsizetype size = sim->trace().size();
    if (event < 0)
        event = m_cursor->isLive() ? size - 1 : m_cursor->event();
    if (event < 0 || event >= size) {
        statusBar()->showMessage(tr("There is no event to branch from yet"), 10000);
        return nullptr;
    }
    auto branch = std::make_unique<Branch>();
    branch->config = sim->config();
    branch->record = sim->record();
    branch->event = event;
    branch->origin = windowTitle();
    auto *w = new MainWindow(sim->config().seed, std::move(branch), nullptr);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->move(pos() + QPoint(40, 40));
    w->show();
    statusBar()->showMessage(tr("Branched at event %L1 into a new window").arg(event + 1), 10000);
    return w;
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
    m_sessionsView->setColumnWidth(SessionsModel::RequestCol, 64);
    // What a row is at a glance: its state next to its session.
    m_sessionsView->horizontalHeader()->moveSection(SessionsModel::StateCol,
                                                    SessionsModel::SubscriberCol);
    m_sessionsView->setToolTip(tr("Double-click a session to see only its frames on the diagram"));
    m_sessionsDock = new QDockWidget(tr("Sessions"), this);
    m_sessionsDock->setObjectName(u"sessionsDock"_s);
    m_sessionsDock->setWidget(m_sessionsView);
    addDockWidget(Qt::RightDockWidgetArea, m_sessionsDock);

    // The centre: every message on a live sequence diagram.
    auto *centre = new QWidget(this);
    auto *column = new QVBoxLayout(centre);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *filterBar = new QWidget(centre);
    filterBar->setObjectName(u"filterBar"_s);
    // Two rows: what kinds of frames (fates, types, a service), then which ones (a
    // transaction, a session, a search).
    auto *filterRows = new QVBoxLayout(filterBar);
    filterRows->setContentsMargins(6, 2, 6, 2);
    filterRows->setSpacing(2);
    auto *filters = new QHBoxLayout;
    auto *picks = new QHBoxLayout;
    filterRows->addLayout(filters);
    filterRows->addLayout(picks);
    column->addWidget(filterBar);
    auto *diagramRow = new QHBoxLayout;
    diagramRow->setSpacing(0);
    column->addLayout(diagramRow, 1);
    m_sequence = new SequenceView(centre);
    diagramRow->addWidget(m_sequence, 1);
    diagramRow->addWidget(new OverviewStrip(m_sequence, centre));
    // The time bar: one cursor for every view, live by default.
    m_cursor = new TimeCursor(this);
    m_sequence->setTimeCursor(m_cursor);
    auto *timeBar = new QWidget(centre);
    timeBar->setObjectName(u"timeBar"_s);
    auto *timeRow = new QHBoxLayout(timeBar);
    timeRow->setContentsMargins(6, 2, 6, 2);
    auto *timeTitle = new QLabel(tr("Ti&me:"), timeBar);
    m_timeSlider = new QSlider(Qt::Horizontal, timeBar);
    m_timeSlider->setObjectName(u"timeSlider"_s);
    m_timeSlider->setToolTip(tr("Drag back to see the lab as it was: the diagram marks the "
                                "instant, the sessions table and the event log show it"));
    m_timeSlider->setRange(0, 0);
    timeTitle->setBuddy(m_timeSlider);
    m_timeLabel = new QLabel(timeBar);
    m_timeLabel->setObjectName(u"timeLabel"_s);
    m_timeLabel->setMinimumWidth(m_timeLabel->fontMetrics().horizontalAdvance(
        tr("Lab %1 s · event %2 of %3").arg(u"00000.000"_s, u"00,000,000"_s, u"00,000,000"_s)));
    m_timeLive = new QToolButton(timeBar);
    m_timeLive->setObjectName(u"timeLive"_s);
    m_timeLive->setText(tr("Live"));
    m_timeLive->setCheckable(true);
    m_timeLive->setChecked(true);
    m_timeLive->setToolTip(tr("Back to the live end (Alt+End)"));
    timeRow->addWidget(timeTitle);
    timeRow->addWidget(m_timeSlider, 1);
    timeRow->addWidget(m_timeLabel);
    timeRow->addWidget(m_timeLive);
    column->addWidget(timeBar);
    connect(m_timeSlider, &QSlider::valueChanged, this, [this](int value) {
        // Moved by the user (the live end's own moves are made with signals blocked).
        setCursorEvent(value);
    });
    connect(m_timeLive, &QToolButton::clicked, this, [this] { setCursorEvent(-1); });
    connect(m_cursor, &TimeCursor::moved, this, &MainWindow::cursorMoved);
    setCentralWidget(centre);

    // The filter bar: which fates to show, one transaction only; kept between runs (the
    // fates and the hidden lifelines).
    filters->addWidget(new QLabel(tr("Show:"), filterBar));
    const QString fateNames[4] = {tr("in flight"), tr("delivered"), tr("lost"), tr("refused")};
    const char *fateObjects[4] = {"filterInFlight", "filterDelivered", "filterLost",
                                  "filterRefused"};
    SequenceFilter saved;
    const QString fates = QSettings().value(u"diagram/fates"_s, u"1111"_s).toString();
    for (int i = 0; i < 4; ++i) {
        saved.fates[i] = i >= fates.size() || fates.at(i) != u'0';
        auto *box = new QCheckBox(fateNames[i], filterBar);
        box->setObjectName(QString::fromLatin1(fateObjects[i]));
        box->setChecked(saved.fates[i]);
        connect(box, &QCheckBox::toggled, this, [this, i](bool on) {
            SequenceFilter f = m_sequence->filter();
            f.fates[i] = on;
            m_sequence->setFilter(f);
        });
        filters->addWidget(box);
    }
    auto *txLabel = new QLabel(tr("&Transaction:"), filterBar);
    auto *tx = new QLineEdit(filterBar);
    tx->setObjectName(u"filterTransaction"_s);
    tx->setPlaceholderText(tr("all, or e.g. 2.15"));
    tx->setClearButtonEnabled(true);
    tx->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"\\d{1,5}\\.\\d{1,12}"_s), tx));
    tx->setMinimumWidth(tx->fontMetrics().horizontalAdvance(u"0"_s) * 16);
    tx->setMaximumWidth(tx->fontMetrics().horizontalAdvance(u"0"_s) * 24);
    txLabel->setBuddy(tx);
    picks->addWidget(txLabel);
    picks->addWidget(tx);
    auto *sessionLabel = new QLabel(tr("Se&ssion:"), filterBar);
    auto *session = new QLineEdit(filterBar);
    session->setObjectName(u"filterSession"_s);
    session->setPlaceholderText(tr("every one"));
    session->setClearButtonEnabled(true);
    session->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"\\d{1,5}\\.\\d{1,12}"_s), session));
    session->setMinimumWidth(tx->minimumWidth());
    session->setMaximumWidth(tx->maximumWidth());
    sessionLabel->setBuddy(session);
    picks->addSpacing(12);
    picks->addWidget(sessionLabel);
    picks->addWidget(session);
    // Frames from or to one service; the services are the run's (filled when a run starts).
    auto *serviceLabel = new QLabel(tr("Servi&ce:"), filterBar);
    m_serviceFilter = new QComboBox(filterBar);
    m_serviceFilter->setObjectName(u"filterService"_s);
    m_serviceFilter->addItem(tr("every one"));
    serviceLabel->setBuddy(m_serviceFilter);
    filters->addSpacing(12);
    filters->addWidget(serviceLabel);
    filters->addWidget(m_serviceFilter);
    // Message types: a menu of every type, ticked when shown.
    auto *types = new QToolButton(filterBar);
    types->setObjectName(u"filterTypes"_s);
    types->setText(tr("T&ypes"));
    types->setToolTip(tr("Which message types the diagram shows"));
    types->setPopupMode(QToolButton::InstantPopup);
    auto *typeMenu = new QMenu(types);
    typeMenu->setObjectName(u"filterTypesMenu"_s);
    const QStringList hiddenTypes = QSettings().value(u"diagram/hiddenTypes"_s).toStringList();
    typeMenu->addAction(tr("Show Every Type"), this, [this, typeMenu] {
        for (QAction *a : typeMenu->actions())
            if (a->isCheckable())
                a->setChecked(true);
        SequenceFilter f = m_sequence->filter();
        f.hiddenTypes = 0;
        m_sequence->setFilter(f);
    });
    typeMenu->addSeparator();
    for (quint16 t = 1; t <= kMaxMsgType; ++t) {
        const QString name = toString(static_cast<MsgType>(t));
        QAction *a = typeMenu->addAction(name);
        a->setObjectName(u"filterType_"_s + name);
        a->setCheckable(true);
        a->setChecked(!hiddenTypes.contains(name));
        if (!a->isChecked())
            saved.hiddenTypes |= quint64(1) << t;
        connect(a, &QAction::toggled, this, [this, t](bool on) {
            SequenceFilter f = m_sequence->filter();
            f.hiddenTypes =
                on ? f.hiddenTypes & ~(quint64(1) << t) : f.hiddenTypes | quint64(1) << t;
            m_sequence->setFilter(f);
        });
    }
    types->setMenu(typeMenu);
    filters->addWidget(types);
    // What the last run showed, before anything saves the filter again.
    m_sequence->setHiddenLanes(QSettings().value(u"diagram/hiddenLanes"_s).toStringList());
    m_sequence->setLaneOrder(QSettings().value(u"diagram/laneOrder"_s).toStringList());
    m_sequence->setFilter(saved);
    // "node.sequence", as the tables show a transaction id; 0 while incomplete.
    const auto parseId = [](const QString &text) -> quint64 {
        const QStringList parts = text.split(u'.');
        if (parts.size() != 2 || parts[1].isEmpty())
            return 0;
        return (parts[0].toULongLong() << 48) | parts[1].toULongLong();
    };
    connect(tx, &QLineEdit::textChanged, this, [this, parseId](const QString &text) {
        m_sequence->showOnlyTransaction(parseId(text));
    });
    connect(session, &QLineEdit::textChanged, this, [this, parseId](const QString &text) {
        SequenceFilter f = m_sequence->filter();
        f.onlySession = parseId(text);
        m_sequence->setFilter(f);
    });
    // A session double-clicked in the table: the diagram shows its frames only.
    connect(m_sessionsView, &QTableView::doubleClicked, this,
            [this, session](const QModelIndex &i) {
                if (!i.isValid())
                    return;
                const SessionId id = m_sessions->row(i.row()).session;
                if (id)
                    session->setText(formatId(id));
            });
    connect(m_serviceFilter, &QComboBox::activated, this, [this](int index) {
        SequenceFilter f = m_sequence->filter();
        f.onlyNode = static_cast<NodeId>(m_serviceFilter->itemData(index).toUInt());
        m_sequence->setFilter(f);
        QSettings().setValue(u"diagram/service"_s,
                             f.onlyNode ? m_serviceFilter->itemText(index) : QString());
    });
    connect(m_sequence, &SequenceView::filterChanged, this, [this, tx, parseId, typeMenu] {
        const SequenceFilter &f = m_sequence->filter();
        QString shownFates;
        for (bool on : f.fates)
            shownFates += on ? u'1' : u'0';
        QStringList hidden;
        for (quint16 t = 1; t <= kMaxMsgType; ++t)
            if (!f.shows(t))
                hidden << toString(static_cast<MsgType>(t));
        QSettings settings;
        settings.setValue(u"diagram/fates"_s, shownFates);
        settings.setValue(u"diagram/hiddenLanes"_s, m_sequence->hiddenLanes());
        settings.setValue(u"diagram/laneOrder"_s, m_sequence->laneOrder());
        settings.setValue(u"diagram/hiddenTypes"_s, hidden);
        // Chosen elsewhere (the diagram's context menu): the box says so.
        if (parseId(tx->text()) != f.onlyTx)
            tx->setText(f.onlyTx ? formatId(f.onlyTx) : QString());
        for (QAction *a : typeMenu->actions())
            if (a->isCheckable()) {
                const QSignalBlocker quiet(a);
                a->setChecked(!hidden.contains(a->text()));
            }
    });
    picks->addSpacing(12);
    // Find: over message types, services, transactions and the trace's details; Enter or F3
    // the next hit, Shift+F3 the one before.
    m_find = new QLineEdit(filterBar);
    m_find->setObjectName(u"findMessage"_s);
    m_find->setPlaceholderText(tr("Find a message (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMinimumWidth(tx->minimumWidth() * 3 / 2);
    m_find->setMaximumWidth(tx->maximumWidth() * 3 / 2);
    picks->addWidget(m_find);
    auto *findPrev = new QToolButton(filterBar);
    findPrev->setObjectName(u"findPrevious"_s);
    findPrev->setArrowType(Qt::UpArrow);
    findPrev->setToolTip(tr("Previous hit (Shift+F3)"));
    auto *findNext = new QToolButton(filterBar);
    findNext->setObjectName(u"findNext"_s);
    findNext->setArrowType(Qt::DownArrow);
    findNext->setToolTip(tr("Next hit (F3)"));
    picks->addWidget(findPrev);
    picks->addWidget(findNext);
    picks->addStretch(1);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findMessage(1); });
    connect(findNext, &QToolButton::clicked, this, [this] { findMessage(1); });
    connect(findPrev, &QToolButton::clicked, this, [this] { findMessage(-1); });
    filters->addStretch(1);
    connect(m_sequence, &SequenceView::messageSelected, this, &MainWindow::showMessage);
    connect(m_sequence, &SequenceView::branchRequested, this,
            [this](qsizetype event) { branchFrom(event); });
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(u"messageDetail"_s);
    m_detail->setPlaceholderText(tr("Click a message on the diagram to see everything about it."));
    // Its links act on the diagram ("Show only this transaction"), they lead nowhere.
    m_detail->setOpenLinks(false);
    connect(m_detail, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != u"edgecore"_s || url.host() != u"only-tx"_s)
            return;
        const QStringList parts = url.path().mid(1).split(u'.');
        if (parts.size() == 2)
            m_sequence->showOnlyTransaction((parts[0].toULongLong() << 48) |
                                            parts[1].toULongLong());
    });
    m_detailDock = new QDockWidget(tr("Message"), this);
    m_detailDock->setObjectName(u"messageDock"_s);
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);
    splitDockWidget(m_sessionsDock, m_detailDock, Qt::Vertical);
    m_pendingView = new QTableWidget(this);
    m_pendingView->setObjectName(u"pendingView"_s);
    m_pendingView->setColumnCount(5);
    m_pendingView->setHorizontalHeaderLabels(
        {tr("From"), tr("To"), tr("Message"), tr("Transaction"), tr("Parked at (ms)")});
    m_pendingView->verticalHeader()->hide();
    m_pendingView->horizontalHeader()->setStretchLastSection(true);
    m_pendingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pendingView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pendingView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pendingDock = new QDockWidget(tr("Pending Deliveries"), this);
    m_pendingDock->setObjectName(u"pendingDock"_s);
    m_pendingDock->setWidget(m_pendingView);
    addDockWidget(Qt::RightDockWidgetArea, m_pendingDock);
    tabifyDockWidget(m_detailDock, m_pendingDock);
    m_detailDock->raise();

    m_eventsView = new QTableView(this);
    m_eventsView->setObjectName(u"eventLogView"_s);
    m_eventsView->setModel(m_events);
    m_eventsView->verticalHeader()->hide();
    m_eventsView->verticalHeader()->setDefaultSectionSize(20);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventsView->setWordWrap(false);
    m_eventsView->setColumnWidth(EventLogModel::WhatCol, 130);
    // Any event: the time cursor to it, or (in the simulator) a branch from it.
    m_eventsView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_eventsView, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_eventsView->indexAt(at);
        if (!index.isValid())
            return;
        const qsizetype event = m_events->eventAt(index.row());
        QMenu menu(this);
        menu.addAction(tr("Move the Time Cursor Here"), this,
                       [this, event] { setCursorEvent(event); });
        QAction *branch =
            menu.addAction(tr("Branch from Here"), this, [this, event] { branchFrom(event); });
        branch->setEnabled(m_lab && m_lab->kind() == LabEngine::Kind::Simulator);
        menu.exec(m_eventsView->viewport()->mapToGlobal(at));
    });
    m_eventsDock = new QDockWidget(tr("Event Log"), this);
    m_eventsDock->setObjectName(u"eventLogDock"_s);
    m_eventsDock->setWidget(m_eventsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventsDock);
    resizeDocks({m_sessionsDock}, {440}, Qt::Horizontal);
    resizeDocks({m_eventsDock}, {200}, Qt::Vertical);

    m_statusClock = new QLabel(this);
    m_statusCounts = new QLabel(this);
    m_statusAlarm = new QLabel(this);
    m_statusAlarm->setObjectName(u"statusAlarm"_s);
    m_statusAlarm->setStyleSheet(u"color: #b03a2e; font-weight: bold"_s);
    m_statusAlarm->hide();
    statusBar()->addWidget(m_statusCounts, 1);
    // A message for a while (a scenario's findings, a search's hit) in place of the counters.
    connect(statusBar(), &QStatusBar::messageChanged, m_statusCounts,
            [this](const QString &message) { m_statusCounts->setVisible(message.isEmpty()); });
    // A running load test: how far, and a way to stop it (the counters stay in view).
    m_loadProgress = new QProgressBar(this);
    m_loadProgress->setObjectName(u"loadProgress"_s);
    m_loadProgress->setMinimumWidth(m_loadProgress->fontMetrics().horizontalAdvance(
                                        u"coordinator-crash: 000 of 000 sessions"_s) +
                                    24);
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

namespace {
// The manual's pages, with their pictures scaled to the page's width.
class ManualBrowser : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;
    QVariant loadResource(int type, const QUrl &name) override
    {
        QVariant v = QTextBrowser::loadResource(type, name);
        if (type != QTextDocument::ImageResource)
            return v;
        QImage image = v.value<QImage>();
        if (image.isNull())
            image.loadFromData(v.toByteArray());
        const int width = std::max(320, viewport()->width() - 40);
        if (!image.isNull() && image.width() > width)
            return image.scaledToWidth(width, Qt::SmoothTransformation);
        return v;
    }
};

// An action's text without its mnemonic marks, for tooltips and the shortcuts list.
QString plain(const QString &text)
{
    QString t = text;
    t.replace(u"&&"_s, u"\x1"_s).remove(u'&').replace(u"\x1"_s, u"&"_s);
    if (t.endsWith(u'…'))
        t.chop(1);
    return t;
}
} // namespace

void MainWindow::buildActions()
{
    m_toolbar = addToolBar(tr("Lab"));
    auto *toolbar = m_toolbar;
    toolbar->setObjectName(u"labToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *labMenu = new QMenu(tr("&Lab"), this);
    labMenu->setObjectName(u"menuLab"_s);

    auto add = [&](const QString &name, const QString &text, const QKeySequence &key,
                   QStyle::StandardPixmap icon, auto slot) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setToolTip(tr("%1 (%2)").arg(plain(text), key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        toolbar->addAction(a);
        labMenu->addAction(a);
        return a;
    };
    m_run = add(u"actionRun"_s, tr("&Run"), QKeySequence(Qt::Key_F5), QStyle::SP_MediaPlay,
                &MainWindow::runLab);
    m_pause = add(u"actionPause"_s, tr("&Pause"), QKeySequence(Qt::Key_F6), QStyle::SP_MediaPause,
                  &MainWindow::pauseLab);
    m_stepMode = add(u"actionStepMode"_s, tr("S&tep Mode"), QKeySequence(Qt::Key_F10),
                     QStyle::SP_MediaSkipForward, [this](bool on) { setStepMode(on); });
    m_stepMode->setCheckable(true);
    m_stepMode->setToolTip(
        tr("Step mode (F10): the clock stands still; deliver the frames one "
           "by one in Pending Deliveries (Enter, N), drop one (Del), duplicate one (D), or move "
           "the clock to the next deadline (T)"));
    // The step keys act where the user looks: the diagram and the pending list.
    const auto stepKey = [this](const QString &name, const QString &text, const QKeySequence &key,
                                auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_sequence->addAction(a);
        m_pendingView->addAction(a);
        return a;
    };
    stepKey(u"actionDeliverNext"_s, tr("Deliver the Oldest"), QKeySequence(Qt::Key_N),
            [this] { deliverNext(); });
    stepKey(u"actionDeliverSelected"_s, tr("Deliver the Selected"), QKeySequence(Qt::Key_Return),
            [this] { deliverSelected(); });
    stepKey(u"actionDropSelected"_s, tr("Drop the Selected"), QKeySequence(Qt::Key_Delete),
            [this] { dropSelected(); });
    stepKey(u"actionDuplicateSelected"_s, tr("Duplicate the Selected"), QKeySequence(Qt::Key_D),
            [this] { duplicateSelected(); });
    stepKey(u"actionAdvanceClock"_s, tr("Advance to the Next Deadline"), QKeySequence(Qt::Key_T),
            [this] { advanceClock(); });
    toolbar->addSeparator();
    labMenu->addSeparator();
    auto *protocolLabel = new QLabel(tr("Protocol"), this);
    protocolLabel->setContentsMargins(6, 0, 4, 0);
    toolbar->addWidget(protocolLabel);
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(u"protocolBox"_s);
    m_protocol->addItems({u"2PC"_s, u"3PC"_s});
    m_protocol->setToolTip(tr("Commit protocol of the sessions you start from here"));
    toolbar->addWidget(m_protocol);
    connect(m_protocol, &QComboBox::currentTextChanged, this,
            [](const QString &p) { QSettings().setValue(u"lab/protocol"_s, p); });
    m_liveActions << add(u"actionNewVoice"_s, tr("New &VOICE Session"),
                         QKeySequence(Qt::CTRL | Qt::Key_1), QStyle::SP_MediaVolume,
                         [this] { newSession(u"VOICE"_s); });
    m_liveActions << add(u"actionNewData"_s, tr("New &DATA Session"),
                         QKeySequence(Qt::CTRL | Qt::Key_2), QStyle::SP_DriveNetIcon,
                         [this] { newSession(u"DATA"_s); });
    m_liveActions << add(u"actionLoadTest"_s, tr("&Load Test"), QKeySequence(Qt::CTRL | Qt::Key_L),
                         QStyle::SP_MediaSeekForward, [this] { startLoad(); });
    toolbar->addSeparator();
    labMenu->addSeparator();
    auto *seedLabel = new QLabel(tr("Seed"), this);
    seedLabel->setContentsMargins(6, 0, 4, 0);
    toolbar->addWidget(seedLabel);
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
    auto *speedLabel = new QLabel(tr("Speed"), this);
    speedLabel->setContentsMargins(6, 0, 4, 0);
    toolbar->addWidget(speedLabel);
    m_speed = new QDoubleSpinBox(this);
    m_speed->setObjectName(u"speedBox"_s);
    m_speed->setRange(0.1, 10.0);
    m_speed->setSingleStep(0.1);
    m_speed->setDecimals(1);
    m_speed->setSuffix(u"×"_s);
    m_speed->setValue(1.0);
    m_speed->setToolTip(tr("Lab clock speed: 0.1 (slow motion) to 10"));
    // And a slider beside it, even steps on a log scale: 0.1x at the left, 1x in the middle,
    // 10x at the right.
    auto *speedSlider = new QSlider(Qt::Horizontal, this);
    speedSlider->setObjectName(u"speedSlider"_s);
    speedSlider->setRange(-100, 100);
    speedSlider->setPageStep(10);
    speedSlider->setMaximumWidth(120);
    speedSlider->setToolTip(m_speed->toolTip());
    toolbar->addWidget(speedSlider);
    toolbar->addWidget(m_speed);
    connect(speedSlider, &QSlider::valueChanged, this, [this](int v) {
        const double factor = std::round(std::pow(10.0, v / 100.0) * 10) / 10;
        if (std::abs(factor - m_speed->value()) > 1e-9)
            m_speed->setValue(factor);
    });
    connect(m_speed, &QDoubleSpinBox::valueChanged, speedSlider, [speedSlider](double factor) {
        const QSignalBlocker quiet(speedSlider);
        speedSlider->setValue(static_cast<int>(std::lround(std::log10(factor) * 100)));
    });
    m_speedSlider = speedSlider;
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, [this](double factor) {
        if (m_lab)
            m_lab->setSpeed(factor);
        m_prefs.speed = factor;
        QSettings().setValue(u"lab/speed"_s, factor);
    });
    add(u"actionReset"_s, tr("R&eset"), QKeySequence(Qt::CTRL | Qt::Key_R),
        QStyle::SP_BrowserReload, &MainWindow::resetLab);
    // The built-in scenarios, as --headless runs them, live in the window.
    QMenu *scenarios = labMenu->addMenu(tr("Run &Scenario"));
    scenarios->setObjectName(u"menuScenario"_s);
    const struct
    {
        const char *name;
        const char *protocol;
        QString text;
    } entries[] = {
        {"demo", "", tr("&Demo: 200 Sessions While Mallory Forges")},
        {"coordinator-crash", "2PC", tr("&Coordinator Crash (2PC: Participants Block)")},
        {"coordinator-crash", "3PC", tr("Coordinator Crash (&3PC: Participants Terminate)")},
        {"failover", "", tr("&Failover: the Leader Crashes")},
        {"chaos", "", tr("C&haos: Seeded Faults")},
        {"deadlock", "", tr("Dead&lock: Two Sessions Wait for Each Other")},
    };
    for (const auto &e : entries) {
        const QString name = QString::fromLatin1(e.name);
        const QString proto = QString::fromLatin1(e.protocol);
        QAction *a = scenarios->addAction(e.text, this, [this, name, proto] {
            QString error;
            if (!runScenario(name, proto, {}, &error))
                QMessageBox::warning(this, tr("Run Scenario"), error);
        });
        a->setObjectName(u"actionScenario_"_s + name +
                         (proto.isEmpty() ? QString() : u'_' + proto));
        if (const std::optional<Scenario> sc = Scenario::builtin(name))
            a->setStatusTip(sc->description);
        m_liveActions << a;
    }
    scenarios->addSeparator();
    QAction *planAction =
        scenarios->addAction(tr("Fault &Plan File…"), this, &MainWindow::runFaultPlanDialog);
    planAction->setObjectName(u"actionScenarioPlan"_s);
    planAction->setStatusTip(tr("The demo's load with a fault plan's steps (JSON, as --faults "
                                "takes)"));
    // Where the cast runs: on threads over loopback TCP, or in the simulator.
    QMenu *engines = labMenu->addMenu(tr("E&ngine"));
    engines->setObjectName(u"menuEngine"_s);
    auto *engineGroup = new QActionGroup(this);
    m_engineThreads = engines->addAction(tr("&Threads (Loopback TCP)"), this,
                                         [this] { setEngineKind(LabEngine::Kind::Threads); });
    m_engineThreads->setObjectName(u"actionEngineThreads"_s);
    m_engineThreads->setStatusTip(
        tr("Every service on its own worker thread, over real TCP on 127.0.0.1"));
    m_engineSim = engines->addAction(tr("&Simulator (Deterministic)"), this,
                                     [this] { setEngineKind(LabEngine::Kind::Simulator); });
    m_engineSim->setObjectName(u"actionEngineSimulator"_s);
    m_engineSim->setStatusTip(tr("The same services in the simulator: the same seed and the same "
                                 "choices give the same run, and any event can be branched from"));
    for (QAction *a : {m_engineThreads, m_engineSim}) {
        a->setCheckable(true);
        engineGroup->addAction(a);
    }
    m_engineThreads->setChecked(true);
    m_branch = labMenu->addAction(tr("&Branch from Here"), this, [this] { branchFrom(); });
    m_branch->setObjectName(u"actionBranch"_s);
    m_branch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_branch->setStatusTip(tr("Simulator: run this seed again in a new window with every choice "
                              "made here up to the time cursor's event, then carry on there"));
    labMenu->addSeparator();
    auto *prefs = labMenu->addAction(tr("Pre&ferences…"), this, &MainWindow::editPreferences);
    prefs->setObjectName(u"actionPreferences"_s);
    prefs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    buildMenus();
    menuBar()->insertMenu(menuBar()->actions().value(1), labMenu);
}

void MainWindow::buildMenus()
{
    auto action = [this](QMenu *menu, const QString &name, const QString &text,
                         const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text, this, slot);
        a->setObjectName(name);
        a->setShortcut(key);
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(u"menuFile"_s);
    action(file, u"actionOpenRun"_s, tr("&Open Run…"), QKeySequence::Open,
           &MainWindow::openRunDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"menuRecent"_s);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    m_liveActions << action(file, u"actionSaveRun"_s, tr("&Save Run As…"), QKeySequence::Save,
                            &MainWindow::saveRunDialog);
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    action(exportMenu, u"actionExportTrace"_s, tr("&Trace for Chrome or Perfetto…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &MainWindow::exportChromeTrace);
    m_liveActions << action(exportMenu, u"actionExportSummary"_s, tr("&Summary (JSON)…"),
                            QKeySequence(), &MainWindow::exportSummary);
    action(file, u"actionShowRunFolder"_s, tr("Show Run &Folder"), QKeySequence(), [this] {
        const QString dir = isOffline() ? m_offlineFolder : m_runFolder;
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
            QMessageBox::information(this, tr("Run folder"),
                                     tr("The run folder is %1").arg(QDir::toNativeSeparators(dir)));
    });
    file->addSeparator();
    action(file, u"actionQuit"_s, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(u"menuView"_s);
    QAction *log = m_eventsDock->toggleViewAction();
    log->setText(tr("&Event Log"));
    log->setObjectName(u"actionShowEventLog"_s);
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    view->addAction(log);
    QAction *sessions = m_sessionsDock->toggleViewAction();
    sessions->setText(tr("&Sessions"));
    sessions->setObjectName(u"actionShowSessions"_s);
    view->addAction(sessions);
    QAction *detail = m_detailDock->toggleViewAction();
    detail->setText(tr("&Message Detail"));
    detail->setObjectName(u"actionShowMessage"_s);
    view->addAction(detail);
    QAction *pendingToggle = m_pendingDock->toggleViewAction();
    pendingToggle->setText(tr("&Pending Deliveries"));
    pendingToggle->setObjectName(u"actionShowPending"_s);
    view->addAction(pendingToggle);
    QAction *bar = m_toolbar->toggleViewAction();
    bar->setText(tr("&Toolbar"));
    bar->setObjectName(u"actionShowToolbar"_s);
    view->addAction(bar);
    view->addSeparator();
    action(view, u"actionZoomIn"_s, tr("Zoom &In"), QKeySequence::ZoomIn,
           [this] { setZoom(m_zoom + 1); });
    action(view, u"actionZoomOut"_s, tr("Zoom &Out"), QKeySequence::ZoomOut,
           [this] { setZoom(m_zoom - 1); });
    action(view, u"actionZoomReset"_s, tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0),
           [this] { setZoom(0); });
    view->addSeparator();
    action(view, u"actionFitDiagram"_s, tr("&Fit the Whole Run"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] { m_sequence->fitAll(); });
    QAction *follow = action(view, u"actionFollow"_s, tr("Follow the &Live End"),
                             QKeySequence(Qt::CTRL | Qt::Key_End),
                             [this](bool on) { m_sequence->setFollowing(on); });
    follow->setCheckable(true);
    follow->setChecked(true);
    connect(m_sequence, &SequenceView::followingChanged, follow, &QAction::setChecked);
    QAction *orderAxis = action(view, u"actionEventOrder"_s, tr("Event Order &Down the Side"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this](bool on) {
                                    m_sequence->setAxis(on ? SequenceLayout::Axis::EventOrder
                                                           : SequenceLayout::Axis::LabTime);
                                });
    orderAxis->setCheckable(true);
    orderAxis->setToolTip(tr("One row per event instead of lab time: in step mode, where the "
                             "clock stands still, every step gets its own row"));
    connect(m_sequence, &SequenceView::axisChanged, orderAxis, [orderAxis](SequenceLayout::Axis a) {
        orderAxis->setChecked(a == SequenceLayout::Axis::EventOrder);
    });
    view->addSeparator();
    action(view, u"actionFind"_s, tr("Find a Messa&ge"), QKeySequence::Find, [this] {
        m_find->setFocus(Qt::ShortcutFocusReason);
        m_find->selectAll();
    });
    action(view, u"actionFindNext"_s, tr("Find &Next"), QKeySequence::FindNext,
           [this] { findMessage(1); });
    action(view, u"actionFindPrevious"_s, tr("Find Pre&vious"), QKeySequence::FindPrevious,
           [this] { findMessage(-1); });
    view->addSeparator();
    action(view, u"actionCursorBack"_s, tr("Time Cursor &Back One Event"),
           QKeySequence(Qt::ALT | Qt::Key_Left), [this] {
               const qsizetype last = currentTrace() ? currentTrace()->size() - 1 : -1;
               setCursorEvent(
                   std::max<qsizetype>(0, (m_cursor->isLive() ? last : m_cursor->event()) - 1));
           });
    action(view, u"actionCursorForward"_s, tr("Time &Cursor Forward One Event"),
           QKeySequence(Qt::ALT | Qt::Key_Right), [this] {
               if (!m_cursor->isLive())
                   setCursorEvent(m_cursor->event() + 1);
           });
    action(view, u"actionCursorLive"_s, tr("Time Cursor Back to No&w"),
           QKeySequence(Qt::ALT | Qt::Key_End), [this] { setCursorEvent(-1); });
    view->addSeparator();
    action(view, u"actionResetLayout"_s, tr("&Reset Layout"), QKeySequence(), [this] {
        restoreState(m_defaultState);
        for (QDockWidget *d : {m_eventsDock, m_sessionsDock, m_detailDock, m_pendingDock})
            d->show();
        m_toolbar->show();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(u"menuHelp"_s);
    action(help, u"actionManual"_s, tr("&Manual"), QKeySequence::HelpContents,
           &MainWindow::showManual);
    action(help, u"actionShortcuts"_s, tr("&Keyboard Shortcuts"),
           QKeySequence(Qt::CTRL | Qt::Key_Slash), &MainWindow::showShortcuts);
    help->addSeparator();
    action(help, u"actionAbout"_s, tr("&About EdgeCore Lab"), QKeySequence(),
           &MainWindow::showAbout);
    action(help, u"actionAboutQt"_s, tr("About &Qt"), QKeySequence(), &QApplication::aboutQt);
}

void MainWindow::startCluster()
{
    ClusterConfig config;
    config.seed = seed();
    // By default a slow trickle of forged frames, so the log shows the trust boundary at work.
    m_prefs.applyTo(config);
    if (m_scenario)
        m_scenario->applyTo(config);
    if (m_branchOf)
        config = m_branchOf->config; // exactly the original's set-up
    config.clockSpeed = m_speed->value();
    const QString runs = m_prefs.runsFolderOrDefault();
    m_runFolder = runfolders::newRun(runs, QDateTime::currentDateTime(), config.seed);
    config.dataDir = m_runFolder;
    // The trace goes to the run folder as it grows; memory keeps its newest part. A folder that
    // cannot take it leaves the trace in memory, bounded as the headless runner's is.
    const QString tracePath = QDir(m_runFolder).filePath(QString::fromLatin1(kTraceFileName));
    QFile probe(tracePath);
    const bool spillable = QDir().mkpath(m_runFolder) && probe.open(QIODevice::WriteOnly);
    const QString probeError = probe.errorString();
    probe.close();
    config.traceCapacity = spillable ? TraceStore::kSpilledCapacity : TraceStore::kDefaultCapacity;
    m_replies.clear();
    if (m_engine == LabEngine::Kind::Simulator)
        m_lab = std::make_unique<SimEngine>(config);
    else
        m_lab = std::make_unique<Cluster>(config);
    if (QString why = tracePath + u": "_s + probeError;
        !spillable || !m_lab->trace().spillTo(tracePath, TraceStore::kResidentChunks, &why))
        statusBar()->showMessage(tr("The trace stays in memory only: %1").arg(why), 15000);
    m_events->setStore(&m_lab->trace());
    foldTrace(m_lab->trace());
    m_sequence->setFlow(&m_flow, m_lab->trace().nodeNames());
    fillServiceFilter(m_lab->trace().nodeNames());
    m_detail->clear();
    m_controls = &m_lab->controls();
    m_sequence->setBranchable(m_lab->kind() == LabEngine::Kind::Simulator);
    m_stepMode->setChecked(false);
    m_pendingShown.clear();
    m_pendingView->setRowCount(0);
    m_checker = std::make_unique<Checker>(m_lab->trace());
    m_scanned = 0;
    m_rejected = 0;
    m_halted.clear();
    m_nextSubscriber = 0;
    connect(m_lab.get(), &LabEngine::sessionFinished, this,
            [this](const ClientReply &r) { m_replies.add(r); });
    QString error;
    if (!m_lab->start(&error)) {
        QMessageBox::critical(this, tr("EdgeCore Lab"),
                              tr("The cluster could not start:\n%1").arg(error));
    }
    // Old run folders go: the newest ones are kept, this one always.
    QStringList failed;
    runfolders::prune(runs, m_prefs.runsKept, m_runFolder, &failed);
    if (!failed.isEmpty())
        statusBar()->showMessage(tr("Could not remove the old run folder %1")
                                     .arg(QDir::toNativeSeparators(failed.constFirst())),
                                 10000);
    setLive(true);
    if (m_branchOf && m_lab->isRunning()) {
        // The original's inputs again, up to the chosen event; then it waits for this user.
        auto *sim = static_cast<SimEngine *>(m_lab.get());
        // A long run takes a while to play again: its progress, and a way to stop short.
        QProgressDialog progress(
            tr("Playing the run again up to event %L1…").arg(m_branchOf->event + 1),
            tr("Stop Here"), 0, 1000, this);
        progress.setWindowTitle(tr("Branch from Here"));
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(500);
        const bool reached = sim->replay(
            m_branchOf->record, m_branchOf->event, [&progress](qsizetype done, qsizetype total) {
                progress.setValue(
                    int(std::min<qint64>(999, done * 1000 / std::max<qint64>(1, total))));
                return !progress.wasCanceled();
            });
        const bool stopped = progress.wasCanceled();
        progress.reset();
        if (stopped)
            statusBar()->showMessage(tr("The replay was stopped at event %L1 (of %L2)")
                                         .arg(sim->trace().size())
                                         .arg(m_branchOf->event + 1),
                                     15000);
        else if (!reached)
            QMessageBox::warning(this, tr("Branch from Here"),
                                 tr("The replay ended before event %L1: this branch holds %L2 "
                                    "events.")
                                     .arg(m_branchOf->event + 1)
                                     .arg(sim->trace().size()));
        setWindowTitle(tr("Branch at event %L1 of seed %2 – EdgeCore Lab")
                           .arg(m_branchOf->event + 1)
                           .arg(m_branchOf->config.seed));
        if (m_controls->stepMode()) {
            setStepMode(true);
        } else {
            pauseLab();
        }
    }
    updateStatus();
}

void MainWindow::stopCluster()
{
    delete m_load;
    m_load = nullptr;
    cancelLoad();
    m_checker.reset(); // it reads the cluster's (or the saved run's) trace
    if (m_scriptPoll)
        m_scriptPoll->stop();
    m_driver.reset(); // it acts through m_controls
    m_script.reset();
    m_plan.reset();
    m_scenarioLoad = false;
    m_cursor->setLive();
    m_events->setStore(nullptr);
    m_sessions->setStore(nullptr);
    m_sequence->setFlow(nullptr, {});
    m_flow = MessageFlow();
    m_controls = nullptr;
    m_sequence->setBranchable(false);
    m_offline.reset();
    m_offlineFolder.clear();
    if (!m_lab)
        return;
    m_lab->stop();
    m_lab.reset();
}

void MainWindow::setLive(bool live)
{
    for (QAction *a : std::as_const(m_liveActions))
        a->setEnabled(live);
    m_run->setEnabled(false);
    m_pause->setEnabled(live);
    m_speed->setEnabled(live);
    m_speedSlider->setEnabled(live);
    setWindowTitle(live ? tr("EdgeCore Lab")
                        : tr("%1 – EdgeCore Lab").arg(QDir::toNativeSeparators(m_offlineFolder)));
}

void MainWindow::resetLab()
{
    stopCluster();
    m_scenario.reset(); // a reset is a plain lab again (a branch's too)
    m_branchOf.reset();
    QSettings().setValue(u"lab/seed"_s, static_cast<qulonglong>(seed()));
    startCluster();
}

void MainWindow::runLab()
{
    if (m_lab)
        m_lab->resume();
    m_run->setEnabled(false);
    m_pause->setEnabled(true);
    m_stepMode->setChecked(false);
    m_pendingShown.clear();
    m_pendingView->setRowCount(0);
}

void MainWindow::pauseLab()
{
    if (m_lab)
        m_lab->pause();
    m_run->setEnabled(true);
    m_pause->setEnabled(false);
}

void MainWindow::newSession(const QString &trafficClass)
{
    if (!m_lab)
        return;
    // A session started by hand lasts as the load generator's do, then is released.
    Holding holding;
    holding.on = true;
    m_lab->submit(LoadGenerator::subscriberFor(m_nextSubscriber++), trafficClass, protocol(),
                  holding.draw(trafficClass, m_holding));
}

void MainWindow::startLoad(int sessions)
{
    if (!m_lab)
        return;
    delete m_load;
    if (sessions < 0)
        sessions = m_prefs.loadSessions;
    LoadSpec spec;
    spec.sessions = sessions;
    spec.concurrency = m_prefs.loadConcurrency;
    spec.protocol = protocol();
    spec.holding.on = true; // sessions end and are released: a load test can run for hours
    spec.thinkMs = 40;      // at the demo's pace, which the cells carry however long it runs
    m_load = new LoadGenerator(*m_lab, spec, seed() + m_nextSubscriber++, this);
    m_load->setKeepReplies(false); // the window folds every reply for the summary
    m_loadProgress->setRange(0, std::max(1, sessions));
    m_loadProgress->setValue(0);
    m_loadDone = 0;
    m_loadProgress->setFormat(tr("Load test %v/%m"));
    m_loadProgress->show();
    m_loadCancel->show();
    connect(m_load, &LoadGenerator::progress, this,
            [this](int done, int) { m_loadDone = done; }); // shown by refresh()
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

bool MainWindow::runScenario(const QString &name, const QString &protocolName,
                             const QString &planFile, QString *error)
{
    std::optional<Scenario> scenario = Scenario::builtin(name);
    if (!scenario) {
        if (error)
            *error = tr("There is no scenario called %1 (there are %2).")
                         .arg(name, Scenario::builtinNames().join(u", "_s));
        return false;
    }
    // A broken plan stops it before anything is reset.
    std::unique_ptr<FaultRunner> plan;
    if (!planFile.isEmpty()) {
        QString why;
        auto loaded = FaultPlan::load(planFile, castNames(ClusterConfig{}), &why);
        if (!loaded) {
            if (error)
                *error = tr("The fault plan cannot be run: %1").arg(why);
            return false;
        }
        plan = std::make_unique<FaultRunner>(std::move(*loaded));
    }
    if (!protocolName.isEmpty())
        setProtocol(protocolName);
    scenario->load.protocol = protocol();
    stopCluster();
    m_branchOf.reset(); // a scenario starts from nothing
    m_scenario = std::make_unique<Scenario>(*scenario);
    startCluster();
    if (!m_lab || !m_lab->isRunning()) {
        if (error)
            *error = tr("The lab could not start for the scenario (see the message before).");
        return false;
    }
    m_plan = std::move(plan);
    const Protocol proto = parseProtocol(protocol()).value_or(Protocol::TwoPhase);
    m_script = m_scenario->script ? m_scenario->script(proto, seed()) : nullptr;
    std::vector<ScenarioScript *> scripts;
    for (ScenarioScript *s : {m_script.get(), static_cast<ScenarioScript *>(m_plan.get())})
        if (s)
            scripts.push_back(s);
    m_driver = std::make_unique<ScriptDriver>(scripts, m_lab->trace(), *m_controls);
    if (!m_scriptPoll) {
        m_scriptPoll = new QTimer(this);
        connect(m_scriptPoll, &QTimer::timeout, this, [this] {
            if (m_driver)
                m_driver->poll();
        });
    }
    if (!scripts.empty())
        m_scriptPoll->start(2); // as the headless runner polls: the script acts on time
    m_driver->poll();           // lets the script arm its fault points before the load starts
    // Its load, with the progress bar of a load test.
    delete m_load;
    m_load = new LoadGenerator(*m_lab, m_scenario->load, seed(), this);
    m_load->setKeepReplies(false);
    m_scenarioLoad = true;
    const QString title =
        m_scenario->name + (m_plan ? u" + "_s + QFileInfo(planFile).fileName() : QString());
    m_loadProgress->setRange(0, std::max(1, m_scenario->load.sessions));
    m_loadProgress->setValue(0);
    m_loadDone = 0;
    m_loadProgress->setFormat(tr("%1: %v of %m sessions").arg(title));
    m_loadProgress->show();
    m_loadCancel->show();
    connect(m_load, &LoadGenerator::progress, this,
            [this](int done, int) { m_loadDone = done; }); // shown by refresh()
    connect(m_load, &LoadGenerator::finished, this, [this, title] {
        m_loadProgress->hide();
        m_loadCancel->hide();
        m_scenarioLoad = false;
        QStringList findings;
        if (m_script && m_lab)
            findings = m_script->findings(m_lab->trace());
        statusBar()->showMessage(
            findings.isEmpty() ? tr("Scenario %1 finished").arg(title)
                               : tr("Scenario %1 finished: %2").arg(title, findings.join(u"; "_s)),
            30000);
    });
    statusBar()->showMessage(tr("Running scenario %1: %2").arg(title, m_scenario->description),
                             10000);
    m_load->start();
    return true;
}

QString MainWindow::scenarioRunning() const
{
    return m_scenarioLoad && m_scenario ? m_scenario->name : QString();
}

void MainWindow::runFaultPlanDialog()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Run a Fault Plan"), QSettings().value(u"lab/lastPlanDir"_s).toString(),
        tr("Fault plans (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QSettings().setValue(u"lab/lastPlanDir"_s, QFileInfo(file).absolutePath());
    QString error;
    if (!runScenario(u"demo"_s, {}, file, &error))
        QMessageBox::warning(this, tr("Run a Fault Plan"), error);
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
    const TraceStore *trace = m_lab ? &m_lab->trace() : m_offline.get();
    QDialog dialog(this);
    dialog.setObjectName(u"checkerReport"_s);
    dialog.setWindowTitle(tr("Invariant checker"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *headline = new QLabel(&dialog);
    headline->setObjectName(u"checkerHeadline"_s);
    headline->setWordWrap(true);
    headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(headline);
    QStringList lines;
    if (m_checker->ok()) {
        lines << tr("Every invariant holds over the %L1 transactions seen so far.")
                     .arg(m_checker->transactions());
    } else {
        const std::vector<Violation> &all = m_checker->violations();
        for (size_t i = 0; i < std::min<size_t>(all.size(), 20); ++i) {
            const Violation &v = all.at(i);
            lines << (v.eventIndex >= 0
                          ? tr("%1 violated: %2 (trace event #%L3); replay with --seed %4")
                                .arg(v.invariant, detailtext::translate(v.detail))
                                .arg(v.eventIndex)
                                .arg(seed())
                          : tr("%1 violated: %2; replay with --seed %3")
                                .arg(v.invariant, detailtext::translate(v.detail))
                                .arg(seed()));
        }
        if (all.size() > 20)
            lines << tr("and %L1 more").arg(qulonglong(all.size() - 20));
    }
    if (!m_checker->blind().isEmpty())
        lines << detailtext::translate(m_checker->blind());
    headline->setText(lines.join(u'\n'));
    if (!m_checker->ok() && trace) {
        // The story of the first violation: every event of its transaction and session.
        const Violation &v = m_checker->violations().front();
        layout->addWidget(new QLabel(tr("What happened to it:"), &dialog));
        auto *table = new QTableWidget(&dialog);
        table->setObjectName(u"checkerStory"_s);
        table->setColumnCount(6);
        table->setHorizontalHeaderLabels({tr("Lab time (ms)"), tr("Node"), tr("Event"),
                                          tr("Message"), tr("Peer"), tr("Detail")});
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        trace->forEach(0, trace->size(), [&](const TraceEvent &e) {
            if (!(v.txId && e.txId == v.txId) && !(v.sessionId && e.sessionId == v.sessionId))
                return;
            const int row = table->rowCount();
            table->insertRow(row);
            const bool message = e.kind == TraceKind::Send || e.kind == TraceKind::Deliver ||
                                 e.kind == TraceKind::Reject;
            const QStringList cells{QLocale().toString(e.labUs / 1000.0, 'f', 3),
                                    trace->nodeName(e.node),
                                    EventLogModel::kindText(e.kind),
                                    message && e.msgType ? toString(static_cast<MsgType>(e.msgType))
                                                         : QString(),
                                    trace->nodeName(e.peer),
                                    detailtext::translate(e.detail)};
            for (int c = 0; c < cells.size(); ++c)
                table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
        });
        table->resizeColumnsToContents();
        layout->addWidget(table, 1);
        dialog.resize(900, 560);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
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
    // A progress bar repaints at once on every new value: set it here, ~30 times a second,
    // not on each of hundreds of answers a second.
    if (m_loadProgress->isVisible() && m_loadProgress->value() != m_loadDone)
        m_loadProgress->setValue(m_loadDone);
    if (!m_lab && !m_offline)
        return;
    const TraceStore &store = m_lab ? m_lab->trace() : *m_offline;
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
    if (m_controls && m_controls->stepMode())
        refreshPending();
    if (m_flow.advance(store) > 0 || m_lab)
        m_sequence->refresh(m_lab ? toUs(m_lab->now()) : m_flow.lastUs());
    QScrollBar *bar = m_eventsView->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    if (m_events->refresh() > 0 && follow)
        m_eventsView->scrollToBottom();
    m_sessions->refresh();
    updateTimeBar();
    updateStatus();
}

void MainWindow::fillServiceFilter(const QStringList &names)
{
    const QString chosen = QSettings().value(u"diagram/service"_s).toString();
    m_serviceFilter->clear();
    m_serviceFilter->addItem(tr("every one"), 0);
    NodeId node = kNoNode;
    for (int id = 1; id < names.size(); ++id) {
        m_serviceFilter->addItem(names.at(id), id);
        if (names.at(id) == chosen) {
            node = static_cast<NodeId>(id);
            m_serviceFilter->setCurrentIndex(m_serviceFilter->count() - 1);
        }
    }
    SequenceFilter f = m_sequence->filter();
    f.onlyNode = node;
    m_sequence->setFilter(f);
}

void MainWindow::foldTrace(const TraceStore &trace)
{
    // A trace backed by its file (spilling as the run goes, or a long run opened) keeps a
    // bounded part of itself in memory; so do the folds over it. lab/foldBlocks (tests: "held
    // blocks, messages a block, rows a block") sets how much.
    qsizetype held = 0;
    int messages = MessageFlow::kBlockMessages;
    int rows = SessionFold::kBlockRows;
    qsizetype heldRows = 0;
    if (trace.backedByFile()) {
        held = MessageFlow::kHeldBlocks;
        heldRows = SessionFold::kHeldBlocks;
        const QStringList custom =
            QSettings().value(u"lab/foldBlocks"_s).toString().split(u',', Qt::SkipEmptyParts);
        if (custom.size() == 3) {
            held = heldRows = std::max(1, custom.at(0).toInt());
            messages = std::max(1, custom.at(1).toInt());
            rows = std::max(1, custom.at(2).toInt());
        }
    }
    m_flow = MessageFlow();
    if (held > 0)
        m_flow.holdBlocks(held, messages);
    m_sessions->setStore(&trace, heldRows, rows);
}

bool MainWindow::findMessage(int direction)
{
    const QString text = m_find->text().trimmed();
    const TraceStore *trace = currentTrace();
    if (text.isEmpty() || !trace || m_flow.messageCount() == 0)
        return false;
    // What matches, worked out once: the types and services by name.
    quint64 types = 0;
    for (quint16 t = 1; t <= kMaxMsgType; ++t)
        if (toString(static_cast<MsgType>(t)).contains(text, Qt::CaseInsensitive))
            types |= quint64(1) << t;
    const QStringList names = trace->nodeNames();
    std::vector<bool> services(static_cast<size_t>(names.size()) + 1, false);
    for (int id = 1; id < names.size(); ++id)
        services[static_cast<size_t>(id)] = names.at(id).compare(text, Qt::CaseInsensitive) == 0;
    const auto detailHas = [trace, &text](qsizetype event) {
        if (event < 0 || event >= trace->size())
            return false;
        const QString detail = trace->at(event).detail;
        return !detail.isEmpty() &&
               (detail.contains(text, Qt::CaseInsensitive) ||
                detailtext::translate(detail).contains(text, Qt::CaseInsensitive));
    };
    const SequenceFilter &filter = m_sequence->filter();
    // Message by message from the selection: a block let go is read back once as the search
    // walks through it.
    const auto n = static_cast<qsizetype>(m_flow.messageCount());
    const qsizetype from =
        m_sequence->selected() >= 0 ? m_sequence->selected() : (direction > 0 ? -1 : n);
    for (qsizetype k = 1; k <= n; ++k) {
        const qsizetype id = ((from + direction * k) % n + n) % n;
        const FlowMessage m = m_flow.message(static_cast<int>(id));
        if (!filter.accepts(m))
            continue;
        const bool hit = (m.type < 64 && (types >> m.type) & 1) ||
                         (m.from < services.size() && services[m.from]) ||
                         (m.to < services.size() && services[m.to]) ||
                         (m.tx && formatId(m.tx) == text) ||
                         (m.session && formatId(m.session) == text) || detailHas(m.sendEvent) ||
                         detailHas(m.endEvent);
        if (!hit)
            continue;
        m_sequence->reveal(static_cast<int>(id));
        statusBar()->showMessage(tr("Found %1: %2 → %3")
                                     .arg(toString(static_cast<MsgType>(m.type)),
                                          names.value(m.from), names.value(m.to)),
                                 5000);
        return true;
    }
    statusBar()->showMessage(tr("No message the diagram shows matches “%1”").arg(text), 5000);
    return false;
}

void MainWindow::setCursorEvent(qsizetype event)
{
    const TraceStore *trace = currentTrace();
    const qsizetype size = trace ? trace->size() : 0;
    if (event < 0 || size == 0) {
        m_cursor->setLive();
        return;
    }
    event = std::min(event, size - 1);
    m_cursor->setEvent(event, trace->at(event).labUs);
}

void MainWindow::cursorMoved()
{
    const qsizetype at = m_cursor->event();
    m_sessions->setCursor(at);
    m_events->setCursor(at);
    if (const int row = at >= 0 ? m_events->rowOf(at) : -1; row >= 0)
        m_eventsView->scrollTo(m_events->index(row, 0), QAbstractItemView::PositionAtCenter);
    else if (at < 0)
        m_eventsView->scrollToBottom();
    updateTimeBar();
}

void MainWindow::updateTimeBar()
{
    const TraceStore *trace = currentTrace();
    const qsizetype size = trace ? trace->size() : 0;
    const bool live = m_cursor->isLive();
    const qsizetype at = live ? size - 1 : m_cursor->event();
    {
        const QSignalBlocker quiet(m_timeSlider);
        m_timeSlider->setRange(0, static_cast<int>(std::max<qsizetype>(size - 1, 0)));
        m_timeSlider->setValue(static_cast<int>(std::max<qsizetype>(at, 0)));
    }
    m_timeLive->setChecked(live);
    m_timeLive->setEnabled(!live);
    const qint64 us = live ? (m_lab ? toUs(m_lab->now()) : (size ? trace->at(size - 1).labUs : 0))
                           : m_cursor->labUs();
    m_timeLabel->setText(tr("Lab %1 s · event %L2 of %L3")
                             .arg(QLocale().toString(us / 1e6, 'f', 3))
                             .arg(std::max<qsizetype>(at, 0))
                             .arg(size));
}

void MainWindow::updateStatus()
{
    if (m_offline) {
        m_statusCounts->setText(tr("Saved run: %L1 events, %L2 sessions; Reset returns to a "
                                   "live lab")
                                    .arg(m_offline->size())
                                    .arg(m_sessions->fold().rowCount()));
        m_statusClock->setText(
            tr("Lab time %L1 s")
                .arg(m_offline->size() ? m_offline->at(m_offline->size() - 1).labUs / 1e6 : 0.0, 0,
                     'f', 2));
    }
    if (m_offline && m_checker) {
        const bool ok = m_checker->ok();
        m_verdict->setText(
            ok ? tr("Checker: ok")
               : tr("Checker: %1 violated").arg(m_checker->violations().front().invariant));
    }
    if (!m_lab)
        return;
    m_statusCounts->setText(
        tr("Committed %L1 (active %L2, released %L3) · Aborted %L4 · Invalid %L5 · Rejected "
           "frames %L6 · Events %L7")
            .arg(m_sessions->count(Outcome::Committed))
            .arg(m_sessions->activeCount())
            .arg(m_sessions->count(Outcome::Released))
            .arg(m_sessions->count(Outcome::Aborted))
            .arg(m_sessions->count(Outcome::Invalid))
            .arg(m_rejected)
            .arg(m_lab->trace().size()));
    // What must not go unnoticed: a service that stopped because its log could not be written,
    // and a trace so full that views and the checker no longer see everything.
    QStringList alarms;
    if (!m_halted.isEmpty())
        alarms << (m_halted.size() == 1
                       ? tr("A service halted: storage failure (%1)").arg(m_halted.constFirst())
                       : tr("%1 services halted: storage failure").arg(m_halted.size()));
    if (const QString why = m_lab->trace().spillError(); !why.isEmpty())
        alarms << tr("Trace no longer written to the run folder (%1): kept in memory").arg(why);
    if (const quint64 dropped = m_lab->trace().dropped())
        alarms << tr("Trace full: %L1 events not recorded").arg(dropped);
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
    const double labS = toUs(m_lab->now()) / 1e6;
    const bool sim = m_lab->kind() == LabEngine::Kind::Simulator;
    if (m_lab->isPaused())
        m_statusClock->setText(sim ? tr("Simulator · lab time %L1 s (paused)").arg(labS, 0, 'f', 2)
                                   : tr("Lab time %L1 s (paused)").arg(labS, 0, 'f', 2));
    else
        m_statusClock->setText(sim ? tr("Simulator · lab time %L1 s").arg(labS, 0, 'f', 2)
                                   : tr("Lab time %L1 s").arg(labS, 0, 'f', 2));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"lab/seed"_s, static_cast<qulonglong>(seed()));
    settings.setValue(u"view/zoom"_s, m_zoom);
    m_refresh->stop();
    stopCluster();
    event->accept();
}

bool MainWindow::saveRun(const QString &dirPath, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_lab)
        return fail(tr("There is no live run to save."));
    QDir dir(dirPath);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return fail(tr("%1 is not empty: choose a new or an empty folder.")
                        .arg(QDir::toNativeSeparators(dirPath)));
    if (!dir.mkpath(u"data"_s))
        return fail(tr("Cannot create %1.").arg(QDir::toNativeSeparators(dir.filePath(u"data"_s))));
    // Each service's log, as one consistent snapshot even while the service writes to it.
    const QDir source(m_runFolder);
    for (const QString &name : source.entryList({u"*.sqlite"_s}, QDir::Files)) {
        const QString connection = u"save-run-"_s + name;
        bool ok = false;
        QString why;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            db.setDatabaseName(source.filePath(name));
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            if (db.open()) {
                QSqlQuery q(db);
                QString target = dir.filePath(u"data/"_s + name);
                target.replace(u"'"_s, u"''"_s);
                ok = q.exec(u"VACUUM INTO '"_s + target + u"'"_s);
                why = q.lastError().text();
            } else {
                why = db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        if (!ok) {
            QDir(dir.filePath(u"data"_s)).removeRecursively();
            return fail(tr("Cannot copy %1: %2").arg(name, why));
        }
    }
    const TraceStore &trace = m_lab->trace();
    QJsonObject json = summaryJson();
    json.insert(u"ledgers"_s, ledgerAnchors(dir.filePath(u"data"_s)));
    QString why;
    if (!writeJsonFile(dir.filePath(u"summary.json"_s), json, &why))
        return fail(why);
    if (!writeChromeTrace(trace, dir.filePath(u"trace.json"_s), &why) ||
        !writeTraceFile(trace, dir.filePath(QString::fromLatin1(kTraceFileName)), &why))
        return fail(why);
    addRecent(dir.absolutePath());
    return true;
}

namespace {
QString droppedFolder(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir() ? url.toLocalFile()
                                                                     : QString();
}
} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFolder(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString dir = droppedFolder(event->mimeData());
    if (dir.isEmpty())
        return;
    event->acceptProposedAction();
    QString error;
    if (!openRun(dir, &error))
        QMessageBox::warning(this, tr("Open Run"), error);
}

bool MainWindow::openRun(const QString &dirPath, QString *error)
{
    const QString path = QDir(dirPath).filePath(QString::fromLatin1(kTraceFileName));
    if (!QFileInfo::exists(path)) {
        if (error)
            *error =
                tr("%1 holds no EdgeCore Lab run (no %2 in it).")
                    .arg(QDir::toNativeSeparators(dirPath), QString::fromLatin1(kTraceFileName));
        return false;
    }
    TraceFileContents run = readTraceFile(path);
    if (!run.trace) {
        if (error)
            *error = tr("Cannot open the run: %1").arg(run.error);
        return false;
    }
    stopCluster();
    // The run's seed, so that Reset runs it again live.
    QFile summaryFile(QDir(dirPath).filePath(u"summary.json"_s));
    if (summaryFile.open(QIODevice::ReadOnly)) {
        const QJsonValue runSeed = QJsonDocument::fromJson(summaryFile.readAll())[u"seed"_s];
        const quint64 value = runSeed.toVariant().toULongLong();
        if (value > 0)
            m_seed->setText(QString::number(value));
    }
    m_offline = std::move(run.trace);
    m_offlineFolder = QDir(dirPath).absolutePath();
    m_events->setStore(m_offline.get());
    foldTrace(*m_offline);
    m_flow.advance(*m_offline);
    m_sequence->setFlow(&m_flow, m_offline->nodeNames());
    fillServiceFilter(m_offline->nodeNames());
    m_sequence->refresh(m_flow.lastUs());
    m_sequence->fitAll();
    m_detail->clear();
    m_checker = std::make_unique<Checker>(*m_offline);
    m_checker->advance();
    m_scanned = 0;
    m_rejected = 0;
    m_halted.clear();
    setLive(false);
    refresh();
    if (run.truncated)
        statusBar()->showMessage(
            tr("The run's last event was cut off (the run was still being written or was "
               "stopped): it opens up to its last complete event."),
            15000);
    addRecent(m_offlineFolder);
    return true;
}

QStringList MainWindow::recentRuns() const
{
    return QSettings().value(u"runs/recent"_s).toStringList();
}

void MainWindow::addRecent(const QString &dir)
{
    QStringList recent = recentRuns();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > 8)
        recent.removeLast();
    QSettings().setValue(u"runs/recent"_s, recent);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentRuns();
    for (int i = 0; i < recent.size(); ++i) {
        const QString dir = recent.at(i);
        QAction *a = m_recentMenu->addAction(
            tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(dir)), this, [this, dir] {
                QString error;
                if (!openRun(dir, &error)) {
                    QStringList left = recentRuns();
                    left.removeAll(dir);
                    QSettings().setValue(u"runs/recent"_s, left);
                    QMessageBox::warning(this, tr("Open Run"), error);
                }
            });
        a->setObjectName(u"recentRun"_s);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent runs"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] { QSettings().remove(u"runs/recent"_s); });
}

void MainWindow::saveRunDialog()
{
    const QString dir = QFileDialog::getSaveFileName(
        this, tr("Save Run As"),
        QDir::home().filePath(u"edgecore-run-seed"_s + QString::number(seed())), QString(), nullptr,
        QFileDialog::ShowDirsOnly);
    if (dir.isEmpty())
        return;
    QString error;
    if (saveRun(dir, &error))
        statusBar()->showMessage(tr("Saved the run to %1").arg(QDir::toNativeSeparators(dir)),
                                 10000);
    else
        QMessageBox::warning(this, tr("Save Run As"), error);
}

void MainWindow::openRunDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Run"), QDir::homePath());
    if (dir.isEmpty())
        return;
    QString error;
    if (!openRun(dir, &error))
        QMessageBox::warning(this, tr("Open Run"), error);
}

void MainWindow::exportChromeTrace()
{
    const TraceStore *trace = m_lab ? &m_lab->trace() : m_offline.get();
    if (!trace)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Trace"),
                                                      QDir::home().filePath(u"trace.json"_s),
                                                      tr("Chrome trace (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeChromeTrace(*trace, path, &error))
        QMessageBox::warning(this, tr("Export Trace"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 10000);
}

void MainWindow::exportSummary()
{
    if (!m_lab)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Summary"), QDir::home().filePath(u"summary.json"_s), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeJsonFile(path, summaryJson(), &error))
        QMessageBox::warning(this, tr("Export Summary"), error);
}

QJsonObject MainWindow::summaryJson() const
{
    const TraceStore &trace = m_lab->trace();
    const qsizetype n = trace.size();
    const double wallS = n > 1 ? (trace.at(n - 1).wallUs - trace.at(0).wallUs) / 1e6 : 0.0;
    Summary summary = Summary::compute(u"window"_s, seed(), m_replies, trace, wallS);
    if (m_checker)
        summary.checker = m_checker->toJson();
    return summary.toJson();
}

void MainWindow::setPreferences(const Preferences &prefs)
{
    m_prefs = prefs;
    m_prefs.save();
    m_speed->setValue(prefs.speed);
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(m_prefs, this);
    if (dialog.exec() == QDialog::Accepted)
        setPreferences(dialog.value());
}

void MainWindow::setZoom(int steps)
{
    m_zoom = std::clamp(steps, -4, 12);
    QFont font = QApplication::font(m_sessionsView);
    const qreal base = font.pointSizeF() > 0 ? font.pointSizeF() : 10;
    font.setPointSizeF(std::max<qreal>(6, base + m_zoom));
    for (QTableView *v : {m_sessionsView, m_eventsView}) {
        v->setFont(font);
        v->verticalHeader()->setDefaultSectionSize(QFontMetrics(font).height() + 6);
    }
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    dialog.setObjectName(u"shortcutsDialog"_s);
    auto *table = new QTableWidget(&dialog);
    table->setObjectName(u"shortcutsTable"_s);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QList<QAction *> actions = findChildren<QAction *>();
    std::sort(actions.begin(), actions.end(), [](QAction *a, QAction *b) {
        return plain(a->text()).localeAwareCompare(plain(b->text())) < 0;
    });
    for (QAction *a : std::as_const(actions)) {
        if (a->shortcut().isEmpty())
            continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(plain(a->text())));
        table->setItem(row, 1,
                       new QTableWidgetItem(a->shortcut().toString(QKeySequence::NativeText)));
    }
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(480, 520);
    dialog.exec();
}

void MainWindow::showManual()
{
    // The README and docs/, built into the program: the manual of exactly this version.
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"manualDialog"_s);
    dialog->setWindowTitle(tr("EdgeCore Lab Manual"));
    auto *browser = new ManualBrowser(dialog);
    browser->setObjectName(u"manualBrowser"_s);
    dialog->resize(900, 700);
    browser->setOpenExternalLinks(true);
    browser->setSource(QUrl(u"qrc:/manual/README.md"_s), QTextDocument::MarkdownResource);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *back = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    connect(back, &QPushButton::clicked, browser, &QTextBrowser::backward);
    connect(browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);
    back->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog->show();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About EdgeCore Lab"),
        tr("<h3>EdgeCore Lab %1</h3><p>A desktop lab for distributed protocols: an edge "
           "gateway, three session managers electing a leader, 2PC and 3PC participants, a "
           "versioned shared memory and a malicious node, each a real server on its own "
           "thread, talking over loopback TCP with signed frames.</p><p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

const TraceStore *MainWindow::currentTrace() const
{
    return m_lab ? &m_lab->trace() : m_offline.get();
}

QString MainWindow::messageDetail() const
{
    return m_detail->toPlainText();
}

void MainWindow::showMessage(int id)
{
    const TraceStore *trace = currentTrace();
    if (id < 0 || !trace || id >= static_cast<int>(m_flow.messageCount())) {
        m_detail->clear();
        return;
    }
    const FlowMessage m = m_flow.message(id);
    const QLocale locale;
    const auto esc = [](const QString &t) -> QString { return t.toHtmlEscaped(); };
    const auto row = [&](const QString &key, const QString &value) -> QString {
        return u"<tr><td style='color:#5a6470;padding-right:10px'>%1</td><td>%2</td></tr>"_s.arg(
            esc(key), esc(value));
    };
    const auto clock = [](const VectorClock &v) -> QString {
        QStringList parts;
        for (size_t i = 1; i < v.size(); ++i)
            parts << QString::number(v[i]);
        return u"["_s + parts.join(u", "_s) + u']';
    };
    const auto wall = [&](qint64 us) -> QString {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(us / 1000),
                               u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    };
    QString fate;
    switch (m.fate) {
    case MessageFate::Delivered:
        fate = tr("delivered");
        break;
    case MessageFate::Lost:
        fate = m.reason == 1   ? tr("lost: the network is partitioned")
               : m.reason == 3 ? tr("lost: dropped by hand in step mode")
               : m.reason == 4 ? tr("lost: its receiver was down")
                               : tr("lost: the link dropped it");
        break;
    case MessageFate::Refused:
        fate = tr("refused: %1")
                   .arg(detailtext::translate(toString(static_cast<WireError>(m.reason))));
        break;
    case MessageFate::InFlight:
        fate = tr("in flight (not delivered yet)");
        break;
    }
    QString html = u"<h3>%1</h3><table>"_s.arg(esc(toString(static_cast<MsgType>(m.type))));
    html += row(tr("From → to"), tr("%1 → %2").arg(trace->nodeName(m.from), trace->nodeName(m.to)));
    html += row(tr("What"), SequencePainter::className(m.cls));
    html += row(tr("Fate"), fate);
    // The receiver's verifier decodes a frame, then checks its HMAC, then its sequence number,
    // timestamp, fencing token and sender's role: where a refusal stopped says what was known.
    QString signature;
    const auto refusal = static_cast<WireError>(m.reason);
    switch (m.fate) {
    case MessageFate::Delivered:
        signature = tr("valid (HMAC-SHA256 verified by %1)").arg(trace->nodeName(m.to));
        break;
    case MessageFate::Refused:
        signature = refusal == WireError::UnknownKey || refusal == WireError::BadTag
                        ? tr("invalid: %1").arg(detailtext::translate(toString(refusal)))
                    : static_cast<int>(refusal) < static_cast<int>(WireError::UnknownKey)
                        ? tr("not checked: the frame did not decode")
                        : tr("valid (refused after it was verified)");
        break;
    case MessageFate::Lost:
        signature = tr("not checked: it never arrived");
        break;
    case MessageFate::InFlight:
        signature = tr("not checked yet");
        break;
    }
    html += row(tr("Signature"), signature);
    const TraceEvent sent = m.sendEvent >= 0 ? trace->at(m.sendEvent) : TraceEvent{};
    // What the sender put in the frame (a run saved before these were traced has none).
    if (sent.keyId != 0)
        html += row(tr("Key id"), tr("key %1 (the sender's signing key)").arg(sent.keyId));
    if (sent.token != 0)
        html += row(tr("Fencing token"), QString::number(sent.token));
    const std::vector<std::pair<QString, QString>> fields = describePayload(sent.payload);
    if (!fields.empty()) {
        html += u"<tr><td colspan=2><b>%1</b></td></tr>"_s.arg(esc(tr("Payload")));
        for (const auto &[name, value] : fields)
            html += row(name, value);
    }
    if (m.duplicate)
        html += row(tr("Copy"), tr("made by hand in step mode (the same bytes again)"));
    html += row(tr("Transaction"), formatId(m.tx));
    if (m.tx && m_sequence->filter().onlyTx != m.tx)
        html += u"<tr><td></td><td><a href='edgecore://only-tx/%1'>%2</a></td></tr>"_s.arg(
            formatId(m.tx), esc(tr("Show only this transaction")));
    html += row(tr("Session"), formatId(m.session));
    html += row(tr("Frame number"), QString::number(m.seq));
    if (m.endUs >= 0)
        html += row(tr("Latency"), tr("%L1 ms").arg(m.latencyUs() / 1000.0, 0, 'f', 3));
    const auto describe = [&](qsizetype index, const QString &title) {
        if (index < 0)
            return;
        const TraceEvent e = trace->at(index);
        html += u"<tr><td colspan=2><b>%1</b></td></tr>"_s.arg(esc(title));
        html += row(tr("Trace event"), tr("#%L1").arg(index));
        html += row(tr("Lab time"), tr("%L1 ms").arg(e.labUs / 1000.0, 0, 'f', 3));
        html += row(tr("Wall time"), wall(e.wallUs));
        html += row(tr("Lamport clock"), QString::number(e.lamport));
        html += row(tr("Vector clock"), clock(e.vclock));
        if (!e.detail.isEmpty())
            html += row(tr("Detail"), detailtext::translate(e.detail));
    };
    describe(m.sendEvent, tr("Sent by %1").arg(trace->nodeName(m.from)));
    describe(m.endEvent,
             m.fate == MessageFate::Delivered ? tr("Delivered to %1").arg(trace->nodeName(m.to))
             : m.fate == MessageFate::Lost    ? tr("Lost")
                                              : tr("Refused by %1").arg(trace->nodeName(m.to)));
    html += u"</table>"_s;
    m_detail->setHtml(html);
}

void MainWindow::setStepMode(bool on)
{
    if (!m_controls)
        return;
    m_stepMode->setChecked(on);
    if (on) {
        m_controls->setStepMode(true);
        pauseLab();
        m_stepMode->setChecked(true);
        // The clock stands still from here: only event order tells the steps apart.
        m_sequence->setAxis(SequenceLayout::Axis::EventOrder);
        m_pendingDock->show();
        m_pendingDock->raise();
        m_sequence->setFocus();
        refreshPending();
    } else {
        runLab();
    }
}

bool MainWindow::stepMode() const
{
    return m_controls && m_controls->stepMode() && m_stepMode->isChecked();
}

void MainWindow::refreshPending()
{
    if (!m_controls)
        return;
    std::vector<PendingFrame> now = m_controls->pending();
    const bool same =
        now.size() == m_pendingShown.size() &&
        std::equal(now.begin(), now.end(), m_pendingShown.begin(),
                   [](const PendingFrame &a, const PendingFrame &b) { return a.id == b.id; });
    if (same)
        return;
    const int selectedRow = m_pendingView->currentRow();
    const quint64 selectedId =
        selectedRow >= 0 && selectedRow < static_cast<int>(m_pendingShown.size())
            ? m_pendingShown[static_cast<size_t>(selectedRow)].id
            : 0;
    m_pendingShown = std::move(now);
    const TraceStore &trace = m_lab->trace();
    m_pendingView->setRowCount(static_cast<int>(m_pendingShown.size()));
    int keep = 0;
    for (size_t i = 0; i < m_pendingShown.size(); ++i) {
        const PendingFrame &f = m_pendingShown[i];
        const QStringList cells{f.from == kNoNode ? tr("client") : trace.nodeName(f.from),
                                trace.nodeName(f.to), toString(static_cast<MsgType>(f.type)),
                                formatId(f.tx), QLocale().toString(toUs(f.since) / 1000.0, 'f', 3)};
        for (int c = 0; c < cells.size(); ++c)
            m_pendingView->setItem(static_cast<int>(i), c, new QTableWidgetItem(cells.at(c)));
        if (f.id == selectedId)
            keep = static_cast<int>(i);
    }
    if (!m_pendingShown.empty())
        m_pendingView->selectRow(keep);
    m_pendingDock->setWindowTitle(tr("Pending Deliveries (%L1)").arg(m_pendingShown.size()));
}

bool MainWindow::deliverNext()
{
    if (!stepMode())
        return false;
    refreshPending();
    if (m_pendingShown.empty())
        return false;
    const bool ok = m_controls->deliver(m_pendingShown.front().id);
    refresh();
    return ok;
}

std::optional<quint64> MainWindow::chosenPending()
{
    if (!stepMode())
        return std::nullopt;
    refreshPending();
    if (m_pendingShown.empty())
        return std::nullopt;
    const int row = m_pendingView->currentRow();
    const bool selected = row >= 0 && row < static_cast<int>(m_pendingShown.size());
    return m_pendingShown[selected ? static_cast<size_t>(row) : 0].id;
}

bool MainWindow::deliverSelected()
{
    const std::optional<quint64> id = chosenPending();
    const bool ok = id && m_controls->deliver(*id);
    refresh();
    return ok;
}

bool MainWindow::dropSelected()
{
    const std::optional<quint64> id = chosenPending();
    const bool ok = id && m_controls->drop(*id);
    refresh();
    return ok;
}

bool MainWindow::duplicateSelected()
{
    const std::optional<quint64> id = chosenPending();
    const bool ok = id && m_controls->duplicate(*id);
    if (id && !ok)
        statusBar()->showMessage(tr("That frame cannot be duplicated (a client's request never "
                                    "crossed the network)"),
                                 5000);
    refresh();
    return ok;
}

bool MainWindow::advanceClock()
{
    if (!stepMode())
        return false;
    const bool ok = m_controls->advanceToNextDeadline();
    refresh();
    return ok;
}

} // namespace edgecore
