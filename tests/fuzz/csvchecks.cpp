// CsvWriter under fuzzing: random fields go in, a strict RFC 4180 reader must get them back.
#include "fuzzchecks.h"

#include "core/bounceclass.h"
#include "core/csvwriter.h"

#include <QBuffer>
#include <QIODevice>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace FuzzChecks {

namespace {

using Record = std::vector<std::string>;

// Byte 0 of the input.
enum OptionBit {
    Neutralise = 1 << 0,
    ByteOrderMark = 1 << 1,
    ThroughBounce = 1 << 2, // rows as Bounce (QString) instead of BounceStore rows
    Trickle = 1 << 3,       // the device takes a few bytes per write
    DiskFull = 1 << 4,      // the device fails once it holds a few bytes
    Amplify = 1 << 5,       // with Amplify2: the first row's fields repeated past 140 KB each,
                            // so that row needs more than the writer's 1 MiB block
    Amplify2 = 1 << 6,
};
constexpr char fieldSeparator = '\x1f';
constexpr std::size_t amplifiedBytes = 140'000;

// A file, a pipe or a full disk: takes at most `step` bytes per write and fails, like a full
// disk, once it holds `limit` bytes.
class ChokingDevice final : public QIODevice {
public:
    ChokingDevice(qint64 step, qint64 limit)
        : m_step(step)
        , m_limit(limit) {}
    const QByteArray &written() const { return m_written; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 length) override {
        const qint64 room = m_limit - m_written.size();
        if (room <= 0) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        const qint64 taken = qMin(length, qMin(m_step, room));
        m_written.append(bytes, taken);
        return taken;
    }

private:
    qint64 m_step;
    qint64 m_limit;
    QByteArray m_written;
};

// The neutralising rule written out again over QString (the writer decides on bytes): = + - @
// TAB CR LF first, or = + - @ and their full-width forms after leading blanks. Leading
// byte-order marks do not count as first: QString::fromUtf8 drops one, a reader may drop more.
bool startsLikeFormula(const std::string &field) {
    const QString text = QString::fromUtf8(field.data(), qsizetype(field.size()));
    qsizetype at = 0;
    while (at < text.size() && text[at] == u'\uFEFF')
        ++at;
    if (at == text.size())
        return false;
    if (QStringView(u"=+-@\t\r\n").contains(text[at]))
        return true;
    while (at < text.size() && QStringView(u" \t\u00A0\u2007\u202F\u3000\uFEFF").contains(text[at]))
        ++at;
    return at < text.size() && QStringView(u"=+-@\uFF1D\uFF0B\uFF0D\uFF20").contains(text[at]);
}

// A field as the file must hold it: never a NUL, the apostrophe when it starts like a formula.
std::string expectedField(std::string field, bool neutralise) {
    field.erase(std::remove(field.begin(), field.end(), '\0'), field.end());
    if (neutralise && startsLikeFormula(field))
        field.insert(field.begin(), '\'');
    return field;
}

// Strict RFC 4180: every record ends with CRLF, a field is either plain (no quote, CR or LF) or
// wholly quoted with inner quotes doubled. Returns what is wrong, or an empty string.
QString readCsv(QByteArrayView csv, std::vector<Record> *records) {
    const char *p = csv.data();
    const char *const end = p + csv.size();
    const auto at = [&] { return QStringLiteral(" at byte %1").arg(p - csv.data()); };
    while (p < end) {
        Record record;
        for (;;) {
            std::string field;
            if (*p == '"') {
                for (++p;;) {
                    const auto *quote =
                        static_cast<const char *>(std::memchr(p, '"', std::size_t(end - p)));
                    if (!quote)
                        return QStringLiteral("a quoted field does not end") + at();
                    field.append(p, std::size_t(quote - p));
                    p = quote + 1;
                    if (p == end || *p != '"')
                        break;            // the closing quote
                    field.push_back('"'); // a doubled quote stands for one
                    ++p;
                }
            } else {
                for (; p < end && *p != ',' && *p != '\r'; ++p) {
                    if (*p == '"' || *p == '\n')
                        return QStringLiteral("a plain field holds a quote or LF") + at();
                    field.push_back(*p);
                }
            }
            record.push_back(std::move(field));
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
                p += 2;
                break;
            }
            return QStringLiteral("a field is not followed by a comma or CRLF") + at();
        }
        records->push_back(std::move(record));
    }
    return {};
}

