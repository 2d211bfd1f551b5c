#pragma once

#include "core/customer.h"
#include "responseformat.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QList>
#include <QString>

#include <optional>

// Parsers for the small, whole-body responses, and the recogniser of every error shape in
// api-notes.md. All of them judge the body by its content (JSON or XML is sniffed from the
// first significant character), not only by the format that was asked for.

// The server's own words when `body` is an API error in any known shape:
//   {"message":"error","errors":["..."]}, {"error":{"code":401,"message":"..."}},
//   {"error":"..."}, {"errors":[{"field":null,"message":"..."}]},
//   <result><message>error</message><errors><error>...</error></errors></result>
// Several messages are joined with "; ". std::nullopt when the body is not an error; an empty
// string when it is one without any words ({"message":"error"}).
std::optional<QString> recogniseApiError(QByteArrayView body);

// What a body is, judged from its first significant bytes (after a UTF-8 BOM and whitespace).
enum class BodySyntax { Empty, Json, Xml, Html, Other };
BodySyntax sniffBody(QByteArrayView body);
// A short noun phrase for a body that is not the data asked for, for messages: "an empty body",
// "an HTML page (“502 Bad Gateway”)", "plain text starting “Service Unavail…”", "a JSON object".
// Quotes at most a few dozen characters of the body, as plain text.
QString describeBody(QByteArrayView body);
// True when the body is a JSON or XML document that stops before its end (an object, list,
// string or element still open): what a connection closed between two chunks leaves, which
// Qt 6.4 reports as a complete answer when the body was sent in chunks.
bool endsMidDocument(QByteArrayView body);

// True when the server's words say the credentials are wrong ("wrong credentials",
// "Bad username / password", ...), so the UI can point at the connection settings.
bool isAuthenticationMessage(const QString &serverMessage);

struct ParseResult {
    bool ok = false;
    QString error; // what is wrong with the body, when !ok (never contains the whole body)
    bool serverError = false; // the body was an API error: `error` holds the server's words
};

// `method=profile&task=get`: JSON array of users or XML <users><user>...</user></users>.
ParseResult parseCustomers(QByteArrayView body, QList<Customer> *customers);

// `method=bounces&task=delete`: {"message":"success"} / <result><message>success</message></result>
// NotOnListAfterLostAnswer: "Email does not exist" to a retry, after an attempt whose answer was
// lost: most likely that attempt deleted it. Gone all the same.
enum class DeleteOutcome { Deleted, NotOnList, NotOnListAfterLostAnswer };
// ok=false with error = the server's words (or what is malformed) when it is not a success.
ParseResult parseDeleteResult(QByteArrayView body, DeleteOutcome *outcome);

// QJsonDocument::fromJson refuses a whole document for one invalid UTF-8 byte, and a customer
// list relays names typed anywhere: invalid sequences become U+FFFD instead, as the bounce
// parsers do. `json` starts at its first significant byte or before (a BOM, white space).
QJsonDocument parseJsonRepairingUtf8(QByteArrayView json, QJsonParseError *error = nullptr);
// The same for XML that declares UTF-8, or no encoding; any other declared encoding (such as
// ISO-8859-1) cannot be invalid and is returned as it is.
QByteArray xmlRepairingUtf8(QByteArrayView xml);

// Content types the API may legitimately answer with (json, xml, text/plain for some proxies
// is NOT accepted). An empty content type is accepted: the body sniffing decides.
bool isAcceptableContentType(const QByteArray &contentType);
