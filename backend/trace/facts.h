#pragma once
// Readable values of the facts a trace event carries in `reason` and `seq` (a vote's YES and
// its fencing token, a decision's COMMIT, a lease's token, ...), so exports and views show
// them without each decoding the numbers again.

#include "traceevent.h"

namespace edgecore {

// "YES (token 3)", "COMMIT", "PRECOMMIT", "leader (token 2)", "event 4", "loss", ...; empty for
// kinds whose meaning is all in `detail`.
QString factValue(const TraceEvent &e);

} // namespace edgecore
