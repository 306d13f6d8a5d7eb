#pragma once
// Writes a trace in the Chrome trace event format (chrome://tracing, Perfetto): one track per
// node, every message a flow arrow from the sender's track to the receiver's.

#include <QString>

class QIODevice;

namespace edgecore {

class TraceStore;

// Returns false with a reason when the device cannot be written.
bool writeChromeTrace(const TraceStore &trace, QIODevice &out, QString *error = nullptr);
bool writeChromeTrace(const TraceStore &trace, const QString &path, QString *error = nullptr);

} // namespace edgecore
