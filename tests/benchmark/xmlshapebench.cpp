#include "xmlshapebench.h"

#include "benchsupport.h"
#include "parse/bounceparser.h"

#include <cstdio>

namespace {

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
        const qint64 start = Bench::nowNs();
        for (qsizetype at = 0; at < shape.body.size(); at += chunk)
            parser->feed(
                QByteArrayView(shape.body).sliced(at).first(qMin(chunk, shape.body.size() - at)));
        const bool correct = parser->finish() == BounceStreamParser::State::Done && rowsOut == 2;
        const double ms = Bench::msBetween(start, Bench::nowNs());
        const QString key = QStringLiteral("xmlShapes.") + shape.name;
        result->samples[key + QStringLiteral(".ms")] << ms;
        result->samples[key + QStringLiteral(".mbps")] << double(shape.body.size()) / 1e3 / ms;
        result->samples[key + QStringLiteral(".correct")] << (correct ? 1.0 : 0.0);
        if (!correct)
            result->problems << QStringLiteral("XML %1: %2").arg(shape.name, parser->errorText());
        std::fprintf(stderr, "XML parser, %s: %.0f ms for %.1f MB\n", qPrintable(shape.name), ms,
                     double(shape.body.size()) / 1e6);
    }
}
