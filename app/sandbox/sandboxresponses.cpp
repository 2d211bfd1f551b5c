#include "sandboxresponses.h"

#include <QDateTime>

#include <optional>

using namespace SandboxEncoder;

namespace {

constexpr qint64 kDefaultHugeField = 10 * 1024 * 1024;
// Bytes a fault splices into a field: a lone continuation byte, 0xFF, a truncated sequence.
constexpr std::string_view kInvalidUtf8 = " \xff\xfe invalid \xc3\x28 \x80 utf-8";

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

QByteArray contentTypeFor(SandboxFormat format, const SandboxEncoding &encoding) {
    if (format == SandboxFormat::Json)
        return QByteArrayLiteral("application/json");
    return encoding.xmlLatin1 ? QByteArrayLiteral("text/xml; charset=ISO-8859-1")
                              : QByteArrayLiteral("text/xml; charset=UTF-8");
}

SandboxResponse make(int status, SandboxFormat format, const SandboxEncoding &encoding,
                     QByteArray body) {
    SandboxResponse response;
    response.status = status;
    response.contentType = contentTypeFor(format, encoding);
    response.body = std::move(body);
    return response;
}

SandboxResponse apiError(int status, SandboxFormat format, const SandboxEncoding &encoding,
                         const QString &message) {
    return make(status, format, encoding,
                SandboxResponses::errorBody(format, 0, message, status, encoding));
}

void distort(std::string &field, bool invalidUtf8, qint64 hugeFieldBytes) {
    if (invalidUtf8)
        field.append(kInvalidUtf8);
    if (hugeFieldBytes > 0 && qint64(field.size()) < hugeFieldBytes)
        field.append(std::size_t(hugeFieldBytes) - field.size(), 'x');
}

QByteArray messageBody(SandboxFormat format, std::string_view message,
                       const SandboxEncoding &encoding) {
    QByteArray out;
    if (format == SandboxFormat::Json) {
        out.append("{\"message\":");
        appendJsonString(out, message, encoding.jsonAsciiOnly);
        out.append('}');
    } else {
        appendXmlDeclaration(out, encoding.xmlLatin1);
        out.append("<result>\n  ");
        appendXmlElement(out, "message", message, encoding.xmlLatin1);
        out.append("\n</result>\n");
    }
    return out;
}

struct BodyFaults {
    bool invalidUtf8 = false;
    qint64 hugeFieldBytes = 0;
    bool ignoreOffset = false;
};

SandboxResponse listCustomers(const SandboxForm &form, SandboxFormat format,
                              const SandboxData &data, const SandboxEncoding &encoding,
                              const BodyFaults &faults) {
    bool limitOk = true;
    bool offsetOk = true;
    const QString limitText = form.value(QStringLiteral("limit"));
    const QString offsetText = form.value(QStringLiteral("offset"));
    const qint64 limit = limitText.isEmpty() ? -1 : limitText.toLongLong(&limitOk);
    qint64 offset = offsetText.isEmpty() ? 0 : offsetText.toLongLong(&offsetOk);
    if (!limitOk || (!limitText.isEmpty() && limit < 0))
        return apiError(400, format, encoding, QStringLiteral("limit must be a number >= 0"));
    if (!offsetOk || offset < 0)
        return apiError(400, format, encoding, QStringLiteral("offset must be a number >= 0"));
    if (faults.ignoreOffset)
        offset = 0;

    const QString usernameFilter = form.value(QStringLiteral("username"));
    const QString emailFilter = form.value(QStringLiteral("email"));
    QList<SandboxProfile> matching;
    for (const SandboxProfile &profile : data.profiles()) {
        if ((usernameFilter.isEmpty() || profile.customer.username == usernameFilter) &&
            (emailFilter.isEmpty() || profile.customer.email == emailFilter))
            matching.append(profile);
    }
    const QList<SandboxProfile> page =
        matching.mid(qsizetype(offset), limit < 0 ? -1 : qsizetype(limit));

    const bool json = format == SandboxFormat::Json;
    QByteArray out;
    if (json)
        out.append('[');
    else
        appendXmlDeclaration(out, encoding.xmlLatin1), out.append("<users>\n");
    for (qsizetype i = 0; i < page.size(); ++i) {
        const SandboxProfile &p = page.at(i);
        const Customer &c = p.customer;
        std::string firstName = c.firstName.toStdString();
        std::string address = p.address.toStdString();
        if (i == 0) {
            distort(firstName, faults.invalidUtf8, 0);
            distort(address, false, faults.hugeFieldBytes);
        }
        const QByteArray fields[][2] = {
            {"id", c.id.toUtf8()},
            {"username", c.username.toUtf8()},
            {"email", c.email.toUtf8()},
            {"active", c.active ? "true" : "false"},
            {"first_name", QByteArray::fromStdString(firstName)},
            {"last_name", c.lastName.toUtf8()},
            {"address", QByteArray::fromStdString(address)},
            {"city", p.city.toUtf8()},
            {"state", p.state.toUtf8()},
            {"zip", p.zip.toUtf8()},
            {"country", p.country.toUtf8()},
            {"phone", p.phone.toUtf8()},
            {"website", p.website.toUtf8()},
        };
        out.append(json ? (i == 0 ? "{" : ",{") : "  <user>\n");
        bool firstField = true;
        for (const auto &field : fields) {
            if (field[0] == "id" && c.id.isEmpty())
                continue; // the API may omit it
            if (json) {
                if (!firstField)
                    out.append(',');
                appendJsonString(out, view(field[0]), false);
                out.append(':');
                appendJsonString(out, view(field[1]), encoding.jsonAsciiOnly);
            } else {
                out.append("    ");
                appendXmlElement(out, view(field[0]), view(field[1]), encoding.xmlLatin1);
                out.append('\n');
            }
            firstField = false;
        }
        out.append(json ? "}" : "  </user>\n");
    }
    out.append(json ? "]" : "</users>\n");
    return make(200, format, encoding, out);
}

SandboxResponse getBounces(const SandboxForm &form, SandboxFormat format, const SandboxData &data,
                           const SandboxEncoding &encoding, const BodyFaults &faults) {
    const QString user = form.value(QStringLiteral("user"));
    if (user.isEmpty())
        return apiError(400, format, encoding, QStringLiteral("Missing required parameter: user"));
    if (!data.hasCustomer(user))
        return apiError(400, format, encoding, QStringLiteral("User does not exist"));
    SandboxBounceStream::Options options;
    options.format = format;
    options.withDate = form.value(QStringLiteral("date")) == QLatin1String("1");
    options.encoding = encoding;
    options.invalidUtf8 = faults.invalidUtf8;
    options.hugeFieldBytes = faults.hugeFieldBytes;
    SandboxResponse response = make(200, format, encoding, {});
    response.stream = std::make_unique<SandboxBounceStream>(data.rows(user), options);
    return response;
}

SandboxResponse deleteBounce(const SandboxForm &form, SandboxFormat format, SandboxData &data,
                             const SandboxEncoding &encoding, const BodyFaults &faults) {
    const QString user = form.value(QStringLiteral("user"));
    const QString email = form.value(QStringLiteral("email"));
    if (user.isEmpty())
        return apiError(400, format, encoding, QStringLiteral("Missing required parameter: user"));
    if (email.isEmpty())
        return apiError(400, format, encoding, QStringLiteral("Missing required parameter: email"));
    if (!data.hasCustomer(user))
        return apiError(400, format, encoding, QStringLiteral("User does not exist"));
    std::string message = data.deleteBounce(user, email) ? "success" : "Email does not exist";
    distort(message, faults.invalidUtf8, faults.hugeFieldBytes);
    return make(200, format, encoding, messageBody(format, message, encoding));
}

// The faults that answer instead of the call.
std::optional<SandboxResponse> faultResponse(const SandboxFault &fault, SandboxFormat format,
                                             const SandboxEncoding &encoding) {
    using Type = SandboxFault::Type;
    switch (fault.type) {
    case Type::Http500:
        return apiError(500, format, encoding, QStringLiteral("Internal server error"));
    case Type::Http502Html:
        return SandboxResponses::httpError(502, "The upstream server did not answer in time.");
    case Type::RateLimit: {
        const int wait = qMax(0, fault.retryAfterSeconds);
        SandboxResponse response = make(
            429, SandboxFormat::Json, encoding,
            QByteArrayLiteral("{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}"));
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + wait;
        response.headers = {{"Retry-After", QByteArray::number(wait)},
                            {"X-RateLimit-Limit", "500"},
                            {"X-RateLimit-Remaining", "0"},
                            {"X-RateLimit-Reset", QByteArray::number(reset)}};
        return response;
    }
    case Type::ErrorWith200: {
        static const char *const messages[] = {
            "Database temporarily unavailable", "Permission denied, wrong credentials",
            "Bad username / password", "Bad username / password"};
        const int shape = qBound(0, fault.errorShape, 3);
        return make(200, format, encoding,
                    SandboxResponses::errorBody(format, shape, QString::fromUtf8(messages[shape]),
                                                401, encoding));
    }
    case Type::WrongCredentials:
        return make(
            401, format, encoding,
            SandboxResponses::errorBody(
                format, 1, QStringLiteral("Permission denied, wrong credentials"), 401, encoding));
    case Type::EmptyBody:
        return make(200, format, encoding, {});
    default:
        return std::nullopt;
    }
}

} // namespace

