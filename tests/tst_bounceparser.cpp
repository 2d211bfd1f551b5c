// The streaming bounce parsers (JSON and XML) over every response and error shape, fed whole,
// split at every byte position and byte by byte: the result must never depend on where the
// network happened to cut the body.
#include "bounceparsertestsupport.h"

#include "api/apierror.h"
#include "core/quantitytext.h"
#include "parse/bodysyntax.h"
#include "parse/jsontext.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace BounceParserTest;

Q_DECLARE_METATYPE(BounceStreamParser::State)
Q_DECLARE_METATYPE(ResponseFormat)

class TestBounceParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void json_data();
    void json();
    void jsonChunkBoundaries_data() { json_data(); }
    void jsonChunkBoundaries();
    void xml_data();
    void xml();
    void xmlChunkBoundaries_data() { xml_data(); }
    void xmlChunkBoundaries();

    void tenMegabyteField_data();
    void tenMegabyteField();
    void manyRowsInRandomChunks_data();
    void manyRowsInRandomChunks();
    void invalidUtf8InsideABatchIsRepairedInPlace();
    void malformedRowInsideABatchIsNamed();
    void hugeNonListBodyFailsEarlyWithAShortMessage_data();
    void hugeNonListBodyFailsEarlyWithAShortMessage();
    void inputAfterTheEndIsIgnored_data();
    void inputAfterTheEndIsIgnored();

    void sanitizeUtf8_data();
    void sanitizeUtf8();
    void unescape_data();
    void unescape();
};

