#pragma once

#include "deletionentry.h"

#include <QByteArray>
#include <QStringList>

// The deletion record as CSV, the same for `bouncedesk history` and the window's Deletion
// history export: RFC 4180 records with CRLF, cells encoded as CsvWriter encodes them
// (neutralised against spreadsheet formulas unless asked otherwise).
namespace DeletionHistoryCsv {

// "time,user,api,customer,list,email,outcome,detail\r\n" (exact: scripts read it).
QByteArray header();
QByteArray record(const DeletionEntry &entry, bool neutraliseFormulas);
// The record's cells in the header's order, as text (the window's table shows the same).
QStringList cells(const DeletionEntry &entry);

} // namespace DeletionHistoryCsv
