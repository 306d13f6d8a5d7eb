#include "deadletters.h"

#include "services/sessionmanager.h"
#include "storage/sqlitestorage.h"

#include <QDir>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

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
    for (const QString &file : files) {
        SqliteStorage s;
        if (!s.open(d.filePath(file))) {
            err << "edgecore-lab: cannot open " << d.filePath(file) << ": " << s.lastError()
                << '\n';
            continue;
        }
        for (const SessionManager::DeadLetter &l : SessionManager::deadLettersIn(s.readAll())) {
            out << file.section(u'.', 0, 0) << "  tx " << formatId(l.tx) << "  session "
                << formatId(l.session) << "  " << (l.commit ? "COMMIT" : "ABORT") << " to node "
                << l.to << "  given up at " << QString::number(double(l.labUs) / 1e6, 'f', 3)
                << " s\n";
            ++total;
        }
    }
    out << total << (total == 1 ? " dead letter\n" : " dead letters\n");
    return 0;
}

} // namespace edgecore