void TestBounceParser::json_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<Bounce>>("rows");
    QTest::addColumn<QString>("errorContains");

    const auto ok = [](const char *name, const QByteArray &body, const QList<Bounce> &rows) {
        QTest::newRow(name) << body << State::Done << rows << QString();
    };
    const auto bad = [](const char *name, const QByteArray &body, State state, const char *error,
                        const QList<Bounce> &rows = {}) {
        QTest::newRow(name) << body << state << rows << QString::fromUtf8(error);
    };

    // Data
    ok("seed example", seedJson, seedRows("2009-06-01 19:41:39"));
    ok("compact", R"([{"email":"a@b.com","status":"5.1.1","reason":"r","created":"c"}])",
       {row("a@b.com", "5.1.1", "r", "c")});
    ok("empty list", "[]", {});
    ok("empty list with white space", " \r\n\t[ \n ]\n ", {});
    ok("BOM before the list", "\xEF\xBB\xBF[{\"email\":\"a@b\"}]", {row("a@b")});
    ok("missing created", R"([{"email":"a@b","status":"5.1.1","reason":"r"}])",
       {row("a@b", "5.1.1", "r")});
    ok("bare SMTP status as a number",
       R"([{"email":"a@b","status":550,"reason":"r","created":"2020-01-01 00:00:00"}])",
       {row("a@b", "550", "r", "2020-01-01 00:00:00")});
    ok("statuses 4.0.0 and 5.0.0",
       R"([{"email":"a@b","status":"4.0.0"},{"email":"c@d","status":"5.0.0"}])",
       {row("a@b", "4.0.0"), row("c@d", "5.0.0")});
    ok("null fields read as empty",
       R"([{"email":"a@b","status":null,"reason":null,"created":null}])", {row("a@b")});
    ok("unknown fields ignored, any order",
       R"([{"id":7,"created":"c","extra":{"nested":[1,{"x":"}]"}]},"reason":"r","list":[],)"
       R"("flag":true,"status":"4.0.0","email":"a@b","n":-1.5e3}])",
       {row("a@b", "4.0.0", "r", "c")});
    ok("plus addresses and duplicates kept",
       R"([{"email":"a+tag@b.com"},{"email":"a+tag@b.com"},{"email":"a@b.com"}])",
       {row("a+tag@b.com"), row("a+tag@b.com"), row("a@b.com")});
    ok("hostile text stays plain text",
       R"([{"email":"=cmd|' /C calc'!A0@evil.example","status":"5.0.0",)"
       R"("reason":"<img src=x onerror=alert(1)> \"quoted\", with commas\nand a newline )"
       R"(\/ \u00e9\u4e2d \ud83d\ude00 ü 中","created":"2024-01-02 03:04:05"}])",
       {row("=cmd|' /C calc'!A0@evil.example", "5.0.0",
            "<img src=x onerror=alert(1)> \"quoted\", with commas\nand a newline / é中 😀 ü 中",
            "2024-01-02 03:04:05")});
    ok("brackets, quotes and backslashes inside strings",
       R"([{"email":"x@y","reason":"close } ] { [ and \"quote\" and \\ \\\" \\\\","s":"},{"}])",
       {row("x@y", "", "close } ] { [ and \"quote\" and \\ \\\" \\\\")});
    {
        // Escapes across many 64-byte blocks, so every alignment of a block edge is met.
        QByteArray raw;
        QString decoded;
        for (int i = 0; i < 60; ++i) {
            raw += "\\\"\\\\x\\n";
            decoded += QStringLiteral("\"\\x\n");
        }
        QTest::newRow("escapes over block edges")
            << QByteArray("[{\"email\":\"e@x\",\"reason\":\"" + raw + "\"}]") << State::Done
            << QList<Bounce>{Bounce{QStringLiteral("e@x"), {}, decoded, {}}} << QString();
    }
    ok("lone surrogate escape becomes U+FFFD", R"([{"email":"a@b","reason":"x\ud800y\udc00z"}])",
       {row("a@b", "", "x\uFFFDy\uFFFDz")});
    ok("invalid UTF-8 byte becomes U+FFFD", "[{\"email\":\"a@b\",\"reason\":\"bad \xff byte\"}]",
       {row("a@b", "", "bad \uFFFD byte")});
    ok("Latin-1 address and UTF-8 surrogate bytes repaired",
       "[{\"email\":\"caf\xe9@x\",\"reason\":\"\xed\xa0\x80|\xe2\x82\"},{\"email\":\"ok@x\"}]",
       {row("caf\uFFFD@x", "", "\uFFFD\uFFFD\uFFFD|\uFFFD"), row("ok@x")});

    // The API's error shapes, with or without HTTP 200
    bad("error: documented", R"({"message":"error","errors":["Invalid user"]})", State::ApiError,
        "Invalid user");
    bad("error: object with code",
        R"({"error":{"code":401,"message":"Permission denied, wrong credentials"}})",
        State::ApiError, "Permission denied, wrong credentials");
    bad("error: string", R"({"error":"Bad username / password"})", State::ApiError,
        "Bad username / password");
    bad("error: errors then message", R"({"errors":["Bad username / password"],"message":"error"})",
        State::ApiError, "Bad username / password");
    bad("error: rate limit", R"({"errors":[{"field":null,"message":"too many requests"}]})",
        State::ApiError, "too many requests");
    bad("error: several messages", R"({"message":"error","errors":["one","two"]})", State::ApiError,
        "one; two");
    bad("error: without words", R"({"message":"error"})", State::ApiError, "");
    bad("error: BOM and white space", "\xEF\xBB\xBF \n{\"error\":\"Bad username / password\"}\n",
        State::ApiError, "Bad username / password");
    bad("error: XML shape to the JSON parser",
        "<result><message>error</message><errors><error>Invalid user</error></errors></result>",
        State::ApiError, "Invalid user");

    // Not a list of bounces
    bad("success object", R"({"message":"success"})", State::Malformed,
        "got a JSON object \u201c{\"message\":\"success\"}\u201d");
    bad("HTML page from a proxy",
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1>"
        "</body></html>",
        State::Malformed, "got an HTML page (\u201c502 Bad Gateway\u201d)");
    bad("plain text", "Internal Server Error\n", State::Malformed,
        "got plain text starting \u201cInternal Server Error\u201d");
    bad("partial BOM", "\xEF\xBB[]", State::Malformed, "not text");
    bad("numbers in the list", "[1,2]", State::Malformed,
        "row 1 of the list (at byte 1) is not an object");
    bad("strings in the list", R"(["a@b"])", State::Malformed,
        "row 1 of the list (at byte 1) is "
        "not an object");
    bad("list in the list", R"([[{"email":"a@b"}]])", State::Malformed,
        "row 1 of the list (at byte 1): it is not an object");
    bad("missing comma", R"([{"email":"a@b"} {"email":"c@d"}])", State::Malformed,
        "a comma is missing before row 2 (at byte 17)", {row("a@b")});
    bad("trailing comma", R"([{"email":"a@b"},])", State::Malformed,
        "the list ends with a comma where row 2 should be", {row("a@b")});
    bad("leading comma", R"([,{"email":"a@b"}])", State::Malformed,
        "a comma stands where row 1 should be (at byte 1)");
    bad("double comma", R"([{"email":"a@b"},,{"email":"c@d"}])", State::Malformed,
        "a comma stands where row 2 should be (at byte 17)", {row("a@b")});
    bad("data after the list", R"([{"email":"a@b"}] x)", State::Malformed,
        "unexpected data after the end of the JSON (at byte 18)", {row("a@b")});
    bad("list closed by a brace", R"([{"email":"a@b"}})", State::Malformed,
        "the list closes with \u201c}\u201d before row 2", {row("a@b")});
    bad("invalid object", R"([{"email":"a@b",}])", State::Malformed,
        "row 1 of the list (at byte 1): it is not valid JSON");
    bad("second row invalid", R"([{"email":"a@b"},{"email":"c@d","status":5x}])", State::Malformed,
        "row 2 of the list (at byte 17)", {row("a@b")});
    bad("misspelt atom", R"([{"email":"a@b","status":tru}])", State::Malformed,
        "row 1 of the list (at byte 1)");
    bad("row without email", R"([{"email":"a@b"},{"status":"5.1.1"}])", State::Malformed,
        "row 2 of the list (at byte 17): it has no email address", {row("a@b")});
    bad("empty email", R"([{"email":""}])", State::Malformed, "it has no email address");
    bad("email is an object", R"([{"email":{"a":1}}])", State::Malformed,
        "its \u201cemail\u201d is not text");
    bad("invalid escape", R"([{"email":"a\x@b"}])", State::Malformed,
        "its \u201cemail\u201d holds an invalid escape sequence");

    // Cut short
    bad("empty body", "", State::Truncated, "the body was empty");
    bad("white space only", " \n ", State::Truncated, "nothing but white space");
    bad("only the opening bracket", "[", State::Truncated,
        "stopped after 1 byte and 0 rows, before its closing ]");
    bad("in the middle of a row", R"([{"email":"a@b")", State::Truncated,
        "stopped after 15 bytes and 0 rows, in the middle of row 1");
    bad("in the middle of a string", R"([{"email":"a@)", State::Truncated,
        "in the middle of row 1");
    bad("in the middle of an escape", R"([{"email":"a\)", State::Truncated,
        "in the middle of row 1");
    bad("after a row", R"([{"email":"a@b"})", State::Truncated,
        "after 16 bytes and 1 row, before its closing ]", {row("a@b")});
    bad("after a comma", R"([{"email":"a@b"}, )", State::Truncated, "before its closing ]",
        {row("a@b")});
    bad("seed cut in the second row",
        QByteArray(seedJson).left(QByteArray(seedJson).indexOf("email2")), State::Truncated,
        "in the middle of row 2", seedRows("2009-06-01 19:41:39").mid(0, 1));
    bad("error object cut", R"({"error":"Bad user)", State::Truncated,
        "in the middle of a JSON object");
}

