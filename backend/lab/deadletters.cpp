#include "deadletters.h"

#include "services/sessionmanager.h"
#include "storage/ledger.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QTextStream>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

namespace {

// The first dead-letter row of a log that does not say what SessionManager writes, as an
// error naming it; empty when every one parses.
QString unparsableRow(const LogFile &log)
{
    for (qsizetype i = 0; i < log.records.size(); ++i) {
        const LogRecord &r = log.records[i];
        const bool done = r.kind == u"dead-letter-done"_s;
        if (!done && r.kind != u"dead-letter"_s)
            continue;
        QCborParserError error;
        const QCborValue data = QCborValue::fromCbor(r.data, &error);
        const QCborValue to = data.toMap().value(u"to"_s);
        const QCborValue token = data.toMap().value(u"token"_s);
        QString why;
        if (error.error != QCborError::NoError || error.offset != r.data.size() || !data.isMap())
            why = u"its data is not a CBOR map"_s;
        else if (!to.isInteger() || to.toInteger() <= kNoNode ||
                 to.toInteger() > std::numeric_limits<NodeId>::max())
            why = u"it names no node to send to"_s;
        else if (!done && (!token.isInteger() || token.toInteger() < 0))
            why = u"it has no fencing token"_s;
        else if (!done && r.state != u"COMMIT"_s && r.state != u"ABORT"_s)
            why = u"its decision is '"_s + r.state + u"', not COMMIT or ABORT"_s;
        if (!why.isEmpty())
            return u"row "_s + QString::number(log.rows[i]) + u" ("_s + r.kind +
                   u") does not parse: "_s + why;
    }
    return {};
}

} // namespace

int listDeadLetters(const QString &dir, QTextStream &out, QTextStream &err)
{
    if (!QDir(dir).exists()) {
        err << "edgecore-lab: no such folder " << dir << '\n';
        return 2;
    }
    const QDir d(serviceLogFolder(dir));
    const QStringList files = d.entryList({u"sm-*.sqlite"_s}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        err << "edgecore-lab: no session manager log in " << d.path() << '\n';
        return 2;
    }
    int total = 0;
    bool allRead = true;
    for (const QString &file : files) {
        QString error;
        const std::optional<LogFile> log = readLogFile(d.filePath(file), &error);
        if (log)
            error = unparsableRow(*log);
        if (!error.isEmpty()) {
            err << "edgecore-lab: " << d.filePath(file) << ": " << error << '\n';
            allRead = false;
            continue;
        }
        for (const SessionManager::DeadLetter &l : SessionManager::deadLettersIn(log->records)) {
            out << file.section(u'.', 0, 0) << "  tx " << formatId(l.tx) << "  session "
                << formatId(l.session) << "  " << (l.commit ? "COMMIT" : "ABORT") << " to node "
                << l.to << "  given up at " << QString::number(double(l.labUs) / 1e6, 'f', 3)
                << " s\n";
            ++total;
        }
    }
    if (!allRead) // a count would claim to cover what could not be read
        return 1;
    out << total << (total == 1 ? " dead letter\n" : " dead letters\n");
    return 0;
}

} // namespace edgecore
