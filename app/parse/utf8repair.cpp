#include "utf8repair.h"

#include "parsertext.h"

QJsonDocument parseJsonRepairingUtf8(QByteArrayView json, QJsonParseError *error) {
    QJsonParseError parseError;
    const QByteArray bytes = json.sliced(ParserText::firstSignificantByte(json)).toByteArray();
    QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::IllegalUTF8String)
        document = QJsonDocument::fromJson(QString::fromUtf8(bytes).toUtf8(), &parseError);
    if (error)
        *error = parseError;
    return document;
}
