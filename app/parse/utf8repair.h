#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>

// Whole small JSON bodies (customer lists, delete results, error bodies) read with Qt's JSON
// reader, which refuses a whole document for one invalid UTF-8 byte. A customer list relays
// names typed anywhere: invalid sequences become U+FFFD instead, as the bounce parsers do.
// (XML bodies get the same from XmlTextDecoder, in XmlDocument.)

// `json` starts at its first significant byte or before (a BOM, white space).
QJsonDocument parseJsonRepairingUtf8(QByteArrayView json, QJsonParseError *error = nullptr);
