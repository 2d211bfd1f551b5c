// The whole-body parsers and the error-shape recogniser over every shape in api-notes.md, the
// sniffing of bodies, content types, and the messages an ApiError gives a person.
#include "api/apierror.h"
#include "core/customer.h"
#include "core/quantitytext.h"
#include "parse/apierrorshapes.h"
#include "parse/bodysyntax.h"
#include "parse/contenttype.h"
#include "parse/customerparser.h"
#include "parse/deleteresultparser.h"

#include <QtTest>

Q_DECLARE_METATYPE(ApiError::Kind)
Q_DECLARE_METATYPE(DeleteOutcome)
Q_DECLARE_METATYPE(BodySyntax)

namespace {

Customer customer(const char *username, const char *email = "", const char *first = "",
                  const char *last = "", bool active = true, const char *id = "") {
    Customer c;
    c.id = QString::fromUtf8(id);
    c.username = QString::fromUtf8(username);
    c.email = QString::fromUtf8(email);
    c.firstName = QString::fromUtf8(first);
    c.lastName = QString::fromUtf8(last);
    c.active = active;
    return c;
}

// `text` as UTF-16 bytes in the given byte order (no byte-order mark).
QByteArray utf16Bytes(const QString &text, QSysInfo::Endian order) {
    QByteArray bytes;
    for (const QChar c : text) {
        const char high = char(c.unicode() >> 8);
        const char low = char(c.unicode() & 0xFF);
        if (order == QSysInfo::BigEndian)
            bytes.append(high).append(low);
        else
            bytes.append(low).append(high);
    }
    return bytes;
}

// The same error in every shape the API has been seen to use.
void addErrorShapes() {
    QTest::newRow("json documented")
        << QByteArray(R"({"message":"error","errors":["Invalid user"]})")
        << QStringLiteral("Invalid user");
    QTest::newRow("json error object")
        << QByteArray(R"({"error":{"code":401,"message":"Permission denied, wrong credentials"}})")
        << QStringLiteral("Permission denied, wrong credentials");
    QTest::newRow("json error object without message")
        << QByteArray(R"({"error":{"code":500}})") << QStringLiteral("error code 500");
    QTest::newRow("json error string") << QByteArray(R"({"error":"Bad username / password"})")
                                       << QStringLiteral("Bad username / password");
    QTest::newRow("json errors then message")
        << QByteArray(R"({"errors":["Bad username / password"],"message":"error"})")
        << QStringLiteral("Bad username / password");
    QTest::newRow("json rate limit")
        << QByteArray(R"({"errors":[{"field":null,"message":"too many requests"}]})")
        << QStringLiteral("too many requests");
    QTest::newRow("json field errors")
        << QByteArray(R"({"errors":[{"field":"email","message":"is invalid"},"second"]})")
        << QStringLiteral("email: is invalid; second");
    QTest::newRow("json several, pretty, with BOM")
        << QByteArray("\xEF\xBB\xBF\n{\n  \"message\": \"error\",\n  \"errors\": [\"a\", \"b\", "
                      "\"a\"]\n}\n")
        << QStringLiteral("a; b");
    QTest::newRow("json without words") << QByteArray(R"({"message":"error"})") << QString();
    QTest::newRow("json hostile words") << QByteArray(R"({"error":"<img src=x onerror=alert(1)>"})")
                                        << QStringLiteral("<img src=x onerror=alert(1)>");
    QTest::newRow("xml documented")
        << QByteArray("<result><message>error</message><errors><error>Invalid user</error>"
                      "</errors></result>")
        << QStringLiteral("Invalid user");
    QTest::newRow("xml declaration, two errors")
        << QByteArray("<?xml version=\"1.0\"?>\n<result>\n <message>error</message>\n <errors>\n"
                      "  <error>one</error>\n  <error>two</error>\n </errors>\n</result>\n")
        << QStringLiteral("one; two");
    QTest::newRow("xml ISO-8859-1")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><result><message>error"
                      "</message><errors><error>Mot de passe erron\xe9</error></errors></result>")
        << QStringLiteral("Mot de passe erroné");
    QTest::newRow("xml without words")
        << QByteArray("<result><message>error</message></result>") << QString();
}

} // namespace

