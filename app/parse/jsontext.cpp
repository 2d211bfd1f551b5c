#include "jsontext.h"

#include "parsertext.h"

#include <simdjson.h>

#include <array>
#include <cstring>

static_assert(JsonBounceRowDecoder::padding >= simdjson::SIMDJSON_PADDING,
              "the splitter must leave at least simdjson's padding after an object");

namespace {

constexpr std::string_view replacementCharacter("\xEF\xBF\xBD", 3);

void appendCodePoint(char32_t code, std::string *out) {
    if (code < 0x80) {
        out->push_back(char(code));
    } else if (code < 0x800) {
        out->push_back(char(0xC0 | (code >> 6)));
        out->push_back(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out->push_back(char(0xE0 | (code >> 12)));
        out->push_back(char(0x80 | ((code >> 6) & 0x3F)));
        out->push_back(char(0x80 | (code & 0x3F)));
    } else {
        out->push_back(char(0xF0 | (code >> 18)));
        out->push_back(char(0x80 | ((code >> 12) & 0x3F)));
        out->push_back(char(0x80 | ((code >> 6) & 0x3F)));
        out->push_back(char(0x80 | (code & 0x3F)));
    }
}

// Four hex digits at `p` (bounds checked by the caller); -1 when they are not hex.
long hex4(const char *p) {
    long value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

std::string_view trimmedToken(std::string_view token) {
    while (!token.empty() && JsonText::isSpace(token.back()))
        token.remove_suffix(1);
    return token;
}

enum Slot { Email, Status, Reason, Created, SlotCount };

int slotForKey(simdjson::ondemand::raw_json_string key) {
    // Raw comparison: the API's keys are plain ASCII, never escaped.
    if (key.unsafe_is_equal("email"))
        return Email;
    if (key.unsafe_is_equal("status"))
        return Status;
    if (key.unsafe_is_equal("reason"))
        return Reason;
    if (key.unsafe_is_equal("created"))
        return Created;
    return -1;
}

const char *slotName(int slot) {
    static const char *const names[] = {"email", "status", "reason", "created"};
    return names[slot];
}

QString jsonErrorText(simdjson::error_code error) {
    return QStringLiteral("it is not valid JSON (%1)")
        .arg(QString::fromUtf8(simdjson::error_message(error)));
}

} // namespace

namespace JsonText {

bool isNumberText(std::string_view text) {
    if (text.empty() || !(text.front() == '-' || (text.front() >= '0' && text.front() <= '9')))
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
            return false;
    }
    return true;
}

void appendSanitizedUtf8(std::string_view in, std::string *out) {
    out->reserve(out->size() + in.size() + 8);
    auto p = reinterpret_cast<const unsigned char *>(in.data());
    const auto end = p + in.size();
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && *p < 0x80)
            ++p; // ASCII runs copy in one go
        out->append(reinterpret_cast<const char *>(run), std::size_t(p - run));
        if (p == end)
            break;
        char32_t code;
        int length = ParserText::utf8Sequence(p, end, &code);
        if (length == 0) // cut short by the end of the text: ill-formed here
            length = -int(end - p);
        if (length > 0) {
            out->append(reinterpret_cast<const char *>(p), std::size_t(length));
            p += length;
        } else {
            out->append(replacementCharacter);
            p += -length;
        }
    }
}

bool appendUnescaped(std::string_view raw, std::string *out) {
    out->reserve(out->size() + raw.size());
    const char *p = raw.data();
    const char *const end = p + raw.size();
    while (p < end) {
        const void *found = std::memchr(p, '\\', std::size_t(end - p));
        const char *backslash = found ? static_cast<const char *>(found) : end;
        out->append(p, std::size_t(backslash - p));
        if (backslash == end)
            break;
        p = backslash + 1;
        if (p == end)
            return false;
        const char escape = *p++;
        switch (escape) {
        case '"':
            out->push_back('"');
            continue;
        case '\\':
            out->push_back('\\');
            continue;
        case '/':
            out->push_back('/');
            continue;
        case 'b':
            out->push_back('\b');
            continue;
        case 'f':
            out->push_back('\f');
            continue;
        case 'n':
            out->push_back('\n');
            continue;
        case 'r':
            out->push_back('\r');
            continue;
        case 't':
            out->push_back('\t');
            continue;
        case 'u':
            break;
        default:
            return false;
        }
        const long unit = end - p >= 4 ? hex4(p) : -1;
        if (unit < 0)
            return false;
        p += 4;
        if (unit >= 0xD800 && unit <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            const long low = hex4(p + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                appendCodePoint(char32_t(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)), out);
                p += 6;
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF)
            out->append(replacementCharacter); // a lone surrogate has no character
        else
            appendCodePoint(char32_t(unit), out);
    }
    return true;
}

} // namespace JsonText

struct JsonBounceRowDecoder::Impl {
    simdjson::ondemand::parser parser;
    std::string repaired; // a copy of an object whose UTF-8 had to be repaired, padded
    std::array<std::string, SlotCount> unescaped;

    QString decodeObject(simdjson::ondemand::object object, BounceFields *fields);
    QString decodeValue(int slot, simdjson::ondemand::value value, std::string_view *out);
    void releaseLargeBuffers();
};

