#include "preferences.h"

#include "lab/cluster.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTranslator>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

Preferences Preferences::load()
{
    const QSettings s;
    Preferences p;
    p.speed = std::clamp(s.value(u"lab/speed"_s, p.speed).toDouble(), 0.1, 10.0);
    p.loadSessions = std::clamp(s.value(u"load/sessions"_s, p.loadSessions).toInt(), 1, 1'000'000);
    p.loadConcurrency =
        std::clamp(s.value(u"load/concurrency"_s, p.loadConcurrency).toInt(), 1, 256);
    p.malloryRate = std::clamp(s.value(u"mallory/rate"_s, p.malloryRate).toDouble(), 0.0, 100.0);
    p.deadlockTimeout = s.value(u"locks/deadlock"_s).toString() == u"timeout"_s;
    p.leaseTtlMs =
        std::clamp(s.value(u"lease/ttlMs"_s, p.leaseTtlMs).toInt(), kMinLeaseTtlMs, kMaxLeaseTtlMs);
    p.runsFolder = s.value(u"runs/folder"_s).toString();
    p.runsKept = std::clamp(s.value(u"runs/kept"_s, p.runsKept).toInt(), 1, kMaxRunsKept);
    p.language = s.value(u"ui/language"_s).toString();
    if (!p.language.isEmpty() && !languages().contains(p.language))
        p.language.clear();
    return p;
}

void Preferences::save() const
{
    QSettings s;
    s.setValue(u"lab/speed"_s, speed);
    s.setValue(u"load/sessions"_s, loadSessions);
    s.setValue(u"load/concurrency"_s, loadConcurrency);
    s.setValue(u"mallory/rate"_s, malloryRate);
    s.setValue(u"locks/deadlock"_s, deadlockTimeout ? u"timeout"_s : u"detect"_s);
    s.setValue(u"lease/ttlMs"_s, leaseTtlMs);
    s.setValue(u"runs/folder"_s, runsFolder);
    s.setValue(u"runs/kept"_s, runsKept);
    s.setValue(u"ui/language"_s, language);
}

QString Preferences::defaultRunsFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(u"runs"_s);
}

QString Preferences::runsFolderOrDefault() const
{
    return runsFolder.isEmpty() ? defaultRunsFolder() : runsFolder;
}

void Preferences::applyTo(ClusterConfig &config) const
{
    config.clockSpeed = speed;
    config.mallory.framesPerSecond = malloryRate;
    config.deadlock.resolution =
        deadlockTimeout ? DeadlockResolution::Timeout : DeadlockResolution::Detect;
    config.coordinator.leaseTtlMs = leaseTtlMs;
}

QStringList Preferences::languages()
{
    return {u"en"_s, u"de"_s};
}

