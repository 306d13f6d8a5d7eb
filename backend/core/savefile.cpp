#include "savefile.h"

#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

bool commitFile(QSaveFile &f, QString *error)
{
    if (f.error() == QFileDevice::NoError && f.flush() && f.commit())
        return true;
    if (error)
        *error = u"cannot write "_s + f.fileName() + u": "_s + f.errorString();
    f.cancelWriting();
    return false;
}

} // namespace edgecore
