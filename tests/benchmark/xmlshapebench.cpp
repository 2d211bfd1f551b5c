#include "xmlshapebench.h"

#include "parse/bounceparser.h"

#include <cstdio>
#include <ctime>

namespace {

// CPU time of this thread: steadier than wall time on a shared machine, and the parser runs
// on this thread alone.
double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Shape {
    QString name;
    QByteArray body;
};

QList<Shape> shapes(qsizetype count) {
    const QByteArray first = "<bounces><bounce><email>a@b</email>";
    const QByteArray last = "</bounce><bounce><email>c@d</email></bounce></bounces>";
    QByteArray attributes = "<extra";
    attributes.reserve(count * 12 + 16);
    for (qsizetype i = 0; i < count; ++i)
        attributes += " a" + QByteArray::number(i) + "='v'";
    attributes += "/>";
    return {{QStringLiteral("attributes"), first + attributes + last},
            {QStringLiteral("nesting"), first + QByteArray("<x>").repeated(count) +
                                            QByteArray("</x>").repeated(count) + last}};
}

} // namespace

void measureXmlShapes(qsizetype rows, SizeResult *result) {
    constexpr qsizetype chunk = 16 * 1024;
    for (const Shape &shape : shapes(rows)) {
        qsizetype rowsOut = 0;
        auto parser = BounceStreamParser::create(ResponseFormat::Xml,
                                                 [&rowsOut](const BounceFields &) { ++rowsOut; });
        const double start = threadCpuMs();
        for (qsizetype at = 0; at < shape.body.size(); at += chunk)
            parser->feed(
                QByteArrayView(shape.body).sliced(at).first(qMin(chunk, shape.body.size() - at)));
        const bool correct = parser->finish() == BounceStreamParser::State::Done && rowsOut == 2;
        const double ms = threadCpuMs() - start;
        const QString key = QStringLiteral("xmlShapes.") + shape.name;
        result->samples[key + QStringLiteral(".ms")] << ms;
        result->samples[key + QStringLiteral(".mbps")] << double(shape.body.size()) / 1e3 / ms;
        result->samples[key + QStringLiteral(".correct")] << (correct ? 1.0 : 0.0);
        if (!correct)
            result->problems << QStringLiteral("XML %1: %2").arg(shape.name, parser->errorText());
        std::fprintf(stderr, "XML parser, %s: %.0f ms of CPU for %.1f MB\n", qPrintable(shape.name),
                     ms, double(shape.body.size()) / 1e6);
    }
}
