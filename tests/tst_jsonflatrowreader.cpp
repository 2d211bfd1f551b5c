// JsonFlatRowReader, the fast reader of a list's usual rows, against JsonBounceRowDecoder
// (simdjson), which decides about every row it declines: whatever the flat reader accepts,
// the decoder must accept with the same fields. Checked on named objects and on many made up
// from pieces that each break one rule.
#include "parse/jsonflatrowreader.h"
#include "parse/jsontext.h"

#include <QRandomGenerator>
#include <QtTest>

#include <string>

namespace {

struct Fields {
    std::string email, status, reason, created;

    explicit Fields(const BounceFields &fields)
        : email(fields.email)
        , status(fields.status)
        , reason(fields.reason)
        , created(fields.created) {}
    Fields(const char *e, const char *s, const char *r, const char *c)
        : email(e)
        , status(s)
        , reason(r)
        , created(c) {}

    bool operator==(const Fields &other) const {
        return email == other.email && status == other.status && reason == other.reason &&
               created == other.created;
    }
    QByteArray text() const {
        return QByteArray::fromStdString("email=" + email + " status=" + status +
                                         " reason=" + reason + " created=" + created);
    }
};

// The decoder's verdict: the fields, or nothing when it refuses the object.
std::optional<Fields> decodedBySimdjson(JsonBounceRowDecoder &decoder, const std::string &object) {
    std::string padded = object;
    padded.append(JsonBounceRowDecoder::padding, '\0');
    BounceFields fields;
    if (!decoder.decode(padded.data(), object.size(), &fields).isEmpty())
        return std::nullopt;
    return Fields(fields);
}

std::optional<Fields> readFlat(JsonFlatRowReader &reader, const std::string &object) {
    // A copy of its own, so that reading a byte past the object is an error under ASan.
    const std::unique_ptr<char[]> exact(new char[object.size()]);
    std::memcpy(exact.get(), object.data(), object.size());
    BounceFields fields;
    if (!reader.read(std::string_view(exact.get(), object.size()), &fields))
        return std::nullopt;
    return Fields(fields);
}

// An object made of random pieces: mostly well-formed fields, now and then a piece that
// breaks a rule or is unusual (a control character, bad UTF-8, a nested value, an escaped key,
// a missing comma, ...).
std::string madeUpObject(QRandomGenerator &random) {
    static const char *const spaces[] = {"", "", "", " ", "\n\t ", "\r\n"};
    static const char *const keys[] = {"email", "status", "reason", "created", "id"};
    // The known keys' bytes and more or fewer: a key is known only when its quote follows.
    static const char *const oddKeys[] = {
        "em\\u0061il", "EMAIL",   "",           "x\\\"y",    "rea\tson",
        "caf\xc3\xa9", "\xff",    "\\q",        "\\\x01",    "emails",
        "emai",        "status2", "reason\\\"", "createdAt", "created\\u0000"};
    static const char *const textPieces[] = {"a@b.com",
                                             "user+tag@example.org",
                                             "550 5.1.1 <a@b>: user unknown",
                                             "2024-01-02 03:04:05",
                                             "5.1.1",
                                             "=cmd|' /C calc'!A0",
                                             "close } ] { [ , :",
                                             "a long piece of text that is over "
                                             "sixteen bytes",
                                             "\\\"",
                                             "\\\\",
                                             "\\/",
                                             "\\n",
                                             "\\u00e9",
                                             "\\ud83d\\ude00",
                                             "\\ud800",
                                             "\xc3\xa9",
                                             "\xe4\xb8\xad",
                                             "\x7f",
                                             "' OR 1=1"};
    static const char *const oddTextPieces[] = {"\\x",  "\\u12", "\\", "\xff", "\xed\xa0\x80",
                                                "\x01", "\t",    "\"", "\xc3", "\\\x01"};
    static const char *const bareValues[] = {"550", "-1.5e3", "5.1.1", "true", "false", "null"};
    static const char *const oddBareValues[] = {"-",   "1-2",  "+1",    "0x1F",      "tru",
                                                "nul", "True", "[1,2]", "{\"a\":1}", "[]",
                                                "{}",  ".",    "x",     "1 2",       ""};
    const auto pick = [&random](const auto &array) {
        return std::string(array[random.bounded(int(std::size(array)))]);
    };
    const auto rarely = [&random] { return random.bounded(30) == 0; };
    const auto space = [&] { return pick(spaces); };
    std::string object = "{" + space();
    const int fieldCount = random.bounded(0, 7);
    for (int i = 0; i < fieldCount; ++i) {
        if (i > 0 && !rarely())
            object += ",";
        const std::string key = i == 0 && random.bounded(4) != 0 ? std::string("email")
                                : rarely()                       ? pick(oddKeys)
                                                                 : pick(keys);
        object += space() + "\"" + key + "\"" + space() + (rarely() ? "" : ":") + space();
        if (random.bounded(4) == 0) {
            object += rarely() ? pick(oddBareValues) : pick(bareValues);
        } else {
            object += "\"";
            const int pieces = random.bounded(0, 6);
            for (int j = 0; j < pieces; ++j)
                object += rarely() ? pick(oddTextPieces) : pick(textPieces);
            object += "\"";
        }
        object += space();
    }
    if (rarely())
        object += ",";
    object += "}";
    return object;
}

} // namespace

