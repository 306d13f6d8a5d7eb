#pragma once
// The run folders the window makes, one per start and reset, named
// yyyyMMdd-HHmmss-zzz-seedN in the runs folder: a new one's path, the ones there are (newest
// first), and removing the oldest beyond how many are kept. Only folders with that name are
// ever listed or removed; anything else in the runs folder is left alone.

#include <QString>
#include <QStringList>

class QDateTime;

namespace edgecore::runfolders {

QString newRun(const QString &runsFolder, const QDateTime &when, quint64 seed);
bool isRunName(const QString &name);
QStringList list(const QString &runsFolder); // absolute paths, newest first
// Removes the oldest run folders so that at most `keep` remain, never `current`. Returns the
// paths removed; the ones that could not be removed are in *failed.
QStringList prune(const QString &runsFolder, int keep, const QString &current,
                  QStringList *failed = nullptr);

} // namespace edgecore::runfolders
