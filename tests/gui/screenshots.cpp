// edgecore-screenshots OUTDIR: the README's pictures of the real window, taken on a real X
// server (Xvfb; screenshots_xvfb.sh runs it there). Each picture is a simulator run of a
// built-in scenario (deterministic: a function of its seed), opened in the window as a saved
// run, brought into view through the window's own controls, one message selected so that the
// Message pane shows it, and saved as a PNG of the whole window at 1600x1000:
//
//   2pc-commit.png             demo (2PC): one committed set-up, narrowed to by the filter
//                              bar's transaction box; its COMMIT selected
//   3pc-coordinator-crash.png  coordinator-crash in 3PC, by event order: sm-1 crashes after
//                              PRECOMMIT (a PRECOMMIT_ACK lost with it selected), rm and
//                              billing terminate without it, sm-1 comes back and finishes
//   deadlock.png               deadlock, by event order: the crossed PREPAREs, both
//                              LOCK_WAITs, the lock manager's DEADLOCK_VICTIM (selected)
//   mallory-refusals.png       demo: mallory's forgeries refused (bad-signature) among the
//                              real traffic, one selected
//
// Each picture is checked once saved (read back: its size, more than 50 colours; on screen:
// arrows on the diagram, the Message pane filled); a failure is one line on stderr and exit 1.
// Settings and run folders go to a scratch XDG_CONFIG_HOME / XDG_DATA_HOME, so the user's own
// never show in the pictures, and nothing of the pictures' is left in the user's.

#include "eventlogmodel.h"
#include "lab/headless.h"
#include "mainwindow.h"
#include "preferences.h"
#include "sequence/sequenceview.h"
#include "sessionsmodel.h"
#include "timeline/messageflow.h"
#include "timeline/sessionfold.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <optional>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kWidth = 1600;
constexpr int kHeight = 1000;

// What a picture shows, once framed: the message to select, and the instant the time cursor
// marks (the sessions table and the event log as of then).
struct Framed
{
    int message = -1;
    qsizetype event = -1; // -1: the selected message's end
    bool cursor = true;   // false: the cursor stays live; the event log is scrolled there only
};

// One picture: its run, and what brings its subject into view once the run is open (or says
// why it cannot).
struct Shot
{
    QString file;
    QString scenario;
    QString protocol;
    quint64 seed = 1;
    std::function<std::optional<Framed>(MainWindow &, QString *)> frame;
};

FlowMessage message(const MainWindow &w, int id)
{
    return w.messageFlow().message(id);
}

bool is(const FlowMessage &m, MsgType type)
{
    return m.type == static_cast<quint16>(type);
}

// The first message matching pred, in the fold's order; -1 if none.
int find(const MainWindow &w, const std::function<bool(const FlowMessage &)> &pred)
{
    const std::vector<FlowMessage> &all = w.messageFlow().allMessages();
    for (size_t i = 0; i < all.size(); ++i)
        if (pred(all[i]))
            return static_cast<int>(i);
    return -1;
}

// Shows [fromUs, toUs] of lab time from the plot's top to its bottom.
void showLabTime(MainWindow &w, qint64 fromUs, qint64 toUs)
{
    SequenceView *view = w.sequenceView();
    view->setFollowing(false);
    view->layout().fit(fromUs, toUs);
    view->update();
}

// Shows trace events [from, to] from the plot's top to its bottom on the event-order axis
// (View > Event Order Down the Side: every event its own row, so a run that waits seconds for
// a timeout or a slow lock shows no empty stretch).
void showEvents(MainWindow &w, qsizetype from, qsizetype to)
{
    SequenceView *view = w.sequenceView();
    if (auto *order = w.findChild<QAction *>(u"actionEventOrder"_s); order && !order->isChecked())
        order->trigger();
    view->setAxis(SequenceLayout::Axis::EventOrder); // done already, through the menu's action
    view->setFollowing(false);
    view->layout().fit(std::max<qsizetype>(from, 0), to);
    view->update();
}

