#pragma once

#include <QByteArrayList>
#include <QString>
#include <QStringList>

#include <memory>

struct ApiError;

// The one point every piece of server text passes before it reaches a message: a server may
// echo the request it got, and the key must never travel on into an error, a log line or a
// tooltip. It knows every spelling in which a server could echo the key: as sent, percent-
// encoded (either hex case, `+` for space), JSON-escaped (with or without `\/`, non-ASCII as
// `\u` escapes in either hex case), and HTML/XML-escaped (named or numeric references); and,
// in text, any piece of eight or more characters of those, since excerpts cut words short.
class KeyRedactor final {
public:
    KeyRedactor() = default;
    explicit KeyRedactor(const QString &key);

    // The redactor of `key` that the calls of this thread share while any of them holds it:
    // a v3 export makes 2,000 calls with one key, and working out every spelling for each took
    // ~13 us a call. Once no call holds it, it is gone, and with it the key.
    static std::shared_ptr<const KeyRedactor> shared(const QString &key);

    static QString placeholder() { return QStringLiteral("[hidden]"); }

    // Raw bytes, before a message quotes an excerpt that could cut a spelling short.
    void redact(QByteArray &bytes) const;
    QString redacted(QString text) const;
    ApiError redacted(ApiError error) const;

private:
    QString withoutFragments(QString text) const;

    QString m_key;                  // shared() compares it
    QByteArray m_anchor;            // the key's longest run of ASCII letters and digits
    QByteArrayList m_byteSpellings; // longest first, so no spelling is left half-replaced
    QStringList m_textSpellings;
};
