#pragma once
// The EdgeCore Lab window: toolbar to drive the running cluster, the sessions table in the
// centre and the live event log in a dock. Views are fed from the TraceStore and the cluster's
// signals, in batches.

#include "lab/labengine.h"
#include "lab/loadgenerator.h"
#include "lab/summary.h"
#include "preferences.h"
#include "timeline/messageflow.h"

#include <QJsonObject>
#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QMenu;
class QDockWidget;
class QLabel;
class QDoubleSpinBox;
class QLineEdit;
class QProgressBar;
namespace edgecore {
class Checker;
}
class QToolButton;
class QSpinBox;
class QSlider;
class QTableView;
class QTimer;
class QTextBrowser;
class QTableWidget;
class QToolBar;

namespace edgecore {

class Cluster;
class LabControls;
class TraceStore;
class EventLogModel;
class LoadGenerator;
class SessionsModel;
class SequenceView;
class TimeCursor;
class ScenarioScript;
class ScriptDriver;
class FaultRunner;
struct Scenario;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // seed 0: the one remembered from the last run (or 1).
    explicit MainWindow(quint64 seed = 0, QWidget *parent = nullptr);
    ~MainWindow() override;

    LabEngine *engine() const { return m_lab.get(); }
    Cluster *cluster() const; // the engine, when it runs on threads
    // Lab > Engine: the cast on threads over loopback TCP (the default) or in the simulator,
    // deterministic from the seed. Changing it resets the lab; the choice persists unless
    // remember is false (--sim).
    LabEngine::Kind engineKind() const { return m_engine; }
    void setEngineKind(LabEngine::Kind kind, bool remember = true);
    // Simulator only: a new window that runs the same seed again with every input recorded
    // here up to trace event `event` (-1: the time cursor's), which then carries on on its
    // own; this run stays open. Null, said in the status bar, on threads or offline.
    MainWindow *branchFrom(qsizetype event = -1);
    SessionsModel *sessionsModel() const { return m_sessions; }
    EventLogModel *eventLogModel() const { return m_events; }
    SequenceView *sequenceView() const { return m_sequence; }
    const MessageFlow &messageFlow() const { return m_flow; }
    QString messageDetail() const; // the detail pane's text
    // Step mode: the clock stands still, arriving frames wait in Pending Deliveries, and
    // the user delivers (Enter: the selected one; N: the oldest), drops (Del) or moves the
    // clock to the next deadline (T), or duplicates one (D), one step at a time.
    void setStepMode(bool on);
    bool stepMode() const;
    std::vector<PendingFrame> pendingFrames() const { return m_pendingShown; }
    bool deliverNext();
    bool deliverSelected();
    bool dropSelected();
    bool duplicateSelected(); // D: a second copy of the frame waits beside it
    bool advanceClock();
    quint64 seed() const;
    QString protocol() const; // "2PC" or "3PC": for new sessions and load tests
    void setProtocol(const QString &protocol);
    double speed() const; // the lab clock's, 0.1 to 10 (applied at once)
    void setSpeed(double factor);
    void cancelLoad();        // stops submitting; what is under way finishes
    bool loadRunning() const; // a load test's progress is showing
    QString verdict() const;  // the live checker's: "ok" or the first violation
    void showVerdict();       // the checker's report and the first violation's story
    QString runFolder() const { return m_runFolder; }
    // Saves the live run (its services' SQLite files, summary.json, trace.json and
    // trace.ectrace) into dir, which must be new or empty. False with the reason.
    bool saveRun(const QString &dir, QString *error = nullptr);
    // Opens a saved run (its trace.ectrace) offline in place of the live lab; Reset goes back
    // to a live lab. False with the reason, and nothing changed, when the run cannot be read.
    bool openRun(const QString &dir, QString *error = nullptr);
    bool isOffline() const { return m_offline != nullptr; }
    QStringList recentRuns() const;
    const Preferences &preferences() const { return m_prefs; }
    void setPreferences(const Preferences &prefs); // saves them; applies speed at once
    int zoom() const { return m_zoom; }            // steps from the default font size
    void setZoom(int steps);
    // The one time cursor every view follows: live, or after a trace event (the time slider
    // under the views moves it; so do Alt+Left/Right, and Alt+End goes live).
    TimeCursor *timeCursor() const { return m_cursor; }
    void setCursorEvent(qsizetype event); // clamped to the trace; -1: live
    // Finds the next (direction 1) or previous (-1) message after the selected one, among those
    // the filters show, whose type, service, transaction, session or trace detail holds the
    // find box's text; selects and reveals it. False (said in the status bar) when none does.
    bool findMessage(int direction);

public Q_SLOTS:
    void newSession(const QString &trafficClass);
    // Starts a mini load test: sessions set-ups, VOICE and DATA mixed, 8 in flight.
    // sessions < 0: the preferences' count.
    void startLoad(int sessions = -1);
    void resetLab();
    // Resets the lab with a built-in scenario's set-up and runs it live: its load, its script
    // (crash the coordinator once both voted, ...) and, with planFile, a fault plan's steps.
    // protocol "2PC"/"3PC" (empty: the toolbar's). False with the reason, and nothing changed,
    // for an unknown scenario or a broken plan.
    bool runScenario(const QString &name, const QString &protocol = {},
                     const QString &planFile = {}, QString *error = nullptr);
    QString scenarioRunning() const; // its name while its load runs; empty otherwise
    void runLab();
    void pauseLab();

protected:
    void closeEvent(QCloseEvent *event) override;
    // A run folder dropped on the window opens.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Branch;
    MainWindow(quint64 seed, std::unique_ptr<Branch> branch, QWidget *parent);
    void buildActions();
    void buildMenus();
    void buildViews();
    void addRecent(const QString &dir);
    void fillRecentMenu();
    void showShortcuts();
    void showManual();
    void showAbout();
    void editPreferences();
    void saveRunDialog();
    void openRunDialog();
    void exportChromeTrace();
    void exportSummary();
    void setLive(bool live);
    void showMessage(int id); // in the detail pane
    void cursorMoved();       // every view to the cursor
    void updateTimeBar();
    void fillServiceFilter(const QStringList &names); // the run's services, the saved choice
    void refreshPending();
    // Step mode: the id of the parked frame selected in Pending Deliveries, or the oldest.
    std::optional<quint64> chosenPending();
    const TraceStore *currentTrace() const;
    QJsonObject summaryJson() const; // the live run's summary, as --out writes it
    void startCluster();
    void runFaultPlanDialog();
    void stopCluster();
    void refresh();
    void updateStatus();

