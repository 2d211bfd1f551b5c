#pragma once

#include <QString>

// The body format a v2 reseller call asks for with its URL suffix (.json / .xml).
enum class ResponseFormat { Json, Xml };

QString responseFormatName(ResponseFormat format); // "json" / "xml"
// Accepts "json" / "xml" in any case; returns false for anything else.
bool parseResponseFormat(QStringView text, ResponseFormat *format);