QString Preferences::languageName(const QString &code)
{
    const QLocale locale(code);
    const QString name = locale.nativeLanguageName();
    return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

QStringList Preferences::installTranslations(const QString &language)
{
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    static QTranslator ours;
    static QTranslator qt;
    QStringList loaded;
    QCoreApplication::removeTranslator(&ours);
    QCoreApplication::removeTranslator(&qt);
    if (ours.load(QLocale(), u"edgecore-lab"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(&ours);
        loaded << u"edgecore-lab"_s;
    }
    if (qt.load(QLocale(), u"qtbase"_s, u"_"_s,
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&qt);
        loaded << u"qtbase"_s;
    }
    return loaded;
}

PreferencesDialog::PreferencesDialog(const Preferences &prefs, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(u"preferencesDialog"_s);
    auto *tabs = new QTabWidget(this);

    auto *lab = new QWidget(tabs);
    auto *labForm = new QFormLayout(lab);
    m_speed = new QDoubleSpinBox(lab);
    m_speed->setObjectName(u"prefSpeed"_s);
    m_speed->setRange(0.1, 10.0);
    m_speed->setSingleStep(0.1);
    m_speed->setDecimals(1);
    m_speed->setSuffix(u"×"_s);
    m_speed->setValue(prefs.speed);
    labForm->addRow(tr("Lab &clock speed:"), m_speed);
    m_mallory = new QDoubleSpinBox(lab);
    m_mallory->setObjectName(u"prefMallory"_s);
    m_mallory->setRange(0, 100);
    m_mallory->setDecimals(1);
    m_mallory->setSpecialValueText(tr("Off"));
    m_mallory->setValue(prefs.malloryRate);
    m_mallory->setToolTip(tr("Forged frames mallory sends per lab second"));
    labForm->addRow(tr("&Mallory's rate (frames/s):"), m_mallory);
    m_deadlock = new QComboBox(lab);
    m_deadlock->setObjectName(u"prefDeadlock"_s);
    m_deadlock->addItem(tr("Detect cycles (abort the youngest)"), u"detect"_s);
    m_deadlock->addItem(tr("Time out waits longer than 2 s"), u"timeout"_s);
    m_deadlock->setCurrentIndex(prefs.deadlockTimeout ? 1 : 0);
    labForm->addRow(tr("&Deadlocks:"), m_deadlock);
    m_leaseTtl = new QSpinBox(lab);
    m_leaseTtl->setObjectName(u"prefLeaseTtl"_s);
    m_leaseTtl->setRange(Preferences::kMinLeaseTtlMs, Preferences::kMaxLeaseTtlMs);
    m_leaseTtl->setSingleStep(500);
    m_leaseTtl->setValue(prefs.leaseTtlMs);
    labForm->addRow(tr("Leader &lease (ms):"), m_leaseTtl);
    auto *note = new QLabel(tr("Mallory, deadlocks and the lease apply from the next reset."), lab);
    note->setWordWrap(true);
    labForm->addRow(note);
    tabs->addTab(lab, tr("&Lab"));

    auto *load = new QWidget(tabs);
    auto *loadForm = new QFormLayout(load);
    m_loadSessions = new QSpinBox(load);
    m_loadSessions->setObjectName(u"prefLoadSessions"_s);
    m_loadSessions->setRange(1, 1'000'000);
    m_loadSessions->setValue(prefs.loadSessions);
    loadForm->addRow(tr("&Sessions:"), m_loadSessions);
    m_loadConcurrency = new QSpinBox(load);
    m_loadConcurrency->setObjectName(u"prefLoadConcurrency"_s);
    m_loadConcurrency->setRange(1, 256);
    m_loadConcurrency->setValue(prefs.loadConcurrency);
    loadForm->addRow(tr("&In flight at once:"), m_loadConcurrency);
    tabs->addTab(load, tr("Load &test"));

    auto *runs = new QWidget(tabs);
    auto *runsForm = new QFormLayout(runs);
    auto *folderRow = new QHBoxLayout;
    m_runsFolder = new QLineEdit(prefs.runsFolderOrDefault(), runs);
    m_runsFolder->setObjectName(u"prefRunsFolder"_s);
    auto *browse = new QPushButton(tr("&Browse…"), runs);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Where runs are kept"),
                                                              m_runsFolder->text());
        if (!dir.isEmpty())
            m_runsFolder->setText(dir);
    });
    folderRow->addWidget(m_runsFolder, 1);
    folderRow->addWidget(browse);
    runsForm->addRow(tr("Runs &folder:"), folderRow);
    m_runsKept = new QSpinBox(runs);
    m_runsKept->setObjectName(u"prefRunsKept"_s);
    m_runsKept->setRange(1, Preferences::kMaxRunsKept);
    m_runsKept->setValue(prefs.runsKept);
    m_runsKept->setToolTip(tr("Each start and reset makes a run folder; the oldest beyond this "
                              "many are removed. Runs you save elsewhere are never touched."));
    runsForm->addRow(tr("Runs &kept:"), m_runsKept);
    tabs->addTab(runs, tr("&Runs"));

    auto *look = new QWidget(tabs);
    auto *lookForm = new QFormLayout(look);
    m_language = new QComboBox(look);
    m_language->setObjectName(u"prefLanguage"_s);
    m_language->addItem(tr("The system's"), QString());
    for (const QString &code : Preferences::languages())
        m_language->addItem(Preferences::languageName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(prefs.language)));
    lookForm->addRow(tr("Lan&guage:"), m_language);
    lookForm->addRow(new QLabel(tr("The language applies from the next start."), look));
    tabs->addTab(look, tr("L&anguage"));

    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                const Preferences d;
                m_speed->setValue(d.speed);
                m_loadSessions->setValue(d.loadSessions);
                m_loadConcurrency->setValue(d.loadConcurrency);
                m_mallory->setValue(d.malloryRate);
                m_deadlock->setCurrentIndex(0);
                m_leaseTtl->setValue(d.leaseTtlMs);
                m_runsFolder->setText(Preferences::defaultRunsFolder());
                m_runsKept->setValue(d.runsKept);
                m_language->setCurrentIndex(0);
            });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
}

Preferences PreferencesDialog::value() const
{
    Preferences p;
    p.speed = m_speed->value();
    p.loadSessions = m_loadSessions->value();
    p.loadConcurrency = m_loadConcurrency->value();
    p.malloryRate = m_mallory->value();
    p.deadlockTimeout = m_deadlock->currentData().toString() == u"timeout"_s;
    p.leaseTtlMs = m_leaseTtl->value();
    const QString folder = QDir::cleanPath(m_runsFolder->text().trimmed());
    p.runsFolder = folder == QDir::cleanPath(Preferences::defaultRunsFolder()) || folder == u"."_s
                       ? QString()
                       : folder;
    p.runsKept = m_runsKept->value();
    p.language = m_language->currentData().toString();
    return p;
}

} // namespace edgecore
