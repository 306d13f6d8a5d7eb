// Fault plans: every action parses and round-trips through JSON; a broken plan gets one error
// naming its line and what is wrong; the chaos plan is a function of its seed; the injector's
// link rules (specific over wildcard, drop/duplicate/latency draws) and partitions.

#include "faults/faultplan.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace edgecore;
using namespace Qt::Literals::StringLiterals;

namespace {
const QStringList kCast{u"edge"_s,    u"sm-1"_s,      u"sm-2"_s, u"sm-3"_s,   u"rm"_s,
                        u"billing"_s, u"analytics"_s, u"dsm"_s,  u"mallory"_s};
}

class TestFaultPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyActionRoundTrips();
    void brokenPlansNameTheLine_data();
    void brokenPlansNameTheLine();
    void numbersOutOfRangeAreRefused_data();
    void numbersOutOfRangeAreRefused();
    void numbersAtTheirBoundsAreTaken();
    void sizeIsBounded_data();
    void sizeIsBounded();
    void loadReadsNoMoreThanTheBound_data();
    void loadReadsNoMoreThanTheBound();
    void stepCountIsBounded_data();
    void stepCountIsBounded();
    void chaosIsAFunctionOfItsSeed();
    void linkRulesMostSpecificWins();
    void injectorDrawsAsConfigured();
    void partitionsAndNodes();
};

void TestFaultPlan::everyActionRoundTrips()
{
    const QByteArray json = R"({
  "name": "every action",
  "steps": [
    {"at_ms": 500, "do": "link", "from": "sm-1", "to": "rm", "both_ways": true,
     "latency_ms": 40, "jitter_ms": 10, "drop_pct": 20, "duplicate_pct": 5, "reorder_pct": 10},
    {"at_ms": 100, "do": "pause", "service": "rm"},
    {"at_ms": 200, "do": "resume", "service": "rm"},
    {"at_ms": 300, "do": "slow", "service": "billing", "ms": 25},
    {"at_ms": 400, "do": "participant", "service": "billing", "abort_pct": 30,
     "prepare_delay_ms": 700},
    {"at_ms": 600, "do": "isolate", "service": "dsm"},
    {"at_ms": 700, "do": "split", "groups": [["sm-1", "rm"], ["sm-2", "sm-3"]]},
    {"at_ms": 800, "do": "heal"},
    {"at_ms": 900, "do": "crash", "service": "analytics"},
    {"at_ms": 1000, "do": "restart", "service": "analytics"},
    {"at_ms": 1100, "do": "clear-links"},
    {"at_ms": 1200, "do": "clear"}
  ]
})";
    QString error;
    const auto plan = FaultPlan::parse(json, kCast, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->name, u"every action"_s);
    QCOMPARE(plan->steps.size(), size_t(12));
    // Sorted by time; the link step (written first, at 500 ms) is fifth.
    QCOMPARE(plan->steps[0].atMs, 100);
    QCOMPARE(toString(plan->steps[4].action), u"link"_s);
    QCOMPARE(plan->steps[4].line, 4);
    QCOMPARE(plan->steps[4].link.dropPct, 20.0);
    QCOMPARE(plan->steps[4].describe(),
             u"link sm-1 <-> rm: +40 ms ±10 ms, drop 20%, duplicate 5%, reorder 10%"_s);
    QCOMPARE(plan->steps[3].describe(), u"billing: votes NO 30%, prepare delay 700 ms"_s);
    // Written out and read back: the same plan.
    const auto again = FaultPlan::parse(plan->toJson(), kCast, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), plan->toJson());
    for (size_t i = 0; i < plan->steps.size(); ++i)
        QCOMPARE(again->steps[i].describe(), plan->steps[i].describe());
}