std::vector<Record> readRows(QByteArrayView body, bool amplify) {
    std::vector<Record> rows;
    Record row;
    qsizetype from = 0;
    while (from <= body.size()) {
        qsizetype to = body.indexOf(fieldSeparator, from);
        if (to < 0)
            to = body.size();
        std::string field(body.data() + from, std::size_t(to - from));
        if (amplify && rows.empty() && !field.empty()) {
            const std::string unit = field;
            while (field.size() < amplifiedBytes)
                field += unit;
        }
        row.push_back(std::move(field));
        if (row.size() == 4)
            rows.push_back(std::exchange(row, {}));
        from = to + 1;
    }
    if (body.isEmpty())
        return {}; // no fields at all: a file with the header only
    if (!row.empty()) {
        row.resize(4);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string viaQString(const std::string &utf8) {
    const QByteArray bytes = QString::fromUtf8(utf8.data(), qsizetype(utf8.size())).toUtf8();
    return std::string(bytes.constData(), std::size_t(bytes.size()));
}

struct Written {
    bool ok = true;
    bool rowAfterFailure = false; // a row was accepted after the writer had failed
    QString error;
};

Written writeCsv(QIODevice *device, const CsvOptions &options, const std::vector<Record> &rows,
                 bool throughBounce) {
    CsvWriter writer(device, options);
    Written result;
    result.ok = writer.writeHeader();
    BounceStore store;
    for (const Record &row : rows) {
        bool rowOk;
        if (throughBounce) {
            const auto text = [](const std::string &s) {
                return QString::fromUtf8(s.data(), qsizetype(s.size()));
            };
            rowOk = writer.writeRow(Bounce{text(row[0]), text(row[1]), text(row[2]), text(row[3])});
        } else {
            store.append(row[0], row[1], row[2], row[3]);
            rowOk = writer.writeRow(store, store.size() - 1);
        }
        result.rowAfterFailure = result.rowAfterFailure || (!result.ok && rowOk);
        result.ok = result.ok && rowOk;
    }
    result.ok = writer.flush() && result.ok;
    result.error = writer.errorString();
    return result;
}

QString checkRecords(const std::vector<Record> &records, const std::vector<Record> &rows,
                     const CsvOptions &options, bool throughBounce) {
    static const Record header{"email", "status", "reason", "created", "type", "class"};
    if (records.empty() || records.front() != header)
        return QStringLiteral("the header record is missing");
    if (records.size() != rows.size() + 1)
        return QStringLiteral("%1 rows written, %2 read back")
            .arg(rows.size())
            .arg(records.size() - 1);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (records[r + 1].size() != 6)
            return QStringLiteral("row %1 reads back as %2 fields")
                .arg(r + 1)
                .arg(records[r + 1].size());
        // The texts as stored, then type and class derived from them.
        Record stored;
        for (std::size_t f = 0; f < 4; ++f)
            stored.push_back(throughBounce ? viaQString(rows[r][f]) : rows[r][f]);
        const BounceDerivation derived = deriveBounce(stored[1], stored[2]);
        const std::string_view type = bounceKindNameUtf8(derived.kind);
        const std::string_view bounceClass = bounceClassNameUtf8(derived.bounceClass);
        stored.emplace_back(type.data(), type.size());
        stored.emplace_back(bounceClass.data(), bounceClass.size());
        for (std::size_t f = 0; f < 6; ++f) {
            const std::string expected = expectedField(stored[f], options.neutraliseFormulas);
            if (records[r + 1][f] != expected)
                return QStringLiteral("row %1 field %2 reads back as \"%3\", not \"%4\"")
                    .arg(r + 1)
                    .arg(f + 1)
                    .arg(QString::fromUtf8(records[r + 1][f].substr(0, 80).c_str()),
                         QString::fromUtf8(expected.substr(0, 80).c_str()));
        }
    }
    return {};
}

// encodeField() alone is the same field as in a row.
QString checkEncodeField(const std::vector<Record> &rows, bool neutralise) {
    for (const Record &row : rows) {
        for (const std::string &field : row) {
            QByteArray line = CsvRowEncoder::encodeField(field, neutralise);
            line += ",\r\n";
            std::vector<Record> records;
            const QString wrong = readCsv(line, &records);
            const std::string expected = expectedField(field, neutralise);
            if (!wrong.isEmpty() || records.size() != 1 || records[0].front() != expected)
                return QStringLiteral("encodeField() of a %1-byte field does not read back (%2)")
                    .arg(field.size())
                    .arg(wrong);
        }
    }
    return {};
}

} // namespace

