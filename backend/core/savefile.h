#pragma once
// Writing a file whole or not at all.

#include <QString>

class QJsonObject;
class QSaveFile;

namespace edgecore {

// Commits f, or cancels it and says why ("cannot write PATH: No space left on device").
// QSaveFile::commit() in Qt 6.4 reports success when its final flush fails (a full disk then
// leaves a 0-byte file in place of the old one), so the buffer is flushed and checked first.
bool commitFile(QSaveFile &f, QString *error);

// Writes obj to path as indented JSON, whole or not at all.
bool writeJsonFile(const QString &path, const QJsonObject &obj, QString *error);

} // namespace edgecore
