// The XML bounce parser beyond the shapes tst_bounceparser covers: the rest of XML a server may
// send (CDATA, comments, references, namespaces, a DTD), every encoding (UTF-16 with a
// byte-order mark, ISO-8859-1, windows-1252), the entity attacks, bodies of hostile shape, and
// where a problem is said to be. Everything is fed whole, split at every byte and byte by byte:
// where the network cuts the body never changes the outcome.
#include "xmlbouncetestsupport.h"

#include <QtTest>

using namespace BounceParserTest;
using namespace XmlBounceTest;

Q_DECLARE_METATYPE(BounceStreamParser::State)

namespace {

QList<qsizetype> everyByte(const QByteArray &body) {
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < body.size(); ++i)
        cuts.append(i);
    return cuts;
}

QList<qsizetype> piecesOf(qsizetype piece, qsizetype size) {
    QList<qsizetype> cuts;
    for (qsizetype at = piece; at < size; at += piece)
        cuts.append(at);
    return cuts;
}

QByteArray utf16(const QString &text, bool littleEndian, bool withBom) {
    QByteArray out;
    if (withBom)
        out += littleEndian ? QByteArray("\xFF\xFE") : QByteArray("\xFE\xFF");
    for (const QChar c : text) {
        const char high = char(c.unicode() >> 8);
        const char low = char(c.unicode() & 0xFF);
        out.append(littleEndian ? low : high);
        out.append(littleEndian ? high : low);
    }
    return out;
}

QString describe(const QByteArray &body, const QString &why) {
    return why + QStringLiteral(" for ") + QString::fromLatin1(body.toPercentEncoding(" <>/=\"'"));
}

// Whole, split at every byte (short bodies) and in pieces of several sizes: the same outcome.
void verifyIgnoresChunks(const QByteArray &body, const Outcome &whole) {
    QList<QList<qsizetype>> cutLists;
    if (body.size() < 1000) {
        for (qsizetype cut = 0; cut <= body.size(); ++cut)
            cutLists.append(QList<qsizetype>{cut});
    }
    for (const qsizetype piece : {1, 2, 3, 7, 4096, 65535, 65537})
        cutLists.append(piecesOf(piece, body.size()));
    QString why;
    for (const QList<qsizetype> &cuts : std::as_const(cutLists)) {
        QVERIFY2(sameOutcome(parse(body, cuts), whole, &why),
                 qPrintable(QStringLiteral("%1 pieces, the first %2 bytes: %3")
                                .arg(cuts.size() + 1)
                                .arg(cuts.isEmpty() ? body.size() : cuts.first())
                                .arg(why)));
    }
}

} // namespace

class TestXmlBounceParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void features_data();
    void features();
    void featuresInPieces_data() { features_data(); }
    void featuresInPieces();
    void encodings_data();
    void encodings();
    void errorsSayWhere();
    void entityAttacksRefused_data();
    void entityAttacksRefused();
    void verdictIgnoresChunks_data();
    void verdictIgnoresChunks();
    void hostileShapesReadWhole_data();
    void hostileShapesReadWhole();
    void randomLists_data();
    void randomLists();
    void brokenListsIgnoreChunks();
};

