// The XML bounce parser beyond the shapes tst_bounceparser covers: the rest of XML a server may
// send (CDATA, comments, references, namespaces, encodings), fed whole, split at every byte and
// byte by byte; which of its two paths (the fast scanner or QXmlStreamReader) reads what; and
// where a problem is said to be.
#include "xmlbouncetestsupport.h"

#include <QtTest>

using namespace BounceParserTest;
using namespace XmlBounceTest;

Q_DECLARE_METATYPE(BounceStreamParser::State)
Q_DECLARE_METATYPE(XmlBounceParser::Engine)

class TestXmlBounceParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void features_data();
    void features();
    void featuresInPieces_data() { features_data(); }
    void featuresInPieces();
    void engineChoice_data();
    void engineChoice();
    void errorsSayWhere();
    void readerVerdictIgnoresChunks_data();
    void readerVerdictIgnoresChunks();
};

void TestXmlBounceParser::features_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<Bounce>>("rows");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<Engine>("engine");

    const auto ok = [](const char *name, const QByteArray &body, const QList<Bounce> &rows) {
        QTest::newRow(name) << body << State::Done << rows << QString() << Engine::Scanner;
    };
    const auto viaReader = [](const char *name, const QByteArray &body, const QList<Bounce> &rows) {
        QTest::newRow(name) << body << State::Done << rows << QString() << Engine::QXmlStreamReader;
    };
    const auto bad = [](const char *name, const QByteArray &body, State state, const char *error,
                        const QList<Bounce> &rows = {}) {
        QTest::newRow(name) << body << state << rows << QString::fromUtf8(error) << Engine::Scanner;
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
    ok("line breaks in text",
       "<bounces><bounce><email>a@b</email><reason>one\r\ntwo\rthree\n&#13;four</reason></bounce>"
       "</bounces>",
       {row("a@b", "", "one\ntwo\nthree\n\rfour")});
    ok("US-ASCII declared",
       "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><bounces><bounce><email>a@b</email><reason>"
       "caf\xe9</reason></bounce></bounces>",
       {row("a@b", "", "caf\uFFFD")});
    // Left to QXmlStreamReader, whole, as decided before the list begins.
    viaReader("DOCTYPE with an entity",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE bounces [\n<!ENTITY full \"mailbox full\">\n]>\n"
              "<bounces><bounce><email>a@b</email><reason>&full;</reason></bounce></bounces>",
              {row("a@b", "", "mailbox full")});
    viaReader("windows-1252 declared",
              "<?xml version=\"1.0\" encoding=\"windows-1252\"?><bounces><bounce><email>a@b</email>"
              "<reason>\x80 5</reason></bounce></bounces>",
              {row("a@b", "", "\u20ac 5")});

    bad("mismatched nesting", "<bounces><bounce><email>a@b</bounce></email></bounces>",
        State::Malformed, "is not valid XML (line 1, column");
    bad("element left open", "<bounces><bounce><email>a@b</email></bounce><bounce>\n</bounces>",
        State::Malformed, "after 1 row) is not valid XML (line 2, column", {row("a@b")});
    bad("reference to a character XML does not allow",
        "<bounces><bounce><email>a&#1;b</email></bounce></bounces>", State::Malformed,
        "is not valid XML");
    bad("reference to a surrogate", "<bounces><bounce><email>a&#xD800;</email></bounce></bounces>",
        State::Malformed, "is not valid XML");
    bad("control character", "<bounces><bounce><email>a\x0b</email></bounce></bounces>",
        State::Malformed, "is not valid XML");
    bad("]]> in text", "<bounces><bounce><email>a]]>b</email></bounce></bounces>", State::Malformed,
        "is not valid XML");
    bad("comment with --", "<bounces><!-- a -- b --><bounce/></bounces>", State::Malformed,
        "is not valid XML");
    bad("undeclared namespace prefix", "<bounces><x:bounce><email>a@b</email></x:bounce></bounces>",
        State::Malformed, "is not valid XML");
    bad("attribute twice", "<bounces><bounce a='1' a='2'><email>a@b</email></bounce></bounces>",
        State::Malformed, "is not valid XML");
    bad("cut in an end tag", "<bounces><bounce><email>a@b</email></bounce></boun", State::Truncated,
        "before its closing </bounces>", {row("a@b")});
    bad("cut in a reference", "<bounces><bounce><email>a&am", State::Truncated,
        "after 28 bytes and 0 rows");
}

void TestXmlBounceParser::features() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(QList<Bounce>, rows);
    QFETCH(QString, errorContains);
    QFETCH(Engine, engine);

    const Parsed parsed = parse(body, Engines::Auto);
    QCOMPARE(int(parsed.engine), int(engine));
    QCOMPARE(int(parsed.outcome.state), int(state));
    QCOMPARE(parsed.outcome.rows, rows);
    QCOMPARE(parsed.outcome.rowCount, rows.size());
    QVERIFY(parsed.outcome.validUtf8);
    QVERIFY2(parsed.outcome.errorText.contains(errorContains),
             qPrintable(parsed.outcome.errorText));
}

