#include "utf8repair.h"

#include "parsertext.h"

#include <QXmlStreamReader>

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

QByteArray xmlRepairingUtf8(QByteArrayView xml) {
    QXmlStreamReader declaration(xml.first(qMin<qsizetype>(xml.size(), 256)).toByteArray());
    declaration.readNext(); // the XML declaration, when there is one
    const QStringView encoding = declaration.documentEncoding();
    if (!encoding.isEmpty() && encoding.compare(QLatin1String("utf-8"), Qt::CaseInsensitive) != 0)
        return xml.toByteArray();
    return QString::fromUtf8(xml).toUtf8();
}