void TestXmlBounceParser::features_data() {
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

    ok("CDATA sections",
       "<bounces><bounce><email><![CDATA[a@b]]></email><reason><![CDATA[<b>bold</b> & \xF0\x9F"
       "\x98\x80 ]]]]><![CDATA[>]]> end</reason></bounce></bounces>",
       {row("a@b", "", "<b>bold</b> & \xF0\x9F\x98\x80 ]]> end")});
    ok("comments and processing instructions",
       "<?xml version=\"1.0\"?>\n<!-- list -->\n<?app hint?>\n<bounces><!-- rows --><bounce>"
       "<email>a@<!-- hidden -->b</email><?pi x?><status>5.1.1</status></bounce></bounces>\n"
       "<!-- end -->\n",
       {row("a@b", "5.1.1")});
    ok("numeric character references",
       "<bounces><bounce><email>&#97;&#x40;&#x0062;</email><reason>&#233;&#x4E2D;&#x1F600;&#9;"
       "&#13;&#10;&#0000060;</reason></bounce></bounces>",
       {row("a@b", "", "\u00e9\u4e2d\xF0\x9F\x98\x80\t\r\n<")});
    ok("unknown elements nested anywhere",
       "<bounces><meta><total>1</total><bounce><email>x@y</email></bounce></meta><bounce><id>7"
       "</id><email>a@b</email><extra><bounce><email>no@no</email></bounce><deep><deeper>x"
       "</deeper></deep></extra><status>550</status></bounce></bounces>",
       {row("a@b", "550")});
    ok("text of an element inside a field",
       "<bounces><bounce><email>a<b>@</b>b</email></bounce></bounces>", {row("a@b")});
    ok("attributes ignored",
       "<bounces total=\"2\" xmlns:x=\"urn:x\"><bounce id='1' x:flag=\"&quot;&lt;>\"><email "
       "type=\"primary\">a@b</email><status code = '550'>5.5.0</status></bounce></bounces>",
       {row("a@b", "5.5.0")});
    ok("namespace prefixes",
       "<s:bounces xmlns:s=\"urn:sendgrid\"><s:bounce><s:email>a@b</s:email><s:status>4.0.0"
       "</s:status></s:bounce></s:bounces>",
       {row("a@b", "4.0.0")});
    ok("default namespace",
       "<bounces xmlns=\"urn:sendgrid\"><bounce><email>a@b</email></bounce></bounces>",
       {row("a@b")});
    ok("line breaks in text",
       "<bounces><bounce><email>a@b</email><reason>one\r\ntwo\rthree\n&#13;four</reason></bounce>"
       "</bounces>",
       {row("a@b", "", "one\ntwo\nthree\n\rfour")});
    ok("a field given twice is joined",
       "<bounces><bounce><email>a@b</email><reason>one</reason><reason>two</reason></bounce>"
       "</bounces>",
       {row("a@b", "", "onetwo")});
    ok("DOCTYPE with an entity",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE bounces [\n<!ENTITY full \"mailbox full\">\n]>\n"
       "<bounces><bounce><email>a@b</email><reason>&full;</reason></bounce></bounces>",
       {row("a@b", "", "mailbox full")});
    ok("DOCTYPE naming an external DTD, which is not read",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE bounces SYSTEM \"http://127.0.0.1:1/bounces.dtd\">\n"
       "<bounces><bounce><email>a@b</email></bounce></bounces>",
       {row("a@b")});
    ok("stylesheet processing instruction first",
       "<?xml-stylesheet href=\"a.xsl\"?><bounces><bounce><email>a@b</email></bounce></bounces>",
       {row("a@b")});

    bad("mismatched nesting", "<bounces><bounce><email>a@b</bounce></email></bounces>",
        State::Malformed, "is not valid XML (line 1, column 30: mismatched tag)");
    bad("element left open", "<bounces><bounce><email>a@b</email></bounce><bounce>\n</bounces>",
        State::Malformed, "after 1 row) is not valid XML (line 2, column 3: mismatched tag)",
        {row("a@b")});
    bad("reference to a character XML does not allow",
        "<bounces><bounce><email>a&#1;b</email></bounce></bounces>", State::Malformed,
        "is not valid XML (line 1, column 26: reference to invalid character number)");
    bad("reference to a surrogate", "<bounces><bounce><email>a&#xD800;</email></bounce></bounces>",
        State::Malformed, "reference to invalid character number");
    bad("control character", "<bounces><bounce><email>a\x0b</email></bounce></bounces>",
        State::Malformed, "(line 1, column 26: not well-formed (invalid token))");
    bad("]]> in text", "<bounces><bounce><email>a]]>b</email></bounce></bounces>", State::Malformed,
        "is not valid XML");
    bad("comment with --", "<bounces><!-- a -- b --><bounce/></bounces>", State::Malformed,
        "is not valid XML");
    bad("undeclared namespace prefix", "<bounces><x:bounce><email>a@b</email></x:bounce></bounces>",
        State::Malformed, "is not valid XML (line 1, column 10: unbound prefix)");
    bad("attribute twice", "<bounces><bounce a='1' a='2'><email>a@b</email></bounce></bounces>",
        State::Malformed, "duplicate attribute");
    bad("declaration without version", "<?xml encoding='UTF-8'?><bounces/>", State::Malformed,
        "XML declaration not well-formed");
    bad("declaration not at the start", " <?xml version='1.0'?><bounces/>", State::Malformed,
        "XML or text declaration not at start of entity");
    bad("unknown encoding", "<?xml version='1.0' encoding='klingon'?><bounces/>", State::Malformed,
        "names an encoding BounceDesk cannot read (\u201cklingon\u201d)");
    // Found by fuzz_bounces_xml: the encoding was read up to a "?>" found anywhere in the
    // first chunk, but only within the first 1,024 bytes when the chunks were small.
    ok("a declaration longer than 1,024 bytes: its encoding is not looked for",
       "<?xml version=\"1.0\"" + QByteArray(1100, ' ') +
           "encoding=\"klingon\"?><bounces><bounce><email>a@b</email></bounce></bounces>",
       {row("a@b")});
    bad("cut in an end tag", "<bounces><bounce><email>a@b</email></bounce></boun", State::Truncated,
        "before its closing </bounces>", {row("a@b")});
    bad("cut in a reference", "<bounces><bounce><email>a&am", State::Truncated,
        "after 28 bytes and 0 rows");
    bad("cut in a DOCTYPE", "<!DOCTYPE bounces [<!ENTITY r \"mailbox", State::Truncated,
        "before the list of bounces began");
}

void TestXmlBounceParser::features() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(QList<Bounce>, rows);
    QFETCH(QString, errorContains);

    const Outcome outcome = parse(body);
    QCOMPARE(int(outcome.state), int(state));
    QCOMPARE(outcome.rows, rows);
    QCOMPARE(outcome.rowCount, rows.size());
    QVERIFY(outcome.validUtf8);
    QVERIFY2(outcome.errorText.contains(errorContains), qPrintable(outcome.errorText));
}

