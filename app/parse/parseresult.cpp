#include "parseresult.h"

#include "apierrorshapes.h"

std::optional<ParseResult> ParseResult::fromApiError(QByteArrayView body) {
    const std::optional<QString> words = recogniseApiError(body);
    if (!words)
        return std::nullopt;
    return ParseResult{
        false,
        words->isEmpty() ? QStringLiteral("the server reported an error without details") : *words,
        true};
}
