#pragma once
// The window's preferences, kept in QSettings: what a new lab starts with (clock speed,
// mallory's rate, the lock manager's deadlock mode, the leader lease), what a load test
// submits, where run folders go and how many are kept, and the language of the window.
// PreferencesDialog edits them; the window applies them (the cluster's at the next reset).

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace edgecore {

struct ClusterConfig;

struct Preferences
{
    double speed = 1.0;           // lab clock, 0.1 to 10
    int loadSessions = 100;       // a load test's set-ups
    int loadConcurrency = 8;      // in flight at once
    double malloryRate = 1.0;     // forged frames per lab second (0: mallory stays quiet)
    bool deadlockTimeout = false; // false: detect cycles; true: time out long waits
    int leaseTtlMs = 3000;        // the leader lease
    QString runsFolder;           // empty: the default below
    int runsKept = 20;            // run folders kept in the runs folder (older ones removed)
    QString language;             // empty: the system's; or "en", "de"

    static constexpr int kMinLeaseTtlMs = 1000;
    static constexpr int kMaxLeaseTtlMs = 60000;
    static constexpr int kMaxRunsKept = 1000;

    static Preferences load();
    void save() const;
    static QString defaultRunsFolder();
    QString runsFolderOrDefault() const;
    // The cluster a reset starts with these preferences.
    void applyTo(ClusterConfig &config) const;
    // The languages the window comes in: code and name in that language.
    static QStringList languages();
    static QString languageName(const QString &code);
    // Sets the locale (numbers follow it) and loads the window's translation and Qt's own
    // (qtbase: dialog buttons, context menus) for `language`, or the system's when empty.
    // Returns the languages loaded ("edgecore-lab", "qtbase"). Call once, after the
    // application object exists.
    static QStringList installTranslations(const QString &language);
};

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences &prefs, QWidget *parent = nullptr);
    Preferences value() const;

private:
    QDoubleSpinBox *m_speed;
    QSpinBox *m_loadSessions;
    QSpinBox *m_loadConcurrency;
    QDoubleSpinBox *m_mallory;
    QComboBox *m_deadlock;
    QSpinBox *m_leaseTtl;
    QLineEdit *m_runsFolder;
    QSpinBox *m_runsKept;
    QComboBox *m_language;
};

} // namespace edgecore
