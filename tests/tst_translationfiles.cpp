// The translation files against the sources, as CI checks them: lupdate runs over app/ and ui/
// exactly as `update_translations` does; the committed template must list exactly what it finds,
// every translation must translate all of it (placeholders, accelerators and shortcuts intact),
// and ui/ must not put literal text on screen past tr(). Failures name the strings.
#include "uitextscanner.h"

#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString fixHint = QStringLiteral(
    "\nTo fix: cmake --build <build dir> --target update_translations, then translate what is "
    "unfinished in resources/translations/bouncedesk_*.ts (e.g. with linguist) and commit the "
    ".ts files.");

struct Message {
    QString context, source, comment;
    bool numerus = false;
    QString type;             // of the translation: empty (finished), unfinished, vanished...
    QStringList translations; // one text, or the numerus forms
    QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
    QString name() const {
        QString shown = source;
        shown.replace(u'\n', QLatin1String("\\n"));
        return context + QLatin1String(": \"") + shown + u'"';
    }
};

struct TsFile {
    QString language;
    QMap<QString, Message> messages; // by key()
    QString error;
};

Message readMessage(QXmlStreamReader &xml, const QString &context) {
    Message message;
    message.context = context;
    message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus) {
                message.translations << xml.readElementText();
                continue;
            }
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("numerusform"))
                    message.translations << xml.readElementText();
                else
                    xml.skipCurrentElement();
            }
        } else {
            xml.skipCurrentElement();
        }
    }
    return message;
}

TsFile readTs(const QString &path) {
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = path + QLatin1String(": ") + file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    if (xml.readNextStartElement() && xml.name() == QLatin1String("TS"))
        ts.language = xml.attributes().value(QLatin1String("language")).toString();
    while (xml.readNextStartElement()) {
        if (xml.name() != QLatin1String("context")) {
            xml.skipCurrentElement();
            continue;
        }
        QString context;
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                const Message message = readMessage(xml, context);
                ts.messages.insert(message.key(), message);
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError())
        ts.error =
            QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QString listed(const QString &heading, const QStringList &names) {
    return names.isEmpty() ? QString()
                           : QLatin1Char('\n') + heading + QLatin1String("\n  ") +
                                 names.join(QLatin1String("\n  "));
}

QStringList placeholders(const QString &text) {
    static const QRegularExpression marker(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    found.sort();
    return found;
}

int mnemonicCount(const QString &text) {
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            ++count;
        ++i; // "&&" is a literal ampersand
    }
    return count;
}

// "Ctrl+Shift+E": text Qt reads as a key sequence, which must stay in the portable (English)
// form; "Strg+E" would silently leave the action without a shortcut.
bool isPortableShortcut(const QString &text) {
    if (!text.contains(u'+') || text.contains(u' '))
        return false;
    const QKeySequence sequence = QKeySequence::fromString(text, QKeySequence::PortableText);
    return !sequence.isEmpty() && sequence.toString(QKeySequence::PortableText) == text;
}

} // namespace

class TestTranslationFiles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lupdateReportsNoProblems();
    void templateListsEveryString();
    void translationIsComplete_data();
    void translationIsComplete();
    void translationKeepsMarkers_data() { translationIsComplete_data(); }
    void translationKeepsMarkers();
    void scannerFindsTextThatBypassesTr_data();
    void scannerFindsTextThatBypassesTr();
    void uiTextGoesThroughTr();

private:
    QTemporaryDir m_dir;
    TsFile m_fresh; // what lupdate finds in the sources now
    QString m_lupdateOutput;
};

