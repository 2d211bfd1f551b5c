#pragma once

#include "responseformat.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>
#include <string_view>

// One parsed row, UTF-8 views valid only during the callback.
struct BounceFields {
    std::string_view email;
    std::string_view status;
    std::string_view reason;
    std::string_view created;
};

// Parses a `method=bounces&task=get` body as it arrives, chunk by chunk, so the body is never
// held whole and rows reach the caller while the download goes on. Usage:
//   auto parser = BounceStreamParser::create(format, [&](const BounceFields &f) { ... });
//   parser->feed(chunk); ... parser->finish();
// After an error, feed() ignores further input. An error body ({"message":"error",...} or
// <result>...) is recognised and reported as State::ApiError with the server's words.
class BounceStreamParser {
public:
    using RowSink = std::function<void(const BounceFields &)>;
    enum class State { InProgress, Done, ApiError, Malformed, Truncated };

    static std::unique_ptr<BounceStreamParser> create(ResponseFormat format, RowSink sink);
    virtual ~BounceStreamParser() = default;

    virtual void feed(QByteArrayView chunk) = 0;
    // The body is complete: Done, or Truncated when the document did not end, or Malformed.
    virtual State finish() = 0;

    State state() const { return m_state; }
    // For ApiError: the server's words. For Malformed/Truncated: what was wrong and where
    // (byte offset, row number), without echoing large parts of the body.
    QString errorText() const { return m_errorText; }
    qsizetype rowCount() const { return m_rows; }

protected:
    void fail(State state, QString text) {
        m_state = state;
        m_errorText = std::move(text);
    }
    void setDone() { m_state = State::Done; }
    void countRow() { ++m_rows; }

private:
    State m_state = State::InProgress;
    QString m_errorText;
    qsizetype m_rows = 0;
};