void TestXmlBounceParser::featuresInPieces() {
    QFETCH(QByteArray, body);
    verifyIgnoresChunks(body, parse(body));
}

void TestXmlBounceParser::encodings_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<Bounce>>("rows");
    QTest::addColumn<QString>("errorContains");

    const QString list = QStringLiteral("<bounces><bounce><email>j\u00e9r\u00f4me@x</email><reason>"
                                        "\u20ac \u4e2d \U0001F600</reason></bounce></bounces>");
    const QList<Bounce> rows = {row("jérôme@x", "", "€ 中 😀")};
    const auto ok = [](const char *name, const QByteArray &body, const QList<Bounce> &expected) {
        QTest::newRow(name) << body << State::Done << expected << QString();
    };
    const QString utf16Declaration =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n");

    ok("UTF-16LE with a BOM", utf16(list, true, true), rows);
    ok("UTF-16BE with a BOM", utf16(list, false, true), rows);
    ok("UTF-16LE with a BOM, declared", utf16(utf16Declaration + list, true, true), rows);
    ok("UTF-16BE with a BOM, declared", utf16(utf16Declaration + list, false, true), rows);
    ok("UTF-16LE without a BOM, declared", utf16(utf16Declaration + list, true, false), rows);
    {
        // A lone surrogate and half a code unit at the end: U+FFFD, as for bad UTF-8.
        QByteArray body =
            utf16(QStringLiteral("<bounces><bounce><email>a@b</email><reason>x"), true, true);
        body += QByteArray("\x00\xD8", 2); // a high surrogate without its pair
        body += utf16(QStringLiteral("y</reason></bounce></bounces>"), true, false);
        ok("UTF-16 with a lone surrogate", body, {row("a@b", "", "x\uFFFDy")});
    }
    QTest::newRow("UTF-16 error body")
        << utf16(utf16Declaration +
                     QStringLiteral("<result><message>error</message><errors><error>Kunde "
                                    "unbekannt: \u00fc</error></errors></result>"),
                 true, true)
        << State::ApiError << QList<Bounce>{} << QStringLiteral("Kunde unbekannt: ü");
    QTest::newRow("UTF-16 cut in half a character")
        << utf16(list, true, true).left(2 + 2 * list.indexOf(QChar(0x20AC)) + 1) << State::Truncated
        << QList<Bounce>{} << QStringLiteral("before its closing </bounces>");

    const QByteArray latin1List = "<bounces><bounce><email>j\xe9r\xf4me@x</email><reason>\xa4 "
                                  "\xff</reason></bounce></bounces>";
    ok("ISO-8859-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + latin1List,
       {row("jérôme@x", "", "¤ ÿ")});
    ok("latin1, standalone",
       "<?xml version=\"1.0\" encoding=\"latin1\" standalone=\"yes\"?>" + latin1List,
       {row("jérôme@x", "", "¤ ÿ")});
    ok("windows-1252", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>" + latin1List,
       {row("jérôme@x", "", "¤ ÿ")});
    ok("windows-1252 euro sign",
       "<?xml version=\"1.0\" encoding=\"windows-1252\"?><bounces><bounce><email>a@b</email>"
       "<reason>\x80 5</reason></bounce></bounces>",
       {row("a@b", "", "€ 5")});
    ok("US-ASCII, a stray byte repaired",
       "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>" + latin1List,
       {row("j\uFFFDr\uFFFDme@x", "", "\uFFFD \uFFFD")});
    ok("UTF-8 BOM and a declaration naming ISO-8859-1: the mark decides",
       "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + list.toUtf8(), rows);
    ok("UTF-16 named in 8-bit bytes: read as the bytes are",
       "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + list.toUtf8(), rows);
}

void TestXmlBounceParser::encodings() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(QList<Bounce>, rows);
    QFETCH(QString, errorContains);

    const Outcome outcome = parse(body);
    QVERIFY2(outcome.state == state, qPrintable(outcome.errorText));
    QCOMPARE(outcome.rows, rows);
    QVERIFY(outcome.validUtf8);
    QVERIFY2(outcome.errorText.contains(errorContains), qPrintable(outcome.errorText));
    verifyIgnoresChunks(body, outcome);
}

