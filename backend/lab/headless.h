#pragma once
// The headless scenario runner behind `edgecore-lab --headless`.

#include <QString>

class QTextStream;

namespace edgecore {

struct HeadlessOptions
{
    QString scenario = QStringLiteral("demo");
    quint64 seed = 1;
    QString outDir;     // empty: nothing written
    int sessions = -1;  // override the scenario's count
    QString protocol;   // override the scenario's protocol (2PC or 3PC)
    bool sim = false;   // run in the simulator instead of on threads
    double speed = 1.0; // lab clock speed on threads
    QString faultsFile; // a fault plan (JSON) replayed during the run
    // The lock manager breaks deadlocks by timeout (a wait past 1 s) instead of detection.
    bool deadlockTimeout = false;
    // outDir may hold an earlier run: replace it (without, such a folder is refused).
    bool force = false;
};

// Exit codes of the runner.
enum ExitCode : int { ExitOk = 0, ExitRunFailed = 1, ExitUsage = 2 };

// Runs the scenario to completion on the real cluster (needs a QCoreApplication). Prints the
// summary to out and one-line reasons to err.
int runHeadless(const HeadlessOptions &options, QTextStream &out, QTextStream &err);

} // namespace edgecore
