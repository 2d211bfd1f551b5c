#pragma once

// The rows of the fault matrix (tst_faultmatrix): each fault the emulator produces, how it is
// set up for each operation, and what the user must end up with.

#include "faulttestsupport.h"

#include <QStringList>
#include <QTest>

#include <optional>

namespace FaultMatrix {

enum class Fault {
    Timeout, // no answer before the transfer timeout
    ResetMidBody,
    TruncatedBody,
    Http500,
    Http502Html,
    RateLimit,
    WrongCredentials,
    ErrorWith200,
    WrongContentType,
    InvalidUtf8,
    HugeField, // one field of 10 MB
    EmptyBody,
    MislabelledCompression, // "Content-Encoding: gzip" on a plain body
    DripFeed,               // a slow but steady body: longer in total than the transfer timeout
    DuplicateAddresses,
    UnknownToServer,
};
enum class Operation { ListCustomers, GetBounces, Delete };
enum class Expect { Success, Failure, RowFailed, RowUnconfirmed };

// The transfer timeout a row runs with. Only a held answer and a drip-feed are about it (the
// one must end by it, the other must outlast it in total): every other fault runs with the
// application's default, as a short one would let a busy machine turn a stall of the sanitizer
// build into a timeout the row is not about (the command line's matrix does the same).
inline int transferTimeoutForMs(Fault fault) {
    return fault == Fault::Timeout || fault == Fault::DripFeed ? FaultTest::transferTimeoutMs
                                                               : ApiSettings().transferTimeoutMs;
}

// Reset and truncate cut the body here: inside the customer list, after more than one batch
// (BounceLoadJob::batchRows) of a long bounce list, inside a delete's confirmation.
inline qint64 cutAfter(Operation operation) {
    switch (operation) {
    case Operation::ListCustomers:
        return 200;
    case Operation::GetBounces:
        return 600'000;
    case Operation::Delete:
        return 8;
    }
    return 0;
}

inline std::optional<SandboxFault> sandboxFault(Fault fault, Operation operation) {
    using Type = SandboxFault::Type;
    const QString calls[] = {QStringLiteral("profile.get"), QStringLiteral("bounces.get"),
                             QStringLiteral("bounces.delete")};
    SandboxFault f;
    f.call = calls[int(operation)];
    f.times = -1; // every attempt fails, retries included
    switch (fault) {
    case Fault::Timeout:
        f.type = Type::Hold; // never released: only the client's transfer timeout ends it
        break;
    case Fault::ResetMidBody:
    case Fault::TruncatedBody:
        f.type = fault == Fault::ResetMidBody ? Type::Reset : Type::Truncate;
        f.afterBytes = cutAfter(operation);
        // A list is cut after a pause, so its first rows were on screen (within the timeout).
        f.delayMs = operation == Operation::GetBounces ? FaultTest::transferTimeoutMs / 2 : 0;
        break;
    case Fault::Http500:
        f.type = Type::Http500;
        break;
    case Fault::Http502Html:
        f.type = Type::Http502Html;
        break;
    case Fault::RateLimit:
        f.type = Type::RateLimit;
        f.times = 1;
        f.retryAfterSeconds = 1;
        break;
    case Fault::WrongCredentials:
        f.type = Type::WrongCredentials;
        break;
    case Fault::ErrorWith200:
        f.type = Type::ErrorWith200; // shape 0: "Database temporarily unavailable"
        break;
    case Fault::WrongContentType:
        f.type = Type::WrongContentType;
        break;
    case Fault::InvalidUtf8:
    case Fault::HugeField:
        f.type = fault == Fault::InvalidUtf8 ? Type::InvalidUtf8 : Type::HugeField;
        f.times = 1;
        break;
    case Fault::EmptyBody:
        f.type = Type::EmptyBody;
        break;
    case Fault::MislabelledCompression:
        f.type = Type::MislabelledCompression;
        break;
    case Fault::DripFeed:
        f.type = Type::DripFeed;
        f.times = 1;
        f.delayMs = 40; // well inside the 400 ms transfer timeout, many times over in total
        f.chunkBytes = operation == Operation::Delete ? 4 : 256;
        break;
    case Fault::DuplicateAddresses:
    case Fault::UnknownToServer:
        return std::nullopt; // data, not a fault of the wire
    }
    return f;
}

// Columns: fault, operation, expect, format (as int) and words: what the user's message holds.
inline void addRows() {
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("operation");
    QTest::addColumn<int>("expect");
    QTest::addColumn<QStringList>("words"); // the user's message holds each (any case)
    QTest::addColumn<int>("format");        // ResponseFormat: JSON, and XML where it differs

    const auto row = [](const char *name, Fault fault, Operation operation, Expect expect,
                        const QStringList &words = {},
                        ResponseFormat format = ResponseFormat::Json) {
        QTest::newRow(name) << int(fault) << int(operation) << int(expect) << words << int(format);
    };
    const QStringList timedOut{QStringLiteral("timed out")};
    const QStringList endedEarly{QStringLiteral("ended early")};
    const QStringList http500{QStringLiteral("HTTP 500"), QStringLiteral("Internal server error")};
    const QStringList http502{QStringLiteral("HTTP 502"), QStringLiteral("HTML page")};
    const QStringList credentials{QStringLiteral("HTTP 401"), QStringLiteral("wrong credentials"),
                                  QStringLiteral("Check the API user and key")};
    const QStringList serverWords{QStringLiteral("Database temporarily unavailable")};
    const QStringList htmlType{QStringLiteral("text/html")};
    const QStringList empty{QStringLiteral("empty body")};
    const QStringList notAConfirmation{QStringLiteral("not a confirmation")};
    using F = Fault;
    using O = Operation;
    using E = Expect;

    row("timeout × list customers", F::Timeout, O::ListCustomers, E::Failure, timedOut);
    row("timeout × get bounces", F::Timeout, O::GetBounces, E::Failure, timedOut);
    row("timeout × delete", F::Timeout, O::Delete, E::RowUnconfirmed, timedOut);
    row("reset mid-body × list customers", F::ResetMidBody, O::ListCustomers, E::Failure,
        endedEarly);
    row("reset mid-body × get bounces", F::ResetMidBody, O::GetBounces, E::Failure, endedEarly);
    row("reset mid-body × delete", F::ResetMidBody, O::Delete, E::RowUnconfirmed, endedEarly);
    row("truncated body × list customers", F::TruncatedBody, O::ListCustomers, E::Failure,
        endedEarly);
    row("truncated body × get bounces", F::TruncatedBody, O::GetBounces, E::Failure, endedEarly);
    row("truncated body × delete", F::TruncatedBody, O::Delete, E::RowUnconfirmed, endedEarly);
    row("500 × list customers", F::Http500, O::ListCustomers, E::Failure, http500);
    row("500 × get bounces", F::Http500, O::GetBounces, E::Failure, http500);
    row("500 × delete", F::Http500, O::Delete, E::RowFailed, http500);
    row("502 HTML × list customers", F::Http502Html, O::ListCustomers, E::Failure, http502);
    row("502 HTML × get bounces", F::Http502Html, O::GetBounces, E::Failure, http502);
    // A gateway error: the API behind it may have acted.
    row("502 HTML × delete", F::Http502Html, O::Delete, E::RowUnconfirmed, http502);
    row("429 recovers × list customers", F::RateLimit, O::ListCustomers, E::Success);
    row("429 recovers × get bounces", F::RateLimit, O::GetBounces, E::Success);
    row("429 recovers × delete", F::RateLimit, O::Delete, E::Success);
    row("wrong credentials × list customers", F::WrongCredentials, O::ListCustomers, E::Failure,
        credentials);
    row("wrong credentials × get bounces", F::WrongCredentials, O::GetBounces, E::Failure,
        credentials);
    row("wrong credentials × delete", F::WrongCredentials, O::Delete, E::RowFailed, credentials);
    row("error with 200 × list customers", F::ErrorWith200, O::ListCustomers, E::Failure,
        serverWords);
    row("error with 200 × get bounces", F::ErrorWith200, O::GetBounces, E::Failure, serverWords);
    row("error with 200 × delete", F::ErrorWith200, O::Delete, E::RowFailed, serverWords);
    row("wrong content type × list customers", F::WrongContentType, O::ListCustomers, E::Failure,
        htmlType);
    row("wrong content type × get bounces", F::WrongContentType, O::GetBounces, E::Failure,
        htmlType);
    row("wrong content type × delete", F::WrongContentType, O::Delete, E::RowUnconfirmed, htmlType);
    row("invalid UTF-8 repaired × list customers", F::InvalidUtf8, O::ListCustomers, E::Success);
    row("invalid UTF-8 repaired × get bounces", F::InvalidUtf8, O::GetBounces, E::Success);
    row("invalid UTF-8 repaired × list customers (XML)", F::InvalidUtf8, O::ListCustomers,
        E::Success, {}, ResponseFormat::Xml);
    row("invalid UTF-8 repaired × get bounces (XML)", F::InvalidUtf8, O::GetBounces, E::Success, {},
        ResponseFormat::Xml);
    // "success" followed by garbage is not a confirmation; the delete did happen, so a retry
    // answers "Email does not exist" and the row goes.
    row("invalid UTF-8 × delete", F::InvalidUtf8, O::Delete, E::RowUnconfirmed, notAConfirmation);
    row("10 MB field × list customers", F::HugeField, O::ListCustomers, E::Success);
    row("10 MB field × get bounces", F::HugeField, O::GetBounces, E::Success);
    row("10 MB field × delete", F::HugeField, O::Delete, E::RowUnconfirmed, notAConfirmation);
    row("empty body × list customers", F::EmptyBody, O::ListCustomers, E::Failure, empty);
    row("empty body × get bounces", F::EmptyBody, O::GetBounces, E::Failure, empty);
    row("empty body × delete", F::EmptyBody, O::Delete, E::RowUnconfirmed, empty);
    const QStringList notDecompressed{QStringLiteral("(gzip) and did not decompress")};
    row("labelled gzip, sent plain × list customers", F::MislabelledCompression, O::ListCustomers,
        E::Failure, notDecompressed);
    row("labelled gzip, sent plain × get bounces", F::MislabelledCompression, O::GetBounces,
        E::Failure, notDecompressed);
    // The delete was done; its answer cannot be read.
    row("labelled gzip, sent plain × delete", F::MislabelledCompression, O::Delete,
        E::RowUnconfirmed, notDecompressed);
    row("drip feed × list customers", F::DripFeed, O::ListCustomers, E::Success);
    row("drip feed × get bounces", F::DripFeed, O::GetBounces, E::Success);
    row("drip feed × delete", F::DripFeed, O::Delete, E::Success);
    row("duplicate addresses × list customers", F::DuplicateAddresses, O::ListCustomers,
        E::Success);
    row("duplicate addresses × get bounces", F::DuplicateAddresses, O::GetBounces, E::Success);
    row("duplicate addresses × delete", F::DuplicateAddresses, O::Delete, E::Success);
    row("unknown to the server × list customers", F::UnknownToServer, O::ListCustomers, E::Success);
    row("unknown to the server × get bounces", F::UnknownToServer, O::GetBounces, E::Failure,
        {QStringLiteral("HTTP 400"), QStringLiteral("User does not exist")});
    row("unknown to the server × delete", F::UnknownToServer, O::Delete, E::Success);
}

} // namespace FaultMatrix
