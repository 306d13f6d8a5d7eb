#pragma once
// The EdgeCore Lab window: toolbar to drive the running cluster, the sessions table in the
// centre and the live event log in a dock. Views are fed from the TraceStore and the cluster's
// signals, in batches.

#include "lab/loadgenerator.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QDoubleSpinBox;
class QLineEdit;
class QProgressBar;
namespace edgecore {
class Checker;
}
class QToolButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace edgecore {

class Cluster;
class EventLogModel;
class LoadGenerator;
class SessionsModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // seed 0: the one remembered from the last run (or 1).
    explicit MainWindow(quint64 seed = 0, QWidget *parent = nullptr);
    ~MainWindow() override;

    Cluster *cluster() const { return m_cluster.get(); }
    SessionsModel *sessionsModel() const { return m_sessions; }
    EventLogModel *eventLogModel() const { return m_events; }
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

public Q_SLOTS:
    void newSession(const QString &trafficClass);
    // Starts a mini load test: sessions set-ups, VOICE and DATA mixed, 8 in flight.
    void startLoad(int sessions = 100);
    void resetLab();
    void runLab();
    void pauseLab();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildViews();
    void startCluster();
    void stopCluster();
    void refresh();
    void updateStatus();

    std::unique_ptr<Cluster> m_cluster;
    std::unique_ptr<Checker> m_checker; // reads the trace on the window's thread, live
    QToolButton *m_verdict = nullptr;   // its verdict in the status bar; click: the story
    LoadGenerator *m_load = nullptr;    // owned by the window, replaced by each load test
    SessionsModel *m_sessions = nullptr;
    EventLogModel *m_events = nullptr;
    QTableView *m_sessionsView = nullptr;
    QTableView *m_eventsView = nullptr;
    QLineEdit *m_seed = nullptr;
    QProgressBar *m_loadProgress = nullptr;
    QToolButton *m_loadCancel = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
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
