#pragma once
// `edgecore-lab --dead-letters DIR`: lists the dead-letter queues kept in a run's SQLite files,
// read as evidence (read-only, nothing written or created beside them).

#include <QString>

class QTextStream;

namespace edgecore {

// 0: listed (possibly none); 1: a session manager's log cannot be read (empty, not SQLite,
// not an EdgeCore service log, or a dead-letter row that does not parse), one line each on
// err and no count; 2: no such folder or no session manager log in it.
int listDeadLetters(const QString &dir, QTextStream &out, QTextStream &err);

} // namespace edgecore
