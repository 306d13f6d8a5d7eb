#pragma once
// The run folder's own trace file, trace.ectrace: every field of every event (vector clocks
// and details included), so a saved run reads back exactly as it was recorded. trace.json (the
// Chrome format) stays an export for other viewers; this is the file the lab opens.
//
// Layout, little-endian: the 16-byte magic "EDGECORE-TRACE\n\0", a u32 format version (1),
// then frames, each a u32 payload length, the payload and the CRC-32 of the payload. The
// first frame is the header (node count, node names); each later frame is one event. A
// truncated last frame (a run killed or still being written) is left out and reported; any
// other damage (a bad CRC, an impossible field, a foreign file) refuses the file whole.

#include <QString>

#include <memory>

class QIODevice;

namespace edgecore {

class TraceStore;

inline constexpr char kTraceFileName[] = "trace.ectrace";

// Writes path through a temporary file renamed into place, so a failed write (a full disk)
// leaves no half file and the reason in *error.
bool writeTraceFile(const TraceStore &trace, const QString &path, QString *error = nullptr);
bool writeTraceFile(const TraceStore &trace, QIODevice &out, QString *error = nullptr);

struct TraceFileContents
{
    std::unique_ptr<TraceStore> trace; // null when the file was refused
    QString error;                     // why it was refused
    bool truncated = false;            // the last event was cut off (left out)
};
// A file larger than backedAbove bytes opens backed by itself: memory keeps its newest
// residentChunks chunks, and the rest is read back from the file when asked for (the default:
// above 400 MB, about 2.5 million events).
inline constexpr qint64 kBackedTraceBytes = qint64(400) << 20;
TraceFileContents readTraceFile(const QString &path, qint64 backedAbove = kBackedTraceBytes,
                                qsizetype residentChunks = 64);
TraceFileContents readTraceFile(QIODevice &in);

} // namespace edgecore
