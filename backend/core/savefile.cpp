#include "savefile.h"

#include <QJsonDocument>
#include <QJsonObject>
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

bool writeJsonFile(const QString &path, const QJsonObject &obj, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"cannot write "_s + path + u": "_s + f.errorString();
        return false;
    }
    f.write(QJsonDocument(obj).toJson(QJsonDocument::Indented));
    return commitFile(f, error);
}

} // namespace edgecore
