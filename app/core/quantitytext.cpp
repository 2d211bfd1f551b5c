#include "quantitytext.h"

QString countText(qint64 count) {
    QString digits = QString::number(count < 0 ? -count : count);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return count < 0 ? QLatin1Char('-') + digits : digits;
}

QString sizeText(qint64 bytes) {
    if (bytes == 1)
        return QStringLiteral("1 byte");
    if (bytes < 1'000'000)
        return countText(bytes) + QStringLiteral(" bytes");
    if (bytes < 1'000'000'000)
        return QString::number(double(bytes) / 1e6, 'f', 1) + QStringLiteral(" MB");
    return QString::number(double(bytes) / 1e9, 'f', 2) + QStringLiteral(" GB");
}
