#include "csvwriter.h"

#include "filewriteback.h"
#include "formulaneutraliser.h"
#include "suppressionrow.h"

#include <QCoreApplication>
#include <QDir>
#include <QIODevice>
#include <QSaveFile>

#include <cstring>
#include <string>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

constexpr qsizetype blockBytes = qsizetype(1) << 20;

constexpr bool isSpecial(char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n' || c == '\0';
}

// Most fields need neither quotes nor NULs removed; this test runs over every byte written,
// sixteen at a time.
bool needsCare(std::string_view utf8) {
    const char *const data = utf8.data();
    const std::size_t size = utf8.size();
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i nul = _mm_setzero_si128();
    for (; i + 16 <= size; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf))),
            _mm_cmpeq_epi8(v, nul));
        if (_mm_movemask_epi8(hit))
            return true;
    }
#endif
    for (; i < size; ++i) {
        if (isSpecial(data[i]))
            return true;
    }
    return false;
}

QString failure(const QString &path, QString reason) {
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    if (reason.isEmpty())
        reason = QStringLiteral("unknown reason");
    return QCoreApplication::translate("CsvWriter", "Could not export to \"%1\": %2.")
        .arg(QDir::toNativeSeparators(path), reason);
}

std::string_view view(const QByteArray &bytes) {
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, CsvOptions options)
    : m_device(device)
    , m_options(options)
    , m_buffer(blockBytes, Qt::Uninitialized)
    , m_columns(suppressionColumns(options.list)) {}

CsvWriter::~CsvWriter() {
    flush();
}

// `out` has room for worstCaseBytes(utf8).
char *CsvWriter::appendField(char *out, std::string_view utf8, bool neutraliseFormulas) {
    const bool careful = needsCare(utf8);
    if (careful && std::memchr(utf8.data(), '\0', utf8.size())) {
        // A NUL never reaches the file, raw or not: importers cut the cell or the file there.
        std::string kept;
        kept.reserve(utf8.size());
        for (const char c : utf8) {
            if (c != '\0')
                kept.push_back(c);
        }
        return appendField(out, kept, neutraliseFormulas);
    }
    const bool formula = neutraliseFormulas && FormulaNeutraliser::startsLikeFormula(utf8);
    if (!careful) {
        if (formula)
            *out++ = FormulaNeutraliser::prefix;
        if (!utf8.empty())
            std::memcpy(out, utf8.data(), utf8.size());
        return out + utf8.size();
    }
    *out++ = '"';
    if (formula)
        *out++ = FormulaNeutraliser::prefix;
    const char *from = utf8.data();
    const char *const end = from + utf8.size();
    while (from != end) {
        const auto *quote =
            static_cast<const char *>(std::memchr(from, '"', std::size_t(end - from)));
        const char *const stop = quote ? quote + 1 : end;
        std::memcpy(out, from, std::size_t(stop - from));
        out += stop - from;
        if (quote)
            *out++ = '"'; // doubled
        from = stop;
    }
    *out++ = '"';
    return out;
}

QByteArray CsvWriter::encodeField(std::string_view utf8, bool neutraliseFormulas) {
    QByteArray field(worstCaseBytes(utf8), Qt::Uninitialized);
    const char *const end = appendField(field.data(), utf8, neutraliseFormulas);
    field.truncate(end - field.constData());
    return field;
}

bool CsvWriter::writeHeader() {
    static constexpr std::string_view bom = "\xEF\xBB\xBF";
    const QByteArray header = suppressionCsvHeader(m_options.list).toLatin1() + "\r\n";
    if (m_failed || !flush())
        return false;
    if (m_options.byteOrderMark) {
        std::memcpy(m_buffer.data(), bom.data(), bom.size());
        m_used = qsizetype(bom.size());
    }
    std::memcpy(m_buffer.data() + m_used, header.data(), std::size_t(header.size()));
    m_used += qsizetype(header.size());
    return true;
}