void TestFaultPlan::brokenPlansNameTheLine_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("{\n  \"steps\": [\n    {\"at_ms\": 1,,}\n  ]\n}")
                              << u"3: not valid JSON"_s;
    QTest::newRow("no steps") << QByteArray("[]") << u"1: a fault plan is an object"_s;
    QTest::newRow("unknown top field")
        << QByteArray("{\"steps\": [], \"stpes\": []}") << u"unknown field \"stpes\""_s;
    QTest::newRow("unknown service")
        << QByteArray("{\n\"steps\": [\n {\"at_ms\": 1, \"do\": \"pause\", \"service\": \"rm\"},\n"
                      " {\"at_ms\": 2, \"do\": \"crash\", \"service\": \"rn\"}\n]}")
        << u"4: step 2: unknown service \"rn\" (known: edge, sm-1"_s;
    QTest::newRow("unknown action")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"explode\"}]}")
        << u"1: step 1: unknown action \"explode\" (known: link, clear-links"_s;
    QTest::newRow("field of another action")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"pause\", \"service\": \"rm\", "
                      "\"ms\": 5}]}")
        << u"step 1: \"pause\" takes no field \"ms\" (it takes: service)"_s;
    QTest::newRow("percent out of range")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"link\", \"drop_pct\": 120}]}")
        << u"\"drop_pct\" must be a number from 0 to 100"_s;
    QTest::newRow("negative time")
        << QByteArray("{\"steps\": [{\"at_ms\": -5, \"do\": \"heal\"}]}")
        << u"\"at_ms\" must be a whole number of lab milliseconds from 0 to 1000000000000, not -5"_s;
    // Each step's line is found by one pass over the text: a step that is not an object
    // still has its line, and a repeated "steps" counts as the reader does (the last).
    QTest::newRow("a step that is not an object")
        << QByteArray("{\"steps\": [\n {\"at_ms\": 1, \"do\": \"heal\"},\n 5,\n"
                      " {\"at_ms\": 2, \"do\": \"heal\"}\n]}")
        << u"3: step 2: a step is an object"_s;
    QTest::newRow("steps given twice, the last counts")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"heal\"}],\n\"steps\": [\n"
                      " {\"at_ms\": 1, \"do\": \"explode\"}\n]}")
        << u"3: step 1: unknown action \"explode\""_s;
    QTest::newRow("split twice")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"split\", \"groups\": [[\"rm\"], "
                      "[\"rm\", \"dsm\"]]}]}")
        << u"service \"rm\" is in two groups"_s;
    QTest::newRow("split of one")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"split\", \"groups\": [[\"rm\"]]}]}")
        << u"needs \"groups\": two or more lists"_s;
    QTest::newRow("missing service")
        << QByteArray("{\"steps\": [{\"at_ms\": 1, \"do\": \"restart\"}]}")
        << u"\"service\" names no service"_s;
}

void TestFaultPlan::brokenPlansNameTheLine()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString got;
    QVERIFY(!FaultPlan::parse(json, kCast, &got));
    QVERIFY2(got.contains(error), qPrintable(got));
}

