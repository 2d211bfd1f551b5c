#pragma once

// Helpers for tst_xmlbounceparser: parsing in given pieces, and random bounce lists
// with hostile text, serialised in the many ways XML allows (entities, character references,
// CDATA, comments, attributes, unknown elements, namespaces, UTF-8 or ISO-8859-1), together
// with the rows any conforming reader must find in them.
#include "bounceparsertestsupport.h"
#include "parse/xmlbounceparser.h"

#include <QRandomGenerator>

#include <algorithm>
#include <iterator>

namespace XmlBounceTest {

inline BounceParserTest::Outcome parse(const QByteArray &body, const QList<qsizetype> &cuts = {}) {
    BounceParserTest::Outcome outcome;
    XmlBounceParser parser([&outcome](const BounceFields &fields) {
        using BounceParserTest::text;
        for (std::string_view field : {fields.email, fields.status, fields.reason, fields.created})
            outcome.validUtf8 = outcome.validUtf8 && BounceParserTest::isValidUtf8(field);
        outcome.rows.append(Bounce{text(fields.email), text(fields.status), text(fields.reason),
                                   text(fields.created)});
    });
    qsizetype from = 0;
    for (const qsizetype to : cuts + QList<qsizetype>{body.size()}) {
        parser.feed(QByteArray(body.constData() + from, to - from)); // own allocation per piece
        from = to;
    }
    outcome.state = parser.finish();
    outcome.errorText = parser.errorText();
    outcome.rowCount = parser.rowCount();
    return outcome;
}

// Cut points: mostly small pieces, so that tags, references and characters are cut often.
inline QList<qsizetype> randomCuts(QRandomGenerator &random, qsizetype size, int maxPiece) {
    QList<qsizetype> cuts;
    for (qsizetype at = random.bounded(1, maxPiece + 1); at < size;
         at += random.bounded(1, maxPiece + 1))
        cuts.append(at);
    return cuts;
}

class RandomBounceXml {
public:
    RandomBounceXml(quint32 seed, bool latin1)
        : m_random(seed)
        , m_latin1(latin1) {}

    QByteArray document(int rowCount, QList<Bounce> *rows) {
        QByteArray out;
        const bool declared = m_latin1 || m_random.bounded(2) == 0;
        if (!m_latin1 && m_random.bounded(4) == 0)
            out += "\xEF\xBB\xBF";
        if (declared) {
            static const char *const utf8[] = {"UTF-8", "utf-8", "utf8"};
            static const char *const latin1[] = {"ISO-8859-1", "iso-8859-1", "latin1"};
            out += QByteArray("<?xml version=\"1.0\" encoding=\"") +
                   (m_latin1 ? latin1 : utf8)[m_random.bounded(3)] + "\"?>";
        }
        noise(&out);
        m_prefix = m_random.bounded(4) == 0 ? QByteArray("b:") : QByteArray();
        out += '<' + m_prefix + "bounces" + (m_prefix.isEmpty() ? "" : " xmlns:b=\"urn:b\"") +
               attributes() + '>';
        for (int i = 0; i < rowCount; ++i) {
            space(&out);
            rows->append(bounce(&out));
        }
        space(&out);
        out += "</" + m_prefix + "bounces>";
        noise(&out);
        return out;
    }

private:
    enum Slot { Email, Status, Reason, Created };

    Bounce bounce(QByteArray *out) {
        *out += '<' + m_prefix + "bounce" + attributes() + '>';
        QList<int> order = {Email, Status, Reason, Created};
        std::shuffle(order.begin(), order.end(), m_random);
        Bounce row;
        for (const int slot : order) {
            if (slot != Email && m_random.bounded(4) == 0)
                continue; // absent: empty
            space(out);
            if (m_random.bounded(6) == 0)
                unknownElement(out, 0);
            static const char *const names[] = {"email", "status", "reason", "created"};
            const QByteArray name = m_prefix + names[slot];
            QString text = hostileText(slot == Email ? 1 : 0, slot == Reason ? 60 : 12);
            QString expected;
            if (text.isEmpty() && m_random.bounded(2) == 0) {
                *out += '<' + name + attributes() + "/>";
            } else {
                *out += '<' + name + attributes() + '>';
                field(text, out, &expected);
                *out += "</" + name + '>';
            }
            (slot == Email    ? row.email
             : slot == Status ? row.status
             : slot == Reason ? row.reason
                              : row.created) = expected;
        }
        space(out);
        *out += "</" + m_prefix + "bounce>";
        return row;
    }

