#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

// What a parser of a small, whole body (a customer list, a delete result) made of it.
struct ParseResult {
    bool ok = false;
    QString error; // what is wrong with the body, when !ok (never contains the whole body)
    bool serverError = false; // the body was an API error: `error` holds the server's words

    static ParseResult success() { return ParseResult{true, {}, false}; }
    static ParseResult failure(QString error) {
        return ParseResult{false, std::move(error), false};
    }
    // The server's words when `body` is an API error in any known shape, whatever format was
    // asked for; std::nullopt when it is not one.
    static std::optional<ParseResult> fromApiError(QByteArrayView body);
};
