#include "detailtext.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace edgecore::detailtext {

namespace {

// The backend's phrasings: %1.. stand for its arguments. Order matters where one phrasing
// is a prefix of another: the longer comes first. An argument is translated in turn (a
// reason inside "ABORTED: %1"), and decimal numbers are localised.
const char *const kPhrases[] = {
    // States and outcomes.
    QT_TRANSLATE_NOOP("Detail", "COMMITTED"),
    QT_TRANSLATE_NOOP("Detail", "ABORTED"),
    QT_TRANSLATE_NOOP("Detail", "RELEASED"),
    QT_TRANSLATE_NOOP("Detail", "RELEASING"),
    QT_TRANSLATE_NOOP("Detail", "PENDING"),
    QT_TRANSLATE_NOOP("Detail", "PREPARING"),
    QT_TRANSLATE_NOOP("Detail", "COMMITTING"),
    QT_TRANSLATE_NOOP("Detail", "ABORTING"),
    QT_TRANSLATE_NOOP("Detail", "PRECOMMITTED"),
    QT_TRANSLATE_NOOP("Detail", "PREPARED"),
    QT_TRANSLATE_NOOP("Detail", "ACTIVE"),
    QT_TRANSLATE_NOOP("Detail", "INVALID"),
    QT_TRANSLATE_NOOP("Detail", "UNKNOWN"),
    QT_TRANSLATE_NOOP("Detail", "%1: %2"),
    // Why a transaction aborted (reply reasons too).
    QT_TRANSLATE_NOOP("Detail", "coordinator decided abort"),
    QT_TRANSLATE_NOOP("Detail", "coordinator restarted before deciding"),
    QT_TRANSLATE_NOOP("Detail", "deadlock victim (youngest in the cycle)"),
    QT_TRANSLATE_NOOP("Detail", "injected abort (%1% of PREPAREs)"),
    QT_TRANSLATE_NOOP("Detail", "lock wait timed out"),
    QT_TRANSLATE_NOOP("Detail", "no session manager leads"),
    QT_TRANSLATE_NOOP("Detail", "termination: nobody pre-committed"),
    QT_TRANSLATE_NOOP("Detail", "termination: a participant pre-committed"),
    QT_TRANSLATE_NOOP("Detail", "timeout waiting for votes"),
    QT_TRANSLATE_NOOP("Detail", "insufficient credit"),
    QT_TRANSLATE_NOOP("Detail", "cell %1 full"),
    QT_TRANSLATE_NOOP("Detail", "subscriber id must have 5 to 15 digits"),
    QT_TRANSLATE_NOOP("Detail", "subscriber id may contain digits only"),
    QT_TRANSLATE_NOOP("Detail", "traffic class must be VOICE or DATA"),
    QT_TRANSLATE_NOOP("Detail", "protocol must be 2PC or 3PC"),
    QT_TRANSLATE_NOOP("Detail", "session duration must be whole lab milliseconds from 0 to %1"),
    // The coordinator.
    QT_TRANSLATE_NOOP("Detail", "tx PREPARING (intent logged)"),
    QT_TRANSLATE_NOOP("Detail", "tx PRECOMMITTING (all voted YES)"),
    QT_TRANSLATE_NOOP("Detail", "tx %1"),
    QT_TRANSLATE_NOOP("Detail", "release %1"),
    QT_TRANSLATE_NOOP("Detail", "%1: asking again"),
    QT_TRANSLATE_NOOP("Detail", "release of the session set up by tx %1 (it lasted %2 s)"),
    QT_TRANSLATE_NOOP("Detail", "session already claimed by tx %1, committed: answering for it"),
    QT_TRANSLATE_NOOP("Detail", "session already claimed by tx %1: not started"),
    QT_TRANSLATE_NOOP("Detail", "session already released by tx %1: answering for it"),
    QT_TRANSLATE_NOOP("Detail", "session's release already claimed by tx %1: not started"),
    QT_TRANSLATE_NOOP("Detail", "session not claimed (dsm silent): not started"),
    QT_TRANSLATE_NOOP("Detail", "session %1 read by %2 at v%3"),
    QT_TRANSLATE_NOOP("Detail", "%1 read by %2 at v%3"),
    QT_TRANSLATE_NOOP("Detail", "recovered from the log: %1 transactions, %2 resumed"),
    QT_TRANSLATE_NOOP("Detail", "recovered from the log: %1 records, %2 in doubt"),
    QT_TRANSLATE_NOOP("Detail", "recovered %1 keys and %2 stream events from the log"),
    QT_TRANSLATE_NOOP("Detail", "recovery could not reserve again: %1"),
    // Participants.
    QT_TRANSLATE_NOOP("Detail", "PREPARED, vote YES: %1"),
    QT_TRANSLATE_NOOP("Detail", "vote NO: %1"),
    QT_TRANSLATE_NOOP("Detail", "release %1 units in cell %2"),
    QT_TRANSLATE_NOOP("Detail", "%1 units in cell %2"),
    QT_TRANSLATE_NOOP("Detail", "release: %1 credit from %2, %3 s"),
    QT_TRANSLATE_NOOP("Detail", "%1 credit from %2"),
    QT_TRANSLATE_NOOP("Detail", "charging record: %1"),
    QT_TRANSLATE_NOOP("Detail", "no units held for tx %1"),
    QT_TRANSLATE_NOOP("Detail", "no charge held for tx %1"),
    QT_TRANSLATE_NOOP("Detail", "in doubt: asking the coordinator"),
    QT_TRANSLATE_NOOP("Detail", "coordinator silent: termination protocol"),
    QT_TRANSLATE_NOOP("Detail", "PREPARE dropped after its lock wait: stale fencing token %1"),
    // The edge.
    QT_TRANSLATE_NOOP("Detail", "accepted %1 session for %2"),
    QT_TRANSLATE_NOOP("Detail", "session ended after %1 s: asking %2 to release it"),
    QT_TRANSLATE_NOOP("Detail", "asking %1 again to release the session (no answer yet)"),
    QT_TRANSLATE_NOOP("Detail",
                      "asking %1 again to release the session (the last release ABORTED)"),
    QT_TRANSLATE_NOOP("Detail", "asking %1 again (no answer yet)"),
    QT_TRANSLATE_NOOP("Detail", "asking %1 again (was sent to %2)"),
    QT_TRANSLATE_NOOP("Detail", "redirected to %1 (not leader: %2)"),
    QT_TRANSLATE_NOOP("Detail", "leader is now %1"),
    QT_TRANSLATE_NOOP("Detail", "edge watches %1"),
    // Leadership and the dsm.
    QT_TRANSLATE_NOOP("Detail", "became leader (fencing token %1)"),
    QT_TRANSLATE_NOOP("Detail", "lost leadership (fencing token %1)"),
    QT_TRANSLATE_NOOP("Detail", "%1 lease held, refused to %2 (v%3, token %4)"),
    QT_TRANSLATE_NOOP("Detail", "%1 renewed by %2 (v%3, token %4)"),
    QT_TRANSLATE_NOOP("Detail", "%1 v%2→v%3 %4 by %5 token %6"),
    QT_TRANSLATE_NOOP("Detail", "%1 v%2→v%3 by %4"),
    QT_TRANSLATE_NOOP("Detail", "%1: conflict for %2 (at v%3)"),
    QT_TRANSLATE_NOOP("Detail", "stale fencing token %1 < %2"),
    QT_TRANSLATE_NOOP("Detail", "%1 consumes group %2 (%3 pending)"),
    QT_TRANSLATE_NOOP("Detail", "gap in session stream: got %1 after %2"),
    // Locks.
    QT_TRANSLATE_NOOP("Detail", "deadlock: %1; found %2 ms after it formed"),
    QT_TRANSLATE_NOOP("Detail", "%1 waits for %2"),
    QT_TRANSLATE_NOOP("Detail", "victim: the youngest in the cycle"),
    QT_TRANSLATE_NOOP("Detail", "victim: waited longer than %1 ms"),
    // Connections and the network.
    QT_TRANSLATE_NOOP("Detail", "connected"),
    QT_TRANSLATE_NOOP("Detail", "connect failed, retrying in %1 ms"),
    QT_TRANSLATE_NOOP("Detail", "connection lost, reconnecting in %1 ms"),
    QT_TRANSLATE_NOOP("Detail", "dropped in flight: partition"),
    QT_TRANSLATE_NOOP("Detail", "dropped: partition"),
    QT_TRANSLATE_NOOP("Detail", "dropped: loss"),
    QT_TRANSLATE_NOOP("Detail", "dropped by hand (step mode)"),
    // Refused frames: the wire error and the frame's size.
    QT_TRANSLATE_NOOP("Detail", "%1 (%2 bytes)"),
    QT_TRANSLATE_NOOP("Detail", "truncated"),
    QT_TRANSLATE_NOOP("Detail", "oversized"),
    QT_TRANSLATE_NOOP("Detail", "bad-cbor"),
    QT_TRANSLATE_NOOP("Detail", "trailing-garbage"),
    QT_TRANSLATE_NOOP("Detail", "unknown-type"),
    QT_TRANSLATE_NOOP("Detail", "bad-version"),
    QT_TRANSLATE_NOOP("Detail", "wrong-receiver"),
    QT_TRANSLATE_NOOP("Detail", "unknown-key"),
    QT_TRANSLATE_NOOP("Detail", "bad-signature"),
    QT_TRANSLATE_NOOP("Detail", "replay"),
    QT_TRANSLATE_NOOP("Detail", "stale-timestamp"),
    QT_TRANSLATE_NOOP("Detail", "stale-token"),
    QT_TRANSLATE_NOOP("Detail", "not-authorized"),
    QT_TRANSLATE_NOOP("Detail", "mallory (%1): forged %2 as %3"),
    QT_TRANSLATE_NOOP("Detail", "mallory (%1): %2"),
    QT_TRANSLATE_NOOP("Detail", "replayed a captured frame from %1"),
    QT_TRANSLATE_NOOP("Detail", "tampered with a captured %1 from %2"),
    QT_TRANSLATE_NOOP("Detail", "PREPARE under a stale fencing token"),
    QT_TRANSLATE_NOOP("Detail", "a length prefix of 2 GiB"),
    // Faults switched on and off.
    QT_TRANSLATE_NOOP("Detail", "every fault cleared"),
    QT_TRANSLATE_NOOP("Detail", "partition healed"),
    QT_TRANSLATE_NOOP("Detail", "split %1 | %2"),
    QT_TRANSLATE_NOOP("Detail", "link %1 -> %2: healthy"),
    QT_TRANSLATE_NOOP("Detail", "link %1 <-> %2: healthy"),
    QT_TRANSLATE_NOOP("Detail", "link %1 -> %2: %3"),
    QT_TRANSLATE_NOOP("Detail", "link %1 <-> %2: %3"),
    QT_TRANSLATE_NOOP("Detail", "+%1 ms ±%2 ms"),
    QT_TRANSLATE_NOOP("Detail", "drop %1%"),
    QT_TRANSLATE_NOOP("Detail", "duplicate %1%"),
    QT_TRANSLATE_NOOP("Detail", "reorder %1%"),
    QT_TRANSLATE_NOOP("Detail", "%1: votes NO %2%, prepare delay %3 ms"),
    QT_TRANSLATE_NOOP("Detail", "%1 slow: +%2 ms per message"),
    QT_TRANSLATE_NOOP("Detail", "%1 at full speed"),
    QT_TRANSLATE_NOOP("Detail", "%1 crashed"),
    QT_TRANSLATE_NOOP("Detail", "%1 restarted"),
    QT_TRANSLATE_NOOP("Detail", "%1 paused"),
    QT_TRANSLATE_NOOP("Detail", "%1 resumed"),
    QT_TRANSLATE_NOOP("Detail", "%1 isolated"),
    QT_TRANSLATE_NOOP("Detail", "crashed"),
    QT_TRANSLATE_NOOP("Detail", "restarted"),
    // The edge's guard, hosts and logs.
    QT_TRANSLATE_NOOP("Detail", "circuit breaker %1 (a session manager answered)"),
    QT_TRANSLATE_NOOP("Detail", "circuit breaker %1 (%2 failures in a row)"),
    QT_TRANSLATE_NOOP("Detail", "circuit breaker %1 (cool-down over: one probe)"),
    QT_TRANSLATE_NOOP("Detail", "closed"),
    QT_TRANSLATE_NOOP("Detail", "open"),
    QT_TRANSLATE_NOOP("Detail", "half-open"),
    QT_TRANSLATE_NOOP("Detail", "request refused: %1"),
    QT_TRANSLATE_NOOP("Detail", "dead letter replayed to %1"),
    QT_TRANSLATE_NOOP("Detail", "peer is back: reconnecting now"),
    QT_TRANSLATE_NOOP("Detail", "edge ignores %1"),
    QT_TRANSLATE_NOOP("Detail", "release without its set-up transaction: ignored"),
    QT_TRANSLATE_NOOP("Detail", "send buffer full, frame dropped"),
    QT_TRANSLATE_NOOP("Detail", "restart failed: cannot listen again: %1"),
    QT_TRANSLATE_NOOP("Detail", "cannot write %1: %2"),
    QT_TRANSLATE_NOOP("Detail", "cannot open %1: %2"),
    QT_TRANSLATE_NOOP("Detail", "its log"),
    // The invariant checker's findings.
    QT_TRANSLATE_NOOP("Detail", "COMMIT"),
    QT_TRANSLATE_NOOP("Detail", "ABORT"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 decided %3 after it settled as %4"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 decided %3, the coordinator %4"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 decided %3, %4 %5"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 reversed its decision to %3"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 committed without a YES from %3"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 committed before any durable coordinator decision"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: the coordinator never decided"),
    QT_TRANSLATE_NOOP("Detail", "tx %1: %2 voted YES and never learned the outcome"),
    QT_TRANSLATE_NOOP("Detail", "tx %1 aborted in a run with no faults"),
    QT_TRANSLATE_NOOP("Detail", "%1 accepted a PREPARE with fencing token %2 after token %3"),
    QT_TRANSLATE_NOOP("Detail", "key %1 went from version %2 to %3"),
    QT_TRANSLATE_NOOP("Detail", "%1 accepted event %2 of session %3 after %4"),
    QT_TRANSLATE_NOOP("Detail", "two leaders with fencing token %1: %2 and %3"),
    QT_TRANSLATE_NOOP("Detail", "session %1 decided by tx %2 and again by tx %3"),
    QT_TRANSLATE_NOOP("Detail", "session %1 committed by tx %2 after its client was told "
                                "ABORTED (trace event #%3)"),
    QT_TRANSLATE_NOOP("Detail", "%1 committed release tx %2 of the session set up by tx %3 after "
                                "release tx %4: what it held is freed twice"),
    QT_TRANSLATE_NOOP("Detail", "release tx %1 committed for session %2, whose set-up tx %3 "
                                "never committed"),
    QT_TRANSLATE_NOOP("Detail", "session %1 released by tx %2 and again by tx %3"),
    QT_TRANSLATE_NOOP("Detail",
                      "the client of session %1 was told RELEASED and no release of it committed"),
    QT_TRANSLATE_NOOP("Detail", "the client of session %1 was told RELEASED by tx %2, which did "
                                "not release it"),
    QT_TRANSLATE_NOOP("Detail", "the client of session %1 was told COMMITTED and no coordinator "
                                "committed it"),
    QT_TRANSLATE_NOOP("Detail", "the client of session %1 was told COMMITTED by tx %2, which did "
                                "not commit it"),
    QT_TRANSLATE_NOOP("Detail", "the client of session %1 was told ABORTED though tx %2 "
                                "committed it"),
    QT_TRANSLATE_NOOP("Detail", "the trace filled up after %1 events and %2 more were not "
                                "recorded: end-of-run rules (AC4, AC5) not checked"),
};

struct Phrase
{
    const char *source;
    QRegularExpression re;
    std::vector<bool> measure; // per argument: a quantity in s or ms (its number is localised)
    bool verbatimLast = false; // ends in ": %n": an error text from outside (SQLite, the OS),
                               // shown as it is when no phrase fits it
};

const std::vector<Phrase> &phrases()
{
    static const std::vector<Phrase> table = [] {
        std::vector<Phrase> t;
        static const QRegularExpression arg(u"%([1-9])"_s);
        static const QRegularExpression unit(u"^ m?s\\b"_s);
        for (const char *p : kPhrases) {
            const QString source = QString::fromUtf8(p);
            QString re = u"^"_s;
            qsizetype at = 0;
            std::vector<bool> measure;
            for (auto it = arg.globalMatch(source); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                re += QRegularExpression::escape(source.mid(at, m.capturedStart() - at));
                re += u"(.+?)"_s;
                at = m.capturedEnd();
                measure.push_back(unit.match(source.mid(at)).hasMatch());
            }
            re += QRegularExpression::escape(source.mid(at)) + u'$';
            const bool verbatimLast = !measure.empty() && at == source.size() &&
                                      source.mid(at - 4, 2) == u": "_s && !source.startsWith(u'%');
            t.push_back(Phrase{p, QRegularExpression(re), std::move(measure), verbatimLast});
        }
        return t;
    }();
    return table;
}

// Data alone: node and key names, ids, numbers, lists of them ("{sm-1, rm}", "2.1").
bool isData(const QString &text)
{
    static const QRegularExpression data(
        u"^[{(]?(edge|sm-\\d+|rm|billing|analytics|dsm|mallory|[a-z]+/[\\w*-]+|/[\\w./-]+|[A-Z_]+|"
        "\\d+(\\.\\d+)?|VOICE|DATA|2PC|3PC)(, (edge|sm-\\d+|rm|billing|analytics|dsm|mallory))*"
        "[})]?$"_s);
    return data.match(text).hasMatch();
}

QString translateIn(const QString &text, bool *ok, int depth, bool measure = false)
{
    if (depth > 6) {
        *ok = false;
        return text;
    }
    for (const Phrase &p : phrases()) {
        const QRegularExpressionMatch m = p.re.match(text);
        if (!m.hasMatch())
            continue;
        bool argsOk = true;
        QString out = QCoreApplication::translate("Detail", p.source);
        QStringList args;
        for (int i = 1; i <= m.lastCapturedIndex(); ++i) {
            bool argOk = true;
            args << translateIn(m.captured(i), &argOk, depth + 1,
                                p.measure[static_cast<size_t>(i - 1)]);
            argsOk = argsOk && (argOk || (p.verbatimLast && i == m.lastCapturedIndex()));
        }
        if (!argsOk)
            continue; // another phrasing may fit the whole better
        for (int i = 0; i < args.size(); ++i)
            out.replace(u'%' + QString::number(i + 1), args.at(i));
        *ok = true;
        return out;
    }
    // A list: "+3 ms ±21 ms, drop 3%, duplicate 8%", each part a phrase or data.
    if (text.contains(u", "_s)) {
        QStringList parts = text.split(u", "_s);
        bool all = true;
        for (QString &part : parts) {
            bool partOk = false;
            part = translateIn(part, &partOk, depth + 1);
            all = all && partOk;
        }
        if (all) {
            *ok = true;
            return parts.join(QCoreApplication::translate("Detail", ", "));
        }
    }
    *ok = isData(text);
    return measure ? localNumber(text) : text; // an id such as tx 2.15 stays as it is
}

} // namespace

QString localNumber(const QString &text)
{
    static const QRegularExpression decimal(u"^\\d+\\.(\\d+)$"_s);
    const QRegularExpressionMatch m = decimal.match(text);
    if (!m.hasMatch())
        return text;
    return QLocale().toString(text.toDouble(), 'f', static_cast<int>(m.capturedLength(1)));
}

QString translate(const QString &english)
{
    if (english.isEmpty())
        return english;
    // The views ask for the same few hundred texts at every repaint: remember them (the
    // window's thread only; bounded).
    static QHash<QString, QString> cache;
    static QString language;
    if (language != QLocale().name()) {
        cache.clear();
        language = QLocale().name();
    }
    if (const auto it = cache.constFind(english); it != cache.cend())
        return *it;
    bool ok = false;
    QString out = translateIn(english, &ok, 0);
    if (!ok)
        out = english;
    if (cache.size() > 20000)
        cache.clear();
    cache.insert(english, out);
    return out;
}

bool known(const QString &english)
{
    if (english.isEmpty())
        return true;
    bool ok = false;
    translateIn(english, &ok, 0);
    return ok;
}

} // namespace edgecore::detailtext