class TestResponseParsers final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recognisesErrors_data();
    void recognisesErrors();
    void notAnError_data();
    void notAnError();
    void authenticationMessage_data();
    void authenticationMessage();
    void sniffAndDescribe_data();
    void sniffAndDescribe();
    void endsMidDocument_data();
    void endsMidDocument();

    void customers_data();
    void customers();
    void customersFailures_data();
    void customersFailures();
    void customersOnErrorShapes_data() { recognisesErrors_data(); }
    void customersOnErrorShapes();

    void deleteResult_data();
    void deleteResult();
    void deleteOnErrorShapes_data() { recognisesErrors_data(); }
    void deleteOnErrorShapes();

    void contentType_data();
    void contentType();
    void displayName_data();
    void displayName();
    void errorMessage_data();
    void errorMessage();
    void sizesAndCounts();
};

void TestResponseParsers::recognisesErrors_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("words");
    addErrorShapes();
}

void TestResponseParsers::recognisesErrors() {
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    const std::optional<QString> recognised = recogniseApiError(body);
    QVERIFY(recognised.has_value());
    QCOMPARE(*recognised, words);
}

void TestResponseParsers::notAnError_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("delete success") << QByteArray(R"({"message":"success"})");
    QTest::newRow("email does not exist") << QByteArray(R"({"message":"Email does not exist"})");
    QTest::newRow("empty list") << QByteArray("[]");
    QTest::newRow("bounce list") << QByteArray(R"([{"email":"a@b","status":"5.1.1"}])");
    QTest::newRow("list of error-looking objects") << QByteArray(R"([{"error":"x"}])");
    QTest::newRow("xml success") << QByteArray("<result><message>success</message></result>");
    QTest::newRow("xml bounces") << QByteArray(
        "<bounces><bounce><email>a@b</email></bounce></bounces>");
    QTest::newRow("xml users") << QByteArray("<users/>");
    QTest::newRow("html") << QByteArray("<html><body>error</body></html>");
    QTest::newRow("plain text") << QByteArray("error");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("invalid json") << QByteArray(R"({"error":)");
    QTest::newRow("error null") << QByteArray(R"({"error":null,"message":"ok"})");
}

void TestResponseParsers::notAnError() {
    QFETCH(QByteArray, body);
    QVERIFY(!recogniseApiError(body).has_value());
}