void TestFaultPlan::numbersOutOfRangeAreRefused_data()
{
    // The second step of a plan, on line 3. Before, at_ms was cast to an integer unchecked:
    // 2^63 and 1e300 came out negative and fired at lab time 0, 1e16 overflowed the lab
    // clock's microseconds and never fired, 1.5 became 1.
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<QString>("error");
    const QString at = u"3: step 2: \"at_ms\" must be a whole number of lab milliseconds from 0 "
                       "to 1000000000000, not "_s;
    const QString delay = u"\" must be a whole number of lab milliseconds from 0 to 600000, not "_s;
    // JSON has no NaN or infinity: the reader refuses them, and 1e400, as numbers.
    QTest::newRow("at_ms NaN") << QByteArray("{\"at_ms\": NaN, \"do\": \"heal\"}")
                               << u"3: not valid JSON: illegal number"_s;
    QTest::newRow("at_ms Infinity") << QByteArray("{\"at_ms\": Infinity, \"do\": \"heal\"}")
                                    << u"3: not valid JSON: illegal number"_s;
    QTest::newRow("at_ms 1e400") << QByteArray("{\"at_ms\": 1e400, \"do\": \"heal\"}")
                                 << u"3: not valid JSON: illegal number"_s;
    QTest::newRow("at_ms -1") << QByteArray("{\"at_ms\": -1, \"do\": \"heal\"}") << at + u"-1"_s;
    QTest::newRow("at_ms 1e300") << QByteArray("{\"at_ms\": 1e300, \"do\": \"heal\"}")
                                 << at + u"1e+300"_s;
    QTest::newRow("at_ms 2^63")
        << QByteArray("{\"at_ms\": 9223372036854775808, \"do\": \"crash\", \"service\": \"sm-1\"}")
        << at + u"9.22337203685478e+18"_s;
    QTest::newRow("at_ms 1e16") << QByteArray("{\"at_ms\": 1e16, \"do\": \"heal\"}")
                                << at + u"1e+16"_s;
    QTest::newRow("at_ms one past the bound")
        << QByteArray("{\"at_ms\": 1000000000001, \"do\": \"heal\"}") << at + u"1000000000001"_s;
    QTest::newRow("at_ms 1.5") << QByteArray("{\"at_ms\": 1.5, \"do\": \"heal\"}") << at + u"1.5"_s;
    QTest::newRow("at_ms a string")
        << QByteArray("{\"at_ms\": \"500\", \"do\": \"heal\"}") << at + u"a string"_s;
    QTest::newRow("at_ms missing")
        << QByteArray("{\"do\": \"heal\"}")
        << u"3: step 2: \"at_ms\" must be a whole number of lab milliseconds from 0 to "
           "1000000000000"_s;
    QTest::newRow("latency_ms 40.5")
        << QByteArray("{\"at_ms\": 1, \"do\": \"link\", \"latency_ms\": 40.5}")
        << u"3: step 2: \"latency_ms"_s + delay + u"40.5"_s;
    QTest::newRow("jitter_ms 1e300")
        << QByteArray("{\"at_ms\": 1, \"do\": \"link\", \"jitter_ms\": 1e300}")
        << u"3: step 2: \"jitter_ms"_s + delay + u"1e+300"_s;
    QTest::newRow("drop_pct -1")
        << QByteArray("{\"at_ms\": 1, \"do\": \"link\", \"drop_pct\": -1}")
        << u"3: step 2: \"drop_pct\" must be a number from 0 to 100, not -1"_s;
    QTest::newRow("reorder_pct a boolean")
        << QByteArray("{\"at_ms\": 1, \"do\": \"link\", \"reorder_pct\": true}")
        << u"3: step 2: \"reorder_pct\" must be a number from 0 to 100, not a boolean"_s;
    QTest::newRow("slow ms 2^63") << QByteArray(
                                         "{\"at_ms\": 1, \"do\": \"slow\", \"service\": \"rm\", "
                                         "\"ms\": 9223372036854775808}")
                                  << u"3: step 2: \"ms"_s + delay + u"9.22337203685478e+18"_s;
    QTest::newRow("prepare_delay_ms 0.25")
        << QByteArray("{\"at_ms\": 1, \"do\": \"participant\", \"service\": \"rm\", "
                      "\"prepare_delay_ms\": 0.25}")
        << u"3: step 2: \"prepare_delay_ms"_s + delay + u"0.25"_s;
    QTest::newRow("abort_pct 100.5")
        << QByteArray("{\"at_ms\": 1, \"do\": \"participant\", \"service\": \"rm\", "
                      "\"abort_pct\": 100.5}")
        << u"3: step 2: \"abort_pct\" must be a number from 0 to 100, not 100.5"_s;
    QTest::newRow("mallory rate 1e300")
        << QByteArray("{\"at_ms\": 1, \"do\": \"mallory\", \"modes\": [\"replay\"], "
                      "\"rate\": 1e300}")
        << u"3: step 2: \"rate\" must be a number from 0 to 100000, not 1e+300"_s;
    QTest::newRow("overlap_ms 1e16")
        << QByteArray("{\"at_ms\": 1, \"do\": \"rotate-key\", \"overlap_ms\": 1e16}")
        << u"3: step 2: \"overlap_ms"_s + delay + u"1e+16"_s;
}

void TestFaultPlan::numbersOutOfRangeAreRefused()
{
    QFETCH(QByteArray, step);
    QFETCH(QString, error);
    const QByteArray json =
        "{\"steps\": [\n  {\"at_ms\": 0, \"do\": \"heal\"},\n  " + step + "\n]}";
    QString got;
    QVERIFY(!FaultPlan::parse(json, kCast, &got)); // refused whole: nothing to apply
    QVERIFY2(got.startsWith(error), qPrintable(got));
}

void TestFaultPlan::numbersAtTheirBoundsAreTaken()
{
    const QByteArray json = R"({"steps": [
  {"at_ms": 1000000000000, "do": "link", "latency_ms": 600000, "jitter_ms": 0,
   "drop_pct": 100, "duplicate_pct": 0.5, "reorder_pct": 100},
  {"at_ms": 0, "do": "mallory", "modes": ["replay"], "rate": 100000},
  {"at_ms": 2e3, "do": "rotate-key", "overlap_ms": 600000}
]})";
    QString error;
    const auto plan = FaultPlan::parse(json, kCast, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->steps.size(), size_t(3));
    QCOMPARE(plan->steps[0].malloryRate, 100000.0);
    QCOMPARE(plan->steps[1].atMs, 2000);
    QCOMPARE(plan->steps[1].overlapMs, FaultPlan::kMaxDelayMs);
    QCOMPARE(plan->steps[2].atMs, FaultPlan::kMaxAtMs);
    QCOMPARE(plan->steps[2].link.latencyMs, 600000);
    QCOMPARE(plan->steps[2].link.duplicatePct, 0.5);
    QCOMPARE(plan->steps[2].line, 2);
}