class TestJsonFlatRowReader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void declines_data();
    void declines();
    void agreesWithSimdjsonOnMadeUpObjects();
    void findsTheEndOfAnObjectInAChunk();
    void stringEndsAtEveryDistanceFromABlockEdge();
};

void TestJsonFlatRowReader::reads_data() {
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QByteArray>("expected");
    const auto row = [](const char *name, const char *object, Fields expected) {
        QTest::newRow(name) << QByteArray(object) << expected.text();
    };
    row("usual row",
        R"({"created":"2024-01-02 03:04:05","email":"a@b.com","reason":"550 5.1.1 )"
        R"(user unknown","status":"5.1.1"})",
        {"a@b.com", "5.1.1", "550 5.1.1 user unknown", "2024-01-02 03:04:05"});
    row("white space everywhere", "{ \n\"email\" :\t\"a@b\" ,\r\n \"status\" : 550 }",
        {"a@b", "550", "", ""});
    row("escapes decoded", R"({"email":"a@b","reason":"x\"y\\z\/\n\u00e9\ud83d\ude00\ud800"})",
        {"a@b", "", "x\"y\\z/\n\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd", ""});
    row("null, true and numbers as their text",
        R"({"email":"a@b","status":null,"reason":true,"created":-1.5e3})",
        {"a@b", "", "true", "-1.5e3"});
    row("unknown keys skipped", R"({"id":7,"flag":false,"x":"a\/b","email":"a@b","n":null})",
        {"a@b", "", "", ""});
    row("an escaped key is an unknown key", R"({"email":"a@b","st\u0061tus":"5.1.1"})",
        {"a@b", "", "", ""});
    row("keys that begin as known keys are unknown keys",
        R"({"emails":"x@y","email":"a@b","statuses":"4.0.0","reason\"":"r","created_at":"t"})",
        {"a@b", "", "", ""});
    row("the last of a repeated key counts", R"({"email":"a@\u0062","email":"c@d"})",
        {"c@d", "", "", ""});
    row("UTF-8 kept as it is", "{\"email\":\"caf\xc3\xa9@x\",\"reason\":\"\xe4\xb8\xad\"}",
        {"caf\xc3\xa9@x", "", "\xe4\xb8\xad", ""});
    row("brackets inside strings", R"({"email":"a@b","reason":"} ] { [ , :"})",
        {"a@b", "", "} ] { [ , :", ""});
}

void TestJsonFlatRowReader::reads() {
    QFETCH(QByteArray, object);
    QFETCH(QByteArray, expected);
    JsonFlatRowReader reader;
    const std::optional<Fields> flat = readFlat(reader, object.toStdString());
    QVERIFY(flat);
    QCOMPARE(flat->text(), expected);
    JsonBounceRowDecoder decoder;
    const std::optional<Fields> reference = decodedBySimdjson(decoder, object.toStdString());
    QVERIFY(reference);
    QCOMPARE(reference->text(), expected);
}

void TestJsonFlatRowReader::declines_data() {
    QTest::addColumn<QByteArray>("object");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("no email") << QByteArray(R"({"status":"5.1.1"})");
    QTest::newRow("empty email") << QByteArray(R"({"email":""})");
    QTest::newRow("nested value") << QByteArray(R"({"email":"a@b","x":{"y":1}})");
    QTest::newRow("list value") << QByteArray(R"({"email":"a@b","x":[]})");
    QTest::newRow("misspelt atom") << QByteArray(R"({"email":"a@b","status":tru})");
    QTest::newRow("number with a letter") << QByteArray(R"({"email":"a@b","status":5x})");
    QTest::newRow("trailing comma") << QByteArray(R"({"email":"a@b",})");
    QTest::newRow("missing comma") << QByteArray(R"({"email":"a@b" "status":"x"})");
    QTest::newRow("missing colon") << QByteArray(R"({"email" "a@b"})");
    QTest::newRow("control character") << QByteArray("{\"email\":\"a\x01@b\"}");
    QTest::newRow("raw tab in a string") << QByteArray("{\"email\":\"a@b\",\"x\":\"\t\"}");
    QTest::newRow("control character escaped in a key")
        << QByteArray("{\"email\":\"a@b\",\"\\\x01\":1}");
    QTest::newRow("invalid escape") << QByteArray(R"({"email":"a\x@b"})");
    QTest::newRow("invalid escape, unknown key") << QByteArray(R"({"email":"a@b","x":"\u12"})");
    QTest::newRow("invalid UTF-8") << QByteArray("{\"email\":\"a\xff@b\"}");
    QTest::newRow("surrogate bytes") << QByteArray("{\"email\":\"a@b\",\"r\":\"\xed\xa0\x80\"}");
    QTest::newRow("unclosed string") << QByteArray(R"({"email":"a@b})");
    QTest::newRow("not an object") << QByteArray(R"(["email","a@b"])");
}

