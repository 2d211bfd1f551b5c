#pragma once

#include "sandboxdata.h"
#include "sandboxencoding.h"
#include "sandboxserver.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

// A customer's bounce list, serialised while it is sent: the connection asks for the next
// piece whenever the socket's buffer drains, so a 230 MB body never exists whole.
class SandboxBounceStream final {
public:
    struct Options {
        SandboxFormat format = SandboxFormat::Json;
        bool withDate = false;
        SandboxEncoding encoding;
        bool invalidUtf8 = false;  // the first row's reason carries invalid UTF-8
        qint64 hugeFieldBytes = 0; // the first row's reason is padded to this many bytes
    };
    SandboxBounceStream(SandboxData::Rows rows, const Options &options);
    Q_DISABLE_COPY_MOVE(SandboxBounceStream)

    // Appends about `atLeast` bytes (a whole row more at most) unless the list ends first.
    void produce(QByteArray &out, qsizetype atLeast);
    bool atEnd() const { return m_finished; }

private:
    void writeRow(QByteArray &out, BounceUtf8 &row);

    SandboxData::Rows m_rows;
    Options m_options;
    BounceUtf8 m_row;
    qsizetype m_next = 0;
    qsizetype m_written = 0;
    bool m_started = false;
    bool m_finished = false;
};

// What the connection sends back: status, headers, and a body either whole or streamed.
struct SandboxResponse {
    int status = 200;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Type / length / Connection
    QByteArray body;                              // used when stream is null
    std::unique_ptr<SandboxBounceStream> stream;  // sent with Transfer-Encoding: chunked
};

// The parameters of one reseller.manage call, decoded as a form body.
using SandboxForm = QHash<QString, QString>;

namespace SandboxResponses {

// Answers one authenticated-or-not API call. Error faults (500, 502, 429, error with 200,
// wrong credentials, empty body) answer instead of the call, which then has no effect; body
// faults (wrong content type, invalid UTF-8, huge field) distort the answer of a call that
// did happen. Wire faults (delay, drip, truncate, reset) are the connection's business.
//
// Errors, documented here because tests and clients rely on them:
// - wrong credentials: 401, {"error":{"code":401,"message":"Permission denied, wrong
//   credentials"}} / <result><message>error</message><errors><error>…</error></errors></result>
// - missing or unknown method/task/user/email, bad limit/offset, unknown customer
//   ("User does not exist"): 400 with {"message":"error","errors":["…"]} or the XML equivalent
// - delete of an address not on the list: 200 {"message":"Email does not exist"}
SandboxResponse respond(const SandboxForm &form, SandboxFormat format, SandboxData &data,
                        bool authenticated, const SandboxEncoding &encoding,
                        const SandboxFault *fault);

// A plain HTML answer for HTTP-level problems (404 unknown path, 405, 400 malformed, ...).
SandboxResponse httpError(int status, const QByteArray &detail);

QByteArray reasonPhrase(int status);

// The error shapes of api-notes.md: 0 {"message":"error","errors":[m]}, 1 {"error":{"code":
// code,"message":m}}, 2 {"error":m}, 3 {"errors":[m],"message":"error"}. XML has one shape.
QByteArray errorBody(SandboxFormat format, int shape, const QString &message, int code,
                     const SandboxEncoding &encoding);

} // namespace SandboxResponses
