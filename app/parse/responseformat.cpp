#include "responseformat.h"

QString responseFormatName(ResponseFormat format) {
    return format == ResponseFormat::Xml ? QStringLiteral("xml") : QStringLiteral("json");
}

bool parseResponseFormat(QStringView text, ResponseFormat *format) {
    const QStringView trimmed = text.trimmed();
    ResponseFormat parsed;
    if (trimmed.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        parsed = ResponseFormat::Json;
    else if (trimmed.compare(QLatin1String("xml"), Qt::CaseInsensitive) == 0)
        parsed = ResponseFormat::Xml;
    else
        return false;
    if (format)
        *format = parsed;
    return true;
}
