// edgecore-lab: the desktop lab by default; --headless runs a scenario and prints its summary.

#include "cli.h"
#include "lab/deadletters.h"
#include "lab/headless.h"
#include "mainwindow.h"
#include "preferences.h"
#include "storage/ledger.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const edgecore::CliOptions opts = edgecore::parseCli(argc, argv);
    if (opts.action == edgecore::CliOptions::Action::Exit) {
        (opts.exitCode == 0 ? out : err) << opts.message;
        return opts.exitCode;
    }
    QCoreApplication::setOrganizationName(u"EdgeCore"_s);
    QCoreApplication::setApplicationName(u"edgecore-lab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(EDGECORE_VERSION));

    if (opts.action == edgecore::CliOptions::Action::VerifyLedger) {
        QCoreApplication app(argc, argv);
        return edgecore::verifyLedgers(opts.ledgerDir, out, err);
    }
    if (opts.action == edgecore::CliOptions::Action::DeadLetters) {
        QCoreApplication app(argc, argv);
        return edgecore::listDeadLetters(opts.ledgerDir, out, err);
    }
    if (opts.action == edgecore::CliOptions::Action::Headless) {
        QCoreApplication app(argc, argv);
        if (!opts.message.isEmpty())
            err << opts.message;
        err.flush();
        return edgecore::runHeadless(opts.headless, out, err);
    }
    QApplication app(argc, argv);
    // The language of the preferences (or the system's), for the window's strings, Qt's own
    // (dialog buttons, context menus) and every number the window shows.
    edgecore::Preferences::installTranslations(edgecore::Preferences::load().language);
    QApplication::setApplicationDisplayName(u"EdgeCore Lab"_s);
    QApplication::setDesktopFileName(u"edgecore-lab"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/edgecore-lab.svg"_s));
    edgecore::MainWindow window(opts.headless.seed == 0 ? 0 : opts.headless.seed);
    // The options the window takes are honoured (the others are refused by the parser).
    if (!opts.headless.protocol.isEmpty())
        window.setProtocol(opts.headless.protocol);
    if (opts.speedGiven)
        window.setSpeed(opts.headless.speed);
    if (opts.headless.sim)
        window.setEngineKind(edgecore::LabEngine::Kind::Simulator, false);
    window.show();
    if (!opts.runDir.isEmpty()) {
        QString error;
        if (!window.openRun(opts.runDir, &error)) {
            err << "edgecore-lab: " << error << '\n';
            err.flush();
            QMessageBox::warning(
                &window, QCoreApplication::translate("edgecore::MainWindow", "Open Run"), error);
        }
    }
    if (opts.scenarioGiven) {
        QString error;
        if (!window.runScenario(opts.headless.scenario, opts.headless.protocol,
                                opts.headless.faultsFile, &error)) {
            err << "edgecore-lab: " << error << '\n';
            err.flush();
            QMessageBox::warning(
                &window, QCoreApplication::translate("edgecore::MainWindow", "Run Scenario"),
                error);
        }
    } else if (opts.headless.sessions > 0) {
        window.startLoad(opts.headless.sessions);
    }
    if (opts.quitAfterMs >= 0) {
        QTimer::singleShot(opts.quitAfterMs, &window, [&window, path = opts.screenshotPath] {
            if (!path.isEmpty() && !window.grab().save(path, "PNG"))
                QTextStream(stderr) << "edgecore-lab: cannot save screenshot " << path << '\n';
            window.close();
        });
    }
    return QApplication::exec();
}
