#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

// The server's own words when `body` is an API error in any known shape (api-notes.md):
//   {"message":"error","errors":["..."]}, {"error":{"code":401,"message":"..."}},
//   {"error":"..."}, {"errors":[{"field":null,"message":"..."}]},
//   <result><message>error</message><errors><error>...</error></errors></result>
// Judged by content (JSON or XML is sniffed), whatever format was asked for. Several messages
// are joined with "; ". std::nullopt when the body is not an error; an empty string when it is
// one without any words ({"message":"error"}).
std::optional<QString> recogniseApiError(QByteArrayView body);

// True when the server's words say the credentials are wrong ("wrong credentials",
// "Bad username / password", ...), so the UI can point at the connection settings.
bool isAuthenticationMessage(const QString &serverMessage);
