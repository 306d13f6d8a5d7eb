// Protocol cores with no I/O: the 2PC coordinator's transitions as scripts with their
// transcripts, and the edge's request validation.

#include "protocol/coordinator.h"
#include "protocol/participanttx.h"
#include "services/requestvalidation.h"
#include "services/resourcemanager.h"

#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {

QString describe(const CoordinatorActions &actions)
{
    QStringList out;
    for (const CoordinatorAction &a : actions) {
        switch (a.kind) {
        case CoordinatorAction::Kind::LogIntent:
            out << u"log-intent"_s;
            break;
        case CoordinatorAction::Kind::SendPrepare:
            out << u"prepare>"_s + QString::number(a.to);
            break;
        case CoordinatorAction::Kind::LogPreCommit:
            out << u"log-precommit"_s;
            break;
        case CoordinatorAction::Kind::SendPreCommit:
            out << u"precommit>"_s + QString::number(a.to);
            break;
        case CoordinatorAction::Kind::LogDecision:
            out << (a.commit ? u"log-commit"_s : u"log-abort"_s);
            break;
        case CoordinatorAction::Kind::SendDecision:
            out << (a.commit ? u"commit>"_s : u"abort>"_s) + QString::number(a.to);
            break;
        case CoordinatorAction::Kind::Decided:
            out << (a.commit ? u"decided-commit"_s : u"decided-abort"_s);
            break;
        case CoordinatorAction::Kind::Finished:
            out << u"finished"_s;
            break;
        case CoordinatorAction::Kind::QueryState:
            out << u"query>"_s + QString::number(a.to);
            break;
        }
    }
    return out.join(u' ');
}

// Runs a script of inputs ("start", "yes 3", "no 4", "timeout", "pack 3" for a pre-commit ack,
// "ack 3") against a coordinator with participants 3 and 4: one transcript line per input.
QString run(const QString &script, Coordinator &c)
{
    QStringList lines;
    for (const QString &step : script.split(u';', Qt::SkipEmptyParts)) {
        const QStringList w = step.trimmed().split(u' ');
        CoordinatorActions a;
        if (w[0] == u"start"_s)
            a = c.start();
        else if (w[0] == u"yes"_s || w[0] == u"no"_s)
            a = c.onVote(static_cast<NodeId>(w[1].toUInt()), w[0] == u"yes"_s);
        else if (w[0] == u"timeout"_s)
            a = c.onTimeout();
        else if (w[0] == u"ack"_s)
            a = c.onAck(static_cast<NodeId>(w[1].toUInt()));
        else if (w[0] == u"pack"_s)
            a = c.onPreCommitAck(static_cast<NodeId>(w[1].toUInt()));
        lines << step.trimmed() + u": "_s + describe(a);
    }
    return lines.join(u" | "_s);
}

QString describe(const ParticipantActions &actions)
{
    using K = ParticipantAction::Kind;
    QStringList out;
    for (const ParticipantAction &a : actions) {
        switch (a.kind) {
        case K::LogPrepared:
            out << u"log-prepared"_s;
            break;
        case K::VoteYes:
            out << u"yes>"_s + QString::number(a.to);
            break;
        case K::VoteNo:
            out << u"no>"_s + QString::number(a.to);
            break;
        case K::LogPreCommitted:
            out << u"log-precommitted"_s;
            break;
        case K::AckPreCommit:
            out << u"pack>"_s + QString::number(a.to);
            break;
        case K::LogOutcome:
            out << (a.commit ? u"log-commit"_s : u"log-abort"_s);
            break;
        case K::Finalize:
            out << u"finalize"_s;
            break;
        case K::Release:
            out << u"release"_s;
            break;
        case K::AckDecision:
            out << u"ack>"_s + QString::number(a.to);
            break;
        case K::AskOutcome:
            out << u"ask>"_s + QString::number(a.to);
            break;
        case K::RequestStates:
            out << u"state?>"_s + QString::number(a.to);
            break;
        case K::ReportState:
            out << u"state>"_s + QString::number(a.to) + u'=' + toString(a.state) +
                       (a.recovering ? u"(blocked)"_s : QString());
            break;
        case K::Decided:
            out << (a.commit ? u"decided-commit"_s : u"decided-abort"_s);
            break;
        }
    }
    return out.join(u' ');
}

