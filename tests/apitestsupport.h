#pragma once

// Shared by the network tests (tst_apicall, tst_resellerclient, tst_deletequeue): settings
// that point at a SandboxServer and keep retries fast, and shorthands for faults.

#include "api/apisettings.h"
#include "sandbox/sandboxserver.h"

#include <QString>

namespace ApiTest {

// A key no message may ever contain: distinctive, with characters that need encoding.
inline QString secretKey() {
    return QStringLiteral("SG.t0p-Secret+Key/With=Odd&Chars");
}
inline QString user() {
    return QStringLiteral("reseller-under-test");
}

inline ApiSettings settingsFor(const SandboxServer &server,
                               ResponseFormat format = ResponseFormat::Json) {
    ApiSettings settings;
    settings.baseUrl = server.baseUrl();
    settings.format = format;
    settings.apiUser = user();
    settings.apiKey = secretKey();
    settings.transferTimeoutMs = 3000; // generous: the machine is shared; timeout tests lower it
    settings.maxAttempts = 3;
    settings.retryBaseDelayMs = 10;
    settings.maxRetryDelayMs = 3000;
    return settings;
}

// For tests that hold an answer (SandboxFault::Type::Hold) and release it themselves: a transfer
// timeout that outlasts any test, so the client's clock never ends the wait before the release.
inline ApiSettings patientSettingsFor(const SandboxServer &server,
                                      ResponseFormat format = ResponseFormat::Json) {
    ApiSettings settings = settingsFor(server, format);
    settings.transferTimeoutMs = 10 * 60'000;
    return settings;
}

inline SandboxFault fault(SandboxFault::Type type, const QString &call, int times = 1) {
    SandboxFault f;
    f.type = type;
    f.call = call;
    f.times = times;
    return f;
}

inline int countRequests(const SandboxServer &server, const QString &method, const QString &task) {
    int count = 0;
    const QList<SandboxRequest> requests = server.requests();
    for (const SandboxRequest &request : requests) {
        if (request.method == method && request.task == task)
            ++count;
    }
    return count;
}

} // namespace ApiTest
