#pragma once
// Command-line parsing for edgecore-lab, kept apart from main() so it can be tested.

#include "lab/headless.h"

#include <QString>
#include <QStringList>

namespace edgecore {

struct CliOptions
{
    enum class Action { Gui, Headless, VerifyLedger, DeadLetters, Exit };
    Action action = Action::Gui;
    int exitCode = 0;
    QString message; // what to print before exiting (help, version, or the error)
    HeadlessOptions headless;
    // Window smoke runs: save a screenshot of the window and quit after this many ms.
    QString ledgerDir; // VerifyLedger, DeadLetters: the run's folder
    QString screenshotPath;
    int quitAfterMs = -1;
    bool speedGiven = false;    // --speed was given (the window then starts at it)
    QString runDir;             // Gui: a saved run to open (the one positional argument)
    bool scenarioGiven = false; // Gui: --scenario or --faults, run live in the window
};

// hasDisplay: whether a GUI could open; without one the demo runs headless instead.
CliOptions parseCli(const QStringList &arguments, bool hasDisplay);
CliOptions parseCli(int argc, char **argv);

} // namespace edgecore
