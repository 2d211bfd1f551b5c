#pragma once

#include "xmlscantext.h"

#include <QString>

#include <string>
#include <string_view>

// Reads the markup that carries nothing for the bounce list, comments and processing
// instructions, byte by byte so that a chunk may end anywhere in it. It only checks them, with
// QXmlStreamReader's rules: no "--" inside a comment, a PI target that is a name and not "xml",
// and only characters XML allows.
class XmlSkippedMarkup final {
public:
    enum class Step { More, Done, Failed };

    void setEncoding(XmlScanText::Encoding encoding) { m_encoding = encoding; }
    void beginComment(); // after "<!--"
    // After "<?", and what of the target was read already.
    void beginProcessingInstruction(std::string_view targetStart = {});

    // Returns the byte after the markup (Done), the offending byte (Failed) or `end` (More).
    const char *read(const char *p, const char *end, Step *step);
    QString problem() const { return m_problem; }

private:
    enum class State : unsigned char { Comment, Target, Content };

    const char *readComment(const char *p, const char *end, Step *step);
    const char *readTarget(const char *p, const char *end, Step *step);
    const char *readContent(const char *p, const char *end, Step *step);
    bool isAllowed(unsigned char c);
    const char *fail(const char *at, Step *step, QString problem);

    XmlScanText::Encoding m_encoding = XmlScanText::Encoding::Utf8;
    State m_state = State::Comment;
    int m_dashes = 0;          // '-' just read in a comment
    bool m_question = false;   // '?' just read in a PI
    bool m_hasContent = false; // <?target content?> rather than <?target?>
    std::string m_target;
    unsigned char m_recent[2] = {}; // the last bytes, for U+FFFE and U+FFFF
    QString m_problem;
};
