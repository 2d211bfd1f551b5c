#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The first `maxBytes` of a small file given by the user (a certificate, a private key): read
// whole when it is shorter. When it cannot be read, nothing, with *why saying why in words
// ("it is a directory", or the system's reason), for a message that names the file and never
// its contents.
std::optional<QByteArray> readFileStart(const QString &path, qint64 maxBytes, QString *why);
