#include "faultplan.h"

#include "core/rng.h"
#include "services/cast.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

struct ActionName
{
    FaultStep::Action action;
    const char16_t *name;
    const char16_t *fields; // what a step of this action may say besides at_ms and do
};
constexpr ActionName kActions[] = {
    {FaultStep::Action::Link, u"link",
     u"from,to,both_ways,latency_ms,jitter_ms,drop_pct,duplicate_pct,reorder_pct"},
    {FaultStep::Action::ClearLinks, u"clear-links", u""},
    {FaultStep::Action::Isolate, u"isolate", u"service"},
    {FaultStep::Action::Split, u"split", u"groups"},
    {FaultStep::Action::Heal, u"heal", u""},
    {FaultStep::Action::Crash, u"crash", u"service"},
    {FaultStep::Action::Restart, u"restart", u"service"},
    {FaultStep::Action::Pause, u"pause", u"service"},
    {FaultStep::Action::Resume, u"resume", u"service"},
    {FaultStep::Action::Slow, u"slow", u"service,ms"},
    {FaultStep::Action::Participant, u"participant", u"service,abort_pct,prepare_delay_ms"},
    {FaultStep::Action::Mallory, u"mallory", u"modes,rate"},
    {FaultStep::Action::RotateKey, u"rotate-key", u"overlap_ms"},
    {FaultStep::Action::RetireKeys, u"retire-keys", u""},
    {FaultStep::Action::ReplayDeadLetters, u"replay-dead-letters", u""},
    {FaultStep::Action::Clear, u"clear", u""},
};

