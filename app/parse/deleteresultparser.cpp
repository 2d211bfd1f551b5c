#include "deleteresultparser.h"

#include "bodysyntax.h"
#include "parsertext.h"
#include "utf8repair.h"
#include "xmldocument.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace ParserText;

namespace {

std::optional<DeleteOutcome> deleteOutcomeFor(const QString &message) {
    QString text = message.trimmed();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (text.compare(QLatin1String("success"), Qt::CaseInsensitive) == 0)
        return DeleteOutcome::Deleted;
    if (text.compare(QLatin1String("email does not exist"), Qt::CaseInsensitive) == 0)
        return DeleteOutcome::NotOnList;
    return std::nullopt;
}

// The <message> of a <result>, or the "message" of a JSON object; null when there is none.
std::optional<QString> resultMessage(QByteArrayView body, BodySyntax syntax) {
    if (syntax == BodySyntax::Json) {
        const QJsonDocument document = parseJsonRepairingUtf8(body);
        const QJsonValue message = document.object().value(QLatin1String("message"));
        if (!message.isString())
            return std::nullopt;
        return message.toString();
    }
    const XmlDocument document = XmlDocument::read(body);
    if (!document.ok() || document.root().name != QLatin1String("result"))
        return std::nullopt;
    if (const XmlElement *message = document.root().firstChild(QLatin1String("message")))
        return message->text;
    return std::nullopt;
}

} // namespace

ParseResult parseDeleteResult(QByteArrayView body, DeleteOutcome *outcome) {
    if (std::optional<ParseResult> server = ParseResult::fromApiError(body))
        return *server;
    const BodySyntax syntax = sniffBody(body);
    if (syntax != BodySyntax::Json && syntax != BodySyntax::Xml)
        return ParseResult::failure(
            QStringLiteral("unexpected answer to a delete: %1").arg(describeBody(body)));
    const std::optional<QString> message = resultMessage(body, syntax);
    if (!message)
        return ParseResult::failure(
            QStringLiteral("unexpected answer to a delete: %1").arg(describeBody(body)));
    const std::optional<DeleteOutcome> result = deleteOutcomeFor(*message);
    if (!result)
        return ParseResult::failure(QStringLiteral("unexpected answer to a delete: %1")
                                        .arg(quoted(excerpt(message->toUtf8(), 80))));
    *outcome = *result;
    return ParseResult::success();
}
