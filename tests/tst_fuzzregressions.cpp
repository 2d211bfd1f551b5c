// The fuzz targets' properties (tests/fuzz/fuzzchecks.h) in the normal suite: every seed of
// tests/fuzz/corpus/<target>/ and every input that once broke a property or crashed
// (tests/fuzz/regressions/<target>/) must pass its target's check. Built with the project's
// own compiler here, and with ASan + UBSan in the asan build, so a fixed fuzz crash stays fixed
// even where libFuzzer never runs.
#include "fuzzchecks.h"

#include "parse/bodysyntax.h"
#include "parse/bounceparser.h"
#include "parse/customerparser.h"
#include "parse/parsertext.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestFuzzRegressions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyTargetHasSeeds();
    void inputPassesItsCheck_data();
    void inputPassesItsCheck();
    void utf8Validation_data();
    void utf8Validation();
    void loneSurrogateIsNotValidText();

    // What the fuzzers found, stated directly.
    void junkBeforeTheListClosesIsNamedInAnyChunking_data();
    void junkBeforeTheListClosesIsNamedInAnyChunking();
    void malformedRowFailsWhereverTheChunksEnd_data();
    void malformedRowFailsWhereverTheChunksEnd();
    void xmlErrorsQuoteLittleOfTheBody_data();
    void xmlErrorsQuoteLittleOfTheBody();
    void excerptsNeverCutACharacterInHalf_data();
    void excerptsNeverCutACharacterInHalf();
};

namespace {

QString fuzzDir() {
    return QStringLiteral(BOUNCEDESK_FUZZ_DIR);
}

QStringList inputsOf(const QString &kind, const char *target) {
    const QDir dir(fuzzDir() + QLatin1Char('/') + kind + QLatin1Char('/') + QLatin1String(target));
    QStringList paths;
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

// The error text of `body` parsed as JSON, fed whole (pieceSize 0) or in pieces of that size.
QString jsonErrorText(const QByteArray &body, qsizetype pieceSize) {
    auto parser = BounceStreamParser::create(ResponseFormat::Json, [](const BounceFields &) {});
    const qsizetype step = pieceSize > 0 ? pieceSize : qMax<qsizetype>(1, body.size());
    for (qsizetype at = 0; at < body.size(); at += step)
        parser->feed(QByteArrayView(body).sliced(at, qMin(step, body.size() - at)));
    parser->finish();
    return parser->errorText();
}

} // namespace

void TestFuzzRegressions::everyTargetHasSeeds() {
    for (const FuzzChecks::Target &target : FuzzChecks::targets)
        QVERIFY2(inputsOf(QStringLiteral("corpus"), target.name).size() >= 5, target.name);
}

void TestFuzzRegressions::inputPassesItsCheck_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    for (const FuzzChecks::Target &target : FuzzChecks::targets) {
        for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            for (const QString &path : inputsOf(kind, target.name)) {
                const QString row = kind + QLatin1Char('/') + QLatin1String(target.name) +
                                    QLatin1Char('/') + QFileInfo(path).fileName();
                QTest::newRow(row.toUtf8().constData()) << QString::fromLatin1(target.name) << path;
            }
        }
    }
}

void TestFuzzRegressions::inputPassesItsCheck() {
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray input = file.readAll();
    const FuzzChecks::Check check = FuzzChecks::checkNamed(target.toStdString());
    QVERIFY(check);
    const QString broken = check(input);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

// The checks call text "valid" only when it would show without replacement characters.
void TestFuzzRegressions::utf8Validation_data() {
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("a@b.com") << true;
    QTest::newRow("two-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9") << false;
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("cut sequence") << QByteArray("\xe4\xb8") << false;
}

void TestFuzzRegressions::utf8Validation() {
    QFETCH(QByteArray, utf8);
    QFETCH(bool, valid);
    QCOMPARE(FuzzChecks::isValidUtf8(std::string_view(utf8.constData(), std::size_t(utf8.size()))),
             valid);
}

void TestFuzzRegressions::loneSurrogateIsNotValidText() {
    QVERIFY(FuzzChecks::isValidUtf8(QString::fromUtf8("\xf0\x9f\x98\x80")));
    QVERIFY(!FuzzChecks::isValidUtf8(QString(QChar(0xD800))));
    QVERIFY(!FuzzChecks::isValidUtf8(QString(QChar(0xDC00)) + QLatin1Char('a')));
}

// Found by fuzz_bounces_json: a '}' closing the list after junk was reported as the '}' when the
// body came whole, but as the junk when a chunk ended between the two.
void TestFuzzRegressions::junkBeforeTheListClosesIsNamedInAnyChunking_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("junk then brace")
        << QByteArray("[x}") << QStringLiteral("row 1 of the list (at byte 1) is not an object");
    QTest::newRow("non-text bytes then brace")
        << QByteArray("[\xf2\xdf }")
        << QStringLiteral("row 1 of the list (at byte 1) is not an object");
    QTest::newRow("junk after a row then brace")
        << QByteArray(R"([{"email":"a@b"} x})")
        << QStringLiteral("a comma or the end of the list should come before row 2 (at byte 17)");
    QTest::newRow("brace right after a row")
        << QByteArray(R"([{"email":"a@b"}})")
        << QStringLiteral("the list closes with \u201c}\u201d before row 2 (at byte 16)");
}