    std::unique_ptr<LabEngine> m_lab;
    LabEngine::Kind m_engine = LabEngine::Kind::Threads;
    QAction *m_engineThreads = nullptr;
    QAction *m_engineSim = nullptr;
    QAction *m_branch = nullptr;
    // A branch's origin, played again by startCluster: the record and the event to reach.
    std::unique_ptr<Branch> m_branchOf;
    std::unique_ptr<TraceStore> m_offline; // a saved run being browsed (no cluster then)
    QString m_offlineFolder;
    Preferences m_prefs;
    ReplyFold m_replies; // the live run's answers, folded for its summary
    QDockWidget *m_eventsDock = nullptr;
    QDockWidget *m_sessionsDock = nullptr;
    QDockWidget *m_detailDock = nullptr;
    SequenceView *m_sequence = nullptr;
    QTextBrowser *m_detail = nullptr;
    QComboBox *m_serviceFilter = nullptr;
    QLineEdit *m_find = nullptr;
    TimeCursor *m_cursor = nullptr;
    QSlider *m_timeSlider = nullptr;
    QLabel *m_timeLabel = nullptr;
    QToolButton *m_timeLive = nullptr;
    QDockWidget *m_pendingDock = nullptr;
    QTableWidget *m_pendingView = nullptr;
    QAction *m_stepMode = nullptr;
    LabControls *m_controls = nullptr; // the host-neutral surface over m_lab
    // A scenario run from the window: its set-up (applied by startCluster), script, fault
    // plan and the driver that feeds them the trace.
    std::unique_ptr<Scenario> m_scenario;
    std::unique_ptr<ScenarioScript> m_script;
    std::unique_ptr<FaultRunner> m_plan;
    std::unique_ptr<ScriptDriver> m_driver;
    QTimer *m_scriptPoll = nullptr;
    bool m_scenarioLoad = false; // its load still runs
    std::vector<PendingFrame> m_pendingShown;
    MessageFlow m_flow;                      // the diagram's fold of the current trace
    void foldTrace(const TraceStore &trace); // the diagram and the table start folding it
    QToolBar *m_toolbar = nullptr;
    QMenu *m_recentMenu = nullptr;
    QList<QAction *> m_liveActions; // what needs a running cluster
    QByteArray m_defaultState;      // the layout before any saved one: View > Reset Layout
    int m_zoom = 0;
    std::unique_ptr<Checker> m_checker; // reads the trace on the window's thread, live
    QToolButton *m_verdict = nullptr;   // its verdict in the status bar; click: the story
    LoadGenerator *m_load = nullptr;    // owned by the window, replaced by each load test
    SessionsModel *m_sessions = nullptr;
    EventLogModel *m_events = nullptr;
    QTableView *m_sessionsView = nullptr;
    QTableView *m_eventsView = nullptr;
    QLineEdit *m_seed = nullptr;
    QProgressBar *m_loadProgress = nullptr;
    int m_loadDone = 0; // the load's answers so far (the bar shows it on refresh)
    QToolButton *m_loadCancel = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    QSlider *m_speedSlider = nullptr; // the same speed, on a log scale
    QComboBox *m_protocol = nullptr;
    QAction *m_run = nullptr;
    QAction *m_pause = nullptr;
    QLabel *m_statusClock = nullptr;
    QLabel *m_statusCounts = nullptr;
    QLabel *m_statusAlarm = nullptr; // services halted on a storage error; trace full
    QTimer *m_refresh = nullptr;
    QString m_runFolder;
    quint64 m_nextSubscriber = 0;
    Rng m_holding = Holding::stream(1); // durations of the sessions started by hand
    qsizetype m_scanned = 0;
    quint64 m_rejected = 0;
    QStringList m_halted; // "rm: cannot write ...": fail-stopped services
};

} // namespace edgecore