void TestFaultPlan::sizeIsBounded_data()
{
    QTest::addColumn<qsizetype>("bytes");
    QTest::addColumn<bool>("taken");
    QTest::newRow("exactly 4 MiB") << FaultPlan::kMaxBytes << true;
    QTest::newRow("4 MiB and a byte") << FaultPlan::kMaxBytes + 1 << false;
    QTest::newRow("16 MiB") << 4 * FaultPlan::kMaxBytes << false;
}

// A valid plan of exactly this many bytes: an empty one padded with spaces.
static QByteArray paddedPlan(qsizetype bytes)
{
    QByteArray json = "{\"steps\": []}";
    json.append(QByteArray(bytes - json.size(), ' '));
    return json;
}

void TestFaultPlan::sizeIsBounded()
{
    QFETCH(qsizetype, bytes);
    QFETCH(bool, taken);
    QString error;
    const auto plan = FaultPlan::parse(paddedPlan(bytes), kCast, &error);
    QCOMPARE(bool(plan), taken);
    if (!taken)
        QCOMPARE(error, u"1: a fault plan is at most 4 MiB (4194304 bytes); this one is larger"_s);
}

void TestFaultPlan::loadReadsNoMoreThanTheBound_data()
{
    // bytes: a file of that many bytes written for the test, or -1 for /dev/zero, which has
    // no end: read to its end, it filled memory.
    QTest::addColumn<qsizetype>("bytes");
    QTest::newRow("file of 4 MiB and a byte") << FaultPlan::kMaxBytes + 1;
    QTest::newRow("file of 9 MiB") << 9 * 1024 * qsizetype(1024);
    QTest::newRow("/dev/zero") << qsizetype(-1);
}

void TestFaultPlan::loadReadsNoMoreThanTheBound()
{
    QFETCH(qsizetype, bytes);
    QTemporaryDir dir;
    QString path = u"/dev/zero"_s;
    if (bytes >= 0) {
        path = dir.filePath(u"plan.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(paddedPlan(bytes)), bytes);
    } else if (!QFile::exists(path)) {
        QSKIP("no /dev/zero here");
    }
    QString error;
    QVERIFY(!FaultPlan::load(path, kCast, &error));
    QCOMPARE(error,
             path + u":1: a fault plan is at most 4 MiB (4194304 bytes); this one is larger"_s);
}

void TestFaultPlan::stepCountIsBounded_data()
{
    QTest::addColumn<int>("steps");
    QTest::newRow("10000 steps") << 10'000;
    QTest::newRow("10001 steps") << 10'001;
    QTest::newRow("32000 steps") << 32'000;
}

void TestFaultPlan::stepCountIsBounded()
{
    QFETCH(int, steps);
    // One step a line from line 2: step k is on line k + 1.
    QByteArray json = "{\"steps\": [\n";
    for (int k = 1; k <= steps; ++k)
        json += "  {\"at_ms\": " + QByteArray::number(k) +
                ", \"do\": \"pause\", \"service\": \"rm\"}" + (k < steps ? ",\n" : "\n");
    json += "]}\n";
    QString error;
    const auto plan = FaultPlan::parse(json, kCast, &error);
    if (steps > FaultPlan::kMaxSteps) {
        QVERIFY(!plan);
        QCOMPARE(error, u"10002: step 10001: a fault plan has at most 10000 steps"_s);
        return;
    }
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->steps.size(), size_t(steps));
    for (int k = 1; k <= steps; ++k) // every step's line, found in one pass
        QCOMPARE(plan->steps[size_t(k - 1)].line, k + 1);
}