// A participant (self 3) of coordinator 1 with peer 4. Steps: "prepare", "refuse", "precommit",
// "commit", "abort", "timeout", "peer STATE", "asked", "tt" (termination timeout).
QString runParticipant(const QString &script, ParticipantTx &p)
{
    QStringList lines;
    for (const QString &step : script.split(u';', Qt::SkipEmptyParts)) {
        const QStringList w = step.trimmed().split(u' ');
        ParticipantActions a;
        if (w[0] == u"prepare"_s)
            a = p.onPrepare(true);
        else if (w[0] == u"refuse"_s)
            a = p.onPrepare(false, u"full"_s);
        else if (w[0] == u"precommit"_s)
            a = p.onPreCommit();
        else if (w[0] == u"commit"_s || w[0] == u"abort"_s)
            a = p.onDecision(w[0] == u"commit"_s);
        else if (w[0] == u"timeout"_s)
            a = p.onTimeout();
        else if (w[0] == u"tt"_s)
            a = p.onTerminationTimeout();
        else if (w[0] == u"asked"_s)
            a = p.onStateRequest(4);
        else if (w[0] == u"peer"_s) {
            const QString st = w[1];
            ParticipantState ps = ParticipantState::Init;
            for (auto c : {ParticipantState::Prepared, ParticipantState::PreCommitted,
                           ParticipantState::Committed, ParticipantState::Aborted})
                if (toString(c) == st)
                    ps = c;
            a = p.onPeerState(4, ps);
        }
        lines << step.trimmed() + u": "_s + describe(a);
    }
    return lines.join(u" | "_s);
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coordinator_data();
    void coordinator();
    void recovery_data();
    void recovery();
    void participant_data();
    void participant();
    void validation_data();
    void validation();
    void cellsAreStable();
};

void TestProtocol::coordinator_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("transcript");
    QTest::addColumn<QString>("phase");

    QTest::newRow("2PC: all yes commits")
        << u"2PC"_s << u"start; yes 3; yes 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC: a no aborts at once")
        << u"2PC"_s << u"start; no 4; yes 3"_s
        << u"start: log-intent prepare>3 prepare>4 | no 4: log-abort abort>3 abort>4 decided-abort | yes 3: "_s
        << u"ABORTED"_s;
    QTest::newRow("2PC: timeout aborts")
        << u"2PC"_s << u"start; yes 3; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | timeout: log-abort abort>3 abort>4 decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("2PC: timeout after decision changes nothing")
        << u"2PC"_s << u"start; yes 3; yes 4; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit | timeout: "_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC: duplicate vote ignored")
        << u"2PC"_s << u"start; yes 3; yes 3"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 3: "_s << u"PREPARING"_s;
    QTest::newRow("2PC: stranger's vote ignored")
        << u"2PC"_s << u"start; yes 9; no 9"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 9:  | no 9: "_s << u"PREPARING"_s;
    QTest::newRow("2PC: acks finish")
        << u"2PC"_s << u"start; yes 3; yes 4; ack 3; ack 3; ack 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-commit commit>3 commit>4 decided-commit | ack 3:  | ack 3:  | ack 4: finished"_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC: ack before decision ignored")
        << u"2PC"_s << u"start; ack 3"_s << u"start: log-intent prepare>3 prepare>4 | ack 3: "_s
        << u"PREPARING"_s;
    QTest::newRow("3PC: all yes, pre-commit acks, commit")
        << u"3PC"_s << u"start; yes 3; yes 4; pack 3; pack 4; ack 3; ack 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-precommit precommit>3 precommit>4 | pack 3:  | pack 4: log-commit commit>3 commit>4 decided-commit | ack 3:  | ack 4: finished"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC: a no aborts before pre-commit")
        << u"3PC"_s << u"start; yes 3; no 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | no 4: log-abort abort>3 abort>4 decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: vote timeout aborts")
        << u"3PC"_s << u"start; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | timeout: log-abort abort>3 abort>4 decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: pre-commit ack timeout commits")
        << u"3PC"_s << u"start; yes 3; yes 4; pack 3; timeout"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-precommit precommit>3 precommit>4 | pack 3:  | timeout: log-commit commit>3 commit>4 decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC: votes after pre-commit ignored")
        << u"3PC"_s << u"start; yes 3; yes 4; no 4"_s
        << u"start: log-intent prepare>3 prepare>4 | yes 3:  | yes 4: log-precommit precommit>3 precommit>4 | no 4: "_s
        << u"PRECOMMITTING"_s;
    QTest::newRow("2PC: pre-commit ack is not part of 2PC")
        << u"2PC"_s << u"start; pack 3"_s << u"start: log-intent prepare>3 prepare>4 | pack 3: "_s
        << u"PREPARING"_s;
    // Ordered (lock-order) prepare: one participant at a time, the next after a YES.
    QTest::newRow("2PC ordered: the next PREPARE after a YES")
        << u"2PC ordered"_s << u"start; yes 3; yes 4"_s
        << u"start: log-intent prepare>3 | yes 3: prepare>4 | yes 4: log-commit commit>3 commit>4 decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC ordered: a NO from the first aborts, the second never prepared")
        << u"2PC ordered"_s << u"start; no 3"_s
        << u"start: log-intent prepare>3 | no 3: log-abort abort>3 abort>4 decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC ordered: pre-commit once both voted")
        << u"3PC ordered"_s << u"start; yes 3; yes 4"_s
        << u"start: log-intent prepare>3 | yes 3: prepare>4 | yes 4: log-precommit precommit>3 precommit>4"_s
        << u"PRECOMMITTING"_s;
}