void TestBounceParser::json() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(QList<Bounce>, rows);
    QFETCH(QString, errorContains);

    const Outcome outcome = parseWhole(ResponseFormat::Json, body);
    QCOMPARE(int(outcome.state), int(state));
    QCOMPARE(outcome.rows, rows);
    QCOMPARE(outcome.rowCount, rows.size());
    QVERIFY(outcome.validUtf8);
    if (errorContains.isEmpty() && state != State::Done)
        QCOMPARE(outcome.errorText, QString()); // an error without words has none
    QVERIFY2(outcome.errorText.contains(errorContains), qPrintable(outcome.errorText));
    QVERIFY2(outcome.errorText.size() < 300, qPrintable(outcome.errorText));
}

void TestBounceParser::jsonChunkBoundaries() {
    QFETCH(QByteArray, body);
    const Outcome whole = parseWhole(ResponseFormat::Json, body);
    QString why;
    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        const Outcome split = parseInPieces(ResponseFormat::Json, body, {cut});
        QVERIFY2(sameOutcome(split, whole, &why),
                 qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(why)));
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < body.size(); ++i)
        everyByte.append(i);
    QVERIFY2(sameOutcome(parseInPieces(ResponseFormat::Json, body, everyByte), whole, &why),
             qPrintable(QStringLiteral("byte by byte: ") + why));
}

