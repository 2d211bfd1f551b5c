// The streaming bounce parsers under fuzzing: whole body versus chunks whose lengths come from
// the input. The project promises that where the network cuts a body never changes the result
// (tst_bounceparser checks it for known bodies; this checks it for any).
#include "fuzzchecks.h"

#include "parse/bounceparser.h"
#include "parse/jsonflatrowreader.h"
#include "parse/jsontext.h"

#include <QByteArray>

#include <memory>
#include <string>
#include <vector>

namespace FuzzChecks {

namespace {

using State = BounceStreamParser::State;

struct Row {
    std::string email, status, reason, created; // the bytes exactly as handed out

    friend bool operator==(const Row &a, const Row &b) {
        return a.email == b.email && a.status == b.status && a.reason == b.reason &&
               a.created == b.created;
    }
};

struct Outcome {
    State state = State::InProgress;
    QString errorText;
    qsizetype rowCount = 0;
    std::vector<Row> rows;
    QString broken; // a property of a single row that failed
};

// Where the body is cut: the lengths of the chunks, cycled; empty means byte by byte.
struct Recipe {
    std::vector<qsizetype> lengths;
    QByteArrayView body;
};

Recipe readRecipe(QByteArrayView input) {
    Recipe recipe;
    if (input.isEmpty())
        return recipe;
    const qsizetype count = qMin<qsizetype>(input.at(0) & 7, input.size() - 1);
    for (qsizetype i = 1; i <= count; ++i)
        recipe.lengths.push_back(1 + static_cast<unsigned char>(input.at(i)));
    recipe.body = input.sliced(1 + count);
    return recipe;
}

QString stateName(State state) {
    switch (state) {
    case State::InProgress:
        return QStringLiteral("InProgress");
    case State::Done:
        return QStringLiteral("Done");
    case State::ApiError:
        return QStringLiteral("ApiError");
    case State::Malformed:
        return QStringLiteral("Malformed");
    case State::Truncated:
        return QStringLiteral("Truncated");
    }
    return QStringLiteral("state %1").arg(int(state));
}

std::string bytes(std::string_view view) {
    return std::string(view);
}

QString checkRow(const BounceFields &fields, qsizetype index) {
    if (fields.email.empty())
        return QStringLiteral("row %1 has no email").arg(index + 1);
    for (const std::string_view field :
         {fields.email, fields.status, fields.reason, fields.created}) {
        if (!isValidUtf8(field))
            return QStringLiteral("row %1 has a field that is not valid UTF-8").arg(index + 1);
    }
    return {};
}

// Feeds `body` in chunks of the given lengths (cycled; none: byte by byte), each copied into
// an allocation of exactly its size.
Outcome parse(ResponseFormat format, QByteArrayView body, const std::vector<qsizetype> &lengths) {
    Outcome outcome;
    auto parser = BounceStreamParser::create(format, [&outcome](const BounceFields &fields) {
        if (outcome.broken.isEmpty())
            outcome.broken = checkRow(fields, qsizetype(outcome.rows.size()));
        outcome.rows.push_back(Row{bytes(fields.email), bytes(fields.status), bytes(fields.reason),
                                   bytes(fields.created)});
    });
    qsizetype at = 0;
    std::size_t next = 0;
    while (at < body.size()) {
        const qsizetype wanted = lengths.empty() ? 1 : lengths[next++ % lengths.size()];
        const qsizetype length = qMin(wanted, body.size() - at);
        const std::unique_ptr<char[]> chunk(new char[std::size_t(length)]);
        std::copy(body.data() + at, body.data() + at + length, chunk.get());
        parser->feed(QByteArrayView(chunk.get(), length));
        at += length;
    }
    outcome.state = parser->finish();
    outcome.errorText = parser->errorText();
    outcome.rowCount = parser->rowCount();
    return outcome;
}

QString checkOutcome(const Outcome &outcome) {
    if (!outcome.broken.isEmpty())
        return outcome.broken;
    if (outcome.state == State::InProgress)
        return QStringLiteral("finish() left the parser in progress");
    if (outcome.rowCount != qsizetype(outcome.rows.size()))
        return QStringLiteral("rowCount() is %1 but %2 rows were handed out")
            .arg(outcome.rowCount)
            .arg(outcome.rows.size());
    // An API error may come without words ({"message":"error"}); anything else that failed
    // says what is wrong, and success says nothing.
    const bool needsText = outcome.state == State::Malformed || outcome.state == State::Truncated;
    if (outcome.state != State::ApiError && needsText == outcome.errorText.isEmpty())
        return QStringLiteral("state %1 with error text \"%2\"")
            .arg(stateName(outcome.state), outcome.errorText);
    // A description of a broken body names what and where; it never echoes the body at length.
    // (An API error is the server's own words, which may be long.)
    constexpr qsizetype maxDescription = 400;
    if (outcome.state != State::ApiError && outcome.errorText.size() > maxDescription)
        return QStringLiteral("error text of %1 characters: \"%2\"")
            .arg(outcome.errorText.size())
            .arg(outcome.errorText.left(200));
    // The server's words are shown as they came (QJsonDocument keeps a lone \ud800 of theirs);
    // what the parser writes itself is whole text.
    if (outcome.state != State::ApiError && !isValidUtf8(outcome.errorText))
        return QStringLiteral("error text with a lone surrogate: \"%1\"").arg(outcome.errorText);
    return {};
}

QString compare(const Outcome &whole, const Outcome &chunked) {
    if (whole.state != chunked.state)
        return QStringLiteral("whole body: %1, in chunks: %2 (\"%3\" vs \"%4\")")
            .arg(stateName(whole.state), stateName(chunked.state), whole.errorText,
                 chunked.errorText);
    if (whole.errorText != chunked.errorText)
        return QStringLiteral("whole body says \"%1\", in chunks \"%2\"")
            .arg(whole.errorText, chunked.errorText);
    if (whole.rows.size() != chunked.rows.size())
        return QStringLiteral("whole body gives %1 rows, in chunks %2")
            .arg(whole.rows.size())
            .arg(chunked.rows.size());
    for (std::size_t i = 0; i < whole.rows.size(); ++i) {
        if (!(whole.rows[i] == chunked.rows[i]))
            return QStringLiteral("row %1 differs between whole body and chunks (%2 vs %3)")
                .arg(i + 1)
                .arg(QString::fromUtf8(whole.rows[i].email.c_str()),
                     QString::fromUtf8(chunked.rows[i].email.c_str()));
    }
    return {};
}

// The text from the body's first '{' to its last '}' as one object: whatever the flat reader
// accepts, simdjson's decoder accepts with the same fields (the parser relies on it: only the
// rows the flat reader declines reach the decoder).
QString flatReaderAgrees(QByteArrayView body) {
    const qsizetype open = body.indexOf('{');
    const qsizetype close = body.lastIndexOf('}');
    if (open < 0 || close < open)
        return {};
    const std::size_t length = std::size_t(close - open + 1);
    const std::unique_ptr<char[]> exact(new char[length]); // a read past it is a finding
    std::copy(body.data() + open, body.data() + close + 1, exact.get());
    JsonFlatRowReader reader;
    BounceFields flat;
    if (!reader.read(std::string_view(exact.get(), length), &flat))
        return {};
    std::string padded(exact.get(), length);
    padded.append(JsonBounceRowDecoder::padding, '\0');
    JsonBounceRowDecoder decoder;
    BounceFields decoded;
    const QString problem = decoder.decode(padded.data(), length, &decoded);
    if (!problem.isEmpty())
        return QStringLiteral("the flat reader read an object simdjson refuses: ") + problem;
    if (flat.email != decoded.email || flat.status != decoded.status ||
        flat.reason != decoded.reason || flat.created != decoded.created)
        return QStringLiteral("the flat reader and simdjson read an object differently");
    return {};
}

} // namespace

QString bounceStream(ResponseFormat format, QByteArrayView input) {
    const Recipe recipe = readRecipe(input);
    const Outcome whole = parse(format, recipe.body, {recipe.body.size()});
    if (QString broken = checkOutcome(whole); !broken.isEmpty())
        return QStringLiteral("whole body: ") + broken;
    const Outcome chunked = parse(format, recipe.body, recipe.lengths);
    if (QString broken = checkOutcome(chunked); !broken.isEmpty())
        return QStringLiteral("in chunks: ") + broken;
    return compare(whole, chunked);
}

QString bouncesJson(QByteArrayView input) {
    if (QString broken = flatReaderAgrees(readRecipe(input).body); !broken.isEmpty())
        return broken;
    return bounceStream(ResponseFormat::Json, input);
}

QString bouncesXml(QByteArrayView input) {
    return bounceStream(ResponseFormat::Xml, input);
}

} // namespace FuzzChecks
