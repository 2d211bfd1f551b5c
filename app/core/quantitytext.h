#pragma once

#include <QString>

// Counts and sizes in messages, independent of the system locale, so a message reads the same
// on every machine and in logs: "1,234", "1 byte", "1,234 bytes", "1.2 MB", "2.35 GB".
QString countText(qint64 count);
QString sizeText(qint64 bytes);