void TestBounceParser::xml_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<Bounce>>("rows");
    QTest::addColumn<QString>("errorContains");

    const auto ok = [](const char *name, const QByteArray &body, const QList<Bounce> &rows) {
        QTest::newRow(name) << body << State::Done << rows << QString();
    };
    const auto bad = [](const char *name, const QByteArray &body, State state, const char *error,
                        const QList<Bounce> &rows = {}) {
        QTest::newRow(name) << body << state << rows << QString::fromUtf8(error);
    };

    ok("seed example", seedXml, seedRows("2009-06-10 12:40:30"));
    ok("declaration and BOM",
       "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bounces><bounce><email>a@b</email>"
       "</bounce></bounces>",
       {row("a@b")});
    ok("ISO-8859-1 declared",
       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<bounces><bounce><email>j\xe9r\xf4me@"
       "example.fr</email><status>5.1.1</status><reason>Bo\xeete pleine \xab full \xbb</reason>"
       "<created>2009-06-10 12:40:30</created></bounce></bounces>",
       {row("jérôme@example.fr", "5.1.1", "Boîte pleine « full »", "2009-06-10 12:40:30")});
    ok("empty list", "<bounces/>", {});
    ok("empty list with declaration", "<?xml version=\"1.0\"?>\n<bounces>\n</bounces>\n", {});
    ok("missing created",
       "<bounces><bounce><email>a@b</email><status>5.1.1</status>"
       "<reason>r</reason></bounce></bounces>",
       {row("a@b", "5.1.1", "r")});
    ok("statuses 550, 4.0.0 and 5.0.0",
       "<bounces><bounce><email>a@b</email><status>550</status></bounce><bounce><email>c@d</email>"
       "<status>4.0.0</status></bounce><bounce><email>e@f</email><status>5.0.0</status></bounce>"
       "</bounces>",
       {row("a@b", "550"), row("c@d", "4.0.0"), row("e@f", "5.0.0")});
    ok("hostile text stays plain text",
       "<bounces><bounce><email>=cmd|' /C calc'!A0@evil.example</email><reason>&lt;img src=x "
       "onerror=alert(1)&gt; &quot;quoted&quot;, with commas\nand a newline &#233;&#x1F600; "
       "<![CDATA[<b>raw</b> & more]]></reason></bounce></bounces>",
       {row("=cmd|' /C calc'!A0@evil.example", "",
            "<img src=x onerror=alert(1)> \"quoted\", with commas\nand a newline é😀 <b>raw</b> & "
            "more")});
    ok("unknown elements ignored",
       "<bounces><total>2</total><bounce><id>7</id><email>a@b</email><extra><nested>x</nested>"
       "</extra><status>4.0.0</status></bounce></bounces>",
       {row("a@b", "4.0.0")});
    ok("invalid UTF-8 byte becomes U+FFFD",
       "<bounces><bounce><email>caf\xe9@x</email><reason>bad \xff byte \xe2\x82</reason></bounce>"
       "<bounce><email>ok@x</email><reason>\xe2\x82\xac fine</reason></bounce></bounces>",
       {row("caf\uFFFD@x", "", "bad \uFFFD byte \uFFFD"), row("ok@x", "", "€ fine")});
    ok("UTF-8 declared, invalid byte repaired",
       "<?xml version='1.0' encoding='utf-8'?><bounces><bounce><email>a\xc0@b</email></bounce>"
       "</bounces>",
       {row("a\uFFFD@b")});
    ok("plus addresses and duplicates kept",
       "<bounces><bounce><email>a+tag@b.com</email></bounce><bounce><email>a+tag@b.com</email>"
       "</bounce></bounces>",
       {row("a+tag@b.com"), row("a+tag@b.com")});

    bad("error: documented",
        "<result><message>error</message><errors><error>Invalid user</error></errors></result>",
        State::ApiError, "Invalid user");
    bad("error: ISO-8859-1",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<result><message>error</message><errors>"
        "<error>Utilisateur inconnu: \xe9t\xe9</error></errors></result>",
        State::ApiError, "Utilisateur inconnu: été");
    bad("error: JSON shape to the XML parser", R"({"error":"Bad username / password"})",
        State::ApiError, "Bad username / password");
    bad("success result", "<result><message>success</message></result>", State::Malformed,
        "got an XML document <result>");
    bad("HTML page from a proxy",
        "<html><head><title>503 Service Unavailable</title></head><body></body></html>",
        State::Malformed, "got an HTML page");
    bad("HTML with a doctype", "<!DOCTYPE html>\n<html><body><p>down</p></body></html>",
        State::Malformed, "got an HTML page");
    bad("another document", "<users><user><username>u</username></user></users>", State::Malformed,
        "got an XML document <users>");
    bad("plain text", "Service Unavailable", State::Malformed,
        "got plain text starting \u201cService Unavailable\u201d");
    bad("mismatched tags",
        "<bounces><bounce><email>a@b</email></bounce><bounce><email>c@d</status></bounce>"
        "</bounces>",
        State::Malformed, "is not valid XML (line 1, column", {row("a@b")});
    bad("undefined entity", "<bounces><bounce><email>a&nbsp;b</email></bounce></bounces>",
        State::Malformed, "is not valid XML");
    bad("data after the list", "<bounces></bounces><bounces/>", State::Malformed,
        "is not valid XML");
    bad("row without email",
        "<bounces><bounce><email>a@b</email></bounce><bounce><status>5.1.1</status></bounce>"
        "</bounces>",
        State::Malformed, "row 2 of the list (line 1) has no email address", {row("a@b")});

    bad("empty body", "", State::Truncated, "the body was empty");
    bad("white space only", "  \n", State::Truncated, "nothing but white space");
    bad("declaration only", "<?xml version=\"1.0\"?>\n", State::Truncated,
        "before the list of bounces began");
    bad("in the middle of a row", "<bounces><bounce><email>a@b</email><sta", State::Truncated,
        "the list of bounces stopped after 39 bytes and 0 rows, before its closing </bounces>");
    bad("after a row", "<bounces><bounce><email>a@b</email></bounce>", State::Truncated,
        "after 44 bytes and 1 row", {row("a@b")});
    bad("seed cut in the second row",
        QByteArray(seedXml).left(QByteArray(seedXml).indexOf("email2")), State::Truncated, "1 row",
        seedRows("2009-06-10 12:40:30").mid(0, 1));
    bad("error cut", "<result><message>error</message><errors><error>Inva", State::Truncated,
        "in the middle of an error message");
}