void TestTranslationFiles::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString fresh = m_dir.filePath(QStringLiteral("bouncedesk.ts"));
    QStringList arguments = QStringLiteral(BOUNCEDESK_LUPDATE_OPTIONS).split(u' ');
    arguments << QStringLiteral("-silent")
              << QLatin1Char('@') + QStringLiteral(BOUNCEDESK_TRANSLATABLE_SOURCES)
              << QStringLiteral("-ts") << fresh;
    QProcess lupdate;
    lupdate.start(QStringLiteral(BOUNCEDESK_LUPDATE), arguments);
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    m_lupdateOutput =
        QString::fromLocal8Bit(lupdate.readAllStandardError() + lupdate.readAllStandardOutput())
            .trimmed();
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(m_lupdateOutput));
    m_fresh = readTs(fresh);
    QVERIFY2(m_fresh.error.isEmpty(), qPrintable(m_fresh.error));
    QVERIFY2(m_fresh.messages.size() > 100, "lupdate found almost no strings: wrong source list?");
}

void TestTranslationFiles::lupdateReportsNoProblems() {
    // "Class 'X' lacks Q_OBJECT macro", "Cannot invoke tr() like this": strings lupdate cannot
    // see or would file under the wrong context, so no translation would ever reach them.
    QVERIFY2(m_lupdateOutput.isEmpty(), qPrintable(m_lupdateOutput));
}

void TestTranslationFiles::templateListsEveryString() {
    const TsFile committed = readTs(QStringLiteral(BOUNCEDESK_TS_TEMPLATE));
    QVERIFY2(committed.error.isEmpty(), qPrintable(committed.error));
    QStringList missing, stale, translated;
    for (const Message &message : m_fresh.messages) {
        if (!committed.messages.contains(message.key()))
            missing << message.name();
    }
    for (const Message &message : committed.messages) {
        if (!m_fresh.messages.contains(message.key()))
            stale << message.name();
        if (!message.translations.join(QString()).isEmpty())
            translated << message.name();
    }
    QVERIFY2(
        missing.isEmpty() && stale.isEmpty() && translated.isEmpty(),
        qPrintable(
            QStringLiteral("resources/translations/bouncedesk.ts is not what lupdate "
                           "finds in the sources.") +
            listed(QStringLiteral("In the sources, missing from the template:"), missing) +
            listed(QStringLiteral("In the template, gone from the sources:"), stale) +
            listed(QStringLiteral("Translated in the template (it must stay empty):"), translated) +
            fixHint));
}