void TestXmlBounceParser::featuresInPieces() {
    QFETCH(QByteArray, body);
    const Outcome whole = parse(body, Engines::Auto).outcome;
    QString why;
    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        QVERIFY2(sameOutcome(parse(body, Engines::Auto, {cut}).outcome, whole, &why),
                 qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(why)));
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < body.size(); ++i)
        everyByte.append(i);
    QVERIFY2(sameOutcome(parse(body, Engines::Auto, everyByte).outcome, whole, &why),
             qPrintable(QStringLiteral("byte by byte: ") + why));
}

void TestXmlBounceParser::engineChoice_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Engine>("engine");
    const QByteArray list = "<bounces><bounce><email>a@b</email><reason>r \xe9</reason></bounce>"
                            "</bounces>";
    const auto row = [](const char *name, const QByteArray &body, Engine engine) {
        QTest::newRow(name) << body << engine;
    };
    row("UTF-8", QByteArray(seedXml), Engine::Scanner);
    row("UTF-8 declared, BOM", "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8'?>" + list,
        Engine::Scanner);
    row("ISO-8859-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + list, Engine::Scanner);
    row("latin1, standalone",
        "<?xml version=\"1.0\" encoding=\"latin1\" standalone=\"yes\"?>" + list, Engine::Scanner);
    row("US-ASCII", "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>" + list, Engine::Scanner);
    row("error body", "<result><message>error</message><errors><error>No</error></errors></result>",
        Engine::Scanner);
    row("DOCTYPE",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE bounces SYSTEM \"bounces.dtd\">\n" + list +
            QByteArray(64, ' '),
        Engine::QXmlStreamReader);
    row("DOCTYPE after a comment", "<!-- list --><!DOCTYPE bounces>" + list,
        Engine::QXmlStreamReader);
    row("DOCTYPE with an entity",
        "<!DOCTYPE bounces [<!ENTITY r \"mailbox full\">]><bounces><bounce><email>a@b</email>"
        "<reason>&r;</reason></bounce></bounces>",
        Engine::QXmlStreamReader);
    row("windows-1252", "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" + list,
        Engine::QXmlStreamReader);
    row("XML 1.1", "<?xml version=\"1.1\"?>" + list, Engine::QXmlStreamReader);
    row("BOM and ISO-8859-1", "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + list,
        Engine::QXmlStreamReader);
    row("declaration without version", "<?xml encoding='UTF-8'?>" + list, Engine::QXmlStreamReader);
    row("unknown encoding", "<?xml version='1.0' encoding='klingon'?>" + list,
        Engine::QXmlStreamReader);
    row("stylesheet first", "<?xml-stylesheet href=\"a.xsl\"?>" + list, Engine::QXmlStreamReader);
    // UTF-16 never reached an XML reader: judged as text from its first bytes, as before.
    row("UTF-16 with a BOM", QByteArray("\xFF\xFE<\0b\0o\0u\0n\0c\0e\0s\0/\0>\0", 22),
        Engine::None);
    row("JSON error", R"({"error":"Bad username / password"})", Engine::None);
    row("HTML page", "<html><head><title>502</title></head><body></body></html>", Engine::None);
}

void TestXmlBounceParser::engineChoice() {
    QFETCH(QByteArray, body);
    QFETCH(Engine, engine);
    const Parsed whole = parse(body, Engines::Auto);
    QCOMPARE(int(whole.engine), int(engine));
    QVERIFY(whole.outcome.validUtf8);
    QString why;
    const Parsed reference = parse(body, Engines::QXmlStreamReaderOnly);
    QVERIFY2(sameOutcome(whole.outcome, reference.outcome, &why), qPrintable(why));
    // The choice is made before any row, whatever the chunks.
    for (qsizetype cut = 1; cut < body.size(); ++cut) {
        const Parsed split = parse(body, Engines::Auto, {cut});
        QCOMPARE(int(split.engine), int(engine));
        QVERIFY2(sameOutcome(split.outcome, whole.outcome, &why),
                 qPrintable(QStringLiteral("split at %1: %2").arg(cut).arg(why)));
    }
}

