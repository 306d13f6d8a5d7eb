#pragma once
// Readable values of the facts a trace event carries in `reason` and `seq` (a vote's YES and
// its fencing token, a decision's COMMIT, a lease's token, ...), so exports and views show
// them without each decoding the numbers again.

#include "traceevent.h"

namespace edgecore {

// "YES (token 3)", "COMMIT", "PRECOMMIT", "leader (token 2)", "event 4", "loss", ...; empty for
// kinds whose meaning is all in `detail`.
QString factValue(const TraceEvent &e);

// A host's own lifecycle, on the TraceKind::State events the host (not its service) records:
// `reason` says which (services' state events leave it 0), `detail` says it in words.
enum class HostEvent : quint8 { None = 0, Crashed = 1, Restarted = 2 };
HostEvent hostEvent(const TraceEvent &e);
QString toString(HostEvent h); // "crashed", "restarted"

} // namespace edgecore