void TestXmlBounceParser::errorsSayWhere() {
    const QByteArray body = "<bounces>\n<bounce><email>a@b</email></bounce>\n"
                            "<bounce><email>\xC3\xA9x&y</email></bounce>\n</bounces>\n";
    for (const QList<qsizetype> &cuts : {QList<qsizetype>{}, everyByte(body)}) {
        const Outcome outcome = parse(body, cuts);
        QCOMPARE(int(outcome.state), int(State::Malformed));
        QCOMPARE(outcome.rows.size(), 1);
        // Columns count characters from 1: é is one. The '<' after "&y" is the problem.
        QCOMPARE(outcome.errorText,
                 QStringLiteral("the list of bounces (after 1 row) is not valid XML (line 3, "
                                "column 20: not well-formed (invalid token))"));
    }
}

void TestXmlBounceParser::entityAttacksRefused_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");
    const QByteArray list = "<bounces><bounce><email>a@b</email><reason>&e;</reason></bounce>"
                            "</bounces>";
    QTest::newRow("external entity, a file")
        << "<!DOCTYPE bounces [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + list
        << QStringLiteral("refers to an external entity (line 1, column 104: "
                          "\u201cfile:///etc/passwd\u201d), which BounceDesk never loads");
    QTest::newRow("external entity, a URL")
        << "<!DOCTYPE bounces [<!ENTITY e PUBLIC \"-//x\" \"http://127.0.0.1:1/x\">]>" + list
        << QStringLiteral("refers to an external entity");
    QTest::newRow("external parameter entity")
        << QByteArray("<!DOCTYPE bounces [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
                      "<bounces><bounce><email>a@b</email></bounce></bounces>")
        << QString(); // never read: the list is read without it
    QByteArray laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE bounces [\n<!ENTITY l0 \"lol\">\n";
    for (int i = 1; i <= 9; ++i)
        laughs += "<!ENTITY l" + QByteArray::number(i) + " \"" +
                  QByteArray("&l" + QByteArray::number(i - 1) + ";").repeated(10) + "\">\n";
    laughs += "]>\n<bounces><bounce><email>a@b</email><reason>&l9;</reason></bounce></bounces>";
    QTest::newRow("billion laughs") << laughs << QStringLiteral("entity-expansion attack");
    QByteArray quadratic = "<!DOCTYPE bounces [<!ENTITY a \"" + QByteArray(50000, 'a') + "\">]>" +
                           "<bounces><bounce><email>a@b</email><reason>" +
                           QByteArray("&a;").repeated(50000) + "</reason></bounce></bounces>";
    QTest::newRow("quadratic blowup") << quadratic << QStringLiteral("entity-expansion attack");
}

void TestXmlBounceParser::entityAttacksRefused() {
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    const Outcome outcome = parse(body);
    if (errorContains.isEmpty()) {
        QCOMPARE(int(outcome.state), int(State::Done));
        QCOMPARE(outcome.rows, QList<Bounce>{row("a@b")});
    } else {
        QCOMPARE(int(outcome.state), int(State::Malformed));
        QCOMPARE(outcome.rowCount, 0);
        QVERIFY2(outcome.errorText.contains(errorContains), qPrintable(outcome.errorText));
    }
    const Outcome pieces = parse(body, piecesOf(7, body.size()));
    QString why;
    QVERIFY2(sameOutcome(pieces, outcome, &why), qPrintable(why));
}

