#pragma once
// The headless runner as the tests call it: what it printed on each stream and its exit code.

#include "lab/headless.h"

#include <QString>
#include <QTextStream>

namespace edgecore::testing {

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

} // namespace edgecore::testing