SandboxBounceStream::SandboxBounceStream(SandboxData::Rows rows, const Options &options)
    : m_rows(std::move(rows))
    , m_options(options) {}

void SandboxBounceStream::writeRow(QByteArray &out, BounceUtf8 &row) {
    if (m_written == 0)
        distort(row.reason, m_options.invalidUtf8, m_options.hugeFieldBytes);
    if (m_options.format == SandboxFormat::Json)
        appendBounceJson(out, row, m_written == 0, m_options.withDate,
                         m_options.encoding.jsonAsciiOnly);
    else
        appendBounceXml(out, row, m_options.withDate, m_options.encoding.xmlLatin1);
    ++m_written;
}

void SandboxBounceStream::produce(QByteArray &out, qsizetype atLeast) {
    if (m_finished)
        return;
    const qsizetype target = out.size() + atLeast;
    out.reserve(target + 4096);
    const bool json = m_options.format == SandboxFormat::Json;
    if (!m_started) {
        if (json)
            out.append('[');
        else
            appendXmlDeclaration(out, m_options.encoding.xmlLatin1), out.append("<bounces>\n");
        m_started = true;
    }
    const qsizetype count = m_rows.rawCount();
    while (out.size() < target && m_next < count) {
        if (m_rows.at(m_next++, &m_row))
            writeRow(out, m_row);
    }
    if (m_next < count)
        return;
    // A body fault on an empty list still needs a row to show itself in.
    if (m_written == 0 && (m_options.invalidUtf8 || m_options.hugeFieldBytes > 0)) {
        BounceUtf8 row{"fault@sandbox.example", "5.0.0", "injected by the sandbox",
                       "2024-01-01 00:00:00"};
        writeRow(out, row);
    }
    out.append(json ? "]" : "</bounces>\n");
    m_finished = true;
}