void TestBounceParser::xml() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(QList<Bounce>, rows);
    QFETCH(QString, errorContains);

    const Outcome outcome = parseWhole(ResponseFormat::Xml, body);
    QCOMPARE(int(outcome.state), int(state));
    QCOMPARE(outcome.rows, rows);
    QCOMPARE(outcome.rowCount, rows.size());
    QVERIFY(outcome.validUtf8);
    QVERIFY2(outcome.errorText.contains(errorContains), qPrintable(outcome.errorText));
    QVERIFY2(outcome.errorText.size() < 300, qPrintable(outcome.errorText));
}

void TestBounceParser::xmlChunkBoundaries() {
    QFETCH(QByteArray, body);
    const Outcome whole = parseWhole(ResponseFormat::Xml, body);
    QString why;
    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        const Outcome split = parseInPieces(ResponseFormat::Xml, body, {cut});
        QVERIFY2(sameOutcome(split, whole, &why),
                 qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(why)));
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < body.size(); ++i)
        everyByte.append(i);
    QVERIFY2(sameOutcome(parseInPieces(ResponseFormat::Xml, body, everyByte), whole, &why),
             qPrintable(QStringLiteral("byte by byte: ") + why));
}

void TestBounceParser::tenMegabyteField_data() {
    QTest::addColumn<ResponseFormat>("format");
    QTest::addColumn<bool>("escapes");
    QTest::newRow("json plain") << ResponseFormat::Json << false;
    QTest::newRow("json escapes everywhere") << ResponseFormat::Json << true;
    QTest::newRow("xml plain") << ResponseFormat::Xml << false;
    QTest::newRow("xml entities everywhere") << ResponseFormat::Xml << true;
}

