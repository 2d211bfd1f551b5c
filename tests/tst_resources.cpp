// The application icon and the German translation compiled into bouncedesk_ui, and the
// translation template (tst_translationfiles checks it against the sources).
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QImageReader>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

class TestResources final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pngIconWorksWithoutTheSvgPlugin() {
        QImage image;
        QVERIFY(image.load(QStringLiteral(":/icons/bouncedesk-256.png")));
        QCOMPARE(image.size(), QSize(256, 256));
        QVERIFY(image.hasAlphaChannel()); // rounded corners: transparent, not white
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QVERIFY(!QIcon(QStringLiteral(":/icons/bouncedesk-256.png")).pixmap(32).isNull());
    }

    void svgIconIsCompiledIn() {
        QFile svg(QStringLiteral(":/icons/bouncedesk.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        QVERIFY(xml.readNextStartElement());
        QVERIFY(xml.name() == QLatin1String("svg"));
        QVERIFY(xml.attributes().value(QLatin1String("viewBox")) == QLatin1String("0 0 128 128"));
        if (!QImageReader::supportedImageFormats().contains("svg"))
            QSKIP("Qt's SVG image plugin is not installed; the PNG stands in");
        QImageReader reader(QStringLiteral(":/icons/bouncedesk.svg"));
        reader.setScaledSize(QSize(64, 64));
        QVERIFY2(!reader.read().isNull(), qPrintable(reader.errorString()));
    }

    void germanTranslationIsCompiledIn() {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/bouncedesk_de.qm")));
        QCOMPARE(translator.language(), QStringLiteral("de"));
        QCOMPARE(translator.translate("MainWindow", "&File"), QStringLiteral("&Datei"));
    }

    void templateHoldsTheWindowStrings_data() {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::newRow("ui") << QStringLiteral("ConnectionDialog")
                            << QStringLiteral("Try the &demo");
        QTest::newRow("ui_store") << QStringLiteral("ConnectionStore")
                                  << QStringLiteral("No system keychain is available: the API key "
                                                    "is kept for this session only.");
        QTest::newRow("ui_picker")
            << QStringLiteral("CustomerPicker") << QStringLiteral("Loading customers…");
    }
    void templateHoldsTheWindowStrings() {
        QFETCH(QString, context);
        QFETCH(QString, source);
        const QString path = QFINDTESTDATA("../resources/translations/bouncedesk.ts");
        QVERIFY2(!path.isEmpty(), "resources/translations/bouncedesk.ts is missing");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));

        // Collect the sources of `context` from the TS file (lupdate's XML, entities decoded).
        QXmlStreamReader xml(&file);
        QString currentContext;
        QStringList sources;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("name"))
                currentContext = xml.readElementText();
            else if (xml.name() == QLatin1String("source") && currentContext == context)
                sources << xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(sources.contains(source), qPrintable(sources.join(QLatin1Char('|'))));
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