// A committed 2PC set-up in the demo (the 20th session's, or the next one whose messages are
// all the plain protocol's): the filter bar's transaction box narrows the diagram to it, shown
// from its first message to its last; its COMMIT to rm selected.
std::optional<Framed> twoPhaseCommit(MainWindow &w, QString *why)
{
    const MessageFlow &flow = w.messageFlow();
    const std::vector<SessionRow> &rows = w.sessionsModel()->fold().allRows();
    TxId tx = 0;
    for (size_t r = 19; r < rows.size() && !tx; ++r) {
        if (rows[r].outcome != Outcome::Committed || !rows[r].tx)
            continue;
        const std::vector<int> ids = flow.ofTransaction(rows[r].tx);
        bool clean = !ids.empty();
        bool commit = false;
        for (const int id : ids) {
            const FlowMessage o = message(w, id);
            commit = commit || is(o, MsgType::Commit);
            clean = clean && o.fate == MessageFate::Delivered && o.cls != MessageClass::Forged &&
                    !is(o, MsgType::OutcomeRequest) && !is(o, MsgType::Abort);
        }
        if (clean && commit)
            tx = rows[r].tx;
    }
    if (!tx) {
        *why = u"no committed set-up from the 20th session on"_s;
        return std::nullopt;
    }
    auto *box = w.findChild<QLineEdit *>(u"filterTransaction"_s);
    if (!box) {
        *why = u"no transaction box (filterTransaction) in the filter bar"_s;
        return std::nullopt;
    }
    box->setText(formatId(tx)); // as if typed: the diagram shows this transaction only
    if (w.sequenceView()->filter().onlyTx != tx) {
        *why = u"the transaction box did not narrow the diagram to "_s + formatId(tx);
        return std::nullopt;
    }
    const std::vector<int> ids = flow.ofTransaction(tx);
    qint64 from = message(w, ids.front()).sentUs;
    qint64 to = from;
    int commit = -1;
    for (const int id : ids) {
        const FlowMessage m = message(w, id);
        from = std::min(from, m.sentUs);
        to = std::max(to, m.endUs);
        if (commit < 0 && is(m, MsgType::Commit))
            commit = id;
    }
    const qint64 margin = (to - from) / 12;
    showLabTime(w, from - margin, to + margin);
    return Framed{commit};
}

// The coordinator-crash scenario in 3PC: sm-1 dies as the first PRECOMMIT_ACK reaches it. Its
// transaction from its first message to its last, by event order: the round up to the crash
// (both acknowledgements lost with it), the greyed lifeline while rm and billing run the
// termination protocol and commit without it, sm-2 taking the lease, sm-1 back and finishing
// from its log. The cursor at the crash; a lost PRECOMMIT_ACK selected.
std::optional<Framed> threePhaseCrash(MainWindow &w, QString *why)
{
    const MessageFlow &flow = w.messageFlow();
    if (flow.downs().empty()) {
        *why = u"no host ever crashed in this run"_s;
        return std::nullopt;
    }
    const DownInterval &down = flow.downs().front();
    const int lost = find(w, [&](const FlowMessage &m) {
        return m.to == down.node && m.fate == MessageFate::Lost && m.reason == 4 &&
               is(m, MsgType::PreCommitAck);
    });
    if (lost < 0) {
        *why = u"no PRECOMMIT_ACK was lost with the crashed coordinator"_s;
        return std::nullopt;
    }
    qsizetype from = down.fromEvent;
    qsizetype to = std::max(down.toEvent, down.fromEvent);
    for (const int id : flow.ofTransaction(message(w, lost).tx)) {
        from = std::min(from, message(w, id).firstEvent());
        to = std::max(to, message(w, id).endEvent);
    }
    showEvents(w, from - 4, to + 4);
    return Framed{lost, down.fromEvent};
}

// The deadlock, by event order: each session's first PREPARE (each lock takes a second), the
// second PREPAREs that wait, both LOCK_WAITs to the lock manager (the dsm), its DEADLOCK_VICTIM
// (selected), the victim's NO vote and ABORT, the other's COMMIT.
std::optional<Framed> deadlock(MainWindow &w, QString *why)
{
    const int victim = find(w, [](const FlowMessage &m) { return is(m, MsgType::DeadlockVictim); });
    const int prepare = find(w, [](const FlowMessage &m) { return is(m, MsgType::Prepare); });
    if (victim < 0 || prepare < 0) {
        *why = u"no PREPARE and DEADLOCK_VICTIM in this run"_s;
        return std::nullopt;
    }
    // Up to the surviving transaction's last COMMIT delivered.
    qsizetype to = message(w, victim).endEvent;
    for (const FlowMessage &m : w.messageFlow().allMessages())
        if (is(m, MsgType::Commit) && m.sentUs >= message(w, victim).sentUs)
            to = std::max(to, m.endEvent);
    showEvents(w, message(w, prepare).firstEvent() - 4, to + 4);
    return Framed{victim};
}

