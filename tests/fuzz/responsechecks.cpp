// The whole-body response parsers under fuzzing: the customer list and the error shapes.
#include "fuzzchecks.h"

#include "parse/apierrorshapes.h"
#include "parse/bodysyntax.h"
#include "parse/contenttype.h"
#include "parse/customerparser.h"
#include "parse/deleteresultparser.h"

#include <QList>

namespace FuzzChecks {

namespace {

// What the parsers say about a broken body names what and where; it never echoes the body at
// length. The server's own words (an API error) are exempt: they are what the user must read.
constexpr qsizetype maxDescription = 400;

QString checkedText(const QString &text, const char *what) {
    if (text.size() > maxDescription)
        return QStringLiteral("%1 of %2 characters: \"%3\"")
            .arg(QLatin1String(what))
            .arg(text.size())
            .arg(text.left(200));
    if (!isValidUtf8(text))
        return QStringLiteral("%1 with a lone surrogate: \"%2\"").arg(QLatin1String(what), text);
    return {};
}

} // namespace

QString customers(QByteArrayView input) {
    const Customer sentinel{
        QStringLiteral("id"), QStringLiteral("sentinel"), {}, {}, {}, false, {}};
    QList<Customer> list{sentinel};
    const ParseResult result = parseCustomers(input, &list);
    const bool apiError = recogniseApiError(input).has_value();
    if (!result.ok) {
        if (list != QList<Customer>{sentinel})
            return QStringLiteral("a failed parse changed the list");
        if (result.error.trimmed().isEmpty())
            return QStringLiteral("a failed parse without a reason");
        if (result.serverError != apiError)
            return QStringLiteral("serverError is %1 but recogniseApiError() says %2 (\"%3\")")
                .arg(int(result.serverError))
                .arg(int(apiError))
                .arg(result.error.left(200));
        return result.serverError ? QString() : checkedText(result.error, "the reason");
    }
    if (apiError)
        return QStringLiteral("an API error body was accepted as a list of customers");
    if (!result.error.isEmpty() || result.serverError)
        return QStringLiteral("success with an error text");
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).username.trimmed().isEmpty())
            return QStringLiteral("customer %1 has no username").arg(i + 1);
    }
    return {};
}

QString apiErrors(QByteArrayView input) {
    const std::optional<QString> words = recogniseApiError(input);
    const BodySyntax syntax = sniffBody(input);
    if (words && syntax != BodySyntax::Json && syntax != BodySyntax::Xml)
        return QStringLiteral("an API error in a body that is neither JSON nor XML");
    if (words)
        isAuthenticationMessage(*words); // must simply not crash on any words

    DeleteOutcome outcome = DeleteOutcome::NotOnList;
    const ParseResult deleted = parseDeleteResult(input, &outcome);
    if (words && (deleted.ok || !deleted.serverError))
        return QStringLiteral("an API error body was not reported as the server's words by "
                              "parseDeleteResult()");
    if (!words && deleted.serverError)
        return QStringLiteral("parseDeleteResult() reported server words that "
                              "recogniseApiError() does not see");
    if (!deleted.ok && deleted.error.trimmed().isEmpty())
        return QStringLiteral("a failed delete without a reason");
    if (deleted.ok && !deleted.error.isEmpty())
        return QStringLiteral("a successful delete with an error text");
    if (!deleted.ok && !deleted.serverError) {
        if (QString broken = checkedText(deleted.error, "the delete's reason"); !broken.isEmpty())
            return broken;
    }

    // "Quotes at most a few dozen characters of the body": a noun phrase for a message.
    const QString description = describeBody(input);
    if (description.isEmpty())
        return QStringLiteral("describeBody() gave nothing");
    constexpr qsizetype maxPhrase = 120;
    if (description.size() > maxPhrase)
        return QStringLiteral("describeBody() gave %1 characters: \"%2\"")
            .arg(description.size())
            .arg(description);
    if (!isValidUtf8(description))
        return QStringLiteral("describeBody() gave a lone surrogate");

    isAcceptableContentType(input.toByteArray()); // a header value is untrusted text too
    return {};
}

} // namespace FuzzChecks
