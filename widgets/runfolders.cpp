#include "runfolders.h"

#include <QDateTime>
#include <QDir>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace edgecore::runfolders {

QString newRun(const QString &runsFolder, const QDateTime &when, quint64 seed)
{
    return QDir(runsFolder)
        .filePath(when.toString(u"yyyyMMdd-HHmmss-zzz"_s) + u"-seed"_s + QString::number(seed));
}

bool isRunName(const QString &name)
{
    static const QRegularExpression re(u"^\\d{8}-\\d{6}-\\d{3}-seed\\d{1,20}$"_s);
    return re.match(name).hasMatch();
}

QStringList list(const QString &runsFolder)
{
    const QDir dir(runsFolder);
    QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    names.erase(
        std::remove_if(names.begin(), names.end(), [](const QString &n) { return !isRunName(n); }),
        names.end());
    // The name starts with the time it was made: newest first is reverse name order.
    std::sort(names.begin(), names.end(), std::greater<>());
    QStringList paths;
    for (const QString &n : std::as_const(names))
        paths << dir.absoluteFilePath(n);
    return paths;
}

QStringList prune(const QString &runsFolder, int keep, const QString &current, QStringList *failed)
{
    const QString currentPath = current.isEmpty() ? QString() : QDir(current).absolutePath();
    QStringList removed;
    int kept = 0;
    for (const QString &path : list(runsFolder)) {
        if (path == currentPath || kept < keep - (currentPath.isEmpty() ? 0 : 1)) {
            if (path != currentPath)
                ++kept;
            continue;
        }
        if (QDir(path).removeRecursively())
            removed << path;
        else if (failed)
            *failed << path;
    }
    return removed;
}

} // namespace edgecore::runfolders