QString csvWriter(QByteArrayView input) {
    const int options = input.size() > 0 ? static_cast<unsigned char>(input.at(0)) : 0;
    const int parameter = input.size() > 1 ? static_cast<unsigned char>(input.at(1)) : 0;
    const bool amplify = (options & Amplify) && (options & Amplify2);
    const std::vector<Record> rows =
        readRows(input.sliced(qMin<qsizetype>(2, input.size())), amplify);
    const bool throughBounce = options & ThroughBounce;
    CsvOptions csvOptions;
    csvOptions.neutraliseFormulas = options & Neutralise;
    csvOptions.byteOrderMark = options & ByteOrderMark;

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Written plain = writeCsv(&buffer, csvOptions, rows, throughBounce);
    if (!plain.ok)
        return QStringLiteral("writing to memory failed: %1").arg(plain.error);
    QByteArrayView csv = buffer.data();
    if (csvOptions.byteOrderMark != csv.startsWith("\xEF\xBB\xBF"))
        return QStringLiteral("the byte order mark is wrong");
    if (csvOptions.byteOrderMark)
        csv = csv.sliced(3);
    std::vector<Record> records;
    if (QString wrong = readCsv(csv, &records); !wrong.isEmpty())
        return QStringLiteral("the file is not RFC 4180: ") + wrong;
    if (QString wrong = checkRecords(records, rows, csvOptions, throughBounce); !wrong.isEmpty())
        return wrong;
    if (!amplify) {
        if (QString wrong = checkEncodeField(rows, csvOptions.neutraliseFormulas); !wrong.isEmpty())
            return wrong;
    }

    // The same rows into a device that takes little at a time and may run full.
    if (!(options & (Trickle | DiskFull)))
        return {};
    const qint64 step =
        (options & Trickle) ? (amplify ? 4096 : 1 + parameter % 64) : (qint64(1) << 40);
    const qint64 limit =
        (options & DiskFull) ? qint64(parameter) * (amplify ? 8192 : 16) : (qint64(1) << 40);
    ChokingDevice device(step, limit);
    device.open(QIODevice::WriteOnly);
    const Written choked = writeCsv(&device, csvOptions, rows, throughBounce);
    const QByteArray &full = buffer.data();
    if (!full.startsWith(device.written()))
        return QStringLiteral("a device that takes little at a time got other bytes");
    if (device.written().size() == full.size()) {
        if (!choked.ok)
            return QStringLiteral("the writer failed though the device took everything: %1")
                .arg(choked.error);
        return {};
    }
    if (choked.rowAfterFailure)
        return QStringLiteral("the writer accepted a row after the device had failed");
    if (choked.ok)
        return QStringLiteral("the writer reported success though the device took %1 of %2 bytes")
            .arg(device.written().size())
            .arg(full.size());
    if (choked.error.isEmpty())
        return QStringLiteral("the writer failed without saying why");
    return {};
}

} // namespace FuzzChecks