void TestProtocol::coordinator()
{
    QFETCH(QString, protocol);
    QFETCH(QString, script);
    QFETCH(QString, transcript);
    QFETCH(QString, phase);
    const bool ordered = protocol.endsWith(u" ordered"_s);
    Coordinator c(1, *parseProtocol(protocol.section(u' ', 0, 0)), {3, 4}, ordered);
    QCOMPARE(run(script, c), transcript);
    QCOMPARE(Coordinator::toString(c.phase()), phase);
}

void TestProtocol::recovery_data()
{
    // What a restarted coordinator does with what its log holds, then with the answers it gets.
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("preCommit");
    QTest::addColumn<int>("decision");    // -1 none, 0 abort, 1 commit
    QTest::addColumn<QString>("answers"); // "3=PRECOMMITTED 4=PREPARED"
    QTest::addColumn<QString>("transcript");
    QTest::newRow("2PC intent only: presumed abort")
        << u"2PC"_s << false << -1 << QString() << u"log-abort abort>3 abort>4 decided-abort"_s;
    QTest::newRow("logged commit is resent")
        << u"2PC"_s << false << 1 << QString() << u"commit>3 commit>4"_s;
    QTest::newRow("3PC without pre-commit: presumed abort")
        << u"3PC"_s << false << -1 << QString() << u"log-abort abort>3 abort>4 decided-abort"_s;
    QTest::newRow("3PC pre-committed: adopt a participant's commit")
        << u"3PC"_s << true << -1 << u"3=PREPARED 4=COMMITTED"_s
        << u"query>3 query>4 | 3:  | 4: log-commit commit>3 commit>4 decided-commit"_s;
    QTest::newRow("3PC pre-committed: adopt a participant's abort")
        << u"3PC"_s << true << -1 << u"3=ABORTED 4=PRECOMMITTED"_s
        << u"query>3 query>4 | 3: log-abort abort>3 abort>4 decided-abort | 4: "_s;
    QTest::newRow("3PC pre-committed: undecided participants still up -> wait for them")
        << u"3PC"_s << true << -1 << u"3=PRECOMMITTED 4=PREPARED"_s
        << u"query>3 query>4 | 3:  | 4: "_s;
    QTest::newRow("3PC pre-committed: all blocked, one pre-committed -> commit")
        << u"3PC"_s << true << -1 << u"3=PRECOMMITTED=blocked 4=PREPARED=blocked"_s
        << u"query>3 query>4 | 3:  | 4: log-commit commit>3 commit>4 decided-commit"_s;
    QTest::newRow("3PC pre-committed: all blocked, only prepared -> abort")
        << u"3PC"_s << true << -1 << u"3=PREPARED=blocked 4=PREPARED=blocked"_s
        << u"query>3 query>4 | 3:  | 4: log-abort abort>3 abort>4 decided-abort"_s;
}

