#include "cli.h"

#include "lab/scenario.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {
CliOptions exitWith(int code, const QString &message)
{
    CliOptions o;
    o.action = CliOptions::Action::Exit;
    o.exitCode = code;
    o.message = message.endsWith(u'\n') ? message : message + u'\n';
    return o;
}

// A number option with a fraction: finite and from lo to hi. QString::toDouble() takes "nan"
// and "inf", and NaN fails every comparison, so a check of v < lo || v > hi lets NaN through
// (and the lab clock then never reaches a timer); this check asks for v inside instead.
std::optional<double> numberIn(const QString &text, double lo, double hi)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || !(v >= lo && v <= hi))
        return std::nullopt;
    return v;
}
} // namespace

CliOptions parseCli(const QStringList &arguments, bool hasDisplay)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"EdgeCore Lab: a desktop lab for distributed protocols. Without options it opens the "
        "lab window with the whole cast running; with --headless it runs a scenario through the "
        "real cluster and prints its summary."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help and exit."_s);
    const QCommandLineOption version({u"v"_s, u"version"_s}, u"Show the version and exit."_s);
    const QCommandLineOption headless(u"headless"_s, u"Run a scenario without the window."_s);
    const QCommandLineOption scenario(
        u"scenario"_s,
        u"Scenario to run (headless, or live in the window; default: demo). Known: "_s +
            Scenario::builtinNames().join(u", "_s) + u'.',
        u"name"_s, u"demo"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed for every random choice (default: 1)."_s,
                                  u"n"_s);
    const QCommandLineOption outDir(u"out"_s,
                                    u"Write summary.json, trace.json and the services' "
                                    "SQLite files to this folder."_s,
                                    u"dir"_s);
    const QCommandLineOption force(u"force"_s,
                                   u"Replace an earlier run in the --out folder (without it, "
                                   "such a folder is refused)."_s);
    const QCommandLineOption sessions(u"sessions"_s,
                                      u"Number of session set-ups (overrides the scenario); "
                                      "in the window, a load test started on opening."_s,
                                      u"n"_s);
    const QCommandLineOption protocol(
        u"protocol"_s, u"Commit protocol for every session: 2PC or 3PC."_s, u"2pc|3pc"_s);
    const QCommandLineOption simOption(
        u"sim"_s, u"Run in the simulator (one thread, virtual clock, deterministic "
                  "from the seed) instead of on threads: the headless scenario, or the "
                  "window's lab (Lab > Engine, for this run only)."_s);
    const QCommandLineOption speed(
        u"speed"_s, u"Lab clock speed, 0.1 (slow motion) to 10 (default 1)."_s, u"factor"_s);
    const QCommandLineOption verifyLedger(
        u"verify-ledger"_s,
        u"Check the audit ledgers of a run's folder (its --out DIR) and "
        "name the first broken entry."_s,
        u"dir"_s);
    const QCommandLineOption faults(
        u"faults"_s,
        u"Replay a fault plan (JSON: timed link, partition, crash, pause, slow and "
        "participant faults) during the scenario."_s,
        u"file"_s);
    const QCommandLineOption deadlock(
        u"deadlock"_s,
        u"How the lock manager breaks deadlocks: detect (abort the youngest transaction in a "
        "wait-for cycle as soon as the cycle closes; the default) or timeout (abort whoever "
        "has waited for a lock longer than 1 s)."_s,
        u"detect|timeout"_s);
    const QCommandLineOption deadLetters(
        u"dead-letters"_s,
        u"List the dead-letter queues (decisions no participant acknowledged after every "
        "retry) kept in a run's folder (its --out DIR)."_s,
        u"dir"_s);
    const QCommandLineOption list(u"list-scenarios"_s, u"List the built-in scenarios and exit."_s);
    QCommandLineOption screenshot(u"screenshot"_s, u"Save a PNG of the window before quitting."_s,
                                  u"file"_s);
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption quitAfter(u"quit-after"_s, u"Close the window after this many ms."_s,
                                 u"ms"_s);
    quitAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    p.addPositionalArgument(u"run-folder"_s,
                            u"A saved run to open in the window (its folder, as File > Save Run "
                            "As or --headless --out wrote it)."_s,
                            u"[RUN_DIR]"_s);
    p.addOptions({help, version, headless, scenario, seed, outDir, force, sessions, protocol,
                  simOption, speed, faults, deadlock, verifyLedger, deadLetters, list, screenshot,
                  quitAfter});

    if (!p.parse(arguments))
        return exitWith(2, u"edgecore-lab: "_s + p.errorText() + u"\nTry 'edgecore-lab --help'."_s);
    if (p.isSet(help)) {
        // Qt names the program after the application object, which may not exist yet.
        QString text = p.helpText();
        text.replace(0, text.indexOf(u'\n'), u"Usage: edgecore-lab [options] [RUN_DIR]"_s);
        return exitWith(0, text);
    }
    if (p.isSet(version))
        return exitWith(0, u"edgecore-lab "_s + QStringLiteral(EDGECORE_VERSION));
    if (p.isSet(list)) {
        QString text;
        for (const QString &name : Scenario::builtinNames())
            text += name.leftJustified(18, u' ') + Scenario::builtin(name)->description + u'\n';
        return exitWith(0, text);
    }
    if (p.isSet(verifyLedger)) {
        CliOptions o;
        o.action = CliOptions::Action::VerifyLedger;
        o.ledgerDir = p.value(verifyLedger);
        return o;
    }
    if (p.isSet(deadLetters)) {
        CliOptions o;
        o.action = CliOptions::Action::DeadLetters;
        o.ledgerDir = p.value(deadLetters);
        return o;
    }
    // One positional argument: a run folder for the window to open.
    const QStringList positional = p.positionalArguments();
    QString runDir;
    if (positional.size() == 1 && QFileInfo(positional.first()).isDir()) {
        runDir = positional.first();
    } else if (!positional.isEmpty()) {
        const QString first = positional.size() == 1 ? positional.first() : positional.at(1);
        return exitWith(2, u"edgecore-lab: unexpected argument '"_s + first +
                               (QFileInfo::exists(first) ? u"' (not a run folder)"_s : u"'"_s) +
                               u"\nTry 'edgecore-lab --help'."_s);
    }

    CliOptions o;
    o.runDir = runDir;
    if (p.isSet(seed)) {
        bool ok = false;
        o.headless.seed = p.value(seed).toULongLong(&ok);
        if (!ok || o.headless.seed == 0)
            return exitWith(2, u"edgecore-lab: --seed takes a whole number from 1 up, not '"_s +
                                   p.value(seed) + u"'"_s);
    } else {
        o.headless.seed = 0; // GUI: the remembered seed; headless: 1 (below)
    }
    if (p.isSet(sessions)) {
        bool ok = false;
        o.headless.sessions = p.value(sessions).toInt(&ok);
        if (!ok || o.headless.sessions < 0 || o.headless.sessions > 10'000'000)
            return exitWith(
                2, u"edgecore-lab: --sessions takes a whole number from 0 to 10000000, not '"_s +
                       p.value(sessions) + u"'"_s);
    }
    if (p.isSet(quitAfter)) {
        bool ok = false;
        o.quitAfterMs = p.value(quitAfter).toInt(&ok);
        if (!ok || o.quitAfterMs < 0)
            return exitWith(2, u"edgecore-lab: --quit-after takes milliseconds, not '"_s +
                                   p.value(quitAfter) + u"'"_s);
    }
    if (p.isSet(protocol)) {
        const auto proto = parseProtocol(p.value(protocol));
        if (!proto)
            return exitWith(2, u"edgecore-lab: --protocol takes 2pc or 3pc, not '"_s +
                                   p.value(protocol) + u"'"_s);
        o.headless.protocol = toString(*proto);
    }
    o.headless.sim = p.isSet(simOption);
    if (p.isSet(speed)) {
        const std::optional<double> factor = numberIn(p.value(speed), 0.1, 10);
        if (!factor)
            return exitWith(2, u"edgecore-lab: --speed takes a factor from 0.1 to 10, not '"_s +
                                   p.value(speed) + u"'"_s);
        o.headless.speed = *factor;
        o.speedGiven = true;
    }
    o.screenshotPath = p.value(screenshot);
    o.headless.scenario = p.value(scenario);
    o.headless.outDir = p.value(outDir);
    o.headless.force = p.isSet(force);
    if (o.headless.force && !p.isSet(outDir))
        return exitWith(2, u"edgecore-lab: --force goes with --out"_s);
    o.headless.faultsFile = p.value(faults);
    if (p.isSet(deadlock)) {
        const QString how = p.value(deadlock).toLower();
        if (how != u"detect"_s && how != u"timeout"_s)
            return exitWith(2, u"edgecore-lab: --deadlock takes detect or timeout, not '"_s +
                                   p.value(deadlock) + u"'"_s);
        o.headless.deadlockTimeout = how == u"timeout"_s;
    }
    // The window runs a scenario (and a fault plan) live; the rest is the headless runner's.
    o.scenarioGiven = p.isSet(scenario) || p.isSet(faults);
    const bool wantsHeadless = p.isSet(headless) || p.isSet(outDir) || p.isSet(deadlock);
    if (!runDir.isEmpty() &&
        (p.isSet(headless) || wantsHeadless || o.scenarioGiven || p.isSet(simOption)))
        return exitWith(2, u"edgecore-lab: a run folder opens in the window, not with --headless, "
                           "--sim or a scenario"_s);
    if (wantsHeadless && !p.isSet(headless))
        return exitWith(2, u"edgecore-lab: --out and --deadlock go with --headless (the window "
                           "runs --scenario, --faults and --sim live)"_s);
    if (p.isSet(headless)) {
        o.action = CliOptions::Action::Headless;
    } else if (!hasDisplay) {
        o.action = CliOptions::Action::Headless;
        o.message = u"edgecore-lab: no display; running the demo scenario headless\n"_s;
    }
    if (o.action == CliOptions::Action::Headless && o.headless.seed == 0)
        o.headless.seed = 1;
    return o;
}

CliOptions parseCli(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    return parseCli(args, hasDisplay);
}

} // namespace edgecore
