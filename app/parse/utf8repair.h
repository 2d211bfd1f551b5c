#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>

// Whole small bodies (customer lists, delete results, error bodies) read with Qt's JSON and XML
// readers, which refuse a whole document for one invalid UTF-8 byte. A customer list relays
// names typed anywhere: invalid sequences become U+FFFD instead, as the bounce parsers do.

// `json` starts at its first significant byte or before (a BOM, white space).
QJsonDocument parseJsonRepairingUtf8(QByteArrayView json, QJsonParseError *error = nullptr);
// The same for XML that declares UTF-8, or no encoding; any other declared encoding (such as
// ISO-8859-1) cannot be invalid and is returned as it is.
QByteArray xmlRepairingUtf8(QByteArrayView xml);