namespace SandboxResponses {

SandboxResponse respond(const SandboxForm &form, SandboxFormat format, SandboxData &data,
                        bool authenticated, const SandboxEncoding &encoding,
                        const SandboxFault *fault) {
    if (fault) {
        if (std::optional<SandboxResponse> answer = faultResponse(*fault, format, encoding))
            return std::move(*answer);
    }
    if (!authenticated)
        return make(401, format, encoding,
                    errorBody(format, 1, QStringLiteral("Permission denied, wrong credentials"),
                              401, encoding));

    const QString method = form.value(QStringLiteral("method"));
    const QString task = form.value(QStringLiteral("task"));
    if (method.isEmpty())
        return apiError(400, format, encoding,
                        QStringLiteral("Missing required parameter: method"));
    if (task.isEmpty())
        return apiError(400, format, encoding, QStringLiteral("Missing required parameter: task"));

    BodyFaults faults;
    if (fault && fault->type == SandboxFault::Type::InvalidUtf8)
        faults.invalidUtf8 = true;
    if (fault && fault->type == SandboxFault::Type::HugeField)
        faults.hugeFieldBytes = fault->afterBytes > 0 ? fault->afterBytes : kDefaultHugeField;
    if (fault && fault->type == SandboxFault::Type::IgnoreOffset)
        faults.ignoreOffset = true;

    const bool profile = method == QLatin1String("profile");
    const bool bounces = method == QLatin1String("bounces");
    SandboxResponse response;
    if (profile && task == QLatin1String("get"))
        response = listCustomers(form, format, data, encoding, faults);
    else if (bounces && task == QLatin1String("get"))
        response = getBounces(form, format, data, encoding, faults);
    else if (bounces && task == QLatin1String("delete"))
        response = deleteBounce(form, format, data, encoding, faults);
    else if (!profile && !bounces)
        return apiError(400, format, encoding, QStringLiteral("Unknown method: ") + method);
    else
        return apiError(400, format, encoding,
                        QStringLiteral("Unknown task for method ") + method + QStringLiteral(": ") +
                            task);

    if (fault && fault->type == SandboxFault::Type::WrongContentType)
        response.contentType = QByteArrayLiteral("text/html; charset=UTF-8");
    if (fault && fault->type == SandboxFault::Type::MislabelledCompression)
        response.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    if (fault && fault->type == SandboxFault::Type::UnofferedCompression)
        response.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("br")});
    return response;
}