void TestFaultPlan::chaosIsAFunctionOfItsSeed()
{
    const FaultPlan a = FaultPlan::chaos(7, 20000);
    QCOMPARE(a.toJson(), FaultPlan::chaos(7, 20000).toJson());
    QVERIFY(a.toJson() != FaultPlan::chaos(8, 20000).toJson());
    // Every step within the span, in order, ending with everything cleared; and across a few
    // seeds every kind of fault appears.
    QSet<QString> kinds;
    for (quint64 seed = 1; seed <= 20; ++seed) {
        const FaultPlan p = FaultPlan::chaos(seed, 20000);
        QVERIFY(!p.steps.empty());
        QCOMPARE(toString(p.steps.back().action), u"clear"_s);
        for (size_t i = 0; i < p.steps.size(); ++i) {
            QVERIFY(p.steps[i].atMs <= 20000);
            if (i)
                QVERIFY(p.steps[i - 1].atMs <= p.steps[i].atMs);
            kinds.insert(toString(p.steps[i].action));
            QVERIFY(p.steps[i].service != u"edge"_s); // the edge is never crashed or cut off
        }
        // What it writes, it reads.
        QString error;
        QVERIFY2(FaultPlan::parse(p.toJson(), kCast, &error), qPrintable(error));
    }
    for (const QString &k : {u"link"_s, u"isolate"_s, u"split"_s, u"heal"_s, u"crash"_s,
                             u"restart"_s, u"pause"_s, u"resume"_s, u"slow"_s, u"participant"_s})
        QVERIFY2(kinds.contains(k), qPrintable(k));
}

void TestFaultPlan::linkRulesMostSpecificWins()
{
    FaultInjector f;
    QVERIFY(!f.active());
    LinkFault all;
    all.dropPct = 100;
    LinkFault none; // healthy: removes a rule
    LinkFault slow;
    slow.latencyMs = 50;
    f.setLink(kNoNode, kNoNode, all);
    f.setLink(1, 2, slow);
    QVERIFY(f.active());
    Rng rng(1);
    QCOMPARE(int(f.onSend(1, 2, rng).drop), int(LinkVerdict::Drop::No));
    QCOMPARE(toUs(f.onSend(1, 2, rng).delay), 50'000);
    QCOMPARE(int(f.onSend(2, 1, rng).drop), int(LinkVerdict::Drop::Loss)); // one way only
    QCOMPARE(int(f.onSend(3, 4, rng).drop), int(LinkVerdict::Drop::Loss));
    f.setLink(kNoNode, kNoNode, none);
    QCOMPARE(int(f.onSend(3, 4, rng).drop), int(LinkVerdict::Drop::No));
    f.clearLinks();
    QVERIFY(!f.active());
}

void TestFaultPlan::injectorDrawsAsConfigured()
{
    FaultInjector f;
    LinkFault l;
    l.dropPct = 25;
    l.duplicatePct = 10;
    l.latencyMs = 10;
    l.jitterMs = 5;
    f.setLink(1, 2, l);
    Rng rng(42);
    int dropped = 0;
    int doubled = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const LinkVerdict v = f.onSend(1, 2, rng);
        if (v.drop != LinkVerdict::Drop::No) {
            ++dropped;
            continue;
        }
        doubled += v.copies == 2;
        QVERIFY(toUs(v.delay) >= 10'000 && toUs(v.delay) <= 15'000);
    }
    // 25% ± 1.5%, and 10% of the rest ± 1%.
    QVERIFY2(std::abs(dropped - n / 4) < n * 15 / 1000, qPrintable(QString::number(dropped)));
    const int kept = n - dropped;
    QVERIFY2(std::abs(doubled - kept / 10) < kept / 100, qPrintable(QString::number(doubled)));
}

void TestFaultPlan::partitionsAndNodes()
{
    FaultInjector f;
    f.setPartition({{1, 2}, {3}});
    QVERIFY(f.reachable(1, 2));
    QVERIFY(!f.reachable(1, 3));
    QVERIFY(f.reachable(4, 3)); // in no group: reaches everyone
    Rng rng(1);
    QCOMPARE(int(f.onSend(3, 1, rng).drop), int(LinkVerdict::Drop::Partition));
    f.heal();
    QVERIFY(f.reachable(1, 3));
    NodeFault n;
    n.paused = true;
    f.setNode(5, n);
    QVERIFY(f.node(5).paused);
    QVERIFY(!f.node(6).any());
    f.clear();
    QVERIFY(!f.node(5).any());
    QVERIFY(!f.active());
}

QTEST_GUILESS_MAIN(TestFaultPlan)
#include "tst_faultplan.moc"
