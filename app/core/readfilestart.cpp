#include "readfilestart.h"

#include <QFile>
#include <QFileInfo>

std::optional<QByteArray> readFileStart(const QString &path, qint64 maxBytes, QString *why) {
    // QFile opens a directory without complaint and then reads nothing.
    if (QFileInfo(path).isDir()) {
        *why = QStringLiteral("it is a directory");
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return std::nullopt;
    }
    return file.read(maxBytes);
}
