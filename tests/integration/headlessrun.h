#pragma once
// The headless runner as the tests call it: what it printed on each stream and its exit code.

#include "lab/headless.h"
#include "trace/tracefile.h"
#include "trace/tracestore.h"

#include <QDir>
#include <QString>
#include <QTextStream>

#include <memory>

namespace edgecore::testing {

using namespace Qt::Literals::StringLiterals;

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

inline Run run(const HeadlessOptions &o)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = runHeadless(o, out, err);
    out.flush();
    err.flush();
    return r;
}

// Runs o (its outDir set) and reads back the trace.ectrace it wrote; a run that wrote none
// stops the test program with the runner's and the reader's words.
inline std::unique_ptr<TraceStore> recordedTrace(const HeadlessOptions &o)
{
    const Run r = run(o);
    TraceFileContents read = readTraceFile(QDir(o.outDir).filePath(u"trace.ectrace"_s));
    if (!read.trace)
        qFatal("%s", qPrintable(read.error + r.err));
    return std::move(read.trace);
}

} // namespace edgecore::testing