// Found by fuzz_bounces_xml on the old readers: the verdict on a broken body depended on where
// the chunks ended (which error came first, its column, a row or not).
void TestXmlBounceParser::verdictIgnoresChunks_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("errorContains");
    const auto row = [](const char *name, const QByteArray &body, State state, int rows,
                        const char *error) {
        QTest::newRow(name) << body << state << rows << QString::fromUtf8(error);
    };
    const QByteArray bounce = "<bounce><email>a@b</email><reason>host [127.0.0.1] said: 550 5.1.1 "
                              "unknown user</reason></bounce>\n";
    row("DOCTYPE in a row's text",
        "<!DOCTYPE bounces>\n<bounces>\n" + bounce +
            "<bounce><email>c@d</email><reason>x <!DOCTYPE html> y</reason></bounce>\n</bounces>",
        State::Malformed, 1, "(line 4, column 39: not well-formed (invalid token))");
    row("syntax error before an encoding error",
        "<?xml(version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<result><message>error</message><errors>"
        "<error>Kunde \xfcnbekannt</error></errors></result>",
        State::Malformed, 0, "(after 0 rows) is not valid XML (line 1, column 6:");
    row("PI named xml and something, longer than the first chunk",
        "<?xml\xbe version=\"1.0\"\n  comment=\"a processing instruction that is longer than "
        "the first 64 bytes\"?>\n<bounces>\n" +
            bounce + "</bounces>",
        State::Malformed, 0, "(after 0 rows) is not valid XML (line 1, column 6:");
    row("long list, broken at the end",
        "<!DOCTYPE bounces>\n<bounces>\n" + bounce.repeated(2000) +
            "<bounce><email>x@y</email></bounc>\n</bounces>",
        State::Malformed, 2000,
        "(after 2,000 rows) is not valid XML (line 2,003, column 29: mismatched tag)");
    row("HTML doctype after a comment",
        "<!-- proxy -->\n<!DOCTYPE html>\n<html><head><title>Gateway Timeout</title></head>"
        "<body><p>no<br>close</body></html>",
        State::Malformed, 0, "expected a list of bounces, got an XML document <html>");
}

void TestXmlBounceParser::verdictIgnoresChunks() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(int, rows);
    QFETCH(QString, errorContains);
    const Outcome whole = parse(body);
    QCOMPARE(int(whole.state), int(state));
    QCOMPARE(whole.rows.size(), rows);
    QVERIFY(whole.validUtf8);
    QVERIFY2(whole.errorText.contains(errorContains), qPrintable(whole.errorText));
    verifyIgnoresChunks(body, whole);
}

// Bodies of shapes a server would never send but an attacker might: each is read whole and in
// small pieces, and the list comes out complete. (How long they take is measured by the
// benchmark, never here: the reading is linear in the body's size.)
void TestXmlBounceParser::hostileShapesReadWhole_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<Bounce>>("rows");
    const QByteArray first = "<bounces><bounce><email>a@b</email>";
    const QByteArray last = "</bounce><bounce><email>c@d</email></bounce></bounces>";
    const QList<Bounce> rows = {row("a@b"), row("c@d")};

    QByteArray attributes = "<extra";
    for (int i = 0; i < 100000; ++i)
        attributes += " a" + QByteArray::number(i) + "='v'";
    attributes += "/>";
    QTest::newRow("one element with 100,000 attributes") << first + attributes + last << rows;

    const int depth = 100000;
    QTest::newRow("elements nested 100,000 deep")
        << first + QByteArray("<x>").repeated(depth) + QByteArray("</x>").repeated(depth) + last
        << rows;
    QTest::newRow("a field nested 100,000 deep")
        << first + "<reason>" + QByteArray("<i>").repeated(depth) + "deep" +
               QByteArray("</i>").repeated(depth) + "</reason>" + last
        << QList<Bounce>{row("a@b", "", "deep"), row("c@d")};
    QTest::newRow("a comment of 8 MB")
        << first + "<!--" + QByteArray(8 << 20, '-').replace("--", "- ") + "-->" + last << rows;
    QTest::newRow("an attribute value of 8 MB")
        << first + "<extra v='" + QByteArray(8 << 20, 'v') + "'/>" + last << rows;
    QTest::newRow("a reason of 8 MB")
        << first.chopped(9) + "b</email><reason>" + QByteArray(8 << 20, 'r') + "</reason>" + last
        << QList<Bounce>{row("a@b", "", QByteArray(8 << 20, 'r').constData()), row("c@d")};
}