void TestProtocol::recovery()
{
    QFETCH(QString, protocol);
    QFETCH(bool, preCommit);
    QFETCH(int, decision);
    QFETCH(QString, answers);
    QFETCH(QString, transcript);
    CoordinatorActions first;
    Coordinator c = Coordinator::recover(
        1, *parseProtocol(protocol), {3, 4}, preCommit,
        decision < 0 ? std::nullopt : std::optional<bool>(decision == 1), first);
    QStringList lines{describe(first)};
    for (const QString &a : answers.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList kv = a.split(u'=');
        ParticipantState st = ParticipantState::Init;
        for (auto x : {ParticipantState::Prepared, ParticipantState::PreCommitted,
                       ParticipantState::Committed, ParticipantState::Aborted})
            if (toString(x) == kv[1])
                st = x;
        lines << kv[0] + u": "_s +
                     describe(c.onParticipantState(static_cast<NodeId>(kv[0].toUInt()), st,
                                                   kv.size() > 2));
    }
    QCOMPARE(lines.join(u" | "_s), transcript);
}

void TestProtocol::participant_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("transcript");
    QTest::addColumn<QString>("state");
    QTest::newRow("2PC: prepare, commit")
        << u"2PC"_s << u"prepare; commit; commit"_s
        << u"prepare: log-prepared yes>1 | commit: log-commit finalize decided-commit ack>1 | commit: ack>1"_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC: refuse votes no")
        << u"2PC"_s << u"refuse; abort"_s << u"refuse: no>1 | abort: ack>1"_s << u"ABORTED"_s;
    QTest::newRow("2PC: abort releases")
        << u"2PC"_s << u"prepare; abort"_s
        << u"prepare: log-prepared yes>1 | abort: log-abort release decided-abort ack>1"_s
        << u"ABORTED"_s;
    QTest::newRow("2PC: in doubt asks, stays blocked")
        << u"2PC"_s << u"prepare; timeout; timeout; commit"_s
        << u"prepare: log-prepared yes>1 | timeout: ask>1 | timeout: ask>1 | commit: log-commit finalize decided-commit ack>1"_s
        << u"COMMITTED"_s;
    QTest::newRow("2PC: commit for something never prepared is ignored")
        << u"2PC"_s << u"commit"_s << u"commit: "_s << u"INIT"_s;
    QTest::newRow("2PC: resent prepare gets the same vote")
        << u"2PC"_s << u"prepare; prepare"_s << u"prepare: log-prepared yes>1 | prepare: yes>1"_s
        << u"PREPARED"_s;
    QTest::newRow("3PC: full run")
        << u"3PC"_s << u"prepare; precommit; commit"_s
        << u"prepare: log-prepared yes>1 | precommit: log-precommitted pack>1 | commit: log-commit finalize decided-commit ack>1"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC: termination, peer precommitted -> commit")
        << u"3PC"_s << u"prepare; timeout; peer PRECOMMITTED"_s
        << u"prepare: log-prepared yes>1 | timeout: state?>4 | peer PRECOMMITTED: log-commit finalize decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC: termination, both only prepared -> abort")
        << u"3PC"_s << u"prepare; timeout; peer PREPARED"_s
        << u"prepare: log-prepared yes>1 | timeout: state?>4 | peer PREPARED: log-abort release decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: termination, self precommitted, peer silent -> commit alone")
        << u"3PC"_s << u"prepare; precommit; timeout; tt"_s
        << u"prepare: log-prepared yes>1 | precommit: log-precommitted pack>1 | timeout: state?>4 | tt: log-commit finalize decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC: termination, self prepared, peer silent -> abort alone")
        << u"3PC"_s << u"prepare; timeout; tt"_s
        << u"prepare: log-prepared yes>1 | timeout: state?>4 | tt: log-abort release decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: peer aborted wins over precommitted")
        << u"3PC"_s << u"prepare; precommit; timeout; peer ABORTED"_s
        << u"prepare: log-prepared yes>1 | precommit: log-precommitted pack>1 | timeout: state?>4 | peer ABORTED: log-abort release decided-abort"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: asked before voting -> abort, later prepare votes no")
        << u"3PC"_s << u"asked; prepare"_s << u"asked: log-abort state>4=ABORTED | prepare: no>1"_s
        << u"ABORTED"_s;
    QTest::newRow("3PC: asked while prepared reports it")
        << u"3PC"_s << u"prepare; asked"_s
        << u"prepare: log-prepared yes>1 | asked: state>4=PREPARED"_s << u"PREPARED"_s;
    QTest::newRow("3PC recovered in doubt: peer only prepared -> stay blocked, ask again")
        << u"3PC"_s << u"recovered; timeout; peer PREPARED; tt"_s
        << u"timeout: ask>1 state?>4 | peer PREPARED:  | tt: ask>1 state?>4"_s << u"PREPARED"_s;
    QTest::newRow("3PC recovered in doubt: peer silent -> stay blocked")
        << u"3PC"_s << u"recovered; timeout; tt"_s
        << u"timeout: ask>1 state?>4 | tt: ask>1 state?>4"_s << u"PREPARED"_s;
    QTest::newRow("3PC recovered in doubt: adopt a peer's commit")
        << u"3PC"_s << u"recovered; timeout; peer COMMITTED"_s
        << u"timeout: ask>1 state?>4 | peer COMMITTED: log-commit finalize decided-commit"_s
        << u"COMMITTED"_s;
    QTest::newRow("3PC recovered in doubt: asked, reports itself blocked")
        << u"3PC"_s << u"recovered; asked"_s << u"asked: state>4=PREPARED(blocked)"_s
        << u"PREPARED"_s;
    QTest::newRow("2PC: precommit is not part of 2PC")
        << u"2PC"_s << u"prepare; precommit"_s << u"prepare: log-prepared yes>1 | precommit: "_s
        << u"PREPARED"_s;
}