int lineAt(const QByteArray &text, qsizetype offset)
{
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

// The line on which each element of the top-level "steps" array begins. The JSON reader
// keeps no positions, so one pass over the text (already known to be valid JSON) finds
// them, counting lines as it goes: linear in the text. (Counting from the start for each
// step instead made a plan of n steps cost n times its length.) A key repeated at the top
// level counts as its last occurrence, as it does for the reader.
std::vector<int> stepLines(const QByteArray &text)
{
    std::vector<int> lines;
    int line = 1;
    int depth = 0;
    bool expectKey = false;     // at depth 1: the next string is a key
    bool stepsKey = false;      // at depth 1: the last key was "steps"
    bool inSteps = false;       // inside the top-level "steps" array (at depth 2)
    bool expectElement = false; // inside it: the next value begins a step
    qsizetype stringStart = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n')
            ++line;
        if (stringStart >= 0) {
            if (c == '\\') {
                ++i; // valid JSON escapes no raw newline
            } else if (c == '"') {
                if (depth == 1 && expectKey) {
                    stepsKey = text.mid(stringStart, i - stringStart) == "steps";
                    expectKey = false;
                }
                stringStart = -1;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (inSteps && depth == 2 && expectElement && c != ']') {
            lines.push_back(line);
            expectElement = false;
        }
        if (c == '"') {
            stringStart = i + 1;
        } else if (c == '[' || c == '{') {
            ++depth;
            if (depth == 1)
                expectKey = c == '{';
            if (depth == 2 && c == '[' && stepsKey) {
                lines.clear();
                inSteps = expectElement = true;
            }
        } else if (c == ']' || c == '}') {
            if (depth == 2)
                inSteps = false;
            --depth;
        } else if (c == ',') {
            if (depth == 1)
                expectKey = true;
            else if (depth == 2 && inSteps)
                expectElement = true;
        }
    }
    return lines;
}

// A number a plan may hold: finite, from 0 to max, and whole where it is a time.
bool inRange(double v, double max, bool whole)
{
    return std::isfinite(v) && v >= 0 && v <= max && (!whole || std::floor(v) == v);
}

QString rangeText(double max, bool whole)
{
    return whole ? u"a whole number of lab milliseconds from 0 to "_s +
                       QString::number(static_cast<qint64>(max))
                 : u"a number from 0 to "_s + QString::number(max, 'g', 15);
}

// What was given instead, for the error: a number as written, else its JSON type.
QString given(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

QString fmt(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

QString toString(FaultStep::Action a)
{
    for (const ActionName &n : kActions)
        if (n.action == a)
            return QString::fromUtf16(n.name);
    return u"?"_s;
}

QString FaultStep::describe() const
{
    switch (action) {
    case Action::Link:
        return u"link "_s + from + (bothWays ? u" <-> "_s : u" -> "_s) + to + u": "_s +
               link.describe();
    case Action::ClearLinks:
        return u"every link healthy"_s;
    case Action::Isolate:
        return service + u" isolated"_s;
    case Action::Split: {
        QStringList parts;
        for (const QStringList &g : groups)
            parts << u'{' + g.join(u", "_s) + u'}';
        return u"split "_s + parts.join(u" | "_s);
    }
    case Action::Heal:
        return u"partition healed"_s;
    case Action::Crash:
        return service + u" crashed"_s;
    case Action::Restart:
        return service + u" restarted"_s;
    case Action::Pause:
        return service + u" paused"_s;
    case Action::Resume:
        return service + u" resumed"_s;
    case Action::Slow:
        if (slowMs > 0)
            return service + u" slow: +"_s + QString::number(slowMs) + u" ms per message"_s;
        return service + u" at full speed"_s;
    case Action::Participant:
        return service + u": votes NO "_s + fmt(abortPct) + u"%, prepare delay "_s +
               QString::number(prepareDelayMs) + u" ms"_s;
    case Action::Mallory:
        if (malloryRate <= 0 || malloryModes.isEmpty())
            return u"mallory stopped"_s;
        return u"mallory: "_s + malloryModes.join(u", "_s) + u" at "_s + fmt(malloryRate) +
               u" frames/s"_s;
    case Action::RotateKey:
        return overlapMs > 0
                   ? u"signing key rotated ("_s + QString::number(overlapMs) + u" ms overlap)"_s
                   : u"signing key rotated"_s;
    case Action::RetireKeys:
        return u"old signing keys retired"_s;
    case Action::ReplayDeadLetters:
        return u"dead letters replayed"_s;
    case Action::Clear:
        return u"every fault cleared"_s;
    }
    return {};
}

std::optional<FaultPlan> FaultPlan::load(const QString &path, const QStringList &services,
                                         QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read fault plan "_s + path + u": "_s + f.errorString();
        return std::nullopt;
    }
    // At most one byte more than a plan may hold, so parse() can tell it is too large: never
    // to the end of a file that may have none (/dev/zero) or be huge.
    QByteArray text;
    for (;;) {
        const qint64 want = std::min<qint64>(64 * 1024, kMaxBytes + 1 - text.size());
        if (want <= 0)
            break;
        const qsizetype had = text.size();
        text.resize(had + static_cast<qsizetype>(want));
        const qint64 got = f.read(text.data() + had, want);
        text.resize(had + static_cast<qsizetype>(std::max<qint64>(got, 0)));
        if (got < 0) {
            *error = u"cannot read fault plan "_s + path + u": "_s + f.errorString();
            return std::nullopt;
        }
        if (got == 0)
            break; // the end
    }
    QString why;
    auto plan = parse(text, services, &why);
    if (!plan)
        *error = path + u':' + why;
    return plan;
}

std::optional<FaultPlan> FaultPlan::parse(const QByteArray &json, const QStringList &services,
                                          QString *error)
{
    if (json.size() > kMaxBytes) {
        *error = u"1: a fault plan is at most "_s + QString::number(kMaxBytes / (1024 * 1024)) +
                 u" MiB ("_s + QString::number(kMaxBytes) + u" bytes); this one is larger"_s;
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error =
            QString::number(lineAt(json, pe.offset)) + u": not valid JSON: "_s + pe.errorString();
        return std::nullopt;
    }
    if (!doc.isObject() || !doc.object().value(u"steps"_s).isArray()) {
        *error = u"1: a fault plan is an object with a \"steps\" array"_s;
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    for (const QString &k : root.keys())
        if (k != u"name"_s && k != u"steps"_s) {
            *error = u"1: unknown field \""_s + k + u"\" (known: name, steps)"_s;
            return std::nullopt;
        }
    FaultPlan plan;
    plan.name = root.value(u"name"_s).toString();
    const std::vector<int> lines = stepLines(json);
    const QJsonArray steps = root.value(u"steps"_s).toArray();
    if (steps.size() > kMaxSteps) {
        const size_t first = size_t(kMaxSteps); // the first step too many
        *error = QString::number(first < lines.size() ? lines[first] : 1) + u": step "_s +
                 QString::number(kMaxSteps + 1) + u": a fault plan has at most "_s +
                 QString::number(kMaxSteps) + u" steps"_s;
        return std::nullopt;
    }
    const QSet<QString> known(services.begin(), services.end());
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const int line = i < static_cast<qsizetype>(lines.size()) ? lines[size_t(i)] : 1;
        auto fail = [&](const QString &what) {
            *error = QString::number(line) + u": step "_s + QString::number(i + 1) + u": "_s + what;
            return std::nullopt;
        };
        if (!steps[i].isObject())
            return fail(u"a step is an object"_s);
        const QJsonObject o = steps[i].toObject();
        FaultStep s;
        s.line = line;
        const QJsonValue at = o.value(u"at_ms"_s);
        if (!at.isDouble() || !inRange(at.toDouble(), double(kMaxAtMs), true))
            return fail(u"\"at_ms\" must be "_s + rangeText(double(kMaxAtMs), true) +
                        (at.isUndefined() ? QString() : u", not "_s + given(at)));
        s.atMs = static_cast<qint64>(at.toDouble());
        const QString verb = o.value(u"do"_s).toString();
        const auto action = std::find_if(std::begin(kActions), std::end(kActions),
                                         [&](const ActionName &n) { return verb == n.name; });
        if (action == std::end(kActions)) {
            QStringList names;
            for (const ActionName &n : kActions)
                names << QString::fromUtf16(n.name);
            return fail(u"unknown action \""_s + verb + u"\" (known: "_s + names.join(u", "_s) +
                        u')');
        }
        s.action = action->action;
        // Which fields each action takes: anything else is a typo worth an error.
        const QStringList allowed =
            QString::fromUtf16(action->fields).split(u',', Qt::SkipEmptyParts);
        for (const QString &k : o.keys())
            if (k != u"at_ms"_s && k != u"do"_s && !allowed.contains(k))
                return fail(u"\""_s + verb + u"\" takes no field \""_s + k + u"\" (it takes: "_s +
                            (allowed.isEmpty() ? u"nothing more"_s : allowed.join(u", "_s)) + u')');
        auto service = [&](const QString &field, bool wildcard, QString *out) -> bool {
            const QJsonValue v = o.value(field);
            *out = v.toString(wildcard ? u"*"_s : QString());
            if ((wildcard && *out == u"*"_s) || known.contains(*out))
                return true;
            const QString what = out->isEmpty()
                                     ? QString(u"\""_s + field + u"\" names no service"_s)
                                     : QString(u"unknown service \""_s + *out + u'"');
            *error = QString::number(line) + u": step "_s + QString::number(i + 1) + u": "_s +
                     what + u" (known: "_s + services.join(u", "_s) + u')';
            return false;
        };
        // A number field: absent is 0. Only a value inRange() is taken, so every conversion
        // to an integer below is exact.
        auto number = [&](const QString &field, double max, bool whole, double *out) -> bool {
            const QJsonValue v = o.value(field);
            if (v.isUndefined()) {
                *out = 0;
                return true;
            }
            if (!v.isDouble() || !inRange(v.toDouble(), max, whole)) {
                *error = QString::number(line) + u": step "_s + QString::number(i + 1) + u": \""_s +
                         field + u"\" must be "_s + rangeText(max, whole) + u", not "_s + given(v);
                return false;
            }
            *out = v.toDouble();
            return true;
        };
        auto pct = [&](const QString &field, double *out) {
            return number(field, kMaxPct, false, out);
        };
        auto delay = [&](const QString &field, qint64 *out) {
            double n = 0;
            if (!number(field, double(kMaxDelayMs), true, &n))
                return false;
            *out = static_cast<qint64>(n);
            return true;
        };
        switch (s.action) {
        case FaultStep::Action::Link: {
            if (!service(u"from"_s, true, &s.from) || !service(u"to"_s, true, &s.to))
                return std::nullopt;
            s.bothWays = o.value(u"both_ways"_s).toBool(false);
            if (!delay(u"latency_ms"_s, &s.link.latencyMs) ||
                !delay(u"jitter_ms"_s, &s.link.jitterMs) || !pct(u"drop_pct"_s, &s.link.dropPct) ||
                !pct(u"duplicate_pct"_s, &s.link.duplicatePct) ||
                !pct(u"reorder_pct"_s, &s.link.reorderPct))
                return std::nullopt;
            break;
        }
        case FaultStep::Action::Split: {
            const QJsonArray groups = o.value(u"groups"_s).toArray();
            if (groups.size() < 2)
                return fail(u"\"split\" needs \"groups\": two or more lists of services"_s);
            QSet<QString> seen;
            for (const QJsonValue &g : groups) {
                QStringList names;
                for (const QJsonValue &v : g.toArray()) {
                    const QString name = v.toString();
                    if (!known.contains(name))
                        return fail(u"unknown service \""_s + name + u"\" (known: "_s +
                                    services.join(u", "_s) + u')');
                    if (seen.contains(name))
                        return fail(u"service \""_s + name + u"\" is in two groups"_s);
                    seen.insert(name);
                    names << name;
                }
                if (names.isEmpty())
                    return fail(u"a group is a non-empty list of services"_s);
                s.groups.push_back(names);
            }
            break;
        }
        case FaultStep::Action::Slow:
            if (!service(u"service"_s, false, &s.service) || !delay(u"ms"_s, &s.slowMs))
                return std::nullopt;
            break;
        case FaultStep::Action::Participant:
            if (!service(u"service"_s, false, &s.service) || !pct(u"abort_pct"_s, &s.abortPct) ||
                !delay(u"prepare_delay_ms"_s, &s.prepareDelayMs))
                return std::nullopt;
            break;
        case FaultStep::Action::Mallory: {
            if (!number(u"rate"_s, kMaxMalloryRate, false, &s.malloryRate))
                return std::nullopt;
            for (const QJsonValue &v : o.value(u"modes"_s).toArray()) {
                if (!parseMalloryMode(v.toString())) {
                    QStringList names;
                    for (int m = 0; m < kMalloryModeCount; ++m)
                        names << toString(static_cast<MalloryMode>(m));
                    return fail(u"unknown mallory mode \""_s + v.toString() + u"\" (known: "_s +
                                names.join(u", "_s) + u')');
                }
                s.malloryModes << v.toString();
            }
            if (s.malloryRate > 0 && s.malloryModes.isEmpty())
                return fail(u"\"mallory\" with a rate needs \"modes\""_s);
            break;
        }
        case FaultStep::Action::RotateKey:
            if (!delay(u"overlap_ms"_s, &s.overlapMs))
                return std::nullopt;
            break;
        case FaultStep::Action::Isolate:
        case FaultStep::Action::Crash:
        case FaultStep::Action::Restart:
        case FaultStep::Action::Pause:
        case FaultStep::Action::Resume:
            if (!service(u"service"_s, false, &s.service))
                return std::nullopt;
            break;
        case FaultStep::Action::ClearLinks:
        case FaultStep::Action::Heal:
        case FaultStep::Action::RetireKeys:
        case FaultStep::Action::ReplayDeadLetters:
        case FaultStep::Action::Clear:
            break;
        }
        plan.steps.push_back(std::move(s));
    }
    std::stable_sort(plan.steps.begin(), plan.steps.end(),
                     [](const FaultStep &a, const FaultStep &b) { return a.atMs < b.atMs; });
    return plan;
}

QByteArray FaultPlan::toJson() const
{
    QJsonArray list;
    for (const FaultStep &s : steps) {
        QJsonObject o{{u"at_ms"_s, static_cast<double>(s.atMs)}, {u"do"_s, toString(s.action)}};
        switch (s.action) {
        case FaultStep::Action::Link:
            o.insert(u"from"_s, s.from);
            o.insert(u"to"_s, s.to);
            if (s.bothWays)
                o.insert(u"both_ways"_s, true);
            if (s.link.latencyMs)
                o.insert(u"latency_ms"_s, static_cast<double>(s.link.latencyMs));
            if (s.link.jitterMs)
                o.insert(u"jitter_ms"_s, static_cast<double>(s.link.jitterMs));
            if (s.link.dropPct > 0)
                o.insert(u"drop_pct"_s, s.link.dropPct);
            if (s.link.duplicatePct > 0)
                o.insert(u"duplicate_pct"_s, s.link.duplicatePct);
            if (s.link.reorderPct > 0)
                o.insert(u"reorder_pct"_s, s.link.reorderPct);
            break;
        case FaultStep::Action::Split: {
            QJsonArray groups;
            for (const QStringList &g : s.groups)
                groups.append(QJsonArray::fromStringList(g));
            o.insert(u"groups"_s, groups);
            break;
        }
        case FaultStep::Action::Slow:
            o.insert(u"service"_s, s.service);
            o.insert(u"ms"_s, static_cast<double>(s.slowMs));
            break;
        case FaultStep::Action::Participant:
            o.insert(u"service"_s, s.service);
            o.insert(u"abort_pct"_s, s.abortPct);
            o.insert(u"prepare_delay_ms"_s, static_cast<double>(s.prepareDelayMs));
            break;
        case FaultStep::Action::Mallory:
            o.insert(u"modes"_s, QJsonArray::fromStringList(s.malloryModes));
            o.insert(u"rate"_s, s.malloryRate);
            break;
        case FaultStep::Action::RotateKey:
            if (s.overlapMs > 0)
                o.insert(u"overlap_ms"_s, static_cast<double>(s.overlapMs));
            break;
        case FaultStep::Action::RetireKeys:
        case FaultStep::Action::ReplayDeadLetters:
            break;
        case FaultStep::Action::Isolate:
        case FaultStep::Action::Crash:
        case FaultStep::Action::Restart:
        case FaultStep::Action::Pause:
        case FaultStep::Action::Resume:
            o.insert(u"service"_s, s.service);
            break;
        case FaultStep::Action::ClearLinks:
        case FaultStep::Action::Heal:
        case FaultStep::Action::Clear:
            break;
        }
        list.append(o);
    }
    QJsonObject root{{u"steps"_s, list}};
    if (!name.isEmpty())
        root.insert(u"name"_s, name);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

FaultPlan FaultPlan::chaos(quint64 seed, qint64 spanMs)
{
    // Faults come and go every few seconds; each is undone after 0.5-4 s. The edge is never
    // crashed or cut off: it is where the clients' answers come from.
    Rng rng = Rng::derive(seed, 0xc4a0);
    const QStringList core{u"sm-1"_s,    u"sm-2"_s, u"sm-3"_s,     u"rm"_s,
                           u"billing"_s, u"dsm"_s,  u"analytics"_s};
    const QStringList participants{u"rm"_s, u"billing"_s};
    auto pick = [&rng](const QStringList &from) {
        return from[static_cast<qsizetype>(rng.below(static_cast<quint64>(from.size())))];
    };
    FaultPlan plan;
    plan.name = u"chaos, seed "_s + QString::number(seed);
    qint64 t = 300 + static_cast<qint64>(rng.below(700));
    while (t < spanMs) {
        const qint64 end = std::min(spanMs, t + 500 + static_cast<qint64>(rng.below(3500)));
        FaultStep on;
        on.atMs = t;
        FaultStep off;
        off.atMs = end;
        switch (rng.below(7)) {
        case 0: { // a bad link
            on.action = off.action = FaultStep::Action::Link;
            on.from = off.from = pick(core);
            do
                on.to = pick(core + QStringList{u"edge"_s});
            while (on.to == on.from);
            off.to = on.to;
            on.bothWays = off.bothWays = rng.chance(0.5);
            on.link.latencyMs = static_cast<qint64>(rng.below(80));
            on.link.jitterMs = static_cast<qint64>(rng.below(40));
            on.link.dropPct = rng.chance(0.5) ? static_cast<double>(rng.below(40)) : 0;
            on.link.duplicatePct = rng.chance(0.3) ? static_cast<double>(rng.below(20)) : 0;
            on.link.reorderPct = rng.chance(0.3) ? static_cast<double>(rng.below(30)) : 0;
            break;
        }
        case 1:
            on.action = FaultStep::Action::Isolate;
            on.service = pick(core);
            off.action = FaultStep::Action::Heal;
            break;
        case 2:
            on.action = FaultStep::Action::Crash;
            off.action = FaultStep::Action::Restart;
            on.service = off.service = pick(core);
            break;
        case 3:
            on.action = FaultStep::Action::Pause;
            off.action = FaultStep::Action::Resume;
            on.service = off.service = pick(core);
            break;
        case 4:
            on.action = off.action = FaultStep::Action::Slow;
            on.service = off.service = pick(core);
            on.slowMs = 5 + static_cast<qint64>(rng.below(100));
            break;
        case 5:
            on.action = off.action = FaultStep::Action::Participant;
            on.service = off.service = pick(participants);
            on.abortPct = static_cast<double>(rng.below(50));
            on.prepareDelayMs = rng.chance(0.5) ? static_cast<qint64>(rng.below(1500)) : 0;
            break;
        default: { // a split into two halves
            on.action = FaultStep::Action::Split;
            off.action = FaultStep::Action::Heal;
            QStringList a;
            QStringList b{u"edge"_s};
            for (const QString &s : core)
                (rng.chance(0.5) ? a : b) << s;
            if (a.isEmpty())
                a << b.takeLast();
            on.groups = {a, b};
            break;
        }
        }
        plan.steps.push_back(on);
        plan.steps.push_back(off);
        t = end + 200 + static_cast<qint64>(rng.below(2000));
    }
    FaultStep clear;
    clear.atMs = spanMs;
    clear.action = FaultStep::Action::Clear;
    plan.steps.push_back(clear);
    std::stable_sort(plan.steps.begin(), plan.steps.end(),
                     [](const FaultStep &a, const FaultStep &b) { return a.atMs < b.atMs; });
    return plan;
}

quint8 faultReason(FaultStep::Action action)
{
    return static_cast<quint8>(static_cast<int>(action) + 1);
}

std::optional<FaultStep::Action> faultAction(const TraceEvent &e)
{
    if (e.kind != TraceKind::Fault || e.reason == 0 ||
        e.reason > faultReason(FaultStep::Action::Clear))
        return std::nullopt;
    return static_cast<FaultStep::Action>(e.reason - 1);
}

} // namespace edgecore