    // Text for a field: pieces of markup, quotes, line breaks, and characters from every plane.
    QString hostileText(int minLength, int maxLength) {
        static const char *const pieces[] = {"<",  ">",    "&",       "\"",        "'",  "]]>",
                                             "]]", "]",    "<!--",    "-->",       "=",  "\t",
                                             "\n", "\r",   "\r\n",    "<![CDATA[", "?>", "&amp;",
                                             "&#", "</x>", "<email>", " ",         ";",  "%"};
        static const char32_t ranges[][2] = {
            {0x20, 0x7E},     {0x80, 0xFF},       {0x100, 0x7FF},     {0x4E00, 0x9FFF},
            {0xE000, 0xFFFD}, {0x1F600, 0x1F64F}, {0x10000, 0x10FFFF}};
        QString text;
        const int length = m_random.bounded(minLength, maxLength + 1);
        while (text.size() < length) {
            if (m_random.bounded(3) == 0) {
                text += QString::fromUtf8(pieces[m_random.bounded(int(std::size(pieces)))]);
            } else {
                const auto &range = ranges[m_random.bounded(int(std::size(ranges)))];
                const char32_t c =
                    char32_t(m_random.bounded(quint32(range[0]), quint32(range[1]) + 1));
                text += QString::fromUcs4(&c, 1);
            }
        }
        return text;
    }

    // Writes `text` as a field's content in pieces (escaped text, CDATA, references) with
    // comments and PIs between them, and what a reader must make of it.
    void field(const QString &text, QByteArray *out, QString *expected) {
        const QList<uint> chars = text.toUcs4();
        bool rawCr = false; // the last byte written was a raw CR: a raw LF next joins it
        for (qsizetype i = 0; i < chars.size();) {
            const qsizetype run = qMin<qsizetype>(chars.size() - i, m_random.bounded(1, 12));
            const bool cdata = m_random.bounded(4) == 0 &&
                               std::all_of(chars.begin() + i, chars.begin() + i + run,
                                           [this](uint c) { return !m_latin1 || c <= 0xFF; });
            if (cdata) {
                *out += "<![CDATA[";
                rawCr = false; // markup between a CR and a LF: two line breaks
            }
            for (qsizetype j = i; j < i + run; ++j) {
                const char32_t c = chars[j];
                const bool raw = cdata || (c != '&' && c != '<' && c != '>' &&
                                           m_random.bounded(6) != 0 && (!m_latin1 || c <= 0xFF));
                if (cdata && c == '>' && out->endsWith("]]"))
                    *out += "]]><![CDATA["; // "]]>" cannot be written inside one section
                if (!raw) {
                    *out += reference(c);
                } else if (m_latin1) {
                    *out += char(c);
                } else {
                    *out += QString::fromUcs4(&c, 1).toUtf8();
                }
                if (raw && c == '\n' && rawCr) {
                    // CR LF is one line break
                } else {
                    *expected += raw && c == '\r' ? QStringLiteral("\n") : QString::fromUcs4(&c, 1);
                }
                rawCr = raw && c == '\r';
            }
            if (cdata) {
                *out += "]]>";
                rawCr = false;
            }
            i += run;
            if (m_random.bounded(5) == 0) {
                const qsizetype before = out->size();
                if (m_random.bounded(3) == 0) {
                    // An element inside a field: its text is part of the field, as in Qt.
                    *out += "<i>";
                    const QString inner = hostileText(1, 3);
                    field(inner, out, expected);
                    *out += "</i>";
                } else {
                    noise(out); // perhaps nothing
                }
                rawCr = rawCr && out->size() == before;
            }
        }
    }

    QByteArray reference(char32_t c) {
        switch (c) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '"':
            return m_random.bounded(2) ? "&quot;" : "&#34;";
        case '\'':
            return "&apos;";
        default:
            break;
        }
        const QByteArray zeros(m_random.bounded(3), '0');
        if (m_random.bounded(2))
            return "&#" + zeros + QByteArray::number(quint32(c)) + ';';
        return "&#x" + zeros + QByteArray::number(quint32(c), 16) + ';';
    }

    QByteArray attributes() {
        QByteArray out;
        const int count = m_random.bounded(6) == 0 ? m_random.bounded(1, 4) : 0;
        for (int i = 0; i < count; ++i) {
            const char quote = m_random.bounded(2) ? '"' : '\'';
            out += " a" + QByteArray::number(i) + (m_random.bounded(2) ? "=" : " = ") + quote +
                   "x &lt;&amp;&#233;> " + (quote == '"' ? "'" : "&quot;") + quote;
        }
        return out;
    }

    void unknownElement(QByteArray *out, int depth) {
        *out += "<extra" + attributes() + '>' + "n&amp;<![CDATA[<x>]]>";
        if (depth < 2 && m_random.bounded(2))
            unknownElement(out, depth + 1);
        *out += "</extra>";
    }

    void noise(QByteArray *out) {
        switch (m_random.bounded(4)) {
        case 0:
            *out += "<!-- a comment - with <tags> & ]]> -->";
            break;
        case 1:
            *out += "<?pi target data ? > ?>";
            break;
        default:
            break;
        }
    }

    void space(QByteArray *out) {
        static const char *const spaces[] = {"", "\n", "\n  ", "\r\n\t", " "};
        *out += spaces[m_random.bounded(5)];
        if (m_random.bounded(8) == 0)
            noise(out);
    }

    QRandomGenerator m_random;
    bool m_latin1;
    QByteArray m_prefix;
};

} // namespace XmlBounceTest