JsonBounceRowDecoder::JsonBounceRowDecoder()
    : d(std::make_unique<Impl>()) {}

JsonBounceRowDecoder::~JsonBounceRowDecoder() = default;

QString JsonBounceRowDecoder::decode(const char *object, std::size_t length, BounceFields *fields) {
    d->releaseLargeBuffers(); // the views of the previous row are dead by now
    if (length == 0 || object[0] != '{')
        return QStringLiteral("it is not an object");
    simdjson::ondemand::document document;
    simdjson::error_code error = d->parser.iterate(object, length, length + padding).get(document);
    if (error == simdjson::UTF8_ERROR) {
        // Mail servers write reasons in any charset: repair this row instead of failing the
        // whole list. Only rows with bad bytes pay for the copy.
        d->repaired.clear();
        JsonText::appendSanitizedUtf8(std::string_view(object, length), &d->repaired);
        const std::size_t repairedLength = d->repaired.size();
        d->repaired.append(padding, '\0');
        error =
            d->parser.iterate(d->repaired.data(), repairedLength, d->repaired.size()).get(document);
    }
    simdjson::ondemand::object parsed;
    if (!error)
        error = document.get_object().get(parsed);
    return error ? jsonErrorText(error) : d->decodeObject(parsed, fields);
}

std::size_t JsonBounceRowDecoder::decodeList(const char *list, std::size_t length, RowCallback row,
                                             void *context) {
    d->releaseLargeBuffers();
    simdjson::ondemand::document document;
    simdjson::ondemand::array array;
    if (d->parser.iterate(list, length, length + padding).get(document) ||
        document.get_array().get(array))
        return 0;
    std::size_t delivered = 0;
    for (auto element : array) {
        simdjson::ondemand::object object;
        BounceFields fields;
        if (std::move(element).get_object().get(object) ||
            !d->decodeObject(object, &fields).isEmpty())
            break;
        row(context, fields);
        ++delivered;
    }
    return delivered;
}

void JsonBounceRowDecoder::Impl::releaseLargeBuffers() {
    // One huge row (a 10 MB reason) must not keep its buffers for the rest of the list. Called
    // before decoding, never after: the fields handed out point into these buffers.
    constexpr std::size_t keepCapacity = 4 << 20;
    if (parser.capacity() > keepCapacity)
        parser = simdjson::ondemand::parser();
    if (repaired.capacity() > keepCapacity)
        std::string().swap(repaired);
    for (std::string &buffer : unescaped) {
        if (buffer.capacity() > keepCapacity)
            std::string().swap(buffer);
    }
}

QString JsonBounceRowDecoder::Impl::decodeObject(simdjson::ondemand::object object,
                                                 BounceFields *fields) {
    std::array<std::string_view, SlotCount> values{};
    for (auto result : object) {
        simdjson::ondemand::field field;
        if (simdjson::error_code error = std::move(result).get(field))
            return jsonErrorText(error);
        const int slot = slotForKey(field.key());
        if (slot < 0)
            continue; // unknown keys are skipped by the iteration itself
        QString problem = decodeValue(slot, field.value(), &values[std::size_t(slot)]);
        if (!problem.isEmpty())
            return problem;
    }
    if (values[Email].empty())
        return QStringLiteral("it has no email address"); // it could be neither shown nor deleted
    *fields = BounceFields{values[Email], values[Status], values[Reason], values[Created]};
    return {};
}

QString JsonBounceRowDecoder::Impl::decodeValue(int slot, simdjson::ondemand::value value,
                                                std::string_view *out) {
    simdjson::ondemand::json_type type;
    if (simdjson::error_code error = value.type().get(type))
        return jsonErrorText(error);
    // The raw token keeps the bytes where they are: no copy unless the string has escapes.
    const std::string_view token = trimmedToken(value.raw_json_token());
    switch (type) {
    case simdjson::ondemand::json_type::string: {
        if (token.size() < 2 || token.back() != '"')
            return jsonErrorText(simdjson::STRING_ERROR);
        const std::string_view content = token.substr(1, token.size() - 2);
        if (content.find('\\') == std::string_view::npos) {
            *out = content;
            return {};
        }
        std::string &buffer = unescaped[std::size_t(slot)];
        buffer.clear();
        if (!JsonText::appendUnescaped(content, &buffer))
            return QStringLiteral("its \u201c%1\u201d holds an invalid escape sequence")
                .arg(QLatin1String(slotName(slot)));
        *out = buffer;
        return {};
    }
    case simdjson::ondemand::json_type::number:
        if (!JsonText::isNumberText(token))
            return jsonErrorText(simdjson::NUMBER_ERROR);
        *out = token; // a bare SMTP code: 550 -> "550"
        return {};
    case simdjson::ondemand::json_type::boolean:
        if (token != "true" && token != "false")
            return jsonErrorText(simdjson::T_ATOM_ERROR);
        *out = token;
        return {};
    case simdjson::ondemand::json_type::null:
        if (token != "null")
            return jsonErrorText(simdjson::N_ATOM_ERROR);
        *out = {};
        return {};
    case simdjson::ondemand::json_type::object:
    case simdjson::ondemand::json_type::array:
        break;
    }
    return QStringLiteral("its \u201c%1\u201d is not text").arg(QLatin1String(slotName(slot)));
}