void TestResponseParsers::authenticationMessage_data() {
    QTest::addColumn<QString>("words");
    QTest::addColumn<bool>("authentication");
    QTest::newRow("wrong credentials")
        << QStringLiteral("Permission denied, wrong credentials") << true;
    QTest::newRow("bad username") << QStringLiteral("Bad username / password") << true;
    QTest::newRow("upper case") << QStringLiteral("AUTHENTICATION FAILED") << true;
    QTest::newRow("unauthorized") << QStringLiteral("Unauthorized") << true;
    QTest::newRow("rate limit") << QStringLiteral("too many requests") << false;
    QTest::newRow("invalid user") << QStringLiteral("Invalid user") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestResponseParsers::authenticationMessage() {
    QFETCH(QString, words);
    QFETCH(bool, authentication);
    QCOMPARE(isAuthenticationMessage(words), authentication);
}

void TestResponseParsers::sniffAndDescribe_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodySyntax>("syntax");
    QTest::addColumn<QString>("description");
    QTest::newRow("empty") << QByteArray() << BodySyntax::Empty << QStringLiteral("an empty body");
    QTest::newRow("white space") << QByteArray(" \r\n") << BodySyntax::Empty
                                 << QStringLiteral("a body of only white space");
    QTest::newRow("json list after BOM")
        << QByteArray("\xEF\xBB\xBF [1]") << BodySyntax::Json << QStringLiteral("a JSON list");
    QTest::newRow("json object") << QByteArray("\n{}") << BodySyntax::Json
                                 << QStringLiteral("a JSON object");
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><users/>") << BodySyntax::Xml
                         << QStringLiteral("an XML document <users>");
    QTest::newRow("html with title")
        << QByteArray("<!DOCTYPE html>\n<html><head><title>502 Bad\nGateway</title></head></html>")
        << BodySyntax::Html << QStringLiteral("an HTML page (\u201c502 Bad Gateway\u201d)");
    QTest::newRow("html without title") << QByteArray("<HTML><BODY>down</BODY></HTML>")
                                        << BodySyntax::Html << QStringLiteral("an HTML page");
    QTest::newRow("plain text") << QByteArray("Service Unavailable\r\n") << BodySyntax::Other
                                << QStringLiteral(
                                       "plain text starting \u201cService Unavailable\u201d");
    QTest::newRow("long text is cut") << QByteArray("x").repeated(5000) << BodySyntax::Other
                                      << QStringLiteral("plain text starting \u201c%1\u2026\u201d")
                                             .arg(QString(40, QLatin1Char('x')));
    QTest::newRow("control characters")
        << QByteArray("a\x01\x1b[31mb") << BodySyntax::Other
        << QStringLiteral("plain text starting \u201ca [31mb\u201d");
}

void TestResponseParsers::sniffAndDescribe() {
    QFETCH(QByteArray, body);
    QFETCH(BodySyntax, syntax);
    QFETCH(QString, description);
    QCOMPARE(sniffBody(body), syntax);
    QCOMPARE(describeBody(body), description);
}

