#pragma once
// trace.ectrace's pieces, for the writers and readers inside trace/ (the whole-file reader and
// writer in tracefile.cpp, and the trace store spilling its chunks as a run goes): the file's
// head, one event as a frame, and one frame decoded. The layout is in docs/internals.md.

#include "traceevent.h"

#include <QByteArray>
#include <QStringList>

namespace edgecore::tracecodec {

// The mark, the format version and the header frame (node count and names).
QByteArray head(int nodeCount, const QStringList &names);
// Appends the event as one frame: length, payload, CRC-32.
void appendEvent(QByteArray &out, const TraceEvent &e);
void appendFrame(QByteArray &out, const QByteArray &payload);
// Whether the frame's payload at p (length bytes, its CRC-32 after it) is whole.
bool checkFrame(const uchar *p, quint32 length);
enum class Decoded { Ok, OutOfRange, BadLength };
// Decodes one event's payload [p, end) of a file of that version into e.
Decoded decodeEvent(const uchar *p, const uchar *end, int nodeCount, quint32 version,
                    TraceEvent &e);

} // namespace edgecore::tracecodec
