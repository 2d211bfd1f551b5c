#include "xmlcharacterdata.h"

#include <algorithm>
#include <cstring>
#include <string_view>

using namespace XmlScanText;

namespace {

QString invalidCharacter() {
    return QStringLiteral("Invalid XML character.");
}

QString sequenceEndsCData() {
    return QStringLiteral("Sequence ']]>' not allowed in content.");
}

} // namespace

const char *XmlCharacterData::fail(const char *at, Step *step, QString problem) {
    m_problem = std::move(problem);
    *step = Step::Failed;
    return at;
}

// What the last chunk left half done. Only one thing can be: it ended on one byte.
const char *XmlCharacterData::resume(const char *p, const char *end, bool cdata, Step *step) {
    if (m_pendingCr) {
        m_pendingCr = false;
        return *p == '\n' ? p + 1 : p; // CR LF is one line break
    }
    if (m_heldCount > 0)
        return completeHeldSequence(p, end, step);
    if (m_inReference)
        return readReference(p, end, step);
    if (!cdata && m_brackets > 0) { // the last chunk ended in ']'
        if (*p == '>' && m_brackets >= 2)
            return fail(p, step, sequenceEndsCData());
        if (*p != ']')
            m_brackets = 0;
    }
    return p;
}

const char *XmlCharacterData::readText(const char *p, const char *end, Step *step) {
    *step = Step::More;
    p = resume(p, end, false, step);
    if (*step == Step::Failed || m_inReference || m_heldCount > 0)
        return p;
    std::string *const capture = m_capture;
    const char *run = p; // copied as it is when something else comes
    for (;;) {
        p = findTextSpecial(p, end);
        if (p == end)
            break;
        const auto c = static_cast<unsigned char>(*p);
        if (c == '\n' || c == '\t') {
            ++p;
            continue;
        }
        if (c == ']') {
            m_brackets = std::min<qint64>(m_brackets + 1, 2);
            if (++p < end) {
                if (*p == '>' && m_brackets == 2)
                    return fail(p, step, sequenceEndsCData());
                if (*p != ']')
                    m_brackets = 0;
            }
            continue;
        }
        if (c >= 0x80 && m_encoding == Encoding::Utf8) {
            char32_t code = 0;
            const int length = utf8Sequence(reinterpret_cast<const unsigned char *>(p),
                                            reinterpret_cast<const unsigned char *>(end), &code);
            if (length > 0 && code != 0xFFFE && code != 0xFFFF) {
                p += length; // well-formed: it stays in the run
                continue;
            }
        }
        if (capture)
            capture->append(run, std::size_t(p - run));
        if (c == '<') {
            *step = Step::End;
            return p;
        }
        if (c == '&') {
            static const struct {
                std::string_view text;
                char value;
            } predefined[] = {
                {"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
            const char *const name = p + 1;
            for (const auto &entity : predefined) {
                if (std::size_t(end - name) >= entity.text.size() &&
                    std::memcmp(name, entity.text.data(), entity.text.size()) == 0) {
                    p = name + entity.text.size();
                    if (capture)
                        capture->push_back(entity.value);
                    break;
                }
            }
            if (p < name) { // not one of them, whole in this chunk: byte by byte
                m_reference.reset();
                m_inReference = true;
                p = readReference(name, end, step);
                if (*step == Step::Failed || m_inReference)
                    return p;
            }
        } else if (c == '\r') {
            p = lineBreak(p, end);
        } else if (c < 0x20) {
            return fail(p, step, invalidCharacter());
        } else {
            p = nonAscii(p, end, step);
            if (*step == Step::Failed)
                return p;
        }
        run = p;
    }
    if (capture)
        capture->append(run, std::size_t(end - run));
    return end;
}

const char *XmlCharacterData::readCData(const char *p, const char *end, Step *step) {
    *step = Step::More;
    p = resume(p, end, true, step);
    if (*step == Step::Failed)
        return p;
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == ']') {
            ++m_brackets; // withheld: they may end the section
            ++p;
            continue;
        }
        const bool ends = c == '>' && m_brackets >= 2;
        if (m_capture && m_brackets > 0)
            m_capture->append(std::size_t(m_brackets - (ends ? 2 : 0)), ']');
        m_brackets = 0;
        if (ends) {
            *step = Step::End;
            return p + 1;
        }
        if (c == '\r') {
            p = lineBreak(p, end);
        } else if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n')
                return fail(p, step, invalidCharacter());
            if (m_capture)
                m_capture->push_back(char(c));
            ++p;
        } else {
            p = nonAscii(p, end, step);
            if (*step == Step::Failed)
                return p;
        }
    }
    return end;
}