void TestJsonFlatRowReader::declines() {
    QFETCH(QByteArray, object);
    JsonFlatRowReader reader;
    QVERIFY(!readFlat(reader, object.toStdString()));
}

void TestJsonFlatRowReader::agreesWithSimdjsonOnMadeUpObjects() {
    QRandomGenerator random(20261205); // fixed: a failure must be reproducible
    JsonFlatRowReader reader;
    JsonBounceRowDecoder decoder;
    int read = 0;
    int declined = 0;
    for (int i = 0; i < 200000; ++i) {
        const std::string object = madeUpObject(random);
        const std::optional<Fields> flat = readFlat(reader, object);
        if (!flat) {
            ++declined;
            continue;
        }
        ++read;
        const std::optional<Fields> reference = decodedBySimdjson(decoder, object);
        QVERIFY2(reference, object.c_str());
        const QByteArray why = QByteArray::fromStdString(object) + " read as " + flat->text() +
                               ", simdjson " + reference->text();
        QVERIFY2(*flat == *reference, why.constData());
    }
    // Both ways taken often, or the comparison proves little.
    QVERIFY2(read > 20000 && declined > 20000,
             qPrintable(QStringLiteral("%1 read, %2 declined").arg(read).arg(declined)));
}

void TestJsonFlatRowReader::findsTheEndOfAnObjectInAChunk() {
    // Read straight from a chunk, the object's end is not known: readObject() must find it
    // with the next row behind it, and decline when the chunk cuts the object anywhere.
    QRandomGenerator random(20261206);
    JsonFlatRowReader reader;
    int read = 0;
    for (int i = 0; i < 50000; ++i) {
        const std::string object = madeUpObject(random);
        const std::optional<Fields> whole = readFlat(reader, object);
        const std::string chunk = object + ",\n{\"email\":\"next@row\"}";
        BounceFields fields;
        const char *const end =
            reader.readObject(chunk.data(), chunk.data() + chunk.size(), &fields);
        QCOMPARE(end != nullptr, bool(whole));
        if (!whole)
            continue;
        ++read;
        QVERIFY2(end == chunk.data() + object.size(), object.c_str());
        QVERIFY2(Fields(fields) == *whole, object.c_str());
        // Cut short, in an allocation of its own so that a read past the cut is an ASan error.
        const std::size_t cut = std::size_t(random.bounded(int(object.size())));
        const std::unique_ptr<char[]> part(new char[std::max<std::size_t>(cut, 1)]);
        std::memcpy(part.get(), object.data(), cut);
        QVERIFY2(!reader.readObject(part.get(), part.get() + cut, &fields), object.c_str());
    }
    QVERIFY2(read > 5000, qPrintable(QString::number(read)));
}

void TestJsonFlatRowReader::stringEndsAtEveryDistanceFromABlockEdge() {
    // The reader tests sixteen bytes at a time: a quote, backslash or control character at
    // any place in a block, and a string ending at any distance from the object's end.
    JsonFlatRowReader reader;
    for (int length = 0; length < 40; ++length) {
        for (int at = 0; at <= length; ++at) {
            for (const char *special : {"", "\\\"", "\\\\", "\x1f", "\xc3\xa9"}) {
                std::string reason(std::size_t(length), 'r');
                reason.insert(std::size_t(at), special);
                const std::string object = "{\"email\":\"a@b\",\"reason\":\"" + reason + "\"}";
                const std::optional<Fields> flat = readFlat(reader, object);
                if (std::string_view(special) == "\x1f") {
                    QVERIFY2(!flat, object.c_str());
                    continue;
                }
                QVERIFY2(flat, object.c_str());
                std::string expected(std::size_t(length), 'r');
                expected.insert(std::size_t(at), std::string_view(special) == "\\\""   ? "\""
                                                 : std::string_view(special) == "\\\\" ? "\\"
                                                                                       : special);
                QCOMPARE(flat->reason, expected);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonFlatRowReader)
#include "tst_jsonflatrowreader.moc"
