#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

// One element of a small XML answer, with what a reader of such answers asks of it.
struct XmlElement {
    QString name; // the local name, whatever its namespace
    QString text; // the character data of the element and all its descendants, in order
    QList<XmlElement> children;

    const XmlElement *firstChild(QLatin1StringView childName) const;
};

// A small XML answer read whole — a customer list, a delete result, an error — with Expat under
// the guards of every XML body here (ExpatGuards) and decoded as the bounce lists are
// (XmlTextDecoder: UTF-8, UTF-16 with or without a byte-order mark, or the declared encoding;
// invalid bytes become U+FFFD). Elements are kept as a tree to maxDepth levels: the answers it
// is for are three deep, and a hostile body nested a million deep must not become a million
// nested lists; deeper elements still add their text to the elements around them.
class XmlDocument final {
public:
    static constexpr int maxDepth = 8;

    static XmlDocument read(QByteArrayView body);

    // The local name of the first element, from however much of a body there is ("" when no
    // element starts in it).
    static QString rootName(QByteArrayView head);

    bool ok() const { return m_problem.isEmpty(); }
    // What is wrong, with where: "line 3, column 20: mismatched tag".
    QString problem() const { return m_problem; }
    // The body ended before the document did: what a cut connection leaves.
    bool cutShort() const { return m_cutShort; }
    const XmlElement &root() const { return m_root; } // empty unless ok()

private:
    friend struct XmlDocumentBuilder;

    XmlElement m_root;
    QString m_problem;
    bool m_cutShort = false;
};
