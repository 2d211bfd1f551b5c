#pragma once

#include "bounceparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <memory>
#include <string>
#include <string_view>

struct XML_ParserStruct; // Expat's parser (expat.h stays out of this header)

// Reads the XML bounce list <bounces><bounce><email/>...</bounce></bounces> with Expat, a push
// parser that takes UTF-8 in chunks cut anywhere (XmlTextDecoder makes every body UTF-8 first),
// hands out each row as its </bounce> is read, and says what the root element is and whether
// the document is well formed so far. XmlBounceParser decides what that means for the body.
//
// What Expat guards, kept on: namespaces are checked (an unbound prefix is an error) and names
// are matched on their local part; external entities are never loaded (a reference to one is an
// error, and an external DTD is not read); entity expansion is capped (Expat's billion-laughs
// protection). Time stays linear in the body's size: Expat 2.5 reads a token again from its
// start whenever a chunk ends inside it, so a huge token (a tag with 100,000 attributes, a long
// comment) arriving in small chunks would take quadratic time. Bytes are therefore handed to
// Expat only once at least as many have arrived as it holds unfinished (as Expat 2.6's reparse
// deferral does): a token is read again only after it has doubled, linear in all.
class ExpatBounceReader final {
public:
    enum class Root { Unknown, Bounces, Error, Html, Other };

    explicit ExpatBounceReader(BounceStreamParser::RowSink sink);
    ~ExpatBounceReader();
    Q_DISABLE_COPY_MOVE(ExpatBounceReader)

    void feed(QByteArrayView utf8);
    void flush();  // reads now what was deferred
    void finish(); // the body is complete

    Root root() const { return m_root; }
    QString rootName() const { return m_rootName; } // its local name, for Root::Other
    bool rootClosed() const { return m_rootClosed; }
    bool failed() const { return !m_problem.isEmpty(); }
    QString problem() const { return m_problem; } // the whole message

private:
    enum Field { Email, Status, Reason, Created, FieldCount };
    struct ParserDeleter {
        void operator()(XML_ParserStruct *parser) const;
    };
    friend struct ExpatCallbacks; // Expat's handlers, in the .cpp

    void startElement(std::string_view name);
    void endElement();
    void endOfRow();
    void readNow(QByteArrayView bytes);
    void parse(QByteArrayView bytes, bool final);
    void stop(QString problem); // from a handler: Expat reads no further
    QString listText() const;
    QString position() const; // "line 3, column 20"

    std::unique_ptr<XML_ParserStruct, ParserDeleter> m_parser;
    BounceStreamParser::RowSink m_sink;
    bool m_stopped = false; // failed, or the root is not a list: nothing more is read
    QByteArray m_deferred;  // bytes not yet given to Expat
    qint64 m_given = 0;     // bytes given to Expat so far
    qint64 m_waitFor = 0;   // deferred bytes to gather before Expat reads again

    Root m_root = Root::Unknown;
    QString m_rootName;
    bool m_rootClosed = false;
    qint64 m_rootEndLine = 0; // where the root's closing tag is
    QString m_problem;
    qsizetype m_rows = 0;

    int m_depth = 0;         // of the element being read; 1 is the root
    bool m_inBounce = false; // inside a <bounce> of the list
    int m_field = -1;        // the field whose text is being read (its element and descendants)
    std::array<std::string, FieldCount> m_fields;
};