// mallory's forgeries, refused by their receivers (bad signatures), among the real traffic:
// 30 ms around a forged PREPARE where about 60 frames were sent (busy, still readable), that
// one selected. The cursor stays live (a forgery is drawn across at the instant it was
// refused, where the cursor's line would hide it); the event log shows its refusal.
std::optional<Framed> malloryRefusals(MainWindow &w, QString *why)
{
    constexpr qint64 kHalf = 15'000;
    constexpr qsizetype kAbout = 60;
    const MessageFlow &flow = w.messageFlow();
    int forged = -1;
    qsizetype best = 0;
    for (size_t i = 0; i < flow.messageCount(); ++i) {
        const FlowMessage m = flow.message(int(i));
        if (m.cls != MessageClass::Forged || m.fate != MessageFate::Refused ||
            !is(m, MsgType::Prepare))
            continue;
        const qsizetype near = flow.sentBetween(m.sentUs - kHalf, m.sentUs + kHalf);
        if (forged < 0 || std::abs(near - kAbout) < std::abs(best - kAbout)) {
            best = near;
            forged = static_cast<int>(i);
        }
    }
    if (forged < 0) {
        *why = u"no forged PREPARE refused in this run"_s;
        return std::nullopt;
    }
    const qint64 at = message(w, forged).sentUs;
    showLabTime(w, at - kHalf, at + kHalf);
    return Framed{forged, -1, false};
}

// The sessions table's row of a session, selected and scrolled to.
void showSession(MainWindow &w, SessionId session)
{
    auto *table = w.findChild<QTableView *>(u"sessionsView"_s);
    if (!table || !session)
        return;
    const std::vector<SessionRow> &rows = w.sessionsModel()->fold().allRows();
    for (size_t r = 0; r < rows.size(); ++r)
        if (rows[r].session == session) {
            table->selectRow(static_cast<int>(r));
            table->scrollTo(w.sessionsModel()->index(static_cast<int>(r), 0),
                            QAbstractItemView::PositionAtCenter);
            return;
        }
}

// The event log's row of a trace event, selected and scrolled to.
void showEvent(MainWindow &w, qsizetype event)
{
    auto *log = w.findChild<QTableView *>(u"eventLogView"_s);
    const int row = w.eventLogModel()->rowOf(event);
    if (!log || row < 0)
        return;
    log->selectRow(row);
    log->scrollTo(w.eventLogModel()->index(row, 0), QAbstractItemView::PositionAtCenter);
}

// How many colours the picture holds (counting stops at limit).
int colours(const QImage &image, int limit)
{
    QSet<QRgb> seen;
    for (int y = 0; y < image.height() && seen.size() < limit; y += 2)
        for (int x = 0; x < image.width() && seen.size() < limit; x += 2)
            seen.insert(image.pixel(x, y));
    return static_cast<int>(seen.size());
}