const char *XmlCharacterData::readReference(const char *p, const char *end, Step *step) {
    for (; p < end; ++p) {
        switch (m_reference.push(static_cast<unsigned char>(*p))) {
        case Reference::Step::More:
            continue;
        case Reference::Step::Done:
            if (m_capture)
                appendUtf8(m_capture, m_reference.codePoint());
            m_inReference = false;
            return p + 1;
        case Reference::Step::Failed:
            m_inReference = false;
            return fail(p, step, m_reference.problem());
        }
    }
    return end;
}

// A CR at `p`: one LF, with the LF after it if there is one.
const char *XmlCharacterData::lineBreak(const char *p, const char *end) {
    if (m_capture)
        m_capture->push_back('\n');
    if (++p == end)
        m_pendingCr = true;
    else if (*p == '\n')
        ++p;
    return p;
}

// A byte above 0x7F that is not copied as it is: converted from Latin-1, replaced (US-ASCII,
// bad UTF-8), or held until the next chunk completes its sequence.
const char *XmlCharacterData::nonAscii(const char *p, const char *end, Step *step) {
    const auto c = static_cast<unsigned char>(*p);
    if (m_encoding != Encoding::Utf8) {
        if (m_capture)
            appendUtf8(m_capture, m_encoding == Encoding::Latin1 ? char32_t(c) : char32_t(0xFFFD));
        return p + 1;
    }
    char32_t code = 0;
    const int length = utf8Sequence(reinterpret_cast<const unsigned char *>(p),
                                    reinterpret_cast<const unsigned char *>(end), &code);
    if (length == 0) {
        m_heldCount = int(end - p);
        std::memcpy(m_held, p, std::size_t(m_heldCount));
        return end;
    }
    if (length > 0 && (code == 0xFFFE || code == 0xFFFF))
        return fail(p, step, invalidCharacter());
    if (m_capture && length > 0)
        m_capture->append(p, std::size_t(length));
    else if (m_capture)
        appendUtf8(m_capture, 0xFFFD);
    return p + (length > 0 ? length : -length);
}

const char *XmlCharacterData::completeHeldSequence(const char *p, const char *end, Step *step) {
    unsigned char joined[8];
    std::memcpy(joined, m_held, std::size_t(m_heldCount));
    const int taken = int(std::min<std::ptrdiff_t>(4 - m_heldCount, end - p));
    std::memcpy(joined + m_heldCount, p, std::size_t(taken));
    char32_t code = 0;
    const int length = utf8Sequence(joined, joined + m_heldCount + taken, &code);
    if (length == 0) { // a chunk even shorter than the sequence
        std::memcpy(m_held + m_heldCount, p, std::size_t(taken));
        m_heldCount += taken;
        return end;
    }
    // The held bytes were a well-formed start, so the sequence or its bad part covers them all.
    const int used = (length > 0 ? length : -length) - m_heldCount;
    m_heldCount = 0;
    if (length > 0 && (code == 0xFFFE || code == 0xFFFF))
        return fail(p, step, invalidCharacter());
    if (m_capture && length > 0)
        m_capture->append(reinterpret_cast<const char *>(joined), std::size_t(length));
    else if (m_capture)
        appendUtf8(m_capture, 0xFFFD);
    return p + used;
}