void TestBounceParser::tenMegabyteField() {
    QFETCH(ResponseFormat, format);
    QFETCH(bool, escapes);
    const bool json = format == ResponseFormat::Json;
    constexpr qsizetype size = 10 * 1024 * 1024;
    QByteArray encoded;
    QByteArray decoded;
    encoded.reserve(size * 2);
    decoded.reserve(size);
    for (qsizetype i = 0; decoded.size() < size; ++i) {
        // A long run of escapes is the worst case for a splitter that searches for quotes.
        if (escapes && i % 2 == 0) {
            encoded += json ? "\\\"" : "&quot;";
            decoded += '"';
        } else {
            const char c = char('a' + i % 26);
            encoded += c;
            decoded += c;
        }
    }
    const QByteArray body =
        json ? QByteArray("[{\"email\":\"big@example.com\",\"reason\":\"" + encoded +
                          "\",\"status\":\"5.1.1\"},{\"email\":\"after@example.com\"}]")
             : "<bounces><bounce><email>big@example.com</email><reason>" + encoded +
                   "</reason><status>5.1.1</status></bounce><bounce><email>after@example.com"
                   "</email></bounce></bounces>";

    QList<qsizetype> cuts;
    for (qsizetype at = 65536; at < body.size(); at += 65536)
        cuts.append(at);
    for (const bool whole : {true, false}) {
        qsizetype rows = 0;
        QByteArray reason;
        auto parser = BounceStreamParser::create(format, [&](const BounceFields &fields) {
            if (rows++ == 0)
                reason = QByteArray(fields.reason.data(), qsizetype(fields.reason.size()));
            else
                QCOMPARE(QByteArrayView(fields.email.data(), qsizetype(fields.email.size())),
                         QByteArrayView("after@example.com"));
        });
        qsizetype from = 0;
        for (const qsizetype to :
             whole ? QList<qsizetype>{body.size()} : cuts + QList<qsizetype>{body.size()}) {
            parser->feed(QByteArrayView(body).sliced(from, to - from));
            from = to;
        }
        QCOMPARE(int(parser->finish()), int(State::Done));
        QCOMPARE(rows, 2);
        QCOMPARE(reason.size(), decoded.size());
        QVERIFY(reason == decoded);
    }
}

void TestBounceParser::manyRowsInRandomChunks_data() {
    QTest::addColumn<ResponseFormat>("format");
    QTest::newRow("json") << ResponseFormat::Json;
    QTest::newRow("xml") << ResponseFormat::Xml;
}

void TestBounceParser::manyRowsInRandomChunks() {
    QFETCH(ResponseFormat, format);
    QList<Bounce> expected;
    const QByteArray body = generatedList(format, 20000, &expected);
    QRandomGenerator random(20240607); // fixed: a failure must be reproducible
    for (int round = 0; round < 3; ++round) {
        QList<qsizetype> cuts;
        for (qsizetype at = 0; at < body.size();) {
            // Mostly network-sized chunks, sometimes tiny ones.
            at += random.bounded(8) == 0 ? random.bounded(1, 8) : random.bounded(1, 70000);
            if (at < body.size())
                cuts.append(at);
        }
        const Outcome outcome = parseInPieces(format, body, cuts);
        QCOMPARE(int(outcome.state), int(State::Done));
        QCOMPARE(outcome.rowCount, expected.size());
        QVERIFY(outcome.rows == expected);
        QVERIFY(outcome.validUtf8);
    }
}