void TestXmlBounceParser::errorsSayWhere() {
    const QByteArray body = "<bounces>\n<bounce><email>a@b</email></bounce>\n"
                            "<bounce><email>\xC3\xA9x&y</email></bounce>\n</bounces>\n";
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < body.size(); ++i)
        everyByte.append(i);
    for (const QList<qsizetype> &cuts : {QList<qsizetype>{}, everyByte}) {
        const Parsed parsed = parse(body, Engines::Auto, cuts);
        QCOMPARE(int(parsed.outcome.state), int(State::Malformed));
        QCOMPARE(parsed.outcome.rows.size(), 1);
        // Columns count characters: é is one. The '<' after "&y" is the problem.
        QCOMPARE(parsed.outcome.errorText,
                 QStringLiteral("the list of bounces (after 1 row) is not valid XML (line 3, "
                                "column 20: Invalid entity reference.)"));
    }
}

// Found by fuzz_bounces_xml: on the QXmlStreamReader path the verdict on a broken body
// depended on where the chunks ended (which error came first, its column, a row or not), and a
// DOCTYPE in a row's text turned a list under way into an "HTML page".
void TestXmlBounceParser::readerVerdictIgnoresChunks_data() {
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
        State::Malformed, 1, "(line 4, column 51: Unexpected DOCTYPE declaration.)");
    row("syntax error before an encoding error",
        "<?xml(version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<result><message>error</message><errors>"
        "<error>Kunde \xfcnbekannt</error></errors></result>",
        State::Malformed, 0, "(after 0 rows) is not valid XML (line 1, column 6:");
    row("PI named xml and something, longer than the first chunk",
        "<?xml\xbe version=\"1.0\"\n  comment=\"a processing instruction that is longer than "
        "the first 64 bytes\"?>\n<bounces>\n" +
            bounce + "</bounces>",
        State::Malformed, 0, "(line 2, column 77: xml\xef\xbf\xbd is an invalid processing");
    row("xmlns:encoding is no encoding",
        "<?xml version=\"1.0\" xmlns:encoding=\"UTF-7\"?>\n<bounces>" + bounce +
            "<bounce><email>c@d</email><reason>caf\xe9</reason></bounce></bounces>",
        State::Done, 2, "");
    row("long list, broken at the end",
        "<!DOCTYPE bounces>\n<bounces>\n" + bounce.repeated(2000) +
            "<bounce><email>x@y</email></bounc>\n</bounces>",
        State::Malformed, 2000,
        "(after 2,000 rows) is not valid XML (line 2,003, column 34: Opening and ending tag "
        "mismatch.)");
}

void TestXmlBounceParser::readerVerdictIgnoresChunks() {
    QFETCH(QByteArray, body);
    QFETCH(State, state);
    QFETCH(int, rows);
    QFETCH(QString, errorContains);
    const Parsed whole = parse(body, Engines::Auto);
    QCOMPARE(int(whole.engine), int(Engine::QXmlStreamReader));
    QCOMPARE(int(whole.outcome.state), int(state));
    QCOMPARE(whole.outcome.rows.size(), rows);
    QVERIFY(whole.outcome.validUtf8);
    QVERIFY2(whole.outcome.errorText.contains(errorContains), qPrintable(whole.outcome.errorText));
    QList<QList<qsizetype>> cutLists;
    if (body.size() < 1000) {
        for (qsizetype cut = 1; cut < body.size(); ++cut)
            cutLists.append(QList<qsizetype>{cut});
    }
    for (const qsizetype piece : {1, 7, 4096, 65535, 65537}) {
        QList<qsizetype> cuts;
        for (qsizetype at = piece; at < body.size(); at += piece)
            cuts.append(at);
        cutLists.append(cuts);
    }
    QString why;
    for (const QList<qsizetype> &cuts : std::as_const(cutLists)) {
        QVERIFY2(sameOutcome(parse(body, Engines::Auto, cuts).outcome, whole.outcome, &why),
                 qPrintable(QStringLiteral("%1 pieces, the first %2 bytes: %3")
                                .arg(cuts.size() + 1)
                                .arg(cuts.isEmpty() ? body.size() : cuts.first())
                                .arg(why)));
    }
}

QTEST_GUILESS_MAIN(TestXmlBounceParser)
#include "tst_xmlbounceparser.moc"
