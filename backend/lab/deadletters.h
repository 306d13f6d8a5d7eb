#pragma once
// `edgecore-lab --dead-letters DIR`: lists the dead-letter queues kept in a run's SQLite files.

#include <QString>

class QTextStream;

namespace edgecore {

// 0: listed (possibly none), 2: no such folder or no service log in it.
int listDeadLetters(const QString &dir, QTextStream &out, QTextStream &err);

} // namespace edgecore
