#pragma once

// Helpers for tst_bounceparser: feeding a body in pieces, comparing outcomes, the seed page's
// examples and generated lists.
#include "core/bounce.h"
#include "parse/bounceparser.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringDecoder>

#include <string_view>

using State = BounceStreamParser::State;

namespace BounceParserTest {

struct Outcome {
    State state = State::InProgress;
    QString errorText;
    qsizetype rowCount = 0;
    QList<Bounce> rows;
    bool validUtf8 = true; // every field handed out was valid UTF-8
};

inline bool isValidUtf8(std::string_view text) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString ignored = decoder.decode(QByteArrayView(text.data(), qsizetype(text.size())));
    return !decoder.hasError();
}

inline QString text(std::string_view utf8) {
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

// Feeds `body` in pieces that start at `cuts`, each piece its own allocation so that a read
// past a chunk's end is a real out-of-bounds read (and a sanitizer finding).
inline Outcome parseInPieces(ResponseFormat format, const QByteArray &body,
                             const QList<qsizetype> &cuts) {
    Outcome outcome;
    auto parser = BounceStreamParser::create(format, [&outcome](const BounceFields &fields) {
        for (std::string_view field : {fields.email, fields.status, fields.reason, fields.created})
            outcome.validUtf8 = outcome.validUtf8 && isValidUtf8(field);
        outcome.rows.append(Bounce{text(fields.email), text(fields.status), text(fields.reason),
                                   text(fields.created)});
    });
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(body.size());
    for (const qsizetype to : ends) {
        const QByteArray piece(body.constData() + from, to - from);
        parser->feed(piece);
        from = to;
    }
    outcome.state = parser->finish();
    outcome.errorText = parser->errorText();
    outcome.rowCount = parser->rowCount();
    return outcome;
}

inline Outcome parseWhole(ResponseFormat format, const QByteArray &body) {
    return parseInPieces(format, body, {});
}

inline bool sameOutcome(const Outcome &a, const Outcome &b, QString *why) {
    if (a.state != b.state)
        *why = QStringLiteral("state %1 vs %2").arg(int(a.state)).arg(int(b.state));
    else if (a.errorText != b.errorText)
        *why = QStringLiteral("error \"%1\" vs \"%2\"").arg(a.errorText, b.errorText);
    else if (a.rowCount != b.rowCount || a.rows != b.rows)
        *why = QStringLiteral("%1 rows vs %2").arg(a.rows.size()).arg(b.rows.size());
    else
        return true;
    return false;
}

inline Bounce row(const char *email, const char *status = "", const char *reason = "",
                  const char *created = "") {
    return Bounce{QString::fromUtf8(email), QString::fromUtf8(status), QString::fromUtf8(reason),
                  QString::fromUtf8(created)};
}

const char seedJson[] = R"([
  {
    "email": "email1@domain.com",
    "status": "5.1.1",
    "reason": "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com",
    "created": "2009-06-01 19:41:39"
  },
  {
    "email": "email2@domain2.com",
    "status": "5.1.1",
    "reason": "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email2@domain2.com",
    "created": "2009-06-01 19:41:39"
  }
]
)";

const char seedXml[] = R"(<bounces>
   <bounce>
      <email>email1@domain.com</email>
      <status>5.1.1</status>
      <reason>host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com</reason>
      <created>2009-06-10 12:40:30</created>
   </bounce>
   <bounce>
      <email>email2@domain2.com</email>
      <status>5.1.1</status>
      <reason>host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email2@domain2.com</reason>
      <created>2009-06-10 12:40:30</created>
   </bounce>
</bounces>
)";

inline QList<Bounce> seedRows(const char *created) {
    return {row("email1@domain.com", "5.1.1",
                "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email1@domain.com",
                created),
            row("email2@domain2.com", "5.1.1",
                "host [127.0.0.1] said: 550 5.1.1 unknown or illegal user: email2@domain2.com",
                created)};
}

// A list of `count` varied rows in JSON or XML, and the rows it holds.
inline QByteArray generatedList(ResponseFormat format, int count, QList<Bounce> *rows) {
    static const char *const statuses[] = {"5.1.1", "550", "4.0.0", "5.0.0", "4.2.2"};
    QByteArray body = format == ResponseFormat::Json ? "[\n" : "<bounces>\n";
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray email =
            "user" + n + (i % 3 ? "+tag" : "") + "@example" + QByteArray::number(i % 17) + ".com";
        const QByteArray status = statuses[i % 5];
        const QByteArray created =
            i % 7 ? "2021-03-04 05:06:" + QByteArray::number(10 + i % 50) : QByteArray();
        const QString reason = QStringLiteral("host said: 550 \u00fcnknown \"%1\", {x} [y] \\ %2")
                                   .arg(i)
                                   .arg(QString(i % 11 + 1, QChar(0x4e2d)));
        rows->append(Bounce{QString::fromUtf8(email), QString::fromUtf8(status), reason,
                            QString::fromUtf8(created)});
        if (format == ResponseFormat::Json) {
            QByteArray jsonReason = reason.toUtf8();
            jsonReason.replace("\\", "\\\\").replace("\"", "\\\"");
            body += (i ? ",\n" : "") + QByteArray("  {\"email\":\"") + email +
                    "\",\"status\":" + (status == "550" ? status : '"' + status + '"') +
                    ",\"reason\":\"" + jsonReason + '"' +
                    (created.isEmpty() ? QByteArray() : ",\"created\":\"" + created + '"') + '}';
        } else {
            body += "<bounce><email>" + email + "</email><status>" + status + "</status><reason>" +
                    reason.toUtf8().replace("\"", "&quot;") + "</reason>" +
                    (created.isEmpty() ? QByteArray() : "<created>" + created + "</created>") +
                    "</bounce>\n";
        }
    }
    body += format == ResponseFormat::Json ? "\n]\n" : "</bounces>\n";
    return body;
}

} // namespace BounceParserTest