void TestTranslationFiles::translationIsComplete_data() {
    QTest::addColumn<QString>("path");
    const QDir translations(QStringLiteral(BOUNCEDESK_SOURCE_DIR "/resources/translations"));
    const QFileInfoList files =
        translations.entryInfoList({QStringLiteral("bouncedesk_*.ts")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files)
        QTest::newRow(qPrintable(file.completeBaseName().section(u'_', 1))) << file.filePath();
    QVERIFY2(!files.isEmpty(), "no translation in resources/translations");
}

void TestTranslationFiles::translationIsComplete() {
    QFETCH(QString, path);
    const TsFile ts = readTs(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    // QTranslator::language() reads this; the desktop loads Qt's own translation by it.
    const QString suffix = QFileInfo(path).completeBaseName().section(u'_', 1);
    QCOMPARE(ts.language, suffix);

    QStringList untranslated, vanished;
    qsizetype forms = -1; // every plural message of one language has the same number of forms
    for (const Message &wanted : m_fresh.messages) {
        const auto found = ts.messages.constFind(wanted.key());
        const bool empty = found == ts.messages.cend() || found->translations.isEmpty() ||
                           found->translations.contains(QString());
        if (empty || !found->type.isEmpty() || found->numerus != wanted.numerus) {
            untranslated << wanted.name();
            continue;
        }
        if (found->numerus) {
            if (forms < 0)
                forms = found->translations.size();
            if (found->translations.size() != forms || forms < 2)
                untranslated << wanted.name() + QStringLiteral(" (plural forms: %1)")
                                                    .arg(found->translations.size());
        }
    }
    for (const Message &message : ts.messages) {
        if (!m_fresh.messages.contains(message.key()))
            vanished << message.name();
    }
    QVERIFY2(untranslated.isEmpty() && vanished.isEmpty(),
             qPrintable(QFileInfo(path).fileName() + QStringLiteral(" lags behind the sources.") +
                        listed(QStringLiteral("Not translated (new, changed or unfinished):"),
                               untranslated) +
                        listed(QStringLiteral("No longer in the sources:"), vanished) + fixHint));
}

void TestTranslationFiles::translationKeepsMarkers() {
    QFETCH(QString, path);
    const TsFile ts = readTs(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QStringList problems;
    for (const Message &message : ts.messages) {
        for (const QString &translation : message.translations) {
            if (translation.isEmpty())
                continue; // translationIsComplete() reports those
            const QString where = message.name() + QLatin1String(" -> \"") + translation + u'"';
            if (placeholders(translation) != placeholders(message.source))
                problems << where + QLatin1String(": placeholders differ");
            if (mnemonicCount(translation) != mnemonicCount(message.source))
                problems << where + QLatin1String(": the source has ") +
                                QString::number(mnemonicCount(message.source)) +
                                QLatin1String(" accelerator(s) (&)");
            if (isPortableShortcut(message.source) && !isPortableShortcut(translation))
                problems << where + QLatin1String(": a shortcut must stay in Qt's portable form");
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslationFiles::scannerFindsTextThatBypassesTr_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, const char *code, const QStringList &expected) {
        QTest::newRow(name) << QString::fromUtf8(code) << expected;
    };
    row("translated", "label->setText(tr(\"Hello\"));", {});
    row("literal", "label->setText(QStringLiteral(\"Hello\"));", {QStringLiteral("Hello")});
    row("bare literal, unqualified call", "setWindowTitle(\"Hello\");", {QStringLiteral("Hello")});
    row("literal with arg", "box->setToolTip(QStringLiteral(\"%1 rows\").arg(n));",
        {QStringLiteral("%1 rows")});
    row("concatenated", "setText(name + QLatin1String(\" (demo)\"));", {QStringLiteral(" (demo)")});
    row("no letters", "setText(a + QStringLiteral(\" \\u2014 \") + b);", {});
    row("argument of tr().arg()",
        "setText(tr(\"At %1\").arg(t.toString(QStringLiteral(\"HH:mm\"))));", {});
    row("key in a nested call", "setText(settings.value(QStringLiteral(\"key\")).toString());", {});
    row("constructor", "auto *l = new QLabel(QStringLiteral(\"Name:\"), this);",
        {QStringLiteral("Name:")});
    row("message box", "QMessageBox::warning(this, tr(\"T\"), QStringLiteral(\"Oops\"));",
        {QStringLiteral("Oops")});
    row("object name", "w->setObjectName(QStringLiteral(\"filterText\"));", {});
    row("commented out", "// label->setText(QStringLiteral(\"Hello\"));\n/* setText(\"x\") */", {});
    row("escaped quote", "setText(tr(\"a \\\") b\"));", {});
}

void TestTranslationFiles::scannerFindsTextThatBypassesTr() {
    QFETCH(QString, code);
    QFETCH(QStringList, expected);
    QStringList found;
    for (const UiTextScanner::Finding &finding : UiTextScanner::scan(code))
        found << finding.literal;
    QCOMPARE(found, expected);
}

void TestTranslationFiles::uiTextGoesThroughTr() {
    // Literals that may reach the screen untranslated, each with the reason: "file|literal".
    // Keep this list short; product and protocol names are the usual justified cases.
    static const QStringList allowed = {};
    const QDir ui(QStringLiteral(BOUNCEDESK_SOURCE_DIR "/ui"));
    const QFileInfoList files =
        ui.entryInfoList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    QStringList problems;
    for (const QFileInfo &info : files) {
        QFile file(info.filePath());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
        for (const auto &finding : UiTextScanner::scan(QString::fromUtf8(file.readAll()))) {
            if (allowed.contains(info.fileName() + u'|' + finding.literal))
                continue;
            problems << QStringLiteral("ui/%1:%2: %3(\"%4\")")
                            .arg(info.fileName())
                            .arg(finding.line)
                            .arg(finding.call, finding.literal);
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("User-visible text that bypasses tr():\n  ") +
                        problems.join(QLatin1String("\n  "))));
}

QTEST_GUILESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
