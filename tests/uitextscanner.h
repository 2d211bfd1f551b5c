#pragma once

// Finds text a person would read that bypasses tr(): a string literal with letters passed
// straight to a call that shows text (setText, setToolTip, QMessageBox::warning, new QLabel,
// ...). Deliberately simple, a lexer rather than a parser: literals inside tr(), arg() or any
// other nested call are not looked at (keys, icon names, formats), only those that reach the
// call directly, alone, in a QStringLiteral/QLatin1String, or concatenated.
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace UiTextScanner {

struct Finding {
    int line = 0;
    QString call;    // "setText"
    QString literal; // the literal's text as written in the source
};

// Calls and constructors whose string arguments end up on screen.
inline const QRegularExpression &userTextCall() {
    static const QRegularExpression re(QStringLiteral(
        R"(\b(?:QMessageBox::(information|warning|critical|question|about)|)"
        R"((setText|setWindowTitle|setToolTip|setStatusTip|setWhatsThis|setPlaceholderText|)"
        R"(setAccessibleName|setAccessibleDescription|setSpecialValueText|setPrefix|setSuffix|)"
        R"(setTitle|setLabelText|setInformativeText|setDetailedText|setEditText|setItemText|)"
        R"(setTabText|setTabToolTip|setHeaderLabels|setHorizontalHeaderLabels|setNameFilter|)"
        R"(setNameFilters|showMessage|addAction|addMenu|addToolBar|addItem|addItems|insertItem|)"
        R"(addTab|addButton|addRow|setApplicationDescription|showError|showNotConnected|)"
        R"(showActivity|setKeychainNote)|)"
        R"((QLabel|QPushButton|QToolButton|QCheckBox|QRadioButton|QGroupBox|QAction|QMenu|)"
        R"(QMessageBox|QFileDialog|QDockWidget|QToolBar))\s*\()"));
    return re;
}

// Replaces comments with spaces (keeping line breaks), so commented-out code is not scanned.
inline QString withoutComments(const QString &code) {
    QString out = code;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c == u'"' || c == u'\'') { // skip a literal, escapes included
            for (++i; i < out.size() && out.at(i) != c; ++i)
                if (out.at(i) == u'\\')
                    ++i;
        } else if (out.mid(i, 2) == QLatin1String("//")) {
            for (; i < out.size() && out.at(i) != u'\n'; ++i)
                out[i] = u' ';
        } else if (out.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype end = out.indexOf(QLatin1String("*/"), i + 2);
            const qsizetype stop = end < 0 ? out.size() : end + 2;
            for (; i < stop; ++i)
                if (out.at(i) != u'\n')
                    out[i] = u' ';
            --i;
        }
    }
    return out;
}

// Index just past the literal starting at `open` (a quote), or past the group opened at `open`.
inline qsizetype skipLiteral(const QString &code, qsizetype open) {
    const QChar quote = code.at(open);
    qsizetype i = open + 1;
    for (; i < code.size() && code.at(i) != quote; ++i)
        if (code.at(i) == u'\\')
            ++i;
    return i + 1;
}
inline qsizetype skipGroup(const QString &code, qsizetype open) {
    int depth = 0;
    for (qsizetype i = open; i < code.size(); ++i) {
        const QChar c = code.at(i);
        if (c == u'"' || c == u'\'')
            i = skipLiteral(code, i) - 1;
        else if (c == u'(' || c == u'{' || c == u'[')
            ++depth;
        else if ((c == u')' || c == u'}' || c == u']') && --depth == 0)
            return i + 1;
    }
    return code.size();
}

// Whether a literal's text (as written) holds a letter once escapes like \n or \u2014 are gone.
inline bool hasLetters(const QString &written) {
    static const QRegularExpression escapes(
        QStringLiteral(R"(\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]+|.))"));
    QString text = written;
    text.remove(escapes);
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

// The literals that reach the call's arguments `code[from, to)` directly.
inline QStringList directLiterals(const QString &code, qsizetype from, qsizetype to) {
    static const QStringList wrappers = {
        QStringLiteral("QStringLiteral"),    QStringLiteral("QLatin1String"),
        QStringLiteral("QLatin1StringView"), QStringLiteral("QStringView"),
        QStringLiteral("QString"),           QStringLiteral("fromUtf8"),
        QStringLiteral("fromLatin1"),        QStringLiteral("fromLocal8Bit")};
    QStringList literals;
    for (qsizetype i = from; i < to; ++i) {
        const QChar c = code.at(i);
        if (c == u'"') {
            const qsizetype end = skipLiteral(code, i);
            literals << code.mid(i + 1, end - i - 2);
            i = end - 1;
        } else if (c == u'\'') {
            i = skipLiteral(code, i) - 1;
        } else if (c.isLetter() || c == u'_') {
            qsizetype end = i;
            while (end < to && (code.at(end).isLetterOrNumber() || code.at(end) == u'_'))
                ++end;
            const QString word = code.mid(i, end - i);
            qsizetype next = end;
            while (next < to && code.at(next).isSpace())
                ++next;
            if (next < to && code.at(next) == u'(' && !wrappers.contains(word))
                end = skipGroup(code, next); // tr(), arg(), anything else: not direct text
            i = end - 1;
        }
    }
    return literals;
}

inline QList<Finding> scan(const QString &source) {
    const QString code = withoutComments(source);
    QList<Finding> findings;
    auto it = userTextCall().globalMatch(code);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const qsizetype open = match.capturedEnd() - 1;
        const qsizetype close = skipGroup(code, open);
        QString call;
        for (int group = 1; call.isEmpty() && group <= 3; ++group)
            call = match.captured(group);
        for (const QString &literal : directLiterals(code, open + 1, close - 1)) {
            if (hasLetters(literal))
                findings.append(
                    {int(code.left(match.capturedStart()).count(u'\n')) + 1, call, literal});
        }
    }
    return findings;
}

} // namespace UiTextScanner
