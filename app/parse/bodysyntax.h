#pragma once

#include <QByteArrayView>
#include <QString>

// What a body is, judged from its bytes rather than from the format asked for or the content
// type claimed: servers and proxies answer JSON requests with XML errors and HTML pages.

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