void TestResponseParsers::endsMidDocument_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("cut");
    QTest::newRow("json whole") << QByteArray(R"({"message":"success"})") << false;
    QTest::newRow("json list whole")
        << QByteArray(R"([{"username":"a"},{"username":"b"}])") << false;
    QTest::newRow("json cut in a string") << QByteArray(R"([{"username":"a"},{"usern)") << true;
    QTest::newRow("json cut between rows") << QByteArray(R"([{"username":"a"},)") << true;
    QTest::newRow("json cut after an escape") << QByteArray(R"({"message":"a\)") << true;
    QTest::newRow("json brackets inside strings")
        << QByteArray(R"({"message":"[{ \" }"})") << false;
    QTest::newRow("json one closer too many: malformed, not cut")
        << QByteArray(R"({"message":"x"}})") << false;
    QTest::newRow("xml whole") << QByteArray("<result><message>success</message></result>")
                               << false;
    QTest::newRow("xml cut") << QByteArray("<?xml version=\"1.0\"?>\n<result><message>succ")
                             << true;
    QTest::newRow("xml malformed, not cut") << QByteArray("<result></other>") << false;
    QTest::newRow("html") << QByteArray("<html><body>Bad gateway") << false;
    QTest::newRow("text") << QByteArray("Service Unavailable") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestResponseParsers::endsMidDocument() {
    QFETCH(QByteArray, body);
    QFETCH(bool, cut);
    QCOMPARE(::endsMidDocument(body), cut);
}

void TestResponseParsers::customers_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<Customer>>("expected");

    QTest::newRow("json documented fields")
        << QByteArray(R"([{"id":"12","username":"shop","email":"ops@shop.example","active":"true",)"
                      R"("first_name":"Ana","last_name":"Lima","address":"1 Road","city":"Porto",)"
                      R"("state":"","zip":"4000","country":"PT","phone":"1","website":"w"},)"
                      R"({"username":"old","email":"o@x","active":"false","first_name":"",)"
                      R"("last_name":""}])")
        << QList<Customer>{customer("shop", "ops@shop.example", "Ana", "Lima", true, "12"),
                           customer("old", "o@x", "", "", false)};
    QTest::newRow("json active as booleans and numbers, numeric id")
        << QByteArray(R"([{"id":7,"username":"a","active":false},{"username":"b","active":1},)"
                      R"({"username":"c","active":0},{"username":"d","active":true},)"
                      R"({"username":"e","active":null}])")
        << QList<Customer>{customer("a", "", "", "", false, "7"), customer("b"),
                           customer("c", "", "", "", false), customer("d"), customer("e")};
    QTest::newRow("json unknown fields and non-ASCII")
        << QByteArray(R"([{"username":"jérôme","first_name":"Jérôme","nested":{"a":[1]},)"
                      R"("last_name":"中村"}])")
        << QList<Customer>{customer("jérôme", "", "Jérôme", "中村")};
    QTest::newRow("json empty list") << QByteArray(" [ ] ") << QList<Customer>{};
    QTest::newRow("xml documented fields")
        << QByteArray("<users><user><id>1</id><username>shop</username><email>ops@shop.example"
                      "</email><active>true</active><first_name>Ana</first_name><last_name>Lima"
                      "</last_name><city>Porto</city></user><user><username>old</username>"
                      "<active>false</active></user></users>")
        << QList<Customer>{customer("shop", "ops@shop.example", "Ana", "Lima", true, "1"),
                           customer("old", "", "", "", false)};
    QTest::newRow("xml ISO-8859-1")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<users><user><username>"
                      "j\xe9r\xf4me</username><first_name>J\xe9r\xf4me</first_name></user></users>")
        << QList<Customer>{customer("jérôme", "", "Jérôme")};
    QTest::newRow("xml empty") << QByteArray("<users/>") << QList<Customer>{};
    // Read as the bounce lists are (XmlTextDecoder): UTF-16 with its byte-order mark, UTF-16
    // without one (XML 1.0 appendix F), and an encoding Qt's XML reader never knew.
    const QString utf16Users = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                                              "<users><user><username>j\u00e9r\u00f4me</username>"
                                              "<first_name>\U0001F600</first_name></user></users>");
    QTest::newRow("xml UTF-16LE with BOM")
        << QByteArray("\xFF\xFE") + utf16Bytes(utf16Users, QSysInfo::LittleEndian)
        << QList<Customer>{customer("jérôme", "", "\U0001F600")};
    QTest::newRow("xml UTF-16BE without BOM")
        << utf16Bytes(utf16Users, QSysInfo::BigEndian)
        << QList<Customer>{customer("jérôme", "", "\U0001F600")};
    QTest::newRow("xml windows-1252")
        << QByteArray("<?xml version=\"1.0\" encoding=\"windows-1252\"?><users><user><username>"
                      "\x80uro</username></user></users>")
        << QList<Customer>{customer("\u20acuro")};
    // Nested far past what a customer list needs: read, not kept as a million nested lists.
    QTest::newRow("xml nested a million deep")
        << QByteArray("<users><user><username>deep</username><x>") +
               QByteArray("<x>").repeated(1'000'000) + QByteArray("</x>").repeated(1'000'000) +
               QByteArray("</x></user></users>")
        << QList<Customer>{customer("deep")};
}

void TestResponseParsers::customers() {
    QFETCH(QByteArray, body);
    QFETCH(QList<Customer>, expected);
    QList<Customer> parsed{customer("stale")};
    const ParseResult result = parseCustomers(body, &parsed);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!result.serverError);
    QCOMPARE(parsed.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(parsed.at(i).username, expected.at(i).username);
        QVERIFY(parsed.at(i) == expected.at(i));
    }
}