void TestBounceParser::invalidUtf8InsideABatchIsRepairedInPlace() {
    QList<Bounce> expected;
    QByteArray body = generatedList(ResponseFormat::Json, 300, &expected);
    // Row 150 gets a stray Latin-1 byte: it is repaired, and rows around it are untouched.
    const QByteArray marker = "\"email\":\"user150";
    body.insert(body.indexOf(marker) + marker.size(), "\xfc");
    expected[150].email.insert(7, QChar(0xFFFD));
    const Outcome outcome = parseWhole(ResponseFormat::Json, body);
    QCOMPARE(int(outcome.state), int(State::Done));
    QVERIFY(outcome.validUtf8);
    QCOMPARE(outcome.rows.size(), expected.size());
    QCOMPARE(outcome.rows.at(150).email, expected.at(150).email);
    QVERIFY(outcome.rows == expected);
}

void TestBounceParser::malformedRowInsideABatchIsNamed() {
    QList<Bounce> expected;
    QByteArray body = generatedList(ResponseFormat::Json, 300, &expected);
    const qsizetype at = body.indexOf("{\"email\":\"user120");
    body.insert(body.indexOf(",\"reason\"", at), ",\"broken\":}");
    const Outcome outcome = parseWhole(ResponseFormat::Json, body);
    QCOMPARE(int(outcome.state), int(State::Malformed));
    QVERIFY2(outcome.errorText.startsWith(
                 QStringLiteral("row 121 of the list (at byte %1): ").arg(countText(at))),
             qPrintable(outcome.errorText));
    QCOMPARE(outcome.rowCount, 120);
    QVERIFY(outcome.rows == expected.mid(0, 120));
}

void TestBounceParser::hugeNonListBodyFailsEarlyWithAShortMessage_data() {
    QTest::addColumn<ResponseFormat>("format");
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("filler");
    QTest::newRow("json: HTML page")
        << ResponseFormat::Json << QByteArray("<html><head><title>Down</title></head><body>")
        << QByteArray("<p>sorry</p>\n");
    QTest::newRow("json: huge object")
        << ResponseFormat::Json << QByteArray("{\"message\":\"") << QByteArray("blah ");
    QTest::newRow("xml: huge result")
        << ResponseFormat::Xml << QByteArray("<result><message>") << QByteArray("blah ");
    QTest::newRow("xml: plain text")
        << ResponseFormat::Xml << QByteArray("Error ") << QByteArray("blah ");
}

void TestBounceParser::hugeNonListBodyFailsEarlyWithAShortMessage() {
    QFETCH(ResponseFormat, format);
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, filler);
    auto parser = BounceStreamParser::create(format, [](const BounceFields &) {
        QFAIL("no row may come out of a body that is not a list");
    });
    parser->feed(start);
    qsizetype fed = start.size();
    const QByteArray chunk = filler.repeated(16384 / filler.size());
    while (parser->state() == State::InProgress && fed < 8 * 1024 * 1024) {
        parser->feed(chunk);
        fed += chunk.size();
    }
    // It gives up soon after the bound instead of holding the whole body.
    QCOMPARE(int(parser->state()), int(State::Malformed));
    QVERIFY(fed <= 1024 * 1024 + 2 * chunk.size());
    QVERIFY2(parser->errorText().size() < 200, qPrintable(parser->errorText()));
    QVERIFY2(parser->errorText().contains(QStringLiteral("more than 1.0 MB")),
             qPrintable(parser->errorText()));
}

void TestBounceParser::inputAfterTheEndIsIgnored_data() {
    QTest::addColumn<ResponseFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::newRow("json done") << ResponseFormat::Json << QByteArray(R"([{"email":"a@b"}])")
                               << State::Done;
    QTest::newRow("json malformed")
        << ResponseFormat::Json << QByteArray("[1]") << State::Malformed;
    QTest::newRow("xml done") << ResponseFormat::Xml
                              << QByteArray(
                                     "<bounces><bounce><email>a@b</email></bounce></bounces>")
                              << State::Done;
    QTest::newRow("xml malformed")
        << ResponseFormat::Xml << QByteArray("<bounces></b>") << State::Malformed;
}