bool take(const Shot &shot, const QString &runs, const QString &outDir, QTextStream &err)
{
    const auto fail = [&](const QString &why) {
        err << "edgecore-screenshots: " << shot.file << ": " << why << '\n';
        err.flush();
        return false;
    };
    HeadlessOptions o;
    o.scenario = shot.scenario;
    o.seed = shot.seed;
    o.sim = true;
    o.protocol = shot.protocol;
    o.outDir = QDir(runs).filePath(QFileInfo(shot.file).completeBaseName());
    {
        QString summary;
        QString problems;
        QTextStream os(&summary);
        QTextStream es(&problems);
        if (runHeadless(o, os, es) != ExitOk)
            return fail(u"the %1 run failed: %2"_s.arg(shot.scenario, problems.trimmed()));
    }

    QSettings().clear(); // nothing of the picture before (a protocol, filters, recent runs)
    MainWindow w(shot.seed);
    w.setProtocol(shot.protocol); // the toolbar says the run's protocol
    w.resize(kWidth, kHeight);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return fail(u"the window was never shown"_s);
    QString error;
    if (!w.openRun(o.outDir, &error))
        return fail(error);
    QCoreApplication::processEvents(); // every dock and the diagram at their final sizes

    QString why;
    const std::optional<Framed> framed = shot.frame(w, &why);
    if (!framed)
        return fail(why);
    const FlowMessage m = message(w, framed->message);
    SequenceView *view = w.sequenceView();
    view->select(framed->message); // the Message pane shows it; its transaction stands out
    const qsizetype at = framed->event >= 0 ? framed->event
                         : m.endEvent >= 0  ? m.endEvent
                                            : m.firstEvent();
    if (framed->cursor)
        w.setCursorEvent(at); // the sessions table and the event log as of that instant
    showSession(w, m.session);
    showEvent(w, at);

    // Painted on screen with all of that before it is grabbed.
    int paints = 0;
    const auto painted =
        QObject::connect(view, &SequenceView::viewChanged, [&paints] { ++paints; });
    view->update();
    const bool shown = QTest::qWaitFor([&paints] { return paints > 0; }, 5000);
    QObject::disconnect(painted);
    QCoreApplication::processEvents();
    if (!shown)
        return fail(u"the diagram never painted"_s);
    if (view->lastDrawn() < 5)
        return fail(u"only %1 arrows on the diagram"_s.arg(view->lastDrawn()));
    if (w.messageDetail().trimmed().isEmpty())
        return fail(u"the Message pane is empty"_s);

    const QString path = QDir(outDir).filePath(shot.file);
    if (!w.grab().save(path, "PNG"))
        return fail(u"cannot write "_s + path);
    const QImage back(path);
    if (back.isNull())
        return fail(path + u" does not read back as an image"_s);
    if (std::abs(back.width() - kWidth) > 16 || std::abs(back.height() - kHeight) > 16)
        return fail(u"%1 is %2x%3, not about %4x%5"_s.arg(path)
                        .arg(back.width())
                        .arg(back.height())
                        .arg(kWidth)
                        .arg(kHeight));
    if (const int n = colours(back, 51); n <= 50)
        return fail(u"%1 looks blank (%2 colours)"_s.arg(path).arg(n));
    QTextStream(stdout) << "wrote " << path << " (" << back.width() << 'x' << back.height() << ", "
                        << view->lastDrawn() << " arrows, "
                        << toString(static_cast<MsgType>(m.type)) << " selected)\n";
    w.close();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QTextStream err(stderr);
    if (argc != 2 || QByteArray(argv[1]).startsWith('-')) {
        err << "usage: edgecore-screenshots OUTDIR  (on an X display: see screenshots_xvfb.sh)\n";
        return 2;
    }
    // A scratch home for the window's settings, run folders and recent runs, before Qt reads
    // any of them.
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        err << "edgecore-screenshots: cannot make a scratch folder\n";
        return 1;
    }
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = scratch.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        qputenv(name, QFile::encodeName(dir));
    }
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(scratch.path())); // private (0700), as it must be

    QCoreApplication::setOrganizationName(u"EdgeCore"_s);
    QCoreApplication::setApplicationName(u"edgecore-lab"_s);
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"EdgeCore Lab"_s);
    Preferences::installTranslations(u"en"_s); // English, and numbers in its form

    const QString outDir = QString::fromLocal8Bit(argv[1]);
    if (!QDir().mkpath(outDir)) {
        err << "edgecore-screenshots: cannot make " << outDir << '\n';
        return 1;
    }
    const QString runs = scratch.filePath(u"runs"_s);
    const Shot shots[] = {
        {u"2pc-commit.png"_s, u"demo"_s, u"2PC"_s, 1, twoPhaseCommit},
        {u"3pc-coordinator-crash.png"_s, u"coordinator-crash"_s, u"3PC"_s, 1, threePhaseCrash},
        {u"deadlock.png"_s, u"deadlock"_s, u"2PC"_s, 1, deadlock},
        {u"mallory-refusals.png"_s, u"demo"_s, u"2PC"_s, 1, malloryRefusals},
    };
    bool ok = true;
    for (const Shot &shot : shots)
        ok = take(shot, runs, outDir, err) && ok;
    return ok ? 0 : 1;
}