void TestXmlBounceParser::hostileShapesReadWhole() {
    QFETCH(QByteArray, body);
    QFETCH(QList<Bounce>, rows);
    for (const qsizetype piece : {body.size(), qsizetype(1000), qsizetype(16384)}) {
        const Outcome outcome = parse(body, piecesOf(piece, body.size()));
        QVERIFY2(outcome.state == State::Done, qPrintable(outcome.errorText));
        QCOMPARE(outcome.rows.size(), rows.size());
        QCOMPARE(outcome.rows, rows);
    }
}

void TestXmlBounceParser::randomLists_data() {
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("latin1");
    for (quint32 seed : {1u, 2u, 3u}) {
        QTest::addRow("UTF-8, seed %u", seed) << seed << false;
        QTest::addRow("ISO-8859-1, seed %u", seed) << seed << true;
    }
}

// Random lists with hostile text, written in the many ways XML allows, give back exactly the
// rows that were written, whole and in random pieces.
void TestXmlBounceParser::randomLists() {
    QFETCH(quint32, seed);
    QFETCH(bool, latin1);
    QList<Bounce> expected;
    RandomBounceXml generator(seed, latin1);
    const QByteArray body = generator.document(600, &expected);
    QRandomGenerator random(seed);
    for (const QList<qsizetype> &cuts : {QList<qsizetype>{}, randomCuts(random, body.size(), 40),
                                         randomCuts(random, body.size(), 4000)}) {
        const Outcome outcome = parse(body, cuts);
        QVERIFY2(outcome.state == State::Done, qPrintable(outcome.errorText));
        QVERIFY(outcome.validUtf8);
        QCOMPARE(outcome.rows.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(outcome.rows.at(i), expected.at(i));
    }
}

// Random damage to small random lists: whatever the verdict, it does not depend on the chunks,
// and a broken document says what is wrong.
void TestXmlBounceParser::brokenListsIgnoreChunks() {
    static const char *const damage[] = {"<",
                                         ">",
                                         "&",
                                         "]]>",
                                         "]]",
                                         "--",
                                         "<!--",
                                         "-->",
                                         "<![CDATA[",
                                         "</bounce>",
                                         "<bounce>",
                                         "</email>",
                                         "<email>",
                                         "\x01",
                                         "\xFF",
                                         "\xEF\xBF\xBE",
                                         "\xC3",
                                         "&#",
                                         "&#x",
                                         "&lt",
                                         "\"",
                                         "'",
                                         "=",
                                         " ",
                                         "\r",
                                         "\n",
                                         "?>",
                                         "<?",
                                         "<!",
                                         "/",
                                         ":",
                                         " xmlns:a=''",
                                         " x='1'",
                                         "a:",
                                         "&#0;",
                                         "&#65;",
                                         "\xE9",
                                         "<?xml ?>",
                                         "\xFE\xFF",
                                         "<!DOCTYPE x>",
                                         "<!ENTITY e 'x'>"};
    QRandomGenerator random(20240611); // fixed: a failure must be reproducible
    int malformed = 0;
    for (int round = 0; round < 1200; ++round) {
        QList<Bounce> unused;
        RandomBounceXml generator(quint32(round), round % 3 == 0);
        QByteArray body = generator.document(random.bounded(1, 4), &unused);
        for (int edit = random.bounded(1, 4); edit > 0; --edit) {
            const qsizetype at = random.bounded(body.size() + 1);
            switch (random.bounded(3)) {
            case 0:
                body.remove(at, random.bounded(1, 4));
                break;
            case 1:
                body.insert(at, damage[random.bounded(int(std::size(damage)))]);
                break;
            default:
                body.insert(at, body.mid(random.bounded(body.size()), random.bounded(1, 12)));
                break;
            }
        }
        const Outcome whole = parse(body);
        QVERIFY2(whole.validUtf8, qPrintable(describe(body, QStringLiteral("invalid UTF-8"))));
        QVERIFY2(whole.state == State::Done || whole.state == State::ApiError ||
                     !whole.errorText.isEmpty(),
                 qPrintable(describe(body, QStringLiteral("no error text"))));
        QString why;
        const Outcome split = parse(body, randomCuts(random, body.size(), 6));
        QVERIFY2(sameOutcome(split, whole, &why),
                 qPrintable(describe(body, QStringLiteral("in pieces: ") + why)));
        malformed += whole.state == State::Malformed ? 1 : 0;
    }
    QVERIFY2(malformed > 300, "the damage should break most documents");
}

QTEST_GUILESS_MAIN(TestXmlBounceParser)
#include "tst_xmlbounceparser.moc"