void TestProtocol::participant()
{
    QFETCH(QString, protocol);
    QFETCH(QString, script);
    QFETCH(QString, transcript);
    QFETCH(QString, state);
    ParticipantTx p = script.startsWith(u"recovered"_s)
                          ? ParticipantTx::recover(9, *parseProtocol(protocol), 1, {4},
                                                   ParticipantState::Prepared)
                          : ParticipantTx(9, *parseProtocol(protocol), 1, {4});
    QCOMPARE(runParticipant(script.startsWith(u"recovered"_s) ? script.mid(script.indexOf(u';') + 1)
                                                              : script,
                            p),
             transcript);
    QCOMPARE(toString(p.state()), state);
}

void TestProtocol::validation_data()
{
    QTest::addColumn<QString>("subscriber");
    QTest::addColumn<QString>("cls");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("normalized"); // empty: refused
    QTest::addColumn<QString>("error");

    QTest::newRow("plain imsi") << u"001010000000001"_s << u"VOICE"_s << u"2PC"_s
                                << u"001010000000001"_s << QString();
    QTest::newRow("prefix and spaces") << u" IMSI-00101 0000 0000 02 "_s << u"data"_s << u""_s
                                       << u"001010000000002"_s << QString();
    QTest::newRow("tel with plus and dashes")
        << u"+49-170-1234567"_s << u"Voice"_s << u"2pc"_s << u"491701234567"_s << QString();
    QTest::newRow("too short") << u"1234"_s << u"VOICE"_s << u"2PC"_s << QString()
                               << u"subscriber id must have 5 to 15 digits"_s;
    QTest::newRow("too long") << u"1234567890123456"_s << u"VOICE"_s << u"2PC"_s << QString()
                              << u"subscriber id must have 5 to 15 digits"_s;
    QTest::newRow("letters") << u"00101abc000"_s << u"VOICE"_s << u"2PC"_s << QString()
                             << u"subscriber id may contain digits only"_s;
    QTest::newRow("bad class") << u"001010000000001"_s << u"VIDEO"_s << u"2PC"_s << QString()
                               << u"traffic class must be VOICE or DATA"_s;
    QTest::newRow("bad protocol") << u"001010000000001"_s << u"DATA"_s << u"paxos"_s << QString()
                                  << u"protocol must be 2PC or 3PC"_s;
}

void TestProtocol::validation()
{
    QFETCH(QString, subscriber);
    QFETCH(QString, cls);
    QFETCH(QString, protocol);
    QFETCH(QString, normalized);
    QFETCH(QString, error);
    const ValidationResult r = validateRequest(subscriber, cls, protocol);
    if (normalized.isEmpty()) {
        QVERIFY(!r.request);
        QCOMPARE(r.error, error);
    } else {
        QVERIFY2(r.request, qPrintable(r.error));
        QCOMPARE(r.request->subscriber, normalized);
    }
}

void TestProtocol::cellsAreStable()
{
    // The same subscriber always lands in the same cell, and subscribers spread over cells.
    QCOMPARE(ResourceManager::cellFor(u"001010000000001"_s, 4),
             ResourceManager::cellFor(u"001010000000001"_s, 4));
    QSet<int> cells;
    for (int i = 0; i < 64; ++i)
        cells.insert(ResourceManager::cellFor(u"00101000000"_s + QString::number(1000 + i), 4));
    QCOMPARE(cells.size(), 4);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