void TestResponseParsers::customersFailures_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("row without username")
        << QByteArray(R"([{"username":"a"},{"email":"b@x"}])")
        << QStringLiteral("customer 2 in the list has no username");
    QTest::newRow("row not an object") << QByteArray(R"([{"username":"a"},"b"])")
                                       << QStringLiteral("customer 2 in the list is not an object");
    QTest::newRow("xml row without username")
        << QByteArray("<users><user><email>x</email></user></users>")
        << QStringLiteral("customer 1 in the list has no username");
    QTest::newRow("success object")
        << QByteArray(R"({"message":"success"})")
        << QStringLiteral("expected a list of customers, got a JSON object");
    QTest::newRow("html") << QByteArray("<html><title>Oops</title></html>")
                          << QStringLiteral("got an HTML page (\u201cOops\u201d)");
    QTest::newRow("bounces instead")
        << QByteArray("<bounces/>") << QStringLiteral("got an XML document <bounces>");
    QTest::newRow("invalid json") << QByteArray(R"([{"username":"a"})")
                                  << QStringLiteral("is not valid JSON");
    QTest::newRow("truncated xml") << QByteArray("<users><user><username>a</user")
                                   << QStringLiteral("is not valid XML (line 1, column");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("got an empty body");
}

void TestResponseParsers::customersFailures() {
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    QList<Customer> parsed{customer("kept")};
    const ParseResult result = parseCustomers(body, &parsed);
    QVERIFY(!result.ok);
    QVERIFY(!result.serverError);
    QVERIFY2(result.error.contains(errorContains), qPrintable(result.error));
    QCOMPARE(parsed, QList<Customer>{customer("kept")}); // nothing half-parsed leaks out
}

void TestResponseParsers::customersOnErrorShapes() {
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    QList<Customer> parsed;
    const ParseResult result = parseCustomers(body, &parsed);
    QVERIFY(!result.ok);
    QVERIFY(result.serverError);
    QCOMPARE(result.error, words.isEmpty()
                               ? QStringLiteral("the server reported an error without details")
                               : words);
}

void TestResponseParsers::deleteResult_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<DeleteOutcome>("outcome");
    QTest::addColumn<QString>("errorContains");
    const auto deleted = DeleteOutcome::Deleted;
    const auto gone = DeleteOutcome::NotOnList;
    QTest::newRow("json success") << QByteArray(R"({"message":"success"})") << true << deleted
                                  << QString();
    QTest::newRow("json success, pretty")
        << QByteArray("{\n  \"message\": \"success\"\n}\n") << true << deleted << QString();
    QTest::newRow("xml success, seed layout")
        << QByteArray("<result>\n   <message>success</message>\n</result>\n") << true << deleted
        << QString();
    QTest::newRow("json not on the list")
        << QByteArray(R"({"message":"Email does not exist"})") << true << gone << QString();
    QTest::newRow("json not on the list, other case")
        << QByteArray(R"({"message":"email does not exist."})") << true << gone << QString();
    QTest::newRow("xml UTF-16 success")
        << QByteArray("\xFE\xFF") +
               utf16Bytes(QStringLiteral("<result><message>success</message></result>"),
                          QSysInfo::BigEndian)
        << true << deleted << QString();
    QTest::newRow("xml not on the list")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><result><message>Email does "
                      "not exist</message></result>")
        << true << gone << QString();
    QTest::newRow("unexpected message")
        << QByteArray(R"({"message":"queued"})") << false << deleted
        << QStringLiteral("unexpected answer to a delete: \u201cqueued\u201d");
    QTest::newRow("json list") << QByteArray("[]") << false << deleted
                               << QStringLiteral("unexpected answer to a delete: a JSON list");
    QTest::newRow("object without message")
        << QByteArray(R"({"result":"ok"})") << false << deleted << QStringLiteral("a JSON object");
    QTest::newRow("html") << QByteArray("<!doctype html><html></html>") << false << deleted
                          << QStringLiteral("an HTML page");
    QTest::newRow("empty") << QByteArray() << false << deleted << QStringLiteral("an empty body");
    QTest::newRow("invalid json") << QByteArray(R"({"message":"succ)") << false << deleted
                                  << QStringLiteral("unexpected answer to a delete");
}