SandboxResponse httpError(int status, const QByteArray &detail) {
    SandboxResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("text/html; charset=UTF-8");
    const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status);
    response.body = "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><h1>" +
                    title + "</h1>\n<p>" + QString::fromUtf8(detail).toHtmlEscaped().toUtf8() +
                    "</p>\n<hr><address>nginx</address></body></html>\n";
    return response;
}

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    default:
        return "Unknown";
    }
}

QByteArray errorBody(SandboxFormat format, int shape, const QString &message, int code,
                     const SandboxEncoding &encoding) {
    const QByteArray utf8 = message.toUtf8();
    QByteArray out;
    if (format == SandboxFormat::Xml) {
        appendXmlDeclaration(out, encoding.xmlLatin1);
        out.append("<result>\n  <message>error</message>\n  <errors>\n    ");
        appendXmlElement(out, "error", view(utf8), encoding.xmlLatin1);
        out.append("\n  </errors>\n</result>\n");
        return out;
    }
    const bool ascii = encoding.jsonAsciiOnly;
    switch (shape) {
    case 1:
        out.append("{\"error\":{\"code\":").append(QByteArray::number(code));
        out.append(",\"message\":"), appendJsonString(out, view(utf8), ascii), out.append("}}");
        break;
    case 2:
        out.append("{\"error\":"), appendJsonString(out, view(utf8), ascii), out.append('}');
        break;
    case 3:
        out.append("{\"errors\":["), appendJsonString(out, view(utf8), ascii);
        out.append("],\"message\":\"error\"}");
        break;
    default:
        out.append("{\"message\":\"error\",\"errors\":[");
        appendJsonString(out, view(utf8), ascii);
        out.append("]}");
        break;
    }
    return out;
}

} // namespace SandboxResponses