bool CsvWriter::appendRow(const SuppressionRow &row) {
    if (m_failed)
        return false;
    constexpr qsizetype maxColumns = 6;
    Q_ASSERT(m_columns.size() <= maxColumns);
    std::string_view fields[maxColumns];
    const qsizetype count = m_columns.size();
    qsizetype worst = 2; // CRLF
    for (qsizetype i = 0; i < count; ++i) {
        fields[i] = suppressionCellUtf8(row, m_columns[i]);
        worst += worstCaseBytes(fields[i]) + 1;
    }
    if (m_used + worst > m_buffer.size()) {
        if (!flush())
            return false;
        if (worst > m_buffer.size())
            m_buffer = QByteArray(worst, Qt::Uninitialized); // one huge row
    }
    char *const start = m_buffer.data();
    char *out = start + m_used;
    for (qsizetype i = 0; i < count; ++i) {
        if (i)
            *out++ = ',';
        out = appendField(out, fields[i], m_options.neutraliseFormulas);
    }
    *out++ = '\r';
    *out++ = '\n';
    m_used = out - start;
    return true;
}

bool CsvWriter::writeRow(const BounceStore &store, BounceStore::Row row) {
    return appendRow(SuppressionRow::fromStore(store, row));
}

bool CsvWriter::writeRow(const Bounce &bounce) {
    const QByteArray email = bounce.email.toUtf8();
    const QByteArray status = bounce.status.toUtf8();
    const QByteArray reason = bounce.reason.toUtf8();
    const QByteArray created = bounce.created.toUtf8();
    return appendRow(SuppressionRow{view(email), view(status), view(reason), view(created)});
}

bool CsvWriter::flush() {
    if (m_failed) {
        m_used = 0;
        return false;
    }
    if (m_used == 0)
        return true;
    // A device may take part of a block (a file reaching its size limit, a pipe): offer the
    // rest until it either takes everything or says why not.
    const char *pending = m_buffer.constData();
    qint64 left = m_used;
    while (left > 0 && !m_failed) {
        const qint64 written = m_device ? m_device->write(pending, left) : -1;
        if (written > 0) {
            pending += written;
            left -= written;
            continue;
        }
        m_failed = true;
        if (!m_device)
            m_error = QStringLiteral("no output device");
        else if (written == 0 || m_device->errorString().isEmpty())
            m_error = QStringLiteral("the output device took no more data");
        else
            m_error = m_device->errorString();
    }
    m_used = 0;
    if (m_buffer.size() > blockBytes)
        m_buffer = QByteArray(blockBytes, Qt::Uninitialized);
    return !m_failed;
}

QString CsvWriter::errorString() const {
    return m_error;
}

QString exportCsvFile(const QString &path, const BounceStore &store,
                      const std::vector<BounceStore::Row> &rows, const CsvOptions &options,
                      CsvExportProgress *progress) {
    // Often enough for a progress bar and a prompt cancel, rarely enough to cost nothing.
    constexpr std::size_t rowsPerStep = 4096;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(path, file.errorString());
    FileWriteback writeback(&file); // after the file: it ends first
    bool ok = true;
    QString reason;
    {
        CsvWriter writer(&file, options);
        ok = writer.writeHeader();
        for (std::size_t i = 0; ok && i < rows.size(); ++i) {
            ok = writer.writeRow(store, rows[i]);
            if ((i + 1) % rowsPerStep != 0)
                continue;
            writeback.wrote();
            if (!progress)
                continue;
            progress->rowsWritten.store(qsizetype(i + 1), std::memory_order_relaxed);
            if (progress->onStep)
                progress->onStep(qsizetype(i + 1));
            if (progress->cancelRequested.load(std::memory_order_relaxed)) {
                file.cancelWriting(); // the temporary file goes, the old file stays
                return failure(path, QStringLiteral("cancelled"));
            }
        }
        ok = writer.flush() && ok;
        reason = writer.errorString();
    }
    if (progress) {
        progress->rowsWritten.store(qsizetype(rows.size()), std::memory_order_relaxed);
        if (ok && progress->cancelRequested.load(std::memory_order_relaxed)) {
            file.cancelWriting();
            return failure(path, QStringLiteral("cancelled"));
        }
    }
    if (!ok) {
        file.cancelWriting(); // the temporary file goes, the old file stays
        return failure(path, reason);
    }
    if (!writeback.finish()) {
        file.cancelWriting();
        return failure(path, writeback.errorString());
    }
    if (!file.commit())
        return failure(path, file.errorString());
    return QString();
}
