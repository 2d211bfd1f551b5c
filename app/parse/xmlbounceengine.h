#pragma once

#include "bounceparser.h"
#include "core/quantitytext.h"

#include <QByteArrayView>
#include <QString>

// A reader of the XML bounce list for XmlBounceParser: it hands out rows as they come and says
// what the root element is and whether the document is well formed so far. Two exist: the fast
// XmlBounceScanner, and XmlBounceReader (QXmlStreamReader) for what the scanner leaves to it.
// XmlBounceParser keeps the body while it may be an error message and judges the end.
class XmlBounceEngine {
public:
    enum class Root { Unknown, Bounces, Error, Html, Other };
    using RowSink = BounceStreamParser::RowSink;

    explicit XmlBounceEngine(RowSink sink)
        : m_sink(std::move(sink)) {}
    virtual ~XmlBounceEngine() = default;
    Q_DISABLE_COPY_MOVE(XmlBounceEngine)

    virtual void feed(QByteArrayView bytes) = 0;
    virtual void finish() = 0; // the body is complete

    Root root() const { return m_root; }
    QString rootName() const { return m_rootName; } // for Root::Other
    bool rootClosed() const { return m_rootClosed; }
    bool failed() const { return !m_problem.isEmpty(); }
    QString problem() const { return m_problem; } // the whole message, for State::Malformed
    // Only before the root element: the document needs QXmlStreamReader (a DOCTYPE, another
    // encoding), so it must be read again from its first byte by XmlBounceReader.
    bool needsReader() const { return m_needsReader; }
    qsizetype rows() const { return m_rows; }

protected:
    void deliverRow(const BounceFields &fields) {
        m_sink(fields);
        ++m_rows;
    }
    void setRoot(Root root, QString name = {}) {
        m_root = root;
        m_rootName = std::move(name);
    }
    void setRootClosed() { m_rootClosed = true; }
    void setNeedsReader() { m_needsReader = true; }
    void fail(QString problem) { m_problem = std::move(problem); }
    // "the list of bounces (after 3 rows)": what was being read, for messages.
    QString listText() const {
        return QStringLiteral("the list of bounces (after %1)")
            .arg(m_rows == 1 ? QStringLiteral("1 row")
                             : QStringLiteral("%1 rows").arg(countText(m_rows)));
    }
    void failWithoutAddress(qint64 line) {
        // Without its address a row can be neither shown usefully nor deleted.
        fail(QStringLiteral("row %1 of the list (line %2) has no email address")
                 .arg(countText(m_rows + 1), countText(line)));
    }

private:
    RowSink m_sink;
    Root m_root = Root::Unknown;
    QString m_rootName;
    bool m_rootClosed = false;
    bool m_needsReader = false;
    QString m_problem;
    qsizetype m_rows = 0;
};
