#pragma once

#include "apierror.h"
#include "apisettings.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

using FormFields = QList<QPair<QString, QString>>;

// Form-encodes fields for application/x-www-form-urlencoded, percent-encoding every byte that
// is not unreserved — so a '+' in an address arrives as a '+', not as a space.
QByteArray encodeForm(const FormFields &fields);

// One logical POST to reseller.manage, with the policy every call shares: credentials in the
// body (never the URL), a transfer timeout told apart from a user abort, retries with backoff
// for 5xx and connection failures, waiting out 429 (Retry-After / X-RateLimit-Reset), and a
// body that is judged (status, content type, error shapes) before anyone treats it as data.
//
// In streaming mode the body is handed out chunk by chunk (bodyChunk) once the status and
// content type say it is data; a retry is then only attempted while no chunk was handed out.
// In buffered mode the whole body (bounded) arrives with succeeded().
//
// Exactly one of succeeded() / failed() is emitted, unless cancel() was called, after which
// nothing is emitted. The call deletes itself later after finishing or cancelling.
class ApiCall final : public QObject {
    Q_OBJECT
public:
    enum class Mode { Buffered, Streaming };

    ApiCall(QNetworkAccessManager *network, const ApiSettings &settings, FormFields fields,
            Mode mode, QObject *parent = nullptr);
    ~ApiCall() override;

    void start();
    void cancel(); // silent: no further signals
    bool isFinished() const { return m_finished; }
    int attempts() const { return m_attempt; }

    static constexpr qsizetype maxBufferedBody = 64 * 1024 * 1024;

Q_SIGNALS:
    void bodyChunk(const QByteArray &chunk); // streaming mode only
    void succeeded(const QByteArray &body);  // buffered: the body; streaming: empty
    void failed(const ApiError &error);
    void retrying(int attempt, int delayMs, const QString &why); // for status lines / logs

private:
    void sendAttempt();
    void onReadyRead();
    void onFinished(QNetworkReply *reply);
    bool judgeHeaders(QNetworkReply *reply); // false: body is not data (error read at finish)
    void retryOrFail(const ApiError &error, int delayMs);
    void finishWith(const ApiError &error);
    int retryDelayFor(QNetworkReply *reply, int attempt) const;

    QNetworkAccessManager *m_network;
    ApiSettings m_settings;
    FormFields m_fields;
    Mode m_mode;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer;
    QByteArray m_buffer;          // buffered mode, or a streaming body that is not data
    bool m_streamingData = false; // headers judged: chunks go out as data
    bool m_emittedChunks = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    int m_attempt = 0;
    qint64 m_bytesReceived = 0;
};
