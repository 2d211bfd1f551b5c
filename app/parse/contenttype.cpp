#include "contenttype.h"

#include <QList>

bool isAcceptableContentType(const QByteArray &contentType) {
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    if (mediaType.isEmpty())
        return true; // no claim: the body sniffing decides
    // Generic labels are let through too: servers (and other emulators of this API) send JSON
    // as text/plain, text/javascript or octet-stream, and the body sniffing still decides.
    // An HTML page (text/html) is never data.
    static const char *const exact[] = {"application/json",
                                        "text/json",
                                        "application/xml",
                                        "text/xml",
                                        "text/plain",
                                        "text/javascript",
                                        "application/javascript",
                                        "application/octet-stream"};
    for (const char *type : exact) {
        if (mediaType == type)
            return true;
    }
    const qsizetype slash = mediaType.indexOf('/');
    if (mediaType.endsWith("html+xml")) // application/xhtml+xml is a page, not data
        return false;
    return slash > 0 && slash + 1 < mediaType.size() &&
           (mediaType.endsWith("+json") || mediaType.endsWith("+xml"));
}