void TestResponseParsers::deleteResult() {
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(DeleteOutcome, outcome);
    QFETCH(QString, errorContains);
    DeleteOutcome parsed =
        ok && outcome == DeleteOutcome::Deleted ? DeleteOutcome::NotOnList : DeleteOutcome::Deleted;
    const ParseResult result = parseDeleteResult(body, &parsed);
    QCOMPARE(result.ok, ok);
    QVERIFY(!result.serverError);
    if (ok)
        QCOMPARE(parsed, outcome);
    else
        QVERIFY2(result.error.contains(errorContains), qPrintable(result.error));
}

void TestResponseParsers::deleteOnErrorShapes() {
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    DeleteOutcome parsed = DeleteOutcome::Deleted;
    const ParseResult result = parseDeleteResult(body, &parsed);
    QVERIFY(!result.ok);
    QVERIFY(result.serverError);
    if (!words.isEmpty())
        QCOMPARE(result.error, words);
}

void TestResponseParsers::contentType_data() {
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("none") << QByteArray() << true;
    QTest::newRow("application/json") << QByteArray("application/json") << true;
    QTest::newRow("with charset") << QByteArray("application/json; charset=utf-8") << true;
    QTest::newRow("upper case") << QByteArray("Application/JSON") << true;
    QTest::newRow("text/json") << QByteArray("text/json") << true;
    QTest::newRow("application/xml") << QByteArray("application/xml") << true;
    QTest::newRow("text/xml latin-1") << QByteArray("text/xml; charset=ISO-8859-1") << true;
    QTest::newRow("problem+json") << QByteArray("application/problem+json") << true;
    QTest::newRow("atom+xml") << QByteArray("application/atom+xml") << true;
    QTest::newRow("text/html") << QByteArray("text/html; charset=utf-8") << false;
    QTest::newRow("text/plain") << QByteArray("text/plain; charset=utf-8") << true;
    QTest::newRow("text/javascript") << QByteArray("text/javascript") << true;
    QTest::newRow("xhtml") << QByteArray("application/xhtml+xml") << false;
    QTest::newRow("image") << QByteArray("image/png") << false;
    QTest::newRow("bare +json") << QByteArray("+json") << false;
    QTest::newRow("octet-stream") << QByteArray("application/octet-stream") << true;
}

void TestResponseParsers::contentType() {
    QFETCH(QByteArray, type);
    QFETCH(bool, acceptable);
    QCOMPARE(isAcceptableContentType(type), acceptable);
}

void TestResponseParsers::displayName_data() {
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<QString>("expected");
    QTest::newRow("both") << QStringLiteral("Ana") << QStringLiteral("Lima")
                          << QStringLiteral("Ana Lima");
    QTest::newRow("first only") << QStringLiteral(" Ana ") << QString() << QStringLiteral("Ana");
    QTest::newRow("last only") << QString() << QStringLiteral("Lima") << QStringLiteral("Lima");
    QTest::newRow("neither") << QStringLiteral(" ") << QString() << QStringLiteral("shop-user");
}

void TestResponseParsers::displayName() {
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(QString, expected);
    Customer c = customer("shop-user");
    c.firstName = first;
    c.lastName = last;
    QCOMPARE(c.displayName(), expected);
}

