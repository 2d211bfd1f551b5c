#pragma once

#include <QByteArray>

// Content types the API may legitimately answer with: JSON, XML and the generic labels some
// servers put on them. An HTML page is never data. An empty content type is accepted: the body
// sniffing (bodysyntax.h) decides.
bool isAcceptableContentType(const QByteArray &contentType);
