#include "fuzzchecks.h"

#include <QStringDecoder>

namespace FuzzChecks {

Check checkNamed(std::string_view name) {
    for (const Target &target : targets) {
        if (name == target.name)
            return target.check;
    }
    return nullptr;
}

bool isValidUtf8(std::string_view text) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString ignored = decoder.decode(QByteArrayView(text.data(), qsizetype(text.size())));
    return !decoder.hasError();
}

bool isValidUtf8(const QString &text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return false;
    }
    return true;
}

} // namespace FuzzChecks