void TestResponseParsers::errorMessage_data() {
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<QString>("expected");
    using Kind = ApiError::Kind;

    QTest::newRow("wrong credentials")
        << ApiError::make(Kind::Authentication, {}, 401,
                          QStringLiteral("Permission denied, wrong credentials"))
        << QStringLiteral(
               "The server refused the request (HTTP 401 Unauthorized): Permission denied, "
               "wrong credentials. Check the API user and key.");
    QTest::newRow("error body with HTTP 200")
        << ApiError::make(Kind::Server, {}, 200, QStringLiteral("Invalid user"))
        << QStringLiteral("The server reported an error: Invalid user.");
    QTest::newRow("error without words")
        << ApiError::make(Kind::Server, {}, 200)
        << QStringLiteral("The server reported an error without details.");
    QTest::newRow("bad request with words")
        << ApiError::make(Kind::Server, {}, 400, QStringLiteral("Invalid user"))
        << QStringLiteral("The server refused the request (HTTP 400 Bad Request): Invalid user.");
    QTest::newRow("timeout") << ApiError::make(
                                    Kind::Timeout,
                                    QStringLiteral("no data from api.example.com for 60 s"))
                             << QStringLiteral("Timed out: no data from api.example.com for 60 s.");
    QTest::newRow("html page")
        << ApiError::make(Kind::BadResponse, QStringLiteral("an HTML page instead of data"), 502)
        << QStringLiteral("The server's answer could not be used (HTTP 502 Bad Gateway): an HTML "
                          "page instead of data.");
    {
        ApiError truncated = ApiError::make(Kind::Truncated, QStringLiteral("the list stopped"));
        truncated.bytesReceived = 1234;
        QTest::newRow("truncated")
            << truncated
            << QStringLiteral("The response ended early (after 1,234 bytes): "
                              "the list stopped.");
    }
    QTest::newRow("rate limited")
        << ApiError::make(Kind::RateLimited, QStringLiteral("gave up after 4 attempts"), 429,
                          QStringLiteral("too many requests"))
        << QStringLiteral(
               "The server kept refusing with \u201ctoo many requests\u201d (HTTP 429 Too "
               "Many Requests): too many requests. Gave up after 4 attempts.");
    QTest::newRow("settings") << ApiError::make(Kind::InvalidSettings,
                                                QStringLiteral("No API key is set."))
                              << QStringLiteral("No API key is set.");
    QTest::newRow("http without body")
        << ApiError::make(Kind::Http, {}, 503)
        << QStringLiteral("The server answered with an error (HTTP 503 "
                          "Service Unavailable).");
    QTest::newRow("unusual status")
        << ApiError::make(Kind::Http, {}, 418)
        << QStringLiteral("The server answered with an error (HTTP 418).");
    QTest::newRow("network") << ApiError::make(Kind::Network, QStringLiteral("Connection refused"))
                             << QStringLiteral("Could not talk to the server: Connection refused.");
    QTest::newRow("Qt's unknown error dropped")
        << ApiError::make(Kind::Network, QStringLiteral("Unknown error"))
        << QStringLiteral("Could not talk to the server.");
    QTest::newRow("tls") << ApiError::make(Kind::Tls, QStringLiteral("TLS initialization failed"))
                         << QStringLiteral(
                                "The secure connection failed: TLS initialization failed.");
    QTest::newRow("hostile words flattened")
        << ApiError::make(Kind::Server, {}, 500, QStringLiteral("line one\n\tline\x01two  "))
        << QStringLiteral("The server refused the request (HTTP 500 Internal Server Error): line "
                          "one line two.");
}

void TestResponseParsers::errorMessage() {
    QFETCH(ApiError, error);
    QFETCH(QString, expected);
    QVERIFY(error.isError());
    QCOMPARE(error.message(), expected);
    QVERIFY(!error.message().contains(QStringLiteral("unknown"), Qt::CaseInsensitive));
}

void TestResponseParsers::sizesAndCounts() {
    QCOMPARE(countText(0), QStringLiteral("0"));
    QCOMPARE(countText(999), QStringLiteral("999"));
    QCOMPARE(countText(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(sizeText(1), QStringLiteral("1 byte"));
    QCOMPARE(sizeText(999'999), QStringLiteral("999,999 bytes"));
    QCOMPARE(sizeText(230'000'000), QStringLiteral("230.0 MB"));
    QCOMPARE(sizeText(2'500'000'000), QStringLiteral("2.50 GB"));
    QCOMPARE(ApiError().message(), QString()); // no error, no words
    // A huge server message is cut, so it cannot flood a status bar or a terminal.
    const ApiError flood =
        ApiError::make(ApiError::Kind::Server, {}, 500, QString(100000, QLatin1Char('x')));
    QVERIFY(flood.message().size() < 400);
}

QTEST_GUILESS_MAIN(TestResponseParsers)
#include "tst_responseparsers.moc"