void TestBounceParser::inputAfterTheEndIsIgnored() {
    QFETCH(ResponseFormat, format);
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    int rows = 0;
    auto parser = BounceStreamParser::create(format, [&rows](const BounceFields &) { ++rows; });
    parser->feed(body);
    QCOMPARE(int(parser->finish()), int(state));
    const QString error = parser->errorText();
    const QByteArray more = format == ResponseFormat::Json ? R"([{"email":"c@d"}])"
                                                           : "<bounce><email>c@d</email></bounce>";
    parser->feed(more);
    QCOMPARE(int(parser->finish()), int(state)); // finishing twice changes nothing
    QCOMPARE(parser->errorText(), error);
    QCOMPARE(rows, state == State::Done ? 1 : 0);
    QCOMPARE(parser->rowCount(), rows);
}

void TestBounceParser::sanitizeUtf8_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    const QChar bad(0xFFFD);
    QTest::newRow("ascii") << QByteArray("plain") << QStringLiteral("plain");
    QTest::newRow("valid multibyte") << QByteArray("é中😀") << QStringLiteral("é中😀");
    QTest::newRow("stray byte") << QByteArray("a\xff"
                                              "b")
                                << QStringLiteral("a%1b").arg(bad);
    QTest::newRow("Latin-1 text") << QByteArray("caf\xe9") << QStringLiteral("caf%1").arg(bad);
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QString(2, bad);
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QString(3, bad);
    QTest::newRow("truncated at end") << QByteArray("x\xe2\x82") << QStringLiteral("x%1").arg(bad);
    QTest::newRow("truncated before ascii")
        << QByteArray("\xe2\x82x") << QStringLiteral("%1x").arg(bad);
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QString(4, bad);
    QTest::newRow("lone continuation") << QByteArray("\x80\x80") << QString(2, bad);
}

void TestBounceParser::sanitizeUtf8() {
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    std::string out = "kept:";
    JsonText::appendSanitizedUtf8(std::string_view(input.constData(), std::size_t(input.size())),
                                  &out);
    QVERIFY(isValidUtf8(out));
    QCOMPARE(QString::fromStdString(out), QStringLiteral("kept:") + expected);
}

void TestBounceParser::unescape_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QByteArray("abc") << true << QStringLiteral("abc");
    QTest::newRow("simple escapes")
        << QByteArray(R"(\"\\\/\b\f\n\r\t)") << true << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("unicode") << QByteArray(R"(\u00e9\u4E2D)") << true << QStringLiteral("é中");
    QTest::newRow("surrogate pair") << QByteArray(R"(\ud83d\ude00)") << true << QStringLiteral("😀");
    QTest::newRow("lone high surrogate")
        << QByteArray(R"(\ud83dx)") << true << QStringLiteral("\uFFFDx");
    QTest::newRow("lone low surrogate")
        << QByteArray(R"(\ude00)") << true << QStringLiteral("\uFFFD");
    QTest::newRow("NUL") << QByteArray(R"(a\u0000b)") << true << QString::fromUtf8("a\0b", 3);
    QTest::newRow("unknown escape") << QByteArray(R"(\x41)") << false << QString();
    QTest::newRow("short unicode") << QByteArray(R"(\u12)") << false << QString();
    QTest::newRow("bad hex") << QByteArray(R"(\u12g4)") << false << QString();
    QTest::newRow("backslash at end") << QByteArray("a\\") << false << QString();
}

void TestBounceParser::unescape() {
    QFETCH(QByteArray, raw);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    std::string out;
    QCOMPARE(
        JsonText::appendUnescaped(std::string_view(raw.constData(), std::size_t(raw.size())), &out),
        ok);
    if (ok)
        QCOMPARE(QString::fromStdString(out), expected);
}

QTEST_GUILESS_MAIN(TestBounceParser)
#include "tst_bounceparser.moc"