void TestFuzzRegressions::junkBeforeTheListClosesIsNamedInAnyChunking() {
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QCOMPARE(jsonErrorText(body, 0), error);
    for (qsizetype pieceSize = 1; pieceSize < body.size(); ++pieceSize)
        QCOMPARE(jsonErrorText(body, pieceSize), error);
}

// Found by fuzz_bounces_json: simdjson's On-Demand parser accepted {"k":"v":"w"} when more rows
// followed it in the same chunk (it reads past the object) and rejected it at a chunk's end, so
// a malformed row was either a row or an error depending on where the network cut the body.
void TestFuzzRegressions::malformedRowFailsWhereverTheChunksEnd_data() {
    QTest::addColumn<QByteArray>("body");
    const QByteArray longRow = R"({"email":"c@d","reason":")" + QByteArray(80, 'r') + R"("})";
    QTest::newRow("value after a value, rows follow")
        << R"([{"email":"a@b","created":"x":"y"},)" + longRow + ']';
    QTest::newRow("value after a value, alone")
        << QByteArray(R"([{"email":"a@b","created":"x":"y"}])");
    QTest::newRow("then a stray brace")
        << R"([{"email":"a@b","created":"x":"y"}})" + QByteArray(100, ' ');
}

void TestFuzzRegressions::malformedRowFailsWhereverTheChunksEnd() {
    QFETCH(QByteArray, body);
    const QString whole = jsonErrorText(body, 0);
    QVERIFY2(whole.startsWith(QLatin1String("row 1 of the list (at byte 1)")), qPrintable(whole));
    for (const qsizetype pieceSize : {1, 5, 33, 64})
        QCOMPARE(jsonErrorText(body, pieceSize), whole);
}

// Found by fuzz_customers: QXmlStreamReader's message quotes an unknown encoding name whole, so a
// hostile body put kilobytes of itself into the error banner.
void TestFuzzRegressions::xmlErrorsQuoteLittleOfTheBody_data() {
    QTest::addColumn<QByteArray>("body");
    // Long, but inside the declaration bytes XmlTextDecoder reads for the encoding.
    const QByteArray longName(900, '2');
    QTest::newRow("unknown encoding")
        << "<?xml version=\"1.0\" encoding=\"ISO-" + longName +
               "\"?><users><user><username>a</username></user></users>";
    QTest::newRow("unknown entity")
        << "<users><user><username>&" + QByteArray(5000, 'e') + ";</username></user></users>";
}

void TestFuzzRegressions::xmlErrorsQuoteLittleOfTheBody() {
    QFETCH(QByteArray, body);
    QList<Customer> customers;
    const ParseResult result = parseCustomers(body, &customers);
    QVERIFY(!result.ok);
    QVERIFY(!result.serverError);
    QVERIFY2(result.error.startsWith(QLatin1String("the list of customers is not valid XML")),
             qPrintable(result.error));
    QVERIFY2(result.error.size() < 250, qPrintable(result.error.left(300)));
}

// Found by fuzz_customers and fuzz_api_errors: an excerpt cut after the first half of a
// surrogate pair (a character beyond U+FFFF, an emoji) and put half a character in the message.
void TestFuzzRegressions::excerptsNeverCutACharacterInHalf_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qsizetype>("maxChars");
    const QByteArray emoji("\xf0\x9f\x98\x80"); // U+1F600: two UTF-16 code units
    QTest::newRow("pair across the cut") << QByteArray(39, 'a') + emoji + "bbb" << qsizetype(40);
    QTest::newRow("pair just before the cut")
        << QByteArray(38, 'a') + emoji + "bbb" << qsizetype(40);
    QTest::newRow("only pairs") << emoji.repeated(30) << qsizetype(7);
}

void TestFuzzRegressions::excerptsNeverCutACharacterInHalf() {
    QFETCH(QByteArray, body);
    QFETCH(qsizetype, maxChars);
    const QString excerpt = ParserText::excerpt(body, maxChars);
    QVERIFY2(FuzzChecks::isValidUtf8(excerpt), qPrintable(excerpt));
    QVERIFY(excerpt.endsWith(QChar(0x2026)));
    QVERIFY(excerpt.size() <= maxChars + 1);
    QVERIFY(QString::fromUtf8(body).startsWith(excerpt.chopped(1)));
    const QString description = describeBody(body); // quotes 40 characters of plain text
    QVERIFY2(FuzzChecks::isValidUtf8(description), qPrintable(description));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
