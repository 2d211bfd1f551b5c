#include "rowkey.h"

QString RowKey::pair(const QString &email, const QString &group) {
    return email + QChar(separator) + group;
}

QString RowKey::email(const QString &pairKey) {
    const qsizetype at = pairKey.lastIndexOf(QChar(separator));
    return at < 0 ? pairKey : pairKey.left(at);
}

QString RowKey::group(const QString &pairKey) {
    const qsizetype at = pairKey.lastIndexOf(QChar(separator));
    return at < 0 ? QString() : pairKey.mid(at + 1);
}
